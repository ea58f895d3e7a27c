"""Finding inputs, reading their bytes safely, decoding them to text, and reading sidecars."""

from __future__ import annotations

import codecs
import json
import os
import stat
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from sitroom.errors import (
    BinaryInputError,
    EmptyInputError,
    IngestError,
    MetadataError,
    MissingInputError,
    TooLargeInputError,
    UnreadableInputError,
)
from sitroom.ingest.metadata import metadata_from_mapping
from sitroom.records import Metadata, Problem, Source

STDIN = "-"
"""The path that means standard input."""
STDIN_NAME = "<stdin>"
"""How standard input is named in problems and in the ``source`` of its documents."""
AUTO = "auto"
"""The kind of a source whose reader is chosen by sniffing its content (standard input)."""
SIDECAR_SUFFIX = ".meta.json"

KINDS_BY_EXTENSION = (
    (".txt", "text"),
    (".html", "html"),
    (".htm", "html"),
    (".json", "json"),
    (".jsonl", "jsonl"),
    (".xml", "feed"),
    (".rss", "feed"),
    (".atom", "feed"),
    (".warc", "warc"),
    (".warc.gz", "warc"),
)
_SUPPORTED = " ".join(ext for ext, _ in KINDS_BY_EXTENSION)

BINARY_SNIFF_BYTES = 8192
# Bytes that never occur in text (C0 controls other than tab, newlines, form feed and escape).
_CONTROL_BYTES = bytes([*range(0x01, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_TEXT_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def kind_for(path: str) -> str | None:
    """Return the reader kind for a file name's extension (case-insensitive), or None."""
    lower = path.lower()
    for ext, kind in KINDS_BY_EXTENSION:
        if lower.endswith(ext):
            return kind
    return None


def is_sidecar(path: str) -> bool:
    """True for a metadata sidecar (``NAME.meta.json``), which describes a file and is not one."""
    return Path(path).name.lower().endswith(SIDECAR_SUFFIX)


def sidecar_path(path: str) -> Path:
    """Return the sidecar of a file: its name without the last extension, plus ``.meta.json``."""
    file = Path(path)
    return file.with_name(file.stem + SIDECAR_SUFFIX)


def discover(paths: Sequence[str]) -> tuple[list[Source], list[Problem]]:
    """Expand files and directories into sources, in a deterministic order, with path problems.

    Directories are walked recursively in sorted order; inside them, hidden entries, sidecars and
    files of other types are skipped silently. A path named explicitly that cannot be read as
    an input yields a problem instead; no path ever raises.
    """
    sources: list[Source] = []
    problems: list[Problem] = []
    seen: set[str] = set()

    def add(source: Source) -> None:
        # The same file reached twice (a folder and a file in it) is read once.
        key = source.path if source.path == STDIN else os.path.realpath(source.path)
        if key not in seen:
            seen.add(key)
            sources.append(source)

    for path in paths:
        if path == STDIN:
            add(Source(STDIN, AUTO))
            continue
        if os.path.isdir(path):
            found, walk_problems = _walk(path)
            for file in found:
                add(file)
            problems.extend(walk_problems)
            continue
        if not os.path.lexists(path):
            problems.append(Problem(path, "no such file or directory"))
            continue
        if is_sidecar(path):
            reason = "a metadata sidecar, read with the file beside it"
            problems.append(Problem(path, reason, severity="warning"))
            continue
        kind = kind_for(path)
        if kind is None:
            problems.append(Problem(path, _unsupported_reason(path)))
            continue
        add(Source(path, kind))
    return sources, problems


def _unsupported_reason(path: str) -> str:
    suffix = Path(path).suffix
    if not suffix:
        return f"unsupported file (no extension); sitroom reads {_SUPPORTED}"
    what = f"unsupported file type {suffix.lower()}"
    return f"{what}; sitroom reads {_SUPPORTED}"


def _walk(root: str) -> tuple[list[Source], list[Problem]]:
    found: list[tuple[tuple[str, ...], Source]] = []
    problems: list[Problem] = []

    def on_error(exc: OSError) -> None:
        problems.append(Problem(exc.filename or root, strerror(exc)))

    for folder, dirnames, filenames in os.walk(root, onerror=on_error):
        # Pruning in place keeps os.walk out of hidden folders (.git, .cache, ...).
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if name.startswith(".") or is_sidecar(name):
                continue
            kind = kind_for(name)
            if kind is None:
                continue
            full = os.path.join(folder, name)
            found.append((Path(os.path.relpath(full, root)).parts, Source(full, kind)))
    found.sort(key=lambda item: item[0])
    problems.sort(key=lambda p: p.path)
    return [source for _, source in found], problems


def strerror(exc: OSError) -> str:
    """Return an OSError's reason in the lower-case style of sitroom's messages."""
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    text = exc.strerror or str(exc) or type(exc).__name__
    return text[:1].lower() + text[1:]


def format_size(size: int) -> str:
    """Return a byte count as a short human size (``31 MB``, ``4.5 KB``, ``12 bytes``)."""
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= scale:
            value = size / scale
            shown = f"{value:.1f}".removesuffix(".0")
            return f"{shown} {unit}"
    return f"{size} bytes"


def _too_large(path: str, max_bytes: int, size: int | None) -> TooLargeInputError:
    limit = f"larger than the {format_size(max_bytes)} limit"
    return TooLargeInputError(path, limit if size is None else f"{limit} ({format_size(size)})")


def _read_file(path: str, limit: int) -> bytes:
    """Read at most ``limit`` bytes of a file; the one place that opens inputs (tests patch it)."""
    with open(path, "rb") as handle:
        return handle.read(limit)


@contextmanager
def opening_errors(path: str) -> Iterator[None]:
    """Turn the OS's errors on stating or opening ``path`` into sitroom's input errors."""
    try:
        yield
    except FileNotFoundError as exc:
        raise MissingInputError(path, "no such file or directory") from exc
    except OSError as exc:
        raise UnreadableInputError(path, strerror(exc)) from exc
    except ValueError as exc:
        # os.stat refuses a path with a NUL character in it.
        raise UnreadableInputError(path, "invalid path") from exc


def read_file_bytes(path: str, *, max_bytes: int) -> bytes:
    """Read a whole input file, refusing missing, unreadable and too-large files before reading."""
    with opening_errors(path):
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise UnreadableInputError(path, "is a directory")
        if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
            raise _too_large(path, max_bytes, info.st_size)
        # One byte more than the limit tells a file that grew, or a pipe, from one that fits.
        data = _read_file(path, max_bytes + 1)
    if len(data) > max_bytes:
        raise _too_large(path, max_bytes, None)
    return data


def read_stream_bytes(stream: BinaryIO, name: str, *, max_bytes: int) -> bytes:
    """Read standard input (or any stream), at most one byte past the limit."""
    try:
        data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise UnreadableInputError(name, strerror(exc)) from exc
    if len(data) > max_bytes:
        raise _too_large(name, max_bytes, None)
    return data


def check_bytes(data: bytes, name: str) -> None:
    """Refuse empty input and binary data (NUL bytes or many control bytes near the start)."""
    if not data:
        raise EmptyInputError(name, "empty file")
    if not data.strip():
        raise EmptyInputError(name, "file holds only whitespace")
    if _bom_encoding(data) is not None:
        return
    head = data[:BINARY_SNIFF_BYTES]
    if b"\x00" in head:
        raise BinaryInputError(name, "binary data, not text")
    controls = len(head.translate(None, _TEXT_BYTES))
    if controls * 10 > len(head):
        raise BinaryInputError(name, "binary data, not text")


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def decode(data: bytes, name: str) -> tuple[str, list[Problem]]:
    """Decode input bytes: UTF-8 (BOM stripped), else a detected encoding with a warning."""
    check_bytes(data, name)
    encoding = _bom_encoding(data)
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            reason = f"invalid {encoding} text after its byte-order mark"
            raise BinaryInputError(name, reason) from exc
        return _non_empty(text, name), [_decoded_warning(name, encoding)]
    try:
        return _non_empty(data.decode("utf-8-sig"), name), []
    except UnicodeDecodeError:
        pass
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise BinaryInputError(name, "binary data, not text")
    return _non_empty(str(best), name), [_decoded_warning(name, best.encoding)]


def _decoded_warning(name: str, encoding: str) -> Problem:
    return Problem(name, f"decoded as {encoding}, not UTF-8", severity="warning")


def _non_empty(text: str, name: str) -> str:
    if not text.strip():
        raise EmptyInputError(name, "file holds only whitespace")
    return text


def sniff(data: bytes) -> str:
    """Guess the reader kind of unnamed input (standard input) from its first bytes."""
    head = data[:2048].decode("utf-8", "replace").lstrip("\ufeff \t\r\n").lower()
    if head.startswith(("{", "[")):
        return _json_or_jsonl(data)
    if head.startswith("<?xml"):
        # XHTML pages also open with an XML declaration; a feed never has an <html> element.
        return "html" if "<html" in head else "feed"
    if head.startswith(("<rss", "<feed", "<rdf")):
        return "feed"
    if head.startswith(("<html", "<!doctype")):
        return "html"
    return "text"


def _json_or_jsonl(data: bytes) -> str:
    text = data.decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    if text.startswith("["):
        return "json"
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < 2:
        return "json"
    try:
        json.loads(lines[0])
    except ValueError:
        # A first line that is not a whole object is the start of one pretty-printed object.
        return "json"
    return "jsonl"


def read_sidecar(path: str, *, max_bytes: int) -> Metadata:
    """Return the metadata in the sidecar of ``path``, or empty Metadata when it has none.

    Raises MetadataError naming the sidecar when it exists but cannot be used: its file's
    documents must then stay out, since a later run could not correct their metadata.
    """
    side = sidecar_path(path)
    name = str(side)
    try:
        data = read_file_bytes(name, max_bytes=max_bytes)
    except MissingInputError:
        return Metadata()
    except IngestError as exc:
        raise MetadataError(name, f"cannot read sidecar: {exc.reason}") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MetadataError(name, "sidecar is not UTF-8 text") from exc
    try:
        parsed: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MetadataError(name, f"invalid JSON in sidecar: {json_error(exc)}") from exc
    except RecursionError as exc:
        raise MetadataError(name, "invalid JSON in sidecar: nested too deeply") from exc
    if not isinstance(parsed, dict):
        raise MetadataError(name, "sidecar is not a JSON object")
    return metadata_from_mapping(name, parsed, context="sidecar")


def json_error(exc: json.JSONDecodeError, *, single_line: bool = False) -> str:
    """Describe a JSON syntax error briefly (``Expecting ',' delimiter at column 17``)."""
    if single_line or exc.lineno == 1:
        return f"{exc.msg} at column {exc.colno}"
    return f"{exc.msg} at line {exc.lineno} column {exc.colno}"
