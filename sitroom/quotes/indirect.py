"""Indirect attributions: reported clauses, stances, intentions, topics and "according to"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitroom.nlp import doc_text
from sitroom.quotes.candidate import Candidate, is_cue_verb, subject
from sitroom.quotes.cues import CueLexicon
from sitroom.quotes.spans import balanced, clause_end, clause_start, same_paragraph, trimmed

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

HEADLINE_TOKENS = 40
"""The most tokens of a line read as a headline ('Name: what they said')."""
_CLAUSE_KINDS = frozenset({"speech", "belief"})
_FINITE = frozenset({"VBD", "VBZ", "VBP"})
_ROLE_PREPOSITIONS = frozenset({"for", "of", "on", "as"})
_QUESTION_WORDS = frozenset(
    {"if", "whether", "why", "how", "what", "when", "where", "who", "which"}
)


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
        passive = _passive_stance(doc, token, lexicon)
        if passive is not None:
            found.append(passive)
            continue
        view = _unattributed_view(doc, token, lexicon)
        if view is not None:
            found.append(Candidate(view[0], view[1], False, token.text, token.i, None))
            continue
        content = _content(doc, token, lexicon)
        if content is None:
            continue
        speaker = subject(token)
        if speaker is None:
            continue
        cue = _cue_text(doc, token, lexicon, content[0])
        found.append(Candidate(content[0], content[1], False, cue, token.i, speaker.i))
    return found


def headline_candidates(doc: Doc) -> list[Candidate]:
    """'Mayor Lee: Bridge Will Reopen': a short line opening with a name and a colon.

    A headline attributes what follows the colon to the person or body named before it.
    """
    found: list[Candidate] = []
    for start, end in _lines(doc):
        if end - start > HEADLINE_TOKENS:
            continue
        colon = next((t.i for t in doc[start : min(end, start + 6)] if t.text == ":"), None)
        if colon is None or colon == start:
            continue
        name = doc[start:colon]
        if not all(t.is_title or t.is_upper or t.is_punct for t in name) or not any(
            t.ent_type_ in ("PERSON", "ORG", "NORP") or t.pos_ == "PROPN" for t in name
        ):
            continue
        content = trimmed(doc, colon + 1, end)
        if content is not None:
            found.append(Candidate(content[0], content[1], False, ":", colon, name.root.i))
    return found


def _lines(doc: Doc) -> list[tuple[int, int]]:
    """The token ranges of the text's lines, blank ones left out."""
    lines: list[tuple[int, int]] = []
    start = 0
    for token in doc:
        if "\n" in token.text:
            if token.i > start:
                lines.append((start, token.i))
            start = token.i + 1
    if start < len(doc):
        lines.append((start, len(doc)))
    return lines


