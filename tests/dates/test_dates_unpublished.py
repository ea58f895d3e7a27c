"""Without a publication date, relative expressions stay unresolved and absolute ones resolve."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitroom.dates import Timex

Tagger = Callable[..., list[Timex]]

RELATIVE = [
    ("Fighting continued yesterday.", "yesterday", None),
    ("Talks could come this week.", "this week", None),
    ("Prices rose last month.", "last month", None),
    ("The town has been held since early this year.", "early this year", None),
    ("Rebels took the town on Sunday.", "Sunday", "XXXX-WXX-7"),
    ("The deal was signed on June 10.", "June 10", "XXXX-06-10"),
    ("The city fell in June.", "June", "XXXX-06"),
    ("Aircraft have in recent days flown missions.", "recent days", "PAST_REF"),
    ("It happened two weeks ago.", "two weeks ago", None),
]


@pytest.mark.parametrize(("sentence", "phrase", "value"), RELATIVE)
def test_relative_expressions_stay_unresolved(
    timexes: Tagger, sentence: str, phrase: str, value: str | None
) -> None:
    found = [t for t in timexes(sentence, None) if t.text == phrase]
    assert len(found) == 1
    timex = found[0]
    assert timex.precision == "unresolved"
    assert (timex.start_date, timex.end_date) == (None, None)
    assert timex.value == value
    mention = timex.mention("a_1")
    assert (mention.start_date, mention.end_date, mention.text) == (None, None, phrase)


ABSOLUTE = [
    ("It was signed on 10 June 2014.", "10 June 2014", "2014-06-10", "day"),
    ("It happened on 7/8/07.", "7/8/07", "2007-07-08", "day"),
    ("It would be unprecedented since Iran's 1979 revolution.", "1979", "1979", "year"),
    ("In the mid-2000s, it organised militias.", "the mid-2000s", "200", "year"),
    ("Prices fell in June 2013.", "June 2013", "2013-06", "month"),
]


@pytest.mark.parametrize(("sentence", "phrase", "value", "precision"), ABSOLUTE)
def test_absolute_expressions_still_resolve(
    timexes: Tagger, sentence: str, phrase: str, value: str, precision: str
) -> None:
    found = [t for t in timexes(sentence, None) if t.text == phrase]
    assert [(t.value, t.precision) for t in found] == [(value, precision)]
    assert found[0].start_date is not None


def test_durations_keep_their_value(timexes: Tagger) -> None:
    found = timexes("Insurgents have fought the army for months.", None)
    assert [(t.text, t.value, t.precision) for t in found] == [("months", "PXM", "unresolved")]
