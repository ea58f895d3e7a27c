"""The main event of a short snippet, for the event-typing evaluation sets.

Priority (documented rule): every trigger gets a score from its lexicon rank (how specific the
event type is: a suicide bomb before a bombing before a killing), plus a bonus for syntactic
prominence (the sentence's main verb, or the main verb of what a reporting verb reports, over
a participle clause such as "..., killing six"), plus a bonus for asserted events over
hypothetical, negated or future ones, minus a small penalty per sentence into the snippet.
Three adjustments follow: a one-word trigger inside a longer name ("Liberation Tigers") is no
event; generic effects ("explosion", "blast") take no prominence bonus, so a named weapon beside
them decides; and a trigger governed by a speech act or diplomatic move ("blamed X for the
bombing", "denied involvement in the attack") or by a disruption ("defused a roadside bomb")
scores just below its governor; so does a demand or refusal made by or within a protest ("the
protesters demanded ...", "rallied to demand ..."), and a governor never governs its own subject.
The best-scoring trigger is the snippet's event; its territorial ACLED type is resolved from its
subject's words (``state`` / ``non_state`` word classes of ``events_classes.tsv``). A denial
governing a violent act is an ACCUSE (a statement about responsibility); suspending or halting a
cooperative act (aid, talks) a SANCTION.

A demonstration's ACLED sub-type is the snippet's, not one trigger's (ACLED codes the whole
event): when the main event is a protest or riot, the most severe protest sub-type any asserted
trigger of the snippet gives wins, in ACLED's order: demonstrators' own violence (a riot, whatever
the police did) over excessive force against them, over an intervention (tear gas, arrests), over
a peaceful protest ("a peaceful rally ... police fired tear gas" is a protest with intervention).
An intervention that leaves people killed or injured is excessive force (ACLED: force "leading to
serious injuries or deaths"). A trigger that gives the protest's reason ("protested against the
arrests", "a rally following the crackdown") tells what happened before, not what happened to the
protest, and is left out.

Stated intentions follow PLOVER's convention: when the chosen event is future or hypothetical
under a cue of intent ("will withdraw", "offered to hand over", "is ready to contribute"), the
PLOVER type becomes AGREE for a cooperative act and THREATEN for a conflictual one; under "must"
it becomes REQUEST. An announced sanction ("will expel") stays a SANCTION; a possible one
("may halt mediation") is a THREATEN. A negated cooperative act is a SANCTION when broken off
("halted aid", "cancelled a visit") and a REJECT when refused ("will not accept"). The ACLED type
is left alone (ACLED codes only what happened).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitroom.evaluate.system import PredictedEventType
from sitroom.events.fatalities import find_casualties
from sitroom.events.hazards import caused_by_hazard
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
GOVERNING_TYPES = frozenset(
    {"AGREE", "CONSULT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SANCTION", "SUPPORT"}
)
"""Speech acts and diplomatic moves: when one governs another trigger ("blamed X for the bombing",
"denied involvement in the attack"), the snippet reports the act, not the event it is about."""
NON_GOVERNING_LEMMAS = frozenset(
    {"condemn", "condemnation", "denounce", "deplore", "criticise", "criticize", "approve"}
)
"""Reactions to an event ("condemned the attack"): the event stays the news."""
GENERIC_LEMMAS = frozenset({"explosion", "blast", "explode"})
"""Effects that name no weapon: they take no prominence bonus, so the weapon named beside them
("explosions rocked the area as militants fired rockets") decides the type."""
BREAK_OFF_LEMMAS = frozenset({"suspend", "halt", "freeze", "withhold", "cut off"})
BROKEN_OFF_TYPES = frozenset({"AID", "COOPERATE", "CONSULT"})
DENIAL_LEMMAS = frozenset({"deny", "reject", "dismiss"})
VIOLENT_TYPES = frozenset({"ASSAULT", "COERCE"})
PROTEST_SEVERITY = (
    "Peaceful protest",
    "Protest with intervention",
    "Excessive force against protesters",
    "Violent demonstration",
)
"""ACLED's demonstration sub-types, least severe first (see the module docstring)."""
PROTEST_CONTENT_TYPES = frozenset({"REQUEST", "REJECT"})
"""What demonstrators demand or refuse is what their protest says: the protest is the event."""
REASON_PREPOSITIONS = frozenset({"against", "over", "following", "after", "about"})
"""Prepositions whose object is what a protest is about, not what befell it."""
DISRUPTION_SUB_TYPE = "Disrupted weapons use"
"""A disruption ("defused a roadside bomb") governs the weapon it disrupts."""
GOVERNED_MARGIN = 1.0
NAME_ENTS = frozenset({"ORG", "PERSON", "NORP", "WORK_OF_ART", "EVENT"})
"""Entity kinds whose words name something ("Liberation Tigers") rather than report an event."""
STOP_CUES = ("halt", "cancel", "suspend", "stop", "cut", "freeze", "end", "call")
"""Negation cues that break off an act: stopping aid or a visit is a sanction."""
REFUSAL_CUES = frozenset({"not", "n't", "never", "no"})
ANNOUNCE_CUES = frozenset({"will", "would", "'ll", "shall"})
"""Plain future: an announced sanction ("will expel ten diplomats") is a sanction, not a threat."""


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
    triggers = [
        t
        for t in find_triggers(doc, lexicon, scope="doc")
        if not _in_name(t, doc) and not caused_by_hazard(t, doc, lexicon)
    ]
    sentence_starts = sorted({t.sentence_start for t in triggers})
    scored = []
    for trigger in triggers:
        head = doc[trigger.head]
        result = modality(trigger, doc, lexicon)
        found = result.modality
        score = float(trigger.rank)
        if _prominent(head) and trigger.lemma not in GENERIC_LEMMAS:
            score += PROMINENCE_BONUS
        if found in ("asserted", "claimed"):
            score += ASSERTED_BONUS
        score -= SENTENCE_PENALTY * sentence_starts.index(trigger.sentence_start)
        cue = None if result.cue_span is None else result.cue_span.text.lower()
        scored.append(ScoredTrigger(trigger, score, found, cue))
    scored = _demote_governed(scored, doc)
    scored.sort(key=lambda s: (-s.score, s.trigger.start))
    return scored


