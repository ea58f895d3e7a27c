"""Quotation marks: pairing straight, curly and doubled marks into quoted stretches of text."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Doubled apostrophes and backticks stand for double quotes in some wire and NYT texts.
_MARK = re.compile(r"''|``|[\"“”„«»]")
_OPENING = frozenset({"“", "„", "«", "``"})
_CLOSING = frozenset({"”", "»"})


@dataclass(frozen=True, slots=True)
class Quoted:
    """A stretch of quoted text: ``start``/``end`` take in the marks, ``inner_*`` the words."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool

    @property
    def inner(self) -> tuple[int, int]:
        """The span of the quoted words, marks left out."""
        return self.inner_start, self.inner_end


def find_quoted(text: str) -> list[Quoted]:
    """The quoted stretches of ``text``, in order, never crossing a paragraph.

    Marks pair within a paragraph; a quote still open at the paragraph's end runs to it, as
    a quote continued in the next paragraph is written (and as scraped text with a lost mark
    is). A stray closing mark is ignored.
    """
    found: list[Quoted] = []
    offset = 0
    for paragraph in text.split("\n"):
        found.extend(_paragraph_quotes(paragraph, offset))
        offset += len(paragraph) + 1
    return found


def _paragraph_quotes(paragraph: str, offset: int) -> list[Quoted]:
    found: list[Quoted] = []
    opened: re.Match[str] | None = None
    for mark in _MARK.finditer(paragraph):
        symbol = mark.group()
        if opened is None:
            if symbol not in _CLOSING:
                opened = mark
            continue
        if symbol in _OPENING and opened.group() in _OPENING:
            # An opening mark while one is open: the first was never closed; start again here.
            opened = mark
            continue
        found.append(_make(paragraph, offset, opened.start(), mark.end(), len(symbol), closed=True))
        opened = None
    if opened is not None:
        end = len(paragraph.rstrip())
        if end > opened.end():
            found.append(_make(paragraph, offset, opened.start(), end, 0, closed=False))
    return [q for q in found if q.inner_end > q.inner_start]


def _make(
    paragraph: str, offset: int, start: int, end: int, closing: int, *, closed: bool
) -> Quoted:
    opening = 2 if paragraph.startswith(("''", "``"), start) else 1
    inner_start, inner_end = start + opening, end - closing
    while inner_start < inner_end and paragraph[inner_start].isspace():
        inner_start += 1
    while inner_end > inner_start and paragraph[inner_end - 1].isspace():
        inner_end -= 1
    return Quoted(offset + start, offset + end, offset + inner_start, offset + inner_end, closed)
