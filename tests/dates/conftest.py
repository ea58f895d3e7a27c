"""Shared fixtures for the date tests: the spaCy model and the date finder, built once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from sitroom.dates import DateFinder, Timex, load_date_finder
from sitroom.nlp import load_model

if TYPE_CHECKING:
    from spacy.language import Language

PUBLISHED = dt.date(2014, 6, 17)
"""A Tuesday: the publication date of the first sample report."""

Tagger = Callable[..., list[Timex]]


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The spaCy model, loaded once for the whole session."""
    return load_model()


@pytest.fixture(scope="session")
def finder() -> DateFinder:
    """The date finder with the shipped lexicon and the dateparser fallback."""
    return load_date_finder()


@pytest.fixture(scope="session")
def timexes(nlp: Language, finder: DateFinder) -> Tagger:
    """Parse a sentence and return its temporal expressions (published 2014-06-17 by default)."""

    def tag(text: str, published: dt.date | None = PUBLISHED) -> list[Timex]:
        return finder.timexes(nlp(text), published=published)

    return tag


@pytest.fixture(scope="session")
def only(timexes: Tagger) -> Callable[..., Timex]:
    """The one temporal expression of a sentence whose text is ``phrase``."""

    def find(text: str, phrase: str, published: dt.date | None = PUBLISHED) -> Timex:
        found = [t for t in timexes(text, published) if t.text == phrase]
        assert len(found) == 1, f"{phrase!r} not found once in {timexes(text, published)}"
        return found[0]

    return find