def _in_name(trigger: Trigger, doc: Doc) -> bool:
    """True when a one-word trigger is part of a longer name ("Palestine Liberation Front")."""
    head = doc[trigger.head]
    if " " in trigger.lemma or head.ent_type_ not in NAME_ENTS or not head.text[:1].isupper():
        return False
    entity = next((e for e in doc.ents if e.start <= head.i < e.end), None)
    return entity is not None and len(entity) > 1


def _governs(scored: ScoredTrigger, other: ScoredTrigger, doc: Doc) -> bool:
    trigger = scored.trigger
    if trigger.head == other.trigger.head or trigger.type == other.trigger.type:
        return False
    head = doc[trigger.head]
    if (
        trigger.type in GOVERNING_TYPES
        and not trigger.nominal
        and trigger.lemma not in NON_GOVERNING_LEMMAS
    ):
        governed = doc[other.trigger.head]
        return head.is_ancestor(governed) and not _in_subject(governed, head)
    if trigger.type == "PROTEST" and other.trigger.type in PROTEST_CONTENT_TYPES:
        # "The protesters demanded ...", "a rally to demand ...": the demand is the protest's.
        governed = doc[other.trigger.head]
        return _in_subject(head, governed) or head.is_ancestor(governed)
    if trigger.acled_sub_event_type == DISRUPTION_SUB_TYPE and not trigger.nominal:
        governed = doc[other.trigger.head]
        in_object = any(o.start <= governed.idx < o.end for o in trigger.objects)
        return in_object and head.is_ancestor(governed)
    return False


def _in_subject(token: Token, verb: Token) -> bool:
    """True when ``token`` lies in the active subject of ``verb`` ("crowds of protesters"),
    or of the verb it is conjoined to ("protesters gathered and demanded")."""
    verbs = {verb.i}
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
        verbs.add(verb.i)
    return any(t.dep_ == "nsubj" and t.head.i in verbs for t in (token, *token.ancestors))


def _denies_violence(ranked: list[ScoredTrigger], doc: Doc) -> bool:
    """A denial governing a violent act ("denied it was behind the bombing") is about blame."""
    first = ranked[0]
    if first.trigger.type != "REJECT" or first.trigger.lemma not in DENIAL_LEMMAS:
        return False
    return any(
        other.trigger.type in VIOLENT_TYPES and _governs(first, other, doc) for other in ranked[1:]
    )


