"""Web pages as fetched over HTTP (by a crawler or by ``sitroom watch``): bytes and headers in.

A page's bytes are decoded with the charset its Content-Type declares, else like any input
file; HTML goes through the HTML reader and plain text through the text reader.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from sitroom.errors import UnsupportedInputError
from sitroom.ingest.html import read_html
from sitroom.ingest.sources import decode
from sitroom.ingest.text import read_text
from sitroom.records import Metadata, Problem, RawDocument

HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)


def is_page_type(content_type: str | None) -> bool:
    """True for an HTML or plain-text media type, or none declared (then the bytes decide)."""
    return media_type(content_type) in (*HTML_TYPES, *TEXT_TYPES, "")


def read_page(
    name: str, payload: bytes, *, content_type: str | None, metadata: Metadata
) -> list[RawDocument | Problem]:
    """Read one fetched page into its document (and warnings); raise IngestError when it fails.

    ``metadata`` takes precedence over what the page says about itself.
    """
    if not is_page_type(content_type):
        raise UnsupportedInputError(name, f"not a page ({media_type(content_type)})")
    text, warnings = decode_payload(payload, content_type, name)
    media = media_type(content_type)
    is_html = media in HTML_TYPES or (not media and text.lstrip().startswith("<"))
    reader = read_html if is_html else read_text
    return [*warnings, *reader(name, text, metadata)]


def decode_payload(
    payload: bytes, content_type: str | None, name: str
) -> tuple[str, list[Problem]]:
    """Decode with the charset the server declared, else as any other input is decoded."""
    charset = _charset(content_type)
    if charset:
        try:
            text = payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            if text.strip() and "\x00" not in text[:8192]:
                return text.removeprefix("\ufeff"), []
    return decode(payload, name)


def media_type(content_type: str | None) -> str:
    """The media type of a Content-Type header, lower case, without parameters."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def _charset(content_type: str | None) -> str | None:
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def url_host(url: str | None) -> str | None:
    """The host of a URL without ``www.``, as an outlet name of last resort, or None."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None
