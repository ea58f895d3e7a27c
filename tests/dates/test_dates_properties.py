"""Properties over any publication date: periods are ordered, the past ends by publication."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitroom.dates import DateFinder

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PAST = [
    ("Fighting continued yesterday.", "yesterday"),
    ("Rebels took the town on Sunday.", "Sunday"),
    ("Rebels took the town last Friday.", "last Friday"),
    ("The army left last week.", "last week"),
    ("Prices rose last month.", "last month"),
    ("Prices fell last year.", "last year"),
    ("Rebels advanced in the past week.", "the past week"),
    ("Aircraft have in recent days flown missions.", "recent days"),
    ("The town has been held since early this year.", "early this year"),
    ("The army retreated earlier this month.", "earlier this month"),
    ("Troops arrived in January.", "January"),
    ("The deal was signed on June 10.", "June 10"),
    ("It happened two weeks ago.", "two weeks ago"),
    ("It happened three years ago.", "three years ago"),
    ("The plan was announced last September.", "last September"),
    ("Last winter was harsh.", "Last winter"),
    ("Profits rose in the last quarter.", "the last quarter"),
    ("Things are calm now.", "now"),
    ("Talks resume today.", "today"),
]
OTHER = [
    ("Talks could come this week.", "this week"),
    ("The ministers will meet on Sunday.", "Sunday"),
    ("The vote will be held in January.", "January"),
    ("Prices rose this year.", "this year"),
    ("The talks resume next Sunday.", "next Sunday"),
    ("Talks open next month.", "next month"),
    ("The deadline is the end of this year.", "the end of this year"),
    ("The troops will return later this year.", "later this year"),
    ("The summit is planned for the coming weeks.", "the coming weeks"),
    ("It will be held in the third quarter.", "the third quarter"),
    ("In the mid-2000s, it organised militias.", "the mid-2000s"),
    ("Last weekend was calm.", "Last weekend"),
]
DATES = st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2099, 10, 31))


@pytest.fixture(scope="module")
def parsed(nlp: Language) -> dict[str, Doc]:
    """Every sentence parsed once; the properties vary only the publication date."""
    return {sentence: nlp(sentence) for sentence, _ in [*PAST, *OTHER]}


@settings(max_examples=150, deadline=None)
@given(published=DATES, case=st.sampled_from(PAST))
def test_past_phrases_end_by_publication(
    parsed: dict[str, Doc], finder: DateFinder, published: dt.date, case: tuple[str, str]
) -> None:
    sentence, phrase = case
    found = [t for t in finder.timexes(parsed[sentence], published=published) if t.text == phrase]
    assert len(found) == 1
    timex = found[0]
    assert timex.start_date is not None
    assert timex.end_date is not None
    assert timex.start_date <= timex.end_date <= published
    assert timex.precision in ("day", "week", "month", "year")


@settings(max_examples=150, deadline=None)
@given(published=DATES, case=st.sampled_from([*PAST, *OTHER]))
def test_periods_are_ordered(
    parsed: dict[str, Doc], finder: DateFinder, published: dt.date, case: tuple[str, str]
) -> None:
    sentence, phrase = case
    found = [t for t in finder.timexes(parsed[sentence], published=published) if t.text == phrase]
    assert len(found) == 1
    timex = found[0]
    assert timex.start_date is not None
    assert timex.end_date is not None
    assert timex.start_date <= timex.end_date
    assert timex.value is not None


@settings(max_examples=100, deadline=None)
@given(case=st.sampled_from([*PAST, *OTHER]))
def test_without_publication_relative_phrases_have_no_dates(
    parsed: dict[str, Doc], finder: DateFinder, case: tuple[str, str]
) -> None:
    sentence, phrase = case
    found = [t for t in finder.timexes(parsed[sentence], published=None) if t.text == phrase]
    assert len(found) == 1
    if found[0].value != "200":  # the mid-2000s is absolute
        assert found[0].precision == "unresolved"
        assert found[0].start_date is None
