"""Finding quotes: direct ones by their marks, partial ones, indirect and "according to" reports."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitroom.nlp import doc_text
from sitroom.quotes.candidate import Candidate, is_cue_verb, subject
from sitroom.quotes.cues import CueLexicon, load_cues
from sitroom.quotes.indirect import headline_candidates, indirect_candidates
from sitroom.quotes.marks import Quoted, find_quoted
from sitroom.quotes.spans import (
    QUOTE_CHARS,
    balanced,
    clause_end,
    clause_start,
    opens_quote,
    same_paragraph,
    trimmed,
)
from sitroom.quotes.speaker import Resolved, SpeakerContext, resolve_speaker
from sitroom.records import ActorMention, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

WINDOW_AFTER = 8
"""Tokens looked at after a closing mark for '"…," X said' (the speaker may be a long name)."""
TITLE_WORDS = 6
"""The most words of a quoted title ('"Meet the Press"') told apart from a quote."""
WINDOW_BEFORE = 14
"""Tokens looked at before an opening mark for 'X said: "…"'."""
_TITLE_SMALL_WORDS = frozenset(
    {"a", "an", "and", "at", "for", "in", "of", "on", "the", "to", "with"}
)
_SENTENCE_END = frozenset({".", "?", "!", ";"})
_SENTENCE_BREAK = re.compile(r"[.!?;:]['\"”’)]*\s+")


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
    # A cue inside quoted words is the quoted speaker's own report, which attribution corpora
    # leave inside the outer quote rather than marking as an attribution of its own.
    quoted = [q.inner for q in find_quoted(doc_text(doc))]
    quoted_spans = [(c.start, c.end) for c in direct]
    indirect = [
        c
        for c in indirect_candidates(doc, lexicon, used) + headline_candidates(doc)
        if (c.cue_token is None or not _inside(doc[c.cue_token].idx, quoted))
        and not any(s <= c.start and c.end <= e for s, e in quoted_spans)
    ]
    return _resolve(doc, actors, sorted(direct + indirect, key=_order), article_id=article_id)


def quote_id(article_id: str, start: int, end: int) -> str:
    """A short id, stable for one article and span."""
    digest = hashlib.sha1(f"{article_id}:{start}:{end}".encode()).hexdigest()
    return "q_" + digest[:12]


def _inside(char: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start <= char < end for start, end in spans)


def _order(c: Candidate) -> tuple[int, int]:
    return c.start, c.end


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span[0]


def _direct_candidates(doc: Doc, lexicon: CueLexicon) -> list[Candidate]:
    text = doc_text(doc)
    found: list[Candidate] = []
    speech = frozenset({"speech"})
    for q in find_quoted(text):
        first, last = _token_at(doc, q.inner_start), _token_at(doc, q.inner_end - 1)
        if first is None or last is None or _title(doc, q, first):
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
                Candidate(
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


def _title(doc: Doc, q: Quoted, first: Token) -> bool:
    """'told Fox News' "Hannity,"', 'said on "Meet the Press"': a quoted title, not a quote."""
    words = doc_text(doc)[q.inner_start : q.inner_end].rstrip(",.").split()
    if not 0 < len(words) <= TITLE_WORDS or first.i == 0:
        return False
    if not all(w[:1].isupper() or w[:1].isdigit() or w in _TITLE_SMALL_WORDS for w in words):
        return False
    before = doc[first.i - 2] if first.i >= 2 else doc[first.i - 1]
    return before.pos_ in ("ADP", "PROPN") or before.tag_ == "POS" or before.text in ("’s", "'s")


def _direct(
    q: Quoted, cue: Token, *, span: tuple[int, int] | None = None, joins: bool = False
) -> Candidate:
    speaker = subject(cue)
    return Candidate(
        q.inner_start,
        q.inner_end,
        True,
        cue.text,
        cue.i,
        speaker.i if speaker is not None else None,
        joins_previous=joins,
        span=span,
    )


def _sentence_lead(doc: Doc, first: Token, q: Quoted) -> int:
    """Where a quote attributed after it starts: its mark, or the words opening its sentence.

    'Sooner or later, "…," he said' is one attribution from 'Sooner'; the sentence is read off
    the text, since the parser often starts a sentence at a quotation mark.
    """
    text = doc_text(doc)
    paragraph_start = text.rfind("\n", 0, q.start) + 1
    before = text[paragraph_start : q.start]
    ends = list(_SENTENCE_BREAK.finditer(before))
    start = paragraph_start + (ends[-1].end() if ends else 0)
    lead = text[start : q.start]
    if not lead.strip() or any(c in QUOTE_CHARS for c in lead):
        return q.start
    return start + len(lead) - len(lead.lstrip())


