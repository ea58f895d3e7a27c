"""The embedded SQLite store: articles, their search index and the records of later stages."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from sitroom.clock import utc_now, utc_stamp
from sitroom.errors import MigrationError, StoreError
from sitroom.store.base import Dialect
from sitroom.store.shared import (
    ANALYSIS_TABLES,
    ARTICLE_COLUMNS,
    RECORD_QUERIES,
    VISIBLE_EVENTS,
    RecordKind,
    RecordStore,
    article_from_row,
)

__all__ = [
    "ANALYSIS_TABLES",
    "ARTICLE_COLUMNS",
    "FTS_OPERATORS",
    "RECORD_QUERIES",
    "SQLITE",
    "VISIBLE_EVENTS",
    "RecordKind",
    "SQLiteStore",
    "SearchHit",
    "StoreStats",
    "article_from_row",
    "load_migrations",
    "now_utc",
]

FTS_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})
SQLITE = Dialect("sqlite", (sqlite3.Error,))



@dataclass(frozen=True, slots=True)
class Migration:
    """One ordered schema change, read from ``store/migrations/NNNN_name.sql``."""

    version: int
    name: str
    sql: str


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One full-text search result."""

    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str
    score: float


@dataclass(frozen=True, slots=True)
class StoreStats:
    """Counts that describe what a store holds."""

    path: str
    schema_version: int
    articles: int
    near_duplicates: int
    not_english: int
    events: int
    quotes: int
    places: int
    actors: int
    dates: int
    analysed: int
    stories: int
    first_published: str | None
    last_published: str | None
    languages: dict[str, int]
    outlets: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        """Return the statistics as a JSON-ready dict."""
        return {
            "path": self.path,
            "schema_version": self.schema_version,
            "articles": self.articles,
            "near_duplicates": self.near_duplicates,
            "not_english": self.not_english,
            "events": self.events,
            "quotes": self.quotes,
            "places": self.places,
            "actors": self.actors,
            "dates": self.dates,
            "analysed": self.analysed,
            "stories": self.stories,
            "first_published": self.first_published,
            "last_published": self.last_published,
            "languages": self.languages,
            "outlets": self.outlets,
        }


@functools.cache
def latest_schema_version() -> int:
    """The schema version the packaged migrations lead to."""
    return load_migrations()[-1].version


def load_migrations(folder_name: str = "migrations") -> list[Migration]:
    """Return the packaged migrations (of SQLite, or of the folder named) in version order."""
    folder = resources.files("sitroom.store").joinpath(folder_name)
    migrations = []
    for entry in folder.iterdir():
        name = entry.name
        if not name.endswith(".sql"):
            continue
        number, _, rest = name.removesuffix(".sql").partition("_")
        migrations.append(Migration(version=int(number), name=rest, sql=entry.read_text("utf-8")))
    migrations.sort(key=lambda m: m.version)
    if [m.version for m in migrations] != list(range(1, len(migrations) + 1)):
        raise MigrationError("migrations must be numbered 1, 2, 3 ... without gaps")
    return migrations


