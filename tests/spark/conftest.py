"""The Spark suite: skipped without pyspark, except in CI, where SITROOM_REQUIRE_SPARK=1 fails it.

One local Spark session (``local[2,4]``: two task threads, four attempts a task, bound to
127.0.0.1, UI off) and one job over a small corpus serve the whole suite: starting Spark and
loading the model in each Python worker take most of its time.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spark_support import SHORT, Job, require_spark

from sitroom.settings import Settings


@pytest.fixture(scope="session")
def spark_job(samples_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Job:
    """One job over the samples and a few short articles, a worker killed on its first task."""
    require_spark()
    from sitroom.spark.job import JobOptions, run_job, spark_session
    from sitroom.spark.work import WorkOptions

    root = tmp_path_factory.mktemp("spark")
    corpus = root / "corpus"
    corpus.mkdir()
    with (corpus / "short.jsonl").open("w", encoding="utf-8") as handle:
        for record in SHORT:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    bad_json = corpus / "bad.jsonl"
    bad_json.write_text(json.dumps(SHORT[2]).replace("Dhaka", "Khulna") + "\n{not json\n")
    empty = corpus / "empty.txt"
    empty.write_text("")
    missing = root / "missing.txt"
    inputs = [str(samples_dir), str(corpus), str(missing)]
    marker = root / "crashed"
    spark = spark_session("local[2,4]", config={"spark.ui.showConsoleProgress": "false"})
    spark.sparkContext.setLogLevel("FATAL")
    try:
        options = JobOptions(work=WorkOptions(Settings(), crash_once=str(marker)))
        report = run_job(spark, inputs, root / "out", options=options)
    finally:
        spark.stop()
    return Job(inputs, root / "out", report, marker, bad_json, empty, missing)
