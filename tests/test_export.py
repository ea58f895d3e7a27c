"""Exports: ACLED-ordered CSV for events, GeoJSON, JSONL."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from sitroom.errors import ExportError
from sitroom.export import acled_row, export_records, load_acled_schema
from sitroom.store import SQLiteStore

EVENT: dict[str, Any] = {
    "id": "e_1",
    "story_id": "s_1",
    "type": "ASSAULT",
    "mode": "occupy",
    "acled": {"event_type": "Battles", "sub_event_type": "Non-state actor overtakes territory"},
    "summary": "Rebels took the hill town",
    "actors": [{"name": "Northern Front", "country": None, "sector": "REB"}],
    "targets": [{"name": "National army", "country": "IRQ", "sector": "MIL"},
                {"name": "Police", "country": "IRQ", "sector": "COP"}],
    "place": {"name": "Hill Town", "geonameid": 1, "lat": 36.0, "lon": 42.0, "country": "IRQ",
              "admin1": "North", "precision": "town"},
    "date": {"start": "2014-06-15", "end": "2014-06-15", "precision": "day", "text": "on Sunday"},
    "fatalities": {"best": 12, "min": 12, "max": None, "text": "dozens were killed"},
    "modality": "asserted",
    "attributed_to": None,
    "sources": [{"article_id": "a_1", "outlet": "Daily", "start": 0, "end": 10, "sentence": "x"}],
    "n_sources": 1,
    "conflicts": [],
}


def test_acled_schema_has_all_sub_event_types() -> None:
    schema = load_acled_schema()
    assert len(schema.disorder_types) == 25
    assert schema.columns[:3] == ("event_id_cnty", "event_date", "year")
    assert schema.all_columns[-4:] == ("modality", "n_sources", "plover_type", "plover_mode")


def test_acled_row() -> None:
    row = acled_row(
        EVENT, schema=load_acled_schema(), country_names=lambda: {"IRQ": ("Iraq", 368)}
    )
    assert row["event_date"] == "2014-06-15"
    assert row["year"] == "2014"
    assert row["time_precision"] == 1
    assert row["geo_precision"] == 1
    assert row["disorder_type"] == "Political violence"
    assert (row["actor1"], row["inter1"]) == ("Northern Front", "Rebel group")
    assert (row["actor2"], row["assoc_actor_2"], row["inter2"]) == (
        "National army", "Police", "State forces")
    assert row["interaction"] == "Rebel group-State forces"
    assert (row["country"], row["iso"], row["location"]) == ("Iraq", 368, "Hill Town")
    assert (row["fatalities"], row["source"], row["plover_mode"]) == (12, "Daily", "occupy")


def insert_event(store: SQLiteStore) -> None:
    with store.transaction() as db:
        db.execute("INSERT INTO events (id, story_id, record) VALUES (?, ?, ?)",
                   (EVENT["id"], EVENT["story_id"], json.dumps(EVENT)))


def test_event_exports(store: SQLiteStore) -> None:
    insert_event(store)
    out = io.StringIO()
    assert export_records(store, "events", "csv", out,
                          country_names=lambda: {"IRQ": ("Iraq", 368)}) == 1
    (row,) = csv.DictReader(io.StringIO(out.getvalue()))
    assert row["sub_event_type"] == "Non-state actor overtakes territory"
    assert row["latitude"] == "36.0"
    geo = io.StringIO()
    assert export_records(store, "events", "geojson", geo) == 1
    collection = json.loads(geo.getvalue())
    assert collection["features"][0]["geometry"]["coordinates"] == [42.0, 36.0]
    assert collection["features"][0]["properties"]["id"] == "e_1"
    lines = io.StringIO()
    export_records(store, "events", "jsonl", lines)
    assert json.loads(lines.getvalue()) == EVENT


def test_bad_requests(store: SQLiteStore) -> None:
    with pytest.raises(ExportError):
        export_records(store, "articles", "geojson", io.StringIO())
    with pytest.raises(ExportError):
        export_records(store, "things", "jsonl", io.StringIO())
    with pytest.raises(ExportError):
        export_records(store, "articles", "xml", io.StringIO())
