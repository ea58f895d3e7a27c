"""Validation and normalisation of metadata fields: dates, language codes and short strings."""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from sitroom.errors import MetadataError
from sitroom.records import Metadata

METADATA_FIELDS = ("outlet", "wire", "url", "title", "author", "published", "language")
"""The fields a sidecar or a JSON record may set, in the order of :class:`Metadata`."""

_LANGUAGE_CODE = re.compile(r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*")
# Control characters and lone surrogates (JSON escapes can produce them) break storage and display.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def _shown(value: Any) -> str:
    """Quote a bad value for a message, cut short so one broken record cannot flood the report."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def clean_field(value: str) -> str | None:
    """Return a one-line metadata string with whitespace collapsed, or None when nothing is left."""
    text = " ".join(unicodedata.normalize("NFC", _UNPRINTABLE.sub("", value)).split())
    return text or None


def parse_iso_date(value: str) -> str | None:
    """Return ``YYYY-MM-DD`` for an ISO 8601 date or datetime (with or without zone), else None.

    A datetime keeps the calendar date it was written with: converting to UTC would move an
    evening report in the Americas to the next day.
    """
    text = value.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        return None


def parse_feed_date(value: str | None, parsed: time.struct_time | None) -> str | None:
    """Return ``YYYY-MM-DD`` for a feed's date string (RFC 822 or ISO), else feedparser's parse."""
    if value:
        try:
            return parsedate_to_datetime(value.strip()).date().isoformat()
        except (TypeError, ValueError, IndexError, OverflowError):
            pass
        iso = parse_iso_date(value)
        if iso is not None:
            return iso
    if parsed is not None:
        try:
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
        except (ValueError, AttributeError):
            return None
    return None


def normalise_language(value: str) -> str | None:
    """Return the lower-case primary subtag of a language tag (``en-GB`` -> ``en``), else None."""
    match = _LANGUAGE_CODE.fullmatch(value.strip())
    return match.group(1).lower() if match else None


def metadata_from_mapping(
    path: str, data: Mapping[str, Any], *, context: str, line: int | None = None
) -> Metadata:
    """Build Metadata from the known fields of a JSON object, raising MetadataError on bad values.

    ``context`` names the object in messages ("sidecar", "record field"); unknown keys are ignored
    so that sidecars and records can carry notes. ``null`` and blank strings mean "not known".
    """
    values: dict[str, str | None] = {}
    for name in METADATA_FIELDS:
        raw = data.get(name)
        if raw is None:
            continue
        if name == "author" and isinstance(raw, list) and all(isinstance(a, str) for a in raw):
            # Scraped records often list several authors; one string keeps the record flat.
            raw = ", ".join(a for a in raw if a.strip())
        if not isinstance(raw, str):
            raise MetadataError(
                path, f"{context} {name!r} must be a string, not {_json_type(raw)}", line=line
            )
        text = clean_field(raw)
        if text is None:
            continue
        if name == "published":
            iso = parse_iso_date(text)
            if iso is None:
                raise MetadataError(
                    path, f"invalid date in {context} 'published': {_shown(raw)}", line=line
                )
            text = iso
        elif name == "language":
            code = normalise_language(text)
            if code is None:
                raise MetadataError(
                    path,
                    f"invalid language in {context} 'language': {_shown(raw)}"
                    " (expected a code such as 'en')",
                    line=line,
                )
            text = code
        values[name] = text
    return Metadata(**values)
