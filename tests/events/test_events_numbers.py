"""Quantities: digits, number words, ACLED's vague numbers, ranges, bounds and non-counts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitroom.events.numbers import NotAQuantityError, find_quantities, parse_quantity

ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def in_words(n: int) -> str:
    """English words for 0 <= n < 1,000,000 (the test's own spelling, independent of the data)."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("-" + ONES[n % 10] if n % 10 else "")
    if n < 1000:
        rest = f" and {in_words(n % 100)}" if n % 100 else ""
        return f"{ONES[n // 100]} hundred{rest}"
    rest = f" {in_words(n % 1000)}" if n % 1000 else ""
    return f"{in_words(n // 1000)} thousand{rest}"


@pytest.mark.parametrize(
    ("text", "best", "low", "high", "exact"),
    [
        ("12", 12, 12, 12, True),
        ("1,200", 1200, 1200, 1200, True),
        ("six", 6, 6, 6, True),
        ("twenty-one", 21, 21, 21, True),
        ("a dozen", 12, 12, 12, True),
        ("two hundred", 200, 200, 200, True),
        ("two hundred and fifty", 250, 250, 250, True),
        ("a hundred", 100, 100, 100, True),
        ("dozens", 12, None, None, False),
        ("tens", 10, None, None, False),
        ("scores", 20, None, None, False),
        ("hundreds", 100, None, None, False),
        ("thousands", 1000, None, None, False),
        ("tens of thousands", 10000, None, None, False),
        ("several hundred", 100, None, None, False),
        ("between 10 and 15", 10, 10, 15, False),
        ("10 to 15", 10, 10, 15, False),
        ("10-15", 10, 10, 15, False),
        ("two or three", 2, 2, 3, False),
        ("at least 12", 12, 12, None, False),
        ("more than 20", 20, 20, None, False),
        ("up to 30", 30, None, 30, False),
        ("nearly 30", 30, None, 30, False),
        ("about 40", 40, None, None, False),
        ("some 40", 40, None, None, False),
    ],
)
def test_quantities(text: str, best: int, low: int | None, high: int | None, exact: bool) -> None:
    q = parse_quantity(text)
    assert (q.best, q.min, q.max, q.exact, q.text) == (best, low, high, exact, text)


@pytest.mark.parametrize("text", ["several", "a few", "many", "numerous"])
def test_vague_words_without_acled_value_give_no_best(text: str) -> None:
    q = parse_quantity(text)
    assert q.best is None
    assert q.text == text


@pytest.mark.parametrize(
    "text",
    ["a 23-year-old man", "fired 10 rounds", "a 9mm pistol", "at 10:30 p.m.", "in 2014",
     "the 45th homicide", "$300", "5 percent", "the road", "14 years old"],
)
def test_not_counts(text: str) -> None:
    with pytest.raises(NotAQuantityError):
        parse_quantity(text)


def test_offsets_point_into_the_text() -> None:
    text = "Police said four dead, two injured."
    found = find_quantities(text)
    assert [text[q.start : q.end] for q in found] == ["four", "two"]


@given(st.integers(min_value=0, max_value=999_999))
def test_any_number_in_words_or_digits(n: int) -> None:
    assert parse_quantity(in_words(n)).best == n
    assert parse_quantity(str(n)).best == n
    assert parse_quantity(f"{n:,}").best == n
