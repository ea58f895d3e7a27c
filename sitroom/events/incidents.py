"""Reading the facts of one shooting incident (killed, injured, date, place) from its articles.

Per article, the headline and the lead (the first ``LEAD_SENTENCES`` sentences) are read: that
is where reports state the incident's toll, day and town, while later paragraphs drift to other
incidents, court dates and running totals (the rest of the text only dates an incident whose
lead does not, as said below). Rules:

- killed: the largest death figure in the headline and lead (sentences report parts of one toll:
  "a man died ... a second victim died later" never exceed the stated total), running totals
  ("45th homicide this year") left out; no death mentioned means 0, since every article reports
  a shooting and a death is always told;
- injured: the largest injury figure or the people shot minus those killed, whichever is larger
  ("four people were shot, one fatally" = 3 injured; "four men were shot ... one is in critical
  condition" = 4: a condition names only some of the wounded); no injury mentioned means 0;
- date: the first day-precise date governed by a word of the incident itself ("was shot
  Friday", "the shooting Saturday") or by a verb whose subject is one ("the shooting was
  reported Tuesday"), or an earlier one of its sentence ("was killed Sunday, two days after he
  was shot Friday"); later sentences of the lead drift to other incidents ("police are also
  investigating a Sunday shooting"). A death's day ("died Saturday") counts so only when no
  other is told that way: a victim may die days after the shooting. Else the earliest the
  lead's casualty sentences name (the shooting comes before the arrest, the naming of the
  victim, the police statement), else the first in the lead; a date governed by a word of what
  followed ("police said Sunday", "was arrested Monday") only when no other is left; never
  after the publication date. A day the incident's own words govern later in the text beats
  such a fallback of the lead or a death's day (a lead of page furniture, or one dating only
  the arrest); a death's day later in the text counts only where the lead gives no day. With
  no day in the text, a morning clock time of the lead ("about 2 a.m.", "shortly after
  midnight") dates the incident on the publication's day: a report of the next day would name
  the day ("early Tuesday"), while an evening's time may be the evening before a report posted
  after midnight, so it is not read. None when the text gives none (never guessed);
- date mentions that are not the incident's are left out: the page's time stamps ("Posted:
  Monday, June 1, 2015 5:29 PM"), the dateline's date, clock times with no day of their own
  ("10:20 p.m.", "midnight": their day is the publication's, read only as said above) and
  "now";
- place: a headline town in a state the article names, the dateline's town, else the first
  town in a named state, else the first town, else the state
  (:mod:`sitroom.events.incident_place`); the headline's outlet part ("... - WXYZ News 5") is
  not read as the report, only its state picks among towns of one name.

Across articles: each value is the one most articles give (a state counts for nothing where an
article gives a town in it: the most precise place wins); a tie goes to the earliest article
(the first report, before follow-ups about other developments), except that a tie of days
goes first to the day more articles tell in the incident's (or the death's) own words. An
article that mentions no death (or no injury) says nothing about it and does not vote; a
wounded victim who later died is counted once: when the incident's deaths exceed an
article's, its injured count loses the difference (the early report's wounded include the
victim who died).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from sitroom.evaluate.system import DocumentText, PredictedIncident
from sitroom.events.fatalities import Casualty, find_casualties
from sitroom.events.incident_place import (
    Dateline,
    IncidentPlaces,
    IncidentWords,
    find_dateline,
    load_incident_words,
    load_us_counties,
    split_outlet,
)
from sitroom.events.numbers import NumberWords, load_number_words

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from sitroom.dates import DateFinder
    from sitroom.places import Gazetteer
    from sitroom.records import DateMention, PlaceMention

LEAD_SENTENCES = 10
"""How many sentences of an article's body count as its lead."""
MAX_CHARS = 4000
"""Text beyond this many characters is not parsed: the lead lies well within it."""
TOWN_FEATURES = frozenset({"town", "point", "district"})
GOVERNOR_STEPS = 4
"""How far up the parse a date's governing verb or noun is looked for."""
CUE_WORDS_BEFORE = 3
"""How many words before a date on its line may hold a time-stamp cue ("Posted:")."""
_CLOCK = re.compile(
    r"^(?:[\d:.\s]+(?:[ap]\.?\s?m\.?)?|noon|midday|midnight)(?:\s+(?-i:[A-Z]{1,3}T|UTC))?$",
    re.IGNORECASE,
)
"""A clock time alone ("10:20 p.m.", "midnight", "2:15 AM EST"): it names no day."""
_LINE_WORDS = re.compile(r"[A-Za-z]+")
TOLD_BY_INCIDENT, TOLD_BY_DEATH, NOT_TOLD = 2, 1, 0
"""How an article's day was told: by the incident's own words, by the death's, or by neither
(a fallback of the lead)."""
MORNING_HOURS = frozenset(range(12))
"""Hours of a clock time's value that are morning ones. Midnight (``T24:00``) is one only
after a word such as "after" (``after_midnight_words``): "shortly before midnight" is the
evening before."""

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    """What one article says of its incident; None where it says nothing."""

    doc_id: str
    published: str | None
    killed: int
    injured: int
    date: str | None
    place: PlaceMention | None
    tells_killed: bool = True
    """The article mentions deaths (or says that none occurred)."""
    tells_injured: bool = True
    date_told: bool = False
    """The date is governed by the incident's (or the death's) own words ("was shot Friday"),
    not a fallback."""


