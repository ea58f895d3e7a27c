"""The store: where pipeline results are kept (SQLite, embedded, by default; or PostgreSQL)."""

from sitroom.store.base import (
    Dialect,
    Store,
    is_postgres_url,
    open_store,
    open_store_readonly,
    redact,
    store_location,
)
from sitroom.store.sqlite import SearchHit, SQLiteStore, StoreStats, load_migrations

__all__ = [
    "Dialect",
    "SQLiteStore",
    "SearchHit",
    "Store",
    "StoreStats",
    "is_postgres_url",
    "load_migrations",
    "open_store",
    "open_store_readonly",
    "redact",
    "store_location",
]
