"""Analysis on worker processes: the same results as in one process, failures reported."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sitroom import pipeline
from sitroom.analyse import Analyser
from sitroom.errors import AnalysisError
from sitroom.pipeline import Resources
from sitroom.settings import Settings
from sitroom.store import SQLiteStore, Store, open_store

KINDS = ("events", "quotes", "places", "actors", "dates")


def analysed(store: Store) -> dict[str, list[Any]]:
    ids = [article.id for article in store.iter_articles()]
    return {kind: [list(store.iter_records_of(kind, i)) for i in ids] for kind in KINDS}


def test_two_workers_store_what_one_process_stores(
    tmp_path: Path,
    samples_dir: Path,
    analyser: Analyser,
    resources: Resources,
    store_location: str | Path,
) -> None:
    one = Settings(db=tmp_path / "one.db")
    with SQLiteStore.open(one.db) as store:
        pipeline.ingest([str(samples_dir)], store=store, settings=one, resources=resources)
        pipeline.analyse_pending(store, analyser=analyser)
        expected = analysed(store)
    two = Settings(db=tmp_path / "two.db", workers=2)
    with open_store(store_location) as store:
        report = pipeline.run([str(samples_dir)], store=store, settings=two, resources=resources)
        assert report.analysed == 2
        assert analysed(store) == expected


def test_a_worker_that_cannot_load_stops_the_stage(
    tmp_path: Path, samples_dir: Path, resources: Resources
) -> None:
    settings = Settings(db=tmp_path / "bad.db", workers=2, model="no_such_model_package")
    with SQLiteStore.open(settings.db) as store:
        with pytest.raises(AnalysisError, match="could not load the analyser"):
            pipeline.run([str(samples_dir)], store=store, settings=settings, resources=resources)
        assert store.count("articles") == 2
        assert store.count("analyses") == 0