def _passive_stance(doc: Doc, verb: Token, lexicon: CueLexicon) -> Candidate | None:
    """'The plan was praised by the union': the subject is the object of the stance, the agent
    the one who took it."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in lexicon.objects:
        return None
    agents = [c for c in verb.rights if c.dep_ == "agent"]
    objects = [c for c in agents[0].children if c.dep_ == "pobj"] if agents else []
    if not objects:
        return None
    subjects = [c for c in verb.lefts if c.dep_ == "nsubjpass"]
    if subjects:
        span = trimmed(doc, subjects[0].left_edge.i, clause_end(subjects[0]), anchor=verb.i)
    elif verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        span = trimmed(doc, verb.head.left_edge.i, verb.head.i + 1, anchor=verb.i)
    else:
        return None
    if span is None or not same_paragraph(doc, verb.i, objects[0].i):
        return None
    return Candidate(span[0], span[1], False, verb.text, verb.i, objects[0].i)


def _unattributed_view(doc: Doc, verb: Token, lexicon: CueLexicon) -> tuple[int, int] | None:
    """'The vote is expected to pass', 'the truce seems to hold': the clause, subject included.

    Nobody is named as holding the view, so the view is the whole clause; 'it seems that …'
    gives its that-clause.
    """
    lemma = verb.lemma_.lower()
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    if not (lemma in lexicon.raising or (passive and lemma in lexicon.passives)):
        return None
    if any(c.dep_ == "agent" for c in verb.children):
        return None
    subjects = [c for c in verb.lefts if c.dep_ in ("nsubj", "nsubjpass")]
    for child in verb.rights:
        if not same_paragraph(doc, verb.i, child.i):
            return None
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        if child.dep_ == "xcomp" and infinitive and subjects and subjects[0].lower_ != "it":
            start = subjects[0].left_edge.i
            return balanced(doc, trimmed(doc, start, clause_end(child), anchor=verb.i))
        if child.dep_ == "ccomp" and (not subjects or subjects[0].lower_ == "it"):
            span = trimmed(doc, clause_start(child), clause_end(child), anchor=child.i)
            return balanced(doc, span)
    return None


def _cue_text(doc: Doc, verb: Token, lexicon: CueLexicon, start: int) -> str:
    """The cue as written: 'called for' when its preposition leads to what is attributed."""
    lemma = verb.lemma_.lower()
    for prep in verb.rights:
        if (lemma, prep.lower_) in lexicon.topics and verb.idx < prep.idx < start:
            return doc_text(doc)[verb.idx : prep.idx + len(prep.text)]
    return verb.text


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
    if lemma in lexicon.questions:
        span = _question(doc, token)
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
    if lemma in lexicon.regards:
        return _object(doc, token, role="as")
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


def _question(doc: Doc, verb: Token) -> tuple[int, int] | None:
    """'asked him if the road was open': the question, which the parser often makes an adverbial."""
    for child in verb.rights:
        marks = [
            c for c in child.children if c.dep_ in ("mark", "advmod") and c.i == child.left_edge.i
        ]
        if (
            child.dep_ in ("advcl", "ccomp")
            and marks
            and marks[0].lower_ in _QUESTION_WORDS
            and same_paragraph(doc, verb.i, child.i)
        ):
            return balanced(doc, trimmed(doc, child.left_edge.i, clause_end(child), anchor=child.i))
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


def _object(doc: Doc, verb: Token, *, role: str = "") -> tuple[int, int] | None:
    """'praised the plan', 'blamed the flood on the dam': the object and the phrase after it.

    With ``role`` the phrase must be there and open with that word ('sees it as a test').
    """
    objects = [c for c in verb.rights if c.dep_ == "dobj"]
    if not objects or not same_paragraph(doc, verb.i, objects[0].i):
        return None
    obj = objects[0]
    end = clause_end(obj)
    found = ""
    for prep in verb.rights:
        # The object's role follows it: 'for …', 'of …', 'on …', 'as …'.
        if prep.dep_ == "prep" and prep.i == end and prep.lower_ in _ROLE_PREPOSITIONS:
            end = clause_end(prep)
            found = prep.lower_
    if role and found != role:
        return None
    return balanced(doc, trimmed(doc, obj.left_edge.i, end, anchor=obj.i))


def reported_clause(doc: Doc, verb: Token, *, parenthetical: bool = True) -> tuple[int, int] | None:
    """What a speech or belief verb reports: its clause, or the sentence around a parenthetical."""
    # A clause after the cue first: one before it may be another report the parser hung on it.
    children = [*verb.rights, *reversed(list(verb.lefts))] if parenthetical else verb.rights
    for child in children:
        if child.dep_ == "ccomp" and same_paragraph(doc, verb.i, child.i):
            span = trimmed(doc, clause_start(child), clause_end(child), anchor=child.i)
            return balanced(doc, span)
    if not parenthetical or verb.tag_ not in _FINITE:
        # '…, the minister said.' has a finite cue; 'will continue' or 'to say' is no aside.
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


def _reported_sentence(according: Token) -> tuple[int, int]:
    """The token span that "according to" vouches for: its sentence, less a tail of the writer's.

    A ', but …' conjunct and a participle after a comma (', taking a step …') follow the
    report rather than belong to it.
    """
    sentence = according.sent
    end = sentence.end
    verb = according.head
    if verb.pos_ not in ("VERB", "AUX") or not sentence.start <= verb.i < sentence.end:
        return sentence.start, end
    doc = according.doc
    for child in verb.rights:
        first = child.left_edge.i
        if first <= according.i or doc[first - 1].text != ",":
            continue
        but = child.dep_ == "conj" and any(c.lower_ == "but" for c in verb.rights if c.i < first)
        participle = child.dep_ in ("advcl", "xcomp") and child.tag_ == "VBG" and first == child.i
        if but or participle:
            end = min(end, first)
    return sentence.start, end


def _according_to(doc: Doc, according: Token) -> Candidate | None:
    to = doc[according.i + 1]
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects:
        return None
    source = objects[0]
    phrase_start, phrase_end = according.i, max(source.right_edge.i + 1, to.i + 1)
    start, end = _reported_sentence(according)
    before = trimmed(doc, start, phrase_start, anchor=phrase_start)
    after = trimmed(doc, phrase_end, end, anchor=phrase_end)
    content: tuple[int, int] | None = before or after
    if before is not None and after is not None:
        content = (before[0], after[1])
    if content is None:
        return None
    cue = doc_text(doc)[according.idx : to.idx + len(to.text)]
    return Candidate(content[0], content[1], False, cue, according.i, source.i)
