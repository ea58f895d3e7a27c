"""A quote candidate before its speaker is resolved; the cue and subject tests of both finders."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitroom.quotes.cues import CueLexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "VBN", "VBG", "VB"})
_SUBJECTS = frozenset({"nsubj", "csubj"})
_INHERITS_SUBJECT = frozenset({"conj", "advcl", "xcomp"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """A found quote: its content span, cue and the token heading its speaker's mention."""

    start: int
    end: int
    direct: bool
    cue: str | None
    cue_token: int | None
    subject: int | None
    follows: int | None = None
    joins_previous: bool = False
    span: tuple[int, int] | None = None


def is_cue_verb(token: Token, lexicon: CueLexicon, kinds: frozenset[str]) -> bool:
    """True when ``token`` is a verb of one of ``kinds`` (speech, belief, naming) in the lexicon."""
    if token.pos_ not in ("VERB", "AUX") and token.tag_ not in _VERB_TAGS:
        return False
    kind = lexicon.kind_of(token.lemma_.lower())
    if not kind:
        return (
            any(
                (token.lemma_.lower(), c.lower_) in lexicon.particles
                for c in token.children
                if c.dep_ == "prt"
            )
            and "speech" in kinds
        )
    return kind in kinds


def subject(verb: Token) -> Token | None:
    """The token heading who does ``verb``: its subject, inherited or inverted.

    'a group backing the plan' reports for the noun the participle hangs on.
    """
    token = verb
    for _ in range(4):
        for child in token.children:
            if child.dep_ in _SUBJECTS:
                return child
        if token.dep_ == "acl" and token.tag_ == "VBG" and token.head.pos_ in ("NOUN", "PROPN"):
            if token.head.dep_ != "dobj":
                return token.head
            # 'issued a statement saying …' speaks for whoever issued it.
            token = token.head.head
            continue
        if token.dep_ == "pcomp" and token.head.dep_ == "prep":
            # 'began by asking …', 'took the step of criticizing …': the subject of the verb.
            token = token.head.head
            if token.dep_ == "dobj":
                token = token.head
            continue
        if token.dep_ not in _INHERITS_SUBJECT or token.head == token:
            break
        token = token.head
    # Inverted '"…," said Senator Kirk' when the parser gave no subject.
    for child in verb.children:
        if (
            verb.i > 0
            and verb.doc[verb.i - 1].is_punct
            and child.i > verb.i
            and child.pos_ in ("PROPN", "NOUN")
            and child.dep_ in ("dobj", "attr", "npadvmod")
        ):
            return child
    return None
