"""Finding quotes: direct ones by their marks, partial ones, indirect and "according to" reports."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitroom.nlp import doc_text
from sitroom.quotes.cues import CueLexicon, load_cues
from sitroom.quotes.marks import Quoted, find_quoted
from sitroom.quotes.speaker import Resolved, SpeakerContext, resolve_speaker
from sitroom.records import ActorMention, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

WINDOW_AFTER = 8
"""Tokens looked at after a closing mark for '"…," X said' (the speaker may be a long name)."""
WINDOW_BEFORE = 14
"""Tokens looked at before an opening mark for 'X said: "…"'."""
_QUOTE_CHARS = frozenset("\"“”„«»'‘’`")
_SENTENCE_END = frozenset({".", "?", "!", ";"})
_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "VBN", "VBG", "VB"})
_SUBJECTS = frozenset({"nsubj", "csubj", "expl"})
_INHERITS_SUBJECT = frozenset({"conj", "advcl", "xcomp"})


@dataclass(frozen=True, slots=True)
class Found:
    """A quote found in an article, with what the evaluation adapter needs to know of it.

    ``joins_previous`` marks a direct quote that continues the one before it in the same
    paragraph ('"A," he said. "B"'): one attribution written in two pieces.
    """

    quote: Quote
    joins_previous: bool = False
    span: tuple[int, int] | None = None
    """The attribution as corpora mark it (quotation marks and the clause around them), if wider."""


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    direct: bool
    cue: str | None
    cue_token: int | None
    subject: int | None
    follows: int | None = None
    joins_previous: bool = False
    span: tuple[int, int] | None = None


def find_quotes(
    doc: Doc,
    actors: Sequence[ActorMention],
    *,
    article_id: str,
    cues: CueLexicon | None = None,
) -> list[Quote]:
    """The direct, partial and indirect quotes of a parsed article, in text order."""
    return [f.quote for f in find_attributions(doc, actors, article_id=article_id, cues=cues)]


def find_attributions(
    doc: Doc,
    actors: Sequence[ActorMention],
    *,
    article_id: str,
    cues: CueLexicon | None = None,
) -> list[Found]:
    """Like :func:`find_quotes`, keeping which direct quotes continue the one before."""
    lexicon = cues if cues is not None else load_cues()
    direct = _direct_candidates(doc, lexicon)
    used = {c.cue_token for c in direct if c.cue_token is not None}
    quoted_spans = [(c.start, c.end) for c in direct]
    indirect = [
        c
        for c in _indirect_candidates(doc, lexicon, used)
        if not any(s <= c.start and c.end <= e for s, e in quoted_spans)
    ]
    return _resolve(doc, actors, sorted(direct + indirect, key=_order), article_id=article_id)


def quote_id(article_id: str, start: int, end: int) -> str:
    """A short id, stable for one article and span."""
    digest = hashlib.sha1(f"{article_id}:{start}:{end}".encode()).hexdigest()
    return "q_" + digest[:12]


def _order(c: _Candidate) -> tuple[int, int]:
    return c.start, c.end


def _is_cue_verb(token: Token, lexicon: CueLexicon, kinds: frozenset[str]) -> bool:
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


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span[0]


def _direct_candidates(doc: Doc, lexicon: CueLexicon) -> list[_Candidate]:
    text = doc_text(doc)
    found: list[_Candidate] = []
    speech = frozenset({"speech"})
    for q in find_quoted(text):
        first, last = _token_at(doc, q.inner_start), _token_at(doc, q.inner_end - 1)
        if first is None or last is None:
            continue
        cue = _cue_after(doc, q, last, lexicon, speech)
        if cue is not None:
            found.append(_direct(q, cue, span=(_sentence_lead(doc, first, q), q.end)))
            continue
        cue = _cue_before(doc, q, first, lexicon, speech)
        if cue is not None:
            previous = found[-1] if found else None
            joins = previous is not None and previous.cue_token == cue.i
            found.append(_direct(q, cue, span=_clause_lead(doc, cue, first, q), joins=joins))
            continue
        partial = _governing_cue(doc, first, last, lexicon)
        if partial is not None:
            found.append(_direct(q, partial, span=_object_span(doc, partial, q)))
            continue
        previous = found[-1] if found else None
        if previous is not None and _continues(text, previous, q):
            same_paragraph = "\n" not in text[previous.end : q.start]
            found.append(
                _Candidate(
                    q.inner_start,
                    q.inner_end,
                    True,
                    previous.cue if same_paragraph else None,
                    None,
                    None,
                    follows=len(found) - 1,
                    joins_previous=same_paragraph,
                )
            )
    return found


def _direct(
    q: Quoted, cue: Token, *, span: tuple[int, int] | None = None, joins: bool = False
) -> _Candidate:
    subject = _subject(cue)
    return _Candidate(
        q.inner_start,
        q.inner_end,
        True,
        cue.text,
        cue.i,
        subject.i if subject is not None else None,
        joins_previous=joins,
        span=span,
    )


def _sentence_lead(doc: Doc, first: Token, q: Quoted) -> int:
    """Where a quote attributed after it starts: its mark, or the words opening its sentence."""
    sentence = first.sent
    lead = _trimmed(doc, sentence.start, first.i)
    if lead is None or lead[1] > q.start or "\n" in doc_text(doc)[lead[0] : q.start]:
        return q.start
    words = doc_text(doc)[lead[0] : q.start].split()
    return lead[0] if len(words) >= 2 else q.start


def _clause_lead(doc: Doc, cue: Token, first: Token, q: Quoted) -> tuple[int, int]:
    """'X said that once …, "…"': the reported clause starts before the quotation mark."""
    for child in cue.children:
        if child.dep_ == "ccomp" and cue.i < child.left_edge.i < first.i:
            start = _trimmed(doc, child.left_edge.i, first.i)
            if start is not None and "\n" not in doc_text(doc)[start[0] : q.start]:
                return start[0], q.end
    return q.start, q.end


def _object_span(doc: Doc, cue: Token, q: Quoted) -> tuple[int, int]:
    """'called the advance an "existential threat" for Iraq': the verb's objects, quote included."""
    right = [
        c
        for c in cue.children
        if c.i > cue.i and not c.is_punct and c.dep_ not in ("cc", "conj", "advcl", "punct")
    ]
    if not right:
        return q.start, q.end
    span = _trimmed(doc, right[0].left_edge.i, right[-1].right_edge.i + 1)
    if span is None or span[0] > q.start:
        return q.start, q.end
    return span[0], max(span[1], q.end)


