"""Plain-text files: one article per file, its headline (if any) on the first line."""

from __future__ import annotations

from collections.abc import Iterator

from sitroom.records import Metadata, Problem, RawDocument


def read_text(name: str, text: str, metadata: Metadata) -> Iterator[RawDocument | Problem]:
    """Yield the one document of a plain-text file; the cleaner looks for its headline."""
    yield RawDocument(
        source=name, text=text, metadata=metadata, kind="text", title_from_first_line=True
    )
