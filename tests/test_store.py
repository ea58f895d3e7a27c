"""The SQLite store: migrations, one transaction per article, search, statistics."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitroom.errors import MigrationError, NotFoundError, StoreError
from sitroom.records import Article, Metadata
from sitroom.store import SQLiteStore, load_migrations


def make_article(text: str, **meta: str | None) -> Article:
    from sitroom.clean import article_id

    return Article(
        id=article_id(text),
        text=text,
        raw_text=text,
        metadata=Metadata(**meta),  # type: ignore[arg-type]
        source="test.txt",
        language="en",
        ingested_at="2026-11-25T12:00:00Z",
    )


def test_fresh_store_is_at_latest_schema(store: SQLiteStore) -> None:
    assert store.schema_version == load_migrations()[-1].version
    assert store.integrity_problems() == []


def test_reopening_applies_nothing_twice(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    SQLiteStore.open(path).close()
    with SQLiteStore.open(path) as again:
        rows = again._db.execute("SELECT count(*) FROM schema_migrations").fetchone()[0]
        assert rows == len(load_migrations())


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    SQLiteStore.open(path).close()
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 999")
    with pytest.raises(MigrationError, match="newer"):
        SQLiteStore.open(path)


def test_unopenable_path_is_a_store_error(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    with pytest.raises(StoreError):
        SQLiteStore.open(folder)


def test_add_get_and_idempotence(store: SQLiteStore) -> None:
    article = make_article("Rebels took the town on Monday.", title="Town taken", outlet="Wire")
    assert store.add_article(article, signature=b"x") is True
    assert store.add_article(article, signature=b"x") is False
    assert store.count("articles") == 1
    assert store.get_article(article.id) == article
    assert [a.id for a in store.iter_articles()] == [article.id]
    with pytest.raises(NotFoundError):
        store.get_article("a_missing")


def test_article_without_time_is_refused(store: SQLiteStore) -> None:
    from dataclasses import replace

    with pytest.raises(StoreError, match="ingested_at"):
        store.add_article(replace(make_article("Some text."), ingested_at=None))


def test_failed_transaction_leaves_nothing(store: SQLiteStore) -> None:
    article = make_article("Troops left the base at dawn.")

    def interrupted_write() -> None:
        with store.transaction() as db:
            db.execute(
                "INSERT INTO articles (id, text, raw_text, ingested_at) VALUES (?, ?, ?, ?)",
                (article.id, article.text, article.text, "2026-01-01T00:00:00Z"),
            )
            raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        interrupted_write()
    assert store.count("articles") == 0
    assert store.integrity_problems() == []


def test_search_ranks_and_survives_bad_syntax(store: SQLiteStore) -> None:
    store.add_article(make_article("Flooding closed the bridge in the valley.", title="Floods"))
    store.add_article(make_article("The council met to discuss the budget.", title="Budget"))
    hits = store.search("bridge")
    assert [h.title for h in hits] == ["Floods"]
    assert "[bridge]" in hits[0].snippet
    assert [h.title for h in store.search('budget AND "(')] == ["Budget"]
    assert store.search('"') == []


def test_stats_counts(store: SQLiteStore) -> None:
    store.add_article(make_article("One text here.", outlet="A", published="2014-06-16"))
    store.add_article(make_article("Another text here.", outlet="A", published="2014-06-17"))
    stats = store.stats()
    assert stats.articles == 2
    assert stats.outlets == {"A": 2}
    assert (stats.first_published, stats.last_published) == ("2014-06-16", "2014-06-17")
    assert stats.to_json()["events"] == 0


def test_empty_record_kinds(store: SQLiteStore) -> None:
    for kind in ("events", "quotes", "places", "stories"):
        assert list(store.iter_records(kind)) == []  # type: ignore[arg-type]
    with pytest.raises(StoreError):
        list(store.iter_records("nothing"))  # type: ignore[arg-type]


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=st.text(min_size=1).filter(lambda t: t.strip() != ""),
    title=st.none() | st.text(),
    outlet=st.none() | st.text(),
)
def test_any_article_round_trips(store: SQLiteStore, text: str, title: str | None,
                                 outlet: str | None) -> None:
    article = make_article(text, title=title, outlet=outlet)
    inserted = store.add_article(article)
    stored = store.get_article(article.id)
    # Examples share one store: a text seen before keeps the metadata it was first stored with.
    assert stored == article if inserted else stored.text == article.text
    assert store.integrity_problems() == []
