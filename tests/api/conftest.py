"""Fixtures for the REST API: a store of the two samples, a store of events we make up, clients."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sitroom.analyse import Analyser
from sitroom.api import ApiConfig, create_app
from sitroom.pipeline import Resources, load_linker, run
from sitroom.settings import Settings
from sitroom.store import SQLiteStore, open_store


@pytest.fixture(scope="session")
def samples_db(
    tmp_path_factory: pytest.TempPathFactory,
    samples_dir: Path,
    analyser: Analyser,
    resources: Resources,
) -> Path:
    """A store holding the two sample reports, analysed and linked (built once)."""
    path = tmp_path_factory.mktemp("api") / "samples.db"
    settings = Settings(db=path)
    with SQLiteStore.open(path) as store:
        report = run(
            [str(samples_dir)],
            store=store,
            settings=settings,
            resources=resources,
            analyser=analyser,
            linker=load_linker(),
        )
    assert report.ok
    return path


@pytest.fixture(scope="session")
def samples_client(samples_db: Path) -> Iterator[TestClient]:
    """A client of the read-only app over the samples store."""
    with TestClient(create_app(ApiConfig(db=samples_db))) as client:
        yield client


def make_event(number: int, **fields: Any) -> dict[str, Any]:
    """An event record in the CONTRACT.md shape, with the given fields replaced."""
    record: dict[str, Any] = {
        "id": f"e_{number:04d}",
        "type": "ASSAULT",
        "mode": None,
        "acled": {"event_type": "Battles", "sub_event_type": "Armed clash"},
        "summary": f"event {number}",
        "actors": [],
        "targets": [],
        "place": None,
        "date": None,
        "fatalities": None,
        "modality": "asserted",
        "attributed_to": None,
        "sources": [],
        "n_sources": 1,
        "conflicts": [],
    }
    record.update(fields)
    return record


def place(lat: float, lon: float, name: str = "Somewhere") -> dict[str, Any]:
    """An event place at the given coordinates."""
    return {"name": name, "text": name, "lat": lat, "lon": lon, "precision": "town"}


def day(start: str, end: str | None = None) -> dict[str, Any]:
    """An event date of one day, or of a range."""
    return {"start": start, "end": end or start, "precision": "day", "text": start}


def put_events(location: str | Path, events: list[dict[str, Any]]) -> None:
    """Store merged events (no article) directly, as the link stage does."""
    with open_store(location) as store, store.transaction() as db:
        db.execute("DELETE FROM events")
        db.executemany(
            "INSERT INTO events (id, story_id, article_id, record) VALUES (?, NULL, NULL, ?)",
            [(event["id"], json.dumps(event)) for event in events],
        )


@pytest.fixture
def made_up(
    tmp_path: Path, store_location: str | Path
) -> Callable[[list[dict[str, Any]]], TestClient]:
    """Build a client over a store holding exactly the given events (on each backend)."""

    def build(events: list[dict[str, Any]]) -> TestClient:
        # The SQLite variant keeps its own file name; the PostgreSQL one is a fresh schema.
        location = store_location if isinstance(store_location, str) else tmp_path / "made_up.db"
        put_events(location, events)
        return TestClient(create_app(ApiConfig(db=location)))

    return build
