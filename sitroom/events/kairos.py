"""The WikiEvents adapter: sitroom's events and casualty reports read as KAIROS events."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from sitroom.errors import EvaluationError
from sitroom.evaluate.system import PredictedArgument, PredictedEvent
from sitroom.events.fatalities import Casualty, find_casualties
from sitroom.events.triggers import find_triggers
from sitroom.records import Article, Event, Metadata

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from sitroom.analyse import Analyser

KAIROS_MAP_FILE = "kairos_map.json"


@dataclass(frozen=True, slots=True)
class KairosMap:
    """How events become KAIROS types and roles (``sitroom/evaluate/kairos_map.json``)."""

    trigger_lemmas: Mapping[str, str]
    acled: Mapping[str, str]
    plover: Mapping[str, str]
    casualty_kinds: Mapping[str, str]
    roles: Mapping[str, Mapping[str, str]]
    instruments: frozenset[str] = frozenset()
    states: frozenset[str] = frozenset()

    @classmethod
    def load(cls) -> KairosMap:
        """Read the packaged mapping."""
        path = resources.files("sitroom.evaluate").joinpath(KAIROS_MAP_FILE)
        try:
            raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            lemmas = {
                word: kairos
                for kairos, words in raw["trigger_lemmas"].items()
                if not kairos.startswith("_")
                for word in words
            }
            return cls(
                trigger_lemmas=lemmas,
                acled=_public(raw["acled_sub_event_types"]),
                plover=_public(raw["plover_types"]),
                casualty_kinds=_public(raw["casualty_kinds"]),
                roles={k: v for k, v in raw["roles"].items() if not k.startswith("_")},
                instruments=frozenset(raw["instrument_words"]["words"]),
                states=frozenset(raw["state_words"]["words"]),
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise EvaluationError(f"{KAIROS_MAP_FILE}: not a valid KAIROS mapping ({exc})") from exc

    def event_type(
        self, plover_type: str, acled_sub_event_type: str | None, trigger_lemma: str | None
    ) -> str | None:
        """The KAIROS type of an event: by its trigger word, ACLED sub-event type, PLOVER type."""
        if trigger_lemma is not None and trigger_lemma in self.states:
            return None
        if trigger_lemma is not None and trigger_lemma in self.trigger_lemmas:
            by_word = self.trigger_lemmas[trigger_lemma]
            # An outcome word always names the outcome; a detonation word only refines an attack.
            if not by_word.startswith("Conflict.") or plover_type == "ASSAULT":
                return by_word
        if acled_sub_event_type is not None and acled_sub_event_type in self.acled:
            return self.acled[acled_sub_event_type]
        return self.plover.get(plover_type)

    def family(self, kairos_type: str) -> str:
        """The family of a KAIROS type ('Conflict.Attack.Unspecified' -> 'Conflict.Attack')."""
        return ".".join(kairos_type.split(".")[:2])


def _public(raw: Mapping[str, Any]) -> dict[str, str]:
    return {k: str(v) for k, v in raw.items() if not k.startswith("_")}


@dataclass(frozen=True, slots=True)
class KairosExtractor:
    """Runs the whole analysis on a text and reports its events as WikiEvents scores them."""

    analyser: Analyser
    mapping: KairosMap

    def extract_events(self, text: str) -> list[PredictedEvent]:
        """Return the attack, death and injury events of ``text`` with their arguments.

        WikiEvents marks every mention of an event, so the triggers the events stage leaves
        out (a bare "the explosion" with no participant) are reported too, without arguments.
        """
        doc = self.analyser.nlp(text)
        article = Article("eval", text, text, Metadata(), "eval")
        analysis = self.analyser.analyse_doc(article, doc)
        found: dict[tuple[int, int, str], PredictedEvent] = {}
        for event in analysis.events:
            predicted = self._from_event(doc, event)
            if predicted is not None:
                found.setdefault(_key(predicted), predicted)
        for trigger in find_triggers(doc, self.analyser.events):
            start, end, lemma = _head_word(doc, trigger.start, trigger.end)
            if lemma in self.mapping.instruments:
                continue
            kairos = self.mapping.event_type(trigger.type, trigger.acled_sub_event_type, lemma)
            if kairos is not None:
                predicted = PredictedEvent(kairos, start, end)
                found.setdefault(_key(predicted), predicted)
        for casualty in find_casualties(doc, article_id=article.id):
            predicted = self._from_casualty(doc, casualty)
            if predicted is not None:
                found.setdefault(_key(predicted), predicted)
        return sorted(found.values(), key=lambda p: (p.trigger_start, p.type))

    def _from_event(self, doc: Doc, event: Event) -> PredictedEvent | None:
        if event.trigger is None:
            return None
        start, end, lemma = _head_word(doc, event.trigger.start, event.trigger.end)
        if lemma in self.mapping.instruments:
            return None
        kairos = self.mapping.event_type(event.type, event.acled_sub_event_type, lemma)
        if kairos is None:
            return None
        roles = self.mapping.roles.get(self.mapping.family(kairos), {})
        arguments: list[PredictedArgument] = []
        for field, actors in (("actors", event.actors), ("targets", event.targets)):
            role = roles.get(field)
            for actor in actors:
                if role and actor.evidence is not None:
                    span = _mention(doc, actor.evidence.start, actor.evidence.end)
                    arguments.append(PredictedArgument(role, *span))
        # A place read off the sentence (not the event's own words) is no argument of the event.
        if roles.get("place") and event.place is not None and event.place_basis == "argument":
            arguments.append(PredictedArgument(roles["place"], event.place.start, event.place.end))
        return PredictedEvent(kairos, start, end, arguments=tuple(arguments))

    def _from_casualty(self, doc: Doc, casualty: Casualty) -> PredictedEvent | None:
        kairos = self.mapping.casualty_kinds.get(casualty.kind)
        if kairos is None or casualty.trigger is None:
            return None
        victim = _victim_span(doc, casualty.quantity.start, casualty.quantity.end)
        role = self.mapping.roles.get(self.mapping.family(kairos), {}).get("targets")
        arguments = (PredictedArgument(role, *victim),) if role and victim else ()
        return PredictedEvent(
            kairos, casualty.trigger.start, casualty.trigger.end, arguments=arguments
        )


def _key(predicted: PredictedEvent) -> tuple[int, int, str]:
    return predicted.trigger_start, predicted.trigger_end, predicted.type


def _tokens(doc: Doc, start: int, end: int) -> Span | None:
    """The tokens covering a character span, or None when it covers none."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def _head_word(doc: Doc, start: int, end: int) -> tuple[int, int, str | None]:
    """The span and lemma of a trigger's head word: KAIROS marks one word ("car bombs" -> bombs)."""
    span = _tokens(doc, start, end)
    if span is None:
        return start, end, None
    root = span.root
    return root.idx, root.idx + len(root.text), root.lemma_.lower()


def _mention(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """An entity mention as KAIROS marks it: a name whole, a description by its head noun."""
    span = _tokens(doc, start, end)
    if span is None:
        return start, end
    root = span.root
    if root.pos_ == "PROPN":
        names = [t for t in span if t.pos_ == "PROPN"]
        return names[0].idx, names[-1].idx + len(names[-1].text)
    return root.idx, root.idx + len(root.text)


def _victim_span(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The victims' word: the noun a count belongs to ('three people'), else the count itself."""
    span = _tokens(doc, start, end) if end > start else None
    if span is None:
        return None
    head = span.root.head
    if span.root.dep_ in ("nummod", "amod", "quantmod") and head.pos_ in ("NOUN", "PROPN"):
        return head.idx, head.idx + len(head.text)
    return span.start_char, span.end_char


def load_kairos_extractor(analyser: Analyser) -> KairosExtractor:
    """The adapter over an analyser, with the packaged mapping."""
    return KairosExtractor(analyser, KairosMap.load())
