"""Accidents and natural hazards: deaths and damage no one inflicted, which are not events here.

ACLED codes political violence and protest, not earthquakes, floods, road crashes, gas explosions
or factory fires; PLOVER likewise codes what actors do. A violent trigger is left out when its
words say a hazard caused it (word classes of ``events_classes.tsv``):
- its subject, or the noun its relative clause describes, is a hazard ("a powerful earthquake
  killed", "the floods that destroyed") or a blast or fire from a hazard source ("a gas cylinder
  explosion killed");
- it is itself such a blast or fire ("a boiler explosion in the plant");
- it tells what a clause about an accident did ("a bus plunged into a gorge, killing 20"; "were
  killed when their car overturned"): the clause's verb is an ``accident`` verb or its subject
  a hazard;
- a cause phrase names a hazard ("killed in a road accident", "died in the floods").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitroom.events.lexicon import Lexicon
from sitroom.events.triggers import Trigger

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Active subjects only: a passive subject is what suffered, not what caused.
SUBJECTS = frozenset({"nsubj", "csubj"})
CLAUSES = frozenset({"advcl", "xcomp", "conj", "relcl", "acl"})
# Causes, not times: "protests after the floods" are protests, "killed in the floods" is no attack.
CAUSE_PREPOSITIONS = frozenset({"in", "by", "from"})


HARMFUL_TYPES = frozenset({"ASSAULT", "COERCE"})
"""Event types an accident or a natural hazard may cause instead of an actor."""


def caused_by_hazard(trigger: Trigger, doc: Doc, lexicon: Lexicon) -> bool:
    """True when the trigger is violence or destruction that an accident or a hazard caused."""
    if trigger.type not in HARMFUL_TYPES:
        return False
    words = _Words(lexicon)
    head = doc[trigger.head]
    if words.hazardous(head, as_trigger=True):
        return True
    if any(words.hazardous(s) for s in head.children if s.dep_ in SUBJECTS):
        return True
    # "the floods that destroyed ...", and the tagger's "an earthquake killed" read as a modifier.
    if head.dep_ in ("acl", "relcl") and words.hazardous(head.head):
        return True
    if _cause_phrase(head, words):
        return True
    # A participle or a "when" clause: the accident clause may govern the trigger or hang from it.
    linked = [c for c in head.children if c.dep_ in CLAUSES]
    if head.dep_ in CLAUSES:
        linked.append(head.head)
    return any(words.accident_clause(clause) for clause in linked)


class _Words:
    """The hazard word classes of a lexicon, and the tests built on them."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.hazards = lexicon.words("hazard")
        self.sources = lexicon.words("hazard_source")
        self.blasts = lexicon.words("blast")
        self.accidents = lexicon.words("accident")

    def hazardous(self, token: Token, *, as_trigger: bool = False) -> bool:
        """A hazard noun or source, or a blast or fire whose modifiers name a hazard source."""
        lemma = token.lemma_.lower()
        if not as_trigger and (lemma in self.hazards or lemma in self.sources):
            return True
        if lemma not in self.blasts:
            return False
        modifiers = [c for c in token.children if c.dep_ in ("compound", "amod", "nmod")]
        modifiers += [c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"]
        modifiers += [
            grandchild for c in modifiers for grandchild in c.children if grandchild.dep_ == "pobj"
        ]
        modifiers += [g for c in modifiers for g in c.children if g.dep_ == "compound"]
        return any(
            m.lemma_.lower() in self.sources or m.lower_ in self.sources for m in modifiers
        )

    def accident_clause(self, verb: Token) -> bool:
        """A clause that tells an accident: its verb is an accident verb or its subject a hazard."""
        if verb.lemma_.lower() in self.accidents:
            return True
        return any(self.hazardous(c) for c in verb.children if c.dep_ in SUBJECTS)


def _cause_phrase(head: Token, words: _Words) -> bool:
    for child in head.children:
        cause = child.dep_ == "agent" or (
            child.dep_ == "prep" and child.lower_ in CAUSE_PREPOSITIONS
        )
        if cause and any(words.hazardous(o) for o in child.children if o.dep_ == "pobj"):
            return True
    return False
