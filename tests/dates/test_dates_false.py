"""Words that look temporal but are not: no date may come out of them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from sitroom.dates import Timex

Tagger = Callable[..., list[Timex]]

NOT_DATES = [
    "They may well be one of the options.",
    "The group has threatened to march to Baghdad.",
    "May I ask a question?",
    "They planned a march on the capital.",
    "The March on Washington drew crowds.",
    "The Sunday Times reported the claim.",
    "The Tuesday Group met in London.",
    "Ambassador April Glaspie met him.",
    "It was the second attack in a row.",
    "They captured six Humvees and two tanks.",
    "Some 2000 troops were deployed and 1500 people fled.",
    "Resolution 2170 was adopted by the council.",
    "Bloody Sunday is remembered in Derry.",
    "The Arab Spring toppled rulers.",
    "The fall of Mosul shocked the region.",
    "A quarter of the population fled.",
    "He is in his 90s.",
    "She reads the Daily Mail.",
    "The spring offensive stalled.",
    "A 5-year-old boy and his 50-year-old father were hurt.",
    "The victims were 20 years old.",
    "Police were called to the 1700 block of Main Street.",
    "2:07 Are the Cowboys still the best team?",
]


@pytest.mark.parametrize("sentence", NOT_DATES)
def test_no_false_dates(timexes: Tagger, sentence: str) -> None:
    assert timexes(sentence) == []


def test_a_year_before_a_singular_noun_is_a_year(timexes: Tagger) -> None:
    found = timexes("It would be unprecedented since Iran's 1979 revolution.")
    assert [(t.text, t.value, t.precision) for t in found] == [("1979", "1979", "year")]


def test_a_year_after_a_determiner_stays_a_year(timexes: Tagger) -> None:
    assert [t.value for t in timexes("The 2014 elections were close.")] == ["2014"]


def test_capitalised_may_with_a_licensing_word_is_a_month(timexes: Tagger) -> None:
    assert [t.value for t in timexes("The town fell in May.")] == ["2014-05"]
    assert [t.value for t in timexes("The town fell on May 7.")] == ["2014-05-07"]


def test_a_name_inside_a_sentence_does_not_hide_a_licensed_weekday(timexes: Tagger) -> None:
    found = timexes("On Sunday Iraqi troops retreated.")
    assert [t.value for t in found] == ["2014-06-15"]


def test_an_expression_never_spans_lines(timexes: Tagger) -> None:
    found = timexes("Markets stay closed until Friday\nSeptember 18 , 2008\nTrading resumed.")
    assert [t.text for t in found] == ["Friday", "September 18 , 2008"]


def test_a_clock_time_after_a_preposition_is_a_time(timexes: Tagger) -> None:
    assert [t.value for t in timexes("The shooting happened at 5:30.")] == ["2014-06-17T05:30"]


def test_holidays_resolve_to_their_day(timexes: Tagger) -> None:
    found = timexes("He was hurt on the Fourth of July.")
    assert [(t.text, t.value) for t in found] == [("Fourth of July", "2013-07-04")]


def test_movable_holidays_resolve_to_their_weekday(timexes: Tagger) -> None:
    cases = {
        "He was hurt on Thanksgiving Day 2016.": "2016-11-24",
        "He was hurt on Memorial Day 2015.": "2015-05-25",
        "He was hurt on Labor Day 2016.": "2016-09-05",
        "He was hurt on Father's Day 2016.": "2016-06-19",
    }
    for text, value in cases.items():
        assert [t.value for t in timexes(text)] == [value], text


def test_a_holiday_is_a_fixed_day_or_a_weekday_of_its_month() -> None:
    from sitroom.dates.lexicon import Holiday
    from sitroom.dates.periods import holiday

    last_friday = holiday(Holiday("Last Friday", 12, weekday=5, nth=-1), 2015)
    assert last_friday is not None
    assert last_friday.start == date(2015, 12, 25)
    veterans = holiday(Holiday("Veterans Day", 11, day=11), 2016)
    assert veterans is not None
    assert veterans.start == date(2016, 11, 11)
    # February 2015 has four Mondays: no fifth one.
    assert holiday(Holiday("Fifth Monday", 2, weekday=1, nth=5), 2015) is None
    for bad in ({"day": 1, "weekday": 1, "nth": 1}, {}, {"weekday": 8, "nth": 1},
                {"weekday": 1, "nth": 0}):
        with pytest.raises(ValueError, match="holiday 'Bad'"):
            Holiday("Bad", 5, **bad)


def test_holidays_with_an_apostrophe_are_found(timexes: Tagger) -> None:
    for text in ("He was hurt on New Year's Eve.", "He was hurt on New Year’s Eve."):
        assert [t.value for t in timexes(text)] == ["2013-12-31"], text


def test_a_weekday_with_a_lower_case_day_part_before_a_capital_is_no_name(
    timexes: Tagger,
) -> None:
    found = timexes("Police said a man was shot Monday night Downtown after the fireworks.")
    assert [t.text for t in found] == ["Monday night"]