class GvaIncidentReader:
    """Reads killed, injured, date and place of one incident from all its articles."""

    def __init__(
        self,
        nlp: Language,
        gazetteer: Gazetteer,
        date_finder: DateFinder,
        *,
        words: NumberWords | None = None,
        incident_words: IncidentWords | None = None,
    ) -> None:
        self.nlp = nlp
        self.gazetteer = gazetteer
        self.date_finder = date_finder
        self.words = words if words is not None else load_number_words()
        self.incident_words = (
            incident_words if incident_words is not None else load_incident_words()
        )
        self.places = IncidentPlaces(
            gazetteer, self.incident_words, counties=load_us_counties(self.incident_words)
        )

    def read_incident(self, documents: Sequence[DocumentText]) -> PredictedIncident:
        """Return date, place and casualty counts of the incident the documents report."""
        facts = [self.read_document(d) for d in documents]
        order = sorted(facts, key=lambda f: (f.published or "9999", f.doc_id))
        places = [f.place for f in order if f.place is not None and f.place.entry]
        # The most precise place: a state that an article gives a town in is no answer of its own.
        towns = {p.entry.admin1 for p in places if p.entry and p.entry.feature in TOWN_FEATURES}
        places = [p for p in places if not (
            p.entry and p.entry.feature == "province" and p.entry.name in towns)]
        place = _vote(places, key=lambda p: p.entry.geonameid if p.entry else 0)
        entry = place.entry if place is not None else None
        killed = _vote([f.killed for f in order if f.tells_killed], key=str) or 0
        # A tie of days goes to the one the incident's own words tell ("was shot Friday" beats
        # "police said Friday").
        dated = _vote([f for f in order if f.date is not None], key=lambda f: f.date,
                      tie=lambda f: f.date_told)
        return PredictedIncident(
            date=dated.date if dated is not None else None,
            lat=entry.lat if entry else None,
            lon=entry.lon if entry else None,
            city=entry.name if entry and entry.feature in TOWN_FEATURES else None,
            state=(entry.admin1 if entry.feature != "province" else entry.name) if entry else None,
            killed=killed,
            injured=_vote([max(f.injured - max(killed - f.killed, 0), 0)
                           for f in order if f.tells_injured], key=str) or 0,
        )

    def read_document(self, document: DocumentText) -> DocumentFacts:
        """The facts one article gives of its incident."""
        from sitroom.places import resolve_places

        title, outlet = split_outlet((document.title or "").strip(), self.incident_words)
        head = f"{title}.\n\n" if title and not title.endswith((".", "!", "?")) else (
            f"{title}\n\n" if title else "")
        text = head + document.text[:MAX_CHARS]
        doc = self.nlp(text)
        lead_end = _lead_end(doc, len(head))
        dateline = find_dateline(text, len(head), self.incident_words)
        casualties = [
            c for c in find_casualties(doc, article_id=document.doc_id, words=self.words)
            if c.sentence.start < lead_end and not c.cumulative
        ]
        killed, injured = _counts(casualties)
        published = _date(document.published)
        found = self.date_finder.find(doc, published=published, article_id=document.doc_id)
        dates = [m for m in found if self._incident_day(text, m, dateline)]
        places = [p for p in resolve_places(doc, self.gazetteer, article_id=document.doc_id)
                  if p.start < lead_end]
        # A town before "police" stands beside the parser's places; where it is longer than
        # the place it starts with ("Winston" of "Winston-Salem police") it is read first.
        spans = {(p.start, p.end) for p in places}
        places = sorted(
            [*places, *(p for p in self.places.police_towns(
                text, 0, lead_end, article_id=document.doc_id) if (p.start, p.end) not in spans)],
            key=lambda p: (p.start, -p.end),
        )
        day, told = self._incident_date(
            doc, [m for m in dates if m.start < lead_end], casualties, published)
        if told < TOLD_BY_INCIDENT:
            # Past a lead of page furniture, or one that dates only what followed or the death,
            # a day the incident's own words govern is better evidence; a death's day past the
            # lead counts only where the lead gives no day.
            later, later_told = self._incident_date(
                doc, [m for m in dates if m.start >= lead_end], [], published)
            if later_told == TOLD_BY_INCIDENT or (day is None and later_told > NOT_TOLD):
                day, told = later, later_told
        if day is None and published is not None:
            # A clock time takes the day its sentence names, if any; only one on the
            # publication's own day is a clock time alone.
            day = next((m.start_date for m in found if m.start < lead_end
                        and m.start_date == published.isoformat()
                        and self._morning(text, m, dateline)), None)
        return DocumentFacts(
            document.doc_id, document.published, killed, injured, day,
            self.places.choose(
                text, places, dateline, body_start=len(head), article_id=document.doc_id,
                outlet=outlet, url=document.url, lead_end=lead_end,
            ),
            tells_killed=any(c.kind == "killed" for c in casualties),
            tells_injured=any(c.kind != "killed" for c in casualties),
            date_told=told > NOT_TOLD,
        )

    def _incident_day(self, text: str, m: DateMention, dateline: Dateline | None) -> bool:
        """False for a date that cannot be the incident's: a time stamp, the dateline's date,
        a clock time alone, "now"."""
        if m.value is not None and not m.value[:1].isdigit():
            return False
        return not _CLOCK.match(m.text.strip()) and not self._stamp(text, m, dateline)

    def _morning(self, text: str, m: DateMention, dateline: Dateline | None) -> bool:
        """True for a morning clock time alone ("2:30 a.m.", "after midnight"), no time stamp."""
        if not _CLOCK.match(m.text.strip()) or m.value is None or "T" not in m.value:
            return False
        hour = m.value[m.value.index("T") + 1 :][:2]
        if hour == "24":
            before = _LINE_WORDS.findall(text[max(0, m.start - 12) : m.start].casefold())[-1:]
            morning = bool(before) and before[0] in self.incident_words.after_midnight_words
        else:
            morning = hour.isdigit() and int(hour) in MORNING_HOURS
        return morning and not self._stamp(text, m, dateline)

    def _stamp(self, text: str, m: DateMention, dateline: Dateline | None) -> bool:
        """True for the dateline's date or a page's time stamp ("Posted: ... 5:29 PM")."""
        if dateline is not None and dateline.start <= m.start < dateline.end:
            return True
        line_start = text.rfind("\n", 0, m.start) + 1
        before = _LINE_WORDS.findall(text[line_start : m.start].casefold())[-CUE_WORDS_BEFORE:]
        after = _LINE_WORDS.findall(text[m.end : m.end + 12].casefold())[:1]
        cues = self.incident_words.timestamp_cues
        return any(w in cues for w in (*before, *after))


    def _incident_date(
        self,
        doc: Doc,
        dates: list[DateMention],
        casualties: list[Casualty],
        published: date | None,
    ) -> tuple[str | None, int]:
        """The incident's day, as its own words, its casualty sentences or its lead tell it;
        and how it was told (``TOLD_BY_INCIDENT``, ``TOLD_BY_DEATH`` or ``NOT_TOLD``).

        A day the shooting's own words govern comes first; one that dates only what followed
        (the police statement, the arrest) counts only when the lead has no other.
        """
        days = [
            m for m in dates
            if m.precision == "day" and m.start_date is not None
            and (published is None or m.start_date <= published.isoformat())
        ]
        if not days:
            return None, NOT_TOLD
        roles = [self._date_role(doc, m) for m in days]
        # "was shot Friday night": the days the incident's own words govern, else those of the
        # death; the first, or an earlier one of its sentence, as "was killed Sunday, two days
        # after he was shot Friday" dates the shooting.
        for role, rank in (("incident", TOLD_BY_INCIDENT), ("death", TOLD_BY_DEATH)):
            told = [m for m, r in zip(days, roles, strict=True) if r == role]
            if told:
                span = doc.char_span(told[0].start, told[0].end, alignment_mode="expand")
                start, end = (span.sent.start_char, span.sent.end_char) if span is not None else (
                    told[0].start, told[0].end)
                return min(str(m.start_date) for m in told if start <= m.start < end), rank
        # "police said Sunday", "was arrested Monday" date what followed; they are read only
        # when the lead has no other day.
        others = [m for m, role in zip(days, roles, strict=True) if role != "aftermath"] or days
        # The shooting comes before what is reported of it: of the days the casualty sentences
        # name, the earliest.
        sentences = {(c.sentence.start, c.sentence.end) for c in casualties}
        in_casualty = [m.start_date for m in others
                       if m.start_date is not None and any(a <= m.start < b for a, b in sentences)]
        return (min(in_casualty) if in_casualty else others[0].start_date), NOT_TOLD

    def _date_role(self, doc: Doc, mention: DateMention) -> str:
        """Whether the word governing a date tells the incident, a death, what followed, or
        neither."""
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return "other"
        token = span.root
        words = self.incident_words
        for _ in range(GOVERNOR_STEPS):
            if token.head.i == token.i:
                return "other"
            token = token.head
            lemma = token.lemma_.casefold()
            if token.pos_ in ("VERB", "NOUN", "PROPN"):
                if lemma in words.incident_words:
                    return "incident"
                if lemma in words.death_words:
                    return "death"
            if token.pos_ == "VERB":
                if lemma in words.aftermath_words:
                    return "aftermath"
                # "The shooting was reported Tuesday": the verb's subject is the incident.
                subjects = {c.lemma_.casefold() for c in token.children
                            if c.dep_ in ("nsubj", "nsubjpass")}
                if subjects & words.incident_words:
                    return "incident"
                return "death" if subjects & words.death_words else "other"
        return "other"


