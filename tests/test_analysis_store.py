"""Storing analyses: one transaction per article, versions, resuming, re-analysis."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from sitroom import pipeline
from sitroom.errors import StoreError
from sitroom.pipeline import Resources
from sitroom.records import (
    ActorMention,
    Analysis,
    Article,
    DateMention,
    GazetteerEntry,
    Metadata,
    PlaceMention,
)
from sitroom.settings import Settings
from sitroom.store import SQLiteStore

TEXT = "Flood water reached Riverton on Monday, the mayor said."


class FakeAnalyser:
    """Finds the word 'Riverton' as a place, 'the mayor' as an actor and 'Monday' as a date."""

    def __init__(self, version: str = "v1", batch_size: int = 2) -> None:
        self.version = version
        self.batch_size = batch_size
        self.seen: list[str] = []

    def analyse(self, articles: Sequence[Article]) -> Iterator[Analysis]:
        for article in articles:
            self.seen.append(article.id)
            start = article.text.find("Riverton")
            entry = GazetteerEntry(1, "Riverton", 1.0, 2.0, "USA", "Wyoming", "town", 100)
            yield Analysis(
                article_id=article.id,
                places=(PlaceMention(article.id, start, start + 8, "Riverton", entry, 0.9),),
                actors=(
                    ActorMention(article.id, 41, 50, "the mayor", "mayor", None, None, "GOV", 0,
                                 kind="pattern"),
                ),
                dates=(
                    DateMention(article.id, 32, 38, "Monday", "2020-01-06", "2020-01-06", "day",
                                "2020-01-06"),
                ),
            )


def write(folder: Path, n: int, language: str = "en") -> None:
    for i in range(n):
        text = f"{TEXT} Report {i} of {n} about sandbag {i * 11} on levee {i * 7}."
        record = {"text": text, "language": language}
        (folder / f"r{i}.jsonl").write_text(json.dumps(record) + "\n")


def test_run_analyses_each_article_once(
    tmp_path: Path, store: SQLiteStore, settings: Settings, resources: Resources
) -> None:
    write(tmp_path, 3)
    analyser = FakeAnalyser()
    args = {"store": store, "settings": settings, "resources": resources, "analyser": analyser}
    report = pipeline.run([str(tmp_path)], **args)  # type: ignore[arg-type]
    assert report.analysed == 3
    assert store.count("analyses") == 3
    assert store.count("place_mentions") == store.count("actor_mentions") == 3
    place = next(store.iter_records("places"))
    assert (place["name"], place["lat"], place["country"], place["feature"]) == (
        "Riverton", 1.0, "USA", "town")
    again = pipeline.run([str(tmp_path)], **args)  # type: ignore[arg-type]
    assert again.analysed == 0
    assert len(analyser.seen) == 3


def test_new_version_reanalyses_and_replaces(
    tmp_path: Path, store: SQLiteStore, settings: Settings, resources: Resources
) -> None:
    write(tmp_path, 2)
    pipeline.run([str(tmp_path)], store=store, settings=settings, resources=resources,
                 analyser=FakeAnalyser())  # type: ignore[arg-type]
    newer = FakeAnalyser(version="v2")
    assert pipeline.analyse_pending(store, analyser=newer) == 2  # type: ignore[arg-type]
    assert store.count("date_mentions") == 2
    (article_id,) = store.articles_to_analyse("v3")[:1]
    records = list(store.iter_records_of("dates", article_id))
    assert [r["date_start"] for r in records] == ["2020-01-06"]


def test_non_english_articles_are_not_analysed(
    tmp_path: Path, store: SQLiteStore, settings: Settings, resources: Resources
) -> None:
    write(tmp_path, 2, language="fr")
    report = pipeline.run([str(tmp_path)], store=store, settings=settings, resources=resources,
                          analyser=FakeAnalyser())  # type: ignore[arg-type]
    assert (report.new, report.not_english, report.analysed) == (2, 2, 0)


def test_failed_analysis_write_leaves_nothing(store: SQLiteStore) -> None:
    article = Article(id="a_1", text=TEXT, raw_text=TEXT, metadata=Metadata(), source="t",
                      language="en", ingested_at="2026-01-01T00:00:00Z")
    store.add_article(article)
    (analysis,) = FakeAnalyser().analyse([article])
    # The mentions of an article that is not stored break a foreign key half-way through.
    broken = replace(analysis, article_id="a_missing")
    with pytest.raises(StoreError):
        store.save_analysis(broken, version="v1", analysed_at="2026-01-01T00:00:00Z")
    assert store.count("place_mentions") == 0
    assert store.count("analyses") == 0


def test_events_and_quotes_are_stored_and_replaced(store: SQLiteStore) -> None:
    from sitroom.records import Event, EventActor, EventSource, Quote, Speaker

    article = Article(id="a_1", text=TEXT, raw_text=TEXT, metadata=Metadata(), source="t",
                      language="en", ingested_at="2026-01-01T00:00:00Z")
    store.add_article(article)
    (base,) = FakeAnalyser().analyse([article])
    event = Event(
        id="e_1", type="ASSAULT", mode=None, acled_event_type=None, acled_sub_event_type=None,
        summary="Flood reached Riverton", actors=(EventActor("mayor", None, "GOV"),), targets=(),
        place=base.places[0], date=base.dates[0], fatalities=None, modality="asserted",
        attributed_to="the mayor", sources=(EventSource("a_1", None, 0, len(TEXT), TEXT),),
    )
    quote = Quote(id="q_1", article_id="a_1", text="Flood water reached Riverton on Monday",
                  start=0, end=38, direct=False, cue="said",
                  speaker=Speaker("the mayor", None, 41, 50))
    analysis = replace(base, events=(event,), quotes=(quote,))
    store.save_analysis(analysis, version="v1", analysed_at="2026-01-01T00:00:00Z")
    (record,) = store.iter_records("events")
    assert record["place"]["name"] == "Riverton"
    assert record["date"]["start"] == "2020-01-06"
    assert record["n_sources"] == 1
    assert next(store.iter_records("quotes"))["speaker"]["name"] == "the mayor"
    store.save_analysis(base, version="v2", analysed_at="2026-01-02T00:00:00Z")
    assert store.count("events") == store.count("quotes") == 0
