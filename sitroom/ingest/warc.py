"""WARC files of crawled news pages (as Common Crawl's CC-NEWS publishes them), read with warcio.

Each ``response`` record holding an HTML or plain-text page fetched with HTTP 200 is one
article; its page goes through the HTML reader. Every other record is skipped and counted. A
WARC file is streamed record by record, never held in memory: it may be gigabytes, so it has
its own size limit (``max_warc_bytes``), and each record's payload is held to the per-file
limit (``max_bytes``). A broken record is one problem, numbered like a line (the first record
of the file is 1), and reading resumes at the next record that can be found.
"""

from __future__ import annotations

import dataclasses
import os
import stat
from collections.abc import Iterator
from datetime import datetime
from typing import IO, Any

from sitroom.errors import (
    IngestError,
    NoMainTextError,
    TooLargeInputError,
    UnreadableInputError,
)
from sitroom.ingest.metadata import clean_field
from sitroom.ingest.pages import is_page_type, media_type, read_page, url_host
from sitroom.ingest.sources import format_size, opening_errors
from sitroom.records import Metadata, Problem, RawDocument, Skipped

_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/1."
_SCAN_BLOCK = 1024 * 1024
_DRAIN_BLOCK = 64 * 1024


def read_warc(
    path: str, *, max_bytes: int, max_warc_bytes: int, metadata: Metadata
) -> Iterator[RawDocument | Problem | Skipped]:
    """Yield the articles, problems and skipped records of a WARC file (``.warc`` or ``.warc.gz``).

    Raises an IngestError before yielding anything when the file is missing, unreadable or
    larger than ``max_warc_bytes``; later failures are problems naming the record.
    """
    with opening_errors(path):
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise UnreadableInputError(path, "is a directory")
        if info.st_size > max_warc_bytes:
            limit = f"larger than the {format_size(max_warc_bytes)} WARC limit"
            raise TooLargeInputError(path, f"{limit} ({format_size(info.st_size)})")
        handle = open(path, "rb")  # noqa: SIM115 - closed below, after the generator is done
    with handle:
        yield from _records(path, handle, size=info.st_size, max_bytes=max_bytes, metadata=metadata)


def _records(
    path: str, handle: IO[bytes], *, size: int, max_bytes: int, metadata: Metadata
) -> Iterator[RawDocument | Problem | Skipped]:
    from warcio.archiveiterator import ArchiveIterator

    number = 0
    start = 0
    gzipped = handle.read(3) == _GZIP_MAGIC
    while start < size:
        handle.seek(start)
        iterator: Any = ArchiveIterator(handle)
        try:
            for record in iterator:
                number += 1
                yield from _guarded_record(path, number, record, max_bytes, metadata)
        except Exception as exc:
            # warcio raises its own errors, zlib's and EOFError on broken records; one broken
            # record must not cost the rest of the file.
            number += 1
            yield Problem(path, f"broken WARC record: {_short(exc)}", line=number)
            resume = _next_record_start(handle, _record_start(iterator, start) + 1, gzipped)
            if resume is None:
                return
            start = resume
            continue
        end = int(getattr(iterator, "offset", size) or 0)
        if end < size and not _only_padding(handle, end):
            # warcio stops quietly where a record's header is cut off (a truncated download).
            number += 1
            yield Problem(path, "truncated WARC file: the last record is incomplete", line=number)
        return


def _guarded_record(
    path: str, number: int, record: Any, max_bytes: int, metadata: Metadata
) -> Iterator[RawDocument | Problem | Skipped]:
    """Read one record; a failure inside it (a bad HTTP encoding) is that record's problem."""
    try:
        items = list(_record(path, number, record, max_bytes=max_bytes, metadata=metadata))
    except Exception as exc:
        # warcio and zlib raise many kinds of errors on a damaged payload.
        yield Problem(path, f"broken WARC record: {_short(exc)}", line=number)
        return
    yield from items


