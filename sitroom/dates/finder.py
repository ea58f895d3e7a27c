"""The finder: grammar candidates, checked against the parsed text, resolved, and merged."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sitroom.dates.context import DocContext, Tense
from sitroom.dates.grammar import Candidate, Grammar
from sitroom.dates.lexicon import Lexicon, load_lexicon
from sitroom.dates.periods import precision_of
from sitroom.dates.resolve import Resolution, Resolver
from sitroom.records import DateMention

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from sitroom.dates.fallback import DateparserFallback

Date = dt.date

RULES_VERSION = "2"
"""Bump when the code's rules change what is found; the data files have their own digest."""
TENSED_KINDS = frozenset(
    {
        "mdy",
        "dmy",
        "month",
        "weekday",
        "season",
        "holiday",
        "quarter",
        "weekof",
        "relunit",
        "nthweekday",
    }
)
"""Kinds whose resolution may depend on the tense of their clause."""
NAME_KINDS = frozenset({"month", "weekday", "season", "holiday", "dayword", "set", "decadeword"})
"""Kinds whose words also occur inside names ("the Sunday Times", "USA Today")."""
DAY_KINDS = frozenset({"dayword", "weekday", "mdy", "dmy", "numeric", "holiday"})
"""Kinds naming one day, which an adjacent time of day joins ("12:00 UTC Monday")."""
POSSESSIVES = frozenset({"his", "her", "their", "its", "my", "our", "your"})
RATE_TAGS = frozenset({"NOUN", "PROPN", "NUM", "SYM"})
QUARTER_FRACTIONS = frozenset({"a", "an", "one", "three"})
UNTIL_WORDS = frozenset({"until", "till", "til"})


@dataclass(frozen=True, slots=True)
class Timex:
    """One temporal expression: its span (TimeML extent), value, type and the dates it covers."""

    start: int
    end: int
    text: str
    value: str | None
    type: str
    start_date: Date | None
    end_date: Date | None
    kind: str

    @property
    def precision(self) -> str:
        """``day``, ``week``, ``month``, ``year`` by the width of the dates, else ``unresolved``."""
        if self.start_date is None or self.end_date is None:
            return "unresolved"
        return precision_of(self.start_date, self.end_date)

    def mention(self, article_id: str) -> DateMention:
        """The expression as the ``DateMention`` record of one article."""
        return DateMention(
            article_id=article_id,
            start=self.start,
            end=self.end,
            text=self.text,
            start_date=self.start_date.isoformat() if self.start_date else None,
            end_date=self.end_date.isoformat() if self.end_date else None,
            precision=self.precision,
            value=self.value,
        )


