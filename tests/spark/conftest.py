"""The Spark suite: skipped without pyspark, except in CI, where SITROOM_REQUIRE_SPARK=1 fails it.

One local Spark session (``local[2,4]``: two task threads, four attempts a task, bound to
127.0.0.1, UI off) and one job over a small corpus serve the whole suite: starting Spark and
loading the model in each Python worker take most of its time.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from sitroom.settings import Settings

SHORT = [
    {
        "title": "Car bomb kills nine in Baghdad market",
        "published": "2014-06-18",
        "outlet": "Test Wire",
        "text": "A car bomb exploded in a crowded market in Baghdad on Tuesday, killing nine "
        "people and wounding at least twenty, police officials said. No group claimed the "
        "attack, which came as Iraqi forces fought insurgents north of the capital.",
    },
    {
        "title": "Nine killed as car bomb hits Baghdad market",
        "published": "2014-06-18",
        "outlet": "Other Paper",
        "text": "A car bomb exploded in a crowded market in Baghdad on Tuesday, killing nine "
        "people and wounding at least twenty, police officials said. No group claimed the "
        "attack, which came as Iraqi forces fought insurgents north of the capital city.",
    },
    {
        "title": "Floods close schools in Dhaka",
        "published": "2014-08-02",
        "text": "Heavy monsoon rain flooded much of Dhaka on Saturday, and the city closed its "
        "schools for two days. The government said three people drowned in the capital.",
    },
    {
        "title": "Sans date",
        "text": "Les pluies ont inondé plusieurs quartiers de la ville samedi, et les écoles "
        "resteront fermées lundi, selon la mairie.",
    },
    {
        "title": "Minister visits Mosul",
        "text": "The defence minister visited Mosul on Monday and met army commanders, his "
        "office said in a statement.",
    },
]


def require_spark() -> None:
    """Skip without pyspark (or Java); fail instead when SITROOM_REQUIRE_SPARK=1 (as in CI)."""
    reason = ""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        reason = "pyspark is not installed: pip install -e '.[spark]'"
    if not reason and shutil.which("java") is None:
        reason = "Spark needs Java on PATH"
    if not reason:
        return
    if os.environ.get("SITROOM_REQUIRE_SPARK") == "1":
        pytest.fail(f"SITROOM_REQUIRE_SPARK=1 but {reason}")
    pytest.skip(reason)


@dataclass(frozen=True, slots=True)
class Job:
    """The corpus, the job's output and report, and the marker of the worker it killed."""

    inputs: list[str]
    out: Path
    report: Any
    crash_marker: Path
    bad_json: Path
    empty: Path
    missing: Path


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
