"""The date grammar: regular expressions, built from the lexicon, that find candidate spans.

Each rule finds one kind of expression and names its parts in regex groups; the resolver turns
the groups into a value. Candidates overlap freely here; the finder keeps the longest that pass
the context checks. Every pattern is linear in the text (no nested repetition), so a long text
of numbers and month names costs time in proportion to its length.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sitroom.dates.lexicon import Lexicon

# A word starts where no word character precedes, and ends where none follows; a hyphen
# followed by a letter or figure continues the word ("now-cancelled", "2014-15").
L = r"(?<!\w)"
R = r"(?!\w)(?!-\w)"
# Years and decades must not continue a figure, a price or a path ("$2014", "1,979", "3/2014"),
# except after "mid-" ("mid-2011", "the mid-2000s").
NUMBER_START = r"(?:(?<=[Mm]id-)|(?<![\w$£€.,/-]))"
SEP = r"(?:\s*,\s*|\s+)"

WINDOW = 64
"""Characters scanned on either side of a trigger word: longer than any expression."""
_WORD = re.compile(r"\w+")
_APOSTROPHE = re.compile("['’]")
_SPACE = re.compile(r"\s|\Z")

PERIOD_KINDS = frozenset({"month", "year", "relunit", "decade", "decadeword", "century"})
"""Kinds a part-of-period modifier ("early", "the end of") may open."""
THE_KINDS = frozenset({"decade", "decadeword", "century"})
"""Kinds whose determiner belongs to the expression ("the 1990s")."""


def alt(words: Iterable[str]) -> str:
    """A non-capturing alternation of words, longest first, any run of spaces matching spaces."""
    # Either apostrophe matches either ("New Year's Eve", "New Year’s Eve"), in one pass: a
    # second replace would rewrite the class the first one wrote.
    escaped = {_APOSTROPHE.sub("['’]", re.escape(w).replace(r"\ ", r"\s+")) for w in words}
    return "(?:" + "|".join(sorted(escaped, key=lambda w: (-len(w), w))) + ")"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span one rule matched, with the text of each named part (None when absent)."""

    start: int
    end: int
    kind: str
    groups: Mapping[str, str | None]
    priority: int

    @property
    def length(self) -> int:
        """The span's length in characters."""
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Rule:
    """One kind of expression and its pattern; ``priority`` breaks ties between equal spans."""

    kind: str
    pattern: re.Pattern[str]
    priority: int


@dataclass(frozen=True, slots=True)
class Grammar:
    """The compiled rules of the date grammar."""

    lexicon: Lexicon
    rules: tuple[Rule, ...] = field(init=False)
    part_tail: re.Pattern[str] = field(init=False)
    the_tail: re.Pattern[str] = field(init=False)
    triggers: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        rules, part_tail = _compile(self.lexicon)
        # Frozen dataclasses set derived fields through object.__setattr__.
        object.__setattr__(self, "rules", rules)
        object.__setattr__(self, "part_tail", part_tail)
        the_tail = re.compile(_horizontal(r"(?<!\w)the\s+\Z"), re.IGNORECASE)
        object.__setattr__(self, "the_tail", the_tail)
        object.__setattr__(self, "triggers", _triggers(self.lexicon))

    def scan(self, text: str) -> list[Candidate]:
        """Every candidate span of every rule, extended by part-of-period modifiers.

        Every expression holds a figure or a trigger word (a month, a unit, "today"...), so
        the rules run only on windows around those words: most of a text holds none, and
        forty rules over a whole article cost more than one pass over its words.
        """
        found: dict[tuple[int, int, str, int], Candidate] = {}
        for first, last in self._windows(text):
            for rule in self.rules:
                for match in rule.pattern.finditer(text, first, last):
                    candidate = self._candidate(text, rule, match)
                    key = (candidate.start, candidate.end, rule.kind, rule.priority)
                    found.setdefault(key, candidate)
        return list(found.values())

    def _windows(self, text: str) -> list[tuple[int, int]]:
        """Merged stretches of text within reach of a trigger, ending between words."""
        windows: list[tuple[int, int]] = []
        for word in _WORD.finditer(text):
            token = word.group().casefold()
            if token not in self.triggers and not any(ch.isdigit() for ch in token):
                continue
            first = max(word.start() - WINDOW, 0)
            last = _SPACE.search(text, min(word.end() + WINDOW, len(text)))
            end = last.start() if last is not None else len(text)
            if windows and first <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(windows[-1][1], end))
            else:
                windows.append((first, end))
        return windows

    def _candidate(self, text: str, rule: Rule, match: re.Match[str]) -> Candidate:
        groups: dict[str, str | None] = dict(match.groupdict())
        if groups.get("core") is not None:
            start, end = match.span("core")
        else:
            start, end = match.span()
        if rule.kind in PERIOD_KINDS and not groups.get("edge"):
            window = text[max(0, start - 40) : start]
            part = self.part_tail.search(window)
            if part is not None:
                groups["part"] = part.group("part")
                start -= len(window) - part.start()
        if rule.kind in THE_KINDS or (rule.kind in PERIOD_KINDS and groups.get("part")):
            window = text[max(0, start - 6) : start]
            the = self.the_tail.search(window)
            if the is not None and not (groups.get("part") or "").casefold().startswith("the"):
                start -= len(window) - the.start()
        return Candidate(start, end, rule.kind, groups, rule.priority)


