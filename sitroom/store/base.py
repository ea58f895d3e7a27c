"""What every store backend offers: the ``Store`` protocol, its SQL dialect, and ``open_store``.

sitroom's SQL is written once, for both backends: ``?`` placeholders, ``ON CONFLICT`` upserts and
a ``rowid`` column on every table that is read in insertion order. The :class:`Dialect` carries
only what cannot be written portably.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, Protocol
from urllib.parse import urlsplit, urlunsplit

from sitroom.errors import ConfigError

if TYPE_CHECKING:
    from sitroom.records import Analysis, Article
    from sitroom.settings import Settings
    from sitroom.store.sqlite import RecordKind, SearchHit, StoreStats

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


class Connection(Protocol):
    """The part of a DB-API connection that writes inside :meth:`Store.transaction` use."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Any:
        """Run one statement; the result has ``rowcount``."""

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Any:
        """Run one statement once for each set of parameters."""


@dataclass(frozen=True, slots=True)
class Dialect:
    """The few things the two backends' SQL must say differently."""

    name: Literal["sqlite", "postgresql"]
    errors: tuple[type[Exception], ...]
    """The driver's error classes, for ``except store.dialect.errors``."""
    postgis: bool = False
    """Events have a PostGIS point column (``geom``, GiST-indexed) for spatial filters."""

    def in_box(
        self, west: float, south: float, east: float, north: float
    ) -> tuple[str, list[float]]:
        """A condition (and its parameters): the event's point lies in the box, edges included.

        A box whose west edge is east of its east edge crosses the antimeridian.
        """
        if self.postgis:
            # PostGIS lives in the public schema, which a store's search path may leave out.
            envelope = "geom OPERATOR(public.&&) public.ST_MakeEnvelope(?, ?, ?, ?, 4326)"
            if west <= east:
                return envelope, [west, south, east, north]
            return (
                f"({envelope} OR {envelope})",
                [west, south, 180.0, north, -180.0, south, east, north],
            )
        if west <= east:
            return "lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?", [south, north, west, east]
        return "lat BETWEEN ? AND ? AND (lon >= ? OR lon <= ?)", [south, north, west, east]

    def replace(self, table: str, columns: Sequence[str], key: Sequence[str]) -> str:
        """An insert that replaces the row with the same ``key``, as a new (last) row."""
        names = ", ".join(_quoted(c) for c in columns)
        marks = ", ".join("?" for _ in columns)
        if self.name == "sqlite":
            return f"INSERT OR REPLACE INTO {table} ({names}) VALUES ({marks})"
        # A fresh rowid, as SQLite's delete-and-insert gives, keeps "ORDER BY rowid" the same.
        updates = ", ".join(
            f"{_quoted(c)} = excluded.{_quoted(c)}" for c in columns if c not in key
        )
        return (
            f"INSERT INTO {table} ({names}) VALUES ({marks}) "
            f"ON CONFLICT ({', '.join(_quoted(c) for c in key)}) "
            f"DO UPDATE SET {updates}, rowid = DEFAULT"
        )


    @property
    def like(self) -> str:
        """The case-blind LIKE (SQLite's LIKE ignores the case of ASCII letters)."""
        return "LIKE" if self.name == "sqlite" else "ILIKE"

    @property
    def nulls_last(self) -> str:
        """What makes a descending sort put NULLs last, where SQLite does so by itself."""
        return "" if self.name == "sqlite" else " NULLS LAST"

    @property
    def nulls_first(self) -> str:
        """What makes an ascending sort put NULLs first, where SQLite does so by itself."""
        return "" if self.name == "sqlite" else " NULLS FIRST"

    def json_text(self, column: str, *keys: str) -> str:
        """The value at ``keys`` in the JSON text of ``column``."""
        if self.name == "sqlite":
            return f"json_extract({column}, '$.{'.'.join(keys)}')"
        return f"({column}::jsonb #>> '{{{','.join(keys)}}}')"

    def any_element_like(self, column: str, array: str, key: str) -> str:
        """A condition: some object of the JSON list ``array`` has ``key`` LIKE the parameter."""
        if self.name == "sqlite":
            return (
                f"EXISTS (SELECT 1 FROM json_each({column}, '$.{array}') "
                f"WHERE json_extract(value, '$.{key}') LIKE ? ESCAPE '\\')"
            )
        # Like json_each, find nothing (rather than fail) when the value is not a list.
        items = f"{column}::jsonb -> '{array}'"
        return (
            f"EXISTS (SELECT 1 FROM jsonb_array_elements(CASE jsonb_typeof({items}) "
            f"WHEN 'array' THEN {items} END) AS item (value) "
            f"WHERE (value ->> '{key}') ILIKE ? ESCAPE '\\')"
        )

    def integer(self, expression: str) -> str:
        """``expression`` with its fraction cut off (SQLite's CAST; PostgreSQL's would round)."""
        if self.name == "sqlite":
            return f"CAST({expression} AS INTEGER)"
        return f"trunc({expression})::integer"


