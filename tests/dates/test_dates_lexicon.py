"""The data files, the calendar helpers, and dateparser as an oracle for absolute dates."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitroom.dates import Timex
from sitroom.dates import periods as cal
from sitroom.dates.lexicon import load_lexicon
from sitroom.errors import ResourceError

Tagger = Callable[..., list[Timex]]


def test_shipped_lexicon_loads() -> None:
    lexicon = load_lexicon()
    assert lexicon.month_number("Sept.") == 9
    assert lexicon.weekday_number("Sunday") == 7
    assert lexicon.number("twenty-five") == 25
    assert lexicon.number("2,000") == 2000
    assert lexicon.number("several") is None
    assert lexicon.part("mid-").of("decade") == (3, 7)
    assert len(lexicon.version) == 12


def test_a_file_in_another_format_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "dates_lexicon.json"
    path.write_text(json.dumps({"format": 99}), encoding="utf-8")
    with pytest.raises(ResourceError):
        load_lexicon(lexicon_path=path)


def test_a_malformed_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "dates_lexicon.json"
    path.write_text(json.dumps({"format": 1, "months": []}), encoding="utf-8")
    with pytest.raises(ResourceError):
        load_lexicon(lexicon_path=path)


@pytest.mark.parametrize(
    ("entry", "named"),
    [
        ({"name": "Nothing Day", "month": 5}, "Nothing Day"),
        ({"name": "Both Day", "month": 5, "day": 1, "weekday": 1, "nth": 1}, "Both Day"),
        ({"name": "Eighth Day", "month": 5, "weekday": 8, "nth": 1}, "Eighth Day"),
        ({"name": "Zeroth Monday", "month": 5, "weekday": 1, "nth": 0}, "Zeroth Monday"),
        ({"name": "Monthless Day", "day": 1}, "month"),
    ],
)
def test_a_malformed_holiday_is_refused_clearly(
    tmp_path: Path, entry: dict[str, object], named: str
) -> None:
    from importlib import resources

    words = json.loads(
        resources.files("sitroom.data").joinpath("dates_lexicon.json").read_text("utf-8"))
    words["holidays"] = [*words["holidays"], entry]
    path = tmp_path / "dates_lexicon.json"
    path.write_text(json.dumps(words), encoding="utf-8")
    with pytest.raises(ResourceError, match="malformed entry") as caught:
        load_lexicon(lexicon_path=path)
    assert named in str(caught.value)


def test_iso_weeks_and_weekends() -> None:
    week = cal.iso_week(dt.date(2014, 6, 17))
    assert (week.value, week.start, week.end) == (
        "2014-W25",
        dt.date(2014, 6, 16),
        dt.date(2014, 6, 22),
    )
    assert cal.weekend(dt.date(2014, 6, 17)).value == "2014-W25-WE"
    assert cal.iso_week(dt.date(2015, 1, 1)).value == "2015-W01"
    assert cal.iso_week(dt.date(2010, 1, 1)).value == "2009-W53"


def test_precision_follows_the_width_of_the_period() -> None:
    day = dt.date(2014, 6, 17)
    assert cal.precision_of(day, day) == "day"
    assert cal.precision_of(day, day + dt.timedelta(days=6)) == "week"
    assert cal.precision_of(day, day + dt.timedelta(days=30)) == "month"
    assert cal.precision_of(day, day + dt.timedelta(days=31)) == "year"


def test_months_shift_with_their_days_clipped() -> None:
    assert cal.add_months(dt.date(2014, 3, 31), -1) == dt.date(2014, 2, 28)
    assert cal.add_months(dt.date(2014, 12, 15), 1) == dt.date(2015, 1, 15)


FORMATS = ["{d} {B} {Y}", "{B} {d}, {Y}", "{B} {d} , {Y}", "{A}, {B} {d}, {Y}", "{Y}-{m}-{dd}"]


@settings(max_examples=60, deadline=None)
@given(
    day=st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2049, 12, 31)),
    form=st.sampled_from(FORMATS),
)
def test_absolute_dates_agree_with_dateparser(timexes: Tagger, day: dt.date, form: str) -> None:
    import dateparser

    phrase = form.format(
        d=day.day,
        dd=f"{day.day:02d}",
        m=f"{day.month:02d}",
        B=f"{day:%B}",
        Y=day.year,
        A=f"{day:%A}",
    )
    found = [t for t in timexes(f"It happened on {phrase}.", None) if t.text == phrase]
    assert [t.value for t in found] == [day.isoformat()]
    oracle = dateparser.parse(phrase, languages=["en"])
    assert oracle is not None
    assert oracle.date() == day
