"""Indirect attributions: reported clauses, stances, intentions, topics and "according to"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitroom.nlp import doc_text
from sitroom.quotes.candidate import Candidate, is_cue_verb, subject
from sitroom.quotes.cues import CueLexicon
from sitroom.quotes.spans import balanced, clause_end, clause_start, same_paragraph, trimmed

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_CLAUSE_KINDS = frozenset({"speech", "belief"})
_ROLE_PREPOSITIONS = frozenset({"for", "of", "on", "as"})


def indirect_candidates(doc: Doc, lexicon: CueLexicon, used: set[int]) -> list[Candidate]:
    """The attributions cued by a verb or "according to", skipping the cue tokens in ``used``."""
    found: list[Candidate] = []
    for token in doc:
        if token.i in used:
            continue
        if (
            token.lower_ == "according"
            and token.i + 1 < len(doc)
            and doc[token.i + 1].lower_ == "to"
        ):
            candidate = _according_to(doc, token)
            if candidate is not None:
                found.append(candidate)
            continue
        content = _content(doc, token, lexicon)
        if content is None:
            continue
        speaker = subject(token)
        if speaker is None:
            continue
        found.append(Candidate(content[0], content[1], False, token.text, token.i, speaker.i))
    return found


def _content(doc: Doc, token: Token, lexicon: CueLexicon) -> tuple[int, int] | None:
    """What ``token`` attributes, by the frames its lexicon kinds allow, the clause first."""
    if token.pos_ not in ("VERB", "AUX"):
        return None
    lemma = token.lemma_.lower()
    if is_cue_verb(token, lexicon, _CLAUSE_KINDS):
        span = reported_clause(doc, token)
        if span is not None:
            return span
    elif lemma in lexicon.objects:
        # A stance verb reports its own that-clause, but is no parenthetical 'X said'.
        span = reported_clause(doc, token, parenthetical=False)
        if span is not None:
            return span
    if lemma in lexicon.intents:
        span = _infinitive(doc, token)
        if span is not None:
            return span
    span = _topic(doc, token, lexicon)
    if span is not None:
        return span
    if lemma in lexicon.objects:
        return _object(doc, token)
    return None


def _infinitive(doc: Doc, verb: Token) -> tuple[int, int] | None:
    """'vowed to fight on', 'urged voters not to wait': the infinitive, with whom it asks."""
    for child in verb.rights:
        if child.dep_ not in ("xcomp", "ccomp") or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in child.children
        ):
            continue
        if not same_paragraph(doc, verb.i, child.i):
            return None
        start = child.left_edge.i
        asked = [c for c in verb.rights if c.dep_ == "dobj" and c.i < child.i]
        if asked:
            start = asked[0].left_edge.i
        return balanced(doc, trimmed(doc, start, clause_end(child), anchor=child.i))
    return None


def _topic(doc: Doc, verb: Token, lexicon: CueLexicon) -> tuple[int, int] | None:
    """'called for a ban', 'talked about the economy': the object of the verb's preposition."""
    lemma = verb.lemma_.lower()
    for prep in verb.rights:
        if prep.dep_ != "prep" or (lemma, prep.lower_) not in lexicon.topics:
            continue
        for obj in prep.children:
            if obj.dep_ in ("pobj", "pcomp") and same_paragraph(doc, verb.i, obj.i):
                return balanced(doc, trimmed(doc, obj.left_edge.i, clause_end(obj), anchor=obj.i))
    return None


def _object(doc: Doc, verb: Token) -> tuple[int, int] | None:
    """'praised the plan', 'blamed the flood on the dam': the object and the phrase after it."""
    objects = [c for c in verb.rights if c.dep_ == "dobj"]
    if not objects or not same_paragraph(doc, verb.i, objects[0].i):
        return None
    obj = objects[0]
    end = clause_end(obj)
    for prep in verb.rights:
        # The object's role follows it: 'for …', 'of …', 'on …', 'as …'.
        if prep.dep_ == "prep" and prep.i == end and prep.lower_ in _ROLE_PREPOSITIONS:
            end = clause_end(prep)
    return balanced(doc, trimmed(doc, obj.left_edge.i, end, anchor=obj.i))


def reported_clause(
    doc: Doc, verb: Token, *, parenthetical: bool = True
) -> tuple[int, int] | None:
    """What a speech or belief verb reports: its clause, or the sentence around a parenthetical."""
    for child in verb.children if parenthetical else verb.rights:
        if child.dep_ == "ccomp" and same_paragraph(doc, verb.i, child.i):
            span = trimmed(doc, clause_start(child), clause_end(child), anchor=child.i)
            return balanced(doc, span)
    if not parenthetical:
        return None
    if verb.dep_ in ("parataxis", "ccomp") and verb.head.i < verb.i:
        # "…, Iraqi security officials said.": the report is what comes before the cue clause.
        sentence = verb.sent
        tail = doc[verb.right_edge.i + 1 : sentence.end]
        if all(t.is_punct or t.is_space for t in tail):
            return balanced(doc, trimmed(doc, sentence.start, verb.left_edge.i, anchor=verb.i))
    if verb.dep_ == "parataxis" and verb.head.i > verb.i:
        # "In any case, Mr. DiPietro said, the industry was over-supplied": the whole sentence.
        sentence = verb.sent
        return balanced(doc, trimmed(doc, sentence.start, sentence.end, anchor=verb.i))
    return None


def _according_to(doc: Doc, according: Token) -> Candidate | None:
    to = doc[according.i + 1]
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects:
        return None
    source = objects[0]
    sentence = according.sent
    phrase_start, phrase_end = according.i, max(source.right_edge.i + 1, to.i + 1)
    before = trimmed(doc, sentence.start, phrase_start)
    after = trimmed(doc, phrase_end, sentence.end)
    content: tuple[int, int] | None = before or after
    if before is not None and after is not None:
        content = (before[0], after[1])
    if content is None:
        return None
    cue = doc_text(doc)[according.idx : to.idx + len(to.text)]
    return Candidate(content[0], content[1], False, cue, according.i, source.i)
