"""The words and period rules of the date grammar, read from ``sitroom/data/dates_*.json``."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from sitroom.errors import ResourceError

LEXICON_RESOURCE = "dates_lexicon.json"
PERIODS_RESOURCE = "dates_periods.json"
SUPPORTED_FORMAT = 1


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit of time: its TimeML duration code and how many of that code one unit is."""

    name: str
    plural: str
    code: str
    multiplier: int = 1
    time: bool = False
    vague_code: str | None = None
    last_means: str = "duration"


@dataclass(frozen=True, slots=True)
class Season:
    """A season with its TimeML code and the months it spans (winter wraps into next year)."""

    name: str
    code: str
    first_month: int
    last_month: int
    guarded: bool = False


@dataclass(frozen=True, slots=True)
class Holiday:
    """A named day: a fixed date (``day``) or the ``nth`` ``weekday`` of its month (-1: last);
    :func:`sitroom.dates.periods.holiday` gives its day in a year."""

    name: str
    month: int
    day: int | None = None
    weekday: int | None = None
    nth: int | None = None

    def __post_init__(self) -> None:
        fixed = self.day is not None
        movable = self.weekday is not None and self.nth is not None
        if fixed == movable or not 1 <= self.month <= 12:
            raise ValueError(f"holiday {self.name!r}: give a month and either a day or a "
                             "weekday and nth")
        if movable and (self.weekday not in range(1, 8) or self.nth not in (-1, 1, 2, 3, 4, 5)):
            raise ValueError(f"holiday {self.name!r}: weekday is 1 to 7, nth 1 to 5 or -1")


@dataclass(frozen=True, slots=True)
class Part:
    """A part-of-period modifier ("early", "the end of") and the sub-units it keeps per period."""

    phrase: str
    kind: str
    bounds: tuple[tuple[str, int, int], ...]

    def of(self, period: str) -> tuple[int, int]:
        """The first and last sub-unit kept of a ``year``, ``month``, ``week``, ``decade``..."""
        for name, first, last in self.bounds:
            if name == period:
                return first, last
        raise ResourceError(f"{PERIODS_RESOURCE}: part {self.phrase!r} has no bounds for {period}")