def _record(
    path: str, number: int, record: Any, *, max_bytes: int, metadata: Metadata
) -> Iterator[RawDocument | Problem | Skipped]:
    """Yield what one record gives: an article, a problem, or the reason it was skipped."""
    reason = _skip_reason(record)
    if reason is not None:
        _drain(record)
        if _truncated(record):
            yield Problem(path, "truncated WARC record", line=number)
        else:
            yield Skipped(path, reason, line=number)
        return
    payload = record.content_stream().read(max_bytes + 1)
    too_large = len(payload) > max_bytes
    _drain(record)
    if _truncated(record):
        yield Problem(path, "truncated WARC record", line=number)
        return
    if too_large:
        reason = f"record payload larger than the {format_size(max_bytes)} limit"
        yield Problem(path, reason, line=number)
        return
    yield from _page(path, number, record, payload, metadata)


def _skip_reason(record: Any) -> str | None:
    if record.rec_type != "response":
        return f"a {record.rec_type} record, not a response"
    http = record.http_headers
    if http is None:
        return "a response without HTTP headers"
    status = http.get_statuscode()
    if status != "200":
        return f"HTTP status {status}"
    content_type = http.get_header("Content-Type")
    if not is_page_type(content_type):
        return f"not a page ({media_type(content_type)})"
    return None


def _page(
    path: str, number: int, record: Any, payload: bytes, metadata: Metadata
) -> Iterator[RawDocument | Problem | Skipped]:
    content_type = record.http_headers.get_header("Content-Type")
    url = clean_field(record.rec_headers.get_header("WARC-Target-URI") or "")
    # The fetched URL is what the crawler saw; it overrides the page's own claims.
    given = metadata.merged_over(Metadata(url=url))
    try:
        items = read_page(path, payload, content_type=content_type, metadata=given)
    except NoMainTextError:
        # A crawl of news sites holds section fronts and galleries: not articles, not broken.
        yield Skipped(path, "no main text", line=number)
        return
    except IngestError as exc:
        yield Problem(path, exc.reason, line=number)
        return
    fallback = Metadata(outlet=url_host(url), published=_warc_day(record))
    for item in items:
        if isinstance(item, RawDocument):
            merged = item.metadata.merged_over(fallback)
            yield dataclasses.replace(item, metadata=merged, line=number)
        else:
            yield dataclasses.replace(item, line=number)


def _warc_day(record: Any) -> str | None:
    raw = record.rec_headers.get_header("WARC-Date") or ""
    try:
        return datetime.fromisoformat(raw.strip().replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return None


def _drain(record: Any) -> None:
    while record.raw_stream.read(_DRAIN_BLOCK):
        pass


def _truncated(record: Any) -> bool:
    # The record's block ended before its declared length: the file stops inside it.
    return int(getattr(record.raw_stream, "limit", 0) or 0) > 0


def _record_start(iterator: Any, fallback: int) -> int:
    offset = getattr(iterator, "offset", None)
    return offset if isinstance(offset, int) and offset >= fallback else fallback


def _next_record_start(handle: IO[bytes], position: int, gzipped: bool) -> int | None:
    """Find where the next record begins at or after ``position``, or None at the end."""
    # In a .warc.gz each record is its own gzip member; in a .warc a record opens a line.
    marker = _GZIP_MAGIC if gzipped else b"\n" + _WARC_MAGIC
    skip = 0 if gzipped else 1
    handle.seek(position)
    offset = position
    tail = b""
    while True:
        block = handle.read(_SCAN_BLOCK)
        if not block:
            return None
        window = tail + block
        found = window.find(marker)
        if found >= 0:
            return offset - len(tail) + found + skip
        tail = window[-(len(marker) - 1) :]
        offset += len(block)


def _only_padding(handle: IO[bytes], position: int) -> bool:
    handle.seek(position)
    rest = handle.read(64)
    return not rest.strip(b"\r\n\x00")


def _short(exc: BaseException) -> str:
    text = " ".join((str(exc) or type(exc).__name__).split())
    return text if len(text) <= 80 else text[:77] + "..."
