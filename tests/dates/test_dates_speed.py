"""Cost: dates must stay cheap next to the spaCy model, even on pathological texts."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import time
from typing import TYPE_CHECKING

from sitroom.dates import DateFinder

if TYPE_CHECKING:
    from spacy.language import Language

WORDS = [
    "June",
    "May",
    "March",
    "2014",
    "1999",
    "12",
    "3",
    "Sunday",
    "10",
    "of",
    "and",
    "the",
    "last",
    "week",
    "2,000",
    "7/8/07",
    "08:30",
    "years",
    "ago",
    "mid-2000s",
    "early",
    "quarter",
    "today",
    ",",
    "1",
    "June",
    "2014",
    "the",
    "past",
    "few",
    "days",
    "since",
]


def pathological_text(words: int) -> str:
    """A text of numbers, month names and temporal words, with no sentence in it."""
    rng = random.Random(7)
    return " ".join(rng.choice(WORDS) for _ in range(words))


def test_pathological_text_stays_bounded(nlp: Language, finder: DateFinder) -> None:
    doc = nlp.make_doc(pathological_text(5000))
    started = time.perf_counter()
    found = finder.timexes(doc, published=dt.date(2014, 6, 17))
    elapsed = time.perf_counter() - started
    assert found
    assert elapsed < 3.0
    spans = [(t.start, t.end) for t in found]
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def test_cost_is_small_next_to_the_model(nlp: Language, finder: DateFinder) -> None:
    text = " ".join(
        [
            "Rebels took the town on Sunday after heavy fighting, officials said yesterday.",
            "Talks could come this week, and the army has held the city since early this year.",
            "In the mid-2000s, the group fought US troops for months.",
        ]
        * 10
    )
    started = time.perf_counter()
    doc = nlp(text)
    model = time.perf_counter() - started
    finder.timexes(doc, published=dt.date(2014, 6, 17))
    started = time.perf_counter()
    for _ in range(5):
        finder.timexes(doc, published=dt.date(2014, 6, 17))
    dates = (time.perf_counter() - started) / 5
    assert dates < model / 2
