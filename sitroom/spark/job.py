"""The Spark job: inputs to Parquet tables of articles, analyses, events, quotes, places, stories.

The job has two stages. The first is a ``mapInArrow`` over the input files (large JSONL files
split between several tasks) whose function reads, cleans, marks the language of and analyses
with the plain library functions, the analyser loaded once per Python worker. Its rows are
written partitioned by publication date (``date=YYYY-MM-DD``, ``date=unknown`` without one), and
flat tables of articles, events, quotes and place mentions are derived from them. The second is
the cross-article stage, a grouped ``applyInArrow``: articles are blocked by time (blocks of
``block_days``, each also shown the last window of the block before it) and each block is linked
into stories and its stories' events merged, by the same functions as ``sitroom run``.

Output folders under ``out``: ``analysed`` (what ``sitroom load`` reads), ``articles``,
``events``, ``quotes``, ``place_mentions``, ``story_links``, ``stories``, ``story_events``,
``problems``, and ``manifest.json``, written last, which marks a finished job.
"""

from __future__ import annotations

import functools
import json
import math
import os
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitroom.errors import ConfigError
from sitroom.load import FORMAT_VERSION, MANIFEST
from sitroom.records import Problem
from sitroom.spark import work
from sitroom.spark.work import BlockOptions, WorkOptions

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

SHARD_BYTES = 256 * 1024
"""A JSONL or JSON file is shared between tasks, one for each this many bytes of it."""
SHARDED_KINDS = frozenset({"jsonl", "json"})
TABLES = ("articles", "events", "quotes", "place_mentions")


@dataclass(frozen=True, slots=True)
class JobReport:
    """What a finished job did, as also written to its ``manifest.json``."""

    out: str
    sources: int
    tasks: int
    articles: int
    analysed: int
    skipped: int
    stories: int
    version: str | None
    seconds: float
    problems: tuple[Problem, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            "format": FORMAT_VERSION,
            "out": self.out,
            "sources": self.sources,
            "tasks": self.tasks,
            "articles": self.articles,
            "analysed": self.analysed,
            "skipped": self.skipped,
            "stories": self.stories,
            "version": self.version,
            "seconds": self.seconds,
            "problems": [
                {"path": p.path, "reason": p.reason, "line": p.line, "severity": p.severity}
                for p in self.problems
            ],
        }


@dataclass(frozen=True, slots=True)
class JobOptions:
    """How the job runs: the work done in tasks, the blocking, and the size of a task."""

    work: WorkOptions = field(default_factory=WorkOptions)
    blocks: BlockOptions = field(default_factory=BlockOptions)
    shard_bytes: int = SHARD_BYTES