def _clause_lead(doc: Doc, cue: Token, first: Token, q: Quoted) -> tuple[int, int]:
    """'X said that once …, "…" for Y': the reported clause around the quotation marks."""
    for child in cue.children:
        if (
            child.dep_ == "ccomp"
            and cue.i < child.left_edge.i <= first.i
            and same_paragraph(doc, cue.i, first.i)
        ):
            span = balanced(doc, trimmed(doc, clause_start(child), clause_end(child)))
            if span is not None and span[0] < q.start:
                return span[0], max(span[1], q.end)
            if span is not None and span[0] == q.start:
                return _parenthetical_lead(doc, cue, q), max(span[1], q.end)
    return _parenthetical_lead(doc, cue, q), q.end


def _parenthetical_lead(doc: Doc, cue: Token, q: Quoted) -> int:
    """'Sooner or later, the mayor said, "it …"': the sentence the cue interrupts starts the quote.

    The quote must go on in lower case: 'In a statement, the mayor said, "We …"' is a quote of
    its own after an opening phrase.
    """
    text = doc_text(doc)
    if (
        not text[: q.start].rstrip().endswith(",")
        or not text[q.inner_start : q.inner_start + 1].islower()
    ):
        return q.start
    speaker = subject(cue)
    first = min(cue.i, speaker.left_edge.i) if speaker is not None else cue.i
    at = doc[first].idx
    if not text[:at].rstrip().endswith(","):
        return q.start
    lead = _sentence_lead(doc, doc[first], Quoted(at, q.end, q.inner_start, q.inner_end, True))
    return lead if lead < at else q.start


def _object_span(doc: Doc, cue: Token, q: Quoted) -> tuple[int, int]:
    """'called the advance an "existential threat" for Iraq': the verb's objects, quote included."""
    right = [
        c
        for c in cue.children
        if c.i > cue.i and not c.is_punct and c.dep_ not in ("cc", "conj", "advcl", "punct")
    ]
    if not right:
        return q.start, q.end
    span = balanced(doc, trimmed(doc, right[0].left_edge.i, right[-1].right_edge.i + 1))
    if span is None or span[0] > q.start:
        return q.start, q.end
    return span[0], max(span[1], q.end)


def _continues(text: str, previous: Candidate, q: Quoted) -> bool:
    """True when ``q`` goes on with the previous quote, in the same or the next paragraph."""
    between = text[previous.end : q.start]
    if between.count("\n") > 2 or len(between) > 300:
        return False
    if "\n" in between:
        # A new paragraph must open with the quote, as a continued quote is written.
        return not between.rsplit("\n", 1)[1].strip()
    # In the paragraph it opens a sentence or follows '…, he said,'; a quote inside another
    # clause ('adding that the judge was "biased"') is a partial quote of that clause.
    opens = between.rstrip()[-1:] in (".", "!", "?", ",", ":", ";")
    return opens and (previous.cue_token is not None or previous.follows is not None)


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
        if "\n" in token.text or token.text in _SENTENCE_END or token.text[:1] in QUOTE_CHARS:
            return None
        if is_cue_verb(token, lexicon, kinds) and not _has_clause(token, after=True):
            return token
    return None


def _cue_before(
    doc: Doc, q: Quoted, first: Token, lexicon: CueLexicon, kinds: frozenset[str]
) -> Token | None:
    before = doc_text(doc)[max(0, q.start - 3) : q.start].rstrip()
    if not before or before[-1] not in ":,":
        prev = doc[first.i - 2] if first.i >= 2 else None
        if prev is None or not (is_cue_verb(prev, lexicon, kinds) or prev.lower_ == "that"):
            return None
    start = max(0, first.i - WINDOW_BEFORE)
    for token in reversed(doc[start : first.i]):
        if token.idx >= q.start:
            continue
        if "\n" in token.text or token.text in _SENTENCE_END or token.text[:1] in QUOTE_CHARS:
            return None
        if is_cue_verb(token, lexicon, kinds):
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
        if is_cue_verb(token, lexicon, frozenset({"naming", "speech"})):
            return token
    return None


def _has_clause(token: Token, *, after: bool) -> bool:
    """True when the verb has its own reported clause after it ('"…" He said he would go').

    A clause opening with a quotation mark is the second half of '"A," he said, "B"', not one.
    """
    return any(
        c.dep_ == "ccomp" and (c.i > token.i) == after and not (after and opens_quote(c.left_edge))
        for c in token.children
    )


def _resolve(
    doc: Doc, actors: Sequence[ActorMention], candidates: Sequence[Candidate], *, article_id: str
) -> list[Found]:
    ctx = SpeakerContext.build(doc, actors)
    recent: list[Resolved] = []
    by_direct_index: dict[int, Resolved] = {}
    direct_seen: list[Candidate] = [c for c in candidates if c.direct]
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


def _direct_position(direct_seen: Sequence[Candidate], follows: int) -> int:
    return follows if follows < len(direct_seen) else len(direct_seen) - 1
