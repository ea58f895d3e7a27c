"""Frozen gold records of the evaluation sets, one type per record shape (see each set's README)."""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass

Span = tuple[int, int]
"""A 0-based, end-exclusive character span ``(start, end)``."""


@dataclass(frozen=True, slots=True)
class Case2021Record:
    """One CASE 2021 snippet with its gold event type."""

    id: str
    text: str
    label: str

    @property
    def key(self) -> str:
        """The record's id, unique within its file."""
        return self.id

@dataclass(frozen=True, slots=True)
class GvaParticipant:
    """One participant of a GVA incident, values as GVA gives them."""

    _: KW_ONLY
    type: str | None = None
    status: str | None = None
    gender: str | None = None
    age: str | None = None
    age_group: str | None = None
    name: str | None = None
    relationship: str | None = None


@dataclass(frozen=True, slots=True)
class GvaDocument:
    """One news article attached to a GVA incident."""

    doc_id: str
    text: str
    _: KW_ONLY
    title: str | None
    published: str | None
    url: str | None


@dataclass(frozen=True, slots=True)
class GvaIncident:
    """One GVA incident: its facts and the articles that report it."""

    incident_id: str
    _: KW_ONLY
    date: str
    state: str
    city: str
    address: str | None
    lat: float | None
    lon: float | None
    killed: int
    injured: int
    participants: tuple[GvaParticipant, ...]
    documents: tuple[GvaDocument, ...]

    @property
    def key(self) -> str:
        """The record's id, unique within its file."""
        return self.incident_id

@dataclass(frozen=True, slots=True)
class GoldToponym:
    """One annotated place mention of a geoparsing set."""

    start: int
    end: int
    _: KW_ONLY
    name: str
    lat: float | None
    lon: float | None
    geonameid: int | None
    type: str | None
    gazetteer_name: str | None
    wikipedia: str | None = None

    @property
    def has_coordinates(self) -> bool:
        """True when the gold gives a point for this mention."""
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True, slots=True)
class GeoDocument:
    """One article of a geoparsing set (GeoWebNews, GeoVirus, LGL, TR-News)."""

    doc_id: str
    text: str
    _: KW_ONLY
    title: str | None
    url: str | None
    toponyms: tuple[GoldToponym, ...]

    @property
    def key(self) -> str:
        """The record's id, unique within its file."""
        return self.doc_id

@dataclass(frozen=True, slots=True)
class EcbMention:
    """One ECB+ mention; ``chain`` is its coreference chain id, ``sentence`` its line number."""

    start: int
    end: int
    _: KW_ONLY
    kind: str
    tag: str
    chain: str
    sentence: int


@dataclass(frozen=True, slots=True)
class EcbDocument:
    """One ECB+ document; annotation is complete only in ``coref_sentences``."""

    doc_id: str
    text: str
    _: KW_ONLY
    topic: str
    subtopic: str
    cluster: str
    coref_sentences: frozenset[int]
    mentions: tuple[EcbMention, ...]

    @property
    def key(self) -> str:
        """The record's id, unique within its file."""
        return self.doc_id

@dataclass(frozen=True, slots=True)
class Attribution:
    """One PolNeAR attribution: content span, with source and cue spans where annotated."""

    content: Span
    _: KW_ONLY
    source: Span | None
    cue: Span | None
    content_fragments: tuple[Span, ...] = ()
    source_fragments: tuple[Span, ...] = ()
    cue_fragments: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class PolnearDocument:
    """One PolNeAR article with its attributions."""

    doc_id: str
    text: str
    _: KW_ONLY
    orig_split: str
    annotator: str
    publisher: str
    published: str
    title: str
    attributions: tuple[Attribution, ...]

    @property
    def key(self) -> str:
        """The record's id, unique within its file."""
        return self.doc_id

@dataclass(frozen=True, slots=True)
class GoldTimex:
    """One TIMEX3 annotation: span, normalised TimeML value and type."""

    start: int
    end: int
    _: KW_ONLY
    value: str
    type: str


@dataclass(frozen=True, slots=True)
class TimexDocument:
    """One TempEval-3 or MEANTIME document; ``dct`` is the document creation date."""

    doc_id: str
    text: str
    _: KW_ONLY
    dct: str | None
    timexes: tuple[GoldTimex, ...]
    title: str | None = None
    corpus: str | None = None
    url: str | None = None

    @property
    def key(self) -> str:
        """The record's id, unique within its file."""
        return self.doc_id

@dataclass(frozen=True, slots=True)
class PloverActor:
    """One PLOVER actor: its words, country or group code and optional sector."""

    text: str
    code: str
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class PloverRecord:
    """One PLOVER gold-standard sentence with its coded event."""

    id: str
    text: str
    _: KW_ONLY
    event: str
    mode: str | None
    source: tuple[PloverActor, ...]
    target: tuple[PloverActor, ...]
    location_name: str | None
    location_country: str | None
    event_text: str | None
    context: str | None
    markup: str | None
    target_raw: str | None = None

    @property
    def key(self) -> str:
        """The record's id, unique within its file."""
        return self.id

@dataclass(frozen=True, slots=True)
class WikiArgument:
    """One WikiEvents argument: role and entity mention span."""

    role: str
    start: int
    end: int
    _: KW_ONLY
    text: str
    entity_type: str


@dataclass(frozen=True, slots=True)
class WikiEvent:
    """One WikiEvents event: KAIROS type, trigger span and arguments."""

    id: str
    type: str
    _: KW_ONLY
    trigger: Span
    trigger_text: str
    arguments: tuple[WikiArgument, ...]


@dataclass(frozen=True, slots=True)
class WikiDocument:
    """One WikiEvents document."""

    doc_id: str
    text: str
    _: KW_ONLY
    events: tuple[WikiEvent, ...]

    @property
    def key(self) -> str:
        """The record's id, unique within its file."""
        return self.doc_id

@dataclass(frozen=True, slots=True)
class FiveW1HAnswer:
    """One coder-chosen answer phrase; ``text`` None means 'there is no answer'."""

    text: str | None
    coders: int
    parsed: str | None = None


@dataclass(frozen=True, slots=True)
class FiveW1H:
    """The annotated answers to the six journalistic questions of one article."""

    _: KW_ONLY
    who: tuple[FiveW1HAnswer, ...]
    what: tuple[FiveW1HAnswer, ...]
    when: tuple[FiveW1HAnswer, ...]
    where: tuple[FiveW1HAnswer, ...]
    why: tuple[FiveW1HAnswer, ...]
    how: tuple[FiveW1HAnswer, ...]


@dataclass(frozen=True, slots=True)
class NewsClusterEvent:
    """The news_cluster label of a Giveme5W1H article; cluster on ``event_id``."""

    event_id: int
    event: str
    _: KW_ONLY
    category: str
    topic: str


@dataclass(frozen=True, slots=True)
class GivemeArticle:
    """One Giveme5W1H article, with its 5W1H gold and/or its same-event cluster label."""

    doc_id: str
    text: str
    _: KW_ONLY
    title: str
    description: str | None
    published: str | None
    publisher: str
    url: str
    gold_category: str | None
    event: NewsClusterEvent | None
    fivew1h: FiveW1H | None

    @property
    def key(self) -> str:
        """The record's id, unique within its file."""
        return self.doc_id