def _triggers(lex: Lexicon) -> frozenset[str]:
    """The words (besides figures) of which every expression holds at least one."""
    phrases = [
        *(n for n, _ in (*lex.months, *lex.month_abbreviations)),
        *(n for n, _ in (*lex.weekdays, *lex.weekday_abbreviations)),
        *(s.name for s in lex.seasons),
        *(w for w, _ in lex.day_parts),
        *(w for w, _ in lex.day_words),
        *(u.name for u in lex.units),
        *(u.plural for u in lex.units),
        *(w for w, _ in lex.frequencies),
        *(r.phrase for r in lex.references),
        *(h.name for h in lex.holidays),
        *(w for w, _ in lex.decade_words),
        "noon",
        "midday",
        "midnight",
        "weekend",
        "q1",
        "q2",
        "q3",
        "q4",
    ]
    # The last word of a phrase is enough ("the time being", "New Year's Day").
    return frozenset(_WORD.findall(phrase)[-1].casefold() for phrase in phrases)


def _compile(lex: Lexicon) -> tuple[tuple[Rule, ...], re.Pattern[str]]:
    """Build every rule's pattern from the lexicon."""
    month_full = alt(name for name, _ in lex.months)
    month_any = f"(?:{month_full}|{alt(a for a, _ in lex.month_abbreviations)}\\.?)"
    weekday_full = alt(name for name, _ in lex.weekdays)
    weekday_any = f"(?:{weekday_full}|{alt(a for a, _ in lex.weekday_abbreviations)}\\.?)"
    day_parts = alt(word for word, _ in lex.day_parts)
    day = r"(?P<day>3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?" + R
    year = r"(?P<year>1[0-9]{3}|20[0-9]{2}|21[0-9]{2})(?![0-9])" + R
    units_singular = alt(u.name for u in lex.units)
    units_plural = alt(u.plural for u in lex.units)
    units = alt([*(u.name for u in lex.units), *(u.plural for u in lex.units)])
    tens = alt(w for w, n in lex.numbers if n % 10 == 0 and 20 <= n <= 90)
    ones = alt(w for w, n in lex.numbers if 1 <= n <= 9 and " " not in w and len(w) > 2)
    number = (
        r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+(?:\.[0-9]+)?"
        f"|{tens}(?:[-\\s]{ones})?|{alt([w for w, _ in lex.numbers] + list(lex.vague_numbers))})"
    )
    approx = alt(lex.approximators)
    ordinals = alt(w for w, _ in lex.ordinals)
    utc = alt(lex.utc_zones)
    zones = alt([*lex.utc_zones, *lex.other_zones])
    ampm = r"(?P<ampm>[ap]\.?\s?m\.?)(?!\w)"
    offset = r"(?:\s*[+-]\s*[0-9]{1,2}(?::?[0-5][0-9])?(?![0-9]))?"
    half = r"(?:\s+and\s+a\s+half)"
    modifiers = alt(lex.unit_modifiers)

    specs: list[tuple[str, int, str]] = [
        # Calendar dates, most specific first.
        (
            "mdy",
            10,
            f"{L}(?:(?P<weekday>{weekday_any})\\s*,?\\s+)?(?P<month>{month_any})\\s+{day}"
            f"(?:{SEP}(?:of\\s+)?{year})?",
        ),
        (
            "dmy",
            10,
            f"{L}(?:(?P<weekday>{weekday_any})\\s*,?\\s+)?(?:the\\s+)?{day}\\s+(?:of\\s+)?"
            f"(?P<month>{month_any}){R}(?:{SEP}{year})?",
        ),
        ("my", 9, f"{L}(?P<month>{month_any}){SEP}(?:of\\s+)?{year}"),
        (
            "numeric",
            10,
            r"(?<![\w/.-])(?P<numeric>[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[0-9]{1,2}/[0-9]{1,2}/"
            r"(?:[0-9]{4}|[0-9]{2})|[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}|[0-9]{4}/[0-9]{1,2}/"
            r"[0-9]{1,2})(?![\w/-])(?!\.[0-9])",
        ),
        (
            "month",
            6,
            f"{L}(?P<core>(?:(?P<rel>this\\s+past|this\\s+coming|this|last|next|past|coming)"
            f"\\s+)?(?P<month>{month_full}){R})(?:\\s+of\\s+(?P<yrel>this|next|last)\\s+year{R})?",
        ),
        (
            "weekof",
            9,
            f"{L}(?:the\\s+)?(?P<ord>first|second|third|fourth|last|final)\\s+week\\s+of\\s+"
            f"(?P<month>{month_full}){R}(?:{SEP}{year})?",
        ),
        (
            "nthweekday",
            9,
            f"{L}(?:the\\s+)?(?P<ord>first|second|third|fourth|fifth|last|final|1st|2nd|3rd|4th|5th)"
            f"\\s+(?P<weekday>{weekday_full})\\s+(?:of|in)\\s+(?P<month>{month_full}){R}"
            f"(?:{SEP}{year})?",
        ),
        # Times of day.
        (
            "time",
            8,
            f"{L}(?P<hour>[01]?[0-9]|2[0-3]):(?P<minute>[0-5][0-9])(?::[0-5][0-9])?"
            f"(?:\\s*{ampm})?(?:\\s*\\(?\\s*(?P<zone>{zones}){R}{offset}(?:\\s*\\))?)?",
        ),
        (
            "time",
            8,
            f"{L}(?P<hour>1[0-2]|0?[1-9])(?:\\.(?P<minute>[0-5][0-9]))?\\s*{ampm}"
            f"(?:\\s*\\(?\\s*(?P<zone>{zones}){R}{offset}(?:\\s*\\))?)?",
        ),
        (
            "time",
            8,
            f"{L}(?P<hour>[01][0-9]|2[0-3])(?P<minute>[0-5][0-9])\\s*(?P<zone>{utc}|hours|hrs){R}",
        ),
        ("time", 8, f"{L}(?P<named>noon|midday|midnight){R}"),
        # Days named relative to publication.
        (
            "dayword",
            8,
            f"{L}(?:(?P<edge>earlier|later)\\s+)?(?P<dayword>{alt(w for w, _ in lex.day_words)})"
            f"{R}(?:\\s+(?P<daypart>{day_parts}){R})?",
        ),
        ("daypart", 8, f"{L}(?P<rel>this|last)\\s+(?P<daypart>{day_parts}){R}"),
        (
            "weekday",
            7,
            f"{L}(?:(?P<rel>this\\s+past|this\\s+coming|last|next|this|coming|past)\\s+)?"
            f"(?P<weekday>{weekday_full}){R}(?:\\s+(?P<daypart>{day_parts}){R})?",
        ),
        (
            "relunit",
            7,
            f"{L}(?:(?P<edge>earlier|later)\\s+)?(?P<rel>this\\s+past|this|last|next|"
            f"the\\s+previous|the\\s+current|the\\s+preceding|the)\\s+"
            f"(?P<unit>week|weekend|month|year|quarter|decade|century){R}",
        ),
        (
            "quarter",
            8,
            f"{L}(?:the\\s+)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
            f"(?:\\s+|-)quarter{R}(?:(?:\\s+of|\\s*,)?\\s+(?:(?P<qrel>this|last|next|the\\s+"
            f"current|the\\s+previous)\\s+year|(?:fiscal\\s+)?{year}))?",
        ),
        ("quarter", 8, f"{L}(?P<qnum>Q[1-4])(?:\\s+{year}|\\s+['’]?(?P<yy>[0-9]{{2}}){R})?{R}"),
        (
            "season",
            6,
            f"{L}(?:(?P<rel>this\\s+past|this\\s+coming|this|last|next|past|coming|the)\\s+)?"
            f"(?P<season>{alt(s.name for s in lex.seasons)}){R}(?:\\s+(?:of\\s+)?{year})?",
        ),
        (
            "holiday",
            6,
            f"{L}(?P<holiday>{alt(h.name for h in lex.holidays)}){R}(?:{SEP}{year})?",
        ),
        # Years, decades and centuries.
        ("year", 5, f"{NUMBER_START}{year}(?![.,][0-9])(?!\\s*(?:%|per\\s*cent|percent))"),
        ("yy", 5, r"(?<![\w$£€.,/])['’](?P<yy>[0-9]{2})(?![0-9])" + R),
        (
            "decade",
            6,
            f"{NUMBER_START}(?:['’](?P<dec2>[0-9]0)|(?P<dec4>1[0-9]{{2}}0|20[0-9]0)"
            f"|(?P<dec2b>[0-9]0))['’]?s{R}",
        ),
        ("decadeword", 6, f"{L}(?P<decword>{alt(w for w, _ in lex.decade_words)}){R}"),
        ("century", 6, f"{L}(?P<ord>{ordinals})(?:\\s+|-)century{R}"),
        # Periods counted back or forward from publication.
        (
            "ago",
            9,
            f"{L}(?:(?P<approx>{approx})\\s+)?(?:(?P<num>{number}){half}?\\s+)?"
            f"(?P<unit>{units}){half}?\\s+ago{R}",
        ),
        (
            "anchored",
            8,
            f"{L}(?P<rel>(?:the\\s+|these\\s+)?(?:past|last|next|coming|previous|following))"
            f"\\s+(?P<num>{number})\\s+(?:{modifiers}\\s+)?(?P<unit>{units_plural}){R}",
        ),
        (
            "anchored",
            8,
            f"{L}(?P<rel>the\\s+(?:past|last|next|coming))\\s+(?P<unit>{units_singular}){R}",
        ),
        (
            "anchored",
            8,
            f"{L}(?:the\\s+)?(?P<rel>recent|coming|past|last|next)\\s+"
            f"(?:(?P<vague>few|several|couple\\s+of)\\s+)?(?P<unit>{units_plural}){R}",
        ),
        # Durations and sets.
        (
            "duration",
            4,
            f"{L}(?:(?P<approx>{approx})\\s+)?(?P<num>{number})(?P<half1>{half})?\\s+"
            f"(?:{modifiers}\\s+)?(?P<unit>{units}){R}(?P<half2>{half})?",
        ),
        (
            "duration",
            4,
            f"{L}(?P<num>[0-9]+|{tens}(?:-{ones})?|{alt(w for w, _ in lex.numbers)})-"
            f"(?P<unit>{units_singular})(?:-long)?{R}",
        ),
        ("duration", 4, f"{L}(?P<vagueunit>{units_plural})-long{R}"),
        ("duration", 4, f"{L}over\\s+the\\s+(?P<vagueunit>{units_plural}){R}"),
        (
            "duration",
            4,
            f"{L}(?:(?P<approx>{approx})\\s+)?(?P<halfof>half)\\s+an?\\s+(?P<unit>{units_singular})"
            f"{R}",
        ),
        (
            "duration",
            3,
            f"{L}(?:for|within|in|after|over|than)\\s+(?P<core>(?P<vagueunit>{units_plural})){R}",
        ),
        ("set", 3, f"{L}(?P<freq>{alt(w for w, _ in lex.frequencies)}){R}"),
        (
            "set",
            5,
            f"{L}(?:every|each|per)\\s+(?:(?P<num>{number})\\s+)?(?P<unit>{units}){R}",
        ),
        ("set", 5, f"{L}(?:every|each)\\s+(?P<weekday>{weekday_full}){R}"),
        (
            "set",
            6,
            f"{L}(?:once|twice|thrice|{number}\\s+times)\\s+(?:a|an|per|every|each)\\s+"
            f"(?P<unit>{units_singular}){R}",
        ),
        ("blocked", 11, f"{L}(?P<name>{alt(lex.named_days)}){R}"),
        ("reference", 3, f"{L}(?P<ref>{alt(r.phrase for r in lex.references)}){R}"),
    ]
    rules = tuple(
        Rule(kind, re.compile(_horizontal(pattern), re.IGNORECASE), priority)
        for kind, priority, pattern in specs
    )
    parts = [
        r"mid(?:-\s*|\s+)" if p.phrase == "mid" else alt([p.phrase]) + r"\s+" for p in lex.parts
    ]
    part_tail = re.compile(
        _horizontal(r"(?<!\w)(?P<part>" + "|".join(parts) + r")\Z"), re.IGNORECASE
    )
    return rules, part_tail


def _horizontal(pattern: str) -> str:
    """The pattern with its white space kept to one line: an expression never spans lines."""
    return pattern.replace(r"\s", r"[^\S\n]")