def _lead_end(doc: Doc, body_start: int) -> int:
    """The character offset where the lead (headline and first sentences of the body) ends."""
    n = 0
    for sent in doc.sents:
        if sent.start_char >= body_start:
            n += 1
            if n >= LEAD_SENTENCES:
                return int(sent.end_char)
    return len(doc.text)


def _counts(casualties: list[Casualty]) -> tuple[int, int]:
    def most(kind: str) -> int | None:
        values = [c.quantity.best for c in casualties if c.kind == kind]
        numbered = [v for v in values if v is not None]
        return max(numbered) if numbered else None

    killed = most("killed")
    if killed is None:
        # A death told without a number ("people were killed") is at least one.
        killed = 1 if any(c.kind == "killed" and c.quantity.best != 0 for c in casualties) else 0
    injured = most("injured")
    shot = most("shot")
    wounded = max(shot - killed, 0) if shot is not None else None
    figures = [v for v in (injured, wounded) if v is not None]
    return killed, max(figures) if figures else 0


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _vote(
    values: list[T], *, key: object, tie: Callable[[T], bool] | None = None
) -> T | None:
    """The value most items give (by ``key``); a tie goes to the value more items give with
    ``tie`` true, then to the earliest item."""
    if not values:
        return None
    keyer = key if callable(key) else str
    counts = Counter(keyer(v) for v in values)
    favoured = Counter(keyer(v) for v in values if tie is not None and tie(v))
    # min keeps the first of equal items: the earliest.
    return min(values, key=lambda v: (-counts[keyer(v)], -favoured[keyer(v)]))
