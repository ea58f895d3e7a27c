"""The PostgreSQL store: the SQLite store's schema, records and behaviour on a shared server.

One connection per store, in autocommit mode outside :meth:`PostgresStore.transaction`, so that
every write concerning one article lands in one transaction, as in SQLite. sitroom's SQL is
written with ``?`` placeholders; this module turns them into psycopg's ``%s``.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg

from sitroom.errors import MigrationError, StoreError
from sitroom.store.base import Dialect, redact
from sitroom.store.shared import VISIBLE_EVENTS, RecordStore
from sitroom.store.sqlite import (
    FTS_OPERATORS,
    SearchHit,
    StoreStats,
    load_migrations,
    now_utc,
)

POSTGRESQL = Dialect("postgresql", (psycopg.Error,))
POSTGIS = Dialect("postgresql", (psycopg.Error,), postgis=True)
# The events' point as PostGIS geometry, read from the record as the other filter columns are;
# added to a store only where PostGIS can be used, so the schema is otherwise SQLite's.
_GEOM_COLUMN = (
    "ALTER TABLE events ADD COLUMN IF NOT EXISTS geom public.geometry(Point, 4326) "
    "GENERATED ALWAYS AS (public.ST_SetSRID(public.ST_MakePoint("
    "(record::jsonb #>> '{place,lon}')::double precision, "
    "(record::jsonb #>> '{place,lat}')::double precision), 4326)) STORED"
)
_GEOM_INDEX = "CREATE INDEX IF NOT EXISTS events_geom ON events USING gist (geom)"
MIGRATIONS = "migrations_postgres"

# Any 64-bit number, the same in every sitroom, so that two processes never migrate at once.
_MIGRATION_LOCK = 7_300_715_001
_HEADLINE = (
    'StartSel=[, StopSel=], MaxWords=12, MinWords=5, MaxFragments=1, FragmentDelimiter=" … "'
)
_TERM = re.compile(r'"[^"]*"?|\(|\)|[^\s()"]+')


@functools.lru_cache(maxsize=512)
def _pg(sql: str) -> str:
    """sitroom's ``?`` placeholders as psycopg's ``%s`` (a literal ``%`` doubled)."""
    return sql.replace("%", "%%").replace("?", "%s")


class _Connection:
    """The connection inside a transaction, speaking sitroom's ``?`` placeholders."""

    def __init__(self, connection: psycopg.Connection[tuple[Any, ...]]) -> None:
        self._connection = connection

    def execute(self, sql: str, parameters: Any = (), /) -> Any:
        return self._connection.execute(_pg(sql), parameters)

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Any:
        cursor = self._connection.cursor()
        cursor.executemany(_pg(sql), parameters)
        return cursor


