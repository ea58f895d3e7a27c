"""What both store backends do alike: articles and analysis records, over portable SQL.

:class:`RecordStore` holds the reads and writes whose SQL is the same on SQLite and PostgreSQL
(``?`` placeholders, ``ON CONFLICT`` upserts, a ``rowid`` column to keep insertion order); each
backend adds its connection, transactions, migrations, search and statistics.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from types import TracebackType
from typing import Any, Literal, Self

from sitroom.errors import NotFoundError, StoreError
from sitroom.records import Analysis, Article, Metadata
from sitroom.store.base import Connection, Dialect

RecordKind = Literal["events", "quotes", "places", "actors", "dates", "stories"]

# Once an article is linked into a story, its events are seen through the story's merged events
# (article_id NULL); an article not linked yet shows its own.
VISIBLE_EVENTS = (
    "article_id IS NULL OR article_id NOT IN (SELECT article_id FROM story_articles)"
)
RECORD_QUERIES: dict[str, str] = {
    "events": f"SELECT record FROM events WHERE {VISIBLE_EVENTS} ORDER BY rowid",
    "quotes": "SELECT record FROM quotes ORDER BY rowid",
    "places": "SELECT record FROM place_mentions ORDER BY rowid",
    "actors": "SELECT record FROM actor_mentions ORDER BY rowid",
    "dates": "SELECT record FROM date_mentions ORDER BY rowid",
    "stories": "SELECT record FROM stories WHERE dirty = 0 ORDER BY rowid",
}
ANALYSIS_TABLES = ("place_mentions", "actor_mentions", "date_mentions")

ARTICLE_COLUMNS = (
    "id, outlet, wire, url, title, author, published, language, declared_language, text, raw_text, "
    "duplicate_of, source, ingested_at"
)

_SPAN = ("article_id", "start", "end")


class RecordStore(ABC):
    """The article and record methods of a store, written once for both backends."""

    path: str

    @property
    @abstractmethod
    def dialect(self) -> Dialect:
        """The backend's SQL dialect."""

    @abstractmethod
    def close(self) -> None:
        """Close the connection."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @abstractmethod
    def transaction(self) -> AbstractContextManager[Connection]:
        """Run the block in one transaction: all of its writes land, or none."""

    @abstractmethod
    def query(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a read-only query and return its rows."""

    @abstractmethod
    def iter_query(self, sql: str, parameters: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        """Run a read-only query and yield its rows."""

    def has_article(self, article_id: str) -> bool:
        """True when an article with this id is stored."""
        return bool(self.query("SELECT 1 FROM articles WHERE id = ?", (article_id,)))

    def add_article(self, article: Article, *, signature: bytes | None = None) -> bool:
        """Store one article (and its near-duplicate signature) in one transaction.

        Returns False, changing nothing, when an article with that id is stored already.
        """
        if article.ingested_at is None:
            raise StoreError(f"article {article.id} has no ingested_at time")
        meta = article.metadata
        try:
            with self.transaction() as db:
                cursor = db.execute(
                    f"INSERT INTO articles ({ARTICLE_COLUMNS}) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    (
                        article.id,
                        meta.outlet,
                        meta.wire,
                        meta.url,
                        meta.title,
                        meta.author,
                        meta.published,
                        article.language,
                        meta.language,
                        article.text,
                        article.raw_text,
                        article.duplicate_of,
                        article.source,
                        article.ingested_at,
                    ),
                )
                if cursor.rowcount == 0:
                    return False
                if signature is not None:
                    db.execute(
                        "INSERT INTO article_signatures (article_id, minhash) VALUES (?, ?)",
                        (article.id, signature),
                    )
        except self.dialect.errors as exc:
            raise StoreError(f"{self.path}: cannot store article {article.id}: {exc}") from exc
        return True

    def get_article(self, article_id: str) -> Article:
        """Return the stored article with this id."""
        rows = self.query(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,))
        if not rows:
            raise NotFoundError(f"no article {article_id!r} in {self.path}")
        return article_from_row(rows[0])

    def iter_articles(self) -> Iterator[Article]:
        """Yield every stored article in the order it was ingested."""
        for row in self.iter_query(f"SELECT {ARTICLE_COLUMNS} FROM articles ORDER BY rowid"):
            yield article_from_row(row)

    def articles_to_analyse(self, version: str) -> list[str]:
        """Return the ids of English articles not yet analysed by this ``version``, in order."""
        rows = self.query(
            "SELECT a.id FROM articles a LEFT JOIN analyses n ON n.article_id = a.id "
            "WHERE a.language = 'en' AND (n.version IS NULL OR n.version != ?) ORDER BY a.rowid",
            (version,),
        )
        return [row[0] for row in rows]

    def save_analysis(self, analysis: Analysis, *, version: str, analysed_at: str) -> None:
        """Replace what is stored of one article's analysis, in one transaction."""
        article_id = analysis.article_id
        span = _SPAN
        try:
            with self.transaction() as db:
                # A re-analysed article is linked again; its story is rebuilt without it first.
                db.execute(
                    "UPDATE stories SET dirty = 1 WHERE id IN "
                    "(SELECT story_id FROM story_articles WHERE article_id = ?)",
                    (article_id,),
                )
                for table in (*ANALYSIS_TABLES, "events", "quotes", "story_articles"):
                    db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
                replace = self.dialect.replace
                db.executemany(
                    replace("place_mentions", (*span, "record"), span),
                    [(article_id, p.start, p.end, _json(p.to_record())) for p in analysis.places],
                )
                db.executemany(
                    replace("actor_mentions", (*span, "actor_id", "record"), span),
                    [
                        (article_id, a.start, a.end, a.actor_id, _json(a.to_record()))
                        for a in analysis.actors
                    ],
                )
                db.executemany(
                    replace("date_mentions", (*span, "record"), span),
                    [(article_id, d.start, d.end, _json(d.to_record())) for d in analysis.dates],
                )
                db.executemany(
                    replace("events", ("id", "story_id", "article_id", "record"), ("id",)),
                    [(e.id, e.story_id, article_id, _json(e.to_record())) for e in analysis.events],
                )
                db.executemany(
                    replace("quotes", ("id", "article_id", "record"), ("id",)),
                    [(q.id, article_id, _json(q.to_record())) for q in analysis.quotes],
                )
                db.execute(
                    "INSERT INTO analyses (article_id, version, analysed_at) VALUES (?, ?, ?) "
                    "ON CONFLICT (article_id) DO UPDATE SET "
                    "version = excluded.version, analysed_at = excluded.analysed_at",
                    (article_id, version, analysed_at),
                )
        except self.dialect.errors as exc:
            raise StoreError(f"{self.path}: cannot store analysis of {article_id}: {exc}") from exc

    def iter_records_of(self, kind: RecordKind, article_id: str) -> Iterator[dict[str, Any]]:
        """Yield the records one article's analysis found (its own events, before merging)."""
        tables = {
            "places": "place_mentions",
            "actors": "actor_mentions",
            "dates": "date_mentions",
            "events": "events",
            "quotes": "quotes",
        }
        table = tables.get(kind)
        if table is None:
            raise StoreError(f"no per-article records of kind {kind!r}")
        order = "rowid" if kind in ("events", "quotes") else 'start, "end"'
        for (record,) in self.iter_query(
            f"SELECT record FROM {table} WHERE article_id = ? ORDER BY {order}", (article_id,)
        ):
            yield json.loads(record)

    def iter_signatures(self) -> Iterator[tuple[str, bytes, str | None]]:
        """Yield ``(article_id, minhash bytes, duplicate_of)`` in ingestion order."""
        for article_id, minhash, duplicate_of in self.iter_query(
            "SELECT s.article_id, s.minhash, a.duplicate_of FROM article_signatures s "
            "JOIN articles a ON a.id = s.article_id ORDER BY a.rowid"
        ):
            yield article_id, bytes(minhash), duplicate_of

    def iter_records(self, kind: RecordKind) -> Iterator[dict[str, Any]]:
        """Yield the stored records of one kind (events, quotes, places, stories) as dicts."""
        query = RECORD_QUERIES.get(kind)
        if query is None:
            raise StoreError(f"unknown record kind {kind!r}")
        for (record,) in self.iter_query(query):
            yield json.loads(record)

    def count(self, table: str) -> int:
        """Return the number of rows of one of the store's tables."""
        tables = {"articles", "events", "quotes", "stories", "analyses", *ANALYSIS_TABLES}
        if table not in tables:
            raise StoreError(f"unknown table {table!r}")
        return int(self.query(f"SELECT count(*) FROM {table}")[0][0])


def article_from_row(row: tuple[Any, ...]) -> Article:
    (
        article_id,
        outlet,
        wire,
        url,
        title,
        author,
        published,
        language,
        declared_language,
        text,
        raw_text,
        duplicate_of,
        source,
        ingested_at,
    ) = row
    return Article(
        id=article_id,
        text=text,
        raw_text=raw_text,
        metadata=Metadata(
            outlet=outlet,
            wire=wire,
            url=url,
            title=title,
            author=author,
            published=published,
            language=declared_language,
        ),
        source=source,
        duplicate_of=duplicate_of,
        language=language,
        ingested_at=ingested_at,
    )


def _json(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False)