@dataclass(frozen=True, slots=True)
class DateFinder:
    """Finds and resolves temporal expressions in parsed documents; build once, use for many.

    ``fallback`` (a :class:`~sitroom.dates.fallback.DateparserFallback`) resolves, with
    dateparser, the spaCy DATE/TIME entities that the grammar does not cover; None leaves
    them out.
    """

    lexicon: Lexicon
    fallback: DateparserFallback | None = None
    grammar: Grammar = field(init=False, repr=False)
    resolver: Resolver = field(init=False, repr=False)
    temporal_words: frozenset[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        lex = self.lexicon
        temporal = {
            *(n.casefold() for n, _ in lex.months),
            *(n.casefold() for n, _ in lex.weekdays),
            *(w for w, _ in lex.day_parts),
            *(z.casefold() for z in (*lex.utc_zones, *lex.other_zones)),
            *(w for w, _ in lex.day_words),
            "day",
            "eve",
            "week",
            "weekend",
        }
        # Frozen dataclasses set derived fields through object.__setattr__.
        object.__setattr__(self, "grammar", Grammar(lex))
        object.__setattr__(self, "resolver", Resolver(lex))
        object.__setattr__(self, "temporal_words", frozenset(temporal))

    @property
    def version(self) -> str:
        """Names the rules and data: results of another version should be recomputed."""
        return f"dates={RULES_VERSION}+{self.lexicon.version}"

    def timexes(self, doc: Doc, *, published: Date | None) -> list[Timex]:
        """Every temporal expression of ``doc``, in text order, resolved against ``published``."""
        anchor = _as_date(published)
        context = DocContext.of(doc)
        text = context.text
        candidates = self.grammar.scan(text)
        # Longest first, so that "June 10 , 2014" wins over "June 10" and "2014"; a candidate
        # the context rejects leaves room for shorter ones inside it.
        candidates.sort(key=lambda c: (-c.length, -c.priority, c.start))
        starts: list[int] = []
        ends: list[int] = []
        accepted: list[Timex] = []
        rejected: list[tuple[int, int]] = []
        for candidate in candidates:
            position = bisect.bisect_left(starts, candidate.start)
            if position > 0 and ends[position - 1] > candidate.start:
                continue
            if position < len(starts) and starts[position] < candidate.end:
                continue
            if candidate.kind == "blocked":
                timex = None  # a name ("Black Monday", "the Sunday Times"): nothing inside counts
            else:
                timex = self._resolve(candidate, context, anchor)
                if timex is None:
                    rejected.append((candidate.start, candidate.end))
                    continue
            starts.insert(position, candidate.start)
            ends.insert(position, candidate.end)
            if timex is not None:
                bisect.insort(accepted, timex, key=lambda t: t.start)
        merged = self._anchor_times(self._merge_times(accepted, text), context)
        if self.fallback is not None:
            # Spans the grammar judged not temporal ("the Sunday Times") stay out.
            seen = [*rejected, *zip(starts, ends, strict=True)]
            merged = self.fallback.add(doc, merged, anchor=anchor, lexicon=self.lexicon, seen=seen)
        return merged

    def find(self, doc: Doc, *, published: Date | None, article_id: str) -> list[DateMention]:
        """The temporal expressions of ``doc`` as ``DateMention`` records."""
        return [t.mention(article_id) for t in self.timexes(doc, published=published)]

    # Checks --------------------------------------------------------------------------------

    def _resolve(self, c: Candidate, context: DocContext, anchor: Date | None) -> Timex | None:
        if not self._plausible(c, context):
            return None
        tense: Tense = "unknown"
        if c.kind in TENSED_KINDS and anchor is not None:
            tense = context.tense(c.start, c.end, lexicon=self.lexicon)
            before = context.before(c.start)
            if (
                tense in ("perfect", "present", "unknown")
                and before is not None
                and (before.lower_ in UNTIL_WORDS)
            ):
                tense = "future"  # "markets will stay closed until Friday"
        resolution = self.resolver.resolve(c, anchor=anchor, tense=tense)
        if resolution is None:
            return None
        resolution = _clip(resolution, anchor, tense)
        if c.kind == "duration" and self._is_rate(c, context):
            resolution = Resolution(resolution.value, "SET")
        text: str = context.text[c.start : c.end]
        return Timex(
            c.start,
            c.end,
            text,
            resolution.value,
            resolution.type,
            resolution.start,
            resolution.end,
            c.kind if resolution.time is None else "time",
        )

    def _plausible(self, c: Candidate, context: DocContext) -> bool:
        """False when the context shows the span is not temporal ("May I", "Sunday Times")."""
        g = c.groups
        lex = self.lexicon
        before = context.before(c.start)
        previous = before.lower_ if before is not None else ""
        following = context.after(c.end)
        next_word = following.lower_ if following is not None else ""
        month = g.get("month")
        if month is not None and month.casefold() in lex.guarded_months:
            if not month[:1].isupper():
                return False  # "they may well be", "threatened to march"
            licensed = g.get("part") or g.get("rel") or previous in lex.licensing_words
            if c.kind == "month" and not licensed:
                return False  # "May I", "The March on Washington"
        if c.kind == "month" and not (month or "")[:1].isupper():
            return False
        if c.kind in NAME_KINDS and self._in_name(c, context):
            return False
        if c.kind == "season" and not self._season_plausible(
            c, previous=previous, next_word=next_word
        ):
            return False
        if c.kind == "quarter" and g.get("qnum") and not str(g["qnum"]).startswith("Q"):
            return False
        ages = c.kind in ("decade", "decadeword") and (g.get("dec2b") or g.get("decword"))
        if ages and previous in POSSESSIVES:
            return False  # "in his 90s": an age
        if c.kind in ("year", "yy", "decade") and context.in_longer_name(c.start, c.end):
            return False  # "the Russell 2000 Index", "iLife '11"
        if c.kind == "year" and not g.get("part"):
            return self._year_plausible(c, context)
        if c.kind == "time" and not self._time_plausible(c, context, previous=previous):
            return False
        attributive = following is not None and following.pos_ == "NOUN" and following.is_lower
        if c.kind == "holiday" and not g.get("year") and attributive:
            return False  # "the Christmas market", "Christmas sales": not the day
        if c.kind == "duration":
            if context.text.startswith(("-old", " old"), c.end):
                return False  # "a 5-year-old", "20 years old": an age, not a period of time
            unit = (g.get("unit") or "").casefold()
            number = (g.get("num") or "").casefold()
            if (
                unit == "second"
                and number in ("a", "an", "one")
                and next_word not in ("later", "ago")
            ):
                return False  # "a second attack": an ordinal
            if unit.startswith("quarter") and next_word == "of" and number in QUARTER_FRACTIONS:
                return False  # "a quarter of the population", "three quarters of them"
        if c.kind == "reference":
            ref = (g.get("ref") or "").casefold()
            if ref.startswith("the ") and next_word == "of":
                return False  # "the future of Iraq"
        return True

    def _in_name(self, c: Candidate, context: DocContext) -> bool:
        if context.in_longer_name(c.start, c.end):
            return True
        g = c.groups
        if c.kind in ("weekday", "month") and g.get("rel"):
            return False
        part = g.get("daypart")
        if c.kind == "weekday" and part and part.islower():
            return False  # "shot Monday night Downtown": a name would capitalise its "Night"
        first_word = context.text[c.start : c.end].split()[0]
        if c.kind in ("season", "set", "decadeword", "dayword"):
            # Words written in lower case are names when capitalised mid-sentence: "Arab
            # Spring", "the Daily Star", "USA Today".
            return first_word[:1].isupper() and not context.starts_sentence_at(c.start)
        return context.capitalised_neighbour(
            c.start,
            c.end,
            temporal=self.temporal_words,
            licensing=self.lexicon.licensing_words,
        )

    def _season_plausible(self, c: Candidate, *, previous: str, next_word: str) -> bool:
        g = c.groups
        rel = (g.get("rel") or "").casefold()
        if g.get("year") or (rel and rel != "the"):
            return True
        season = self.lexicon.season(str(g["season"]))
        if rel == "the":
            # "the fall of Mosul", "the spring offensive" are not seasons
            if next_word == "of" or (season.guarded and next_word in ("in", "from", "to")):
                return False
            return previous in self.lexicon.licensing_words
        return not season.guarded and previous in self.lexicon.licensing_words

    def _year_plausible(self, c: Candidate, context: DocContext) -> bool:
        """A bare four-digit number is a year unless its neighbours make it a count or a label."""
        year = int(str(c.groups["year"]))
        if not 1600 <= year <= 2099:
            return False
        before = context.before(c.start)
        after = context.after(c.end)
        previous = before.lower_ if before is not None else ""
        if previous in self.lexicon.number_labels:
            return False  # "Resolution 2170", "Flight 1549"
        if after is None:
            return True
        if after.lower_ in self.lexicon.number_followers:
            return False  # "the 1700 block", "2000 percent"
        noun_after = after.pos_ in ("NOUN", "PROPN") or after.tag_ in ("NNS", "NN")
        plural_after = after.tag_ in ("NNS", "NNPS") or (
            not context.has_tags and after.lower_.endswith("s")
        )
        determined = before is not None and (
            before.tag_ in ("DT", "PRP$", "POS") or before.lower_ in ("the", "'s", "its")
        )
        if plural_after and not determined:
            return False  # "2000 troops", "killed 1500 people"
        return not (previous in self.lexicon.count_words and noun_after)

    def _time_plausible(self, c: Candidate, context: DocContext, *, previous: str) -> bool:
        """A bare clock time ("2:07") needs a preposition before it or a day next to it.

        Times with am/pm or a zone ("6 p.m.", "08:30 UTC") and named ones ("noon") stand
        alone; scraped pages hold video running times and other stray "2:07"s.
        """
        g = c.groups
        if g.get("ampm") or g.get("named") or g.get("zone"):
            return True
        if previous in self.lexicon.time_licensing:
            return True
        following = context.after(c.end)
        nearby = {following.lower_ if following is not None else ""}
        return bool(nearby & self.temporal_words)

    def _is_rate(self, c: Candidate, context: DocContext) -> bool:
        """True for "a year" after an amount ("$5bn a year"): a frequency, not a duration."""
        if (c.groups.get("num") or "").casefold() not in ("a", "an", "per"):
            return False
        before = context.before(c.start)
        return before is not None and before.pos_ in RATE_TAGS

    # Merging -------------------------------------------------------------------------------

    def _anchor_times(self, timexes: list[Timex], context: DocContext) -> list[Timex]:
        """Give a time of day the date of the nearest day named in its sentence, if any.

        "made its first flight Tuesday in Everett at 18:00 UTC" is Tuesday at 18:00; a time with
        no day in its sentence stays on the publication date.
        """
        days = [t for t in timexes if t.kind in DAY_KINDS and "T" not in (t.value or "")]
        day_starts = [t.start for t in days]
        anchored = []
        for timex in timexes:
            if timex.kind != "time" or timex.value is None:
                anchored.append(timex)
                continue
            first, last = context.sentence_bounds(timex.start)
            # Only the days just before and just after the time can be the nearest.
            position = bisect.bisect_left(day_starts, timex.start)
            near = [t for t in days[max(position - 1, 0) : position + 1] if first <= t.start < last]
            day = min(near, key=lambda t: abs(t.start - timex.start), default=None)
            if day is None or day.value is None:
                anchored.append(timex)
                continue
            clock = timex.value[timex.value.index("T") :]
            anchored.append(
                Timex(
                    timex.start,
                    timex.end,
                    timex.text,
                    f"{day.value}{clock}",
                    "TIME",
                    day.start_date,
                    day.end_date,
                    "time",
                )
            )
        return anchored

    def _merge_times(self, timexes: list[Timex], text: str) -> list[Timex]:
        """Join a time of day and the day next to it ("12:00 UTC Monday") into one expression."""
        merged: list[Timex] = []
        for timex in timexes:
            if merged:
                last = merged[-1]
                between = text[last.end : timex.start]
                if between.strip(" ") == "":
                    joined = _join(last, timex, text)
                    if joined is not None:
                        merged[-1] = joined
                        continue
            merged.append(timex)
        return merged


def _clip(resolution: Resolution, anchor: Date | None, tense: Tense) -> Resolution:
    """A period holding publication, cut at it by the tense of its clause.

    "Rebels took the city this week" cannot reach past publication; "talks will resume this
    week" cannot start before it. The value keeps the whole period.
    """
    start, end = resolution.start, resolution.end
    if anchor is None or start is None or end is None or not start <= anchor <= end:
        return resolution
    if tense in ("past", "perfect"):
        end = anchor
    elif tense == "future":
        start = anchor
    return Resolution(resolution.value, resolution.type, start, end, resolution.time)


def _join(first: Timex, second: Timex, text: str) -> Timex | None:
    if first.kind == "time" and second.kind in DAY_KINDS:
        time, day = first, second
    elif second.kind == "time" and first.kind in DAY_KINDS:
        time, day = second, first
    else:
        return None
    if time.value is None or (day.value is not None and "T" in day.value):
        return None
    clock = time.value[time.value.index("T") :]
    return Timex(
        first.start,
        second.end,
        text[first.start : second.end],
        None if day.value is None else day.value + clock,
        "TIME",
        day.start_date,
        day.end_date,
        "datetime",
    )


def _as_date(published: Date | None) -> Date | None:
    if isinstance(published, dt.datetime):
        return published.date()
    return published


def load_date_finder(*, use_dateparser: bool = True) -> DateFinder:
    """The finder with the lexicon shipped in ``sitroom/data`` (and the dateparser fallback)."""
    lexicon = load_lexicon()
    fallback = None
    if use_dateparser:
        from sitroom.dates.fallback import DateparserFallback

        fallback = DateparserFallback()
    return DateFinder(lexicon, fallback)


def find_dates(
    doc: Doc,
    *,
    published: Date | None,
    article_id: str,
    finder: DateFinder | None = None,
) -> list[DateMention]:
    """The temporal expressions of a parsed article, resolved against its publication date.

    Pass a ``finder`` built once (:func:`load_date_finder`) when calling this for many
    articles; without one, a finder is built for this call.
    """
    finder = finder if finder is not None else load_date_finder()
    return finder.find(doc, published=published, article_id=article_id)


def find_dates_in_text(
    text: str,
    nlp: Language,
    *,
    published: Date | None,
    article_id: str,
    finder: DateFinder | None = None,
) -> list[DateMention]:
    """Run the spaCy pipeline ``nlp`` on ``text``, then :func:`find_dates`."""
    return find_dates(nlp(text), published=published, article_id=article_id, finder=finder)