def spark_session(
    master: str | None = "local[2,4]",
    *,
    app_name: str = "sitroom",
    config: Mapping[str, str] | None = None,
) -> SparkSession:
    """A Spark session; in local mode bound to 127.0.0.1 with the web UI off.

    ``master`` None takes the master from ``spark-submit``. Workers run this interpreter
    (``sys.executable``), so local-mode tasks see the same installed sitroom as the driver.
    ``local[N,R]`` retries a failed task up to R times, where plain ``local[N]`` does not.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise ConfigError("the Spark job needs pyspark: pip install 'sitroom[spark]'") from exc
    builder: Any = SparkSession.builder.appName(app_name)
    settings = {
        "spark.ui.enabled": "false",
        # Partition values such as 2014-06-17 stay strings, and "unknown" sits beside them.
        "spark.sql.sources.partitionColumnTypeInference.enabled": "false",
        "spark.sql.shuffle.partitions": "8",
    }
    if master is not None:
        builder = builder.master(master)
        if master.startswith("local"):
            settings |= {
                "spark.driver.bindAddress": "127.0.0.1",
                "spark.driver.host": "127.0.0.1",
            }
            # PySpark takes the workers' interpreter from this variable, not from a setting;
            # one already set (by the user, or spark-submit) is left alone.
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    for key, value in (settings | dict(config or {})).items():
        builder = builder.config(key, value)
    session: SparkSession = builder.getOrCreate()
    return session


def run_job(
    spark: SparkSession,
    inputs: Sequence[str],
    out: Path,
    *,
    options: JobOptions | None = None,
) -> JobReport:
    """Run the whole job over ``inputs``, writing its tables under ``out``; return its report.

    Problems with single inputs are collected in the report (and the ``problems`` table),
    never raised. Every table is overwritten, so a failed job can simply be run again.
    """
    from pyspark.sql import functions as sf
    from pyspark.sql.pandas.types import from_arrow_schema
    from pyspark.storagelevel import StorageLevel

    from sitroom.ingest import discover

    opts = options or JobOptions()
    began = time.perf_counter()
    manifest = out / MANIFEST
    manifest.unlink(missing_ok=True)
    sources, found = discover(inputs)
    shares = _shares(sources, opts.shard_bytes)
    source_frame = spark.createDataFrame(shares, schema=from_arrow_schema(work.SOURCES_SCHEMA))
    source_frame = source_frame.repartition(max(1, len(shares)))
    analysed_schema = from_arrow_schema(work.ANALYSED_SCHEMA)
    rows = source_frame.mapInArrow(
        functools.partial(work.analyse_sources, options=opts.work), analysed_schema
    ).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        articles = rows.filter(sf.col("kind") == "article")
        _write(articles, out / "analysed", partitioned=True)
        # Problems come to the driver for the report; skipped records (a WARC file's requests
        # and redirects, possibly millions) are only counted.
        failed = rows.filter(sf.col("kind") == "problem").collect()
        skipped = rows.filter(sf.col("kind") == "skipped").count()
    finally:
        rows.unpersist()
    problems = [
        *found,
        *(
            Problem(r["path"], r["reason"], r["line"], r["severity"])
            for r in sorted(failed, key=lambda r: (r["source_index"], r["record_index"]))
        ),
    ]
    problem_rows = [
        tuple(row.get(name) for name in work.ANALYSED_SCHEMA.names)
        for row in work.discovery_problem_rows(problems)
    ]
    _write(
        spark.createDataFrame(problem_rows, schema=analysed_schema).coalesce(1),
        out / "problems",
        partitioned=False,
    )
    # With the schema given, a job that found no article still reads an (empty) table.
    stored = spark.read.schema(analysed_schema).parquet(str(out / "analysed"))
    for kind in TABLES:
        table = stored.mapInArrow(
            functools.partial(work.flatten, kind), from_arrow_schema(work.FLAT_SCHEMAS[kind])
        )
        _write(table, out / kind, partitioned=True)
    stories = _cross_article(stored, out, opts)
    counts = {
        r["key"]: r["n"]
        for r in stored.select(
            sf.when(sf.col("analysis").isNull(), "plain").otherwise("analysed").alias("key")
        )
        .groupBy("key")
        .agg(sf.count("*").alias("n"))
        .collect()
    }
    versions = [r["version"] for r in stored.select("version").distinct().collect() if r["version"]]
    report = JobReport(
        out=str(out),
        sources=len(sources),
        tasks=len(shares),
        articles=counts.get("plain", 0) + counts.get("analysed", 0),
        analysed=counts.get("analysed", 0),
        skipped=skipped,
        stories=stories,
        version=versions[0] if len(versions) == 1 else None,
        seconds=round(time.perf_counter() - began, 2),
        problems=tuple(problems),
    )
    manifest.write_text(json.dumps(report.to_json(), indent=1), encoding="utf-8")
    return report


def _shares(sources: Sequence[Any], shard_bytes: int) -> list[tuple[int, str, str, int, int]]:
    out: list[tuple[int, str, str, int, int]] = []
    for index, source in enumerate(sources):
        shards = 1
        if source.kind in SHARDED_KINDS:
            try:
                shards = max(1, math.ceil(os.path.getsize(source.path) / shard_bytes))
            except OSError:
                shards = 1  # the task reading it reports the problem
        out.extend((index, source.path, source.kind, k, shards) for k in range(shards))
    return out


def _cross_article(stored: DataFrame, out: Path, opts: JobOptions) -> int:
    """Link the analysed articles into stories block by block; return how many stories."""
    from pyspark.sql import functions as sf
    from pyspark.sql.pandas.types import from_arrow_schema
    from pyspark.storagelevel import StorageLevel

    settings = opts.work.settings
    profiles = stored.mapInArrow(
        functools.partial(work.profile_rows, settings=settings, options=opts.blocks),
        from_arrow_schema(work.PROFILE_SCHEMA),
    )
    linked = (
        profiles.groupBy("block")
        .applyInArrow(
            work.block_linker(settings, opts.blocks),
            from_arrow_schema(work.LINKED_SCHEMA),
        )
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    try:
        kind = sf.col("kind")
        links = linked.filter(kind == "link").select(
            "story_id", "article_id", "similarity", "block", "date"
        )
        _write(links, out / "story_links", partitioned=True)
        for name, wanted in (("stories", "story"), ("story_events", "event")):
            part = linked.filter(kind == wanted).select("story_id", "block", "record", "date")
            _write(part, out / name, partitioned=True)
        return int(linked.filter(kind == "story").count())
    finally:
        linked.unpersist()


def _write(frame: DataFrame, path: Path, *, partitioned: bool) -> None:
    writer = frame.write.mode("overwrite")
    if partitioned:
        writer = writer.partitionBy("date")
    writer.parquet(str(path))
