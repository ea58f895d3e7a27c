"""JSON files (one object or a list of objects) and JSON Lines files (one object a line)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sitroom.errors import EmptyInputError, IngestError, MalformedInputError
from sitroom.ingest.metadata import metadata_from_mapping
from sitroom.ingest.sources import json_error
from sitroom.records import Metadata, Problem, RawDocument


def read_json(
    name: str, text: str, metadata: Metadata, *, kind: str = "json"
) -> Iterator[RawDocument | Problem]:
    """Yield the documents of a JSON file; a broken record yields a problem with its list index.

    Raises MalformedInputError when the file as a whole is not JSON or holds no objects.
    """
    try:
        parsed: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedInputError(name, f"invalid JSON: {json_error(exc)}") from exc
    except RecursionError as exc:
        raise MalformedInputError(name, "invalid JSON: nested too deeply") from exc
    if isinstance(parsed, dict):
        yield _record_or_problem(name, parsed, metadata, kind=kind, line=None)
        return
    if not isinstance(parsed, list):
        raise MalformedInputError(
            name, f"expected a JSON object or a list of objects, found {_json_kind(parsed)}"
        )
    if not parsed:
        raise EmptyInputError(name, "empty JSON list")
    for index, item in enumerate(parsed, start=1):
        yield _record_or_problem(name, item, metadata, kind=kind, line=index)


def read_jsonl(name: str, text: str, metadata: Metadata) -> Iterator[RawDocument | Problem]:
    """Yield one document per non-blank line; a bad line yields a problem naming its number."""
    # Split on "\n" only: JSON strings may hold U+2028 and other breaks that splitlines() splits on.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            parsed: Any = json.loads(line)
        except json.JSONDecodeError as exc:
            reason = f"invalid JSON: {json_error(exc, single_line=True)}"
            yield Problem(name, reason, line=number)
            continue
        except RecursionError:
            yield Problem(name, "invalid JSON: nested too deeply", line=number)
            continue
        yield _record_or_problem(name, parsed, metadata, kind="jsonl", line=number)


def _record_or_problem(
    name: str, item: Any, metadata: Metadata, *, kind: str, line: int | None
) -> RawDocument | Problem:
    try:
        return _record(name, item, metadata, kind=kind, line=line)
    except IngestError as exc:
        return Problem(exc.path, exc.reason, line=exc.line)


def _record(
    name: str, item: Any, metadata: Metadata, *, kind: str, line: int | None
) -> RawDocument:
    if not isinstance(item, dict):
        raise MalformedInputError(
            name, f"record is not a JSON object (found {_json_kind(item)})", line=line
        )
    if "text" not in item or item["text"] is None:
        raise MalformedInputError(name, "record has no 'text' field", line=line)
    text = item["text"]
    if not isinstance(text, str):
        raise MalformedInputError(
            name, f"record field 'text' must be a string, not {_json_kind(text)}", line=line
        )
    if not text.strip():
        raise EmptyInputError(name, "record has an empty 'text' field", line=line)
    own = metadata_from_mapping(name, item, context="record field", line=line)
    return RawDocument(
        source=name, text=text, metadata=metadata.merged_over(own), kind=kind, line=line
    )


def _json_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"
