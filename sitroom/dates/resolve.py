"""Resolution: a candidate's parts, the publication date and the tense give a value and dates."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from sitroom.dates import periods as cal
from sitroom.dates.context import Tense
from sitroom.dates.grammar import Candidate
from sitroom.dates.lexicon import Lexicon, Unit
from sitroom.dates.periods import Period

Date = dt.date
Groups = Mapping[str, str | None]

BACK_WORDS = frozenset({"past", "last", "recent", "this past"})
FORWARD_WORDS = frozenset({"next", "coming", "this coming"})
UNANCHORED_WORDS = frozenset({"previous", "following"})
POSSIBLE_YEARS = (-2, -1, 0, 1)
_NUMERIC_ISO = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
_NUMERIC_DOTS = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_NUMERIC_SLASHES = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})")


@dataclass(frozen=True, slots=True)
class Resolution:
    """A resolved expression: its TimeML value and type, and the dates it covers (if any)."""

    value: str | None
    type: str
    start: Date | None = None
    end: Date | None = None
    time: str | None = None
    """The time of day (``T08:30Z``) of a TIME expression, kept for merging with a day."""


def _date(period: Period, *, value: str | None = None, kind: str = "DATE") -> Resolution:
    return Resolution(value if value is not None else period.value, kind, period.start, period.end)


def _unresolved(value: str | None, kind: str = "DATE") -> Resolution:
    return Resolution(value, kind)


def amount(number: float) -> str:
    """A count as TimeML writes it: 3, 2.5."""
    return str(int(number)) if float(number).is_integer() else f"{number:g}"


def pick(periods: Sequence[Period], anchor: Date, *, tense: Tense) -> Period | None:
    """The period meant, among the possible ones, by the tense of its clause.

    Past (and perfect): the latest that has started by publication. Future: the earliest that
    has not ended by publication. Present and unknown: the one holding publication or else the
    nearest (ties go to the past).
    """
    if not periods:
        return None
    if tense == "perfect":
        tense = "past"
    if tense == "past":
        started = [p for p in periods if p.start <= anchor]
        return max(started, key=lambda p: p.start) if started else None
    if tense == "future":
        open_ = [p for p in periods if p.end >= anchor]
        return min(open_, key=lambda p: p.start) if open_ else None
    return min(periods, key=lambda p: (p.distance(anchor), p.start > anchor))


def _years(anchor: Date, make: Callable[[int], Period | None]) -> list[Period]:
    found = []
    for offset in POSSIBLE_YEARS:
        try:
            period = make(anchor.year + offset)
        except ValueError:
            continue  # 29 February in a common year
        if period is not None:
            found.append(period)
    return found


def century_of(two_digits: int, anchor: Date | None) -> int:
    """The full year of a two-digit year ('82): the latest not more than a year ahead."""
    reference = anchor.year if anchor is not None else 2030
    year = 2000 + two_digits
    return year if year <= reference + 1 else 1900 + two_digits


@dataclass(frozen=True, slots=True)
class Resolver:
    """Turns candidates into values and dates; see the package docstring for the rules."""

    lexicon: Lexicon

    def resolve(
        self, candidate: Candidate, *, anchor: Date | None, tense: Tense
    ) -> Resolution | None:
        """The candidate's value and dates; None when it is not a temporal expression after all."""
        handler = getattr(self, f"_{candidate.kind}")
        try:
            result: Resolution | None = handler(candidate.groups, anchor=anchor, tense=tense)
        except (ValueError, OverflowError, KeyError):
            # An impossible date ("31 June") or one beyond the calendar: not a date.
            return None
        return result

    # Calendar dates -----------------------------------------------------------------------

    def _mdy(self, g: Groups, *, anchor: Date | None, tense: Tense) -> Resolution | None:
        month = self.lexicon.month_number(str(g["month"]))
        day = int(str(g["day"]))
        if g.get("year"):
            return _date(cal.day(Date(int(str(g["year"])), month, day)))
        if anchor is None:
            Date(2000, month, day)  # raises on an impossible day
            return _unresolved(f"XXXX-{month:02d}-{day:02d}")
        chosen = pick(_years(anchor, lambda y: cal.day(Date(y, month, day))), anchor, tense=tense)
        return _date(chosen) if chosen else None

    _dmy = _mdy

    def _my(self, g: Groups, *, anchor: Date | None, tense: Tense) -> Resolution | None:
        return _date(cal.month(int(str(g["year"])), self.lexicon.month_number(str(g["month"]))))

    def _numeric(self, g: Groups, *, anchor: Date | None, tense: Tense) -> Resolution | None:
        text = str(g["numeric"])
        if match := _NUMERIC_ISO.fullmatch(text):
            y, m, d = (int(x) for x in match.groups())
        elif match := _NUMERIC_DOTS.fullmatch(text):
            d, m, y = (int(x) for x in match.groups())  # dotted dates are day first
        elif match := _NUMERIC_SLASHES.fullmatch(text):
            m, d, y = (int(x) for x in match.groups())  # slashes: month first, as in US wires
            if m > 12 >= d:
                m, d = d, m
            if y < 100:
                y = century_of(y, anchor)
        else:
            return None
        return _date(cal.day(Date(y, m, d)))

    def _weekof(self, g: Groups, *, anchor: Date | None, tense: Tense) -> Resolution | None:
        month_number = self.lexicon.month_number(str(g["month"]))
        if g.get("year"):
            month = cal.month(int(str(g["year"])), month_number)
        elif anchor is not None:
            chosen = pick(_years(anchor, lambda y: cal.month(y, month_number)), anchor, tense=tense)
            if chosen is None:
                return None
            month = chosen
        else:
            return _unresolved(None)
        # The weeks of a month are the ISO weeks with at least four of their days in it (as
        # ISO 8601 assigns weeks to years): "the last week of March 2009" is 2009-W13.
        ordinal = str(g["ord"]).casefold()
        if ordinal in ("last", "final"):
            week = cal.iso_week(month.end)
            if (month.end - week.start).days < 3:
                week = cal.iso_week(week.start - dt.timedelta(days=1))
            return _date(week)
        number = dict(self.lexicon.ordinals)[ordinal]
        first = cal.iso_week(month.start)
        if (first.end - month.start).days < 3:
            first = cal.iso_week(first.end + dt.timedelta(days=1))
        return _date(cal.iso_week(first.start + dt.timedelta(days=7 * (number - 1))))

    def _nthweekday(self, g: Groups, *, anchor: Date | None, tense: Tense) -> Resolution | None:
        month_number = self.lexicon.month_number(str(g["month"]))
        weekday = self.lexicon.weekday_number(str(g["weekday"]))
        ordinal = str(g["ord"]).casefold()
        number = -1 if ordinal in ("last", "final") else dict(self.lexicon.ordinals)[ordinal]

        def nth(year: int) -> Period | None:
            return cal.nth_weekday(year, month_number, weekday, number)

        if g.get("year"):
            chosen = nth(int(str(g["year"])))
        elif anchor is None:
            return _unresolved(None)
        else:
            chosen = pick(_years(anchor, nth), anchor, tense=tense)
        return _date(chosen) if chosen else None

    def _holiday(self, g: Groups, *, anchor: Date | None, tense: Tense) -> Resolution | None:
        name = " ".join(str(g["holiday"]).casefold().replace("’", "'").split())
        holiday = next(h for h in self.lexicon.holidays if h.name.casefold() == name)
        if g.get("year"):
            chosen = cal.holiday(holiday, int(str(g["year"])))
            return _date(chosen) if chosen else None
        if anchor is None:
            # A movable holiday has no day of its own without a year.
            fixed = holiday.day is not None
            return _unresolved(f"XXXX-{holiday.month:02d}-{holiday.day:02d}" if fixed else None)
        chosen = pick(_years(anchor, lambda y: cal.holiday(holiday, y)), anchor, tense=tense)
        return _date(chosen) if chosen else None

    # Times and days ------------------------------------------------------------------------

    def _time(self, g: Groups, *, anchor: Date | None, tense: Tense) -> Resolution | None:
        named = (g.get("named") or "").casefold()
        if named:
            clock = "24:00" if named == "midnight" else "12:00"
        else:
            hour = int(str(g["hour"]))
            minute = int(g.get("minute") or 0)
            meridiem = (g.get("ampm") or "").casefold()[:1]
            if meridiem == "p" and hour < 12:
                hour += 12
            elif meridiem == "a" and hour == 12:
                hour = 0
            clock = f"{hour:02d}:{minute:02d}"
        zone = g.get("zone") or ""
        suffix = "Z" if zone.upper() in {z.upper() for z in self.lexicon.utc_zones} else ""
        time = f"T{clock}{suffix}"
        if anchor is None:
            return Resolution(f"XXXX-XX-XX{time}", "TIME", time=time)
        return Resolution(f"{anchor.isoformat()}{time}", "TIME", anchor, anchor, time=time)

    def _day_part(self, g: Groups) -> str:
        part = (g.get("daypart") or "").casefold()
        return f"T{dict(self.lexicon.day_parts)[part]}" if part else ""

    def _dayword(self, g: Groups, *, anchor: Date | None, tense: Tense) -> Resolution | None:
        word = " ".join(str(g["dayword"]).casefold().split())
        suffix = self._day_part(g) or ("TNI" if word == "tonight" else "")
        kind = "TIME" if suffix else "DATE"
        if anchor is None:
            return _unresolved(None, kind)
        day = anchor + dt.timedelta(days=dict(self.lexicon.day_words)[word])
        return Resolution(f"{day.isoformat()}{suffix}", kind, day, day)

    def _daypart(self, g: Groups, *, anchor: Date | None, tense: Tense) -> Resolution | None:
        if anchor is None:
            return _unresolved(None, "TIME")
        day = anchor - dt.timedelta(days=1 if str(g["rel"]).casefold() == "last" else 0)
        return Resolution(f"{day.isoformat()}{self._day_part(g)}", "TIME", day, day)

    def _weekday(self, g: Groups, *, anchor: Date | None, tense: Tense) -> Resolution | None:
        number = self.lexicon.weekday_number(str(g["weekday"]))
        rel = " ".join((g.get("rel") or "").casefold().split())
        suffix = self._day_part(g)
        kind = "TIME" if suffix else "DATE"
        if anchor is None:
            return _unresolved(None if rel else f"XXXX-WXX-{number}{suffix}", kind)
        back = (anchor.isoweekday() - number) % 7
        on_or_before = anchor - dt.timedelta(days=back)
        on_or_after = anchor + dt.timedelta(days=(number - anchor.isoweekday()) % 7)
        if rel in ("last", "past", "this past"):
            day = on_or_before - dt.timedelta(days=7 if back == 0 else 0)
        elif rel in ("next", "coming", "this coming"):
            day = on_or_after + dt.timedelta(days=7 if on_or_after == anchor else 0)
        elif rel == "this":
            day = on_or_before if tense in ("past", "perfect") else on_or_after
        else:
            day = on_or_after if tense == "future" else on_or_before
        return Resolution(f"{day.isoformat()}{suffix}", kind, day, day)

    # Weeks, months, quarters, seasons, years -------------------------------------------------

    def _month(self, g: Groups, *, anchor: Date | None, tense: Tense) -> Resolution | None:
        number = self.lexicon.month_number(str(g["month"]))
        rel = " ".join((g.get("rel") or "").casefold().split())
        year_rel = (g.get("yrel") or "").casefold()
        if anchor is None:
            return _unresolved(None if rel or year_rel else f"XXXX-{number:02d}")
        if year_rel:
            offset = {"last": -1, "next": 1}.get(year_rel, 0)
            return self._with_part(cal.month(anchor.year + offset, number), g, anchor)
        options = _years(anchor, lambda y: cal.month(y, number))
        chosen: Period | None
        if rel in BACK_WORDS:  # "last September": the latest one over before this month
            ended = [p for p in options if p.end < anchor.replace(day=1)]
            chosen = max(ended, key=lambda p: p.start) if ended else None
        elif rel in FORWARD_WORDS:
            later = [p for p in options if p.start > anchor]
            chosen = min(later, key=lambda p: p.start) if later else None
        elif rel == "this":
            chosen = cal.month(anchor.year, number)
        else:
            chosen = pick(options, anchor, tense=tense)
        return self._with_part(chosen, g, anchor) if chosen else None

    def _relunit(self, g: Groups, *, anchor: Date | None, tense: Tense) -> Resolution | None:
        rel = " ".join(str(g["rel"]).casefold().split())
        unit = str(g["unit"]).casefold()
        if rel == "the" and unit != "weekend" and not (g.get("part") or g.get("edge")):
            return None  # "the year" alone refers back to something, not to publication
        if anchor is None:
            return _unresolved(None)
        offset = {"this": 0, "the current": 0, "the": 0, "next": 1}.get(rel, -1)
        if unit == "weekend":
            if rel == "the":
                offset = -1 if tense != "future" and anchor.isoweekday() < 6 else 0
            return _date(cal.weekend(anchor + dt.timedelta(weeks=offset)))
        period = cal.calendar_unit(cal.shift(anchor, offset, unit=unit), unit)
        if period is None:
            return None
        edge = (g.get("edge") or "").casefold()
        if edge == "earlier":
            return Resolution(period.value, "DATE", period.start, min(anchor, period.end))
        if edge == "later":
            return Resolution(period.value, "DATE", max(anchor, period.start), period.end)
        return self._with_part(period, g, anchor)

    def _quarter(self, g: Groups, *, anchor: Date | None, tense: Tense) -> Resolution | None:
        if g.get("qnum"):
            number = int(str(g["qnum"])[1])
        else:
            ordinal = str(g["ord"]).casefold()
            number = 4 if ordinal == "final" else dict(self.lexicon.ordinals).get(ordinal, 0)
        year: int | None = None
        if g.get("year"):
            year = int(str(g["year"]))
        elif g.get("yy"):
            year = century_of(int(str(g["yy"])), anchor)
        elif g.get("qrel") and anchor is not None:
            qrel = " ".join(str(g["qrel"]).casefold().split())
            year = anchor.year + {"last": -1, "the previous": -1, "next": 1}.get(qrel, 0)
        if year is not None:
            return _date(cal.quarter(year, number or 4))
        if anchor is None:
            return _unresolved(f"XXXX-Q{number}" if number else None)
        if not number:  # "the last quarter": the one before publication's
            previous = cal.add_months(anchor, -3)
            return _date(cal.quarter(previous.year, (previous.month - 1) // 3 + 1))
        chosen = pick(_years(anchor, lambda y: cal.quarter(y, number)), anchor, tense=tense)
        return _date(chosen) if chosen else None

    def _season(self, g: Groups, *, anchor: Date | None, tense: Tense) -> Resolution | None:
        season = self.lexicon.season(str(g["season"]))
        if g.get("year"):
            return _date(cal.season(int(str(g["year"])), season))
        rel = " ".join((g.get("rel") or "").casefold().split())
        if anchor is None:
            relative = rel in BACK_WORDS | FORWARD_WORDS or rel == "this"
            return _unresolved(None if relative else f"XXXX-{season.code}")
        options = _years(anchor, lambda y: cal.season(y, season))
        chosen: Period | None
        if rel in BACK_WORDS:
            ended = [p for p in options if p.end < anchor]
            chosen = max(ended, key=lambda p: p.start) if ended else None
        elif rel in FORWARD_WORDS:
            later = [p for p in options if p.start > anchor]
            chosen = min(later, key=lambda p: p.start) if later else None
        elif rel == "this":
            chosen = pick(options, anchor, tense="unknown")
        else:
            chosen = pick(options, anchor, tense=tense)
        return _date(chosen) if chosen else None

    def _year(self, g: Groups, *, anchor: Date | None, tense: Tense) -> Resolution | None:
        return self._with_part(cal.year(int(str(g["year"]))), g, anchor)

    def _yy(self, g: Groups, *, anchor: Date | None, tense: Tense) -> Resolution | None:
        return _date(cal.year(century_of(int(str(g["yy"])), anchor)))

    def _decade(self, g: Groups, *, anchor: Date | None, tense: Tense) -> Resolution | None:
        if g.get("dec4"):
            first = int(str(g["dec4"]))
        else:
            first = century_of(int(str(g.get("dec2") or g.get("dec2b"))), anchor)
        return self._with_part(cal.decade(first), g, anchor)

    def _decadeword(self, g: Groups, *, anchor: Date | None, tense: Tense) -> Resolution | None:
        digit = dict(self.lexicon.decade_words)[str(g["decword"]).casefold()]
        return self._with_part(cal.decade(century_of(10 * digit, anchor)), g, anchor)

    def _century(self, g: Groups, *, anchor: Date | None, tense: Tense) -> Resolution | None:
        number = dict(self.lexicon.ordinals)[str(g["ord"]).casefold()]
        return self._with_part(cal.century(100 * (number - 1)), g, anchor)

    def _with_part(self, period: Period, g: Groups, anchor: Date | None) -> Resolution:
        """The period, or the part of it a modifier ("early", "the end of") picks."""
        if not g.get("part"):
            return _date(period)
        part = self.lexicon.part(str(g["part"]))
        if period.unit == "year" and part.phrase in ("the first half of", "the second half of"):
            return _date(cal.half(period.start.year, 1 if "first" in part.phrase else 2))
        if period.unit not in ("year", "month", "week", "decade", "century"):
            return _date(period)
        first, last = part.of(period.unit)
        start, end = cal.part_of(period, first=first, last=last)
        return Resolution(period.value, "DATE", start, end)

    # Periods counted from publication ----------------------------------------------------------

    def _count(self, g: Groups) -> float | None:
        """The number of units a phrase counts; None when vague ("several", "recent")."""
        if g.get("halfof"):
            return 0.5
        if not g.get("num"):
            return None
        number = self.lexicon.number(str(g["num"]))
        if number is None:
            return None
        return number + (0.5 if g.get("half1") or g.get("half2") else 0.0)

    def _ago(self, g: Groups, *, anchor: Date | None, tense: Tense) -> Resolution | None:
        unit = self.lexicon.unit(str(g["unit"]))
        count = self._count(g) if g.get("num") else None
        if count is None:
            return _unresolved("PAST_REF")  # "years ago": some time in the past
        if anchor is None:
            return _unresolved(None)
        if unit.time:
            return _date(cal.day(anchor))
        name, whole = _whole(unit.name, count)
        moved = cal.shift(anchor, -int(whole), unit=name)
        if name in ("day", "week", "fortnight"):
            return _date(cal.day(moved))
        period = cal.calendar_unit(moved, name)
        return _date(period) if period else None

    def _anchored(self, g: Groups, *, anchor: Date | None, tense: Tense) -> Resolution | None:
        rel = str(g["rel"]).casefold().split()[-1]
        unit = self.lexicon.unit(str(g["unit"]))
        singular = str(g["unit"]).casefold() == unit.name
        count = self._count(g)
        vague = count is None and not singular
        if vague and not g.get("vague") and rel in ("last", "next") and not g.get("num"):
            return None  # "the last days of the regime"
        if singular and count is None:
            count = 1.0
        if singular and rel in ("last", "past") and unit.last_means == "previous":
            if anchor is None:
                return _unresolved(None)
            previous = cal.calendar_unit(cal.shift(anchor, -1, unit=unit.name), unit.name)
            return _date(previous) if previous else None
        value = self._duration_value(unit, count)
        if rel == "recent":
            value = "PAST_REF"
        elif vague and rel in FORWARD_WORDS:
            value = "FUTURE_REF"
        kind = "DATE" if value.endswith("_REF") else "DURATION"
        if anchor is None or rel in UNANCHORED_WORDS:
            return _unresolved(value, kind)
        if unit.time:
            return Resolution(value, kind, anchor, anchor)
        span = count if count is not None else float(self.lexicon.window(unit.name))
        name, whole = _whole(unit.name, span)
        if rel in FORWARD_WORDS:
            end = cal.shift(anchor, int(whole), unit=name) - dt.timedelta(days=1)
            return Resolution(value, kind, anchor, max(anchor, end))
        start = cal.shift(anchor, -int(whole), unit=name) + dt.timedelta(days=1)
        return Resolution(value, kind, min(anchor, start), anchor)

    def _duration_value(self, unit: Unit, count: float | None) -> str:
        time = "T" if unit.time else ""
        if count is None:
            return f"P{time}X{unit.vague_code or unit.code}"
        return f"P{time}{amount(count * unit.multiplier)}{unit.code}"

    def _duration(self, g: Groups, *, anchor: Date | None, tense: Tense) -> Resolution | None:
        if g.get("vagueunit"):
            unit = self.lexicon.unit(str(g["vagueunit"]))
            return _unresolved(self._duration_value(unit, None), "DURATION")
        unit = self.lexicon.unit(str(g["unit"]))
        return _unresolved(self._duration_value(unit, self._count(g)), "DURATION")

    def _set(self, g: Groups, *, anchor: Date | None, tense: Tense) -> Resolution | None:
        if g.get("freq"):
            return _unresolved(dict(self.lexicon.frequencies)[str(g["freq"]).casefold()], "SET")
        if g.get("weekday"):
            number = self.lexicon.weekday_number(str(g["weekday"]))
            return _unresolved(f"XXXX-WXX-{number}", "SET")
        unit = self.lexicon.unit(str(g["unit"]))
        count = self._count(g)
        return _unresolved(self._duration_value(unit, count if count else 1.0), "SET")

    def _reference(self, g: Groups, *, anchor: Date | None, tense: Tense) -> Resolution | None:
        reference = self.lexicon.reference(str(g["ref"]))
        if anchor is None or reference.window_days is None:
            return _unresolved(reference.value)
        other = anchor + dt.timedelta(days=reference.window_days)
        return Resolution(reference.value, "DATE", min(anchor, other), max(anchor, other))


def _whole(unit: str, count: float) -> tuple[str, float]:
    """A count of units as a whole number of the same or a smaller unit (1.5 years: 18 months)."""
    if float(count).is_integer():
        return unit, count
    smaller = {
        "year": ("month", 12),
        "decade": ("year", 10),
        "century": ("year", 100),
        "month": ("day", 30),
        "week": ("day", 7),
        "fortnight": ("day", 14),
        "quarter": ("month", 3),
    }
    if unit in smaller:
        name, factor = smaller[unit]
        return name, round(count * factor)
    return unit, round(count)
