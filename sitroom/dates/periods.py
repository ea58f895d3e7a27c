"""Calendar periods: ISO weeks, months, quarters, seasons, decades, their parts, and precision."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from sitroom.dates.lexicon import Holiday, Season

Date = dt.date


@dataclass(frozen=True, slots=True)
class Period:
    """A calendar period: the first and last day it covers and its TimeML value."""

    start: Date
    end: Date
    value: str
    unit: str
    """What kind of period: ``day``, ``week``, ``weekend``, ``month``, ``quarter``, ``half``,
    ``season``, ``year``, ``decade`` or ``century`` (parts are cut by unit)."""

    def contains(self, day: Date) -> bool:
        """True when ``day`` falls within the period."""
        return self.start <= day <= self.end

    def distance(self, day: Date) -> int:
        """Days between ``day`` and the nearest day of the period (0 inside it)."""
        if day < self.start:
            return (self.start - day).days
        if day > self.end:
            return (day - self.end).days
        return 0


def precision_of(start: Date, end: Date) -> str:
    """The coarsest grain a period needs: ``day`` (1 day), ``week`` (<= 7), ``month`` (<= 31).

    Anything longer is ``year`` precision, decades and "recent years" included: precision says
    how wide the window is, so "early this year" (January to April) is ``year``.
    """
    days = (end - start).days + 1
    if days <= 1:
        return "day"
    if days <= 7:
        return "week"
    if days <= 31:
        return "month"
    return "year"


def day(when: Date) -> Period:
    """One day."""
    return Period(when, when, when.isoformat(), "day")


def iso_week(when: Date) -> Period:
    """The ISO week (Monday to Sunday) holding ``when``, valued ``2014-W24``."""
    year, week, weekday = when.isocalendar()
    monday = when - dt.timedelta(days=weekday - 1)
    return Period(monday, monday + dt.timedelta(days=6), f"{year:04d}-W{week:02d}", "week")


def weekend(when: Date) -> Period:
    """The Saturday and Sunday of the ISO week holding ``when``, valued ``2014-W24-WE``."""
    week = iso_week(when)
    return Period(week.end - dt.timedelta(days=1), week.end, f"{week.value}-WE", "weekend")


def month(year: int, number: int) -> Period:
    """A calendar month, valued ``2014-06``."""
    last = calendar.monthrange(year, number)[1]
    return Period(
        Date(year, number, 1), Date(year, number, last), f"{year:04d}-{number:02d}", "month"
    )


def nth_weekday(year: int, month_number: int, weekday: int, nth: int) -> Period | None:
    """The ``nth`` ISO ``weekday`` (Monday 1) of a month, -1 for the last; None where the
    month has no such day (a fifth Monday)."""
    span = month(year, month_number)
    if nth < 0:
        return day(span.end - dt.timedelta(days=(span.end.isoweekday() - weekday) % 7))
    first = span.start + dt.timedelta(days=(weekday - span.start.isoweekday()) % 7)
    when = first + dt.timedelta(weeks=nth - 1)
    return day(when) if when.month == month_number else None


def holiday(which: Holiday, year: int) -> Period | None:
    """A holiday's day in a year: its fixed date or its weekday of the month."""
    if which.day is not None:
        return day(Date(year, which.month, which.day))
    return nth_weekday(year, which.month, int(which.weekday or 0), int(which.nth or 0))


def quarter(year: int, number: int) -> Period:
    """A calendar quarter, valued ``2014-Q2``."""
    first = month(year, 3 * number - 2)
    last = month(year, 3 * number)
    return Period(first.start, last.end, f"{year:04d}-Q{number}", "quarter")


def half(year: int, number: int) -> Period:
    """A half year, valued ``2014-H1``."""
    first = month(year, 6 * number - 5)
    last = month(year, 6 * number)
    return Period(first.start, last.end, f"{year:04d}-H{number}", "half")


def year(number: int) -> Period:
    """A calendar year, valued ``2014``."""
    return Period(Date(number, 1, 1), Date(number, 12, 31), f"{number:04d}", "year")


def season(number: int, which: Season) -> Period:
    """A season of the year ``number``; a winter starts in that year's December."""
    first = month(number, which.first_month)
    last_year = number + 1 if which.last_month < which.first_month else number
    last = month(last_year, which.last_month)
    return Period(first.start, last.end, f"{number:04d}-{which.code}", "season")


def decade(first_year: int) -> Period:
    """The decade whose first year is ``first_year`` (2000), valued as in TimeML (``200``)."""
    first_year -= first_year % 10
    return Period(
        Date(first_year, 1, 1), Date(first_year + 9, 12, 31), f"{first_year // 10:03d}", "decade"
    )


def century(first_year: int) -> Period:
    """The hundred years from ``first_year`` (1900), valued as in TimeML (``19``)."""
    first_year -= first_year % 100
    return Period(
        Date(max(first_year, 1), 1, 1),
        Date(first_year + 99, 12, 31),
        f"{first_year // 100:02d}",
        "century",
    )


def add_months(when: Date, months: int) -> Date:
    """``when`` moved by whole months, the day clipped to the target month's length."""
    index = when.year * 12 + when.month - 1 + months
    target_year, target_month = divmod(index, 12)
    last = calendar.monthrange(target_year, target_month + 1)[1]
    return Date(target_year, target_month + 1, min(when.day, last))


def shift(when: Date, amount: int, *, unit: str) -> Date:
    """``when`` moved by ``amount`` days, weeks, months, quarters, years or decades."""
    if unit == "day":
        return when + dt.timedelta(days=amount)
    if unit in ("week", "fortnight"):
        return when + dt.timedelta(weeks=amount * (2 if unit == "fortnight" else 1))
    if unit == "month":
        return add_months(when, amount)
    if unit == "quarter":
        return add_months(when, 3 * amount)
    if unit == "year":
        return add_months(when, 12 * amount)
    if unit == "decade":
        return add_months(when, 120 * amount)
    if unit == "century":
        return add_months(when, 1200 * amount)
    return when


def calendar_unit(when: Date, unit: str) -> Period | None:
    """The calendar ``unit`` (week, month, quarter, year, decade, century) holding ``when``."""
    if unit == "day":
        return day(when)
    if unit == "week":
        return iso_week(when)
    if unit == "weekend":
        return weekend(when)
    if unit == "month":
        return month(when.year, when.month)
    if unit == "quarter":
        return quarter(when.year, (when.month - 1) // 3 + 1)
    if unit == "year":
        return year(when.year)
    if unit == "decade":
        return decade(when.year)
    if unit == "century":
        return century(when.year)
    return None


def part_of(period: Period, *, first: int, last: int) -> tuple[Date, Date]:
    """The days of ``period`` from sub-unit ``first`` to ``last`` (as in dates_periods.json).

    Sub-units are months of a year, days of a month or a week, years of a decade or century;
    bounds beyond the period are clipped to it.
    """
    if period.unit == "year":
        y = period.start.year
        return month(y, max(first, 1)).start, month(y, min(last, 12)).end
    if period.unit == "month":
        y, m = period.start.year, period.start.month
        days = calendar.monthrange(y, m)[1]
        return Date(y, m, min(max(first, 1), days)), Date(y, m, min(last, days))
    if period.unit == "week":
        return (
            period.start + dt.timedelta(days=max(first, 1) - 1),
            period.start + dt.timedelta(days=min(last, 7) - 1),
        )
    if period.unit in ("decade", "century"):
        y = period.start.year
        return Date(y + first, 1, 1), min(Date(y + last, 12, 31), period.end)
    return period.start, period.end
