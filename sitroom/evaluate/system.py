"""What a system under evaluation can do: one protocol per capability, and its predictions.

A pipeline stage plugs into the harness by providing an object that implements one of these
protocols and putting it in :class:`EvalSystem`. The scorers only ever see the prediction
dataclasses below, so a stage's internals can change without touching the harness. Offsets are
0-based, end-exclusive code-point offsets into the text the capability was given.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import KW_ONLY, dataclass
from typing import Literal, Protocol

PlaceKind = Literal["country", "admin1", "city", "other"]
"""What kind of gazetteer entry a toponym was resolved to."""


@dataclass(frozen=True, slots=True)
class DocumentText:
    """One document handed to a capability that works across documents."""

    doc_id: str
    text: str
    _: KW_ONLY
    title: str | None = None
    published: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class PredictedToponym:
    """One place mention found in a text and the gazetteer entry chosen for it.

    ``country`` is the entry's ISO 3166-1 code (alpha-3 as in the data contract; alpha-2 is
    accepted too); ``admin1`` its first-level division, as a GeoNames admin1 code or a name;
    ``name`` the entry's own name. ``lat``/``lon`` are None when the mention was found but not
    resolved.
    """

    start: int
    end: int
    _: KW_ONLY
    lat: float | None = None
    lon: float | None = None
    kind: PlaceKind = "other"
    country: str | None = None
    admin1: str | None = None
    name: str | None = None
    geonameid: int | None = None


@dataclass(frozen=True, slots=True)
class PredictedTimex:
    """One time expression with its TimeML value (e.g. ``2013-03-22``, ``P2D``) and type."""

    start: int
    end: int
    _: KW_ONLY
    value: str | None = None
    type: str | None = None


@dataclass(frozen=True, slots=True)
class PredictedEventType:
    """The event type a system gives a snippet, in the data contract's two schemes.

    ``type`` is a PLOVER type (AGREE ... ASSAULT); ``acled_sub_event_type`` an ACLED sub-event
    type spelled as in the ACLED codebook (e.g. ``Armed clash``), or None where ACLED codes none.
    """

    type: str | None
    _: KW_ONLY
    mode: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None


@dataclass(frozen=True, slots=True)
class PredictedQuote:
    """One quote or attribution: content span, cue and speaker (span and/or name)."""

    start: int
    end: int
    _: KW_ONLY
    cue: str | None = None
    speaker_name: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None


@dataclass(frozen=True, slots=True)
class PredictedIncident:
    """The facts of one incident read from its articles; None where the system found none."""

    _: KW_ONLY
    date: str | None = None
    lat: float | None = None
    lon: float | None = None
    city: str | None = None
    state: str | None = None
    killed: int | None = None
    injured: int | None = None


@dataclass(frozen=True, slots=True)
class PredictedArgument:
    """One event argument: role and entity mention span."""

    role: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class PredictedEvent:
    """One event found in a text: type, trigger span and arguments."""

    type: str
    trigger_start: int
    trigger_end: int
    _: KW_ONLY
    arguments: tuple[PredictedArgument, ...] = ()


@dataclass(frozen=True, slots=True)
class PredictedCoding:
    """One CAMEO event coding: source actor code, target actor code, event code."""

    source: str
    target: str
    event: str


@dataclass(frozen=True, slots=True)
class MentionRef:
    """A mention in one document of a multi-document input."""

    doc_id: str
    start: int
    end: int


class Geoparser(Protocol):
    """Finds place mentions in a text and resolves each to a gazetteer entry."""

    def geoparse(self, text: str) -> Sequence[PredictedToponym]:
        """Return the place mentions of ``text``."""
        ...


class TimexTagger(Protocol):
    """Finds time expressions and normalises them against the document creation date."""

    def tag(self, text: str, dct: str | None) -> Sequence[PredictedTimex]:
        """Return the time expressions of ``text``; ``dct`` is ``YYYY-MM-DD`` or None."""
        ...


class EventClassifier(Protocol):
    """Gives a short event report its event type."""

    def classify_event(self, text: str) -> PredictedEventType:
        """Return the event type of ``text``."""
        ...


class IncidentReader(Protocol):
    """Reads the facts of one incident from the articles that report it."""

    def read_incident(self, documents: Sequence[DocumentText]) -> PredictedIncident:
        """Return date, place and casualty counts of the incident the documents report."""
        ...


class QuoteExtractor(Protocol):
    """Finds quotes and attributions with their speakers."""

    def extract_quotes(self, text: str) -> Sequence[PredictedQuote]:
        """Return the quotes of ``text``."""
        ...


class DocumentClusterer(Protocol):
    """Groups documents that report the same event or story."""

    def cluster(self, documents: Sequence[DocumentText]) -> Mapping[str, str]:
        """Return a cluster label for each doc_id (a doc left out is a cluster of its own)."""
        ...


class EventCoreferencer(Protocol):
    """Finds event mentions across documents and groups the ones that refer to the same event."""

    def corefer_events(self, documents: Sequence[DocumentText]) -> Sequence[Sequence[MentionRef]]:
        """Return event mention clusters over ``documents`` (singletons included)."""
        ...


class EventExtractor(Protocol):
    """Finds events with their triggers and arguments in a document."""

    def extract_events(self, text: str) -> Sequence[PredictedEvent]:
        """Return the events of ``text``."""
        ...


class EventCoder(Protocol):
    """Codes a sentence into CAMEO (source, target, event) triples."""

    def code_events(self, text: str, *, date: str | None) -> Sequence[PredictedCoding]:
        """Return the codings of ``text``; ``date`` is ``YYYYMMDD`` or None."""
        ...


class ReferenceAdapter(Protocol):
    """Runs an upstream tool's unit-test call with sitroom's own components.

    The reference tests name upstream functions (``geoparse_doc``, ``agent_to_code`` ...); an
    adapter maps the calls it can answer onto sitroom and returns the names the upstream test
    bound: ``{"result": ...}``, or ``{"result0": ..., "result1": ...}`` for a pair, ``code``
    for a second value. Expectation paths such as ``result.geolocated_ents.0.geonameid`` are
    looked up in that mapping (keys, list indices, then attributes).
    """

    def supports(self, call: str) -> bool:
        """True when the adapter can answer calls of this upstream function."""
        ...

    def run(self, call: str, args: Sequence[object]) -> Mapping[str, object]:
        """Run one call and return the bound names."""
        ...


@dataclass(frozen=True, slots=True, kw_only=True)
class EvalSystem:
    """The capabilities a system offers the harness; None means it cannot do that yet."""

    geoparser: Geoparser | None = None
    timex_tagger: TimexTagger | None = None
    event_classifier: EventClassifier | None = None
    incident_reader: IncidentReader | None = None
    quote_extractor: QuoteExtractor | None = None
    document_clusterer: DocumentClusterer | None = None
    event_coreferencer: EventCoreferencer | None = None
    event_extractor: EventExtractor | None = None
    event_coder: EventCoder | None = None
    place_reference: ReferenceAdapter | None = None
    actor_reference: ReferenceAdapter | None = None
