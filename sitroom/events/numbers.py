"""Quantities in text: digits, number words, ranges, bounds and ACLED's vague-number conventions.

All words come from ``sitroom/data/events_numbers.json`` (its ``about`` block documents the rules):
"12", "1,200", "twenty-one", "two hundred and fifty", "a dozen" are exact; "dozens" is 12, "tens"
10, "hundreds" 100 (ACLED's codes); "several" and "many" carry no number (``best`` None);
"between 10 and 15" and "10-15" give ``min``/``max`` with ``best`` the lower figure; "at least 12"
and "more than 20" give the figure as ``best`` and ``min`` (ACLED codes the number given); "up to
30" and "nearly 30" give it as ``best`` and ``max``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from sitroom.errors import ResourceError

NUMBERS_RESOURCE = "events_numbers.json"
SUPPORTED_FORMAT = 1

_TOKEN = re.compile(
    r"\d+(?:,\d{3})*(?:\.\d+)?[A-Za-z]+"  # "9mm", "45th", "1st": glued units and ordinals
    r"|\d+(?::\d+)+"  # clock times "10:30"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    r"|[A-Za-z]+(?:\.[A-Za-z]\.)?(?:'[A-Za-z]+)?"
    r"|[^\sA-Za-z\d]"
)
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_YEAR = re.compile(r"(?:19|20)\d\d")
_AGE_WORDS = frozenset({"age", "ages", "aged"})
"""Words after which the numbers of a short list are ages ("between ages 12 and 16")."""
_MONTHS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
})


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number of things as the text gives it; ``start``/``end`` are offsets into that text.

    ``best`` is the figure to use (None when the text gives none, as in "several"); ``min`` and
    ``max`` bound it where the text does; ``exact`` is True for a precise count ("12", "a dozen").
    """

    best: int | None
    min: int | None = None
    max: int | None = None
    text: str = ""
    exact: bool = False
    start: int = 0
    end: int = 0

    def shifted(self, offset: int) -> Quantity:
        """The same quantity with its offsets moved by ``offset`` (text within a larger text)."""
        return Quantity(
            self.best, self.min, self.max, self.text, self.exact, self.start + offset,
            self.end + offset,
        )


class NotAQuantityError(ValueError):
    """Raised by :func:`parse_quantity` when a text holds no quantity."""


