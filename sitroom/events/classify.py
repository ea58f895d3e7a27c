"""The main event of a short snippet, for the event-typing evaluation sets.

Priority (documented rule): every trigger gets a score from its lexicon rank (how specific the
event type is: a suicide bomb before a bombing before a killing), plus a bonus for syntactic
prominence (the sentence's main verb, or the main verb of what a reporting verb reports, over
a participle clause such as "..., killing six"), plus a bonus for asserted events over
hypothetical, negated or future ones, minus a small penalty per sentence into the snippet.
The best-scoring trigger is the snippet's event; its territorial ACLED type is resolved from
its subject's words (``state`` / ``non_state`` word classes of ``events_classes.tsv``).

Stated intentions follow PLOVER's convention: when the chosen event is future or hypothetical
under a cue of intent ("will withdraw", "offered to hand over", "is ready to contribute"), the
PLOVER type becomes AGREE for a cooperative act and THREATEN for a conflictual one; under "must"
it becomes REQUEST. The ACLED type is left alone (ACLED codes only what happened).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitroom.evaluate.system import PredictedEventType
from sitroom.events.lexicon import Lexicon
from sitroom.events.modality import modality
from sitroom.events.triggers import Trigger, find_triggers

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

PROMINENCE_BONUS = 25
"""Added for a trigger that is its clause's main predicate."""
ASSERTED_BONUS = 10
SENTENCE_PENALTY = 6
REPORT_LEMMAS = frozenset({"say", "report", "tell", "announce", "claim", "state", "add", "confirm"})
COOPERATIVE_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID"})
"""PLOVER types whose stated intention is an AGREE; the others' is a THREATEN."""
STATEMENT_TYPES = frozenset({"AGREE", "THREATEN", "REQUEST", "ACCUSE", "REJECT"})
"""Types that are already statements: an intention to threaten is still a threat."""


@dataclass(frozen=True, slots=True)
class ScoredTrigger:
    """A trigger with the score the snippet classifier gave it."""

    trigger: Trigger
    score: float
    modality: str
    cue: str | None = None


def actor_kind(trigger: Trigger, lexicon: Lexicon) -> str:
    """``state`` when the trigger's subject reads as state forces, else ``non_state``."""
    state = lexicon.words("state")
    non_state = lexicon.words("non_state")
    for subject in trigger.subjects:
        words = {w.strip(".,'\"()").lower() for w in subject.text.replace("-", " ").split()}
        words |= {w[:-1] for w in words if w.endswith("s")}
        if words & non_state:
            return "non_state"
        if words & state:
            return "state"
    return "non_state"


def rank_triggers(doc: Doc, lexicon: Lexicon) -> list[ScoredTrigger]:
    """The snippet's triggers, best first, by the priority of this module's docstring."""
    triggers = find_triggers(doc, lexicon, scope="doc")
    sentence_starts = sorted({t.sentence_start for t in triggers})
    scored = []
    for trigger in triggers:
        head = doc[trigger.head]
        result = modality(trigger, doc, lexicon)
        found = result.modality
        score = float(trigger.rank)
        if _prominent(head):
            score += PROMINENCE_BONUS
        if found in ("asserted", "claimed"):
            score += ASSERTED_BONUS
        score -= SENTENCE_PENALTY * sentence_starts.index(trigger.sentence_start)
        cue = None if result.cue_span is None else result.cue_span.text.lower()
        scored.append(ScoredTrigger(trigger, score, found, cue))
    scored.sort(key=lambda s: (-s.score, s.trigger.start))
    return scored


def _prominent(head: Token) -> bool:
    """The main predicate of its sentence, or of the clause a reporting verb governs."""
    token = head
    if token.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and token.pos_ in ("NOUN", "PROPN"):
        token = token.head
    if token.dep_ == "ROOT":
        return True
    if token.dep_ in ("ccomp", "parataxis") and token.head.lemma_.lower() in REPORT_LEMMAS:
        return token.head.dep_ == "ROOT"
    return bool(token.dep_ == "conj" and token.head.dep_ == "ROOT")


class EventTypeClassifier:
    """Gives a snippet the event type of its main trigger (an ``EventClassifier``)."""

    def __init__(self, nlp: Language, lexicon: Lexicon) -> None:
        """Keep the spaCy pipeline and the lexicon."""
        self.nlp = nlp
        self.lexicon = lexicon

    def classify_event(self, text: str) -> PredictedEventType:
        """The PLOVER and ACLED type of the snippet's main event (all None when none found)."""
        ranked = rank_triggers(self.nlp(text), self.lexicon)
        if not ranked:
            return PredictedEventType(None)
        best = ranked[0].trigger
        plover = stated_type(ranked[0], self.lexicon)
        sub_type = (
            best.resolve_acled(actor_kind(best, self.lexicon))
            if best.territory
            else (best.acled_sub_event_type)
        )
        return PredictedEventType(
            plover,
            mode=best.mode,
            acled_event_type=best.acled_event_type,
            acled_sub_event_type=sub_type,
        )


def stated_type(scored: ScoredTrigger, lexicon: Lexicon) -> str:
    """A trigger's PLOVER type; a stated intention becomes AGREE or THREATEN, a "must" REQUEST."""
    kind = scored.trigger.type
    if scored.modality not in ("future", "hypothetical") or scored.cue is None:
        return kind
    if kind in STATEMENT_TYPES:
        return kind
    cue = scored.cue
    if cue in lexicon.words("obligation"):
        return "REQUEST"
    intent = lexicon.words("intent")
    if cue in intent or any(cue.startswith(w) for w in intent if len(w) > 3):
        return "AGREE" if kind in COOPERATIVE_TYPES else "THREATEN"
    return kind
