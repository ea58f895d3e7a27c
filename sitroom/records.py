"""Frozen record types that flow between the pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Metadata:
    """Metadata about one article, from the file itself, a sidecar or batch options.

    Every field is optional; ``published`` is an ISO date ``YYYY-MM-DD``.
    """

    outlet: str | None = None
    wire: str | None = None
    url: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None
    language: str | None = None

    def merged_over(self, base: Metadata) -> Metadata:
        """Return ``base`` with every field that is set here taking precedence."""
        return Metadata(
            outlet=self.outlet if self.outlet is not None else base.outlet,
            wire=self.wire if self.wire is not None else base.wire,
            url=self.url if self.url is not None else base.url,
            title=self.title if self.title is not None else base.title,
            author=self.author if self.author is not None else base.author,
            published=self.published if self.published is not None else base.published,
            language=self.language if self.language is not None else base.language,
        )


@dataclass(frozen=True, slots=True)
class Source:
    """One input to read: a file path, or ``-`` for standard input."""

    path: str
    kind: str
    """The reader to use: ``text``, ``html``, ``json``, ``jsonl`` or ``feed``."""


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article as read from its source, before cleaning.

    ``text`` is the decoded text as found (for HTML and feeds, the extracted main text);
    ``title_from_first_line`` asks the cleaner to look for a headline on the first line
    (plain-text files carry their headline that way).
    """

    source: str
    text: str
    metadata: Metadata
    kind: str
    line: int | None = None
    title_from_first_line: bool = False
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    """One cleaned article: the unit every analysis stage works on.

    Offsets anywhere in sitroom count code points of ``text``; ``raw_text`` keeps the text
    as it was read, before cleaning.
    """

    id: str
    text: str
    raw_text: str
    metadata: Metadata
    source: str
    duplicate_of: str | None = None
    language: str | None = None
    ingested_at: str | None = None

    @property
    def title(self) -> str | None:
        """The article's headline, if known."""
        return self.metadata.title

    @property
    def published(self) -> str | None:
        """The publication date as ``YYYY-MM-DD``, if known."""
        return self.metadata.published

    def to_record(self) -> dict[str, Any]:
        """Return the article as the JSON record of CONTRACT.md (plus ``author`` and ``source``)."""
        return {
            "id": self.id,
            "outlet": self.metadata.outlet,
            "wire": self.metadata.wire,
            "url": self.metadata.url,
            "title": self.metadata.title,
            "author": self.metadata.author,
            "published": self.metadata.published,
            "language": self.language,
            "text": self.text,
            "duplicate_of": self.duplicate_of,
            "ingested_at": self.ingested_at,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class Problem:
    """Something that went wrong (or needs a look) with one input, reported and not raised."""

    path: str
    reason: str
    line: int | None = None
    severity: Severity = "error"

    @property
    def message(self) -> str:
        """The one-line message, ``PATH[:LINE]: reason``."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class RunReport:
    """What one ``ingest`` or ``run`` did."""

    new: int = 0
    already_stored: int = 0
    near_duplicates: int = 0
    not_english: int = 0
    problems: tuple[Problem, ...] = field(default=())

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that kept an input out of the store."""
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The problems that did not keep their input out."""
        return tuple(p for p in self.problems if p.severity == "warning")

    @property
    def ok(self) -> bool:
        """True when every input went in."""
        return not self.errors
