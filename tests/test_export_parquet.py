"""Parquet exports: typed flat tables that DuckDB reads as they are."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from test_export import EVENT, insert_event

from sitroom.cli import main
from sitroom.export_parquet import export_parquet
from sitroom.settings import Settings
from sitroom.store import SQLiteStore


def sql(query: str) -> list[tuple[object, ...]]:
    with duckdb.connect() as db:
        return db.execute(query).fetchall()


def test_events_keep_their_types_and_their_record(store: SQLiteStore, tmp_path: Path) -> None:
    insert_event(store)
    path = tmp_path / "events.parquet"
    names = {"IRQ": ("Iraq", 368)}
    assert export_parquet(store, "events", path, country_names=lambda: names) == 1
    (row,) = sql(
        f"SELECT event_date, fatalities, latitude, country, plover_mode, record FROM '{path}'"
    )
    assert row[:5] == ("2014-06-15", 12, 36.0, "Iraq", "occupy")
    assert json.loads(str(row[5])) == EVENT
    types = {name: kind for name, kind, *_ in sql(f"DESCRIBE SELECT * FROM '{path}'")}
    assert (types["year"], types["latitude"], types["notes"]) == ("BIGINT", "DOUBLE", "VARCHAR")


def test_an_empty_kind_is_a_valid_empty_table(store: SQLiteStore, tmp_path: Path) -> None:
    path = tmp_path / "quotes.parquet"
    assert export_parquet(store, "quotes", path) == 0
    assert sql(f"SELECT count(*) FROM '{path}'") == [(0,)]
    assert "speaker_name" in [name for name, *_ in sql(f"DESCRIBE SELECT * FROM '{path}'")]


def test_cli_needs_a_file_for_parquet(settings: Settings, tmp_path: Path) -> None:
    with SQLiteStore.open(settings.db) as store:
        insert_event(store)
    runner = CliRunner()
    db = ["--db", str(settings.db)]
    refused = runner.invoke(main, ["export", "events", "--format", "parquet", *db])
    assert refused.exit_code == 2
    assert "-o" in refused.output
    out = tmp_path / "e.parquet"
    done = runner.invoke(main, ["export", "events", "--format", "parquet", "-o", str(out), *db])
    assert done.exit_code == 0, done.output
    assert sql(f"SELECT count(*) FROM '{out}'") == [(1,)]
    assert not list(tmp_path.glob(".e.parquet.*"))


@pytest.mark.parametrize("kind", ["articles", "places", "actors", "dates", "stories"])
def test_every_kind_exports(store: SQLiteStore, tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"{kind}.parquet"
    assert export_parquet(store, kind, path) == 0
    assert path.exists()
