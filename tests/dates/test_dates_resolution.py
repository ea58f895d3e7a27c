"""Relative and absolute expressions resolved against a publication date (Tuesday 2014-06-17)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from sitroom.dates import Timex

Only = Callable[..., Timex]


def day(sentence: str, phrase: str, value: str) -> tuple[str, str, tuple[str, str, str, str]]:
    """A case resolving to one day, valued as that day."""
    return sentence, phrase, (value, value, value, "day")


def span(
    sentence: str, phrase: str, value: str, dates: str, precision: str
) -> tuple[str, str, tuple[str, str, str, str]]:
    """A case resolving to a period: value, first and last day (``start/end``), precision."""
    start, end = dates.split("/")
    return sentence, phrase, (value, start, end, precision)


CASES = [
    day("Fighting continued yesterday.", "yesterday", "2014-06-16"),
    day("Talks resume today.", "today", "2014-06-17"),
    day("The talks end tomorrow.", "tomorrow", "2014-06-18"),
    day("Rebels took the town on Sunday.", "Sunday", "2014-06-15"),
    day("Rebels took the town on Tuesday.", "Tuesday", "2014-06-17"),
    day("The ministers will meet on Sunday.", "Sunday", "2014-06-22"),
    day("He is expected to arrive on Friday.", "Friday", "2014-06-20"),
    day("The talks resume next Sunday.", "next Sunday", "2014-06-22"),
    day("They met last Tuesday.", "last Tuesday", "2014-06-10"),
    day("Shops stay shut until Friday.", "Friday", "2014-06-20"),
    day("The deal was signed on June 10.", "June 10", "2014-06-10"),
    day("It was signed on 10 June 2014.", "10 June 2014", "2014-06-10"),
    day("It was signed November 24 , 2004 .", "November 24 , 2004", "2004-11-24"),
    day("It was signed on Monday, June 9, 2014.", "Monday, June 9, 2014", "2014-06-09"),
    day("It happened on 7/8/07.", "7/8/07", "2007-07-08"),
    day("It happened two weeks ago.", "two weeks ago", "2014-06-03"),
    day("Elections fall on the second Sunday of May.", "the second Sunday of May", "2014-05-11"),
    span("The army left last week.", "last week", "2014-W24", "2014-06-09/2014-06-15", "week"),
    span("Talks open next week.", "next week", "2014-W26", "2014-06-23/2014-06-29", "week"),
    span("Talks may come this week.", "this week", "2014-W25", "2014-06-16/2014-06-22", "week"),
    span("Rebels took it this week.", "this week", "2014-W25", "2014-06-16/2014-06-17", "week"),
    span("Prices rose last month.", "last month", "2014-05", "2014-05-01/2014-05-31", "month"),
    span("Prices rose last year.", "last year", "2013", "2013-01-01/2013-12-31", "year"),
    span("Prices may rise this year.", "this year", "2014", "2014-01-01/2014-12-31", "year"),
    span("The war began in 2014.", "2014", "2014", "2014-01-01/2014-12-31", "year"),
    span("The city fell in June.", "June", "2014-06", "2014-06-01/2014-06-17", "month"),
    span("Troops arrived in January.", "January", "2014-01", "2014-01-01/2014-01-31", "month"),
    span("It will end in January.", "January", "2015-01", "2015-01-01/2015-01-31", "month"),
    span("War began in December.", "December", "2013-12", "2013-12-01/2013-12-31", "month"),
    span("It began last September.", "last September", "2013-09", "2013-09-01/2013-09-30", "month"),
    span("It fell early this year.", "early this year", "2014", "2014-01-01/2014-04-30", "year"),
    span(
        "It calmed earlier this month.",
        "earlier this month",
        "2014-06",
        "2014-06-01/2014-06-17",
        "month",
    ),
    span("Fighting eased in mid-June.", "mid-June", "2014-06", "2014-06-11/2014-06-17", "week"),
    span(
        "The deadline is the end of this year.",
        "the end of this year",
        "2014",
        "2014-10-01/2014-12-31",
        "year",
    ),
    span(
        "Rebels advanced in the past week.",
        "the past week",
        "P1W",
        "2014-06-11/2014-06-17",
        "week",
    ),
    span(
        "Jets have in recent days flown missions.",
        "recent days",
        "PAST_REF",
        "2014-06-11/2014-06-17",
        "week",
    ),
    span("It happened 20 years ago.", "20 years ago", "1994", "1994-01-01/1994-12-31", "year"),
    span(
        "In the mid-2000s, it armed militias.",
        "the mid-2000s",
        "200",
        "2003-01-01/2007-12-31",
        "year",
    ),
    span("He was born in the 1970s.", "the 1970s", "197", "1970-01-01/1979-12-31", "year"),
    span(
        "Sales fell in the first quarter of 2014.",
        "the first quarter of 2014",
        "2014-Q1",
        "2014-01-01/2014-03-31",
        "year",
    ),
    span(
        "The summer of 2013 was quiet.",
        "The summer of 2013",
        "2013-SU",
        "2013-06-01/2013-08-31",
        "year",
    ),
    span("Last winter was harsh.", "Last winter", "2013-WI", "2013-12-01/2014-02-28", "year"),
    span(
        "Sales rose in the last week of March 2009.",
        "the last week of March 2009",
        "2009-W13",
        "2009-03-23/2009-03-29",
        "week",
    ),
    span(
        "Shots rang out last night.",
        "last night",
        "2014-06-16TNI",
        "2014-06-16/2014-06-16",
        "day",
    ),
    span(
        "The truce began at 08:30 GMT.",
        "08:30 GMT",
        "2014-06-17T08:30Z",
        "2014-06-17/2014-06-17",
        "day",
    ),
    span(
        "Voting closed at 12:00 UTC Monday.",
        "12:00 UTC Monday",
        "2014-06-16T12:00Z",
        "2014-06-16/2014-06-16",
        "day",
    ),
    span("Things are calm now.", "now", "PRESENT_REF", "2014-06-17/2014-06-17", "day"),
]


@pytest.mark.parametrize(("sentence", "phrase", "expected"), CASES)
def test_resolves(
    only: Only, sentence: str, phrase: str, expected: tuple[str, str, str, str]
) -> None:
    value, start, end, precision = expected
    timex = only(sentence, phrase)
    assert timex.value == value
    assert timex.start_date == dt.date.fromisoformat(start)
    assert timex.end_date == dt.date.fromisoformat(end)
    assert timex.precision == precision


UNDATED = [
    ("Insurgents have fought the army for months.", "months", "PXM", "DURATION"),
    ("The truce lasted three days.", "three days", "P3D", "DURATION"),
    ("Two and a half years passed.", "Two and a half years", "P2.5Y", "DURATION"),
    ("It took about an hour.", "about an hour", "PT1H", "DURATION"),
    ("They fought six straight days.", "six straight days", "P6D", "DURATION"),
    ("A five-year plan was adopted.", "five-year", "P5Y", "DURATION"),
    ("Elections are held every four years.", "every four years", "P4Y", "SET"),
    ("The report is weekly.", "weekly", "P1W", "SET"),
    ("Talks happen twice a week.", "twice a week", "P1W", "SET"),
    ("The rebels pump $5 million a year.", "a year", "P1Y", "SET"),
    ("The situation changed recently.", "recently", "PAST_REF", "DATE"),
    ("It may improve in the future.", "the future", "FUTURE_REF", "DATE"),
]


@pytest.mark.parametrize(("sentence", "phrase", "value", "kind"), UNDATED)
def test_durations_and_sets_have_a_value_but_no_dates(
    only: Only, sentence: str, phrase: str, value: str, kind: str
) -> None:
    timex = only(sentence, phrase)
    assert (timex.value, timex.type) == (value, kind)
    assert timex.start_date is None
    assert timex.end_date is None
    assert timex.precision == "unresolved"


def test_signals_stay_outside_the_expression(only: Only) -> None:
    assert only("The town has been held since early this year.", "early this year")
    assert only("They clashed on Sunday.", "Sunday")
    assert only("They fought for months.", "months")


def test_a_time_takes_the_day_named_in_its_sentence(only: Only) -> None:
    timex = only("The jet first flew on Sunday in Seattle at 18:00 UTC.", "18:00 UTC")
    assert timex.value == "2014-06-15T18:00Z"


def test_headlines_in_the_present_tell_the_past(only: Only) -> None:
    assert only("Militants seize city on Sunday", "Sunday").value == "2014-06-15"


def test_present_tense_news_of_a_weekday_is_past(only: Only) -> None:
    assert only("Police are investigating a shooting Saturday.", "Saturday").value == "2014-06-14"
    assert only("Tuesday's attack marks a new phase.", "Tuesday").value == "2014-06-17"


def test_year_of_a_day_without_year_follows_the_tense(only: Only) -> None:
    january = dt.date(2015, 1, 20)
    assert only("It was signed on December 28.", "December 28", january).value == "2014-12-28"
    assert only("It will be signed on January 28.", "January 28", january).value == "2015-01-28"
    assert only(
        "A hearing has been scheduled for June 3.", "June 3", dt.date(2014, 5, 14)
    ).value == ("2014-06-03")


def test_datetime_published_is_taken_as_its_date(timexes: Callable[..., list[Timex]]) -> None:
    found = timexes("Fighting continued yesterday.", dt.datetime(2014, 6, 17, 23, 59))
    assert found[0].value == "2014-06-16"


def test_mentions_carry_offsets_and_article(nlp: object, finder: object) -> None:
    from sitroom.dates import find_dates_in_text

    text = "Rebels took the town on Sunday after fighting yesterday."
    mentions = find_dates_in_text(
        text, nlp, published=dt.date(2014, 6, 17), article_id="a_1", finder=finder
    )
    assert [(m.text, text[m.start : m.end]) for m in mentions] == [
        ("Sunday", "Sunday"),
        ("yesterday", "yesterday"),
    ]
    assert mentions[0].article_id == "a_1"
    assert mentions[0].to_record()["date_start"] == "2014-06-15"
    assert mentions[0].precision == "day"