@dataclass(frozen=True, slots=True)
class Token:
    """One word or sign of the number grammar, lower-cased, with its character span."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class NumberWords:
    """The number and casualty vocabulary of ``events_numbers.json``."""

    units: dict[str, int]
    tens: dict[str, int]
    multipliers: dict[str, int]
    fixed: dict[tuple[str, ...], tuple[int, bool]]
    vague: dict[tuple[str, ...], int | None]
    vague_before_multiplier: frozenset[tuple[str, ...]]
    modifiers: dict[tuple[str, ...], str]
    range_words: frozenset[str]
    not_after: frozenset[str]
    not_before: frozenset[str]
    raw: dict[str, Any]

    def words(self, name: str) -> frozenset[str]:
        """A word list of the data file (casualty verbs, nouns ...), lower-cased."""
        return frozenset(str(w).lower() for w in self.raw[name])


def _phrases(items: Any) -> dict[tuple[str, ...], Any]:
    return {tuple(str(k).lower().split()): v for k, v in items}


def read_data_json(name: str, *, supported_format: int) -> dict[str, Any]:
    """Read a versioned JSON data file of ``sitroom.data``, checking its ``format``."""
    try:
        raw: dict[str, Any] = json.loads(resources.files("sitroom.data").joinpath(name).read_text())
    except (OSError, ValueError) as exc:
        raise ResourceError(f"{name}: cannot be read ({exc})") from exc
    if raw.get("format") != supported_format:
        raise ResourceError(f"{name}: unsupported format {raw.get('format')!r}")
    return raw


@cache
def load_number_words() -> NumberWords:
    """Read ``events_numbers.json`` once (package data: it never changes at run time)."""
    raw = read_data_json(NUMBERS_RESOURCE, supported_format=SUPPORTED_FORMAT)
    return NumberWords(
        units=dict(raw["units"]),
        tens=dict(raw["tens"]),
        multipliers=dict(raw["multipliers"]),
        fixed=_phrases((f["phrase"], (int(f["value"]), bool(f["exact"]))) for f in raw["fixed"]),
        vague=_phrases(raw["vague"].items()),
        vague_before_multiplier=frozenset(
            tuple(p.lower().split()) for p in raw["vague_before_multiplier"]
        ),
        modifiers=_phrases(raw["modifiers"].items()),
        range_words=frozenset(raw["range_words"]),
        not_after=frozenset(w.lower() for w in raw["not_after"]),
        not_before=frozenset(w.lower() for w in raw["not_before"]),
        raw=raw,
    )


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into the number grammar's tokens (keeps "9mm" and "45th" whole)."""
    return [Token(m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


@dataclass(frozen=True, slots=True)
class _Core:
    value: int | None
    exact: bool
    end: int  # index of the token after the core
    digits: bool


def _longest(
    toks: list[Token], i: int, table: dict[tuple[str, ...], Any] | frozenset[tuple[str, ...]]
) -> tuple[tuple[str, ...], int] | None:
    for size in (4, 3, 2, 1):
        key = tuple(t.text for t in toks[i : i + size])
        if len(key) == size and key in table:
            return key, i + size
    return None


def _digits(text: str) -> float | None:
    if not _DIGITS.fullmatch(text):
        return None
    return float(text.replace(",", ""))


def _word_number(toks: list[Token], i: int, w: NumberWords) -> _Core | None:
    total = current = 0
    last = ""  # what the previous word was: unit, ten, mult or and
    j = i
    if j + 1 < len(toks) and toks[j].text in ("a", "one") and toks[j + 1].text in w.multipliers:
        current, last, j = 1, "unit", j + 1
    while j < len(toks):
        word = toks[j].text
        if word in w.units and last in ("", "mult", "and", "ten"):
            current, last = current + w.units[word], "unit"
        elif word in w.tens and last in ("", "mult", "and"):
            current, last = current + w.tens[word], "ten"
        elif word in ("-", "–") and last == "ten" and j + 1 < len(toks):
            if toks[j + 1].text not in w.units:
                break
        elif word in w.multipliers and last in ("unit", "ten", "mult"):
            current, last = max(current, 1) * w.multipliers[word], "mult"
            if w.multipliers[word] >= 1000:
                total, current = total + current, 0
        elif word == "and" and last == "mult" and j + 1 < len(toks):
            if toks[j + 1].text not in w.units and toks[j + 1].text not in w.tens:
                break
            last = "and"
        else:
            break
        j += 1
    if not last:
        return None
    if toks[j - 1].text in ("-", "–", "and"):
        j -= 1
    return _Core(total + current, True, j, digits=False)


def _core(toks: list[Token], i: int, w: NumberWords) -> _Core | None:
    if i >= len(toks):
        return None
    number = _digits(toks[i].text)
    if number is not None:
        j = i + 1
        if j < len(toks) and toks[j].text in w.multipliers:
            return _Core(round(number * w.multipliers[toks[j].text]), False, j + 1, digits=True)
        if number != int(number):
            return None  # "2.5" alone counts no people
        return _Core(int(number), True, j, digits=True)
    fixed = _longest(toks, i, w.fixed)
    if fixed is not None:
        value, exact = w.fixed[fixed[0]]
        return _Core(value, exact, fixed[1], digits=False)
    vague_mult = _longest(toks, i, w.vague_before_multiplier)
    if vague_mult is not None:
        after = vague_mult[1]
        if after < len(toks) and toks[after].text in w.multipliers:
            return _Core(w.multipliers[toks[after].text], False, after + 1, digits=False)
    words = _word_number(toks, i, w)
    if words is not None:
        return words
    vague = _longest(toks, i, w.vague)
    if vague is not None:
        amount = w.vague[vague[0]]
        j = vague[1]
        # "tens of thousands", "hundreds of thousands": one unit of each word, multiplied.
        if amount is not None and j + 1 < len(toks) and toks[j].text == "of":
            more = _longest(toks, j + 1, w.vague)
            inner = w.vague.get(more[0]) if more else None
            if more is not None and inner is not None and inner > amount:
                return _Core(amount * inner, False, more[1], digits=False)
        return _Core(amount, False, j, digits=False)
    return None


def _excluded(toks: list[Token], i: int, end: int, w: NumberWords, core: _Core) -> bool:
    """True when the number is an age, a time, a calibre, money, an address or a year."""
    if i > 0 and toks[i - 1].text in w.not_before and toks[i - 1].end == toks[i].start:
        return True  # "$300", "#5": glued signs
    if i > 0 and toks[i - 1].text in w.not_before and toks[i - 1].text.isalpha() and core.digits:
        return True  # "in 2014", "since 10", "at 300 W 1st St"
    if (
        core.digits and _YEAR.fullmatch(toks[i].text) and end - i == 1 and i > 0
        and (toks[i - 1].text in (",", "(") or toks[i - 1].text in _MONTHS
             or _digits(toks[i - 1].text) is not None)
    ):
        return True  # "June 15, 2014", "January 24 2017": a year in a date
    if core.digits and any(t.text in _AGE_WORDS for t in toks[max(0, i - 3) : i]):
        return True  # "ages 12 and 16": the second age is no count either
    if (
        core.digits and i > 1 and end < len(toks) and toks[i - 1].text == ","
        and toks[end].text == "," and toks[i - 2].text.isalpha()
    ):
        return True  # "Smith, 25, was shot": an age in apposition
    if end < len(toks):
        nxt = toks[end].text
        if nxt in ("-", "–") and end + 1 < len(toks):
            nxt = toks[end + 1].text  # "23-year-old"
            if nxt in (",", "and", "or"):
                return True  # "15-, 16- and 17-year-olds": ages with the noun held over
        if nxt in w.not_after:
            return True
        if core.digits and nxt in (":", "/"):
            return True
    return False


def match_quantity(toks: list[Token], i: int, *, words: NumberWords | None = None) -> (
    tuple[Quantity, int] | None
):
    """The quantity starting at token ``i`` and the index after it, or None when none starts there.

    Offsets of the returned quantity are those of the tokens (its ``text`` is empty: the caller
    holds the text and fills it with :func:`with_text`).
    """
    w = words if words is not None else load_number_words()
    start = i
    kind = "exact"
    modifier = _longest(toks, i, w.modifiers)
    if modifier is not None and modifier[1] < len(toks):
        inner = _core(toks, modifier[1], w)
        if inner is not None and inner.value is not None:
            kind, i = w.modifiers[modifier[0]], modifier[1]
    range_start = toks[i].text in ("between", "from")
    if range_start:
        i += 1
    core = _core(toks, i, w)
    if core is None:
        return None
    end = core.end
    low = high = core.value
    if core.value is not None and end + 1 < len(toks):
        joiner = toks[end].text
        joins = ("and",) if range_start else tuple(w.range_words)
        second = _core(toks, end + 1, w) if joiner in joins else None
        if second is not None and second.value is not None and second.value > core.value:
            high, end, kind = second.value, second.end, "range"
    elif range_start:
        return None
    if range_start and kind != "range":
        return None
    if core.value is not None and _excluded(toks, i, end, w, core):
        return None
    best = low
    exact = core.exact and kind == "exact"
    qmin = qmax = None
    if kind == "min":
        qmin = low
    elif kind == "max":
        qmax = low
    elif kind == "range":
        qmin, qmax = low, high
    elif exact:
        qmin = qmax = low
    return Quantity(best, qmin, qmax, "", exact, toks[start].start, toks[end - 1].end), end


def with_text(q: Quantity, text: str) -> Quantity:
    """``q`` with its ``text`` filled from the text its offsets point into."""
    return Quantity(q.best, q.min, q.max, text[q.start : q.end], q.exact, q.start, q.end)


def find_quantities(text: str, *, words: NumberWords | None = None) -> list[Quantity]:
    """Every quantity in ``text``, left to right, not overlapping; offsets into ``text``."""
    w = words if words is not None else load_number_words()
    toks = tokenize(text)
    found: list[Quantity] = []
    i = 0
    while i < len(toks):
        matched = match_quantity(toks, i, words=w)
        if matched is None:
            i += 1
            continue
        q, i = matched
        found.append(with_text(q, text))
    return found


def parse_quantity(text: str, *, words: NumberWords | None = None) -> Quantity:
    """The first quantity in ``text``; raises :class:`NotAQuantityError` when there is none."""
    found = find_quantities(text, words=words)
    if not found:
        raise NotAQuantityError(f"no quantity in {text!r}")
    return found[0]
