"""Frozen records as plain JSON data and back, for results that leave the process whole.

``Article.to_record`` and friends give the CONTRACT.md shapes, which drop fields a store needs
(an article's raw text, a mention's gazetteer entry). Batch jobs that analyse elsewhere (the
Spark adapter) must hand a whole :class:`~sitroom.records.Analysis` back to ``sitroom load``, so
this module writes every field of a frozen dataclass and reads it back by its type hints.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from typing import Any, TypeVar

from sitroom.errors import SitroomError

T = TypeVar("T")


class PlainDataError(SitroomError):
    """Plain data that does not fit the record type it is read as."""


def to_plain(value: Any) -> Any:
    """The record as JSON-ready data: dataclasses as dicts of all their fields, tuples as lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [to_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): to_plain(item) for key, item in value.items()}
    return value


def to_json(value: Any) -> str:
    """The record as one line of JSON."""
    return json.dumps(to_plain(value), ensure_ascii=False, separators=(",", ":"))


def from_plain(cls: type[T], data: Any) -> T:
    """Read a record of type ``cls`` written by :func:`to_plain`."""
    result: T = _read(cls, data, cls.__name__)
    return result


def from_json(cls: type[T], text: str) -> T:
    """Read a record of type ``cls`` written by :func:`to_json`."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise PlainDataError(f"not JSON ({exc})") from exc
    return from_plain(cls, data)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    # The record modules use postponed annotations, so field types are strings until resolved.
    return typing.get_type_hints(cls)


def _read(hint: Any, data: Any, where: str) -> Any:
    if hint is Any:
        return data
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        options = typing.get_args(hint)
        if data is None and type(None) in options:
            return None
        # Only ``X | None`` appears in the records; the first non-None option is the type.
        chosen = next(o for o in options if o is not type(None))
        return _read(chosen, data, where)
    if origin is typing.Literal:
        return data
    if origin is tuple:
        if not isinstance(data, list):
            raise PlainDataError(f"{where}: expected a list, found {type(data).__name__}")
        item = typing.get_args(hint)[0]
        return tuple(_read(item, value, f"{where}[{i}]") for i, value in enumerate(data))
    if origin is dict:
        if not isinstance(data, dict):
            raise PlainDataError(f"{where}: expected an object, found {type(data).__name__}")
        return dict(data)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if not isinstance(data, dict):
            raise PlainDataError(f"{where}: expected an object, found {type(data).__name__}")
        hints = _hints(hint)
        values = {}
        for f in dataclasses.fields(hint):
            if f.name in data:
                values[f.name] = _read(hints[f.name], data[f.name], f"{where}.{f.name}")
        try:
            return hint(**values)
        except TypeError as exc:
            raise PlainDataError(f"{where}: {exc}") from exc
    if hint is float and isinstance(data, int) and not isinstance(data, bool):
        return float(data)
    if isinstance(hint, type) and not isinstance(data, hint):
        raise PlainDataError(f"{where}: expected {hint.__name__}, found {type(data).__name__}")
    return data
