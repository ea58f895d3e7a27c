"""Readers that turn input files, feeds and standard input into RawDocuments and Problems.

:func:`discover` expands the paths given on the command line into sources; :func:`read_source`
reads one of them. Neither raises for a bad input: every failure is a :class:`Problem`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import BinaryIO

from sitroom.errors import IngestError, UnsupportedInputError
from sitroom.ingest.feeds import read_feed
from sitroom.ingest.html import read_html
from sitroom.ingest.jsonfile import read_json, read_jsonl
from sitroom.ingest.sources import (
    AUTO,
    STDIN,
    STDIN_NAME,
    check_bytes,
    decode,
    discover,
    read_file_bytes,
    read_sidecar,
    read_stream_bytes,
    sniff,
)
from sitroom.ingest.text import read_text
from sitroom.ingest.warc import read_warc
from sitroom.records import Metadata, Problem, RawDocument, Skipped, Source

__all__ = ["AUTO", "STDIN", "STDIN_NAME", "discover", "read_source"]

KINDS = ("text", "html", "json", "jsonl", "feed")


def read_source(
    source: Source,
    *,
    max_bytes: int,
    overrides: Metadata = Metadata(),  # noqa: B008 - frozen, so one shared default is safe
    stdin: BinaryIO | None = None,
    max_warc_bytes: int | None = None,
) -> Iterator[RawDocument | Problem | Skipped]:
    """Read one source, yielding its documents and the problems and warnings met on the way.

    Metadata precedence, lowest first: what the file says, then ``overrides`` (batch options),
    then the file's sidecar. When the whole file fails, exactly one error Problem is yielded
    and no document; a bad record (a JSONL line, a feed entry) yields a Problem with ``line``.
    A WARC file is the exception to all-or-nothing: it is streamed, each record on its own
    (records left out on purpose come as :class:`Skipped`); ``max_warc_bytes`` limits its size
    (default ``max_bytes``) and ``max_bytes`` each record's page.
    """
    name = STDIN_NAME if source.path == STDIN else source.path
    if source.kind == "warc" and source.path != STDIN:
        yield from _read_warc(source.path, max_bytes, max_warc_bytes or max_bytes, overrides)
        return
    try:
        items = _read_all(source, name, max_bytes=max_bytes, overrides=overrides, stdin=stdin)
    except IngestError as exc:
        yield Problem(exc.path, exc.reason, line=exc.line)
        return
    yield from items


def _read_warc(
    path: str, max_bytes: int, max_warc_bytes: int, overrides: Metadata
) -> Iterator[RawDocument | Problem | Skipped]:
    try:
        metadata = read_sidecar(path, max_bytes=max_bytes).merged_over(overrides)
        yield from read_warc(
            path, max_bytes=max_bytes, max_warc_bytes=max_warc_bytes, metadata=metadata
        )
    except IngestError as exc:
        yield Problem(exc.path, exc.reason, line=exc.line)


def _read_all(
    source: Source,
    name: str,
    *,
    max_bytes: int,
    overrides: Metadata,
    stdin: BinaryIO | None,
) -> list[RawDocument | Problem]:
    """Read a whole source before yielding anything, so a late failure leaves no documents."""
    if source.path == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = read_stream_bytes(stream, name, max_bytes=max_bytes)
        sidecar = Metadata()
    else:
        data = read_file_bytes(source.path, max_bytes=max_bytes)
        sidecar = read_sidecar(source.path, max_bytes=max_bytes)
    kind = sniff(data) if source.kind == AUTO else source.kind
    if kind not in KINDS:
        raise UnsupportedInputError(name, f"unsupported input kind {kind!r}")
    metadata = sidecar.merged_over(overrides)
    items: list[RawDocument | Problem] = []
    if kind == "feed":
        # feedparser decodes by itself, honouring the encoding the XML declares.
        check_bytes(data, name)
        items.extend(read_feed(name, data, metadata))
        return items
    text, warnings = decode(data, name)
    items.extend(warnings)
    if kind == "text":
        items.extend(read_text(name, text, metadata))
    elif kind == "html":
        items.extend(read_html(name, text, metadata))
    elif kind == "json":
        items.extend(read_json(name, text, metadata))
    else:
        items.extend(read_jsonl(name, text, metadata))
    return items