def _quoted(column: str) -> str:
    return '"end"' if column == "end" else column


class Store(Protocol):
    """A sitroom store: articles, analyses, stories and feeds, whichever database holds them."""

    path: str
    """Where the store is, for messages (a file path, or a URL without its password)."""

    @property
    def dialect(self) -> Dialect:
        """The backend's SQL dialect."""

    @property
    def schema_version(self) -> int:
        """The version of the schema this store is at."""

    def close(self) -> None:
        """Close the connection."""

    def __enter__(self) -> Store:
        """Use the store in a ``with`` block that closes it."""

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Close the store."""

    def migrate(self) -> int:
        """Apply pending migrations; return the schema version."""

    def transaction(self) -> AbstractContextManager[Connection]:
        """Run the block in one transaction: all of its writes land, or none."""

    def query(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a read-only query and return its rows."""

    def iter_query(self, sql: str, parameters: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        """Run a read-only query and yield its rows."""

    def has_article(self, article_id: str) -> bool:
        """True when an article with this id is stored."""

    def add_article(self, article: Article, *, signature: bytes | None = None) -> bool:
        """Store one article; False when it is stored already."""

    def get_article(self, article_id: str) -> Article:
        """Return the stored article with this id."""

    def iter_articles(self) -> Iterator[Article]:
        """Yield every stored article in the order it was ingested."""

    def articles_to_analyse(self, version: str) -> list[str]:
        """Ids of English articles not yet analysed by this ``version``, in order."""

    def save_analysis(self, analysis: Analysis, *, version: str, analysed_at: str) -> None:
        """Replace what is stored of one article's analysis, in one transaction."""

    def iter_records_of(self, kind: RecordKind, article_id: str) -> Iterator[dict[str, Any]]:
        """Yield the records one article's analysis found."""

    def iter_signatures(self) -> Iterator[tuple[str, bytes, str | None]]:
        """Yield ``(article_id, minhash bytes, duplicate_of)`` in ingestion order."""

    def iter_records(self, kind: RecordKind) -> Iterator[dict[str, Any]]:
        """Yield the stored records of one kind as dicts."""

    def count(self, table: str) -> int:
        """Return the number of rows of one of the store's tables."""

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Full-text search over titles and texts, best match first."""

    def stats(self) -> StoreStats:
        """Return counts describing the store."""

    def integrity_problems(self) -> list[str]:
        """Return what the backend's own checks report (empty when sound)."""


def redact(location: str | Path) -> str:
    """The location without a URL's password, for messages."""
    text = str(location)
    if not is_postgres_url(text):
        return text
    parts = urlsplit(text)
    if parts.password is None:
        return text
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{host}"))


def is_postgres_url(location: str | Path) -> bool:
    """True when ``location`` names a PostgreSQL database rather than a SQLite file."""
    return isinstance(location, str) and location.startswith(POSTGRES_SCHEMES)


def store_location(settings: Settings) -> str | Path:
    """Where the settings put the store: ``database_url`` when set, else the SQLite file ``db``."""
    if not settings.database_url:
        return settings.db
    if not is_postgres_url(settings.database_url):
        raise ConfigError(
            "database_url must start with postgresql:// (leave it empty for the SQLite file db)"
        )
    return settings.database_url


def open_store(location: str | Path, *, migrate: bool = True) -> Store:
    """Open the store at ``location``: a ``postgresql://`` URL, else a SQLite file path."""
    if is_postgres_url(location):
        try:
            from sitroom.store.postgres import PostgresStore
        except ModuleNotFoundError as exc:
            if not (exc.name or "").startswith("psycopg"):
                raise
            raise ConfigError(
                "a PostgreSQL store needs psycopg: pip install 'sitroom[postgres]'"
            ) from exc
        return PostgresStore.open(str(location), migrate=migrate)
    from sitroom.store.sqlite import SQLiteStore

    return SQLiteStore.open(location, migrate=migrate)


def open_store_readonly(location: str | Path) -> Store:
    """Open an existing store for reading only; its schema must be this sitroom's."""
    if is_postgres_url(location):
        from sitroom.store.postgres import PostgresStore

        return PostgresStore.open_readonly(str(location))
    from sitroom.store.sqlite import SQLiteStore

    return SQLiteStore.open_readonly(location)
