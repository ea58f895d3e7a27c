"""Frozen record types that flow between the pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Metadata:
    """Metadata about one article, from the file itself, a sidecar or batch options.

    Every field is optional; ``published`` is an ISO date ``YYYY-MM-DD``.
    """

    outlet: str | None = None
    wire: str | None = None
    url: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None
    language: str | None = None

    def merged_over(self, base: Metadata) -> Metadata:
        """Return ``base`` with every field that is set here taking precedence."""
        return Metadata(
            outlet=self.outlet if self.outlet is not None else base.outlet,
            wire=self.wire if self.wire is not None else base.wire,
            url=self.url if self.url is not None else base.url,
            title=self.title if self.title is not None else base.title,
            author=self.author if self.author is not None else base.author,
            published=self.published if self.published is not None else base.published,
            language=self.language if self.language is not None else base.language,
        )


@dataclass(frozen=True, slots=True)
class Source:
    """One input to read: a file path, or ``-`` for standard input."""

    path: str
    kind: str
    """The reader to use: ``text``, ``html``, ``json``, ``jsonl``, ``feed`` or ``warc``."""


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article as read from its source, before cleaning.

    ``text`` is the decoded text as found (for HTML and feeds, the extracted main text);
    ``title_from_first_line`` asks the cleaner to look for a headline on the first line
    (plain-text files carry their headline that way).
    """

    source: str
    text: str
    metadata: Metadata
    kind: str
    line: int | None = None
    title_from_first_line: bool = False
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    """One cleaned article: the unit every analysis stage works on.

    Offsets anywhere in sitroom count code points of ``text``; ``raw_text`` keeps the text
    as it was read, before cleaning.
    """

    id: str
    text: str
    raw_text: str
    metadata: Metadata
    source: str
    duplicate_of: str | None = None
    language: str | None = None
    ingested_at: str | None = None

    @property
    def title(self) -> str | None:
        """The article's headline, if known."""
        return self.metadata.title

    @property
    def published(self) -> str | None:
        """The publication date as ``YYYY-MM-DD``, if known."""
        return self.metadata.published

    def to_record(self) -> dict[str, Any]:
        """Return the article as the JSON record of CONTRACT.md (plus ``author`` and ``source``)."""
        return {
            "id": self.id,
            "outlet": self.metadata.outlet,
            "wire": self.metadata.wire,
            "url": self.metadata.url,
            "title": self.metadata.title,
            "author": self.metadata.author,
            "published": self.metadata.published,
            "language": self.language,
            "text": self.text,
            "duplicate_of": self.duplicate_of,
            "ingested_at": self.ingested_at,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class Problem:
    """Something that went wrong (or needs a look) with one input, reported and not raised."""

    path: str
    reason: str
    line: int | None = None
    severity: Severity = "error"

    @property
    def message(self) -> str:
        """The one-line message, ``PATH[:LINE]: reason``."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Skipped:
    """A record of an input left out on purpose (a WARC request record, a 404 page): counted."""

    path: str
    reason: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class RunReport:
    """What one ``ingest`` or ``run`` did."""

    new: int = 0
    already_stored: int = 0
    near_duplicates: int = 0
    not_english: int = 0
    analysed: int = 0
    linked: int = 0
    problems: tuple[Problem, ...] = field(default=())
    skipped: int = 0
    """Records of multi-page inputs (WARC files) left out on purpose: not pages, not HTTP 200."""

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that kept an input out of the store."""
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The problems that did not keep their input out."""
        return tuple(p for p in self.problems if p.severity == "warning")

    @property
    def ok(self) -> bool:
        """True when every input went in."""
        return not self.errors


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One gazetteer place: a GeoNames city, a first-level division, a country or a region.

    ``country`` is ISO 3166-1 alpha-3; ``admin1`` the first-level division's name (not its code);
    ``feature`` one of ``point``, ``town``, ``district``, ``province``, ``country``, ``region``,
    ``continent``.
    """

    geonameid: int
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    feature: str
    population: int = 0
    source: str = "geonames"


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place name found in an article, resolved to one gazetteer entry when one fits.

    ``entry`` is ``None`` when no entry fits (the text is kept, coordinates stay null);
    ``score`` says how sure the resolver is (0 to 1).
    """

    article_id: str
    start: int
    end: int
    text: str
    entry: GazetteerEntry | None
    score: float = 0.0

    def to_record(self) -> dict[str, Any]:
        """Return the place mention as the JSON record of CONTRACT.md."""
        entry = self.entry
        return {
            "article_id": self.article_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "name": entry.name if entry else None,
            "geonameid": entry.geonameid if entry else None,
            "lat": entry.lat if entry else None,
            "lon": entry.lon if entry else None,
            "country": entry.country if entry else None,
            "admin1": entry.admin1 if entry else None,
            "feature": entry.feature if entry else None,
            "score": round(self.score, 3),
        }


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A mention of an actor in an article, linked to its canonical actor when known.

    ``actor_id`` names the dictionary entry (``None`` for a descriptive actor built from a
    pattern, such as "Sunni tribesmen"); ``entity`` numbers the mentions of one actor within the
    article ("US Secretary of State John Kerry" ... "Mr Kerry" share it); ``country`` is ISO
    alpha-3 and ``sector`` a PLOVER sector code.
    """

    article_id: str
    start: int
    end: int
    text: str
    name: str
    actor_id: str | None
    country: str | None
    sector: str | None
    entity: int
    title: str | None = None
    kind: str = "dictionary"

    def to_record(self) -> dict[str, Any]:
        """Return the actor mention as a JSON record."""
        return {
            "article_id": self.article_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "name": self.name,
            "actor_id": self.actor_id,
            "country": self.country,
            "sector": self.sector,
            "title": self.title,
            "entity": self.entity,
            "kind": self.kind,
        }


@dataclass(frozen=True, slots=True)
class DateMention:
    """A temporal expression in an article, resolved against the publication date.

    ``start_date``/``end_date`` are ISO dates bounding the period meant; ``precision`` is ``day``,
    ``week``, ``month``, ``year`` or ``unresolved`` (then both dates are ``None``); ``value`` is
    the TimeML-style normalised value where one exists (``2014-06-15``, ``2014-W24``, ``P1M``).
    """

    article_id: str
    start: int
    end: int
    text: str
    start_date: str | None
    end_date: str | None
    precision: str
    value: str | None = None

    def to_record(self) -> dict[str, Any]:
        """Return the date mention as a JSON record (its ``start``/``end`` dates as in events)."""
        return {
            "article_id": self.article_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "date_start": self.start_date,
            "date_end": self.end_date,
            "precision": self.precision,
            "value": self.value,
        }


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a value came from: an article and a character span of its cleaned text."""

    article_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class EventActor:
    """An actor or target of an event: the actor stage's canonical name, country and sector."""

    name: str
    country: str | None
    sector: str | None
    actor_id: str | None = None
    evidence: Evidence | None = None

    def to_record(self) -> dict[str, Any]:
        """Return the actor as in CONTRACT.md, with the span it was read from."""
        return {
            "name": self.name,
            "country": self.country,
            "sector": self.sector,
            "actor_id": self.actor_id,
            **_span(self.evidence),
        }


@dataclass(frozen=True, slots=True)
class Fatalities:
    """Deaths an event caused: ``best`` by ACLED's conventions, ``min``/``max`` where bounded."""

    best: int | None
    min: int | None = None
    max: int | None = None
    text: str | None = None
    evidence: Evidence | None = None

    def to_record(self) -> dict[str, Any]:
        """Return the fatalities as in CONTRACT.md, with the span of the phrase."""
        return {
            "best": self.best,
            "min": self.min,
            "max": self.max,
            "text": self.text,
            **_span(self.evidence),
        }


@dataclass(frozen=True, slots=True)
class EventSource:
    """One article sentence that reports an event."""

    article_id: str
    outlet: str | None
    start: int
    end: int
    sentence: str

    def to_record(self) -> dict[str, Any]:
        """Return the source as in CONTRACT.md."""
        return {
            "article_id": self.article_id,
            "outlet": self.outlet,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
        }


@dataclass(frozen=True, slots=True)
class Event:
    """One event as CONTRACT.md describes it: who did what to whom, where, when, with evidence.

    ``place`` and ``date`` hold the place and date mentions the event happened at (``None`` when
    the text does not say); ``place_basis`` says how the place was found: ``argument`` (the
    event's own words name it) or ``sentence`` (the one country its sentence names as where things
    happen); ``modality`` is asserted, negated, hypothetical, future or claimed.
    """

    id: str
    type: str
    mode: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    summary: str
    actors: tuple[EventActor, ...]
    targets: tuple[EventActor, ...]
    place: PlaceMention | None
    date: DateMention | None
    fatalities: Fatalities | None
    modality: str
    attributed_to: str | None
    sources: tuple[EventSource, ...]
    story_id: str | None = None
    trigger: Evidence | None = None
    conflicts: tuple[dict[str, Any], ...] = ()
    place_basis: str = "argument"

    @property
    def n_sources(self) -> int:
        """The number of distinct articles reporting the event."""
        return len({s.article_id for s in self.sources})

    def to_record(self) -> dict[str, Any]:
        """Return the event as the JSON record of CONTRACT.md."""
        acled = (
            {"event_type": self.acled_event_type, "sub_event_type": self.acled_sub_event_type}
            if self.acled_sub_event_type
            else None
        )
        return {
            "id": self.id,
            "story_id": self.story_id,
            "type": self.type,
            "mode": self.mode,
            "acled": acled,
            "summary": self.summary,
            "actors": [a.to_record() for a in self.actors],
            "targets": [t.to_record() for t in self.targets],
            "place": _event_place(self.place, self.place_basis),
            "date": _event_date(self.date),
            "fatalities": self.fatalities.to_record() if self.fatalities else None,
            "modality": self.modality,
            "attributed_to": self.attributed_to,
            "sources": [s.to_record() for s in self.sources],
            "n_sources": self.n_sources,
            "conflicts": list(self.conflicts),
            "trigger": _span(self.trigger) or None,
        }


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a quote is from: the fullest name (or description) and title, and the nearest mention."""

    name: str
    title: str | None
    start: int
    end: int
    actor_id: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct, indirect or partial quote with its speaker and cue, as CONTRACT.md describes."""

    id: str
    article_id: str
    text: str
    start: int
    end: int
    direct: bool
    cue: str | None
    speaker: Speaker | None
    event_ids: tuple[str, ...] = ()

    def to_record(self) -> dict[str, Any]:
        """Return the quote as the JSON record of CONTRACT.md."""
        speaker = self.speaker
        return {
            "id": self.id,
            "article_id": self.article_id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "direct": self.direct,
            "cue": self.cue,
            "speaker": {
                "name": speaker.name,
                "title": speaker.title,
                "start": speaker.start,
                "end": speaker.end,
                "actor_id": speaker.actor_id,
            }
            if speaker
            else None,
            "event_ids": list(self.event_ids),
        }


def _span(evidence: Evidence | None) -> dict[str, Any]:
    if evidence is None:
        return {}
    return {"article_id": evidence.article_id, "start": evidence.start, "end": evidence.end}


def _event_place(place: PlaceMention | None, basis: str) -> dict[str, Any] | None:
    if place is None or place.entry is None:
        return None
    entry = place.entry
    return {
        "name": entry.name,
        "geonameid": entry.geonameid,
        "lat": entry.lat,
        "lon": entry.lon,
        "country": entry.country,
        "admin1": entry.admin1,
        # A continent is placed at its reference point, as CONTRACT.md's vague "region" is.
        "precision": "region" if entry.feature == "continent" else entry.feature,
        "text": place.text,
        "article_id": place.article_id,
        "start": place.start,
        "end": place.end,
        "basis": basis,
    }


def _event_date(mention: DateMention | None) -> dict[str, Any] | None:
    if mention is None:
        return None
    return {
        "start": mention.start_date,
        "end": mention.end_date,
        "precision": mention.precision,
        "text": mention.text,
        "article_id": mention.article_id,
        "offset_start": mention.start,
        "offset_end": mention.end,
    }


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the analysis stage found in one article: places, actors, dates, events, quotes."""

    article_id: str
    places: tuple[PlaceMention, ...] = ()
    actors: tuple[ActorMention, ...] = ()
    dates: tuple[DateMention, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