def _continues(text: str, previous: _Candidate, q: Quoted) -> bool:
    """True when ``q`` goes on with the previous quote, in the same or the next paragraph."""
    between = text[previous.end : q.start]
    if between.count("\n") > 2 or len(between) > 300:
        return False
    if "\n" in between:
        # A new paragraph must open with the quote, as a continued quote is written.
        return not between.rsplit("\n", 1)[1].strip()
    return previous.cue_token is not None or previous.follows is not None


def _cue_after(
    doc: Doc, q: Quoted, last: Token, lexicon: CueLexicon, kinds: frozenset[str]
) -> Token | None:
    inner = doc_text(doc)[q.inner_start : q.inner_end]
    rest = doc_text(doc)[q.end : q.end + 3].lstrip()
    # '"… over." He said …' starts a new sentence; '"… over," he said' and '"…?" she asked' do not.
    if inner.endswith(".") and not (rest[:1].islower() or rest[:1] == ","):
        return None
    for token in doc[last.i + 1 : last.i + 1 + WINDOW_AFTER]:
        if token.idx < q.end:
            continue
        if "\n" in token.text or token.text in _SENTENCE_END or token.text[:1] in _QUOTE_CHARS:
            return None
        if _is_cue_verb(token, lexicon, kinds) and not _has_clause(token, after=True):
            return token
    return None


