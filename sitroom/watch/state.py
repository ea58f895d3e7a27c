"""What the store remembers about each watched feed: validators, backoff, entries ingested."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sitroom.errors import StoreError
from sitroom.store import Store

_COLUMNS = "url, etag, last_modified, failures, retry_after, last_polled, last_ok, last_error"
_UPDATES = ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS.split(", ")[1:])


@dataclass(frozen=True, slots=True)
class FeedState:
    """One feed's row of the ``feeds`` table; times are ISO 8601 UTC (``...Z``)."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    retry_after: str | None = None
    last_polled: str | None = None
    last_ok: str | None = None
    last_error: str | None = None


class FeedStateStore:
    """Reads and writes the ``feeds`` and ``feed_entries`` tables of a :class:`Store`."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def get(self, url: str) -> FeedState:
        """The feed's state; a feed never polled has a blank one."""
        rows = self.store.query(f"SELECT {_COLUMNS} FROM feeds WHERE url = ?", (url,))
        return FeedState(*rows[0]) if rows else FeedState(url)

    def save(self, state: FeedState) -> None:
        """Insert or replace the feed's row, in one transaction."""
        values = (
            state.url,
            state.etag,
            state.last_modified,
            state.failures,
            state.retry_after,
            state.last_polled,
            state.last_ok,
            state.last_error,
        )
        try:
            with self.store.transaction() as db:
                # An upsert, not INSERT OR REPLACE: replacing deletes the row, and with it
                # (ON DELETE CASCADE) the record of the feed's entries.
                db.execute(
                    f"INSERT INTO feeds ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?) "
                    f"ON CONFLICT (url) DO UPDATE SET {_UPDATES}",
                    values,
                )
        except self.store.dialect.errors as exc:
            raise StoreError(f"{self.store.path}: cannot save feed {state.url}: {exc}") from exc

    def pending(self, feed_url: str, keys: Sequence[str]) -> dict[str, int]:
        """Of these entry keys, those not ingested (nor given up) yet, with their attempts."""
        done: set[str] = set()
        attempts: dict[str, int] = {}
        for first in range(0, len(keys), 500):
            chunk = keys[first : first + 500]
            marks = ",".join("?" * len(chunk))
            for key, tries, finished in self.store.query(
                f"SELECT entry_key, attempts, done FROM feed_entries "
                f"WHERE feed_url = ? AND entry_key IN ({marks})",
                (feed_url, *chunk),
            ):
                if finished:
                    done.add(key)
                else:
                    attempts[key] = tries
        return {key: attempts.get(key, 0) for key in keys if key not in done}

    def record_entries(
        self,
        feed_url: str,
        entries: Iterable[tuple[str, str | None, int, bool]],
        *,
        now: str,
    ) -> None:
        """Record ``(key, url, attempts, done)`` of entries one poll handled, in one transaction.

        The feed's row must exist (entries refer to it).
        """
        try:
            with self.store.transaction() as db:
                db.executemany(
                    "INSERT INTO feed_entries (feed_url, entry_key, url, attempts, done, seen_at) "
                    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (feed_url, entry_key) DO UPDATE SET "
                    "attempts = excluded.attempts, done = excluded.done",
                    [
                        (feed_url, key, url, tries, int(done), now)
                        for key, url, tries, done in entries
                    ],
                )
        except self.store.dialect.errors as exc:
            raise StoreError(
                f"{self.store.path}: cannot record entries of {feed_url}: {exc}"
            ) from exc
