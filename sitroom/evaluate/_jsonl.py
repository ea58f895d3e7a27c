"""Reading JSONL evaluation files into checked fields; errors name the file, line and field."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from sitroom.errors import DatasetError
from sitroom.evaluate.gold import Span

T = TypeVar("T")

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def dataset_error(path: Path, reason: str, line: int | None = None) -> DatasetError:
    """Return the DatasetError ``PATH[:LINE]: reason``."""
    where = str(path) if line is None else f"{path}:{line}"
    return DatasetError(f"{where}: {reason}")


def check_readable(path: Path) -> None:
    """Raise DatasetError unless ``path`` is an existing regular file."""
    if not path.exists():
        raise dataset_error(path, "file not found")
    if not path.is_file():
        raise dataset_error(path, "not a regular file")


def read_jsonl(path: Path, parse: Callable[[Fields], T]) -> list[T]:
    """Parse every line of a JSONL file with ``parse``; an empty file gives an empty list."""
    check_readable(path)
    records: list[T] = []
    number = 0
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    raise dataset_error(path, "empty line", number)
                try:
                    value = json.loads(line)
                except json.JSONDecodeError as exc:
                    reason = f"invalid JSON ({exc.msg} at column {exc.colno})"
                    raise dataset_error(path, reason, number) from exc
                if not isinstance(value, dict):
                    raise dataset_error(path, "expected a JSON object", number)
                records.append(parse(Fields(value, path=path, line=number)))
    except UnicodeDecodeError as exc:
        raise dataset_error(path, "not UTF-8 text", number + 1) from exc
    except OSError as exc:
        raise dataset_error(path, f"cannot read ({exc.strerror})") from exc
    return records


@dataclass(frozen=True, slots=True)
class Fields:
    """One JSON object from a data file, with typed getters that raise a precise DatasetError."""

    data: dict[str, Any]
    path: Path
    line: int
    prefix: str = ""

    def error(self, key: str, reason: str) -> DatasetError:
        """The DatasetError for field ``key`` of this object."""
        return dataset_error(self.path, f"field {self.prefix}{key!s}: {reason}", self.line)

    def raw(self, key: str) -> Any:
        """The value of a required field, unchecked."""
        if key not in self.data:
            raise self.error(key, "missing")
        return self.data[key]

    def text(self, key: str, *, allow_empty: bool = True) -> str:
        """A required string."""
        value = self.raw(key)
        if not isinstance(value, str):
            raise self.error(key, f"expected a string, got {_kind(value)}")
        if not allow_empty and not value.strip():
            raise self.error(key, "empty")
        return value

    def opt_text(self, key: str) -> str | None:
        """A string or null; an absent key counts as null."""
        if self.data.get(key) is None:
            return None
        return self.text(key)

    def integer(self, key: str, *, minimum: int | None = None) -> int:
        """A required integer (not a boolean), optionally bounded below."""
        value = self.raw(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(key, f"expected an integer, got {_kind(value)}")
        if minimum is not None and value < minimum:
            raise self.error(key, f"{value} is below {minimum}")
        return value

    def opt_integer(self, key: str) -> int | None:
        """An integer or null."""
        return None if self.data.get(key) is None else self.integer(key)

    def number(self, key: str) -> float:
        """A required finite number."""
        value = self.raw(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error(key, f"expected a number, got {_kind(value)}")
        if not math.isfinite(value):
            raise self.error(key, "not a finite number")
        return float(value)

    def opt_number(self, key: str) -> float | None:
        """A finite number or null."""
        return None if self.data.get(key) is None else self.number(key)

    def iso_date(self, key: str) -> str:
        """A required ISO date ``YYYY-MM-DD``."""
        value = self.text(key)
        if not _ISO_DATE.fullmatch(value):
            raise self.error(key, f"expected an ISO date YYYY-MM-DD, got {value!r}")
        try:
            date.fromisoformat(value)
        except ValueError as exc:
            raise self.error(key, f"not a calendar date: {value!r}") from exc
        return value

    def opt_iso_date(self, key: str) -> str | None:
        """An ISO date or null."""
        return None if self.data.get(key) is None else self.iso_date(key)

    def choice(self, key: str, allowed: frozenset[str]) -> str:
        """A required string from a closed set."""
        value = self.text(key)
        if value not in allowed:
            raise self.error(key, f"{value!r} is not one of {', '.join(sorted(allowed))}")
        return value

    def span(self, key: str, text: str) -> Span:
        """A required ``[start, end]`` pair of offsets into ``text``."""
        return self._pair(key, self.raw(key), text)

    def opt_span(self, key: str, text: str) -> Span | None:
        """A ``[start, end]`` pair or null."""
        return None if self.data.get(key) is None else self.span(key, text)

    def opt_spans(self, key: str, text: str) -> tuple[Span, ...]:
        """An optional list of ``[start, end]`` pairs; an absent key gives ``()``."""
        if self.data.get(key) is None:
            return ()
        value = self.raw(key)
        if not isinstance(value, list):
            raise self.error(key, f"expected a list, got {_kind(value)}")
        return tuple(self._pair(f"{key}[{i}]", item, text) for i, item in enumerate(value))

    def _pair(self, key: str, value: object, text: str) -> Span:
        """Check that ``value`` is ``[start, end]`` inside ``text``."""
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        ):
            raise self.error(key, "expected [start, end] offsets")
        return self.check_span(key, value[0], value[1], text)

    def check_span(self, key: str, start: int, end: int, text: str) -> Span:
        """Return ``(start, end)`` after checking that it lies inside ``text``."""
        if not 0 <= start <= end <= len(text):
            raise self.error(key, f"span {start}-{end} is outside the text ({len(text)} chars)")
        return (start, end)

    def offsets(self, text: str, *, surface: str | None = None) -> Span:
        """The ``start``/``end`` fields, checked against ``text`` (and the ``surface`` string)."""
        span = self.check_span("start", self.integer("start"), self.integer("end"), text)
        if surface is not None and text[span[0] : span[1]] != surface:
            found = text[span[0] : span[1]]
            raise self.error("start", f"text at {span[0]}-{span[1]} is {found!r}, not {surface!r}")
        return span

    def strings(self, key: str) -> tuple[str, ...]:
        """A required list of strings."""
        value = self.raw(key)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(key, "expected a list of strings")
        return tuple(value)

    def integers(self, key: str) -> tuple[int, ...]:
        """A required list of integers."""
        value = self.raw(key)
        if not isinstance(value, list) or not all(
            isinstance(v, int) and not isinstance(v, bool) for v in value
        ):
            raise self.error(key, "expected a list of integers")
        return tuple(value)

    def obj(self, key: str) -> Fields:
        """A required nested object."""
        value = self.raw(key)
        if not isinstance(value, dict):
            raise self.error(key, f"expected an object, got {_kind(value)}")
        return Fields(value, self.path, self.line, f"{self.prefix}{key}.")

    def opt_obj(self, key: str) -> Fields | None:
        """A nested object or null."""
        return None if self.data.get(key) is None else self.obj(key)

    def objects(self, key: str) -> list[Fields]:
        """A required list of nested objects."""
        value = self.raw(key)
        if not isinstance(value, list):
            raise self.error(key, f"expected a list, got {_kind(value)}")
        items: list[Fields] = []
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                raise self.error(f"{key}[{index}]", f"expected an object, got {_kind(item)}")
            items.append(Fields(item, self.path, self.line, f"{self.prefix}{key}[{index}]."))
        return items


def _kind(value: object) -> str:
    """A JSON-ish name for the type of ``value``, for error messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