@dataclass(frozen=True, slots=True)
class Reference:
    """A word for the present, past or future, and the days from publication it covers."""

    phrase: str
    value: str
    window_days: int | None


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything the date grammar and resolver read from data files."""

    months: tuple[tuple[str, int], ...]
    """Full month names with their numbers."""
    month_abbreviations: tuple[tuple[str, int], ...]
    guarded_months: frozenset[str]
    weekdays: tuple[tuple[str, int], ...]
    weekday_abbreviations: tuple[tuple[str, int], ...]
    seasons: tuple[Season, ...]
    day_parts: tuple[tuple[str, str], ...]
    numbers: tuple[tuple[str, int], ...]
    vague_numbers: tuple[str, ...]
    units: tuple[Unit, ...]
    frequencies: tuple[tuple[str, str], ...]
    approximators: tuple[str, ...]
    unit_modifiers: tuple[str, ...]
    named_days: tuple[str, ...]
    decade_words: tuple[tuple[str, int], ...]
    ordinals: tuple[tuple[str, int], ...]
    holidays: tuple[Holiday, ...]
    licensing_words: frozenset[str]
    day_words: tuple[tuple[str, int], ...]
    parts: tuple[Part, ...]
    references: tuple[Reference, ...]
    vague_windows: tuple[tuple[str, int], ...]
    recent_words: tuple[str, ...]
    coming_words: tuple[str, ...]
    number_labels: frozenset[str]
    number_followers: frozenset[str]
    time_licensing: frozenset[str]
    count_words: frozenset[str]
    future_auxiliaries: frozenset[str]
    future_heads: frozenset[str]
    utc_zones: tuple[str, ...]
    other_zones: tuple[str, ...]
    version: str = ""
    """A digest of the data files, so that stored results name the rules they came from."""

    def month_number(self, word: str) -> int:
        """The number of a month name or abbreviation (any case, trailing dot allowed)."""
        key = word.rstrip(".").casefold()
        for name, number in (*self.months, *self.month_abbreviations):
            if name.casefold() == key:
                return number
        raise KeyError(word)

    def weekday_number(self, word: str) -> int:
        """The ISO number (Monday 1) of a weekday name or abbreviation."""
        key = word.rstrip(".").casefold()
        for name, number in (*self.weekdays, *self.weekday_abbreviations):
            if name.casefold() == key:
                return number
        raise KeyError(word)

    def season(self, word: str) -> Season:
        """The season named ``word``."""
        key = word.casefold()
        for season in self.seasons:
            if season.name == key:
                return season
        raise KeyError(word)

    def unit(self, word: str) -> Unit:
        """The unit named by a singular or plural word."""
        key = word.casefold()
        for unit in self.units:
            if key in (unit.name, unit.plural):
                return unit
        raise KeyError(word)

    def number(self, word: str) -> float | None:
        """The count a number word or figure gives; None for a vague count ("several")."""
        key = " ".join(word.casefold().replace("-", " ").split())
        figures = key.replace(",", "")
        if figures.replace(".", "", 1).isdigit():
            return float(figures)
        table = dict(self.numbers)
        if key in table:
            return table[key]
        words = key.split()
        if len(words) == 2 and words[0] in table and words[1] in table:
            return table[words[0]] + table[words[1]]  # "twenty five"
        return None

    def part(self, phrase: str) -> Part:
        """The part-of-period modifier spelled ``phrase`` (case and spacing ignored)."""
        key = " ".join(phrase.casefold().strip().rstrip("-").split())
        for part in self.parts:
            if part.phrase == key:
                return part
        raise KeyError(phrase)

    def reference(self, phrase: str) -> Reference:
        """The present/past/future reference spelled ``phrase``."""
        key = " ".join(phrase.casefold().split())
        for reference in self.references:
            if reference.phrase == key:
                return reference
        raise KeyError(phrase)

    def window(self, unit: str) -> int:
        """How many units a vague count ("recent days") reaches back or forward."""
        return dict(self.vague_windows).get(unit, 1)


def load_lexicon(lexicon_path: Path | None = None, periods_path: Path | None = None) -> Lexicon:
    """Read the date lexicon and period rules (default: the files shipped in ``sitroom/data``)."""
    words_text, words = _read(lexicon_path, LEXICON_RESOURCE)
    periods_text, periods = _read(periods_path, PERIODS_RESOURCE)
    digest = hashlib.sha256((words_text + "\0" + periods_text).encode("utf-8")).hexdigest()
    try:
        return _build(words, periods, version=digest[:12])
    except (KeyError, TypeError, ValueError) as exc:
        raise ResourceError(f"date lexicon: malformed entry: {exc!r}") from exc


def _read(path: Path | None, resource: str) -> tuple[str, dict[str, Any]]:
    try:
        if path is None:
            text = resources.files("sitroom.data").joinpath(resource).read_text(encoding="utf-8")
        else:
            text = path.read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, ValueError) as exc:
        raise ResourceError(f"cannot read {path or resource}: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != SUPPORTED_FORMAT:
        raise ResourceError(f"{path or resource}: not a format-{SUPPORTED_FORMAT} date file")
    return text, data


def _build(words: dict[str, Any], periods: dict[str, Any], *, version: str) -> Lexicon:
    months = words["months"]
    weekdays = words["weekdays"]
    return Lexicon(
        months=tuple((m["name"], int(m["number"])) for m in months),
        month_abbreviations=tuple(
            (a, int(m["number"])) for m in months for a in m.get("abbreviations", [])
        ),
        guarded_months=frozenset(m["name"].casefold() for m in months if m.get("guarded")),
        weekdays=tuple((d["name"], int(d["number"])) for d in weekdays),
        weekday_abbreviations=tuple(
            (a, int(d["number"])) for d in weekdays for a in d.get("abbreviations", [])
        ),
        seasons=tuple(
            Season(
                s["name"].casefold(),
                s["code"],
                int(s["first_month"]),
                int(s["last_month"]),
                bool(s.get("guarded", False)),
            )
            for s in words["seasons"]
        ),
        day_parts=tuple((k.casefold(), str(v)) for k, v in words["day_parts"].items()),
        numbers=tuple((k.casefold(), int(v)) for k, v in words["numbers"].items()),
        vague_numbers=tuple(str(v).casefold() for v in words["vague_numbers"]),
        units=tuple(
            Unit(
                u["name"],
                u["plural"],
                u["code"],
                int(u.get("multiplier", 1)),
                bool(u.get("time", False)),
                u.get("vague_code"),
                u.get("last_means", "duration"),
            )
            for u in words["units"]
        ),
        frequencies=tuple((k.casefold(), str(v)) for k, v in words["frequencies"].items()),
        approximators=tuple(str(v).casefold() for v in words["approximators"]),
        unit_modifiers=tuple(str(v).casefold() for v in words["unit_modifiers"]),
        named_days=tuple(str(v) for v in words["named_days"]),
        decade_words=tuple((k.casefold(), int(v)) for k, v in words["decade_words"].items()),
        ordinals=tuple((k.casefold(), int(v)) for k, v in words["ordinals"].items()),
        holidays=tuple(
            Holiday(
                h["name"], int(h["month"]),
                day=int(h["day"]) if "day" in h else None,
                weekday=int(h["weekday"]) if "weekday" in h else None,
                nth=int(h["nth"]) if "nth" in h else None,
            )
            for h in words["holidays"]
        ),
        licensing_words=frozenset(str(w).casefold() for w in words["licensing_words"]),
        day_words=tuple((k.casefold(), int(v)) for k, v in words["day_words"].items()),
        parts=tuple(
            Part(
                " ".join(phrase.casefold().split()),
                rule["kind"],
                tuple(
                    (period, int(bounds[0]), int(bounds[1]))
                    for period, bounds in rule.items()
                    if period != "kind"
                ),
            )
            for phrase, rule in periods["parts"].items()
        ),
        references=tuple(
            Reference(
                " ".join(phrase.casefold().split()),
                rule["value"],
                None if rule.get("window_days") is None else int(rule["window_days"]),
            )
            for phrase, rule in periods["references"].items()
        ),
        vague_windows=tuple((k, int(v)) for k, v in periods["vague_windows"].items()),
        recent_words=tuple(str(w).casefold() for w in periods["recent_words"]),
        coming_words=tuple(str(w).casefold() for w in periods["coming_words"]),
        number_labels=frozenset(str(w).casefold() for w in words["number_labels"]),
        number_followers=frozenset(str(w).casefold() for w in words["number_followers"]),
        time_licensing=frozenset(str(w).casefold() for w in words["time_licensing"]),
        count_words=frozenset(str(w).casefold() for w in words["count_words"]),
        future_auxiliaries=frozenset(str(w).casefold() for w in words["future_auxiliaries"]),
        future_heads=frozenset(str(w).casefold() for w in words["future_heads"]),
        utc_zones=tuple(str(w) for w in words["utc_zones"]),
        other_zones=tuple(str(w) for w in words["other_zones"]),
        version=version,
    )
