"""RSS, Atom and RDF feeds: one document per entry, parsed by feedparser from bytes."""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sitroom.errors import MalformedInputError
from sitroom.ingest.html import html_fragment_to_text
from sitroom.ingest.metadata import clean_field, parse_feed_date
from sitroom.records import Metadata, Problem, RawDocument

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_RSS_AUTHOR = re.compile(r"[^\s()]+@[^\s()]+\s*\((.+)\)")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry of a feed as the feed states it; ``text`` is empty when it carries none."""

    number: int
    key: str
    """What identifies the entry across fetches: its id (guid), else its link, else a hash."""
    metadata: Metadata
    text: str
    warnings: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A feed's entries in document order, and the warnings about the feed as a whole."""

    outlet: str | None
    entries: tuple[FeedEntry, ...]
    warnings: tuple[Problem, ...] = ()


def read_feed(name: str, data: bytes, metadata: Metadata) -> Iterator[RawDocument | Problem]:
    """Yield one document per feed entry; an entry without text yields a problem with its number.

    Raises MalformedInputError when the XML is broken and no entry could be recovered, when
    the XML is not a feed, or when the feed has no entries.
    """
    parsed = parse_feed(name, data)
    yield from parsed.warnings
    for entry in parsed.entries:
        if not entry.text:
            yield Problem(name, "feed entry has no text", line=entry.number)
            continue
        yield from entry.warnings
        yield RawDocument(
            source=name,
            text=entry.text,
            metadata=metadata.merged_over(entry.metadata),
            kind="feed",
            line=entry.number,
        )


def parse_feed(name: str, data: bytes) -> ParsedFeed:
    """Parse a feed's bytes into its entries, with or without text.

    Raises MalformedInputError as :func:`read_feed` does.
    """
    import feedparser

    try:
        # A stream, never bytes or a string: feedparser treats a string as a URL or a file
        # name and would fetch or open it.
        parsed: Any = feedparser.parse(
            io.BytesIO(data), resolve_relative_uris=False, sanitize_html=True
        )
    except Exception as exc:
        # feedparser is meant to report problems in `bozo`; anything it raises instead is
        # still this file's problem, not the batch's.
        raise MalformedInputError(name, f"broken feed XML: {_reason(exc)}") from exc
    entries = list(parsed.get("entries") or [])
    broken = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not entries:
        if broken is not None and not _is_encoding_notice(broken):
            raise MalformedInputError(name, f"broken feed XML: {_reason(broken)}")
        if not parsed.get("version"):
            raise MalformedInputError(name, "not an RSS, Atom or RDF feed")
        raise MalformedInputError(name, "feed has no entries")
    warnings: list[Problem] = []
    if broken is not None and not _is_encoding_notice(broken):
        warnings.append(
            Problem(name, f"broken feed XML, read leniently: {_reason(broken)}", severity="warning")
        )
    feed = parsed.get("feed") or {}
    outlet = _plain(feed.get("title"), feed.get("title_detail"))
    return ParsedFeed(
        outlet=outlet,
        entries=tuple(
            _entry(name, number, entry, outlet) for number, entry in enumerate(entries, start=1)
        ),
        warnings=tuple(warnings),
    )


def _entry(name: str, number: int, entry: Any, outlet: str | None) -> FeedEntry:
    warnings: list[Problem] = []
    published = None
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        published = parse_feed_date(raw, entry.get(f"{key}_parsed"))
        if published is not None:
            break
        if raw:
            # A bad date in a feed is the site's fault: keep the entry, lose the date.
            warnings.append(
                Problem(
                    name,
                    f"ignored unparseable date in feed entry: {raw!r}",
                    line=number,
                    severity="warning",
                )
            )
            break
    own = Metadata(
        outlet=outlet,
        url=_string(entry.get("link")),
        title=_plain(entry.get("title"), entry.get("title_detail")),
        author=_author(entry),
        published=published,
    )
    text = _entry_text(entry)
    return FeedEntry(number, _key(entry, own, text), own, text, tuple(warnings))


def _key(entry: Any, own: Metadata, text: str) -> str:
    for value in (entry.get("id"), own.url):
        if isinstance(value, str) and value.strip():
            return value.strip()
    # An entry with neither id nor link is known by what it says.
    seen = "\n".join((own.title or "", own.published or "", text))
    return "sha1:" + hashlib.sha1(seen.encode("utf-8")).hexdigest()


def _entry_text(entry: Any) -> str:
    """Return an entry's full content when it has some, else its summary, as plain text."""
    candidates: list[tuple[str, str]] = []
    for content in entry.get("content") or []:
        value = content.get("value")
        if isinstance(value, str) and value.strip():
            candidates.append((value, content.get("type") or "text/html"))
    if candidates:
        # Several content elements are alternatives (text and HTML); the longest says most.
        value, kind = max(candidates, key=lambda c: len(c[0]))
    else:
        summary = entry.get("summary")
        if not isinstance(summary, str) or not summary.strip():
            return ""
        value, kind = summary, (entry.get("summary_detail") or {}).get("type") or "text/html"
    text = html_fragment_to_text(value) if kind in _HTML_TYPES else value
    return text.strip()


def _plain(value: Any, detail: Any) -> str | None:
    if not isinstance(value, str):
        return None
    kind = (detail or {}).get("type") if isinstance(detail, dict) else None
    if kind in _HTML_TYPES:
        value = html_fragment_to_text(value)
    return clean_field(value)


def _author(entry: Any) -> str | None:
    raw = _string(entry.get("author"))
    if raw is not None:
        # RSS writes "desk@example.org (Ann Lee)"; the name alone is what a reader wants, and
        # feedparser's own split of it is unreliable.
        match = _RSS_AUTHOR.fullmatch(raw)
        return clean_field(match.group(1)) if match else raw
    detail = entry.get("author_detail")
    if isinstance(detail, dict) and isinstance(detail.get("name"), str):
        return clean_field(detail["name"])
    return None


def _string(value: Any) -> str | None:
    return clean_field(value) if isinstance(value, str) else None


def _is_encoding_notice(exc: Any) -> bool:
    # feedparser flags a declared encoding it had to override; the entries are still good.
    return type(exc).__name__ in {"CharacterEncodingOverride", "NonXMLContentType"}


def _reason(exc: Any) -> str:
    get_message = getattr(exc, "getMessage", None)
    text = str(get_message() if callable(get_message) else exc) or type(exc).__name__
    return text if len(text) <= 80 else text[:77] + "..."