def _breaks_off(ranked: list[ScoredTrigger], doc: Doc) -> bool:
    """Suspending or halting a cooperative act ("suspended part of its aid") is a sanction."""
    first = ranked[0].trigger
    if first.lemma not in BREAK_OFF_LEMMAS or first.nominal:
        return False
    head = doc[first.head]
    return any(
        other.trigger.type in BROKEN_OFF_TYPES and head.is_ancestor(doc[other.trigger.head])
        for other in ranked[1:]
    )


def _demote_governed(scored: list[ScoredTrigger], doc: Doc) -> list[ScoredTrigger]:
    """A trigger governed by a speech act or disruption scores just below its governor."""
    result = []
    for item in scored:
        score = item.score
        for other in scored:
            if other.score >= score - 100 and _governs(other, item, doc):
                score = min(score, other.score - GOVERNED_MARGIN)
        result.append(ScoredTrigger(item.trigger, score, item.modality, item.cue))
    return result


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
        doc = self.nlp(text)
        ranked = rank_triggers(doc, self.lexicon)
        if not ranked:
            return PredictedEventType(None)
        best = ranked[0].trigger
        plover = stated_type(ranked[0], self.lexicon)
        if _denies_violence(ranked, doc):
            plover = "ACCUSE"
        elif _breaks_off(ranked, doc):
            plover = "SANCTION"
        sub_type = (
            best.resolve_acled(actor_kind(best, self.lexicon))
            if best.territory
            else (best.acled_sub_event_type)
        )
        event_type = best.acled_event_type
        if sub_type in PROTEST_SEVERITY:
            event_type, sub_type = _protest_sub_type(ranked, doc)
        return PredictedEventType(
            plover,
            mode=best.mode,
            acled_event_type=event_type,
            acled_sub_event_type=sub_type,
        )


def _protest_sub_type(ranked: list[ScoredTrigger], doc: Doc) -> tuple[str | None, str | None]:
    """The most severe demonstration sub-type the snippet's asserted triggers give."""
    found = [
        (PROTEST_SEVERITY.index(s.trigger.acled_sub_event_type), s.trigger.acled_event_type)
        for s in ranked
        if s.trigger.acled_sub_event_type in PROTEST_SEVERITY
        and (s is ranked[0] or (
            s.modality in ("asserted", "claimed") and not _is_reason(doc[s.trigger.head])
        ))
    ]
    severity, event_type = max(found, key=lambda f: f[0])
    sub_type = PROTEST_SEVERITY[severity]
    if sub_type == "Protest with intervention" and any(
        c.quantity.best != 0 for c in find_casualties(doc, article_id="")
    ):
        return "Protests", "Excessive force against protesters"
    return event_type, sub_type


def _is_reason(token: Token) -> bool:
    """A noun in a phrase giving a cause ("against the arrests", "following the crackdown")."""
    return token.dep_ == "pobj" and token.head.lower_ in REASON_PREPOSITIONS


def stated_type(scored: ScoredTrigger, lexicon: Lexicon) -> str:
    """A trigger's PLOVER type; a stated intention becomes AGREE or THREATEN, a "must" REQUEST."""
    kind = scored.trigger.type
    if scored.modality == "negated" and scored.cue is not None and kind in COOPERATIVE_TYPES:
        return _negated_type(kind, scored.cue)
    if scored.modality not in ("future", "hypothetical") or scored.cue is None:
        return kind
    cue = scored.cue
    if cue in lexicon.words("obligation") and kind not in ("THREATEN", "REQUEST"):
        return "REQUEST"
    if kind in STATEMENT_TYPES:
        return kind
    if kind == "SANCTION":
        # An announced sanction is imposed; one that "may" or "could" come is a threat.
        return kind if cue in ANNOUNCE_CUES else "THREATEN"
    intent = lexicon.words("intent")
    if cue in intent or any(cue.startswith(w) for w in intent if len(w) > 3):
        return "AGREE" if kind in COOPERATIVE_TYPES else "THREATEN"
    return kind


def _negated_type(kind: str, cue: str) -> str:
    """A broken-off cooperative act is a SANCTION; a refused one ("will not accept") a REJECT."""
    if kind in ("AID", "CONSULT", "COOPERATE") and cue.startswith(STOP_CUES):
        return "SANCTION"
    if cue in REFUSAL_CUES and kind in ("AGREE", "CONCEDE", "CONSULT"):
        return "REJECT"
    return kind
