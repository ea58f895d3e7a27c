"""Modality and attribution of an event trigger: asserted, negated, hypothetical, future, claimed.

The rule. Walk from the trigger's head up the dependency tree to the clause of the first
reporting verb ("said", "according to", "claimed"), collecting the cues of
``events_modality.tsv`` on the way: auxiliaries and negations of each word on the path, its
subordinating conjunction ("if", "whether"), a "no" determiner ("no plans to ..."), the path
words themselves ("option", "plan", "boast") and the complement of a copula ("drone strikes are
an option"). A nominal trigger that is the subject or object of a verb ("meetings could come",
"launch air strikes") takes that verb's cues. Cues on the reporting verb itself are not the
event's: "did not say whether they attacked" is hypothetical through "whether", not negated.

When several cues govern a trigger the strongest wins: hypothetical > negated > future > claimed.
Hypothetical beats future because a modal of possibility over a future ("meetings could come this
week") leaves it open whether it happens at all; negation beats future ("no plans to coordinate"
says it will not happen). Two negations ("would not rule out") make hypothetical. A question
(the sentence ends in "?") with no reporting verb over the trigger is hypothetical. ``claimed`` is
for claim and boast verbs ("boasted of massacring", "claimed responsibility for"), and for a
violent act (ASSAULT, COERCE) that a party reports of itself ("ISIL said it had killed ...");
reported speech alone leaves an event asserted, with ``attributed_to`` naming the speaker.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from sitroom.events.lexicon import Lexicon
from sitroom.events.triggers import CharSpan, Trigger, phrase

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Modality = Literal["asserted", "negated", "hypothetical", "future", "claimed"]

PRECEDENCE: tuple[Modality, ...] = ("hypothetical", "negated", "future", "claimed")
"""Strongest first."""
SELF_REPORTED_TYPES = frozenset({"ASSAULT", "COERCE"})
SELF_PRONOUNS = frozenset({"it", "they", "we", "its", "their", "our"})
AUX_DEPS = frozenset({"aux", "auxpass", "neg", "advmod"})
COPULA_COMPLEMENT_DEPS = frozenset({"attr", "acomp", "oprd"})
MAX_PATH = 12
REPORTED_CLAUSE_DEPS = frozenset({"ccomp", "parataxis", "xcomp", "advcl", "conj"})


@dataclass(frozen=True, slots=True, kw_only=True)
class ModalityResult:
    """What the text says about an event, the words that say it, and whose account it is."""

    modality: Modality
    cue_span: CharSpan | None = None
    attributed_to_span: CharSpan | None = None
    attributed_to_text: str | None = None


def modality(trigger: Trigger, doc: Doc, lexicon: Lexicon) -> ModalityResult:
    """The modality of ``trigger`` in ``doc`` and the speaker it is attributed to."""
    head = doc[trigger.head]
    aux_cues = lexicon.cues_of("aux")
    gov_cues = lexicon.cues_of("gov")
    mark_cues = lexicon.cues_of("mark")
    det_cues = lexicon.cues_of("det")
    multi = lexicon.multiword_cues()
    found: list[tuple[str, Token]] = []
    reporter: Token | None = None
    path = _path(head)
    for position, token in enumerate(path):
        lemma = "according" if token.lower_ == "according" else token.lemma_.lower()
        if position > 0:
            kind = gov_cues.get(lemma)
            if _reports(token, path[position - 1], kind, lemma):
                reporter = token
                if kind == "claimed":
                    found.append(("claimed", token))
                break
            if kind is not None:
                found.append((kind, token))
            elif lemma in multi and _multi_ok(token, multi[lemma][0]):
                found.append((multi[lemma][1], token))
            for child in token.children:
                if child.dep_ in COPULA_COMPLEMENT_DEPS and child.lemma_.lower() in gov_cues:
                    cue_kind = gov_cues[child.lemma_.lower()]
                    if cue_kind not in ("report", "claimed"):
                        found.append((cue_kind, child))
        for child in token.children:
            child_lemma = child.lemma_.lower()
            if child.dep_ in AUX_DEPS and (child.lower_ in aux_cues or child_lemma in aux_cues):
                found.append((aux_cues.get(child.lower_) or aux_cues[child_lemma], child))
            elif child.dep_ == "mark" and child_lemma in mark_cues:
                found.append((mark_cues[child_lemma], child))
            elif child.dep_ == "det" and child_lemma in det_cues:
                found.append((det_cues[child_lemma], child))
    chosen = _strongest(found)
    if reporter is None:
        reporter = _sentence_reporter(head, path, gov_cues)
    speaker = _speaker(reporter) if reporter is not None else None
    if chosen is None and reporter is None and head.sent.text.rstrip().endswith("?"):
        last = head.sent[-1]
        return ModalityResult(modality="hypothetical", cue_span=_span(last))
    if (
        chosen is None
        and reporter is not None
        and speaker is not None
        and _self_report(trigger, head, speaker)
    ):
        chosen = ("claimed", reporter)
    result_kind: Modality = "asserted" if chosen is None else chosen[0]
    return ModalityResult(
        modality=result_kind,
        cue_span=None if chosen is None else _span(chosen[1]),
        attributed_to_span=speaker,
        attributed_to_text=None if speaker is None else speaker.text,
    )


def _path(head: Token) -> list[Token]:
    """The trigger's head and its governors, up to the sentence root."""
    path = [head]
    token = head
    while token.head.i != token.i and len(path) < MAX_PATH:
        token = token.head
        path.append(token)
    return path


