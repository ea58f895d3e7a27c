"""The store: where pipeline results are kept (SQLite, embedded, by default)."""

from sitroom.store.sqlite import SearchHit, SQLiteStore, StoreStats, load_migrations

__all__ = ["SQLiteStore", "SearchHit", "StoreStats", "load_migrations"]
