"""The founding sample reports: every relative date resolved against their publication dates."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from sitroom.dates import DateFinder, find_dates
from sitroom.records import DateMention

if TYPE_CHECKING:
    from spacy.language import Language


def sample_mentions(
    samples_dir: Path, stem: str, nlp: Language, finder: DateFinder
) -> tuple[str, list[DateMention]]:
    """The text of one sample and its date mentions, published as its sidecar says."""
    text = (samples_dir / f"{stem}.txt").read_text(encoding="utf-8")
    meta = json.loads((samples_dir / f"{stem}.meta.json").read_text(encoding="utf-8"))
    published = dt.date.fromisoformat(meta["published"])
    return text, find_dates(nlp(text), published=published, article_id=stem, finder=finder)


def by_text(mentions: list[DateMention], text: str) -> list[DateMention]:
    """The mentions whose text is ``text``."""
    return [m for m in mentions if m.text == text]


@pytest.fixture(scope="module")
def report_000(
    samples_dir: Path, nlp: Language, finder: DateFinder
) -> tuple[str, list[DateMention]]:
    """The Reuters report published 2014-06-17."""
    return sample_mentions(samples_dir, "000_1bc93746fb71500d", nlp, finder)


@pytest.fixture(scope="module")
def report_004(
    samples_dir: Path, nlp: Language, finder: DateFinder
) -> tuple[str, list[DateMention]]:
    """The Associated Press report published 2014-06-16."""
    return sample_mentions(samples_dir, "004_17b1025494a7ebc6", nlp, finder)


def test_000_days(report_000: tuple[str, list[DateMention]]) -> None:
    _, mentions = report_000
    yesterday = by_text(mentions, "yesterday")
    assert len(yesterday) == 2
    assert {(m.start_date, m.end_date, m.precision) for m in yesterday} == {
        ("2014-06-16", "2014-06-16", "day")
    }
    (sunday,) = by_text(mentions, "Sunday")
    assert (sunday.start_date, sunday.precision, sunday.value) == (
        "2014-06-15",
        "day",
        "2014-06-15",
    )


def test_000_weeks(report_000: tuple[str, list[DateMention]]) -> None:
    _, mentions = report_000
    (past_week,) = by_text(mentions, "the past week")
    assert past_week.precision == "week"
    assert past_week.end_date == "2014-06-17"
    last_week = by_text(mentions, "last week")
    assert len(last_week) == 2
    assert {(m.value, m.start_date, m.end_date, m.precision) for m in last_week} == {
        ("2014-W24", "2014-06-09", "2014-06-15", "week")
    }
    (this_week,) = by_text(mentions, "this week")
    assert (this_week.value, this_week.precision) == ("2014-W25", "week")


def test_000_years(report_000: tuple[str, list[DateMention]]) -> None:
    _, mentions = report_000
    (early,) = by_text(mentions, "early this year")
    assert early.value == "2014"
    assert early.start_date is not None
    assert early.end_date is not None
    assert "2014-01-01" <= early.start_date <= early.end_date <= "2014-12-31"
    (revolution,) = by_text(mentions, "1979")
    assert (revolution.value, revolution.precision) == ("1979", "year")


def test_000_has_no_false_dates(report_000: tuple[str, list[DateMention]]) -> None:
    text, mentions = report_000
    may = text.index("may well be")
    assert not [m for m in mentions if m.start <= may < m.end or may <= m.start < may + 11]
    assert not by_text(mentions, "six")
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text


def test_004_days(report_004: tuple[str, list[DateMention]]) -> None:
    _, mentions = report_004
    today = by_text(mentions, "today")
    assert len(today) == 2
    assert {(m.start_date, m.end_date, m.precision) for m in today} == {
        ("2014-06-16", "2014-06-16", "day")
    }


def test_004_vague_periods(report_004: tuple[str, list[DateMention]]) -> None:
    _, mentions = report_004
    (recent,) = by_text(mentions, "recent days")
    assert recent.end_date == "2014-06-16"
    assert recent.start_date is not None
    assert recent.start_date < "2014-06-16"
    (months,) = by_text(mentions, "months")
    assert (months.value, months.precision, months.start_date) == ("PXM", "unresolved", None)
    (decade,) = by_text(mentions, "the mid-2000s")
    assert decade.value == "200"
    assert (decade.start_date, decade.end_date, decade.precision) == (
        "2003-01-01",
        "2007-12-31",
        "year",
    )


def test_004_has_no_false_dates(report_004: tuple[str, list[DateMention]]) -> None:
    text, mentions = report_004
    march = text.index("threatened to march")
    assert not [m for m in mentions if march <= m.start < march + len("threatened to march")]