class SQLiteStore(RecordStore):
    """A sitroom store in one SQLite file, the default backend (see :mod:`sitroom.store.base`).

    Every write that concerns one article happens in one transaction, so a killed process
    leaves either all or nothing of that article.
    """

    def __init__(self, connection: sqlite3.Connection, *, path: str) -> None:
        self._db = connection
        self.path = path

    @classmethod
    def open(cls, path: str | Path, *, migrate: bool = True) -> SQLiteStore:
        """Open (creating if needed) the store at ``path`` and bring its schema up to date."""
        location = str(path)
        try:
            if location != ":memory:":
                Path(location).parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(location, isolation_level=None, check_same_thread=False)
            connection.execute("PRAGMA busy_timeout = 10000")
            connection.execute("PRAGMA foreign_keys = ON")
            if location != ":memory:":
                connection.execute("PRAGMA journal_mode = WAL")
                connection.execute("PRAGMA synchronous = NORMAL")
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"{location}: cannot open store: {exc}") from exc
        store = cls(connection, path=location)
        try:
            if migrate:
                store.migrate()
        except BaseException:
            connection.close()
            raise
        return store

    @classmethod
    def open_readonly(cls, path: str | Path) -> SQLiteStore:
        """Open an existing store for reading only; its schema must be this sitroom's."""
        location = str(path)
        try:
            connection = sqlite3.connect(
                f"{Path(location).resolve().as_uri()}?mode=ro",
                uri=True,
                isolation_level=None,
                check_same_thread=False,
            )
            connection.execute("PRAGMA busy_timeout = 10000")
            version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"{location}: cannot open store: {exc}") from exc
        latest = latest_schema_version()
        if version != latest:
            connection.close()
            raise MigrationError(
                f"{location}: store schema version {version}, this sitroom needs {latest}"
            )
        return cls(connection, path=location)

    @property
    def dialect(self) -> Dialect:
        """SQLite's SQL dialect."""
        return SQLITE

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    @property
    def schema_version(self) -> int:
        """The version of the schema this store is at."""
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> int:
        """Apply pending migrations in order, each in its own transaction; return the version."""
        migrations = load_migrations()
        current = self.schema_version
        latest = migrations[-1].version
        if current > latest:
            raise MigrationError(
                f"{self.path}: store schema version {current} is newer than this sitroom "
                f"understands ({latest}); upgrade sitroom"
            )
        for migration in migrations[current:]:
            script = (
                "BEGIN IMMEDIATE;\n"
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);\n"
                f"{migration.sql}\n"
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES "
                f"({migration.version}, '{migration.name}', '{now_utc()}');\n"
                f"PRAGMA user_version = {migration.version};\n"
                "COMMIT;"
            )
            try:
                self._db.executescript(script)
            except sqlite3.Error as exc:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise MigrationError(
                    f"{self.path}: migration {migration.version} ({migration.name}) failed: {exc}"
                ) from exc
        return self.schema_version

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run the block in one transaction: all of its writes land, or none."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot start a transaction: {exc}") from exc
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        try:
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._db.execute("ROLLBACK")
            raise StoreError(f"{self.path}: cannot commit: {exc}") from exc

    def query(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a read-only query (for the store's companion modules) and return its rows."""
        try:
            return self._db.execute(sql, parameters).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: query failed: {exc}") from exc

    def iter_query(self, sql: str, parameters: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        """Run a read-only query and yield its rows one at a time (for streamed exports)."""
        try:
            cursor = self._db.execute(sql, parameters)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: query failed: {exc}") from exc
        yield from cursor

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Full-text search over titles and texts, best match first.

        ``query`` uses FTS5 syntax (``AND``, ``OR``, ``NOT``, ``"phrases"``, ``prefix*``); a query
        that is not valid FTS5 is searched as plain words instead.
        """
        sql = (
            "SELECT a.id, a.title, a.outlet, a.published, "
            "snippet(articles_fts, 1, '[', ']', ' … ', 12), bm25(articles_fts) AS score "
            "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY score LIMIT ?"
        )
        try:
            rows = self._db.execute(sql, (query, limit)).fetchall()
        except sqlite3.OperationalError:
            # Keep the words only: stray quotes, brackets and dangling operators made it invalid.
            # A NUL would end FTS5's string early (it reads C strings), so it goes too.
            words = [
                w.replace('"', "").replace("\x00", "")
                for w in query.split()
                if w not in FTS_OPERATORS
            ]
            plain = " ".join(f'"{w}"' for w in words if any(c.isalnum() for c in w))
            if not plain:
                return []
            try:
                rows = self._db.execute(sql, (plain, limit)).fetchall()
            except sqlite3.Error as exc:
                raise StoreError(f"search failed: {exc}") from exc
        return [
            SearchHit(
                article_id=r[0],
                title=r[1],
                outlet=r[2],
                published=r[3],
                snippet=r[4],
                score=-float(r[5]),
            )
            for r in rows
        ]

    def stats(self) -> StoreStats:
        """Return counts describing the store."""
        db = self._db
        first, last = db.execute("SELECT min(published), max(published) FROM articles").fetchone()
        languages = dict(
            db.execute(
                "SELECT coalesce(language, 'und'), count(*) FROM articles "
                "GROUP BY 1 ORDER BY 2 DESC"
            ).fetchall()
        )
        outlets = dict(
            db.execute(
                "SELECT coalesce(outlet, '(unknown)'), count(*) FROM articles "
                "GROUP BY 1 ORDER BY 2 DESC, 1"
            ).fetchall()
        )
        return StoreStats(
            path=self.path,
            schema_version=self.schema_version,
            articles=self.count("articles"),
            near_duplicates=int(
                db.execute(
                    "SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"
                ).fetchone()[0]
            ),
            not_english=int(
                db.execute(
                    "SELECT count(*) FROM articles WHERE coalesce(language, '') != 'en'"
                ).fetchone()[0]
            ),
            events=int(
                db.execute(f"SELECT count(*) FROM events WHERE {VISIBLE_EVENTS}").fetchone()[0]
            ),
            quotes=self.count("quotes"),
            places=self.count("place_mentions"),
            actors=self.count("actor_mentions"),
            dates=self.count("date_mentions"),
            analysed=self.count("analyses"),
            stories=int(db.execute("SELECT count(*) FROM stories WHERE dirty = 0").fetchone()[0]),
            first_published=first,
            last_published=last,
            languages=languages,
            outlets=outlets,
        )

    def integrity_problems(self) -> list[str]:
        """Return what SQLite's integrity check and the FTS check report (empty when sound)."""
        problems = [r[0] for r in self._db.execute("PRAGMA integrity_check") if r[0] != "ok"]
        try:
            self._db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        except sqlite3.Error as exc:
            problems.append(f"full-text index: {exc}")
        return problems


def now_utc() -> str:
    """The current time as sitroom stores times."""
    return utc_stamp(utc_now())