def _cue_before(
    doc: Doc, q: Quoted, first: Token, lexicon: CueLexicon, kinds: frozenset[str]
) -> Token | None:
    before = doc_text(doc)[max(0, q.start - 3) : q.start].rstrip()
    if not before or before[-1] not in ":,":
        prev = doc[first.i - 2] if first.i >= 2 else None
        if prev is None or not (_is_cue_verb(prev, lexicon, kinds) or prev.lower_ == "that"):
            return None
    start = max(0, first.i - WINDOW_BEFORE)
    for token in reversed(doc[start : first.i]):
        if token.idx >= q.start:
            continue
        if "\n" in token.text or token.text in _SENTENCE_END or token.text[:1] in _QUOTE_CHARS:
            return None
        if _is_cue_verb(token, lexicon, kinds):
            return token
    return None


def _governing_cue(doc: Doc, first: Token, last: Token, lexicon: CueLexicon) -> Token | None:
    """The naming or speech verb whose object holds the quoted words ('called it an "x"')."""
    roots = [
        t for t in doc[first.i : last.i + 1] if not first.i <= t.head.i <= last.i or t.head == t
    ]
    if not roots:
        return None
    token = roots[0]
    for _ in range(4):
        if token.head == token or token.dep_ in ("ccomp", "relcl", "advcl", "conj"):
            return None
        token = token.head
        if _is_cue_verb(token, lexicon, frozenset({"naming", "speech"})):
            return token
    return None


def _has_clause(token: Token, *, after: bool) -> bool:
    """True when the verb has its own reported clause after it ('"…" He said he would go')."""
    return any(c.dep_ == "ccomp" and (c.i > token.i) == after for c in token.children)


def _subject(verb: Token) -> Token | None:
    token = verb
    for _ in range(4):
        for child in token.children:
            if child.dep_ in _SUBJECTS and child.dep_ != "expl":
                return child
        if token.dep_ not in _INHERITS_SUBJECT or token.head == token:
            break
        token = token.head
    # Inverted '"…," said Senator Kirk' when the parser gave no subject.
    for child in verb.children:
        if (
            child.i > verb.i
            and child.pos_ in ("PROPN", "NOUN")
            and child.dep_ in ("dobj", "attr", "npadvmod")
        ):
            return child
    return None


def _indirect_candidates(doc: Doc, lexicon: CueLexicon, used: set[int]) -> list[_Candidate]:
    found: list[_Candidate] = []
    kinds = frozenset({"speech", "belief"})
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
        if not _is_cue_verb(token, lexicon, kinds):
            continue
        subject = _subject(token)
        if subject is None:
            continue
        content = _reported_clause(doc, token)
        if content is None:
            continue
        start, end = content
        found.append(_Candidate(start, end, False, token.text, token.i, subject.i))
    return found


def _reported_clause(doc: Doc, verb: Token) -> tuple[int, int] | None:
    for child in verb.children:
        if child.dep_ == "ccomp":
            return _balanced(doc, _trimmed(doc, child.left_edge.i, _clause_end(child)))
    if verb.dep_ in ("parataxis", "ccomp") and verb.head.i < verb.i:
        # "…, Iraqi security officials said.": the report is what comes before the cue clause.
        sentence = verb.sent
        tail = doc[verb.right_edge.i + 1 : sentence.end]
        if all(t.is_punct or t.is_space for t in tail):
            return _balanced(doc, _trimmed(doc, sentence.start, verb.left_edge.i))
    if verb.dep_ == "parataxis" and verb.head.i > verb.i:
        # "In any case, Mr. DiPietro said, the industry was over-supplied": the whole sentence.
        sentence = verb.sent
        return _balanced(doc, _trimmed(doc, sentence.start, sentence.end))
    return None


