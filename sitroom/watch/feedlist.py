"""The feeds file of ``sitroom watch``: one feed URL a line, an optional outlet name after a tab.

Blank lines and lines starting with ``#`` are ignored; a URL listed twice is polled once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from sitroom.errors import FeedListError
from sitroom.ingest.metadata import clean_field

MAX_FEED_LIST_BYTES = 1024 * 1024


@dataclass(frozen=True, slots=True)
class FeedSpec:
    """One feed to watch, with the outlet name its articles get (else the page's or feed's)."""

    url: str
    outlet: str | None = None


def read_feed_list(path: Path) -> tuple[FeedSpec, ...]:
    """Read and check a feeds file; raise FeedListError naming the file (and line) when bad."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FEED_LIST_BYTES + 1)
    except OSError as exc:
        raise FeedListError(f"{path}: cannot read feeds file: {exc.strerror or exc}") from exc
    if len(data) > MAX_FEED_LIST_BYTES:
        raise FeedListError(f"{path}: feeds file larger than 1 MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FeedListError(f"{path}: feeds file is not UTF-8 text") from exc
    return parse_feed_list(text, name=str(path))


def parse_feed_list(text: str, *, name: str) -> tuple[FeedSpec, ...]:
    """Parse the lines of a feeds file (``name`` is used in messages)."""
    feeds: list[FeedSpec] = []
    seen: set[str] = set()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        url, _, outlet = line.partition("\t")
        url = url.strip()
        if any(c.isspace() for c in url):
            raise FeedListError(
                f"{name}:{number}: a URL cannot hold spaces (put the outlet name after a tab)"
            )
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            raise FeedListError(f"{name}:{number}: not an http or https URL: {url[:80]!r}")
        if url in seen:
            continue
        seen.add(url)
        feeds.append(FeedSpec(url, clean_field(outlet)))
    if not feeds:
        raise FeedListError(f"{name}: no feeds listed")
    return tuple(feeds)