class PostgresStore(RecordStore):
    """A sitroom store in a PostgreSQL database (a schema of it: the connection's search path)."""

    def __init__(self, connection: psycopg.Connection[tuple[Any, ...]], *, path: str) -> None:
        self._db = connection
        self.path = path
        self._postgis = False

    @classmethod
    def open(cls, url: str, *, migrate: bool = True) -> PostgresStore:
        """Connect to the database at ``url`` and bring its schema up to date."""
        location = redact(url)
        # Without a timeout libpq waits for an unreachable server for as long as TCP does.
        timeout: dict[str, Any] = {} if "connect_timeout=" in url else {"connect_timeout": 10}
        try:
            connection = psycopg.connect(url, autocommit=True, **timeout)
        except psycopg.Error as exc:
            raise StoreError(f"{location}: cannot open store: {exc}") from exc
        store = cls(connection, path=location)
        try:
            if migrate:
                store.migrate()
            store._postgis = store._spatial_column(create=migrate)
        except BaseException:
            connection.close()
            raise
        return store

    @classmethod
    def open_readonly(cls, url: str) -> PostgresStore:
        """Connect for reading only; the schema must be this sitroom's."""
        store = cls.open(url, migrate=False)
        try:
            version, latest = store.schema_version, latest_schema_version()
            if version != latest:
                raise MigrationError(
                    f"{store.path}: store schema version {version}, this sitroom needs {latest}"
                )
            store._db.execute("SET default_transaction_read_only = on")
        except BaseException:
            store.close()
            raise
        return store

    @property
    def dialect(self) -> Dialect:
        """PostgreSQL's SQL dialect (with PostGIS filters where the events have a point column)."""
        return POSTGIS if self._postgis else POSTGRESQL

    def _spatial_column(self, *, create: bool) -> bool:
        """True when events have the PostGIS point column; with ``create``, add it if we can."""
        has = (
            "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = 'events' AND column_name = 'geom'"
        )
        if self.query(has):
            return True
        if not create or not self.query(
            "SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'"
        ):
            return False
        try:
            with self.transaction() as db:
                db.execute("CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public")
                db.execute(_GEOM_COLUMN)
                db.execute(_GEOM_INDEX)
        except (psycopg.Error, StoreError):
            # Without the right to create the extension the lat/lon index serves the filters.
            return False
        return True

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    @property
    def schema_version(self) -> int:
        """The version of the schema this store is at (0 before the first migration)."""
        try:
            row = self._db.execute("SELECT to_regclass('schema_migrations')").fetchone()
            if row is None or row[0] is None:
                return 0
            found = self._db.execute("SELECT coalesce(max(version), 0) FROM schema_migrations")
            return int(found.fetchone()[0])  # type: ignore[index]
        except psycopg.Error as exc:
            raise StoreError(f"{self.path}: cannot read the schema version: {exc}") from exc

    def migrate(self) -> int:
        """Apply pending migrations in order, each in its own transaction; return the version."""
        migrations = load_migrations(MIGRATIONS)
        latest = migrations[-1].version
        for migration in migrations:
            try:
                with self._db.transaction():
                    # Another process may be migrating the same database: wait, then look again.
                    self._db.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
                    self._db.execute(
                        "CREATE TABLE IF NOT EXISTS schema_migrations (version integer "
                        "PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)"
                    )
                    current = self.schema_version
                    if current > latest:
                        raise MigrationError(
                            f"{self.path}: store schema version {current} is newer than this "
                            f"sitroom understands ({latest}); upgrade sitroom"
                        )
                    if current >= migration.version:
                        continue
                    self._db.execute(migration.sql.encode("utf-8"))
                    self._db.execute(
                        "INSERT INTO schema_migrations (version, name, applied_at) "
                        "VALUES (%s, %s, %s)",
                        (migration.version, migration.name, now_utc()),
                    )
            except psycopg.Error as exc:
                raise MigrationError(
                    f"{self.path}: migration {migration.version} ({migration.name}) failed: {exc}"
                ) from exc
        return self.schema_version

    @contextmanager
    def transaction(self) -> Iterator[_Connection]:
        """Run the block in one transaction: all of its writes land, or none."""
        try:
            self._db.execute("BEGIN")
        except psycopg.Error as exc:
            raise StoreError(f"{self.path}: cannot start a transaction: {exc}") from exc
        try:
            yield _Connection(self._db)
        except BaseException:
            self._rollback()
            raise
        try:
            self._db.execute("COMMIT")
        except psycopg.Error as exc:
            self._rollback()
            raise StoreError(f"{self.path}: cannot commit: {exc}") from exc

    def _rollback(self) -> None:
        # A connection lost mid-transaction cannot roll back; the server drops the transaction.
        if not self._db.closed:
            self._db.execute("ROLLBACK")

    def query(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a read-only query and return its rows."""
        try:
            return self._db.execute(_pg(sql), parameters).fetchall()
        except psycopg.Error as exc:
            raise StoreError(f"{self.path}: query failed: {exc}") from exc

    def iter_query(self, sql: str, parameters: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        """Run a read-only query and yield its rows (fetched whole, so that others may run)."""
        try:
            cursor = self._db.execute(_pg(sql), parameters)
        except psycopg.Error as exc:
            raise StoreError(f"{self.path}: query failed: {exc}") from exc
        yield from cursor

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Full-text search over titles and texts, best match first.

        ``query`` takes the syntax of the SQLite store's search (``AND``, ``OR``, ``NOT``,
        ``"phrases"``, ``prefix*``, brackets); a query that does not parse is searched as plain
        words instead. Ranking and snippets are PostgreSQL's (``ts_rank``, ``ts_headline``).
        """
        # PostgreSQL text cannot hold a NUL, and no stored text has one to match.
        query = query.replace("\x00", "")
        parsed = _parse_search(query)
        if parsed is None:
            words = [w.replace('"', "") for w in query.split() if w not in FTS_OPERATORS]
            kept = [w for w in words if any(c.isalnum() for c in w)]
            if not kept:
                return []
            parsed = (
                " && ".join("phraseto_tsquery('simple', ?)" for _ in kept),
                kept,
            )
        expression, parameters = parsed
        rows = self.query(
            "SELECT a.id, a.title, a.outlet, a.published, "
            f"ts_headline('simple', a.text, q.query, '{_HEADLINE}'), "
            "ts_rank(a.search, q.query) AS score "
            f"FROM articles a, (SELECT {expression} AS query) q "
            "WHERE a.search @@ q.query ORDER BY score DESC, a.rowid LIMIT ?",
            [*parameters, limit],
        )
        return [
            SearchHit(
                article_id=r[0], title=r[1], outlet=r[2], published=r[3], snippet=r[4],
                score=float(r[5]),
            )
            for r in rows
        ]

    def stats(self) -> StoreStats:
        """Return counts describing the store."""
        ((first, last),) = self.query("SELECT min(published), max(published) FROM articles")
        languages = dict(
            self.query(
                "SELECT coalesce(language, 'und'), count(*) FROM articles "
                "GROUP BY 1 ORDER BY 2 DESC"
            )
        )
        outlets = dict(
            self.query(
                "SELECT coalesce(outlet, '(unknown)'), count(*) FROM articles "
                "GROUP BY 1 ORDER BY 2 DESC, 1"
            )
        )

        def scalar(sql: str) -> int:
            return int(self.query(sql)[0][0])

        return StoreStats(
            path=self.path,
            schema_version=self.schema_version,
            articles=self.count("articles"),
            near_duplicates=scalar("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
            not_english=scalar(
                "SELECT count(*) FROM articles WHERE coalesce(language, '') != 'en'"
            ),
            events=scalar(f"SELECT count(*) FROM events WHERE {VISIBLE_EVENTS}"),
            quotes=self.count("quotes"),
            places=self.count("place_mentions"),
            actors=self.count("actor_mentions"),
            dates=self.count("date_mentions"),
            analysed=self.count("analyses"),
            stories=scalar("SELECT count(*) FROM stories WHERE dirty = 0"),
            first_published=first,
            last_published=last,
            languages={str(k): int(v) for k, v in languages.items()},
            outlets={str(k): int(v) for k, v in outlets.items()},
        )

    def integrity_problems(self) -> list[str]:
        """Return what is wrong with the store (empty when sound).

        PostgreSQL keeps its indexes (the full-text one included) consistent by itself; what is
        checked here is that the schema is the one this sitroom writes.
        """
        latest = latest_schema_version()
        version = self.schema_version
        if version != latest:
            return [f"schema version {version}, this sitroom writes {latest}"]
        return []


def latest_schema_version() -> int:
    """The schema version the packaged PostgreSQL migrations lead to."""
    return load_migrations(MIGRATIONS)[-1].version


def _json(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False)


def _parse_search(query: str) -> tuple[str, list[str]] | None:
    """The search query as a tsquery SQL expression and its parameters; None when malformed.

    Precedence as in FTS5: NOT binds tighter than AND (also implied between terms), then OR.
    """
    tokens = _TERM.findall(query)
    parameters: list[str] = []
    position = 0

    def peek() -> str | None:
        return str(tokens[position]) if position < len(tokens) else None

    def take() -> str:
        nonlocal position
        position += 1
        return str(tokens[position - 1])

    def primary() -> str | None:
        token = peek()
        if token is None or token in FTS_OPERATORS or token == ")":
            return None
        take()
        if token == "(":
            inner = either()
            if inner is None or peek() != ")":
                return None
            take()
            return f"({inner})"
        if token.startswith('"'):
            if len(token) < 2 or not token.endswith('"'):
                return None
            parameters.append(token[1:-1])
            return "phraseto_tsquery('simple', ?)"
        if token.endswith("*") and len(token) > 1:
            word = token[:-1]
            if not word.isalnum():
                return None
            parameters.append(f"{word}:*")
            return "to_tsquery('simple', ?)"
        parameters.append(token)
        return "plainto_tsquery('simple', ?)"

    def negation() -> str | None:
        left = primary()
        while left is not None and peek() == "NOT":
            take()
            right = primary()
            left = None if right is None else f"({left} && !!{right})"
        return left

    def conjunction() -> str | None:
        left = negation()
        while left is not None and peek() not in (None, "OR", ")"):
            if peek() == "AND":
                take()
            right = negation()
            left = None if right is None else f"({left} && {right})"
        return left

    def either() -> str | None:
        left = conjunction()
        while left is not None and peek() == "OR":
            take()
            right = conjunction()
            left = None if right is None else f"({left} || {right})"
        return left

    expression = either()
    if expression is None or position != len(tokens):
        return None
    return expression, parameters