def _multi_ok(token: Token, rest: str) -> bool:
    """A multiword cue ("rule out") needs its other words among the token's children."""
    children = {c.lemma_.lower() for c in token.children}
    return all(word in children for word in rest.split())


def _strongest(found: list[tuple[str, Token]]) -> tuple[Modality, Token] | None:
    negations = [t for kind, t in found if kind == "negated"]
    if len(negations) >= 2:
        # "would not rule out", "did not deny": negated negation leaves the event open.
        return ("hypothetical", negations[0])
    for kind in PRECEDENCE:
        for cue_kind, token in found:
            if cue_kind == kind:
                return (kind, token)
    return None


def _sentence_reporter(
    head: Token, path: list[Token], gov_cues: dict[str, str] | object
) -> Token | None:
    """A reporting verb of the sentence outside the path ("..., officials said"; "according to")."""
    table = gov_cues if isinstance(gov_cues, dict) else {}
    on_path = {t.i for t in path}
    for token in head.sent:
        if token.i in on_path:
            continue
        if token.lower_ == "according":
            return token
        lemma = token.lemma_.lower()
        if (
            table.get(lemma) == "report"
            and token.pos_ in ("VERB", "AUX")
            and token.dep_ in ("parataxis", "ROOT", "ccomp", "advcl")
            and _subject(token) is not None
        ):
            return token
    return None


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    return None


def _speaker(reporter: Token) -> CharSpan | None:
    """The speaker of a reporting verb, or the object of "according to"."""
    if reporter.lower_ == "according":
        for child in reporter.children:
            if child.dep_ == "prep":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return phrase(pobj)
        return None
    subject = _subject(reporter)
    if subject is None and reporter.dep_ in ("conj", "advcl") and reporter.head.i != reporter.i:
        subject = _subject(reporter.head)
    return None if subject is None else phrase(subject)


def _reports(token: Token, below: Token, kind: str | None, lemma: str) -> bool:
    """True when ``token`` reports the clause ``below`` it ("said [that] ...", "boasted of")."""
    if lemma == "according":
        return True
    if kind == "claimed":
        return True
    if kind != "report":
        return False
    # "adding to an arsenal" is not a report: a reporting verb governs a clause.
    return below.dep_ in REPORTED_CLAUSE_DEPS


def _self_report(trigger: Trigger, head: Token, speaker: CharSpan) -> bool:
    """A party reporting its own violent act: "ISIL said it had killed ...".

    Only in indirect speech directly under the reporting verb: in a quote ("It was a crazy
    battle"), "it" is rarely the speaker.
    """
    if trigger.type not in SELF_REPORTED_TYPES or head.pos_ not in ("VERB", "AUX"):
        return False
    if any(t.is_quote for t in head.sent):
        return False
    for subject in trigger.subjects:
        if subject.start == speaker.start:
            continue
        text = subject.text.lower()
        if text in SELF_PRONOUNS or text == speaker.text.lower():
            return True
    return False


def _span(token: Token) -> CharSpan:
    return CharSpan(token.idx, token.idx + len(token.text), token.text)
