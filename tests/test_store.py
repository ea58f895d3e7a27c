"""The store on SQLite and on PostgreSQL: migrations, a transaction per article, search, stats."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sitroom.errors import MigrationError, NotFoundError, StoreError
from sitroom.records import Article, Metadata
from sitroom.store import SQLiteStore, Store, load_migrations, open_store


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


def test_fresh_store_is_at_latest_schema(store: Store) -> None:
    assert store.schema_version == load_migrations()[-1].version
    assert store.integrity_problems() == []


def test_backends_have_the_same_migrations() -> None:
    sqlite = [(m.version, m.name) for m in load_migrations()]
    assert [(m.version, m.name) for m in load_migrations("migrations_postgres")] == sqlite


def test_reopening_applies_nothing_twice(store_location: str | Path) -> None:
    open_store(store_location).close()
    with open_store(store_location) as again:
        rows = again.query("SELECT count(*) FROM schema_migrations")[0][0]
        assert rows == len(load_migrations())


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    SQLiteStore.open(path).close()
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 999")
    with pytest.raises(MigrationError, match="newer"):
        SQLiteStore.open(path)


@pytest.mark.postgres
def test_newer_postgres_schema_is_refused(postgres_url: str) -> None:
    with open_store(postgres_url) as store, store.transaction() as db:
        db.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'x', 'now')"
        )
    with pytest.raises(MigrationError, match="newer"):
        open_store(postgres_url)


def test_unopenable_path_is_a_store_error(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    with pytest.raises(StoreError):
        SQLiteStore.open(folder)


@pytest.mark.postgres
def test_unreachable_server_is_a_store_error_without_password(postgres_server: str) -> None:
    with pytest.raises(StoreError) as caught:
        open_store("postgresql://someone:secret@127.0.0.1:1/nothing?connect_timeout=2")
    assert "secret" not in str(caught.value)
    assert "someone:***@127.0.0.1:1" in str(caught.value)


def test_a_replaced_row_becomes_the_last(store: Store) -> None:
    # Both backends read records in insertion order; replacing a row moves it to the end.
    store.add_article(make_article("A town was taken."))
    (article,) = store.iter_articles()
    sql = store.dialect.replace("quotes", ("id", "article_id", "record"), ("id",))
    with store.transaction() as db:
        for quote in ("q1", "q2", "q1"):
            db.execute(sql, (quote, article.id, f'{{"id": "{quote}"}}'))
    assert [q["id"] for q in store.iter_records("quotes")] == ["q2", "q1"]
    assert store.count("quotes") == 2


def test_add_get_and_idempotence(store: Store) -> None:
    article = make_article("Rebels took the town on Monday.", title="Town taken", outlet="Wire")
    assert store.add_article(article, signature=b"x") is True
    assert store.add_article(article, signature=b"x") is False
    assert store.count("articles") == 1
    assert store.get_article(article.id) == article
    assert [a.id for a in store.iter_articles()] == [article.id]
    with pytest.raises(NotFoundError):
        store.get_article("a_missing")


def test_article_without_time_is_refused(store: Store) -> None:
    from dataclasses import replace

    with pytest.raises(StoreError, match="ingested_at"):
        store.add_article(replace(make_article("Some text."), ingested_at=None))


def test_failed_transaction_leaves_nothing(store: Store) -> None:
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


def test_search_ranks_and_survives_bad_syntax(store: Store) -> None:
    store.add_article(make_article("Flooding closed the bridge in the valley.", title="Floods"))
    store.add_article(make_article("The council met to discuss the budget.", title="Budget"))
    hits = store.search("bridge")
    assert [h.title for h in hits] == ["Floods"]
    assert "[bridge]" in hits[0].snippet
    assert [h.title for h in store.search('budget AND "(')] == ["Budget"]
    assert store.search('"') == []


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("bridge OR budget", {"Floods", "Budget"}),
        ("council NOT budget", set()),
        ("council NOT bridge", {"Budget"}),
        ('"closed the bridge"', {"Floods"}),
        ('"the bridge closed"', set()),
        ("budg*", {"Budget"}),
        ("(valley OR budget) AND council", {"Budget"}),
        ("valley council", set()),
        ("floods", {"Floods"}),
        ("NOT", []),
        ("((", []),
    ],
)
def test_search_syntax_means_the_same_on_both_backends(
    store: Store, query: str, titles: set[str]
) -> None:
    store.add_article(make_article("Flooding closed the bridge in the valley.", title="Floods"))
    store.add_article(make_article("The council met to discuss the budget.", title="Budget"))
    found = [h.title for h in store.search(query)]
    assert set(found) == set(titles)
    assert len(found) == len(set(found))


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(query="\x000")  # a NUL ended FTS5's quoted string early
@given(query=st.text(max_size=40) | st.lists(
    st.sampled_from(["AND", "OR", "NOT", "(", ")", '"', "*", "bridge", "val*", '"the bridge"']),
    max_size=6,
).map(" ".join))
def test_any_search_query_answers(store: Store, query: str) -> None:
    if not store.count("articles"):
        store.add_article(make_article("Flooding closed the bridge in the valley.", title="Floods"))
    hits = store.search(query)
    assert all(hit.article_id.startswith("a_") for hit in hits)


def test_stats_counts(store: Store) -> None:
    store.add_article(make_article("One text here.", outlet="A", published="2014-06-16"))
    store.add_article(make_article("Another text here.", outlet="A", published="2014-06-17"))
    stats = store.stats()
    assert stats.articles == 2
    assert stats.outlets == {"A": 2}
    assert (stats.first_published, stats.last_published) == ("2014-06-16", "2014-06-17")
    assert stats.to_json()["events"] == 0


def test_empty_record_kinds(store: Store) -> None:
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
def test_any_article_round_trips(store: Store, text: str, title: str | None,
                                 outlet: str | None) -> None:
    article = make_article(text, title=title, outlet=outlet)
    if store.dialect.name == "postgresql" and "\x00" in f"{text}{title}{outlet}":
        # PostgreSQL text cannot hold NUL; the store says so instead of storing something else.
        with pytest.raises(StoreError, match="NUL"):
            store.add_article(article)
        return
    inserted = store.add_article(article)
    stored = store.get_article(article.id)
    # Examples share one store: a text seen before keeps the metadata it was first stored with.
    assert stored == article if inserted else stored.text == article.text
    assert store.integrity_problems() == []