def _clause_end(head: Token) -> int:
    """The token end of a clause, before a ', but …' conjunct or a ', which …' aside."""
    end = head.right_edge.i + 1
    for child in head.rights:
        if child.dep_ == "conj" and any(c.dep_ == "cc" and c.lower_ == "but" for c in head.rights):
            end = min(end, child.left_edge.i)
        if child.dep_ == "relcl" and child.left_edge.lower_ in ("which", "who"):
            end = min(end, child.left_edge.i)
    doc = head.doc
    for child in head.subtree:
        if (
            child.dep_ == "relcl"
            and child.left_edge.lower_ == "which"
            and doc[child.left_edge.i - 1].text == ","
        ):
            end = min(end, child.left_edge.i)
    return max(end, head.i + 1)


def _balanced(doc: Doc, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """A span that opens a quotation inside it reaches to its closing mark (in the paragraph)."""
    if span is None:
        return None
    start, end = span
    text = doc_text(doc)
    for q in find_quoted(text[start : end + 400]):
        if (
            q.start < end - start < q.end
            and q.closed
            and "\n" not in text[start + q.start : start + q.end]
        ):
            return start, start + q.end
    return span


def _according_to(doc: Doc, according: Token) -> _Candidate | None:
    to = doc[according.i + 1]
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects:
        return None
    source = objects[0]
    sentence = according.sent
    phrase_start, phrase_end = according.i, max(source.right_edge.i + 1, to.i + 1)
    before = _trimmed(doc, sentence.start, phrase_start)
    after = _trimmed(doc, phrase_end, sentence.end)
    content: tuple[int, int] | None = before or after
    if before is not None and after is not None:
        content = (before[0], after[1])
    if content is None:
        return None
    cue = doc_text(doc)[according.idx : to.idx + len(to.text)]
    return _Candidate(content[0], content[1], False, cue, according.i, source.i)


def _trimmed(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The character span of tokens [start, end) without edge punctuation (quote marks kept)."""
    while start < end and _edge_junk(doc[start]):
        start += 1
    while end > start and _edge_junk(doc[end - 1]):
        end -= 1
    if end <= start:
        return None
    span = doc[start:end]
    text = span.text
    if "\n" in text:
        # A clause never crosses a paragraph: keep the part holding its first words.
        cut = text.index("\n")
        if cut == 0:
            return None
        return span.start_char, span.start_char + len(text[:cut].rstrip())
    return span.start_char, span.end_char


def _edge_junk(token: Token) -> bool:
    return token.is_space or (token.is_punct and token.text[:1] not in _QUOTE_CHARS)


def _resolve(
    doc: Doc, actors: Sequence[ActorMention], candidates: Sequence[_Candidate], *, article_id: str
) -> list[Found]:
    ctx = SpeakerContext.build(doc, actors)
    recent: list[Resolved] = []
    by_direct_index: dict[int, Resolved] = {}
    direct_seen: list[_Candidate] = [c for c in candidates if c.direct]
    direct_index = {id(c): i for i, c in enumerate(direct_seen)}
    out: list[Found] = []
    seen: set[tuple[int, int]] = set()
    for c in candidates:
        if (c.start, c.end) in seen:
            continue
        seen.add((c.start, c.end))
        resolved: Resolved | None = None
        if c.subject is not None:
            resolved = resolve_speaker(ctx, doc[c.subject], recent=recent)
        elif c.follows is not None:
            resolved = by_direct_index.get(_direct_position(direct_seen, c.follows))
        if c.direct and resolved is not None:
            by_direct_index[direct_index[id(c)]] = resolved
        if resolved is not None:
            recent.append(resolved)
        quote = Quote(
            quote_id(article_id, c.start, c.end),
            article_id,
            doc_text(doc)[c.start : c.end],
            c.start,
            c.end,
            c.direct,
            c.cue,
            resolved.speaker if resolved is not None else None,
        )
        out.append(Found(quote, c.joins_previous, c.span))
    return out


def _direct_position(direct_seen: Sequence[_Candidate], follows: int) -> int:
    return follows if follows < len(direct_seen) else len(direct_seen) - 1
