"""dateparser as a fallback: spaCy DATE/TIME entities the grammar missed, resolved if it can.

dateparser is imported and its parser built on first use (its language data takes ~0.1 s to
load). It is asked only about entity texts that hold a figure or a month or weekday name, at
most ``max_calls`` new texts per document, and its answers are cached, so a long text of
numbers costs a bounded number of calls. Whether an answer is relative ("two Sundays ago") is
told by parsing again against a second base date: a relative answer moves with the base, and
then needs a publication date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sitroom.dates.periods import iso_week

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from sitroom.dates.finder import Timex
    from sitroom.dates.lexicon import Lexicon

Date = dt.date
SHIFTED_BASE = dt.timedelta(days=400)
"""How far the second base date lies from the first when testing whether an answer is relative."""
_LEADING = re.compile(r"^(?:the|on|in|at|by|since|until|from|of)\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Parsed:
    """dateparser's answer: the date, its period (day, week, month, year, time), relativity."""

    when: dt.datetime
    period: str
    relative: bool


@dataclass(frozen=True, slots=True)
class DateparserFallback:
    """Resolves the spaCy date entities the grammar missed, with dateparser."""

    max_calls: int = 40
    cache: dict[tuple[str, Date], Parsed | None] = field(default_factory=dict, repr=False)
    parsers: dict[str, Any] = field(default_factory=dict, repr=False)
    """The dateparser parser, built on first use (a frozen record cannot rebind a field)."""

    def add(
        self,
        doc: Doc,
        timexes: list[Timex],
        *,
        anchor: Date | None,
        lexicon: Lexicon,
        seen: Sequence[tuple[int, int]] = (),
    ) -> list[Timex]:
        """``timexes`` plus the resolvable DATE/TIME entities of ``doc`` that overlap none.

        ``seen`` lists further spans to keep out: those the grammar found and rejected.
        """
        from sitroom.dates.finder import Timex

        names = {n.casefold() for n, _ in (*lexicon.months, *lexicon.weekdays)}
        taken = [*((t.start, t.end) for t in timexes), *seen]
        added: list[Timex] = []
        calls = 0
        for ent in doc.ents:
            if ent.label_ not in ("DATE", "TIME"):
                continue
            start, end = ent.start_char, ent.end_char
            if any(s < end and start < e for s, e in taken):
                continue
            text = _LEADING.sub("", ent.text)
            start = end - len(text)
            words = {w.casefold().strip(".,") for w in text.split()}
            if not (words & names):
                continue  # bare numbers and vague phrases: dateparser guesses too freely
            key = (text, anchor or Date(2000, 1, 1))
            if key not in self.cache:
                if calls >= self.max_calls:
                    continue
                calls += 1
                self.cache[key] = self._parse(text, key[1])
            parsed = self.cache[key]
            if parsed is None:
                continue
            value, first, last = _value(parsed)
            if parsed.relative and anchor is None:
                added.append(Timex(start, end, text, None, "DATE", None, None, "dateparser"))
            else:
                kind = "TIME" if parsed.period == "time" else "DATE"
                added.append(Timex(start, end, text, value, kind, first, last, "dateparser"))
        return sorted([*timexes, *added], key=lambda t: t.start)

    def _parse(self, text: str, base: Date) -> Parsed | None:
        first = self._ask(text, base)
        if first is None:
            return None
        second = self._ask(text, base + SHIFTED_BASE)
        relative = second is None or second[0] != first[0]
        return Parsed(first[0], first[1], relative)

    def _ask(self, text: str, base: Date) -> tuple[dt.datetime, str] | None:
        parser = self.parsers.get("parser")
        if parser is None:
            from dateparser.date import DateDataParser

            parser = DateDataParser(languages=["en"])
            self.parsers["parser"] = parser
        settings = {
            "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
            "PREFER_DATES_FROM": "past",
            "PREFER_DAY_OF_MONTH": "first",
            "RETURN_AS_TIMEZONE_AWARE": False,
        }
        from dateparser.conf import Settings

        try:
            data = parser.get_date_data(text, settings=Settings().replace(**settings))
        except (ValueError, OverflowError, TypeError):
            return None
        if data is None or data.date_obj is None:
            return None
        return data.date_obj, str(data.period or "day")


def _value(parsed: Parsed) -> tuple[str, Date, Date]:
    when = parsed.when.date()
    if parsed.period == "year":
        return f"{when.year:04d}", Date(when.year, 1, 1), Date(when.year, 12, 31)
    if parsed.period == "month":
        import calendar

        last = calendar.monthrange(when.year, when.month)[1]
        return (
            f"{when.year:04d}-{when.month:02d}",
            Date(when.year, when.month, 1),
            Date(when.year, when.month, last),
        )
    if parsed.period == "week":
        week = iso_week(when)
        return week.value, week.start, week.end
    if parsed.period == "time":
        return f"{when.isoformat()}T{parsed.when:%H:%M}", when, when
    return when.isoformat(), when, when
