"""The Spark job in local mode: its tables, a killed worker retried, and ``sitroom load``."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from spark_support import Job

from sitroom import pipeline
from sitroom.cli import main
from sitroom.errors import ConfigError
from sitroom.export import export_records
from sitroom.load import load_results
from sitroom.settings import Settings
from sitroom.store import SQLiteStore

pytestmark = pytest.mark.spark

KINDS = ("articles", "events", "quotes", "stories", "places", "actors", "dates")


def _export(db: Path) -> dict[str, list[dict[str, object]]]:
    out: dict[str, list[dict[str, object]]] = {}
    with SQLiteStore.open(db) as store:
        for kind in KINDS:
            buffer = io.StringIO()
            export_records(store, kind, "jsonl", buffer)
            records = [json.loads(line) for line in buffer.getvalue().splitlines()]
            for record in records:
                record.pop("ingested_at", None)  # the time of storing, not of the content
            out[kind] = sorted(records, key=lambda r: json.dumps(r, sort_keys=True))
    return out


@pytest.fixture(scope="module")
def run_db(spark_job: Job, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store ``sitroom run`` makes of the same inputs."""
    db = tmp_path_factory.mktemp("run") / "run.db"
    with SQLiteStore.open(db) as store:
        pipeline.run(spark_job.inputs, store=store, settings=Settings(db=db))
    return db


@pytest.fixture(scope="module")
def loaded_db(spark_job: Job, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh store the job's output was loaded into, by the command line."""
    db = tmp_path_factory.mktemp("load") / "load.db"
    result = CliRunner().invoke(main, ["load", str(spark_job.out), "--db", str(db)])
    # The job's inputs include bad files: load relays them, and exits 1 as `run` would.
    assert result.exit_code == 1, result.output
    assert "new articles stored" in result.output
    return db


def test_tables_are_partitioned_by_publication_date(spark_job: Job) -> None:
    for table in ("analysed", "articles", "events", "quotes", "place_mentions", "story_links"):
        folders = {p.name for p in (spark_job.out / table).iterdir() if p.is_dir()}
        assert "date=2014-06-17" in folders, table
    articles = {p.name for p in (spark_job.out / "articles").iterdir() if p.is_dir()}
    assert {"date=2014-06-18", "date=2014-08-02", "date=unknown"} <= articles
    events = pq.read_table(spark_job.out / "events").to_pylist()
    assert events
    assert all(json.loads(e["record"])["id"] == e["event_id"] for e in events)
    manifest = json.loads((spark_job.out / "manifest.json").read_text())
    assert manifest["articles"] == spark_job.report.articles == 8
    assert manifest["analysed"] == 7  # all but the French one


def test_killed_worker_is_retried_and_output_complete(spark_job: Job, run_db: Path) -> None:
    assert spark_job.crash_marker.exists()  # a Python worker did exit on its first task
    found = {r["article_id"] for r in pq.read_table(spark_job.out / "articles").to_pylist()}
    with SQLiteStore.open(run_db) as store:
        stored = {article.id for article in store.iter_articles()}
    assert found == stored


def test_bad_inputs_are_reported_not_fatal(spark_job: Job) -> None:
    problems = {(p.path, p.line) for p in spark_job.report.problems}
    assert (str(spark_job.bad_json), 2) in problems
    assert any(path == str(spark_job.empty) for path, _ in problems)
    assert any(path == str(spark_job.missing) for path, _ in problems)
    table = pq.read_table(spark_job.out / "problems").to_pylist()
    assert {(r["path"], r["line"]) for r in table} == problems


def test_load_gives_what_run_gives(loaded_db: Path, run_db: Path) -> None:
    loaded, ran = _export(loaded_db), _export(run_db)
    assert all(ran[kind] for kind in ("events", "quotes", "stories"))
    for kind in KINDS:
        assert loaded[kind] == ran[kind], kind
    duplicates = [a for a in loaded["articles"] if a["duplicate_of"]]
    assert len(duplicates) == 1


def test_spark_stories_cover_every_analysed_article(spark_job: Job, run_db: Path) -> None:
    links = pq.read_table(spark_job.out / "story_links").to_pylist()
    assert len(links) == len({link["article_id"] for link in links}) == 7
    ran = _export(run_db)
    # On a corpus smaller than one block, blocked linking is linking: the same stories.
    assert {s["id"] for s in ran["stories"]} == {link["story_id"] for link in links}


def test_load_twice_changes_nothing(spark_job: Job, loaded_db: Path) -> None:
    before = _export(loaded_db)
    with SQLiteStore.open(loaded_db) as store:
        report = load_results(spark_job.out, store=store, settings=Settings(db=loaded_db))
    assert (report.new, report.analysed, report.linked) == (0, 0, 0)
    assert report.already_stored == 8
    assert _export(loaded_db) == before


def test_load_reports_bad_and_missing_parts(spark_job: Job, tmp_path: Path) -> None:
    copy = tmp_path / "out"
    shutil.copytree(spark_job.out, copy)
    part = next((copy / "analysed").rglob("*.parquet"))
    part.write_bytes(b"not parquet at all")
    with SQLiteStore.open(tmp_path / "s.db") as store:
        report = load_results(copy, store=store, settings=Settings(), link=False)
    assert any(p.path == str(part) and "Parquet" in p.reason for p in report.problems)
    assert report.new > 0  # the other parts went in
    (copy / "manifest.json").unlink()
    with SQLiteStore.open(tmp_path / "t.db") as store, pytest.raises(ConfigError, match="did not"):
        load_results(copy, store=store, settings=Settings())
