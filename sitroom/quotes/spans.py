"""Span helpers of the quote finder: trimming, clause edges, paragraphs and quotation balance."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitroom.nlp import doc_text
from sitroom.quotes.marks import find_quoted

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

QUOTE_CHARS = frozenset("\"“”„«»'‘’`")
"""Characters that open or close a quotation (straight, curly, guillemets, backtick)."""


def trimmed(doc: Doc, start: int, end: int, *, anchor: int | None = None) -> tuple[int, int] | None:
    """The character span of tokens [start, end) without edge punctuation (quote marks kept).

    A clause never crosses a paragraph: only the paragraph holding ``anchor`` (the cue, or by
    default the first words) is kept, as the parser sometimes runs a sentence across one.
    """
    while start < end and _edge_junk(doc[start]):
        start += 1
    if start >= end:
        return None
    at = start if anchor is None else min(max(anchor, start), end - 1)
    for i in range(at, start - 1, -1):
        if "\n" in doc[i].text:
            start = i + 1
            break
    for i in range(at, end):
        if "\n" in doc[i].text:
            end = i
            break
    while start < end and _edge_junk(doc[start]):
        start += 1
    while end > start and _edge_junk(doc[end - 1]) and not _closes(doc, start, end - 1):
        end -= 1
    if end <= start:
        return None
    span = doc[start:end]
    return span.start_char, span.end_char


def _edge_junk(token: Token) -> bool:
    # A percent sign is part of its number ('39%'), not punctuation around a clause.
    return token.is_space or (
        token.is_punct and token.text[:1] not in QUOTE_CHARS and token.text not in ("%", "?")
    )


def _closes(doc: Doc, start: int, last: int) -> bool:
    """True when token ``last`` is a bracket closing one opened in the span ('(D-Wash.)')."""
    return doc[last].text == ")" and any(t.text == "(" for t in doc[start:last])


def balanced(doc: Doc, span: tuple[int, int] | None) -> tuple[int, int] | None:
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


def clause_start(head: Token) -> int:
    """Where a reported clause starts: at its 'that' when words the parser hung on it come first.

    'said in a statement that …' and 'said Tuesday that …' report only what follows 'that'.
    """
    for child in head.children:
        if child.dep_ == "mark" and child.lower_ == "that" and child.i > head.left_edge.i:
            return child.i
    return head.left_edge.i


def clause_end(head: Token) -> int:
    """The token end of a clause, before a ', which …' aside or a ', according to …'."""
    end = head.right_edge.i + 1
    doc = head.doc
    for token in doc[head.i + 1 : end]:
        if token.lower_ in _ADJUNCTS and doc[token.i - 1].text == ",":
            end = min(end, token.i - 1)
    for child in head.subtree:
        if (
            child.dep_ == "relcl"
            and child.left_edge.lower_ in ("which", "who")
            and doc[child.left_edge.i - 1].text in (",", "—", "–", "--")
            and child.right_edge.i + 2 >= end
        ):
            # A trailing ', which …' or ', who …' aside; one inside the clause stays.
            end = min(end, child.left_edge.i)
    return max(end, head.i + 1)


# ', according to …' inside a report is a second report's cue, not part of the first.
_ADJUNCTS = frozenset({"according"})


def same_paragraph(doc: Doc, a: int, b: int) -> bool:
    """True when no paragraph break lies between tokens ``a`` and ``b``."""
    return not any("\n" in t.text for t in doc[min(a, b) : max(a, b) + 1])


def opens_quote(token: Token) -> bool:
    """True when ``token`` is, or directly follows, an opening quotation mark."""
    before = token.doc[token.i - 1] if token.i > 0 else token
    return token.text[:1] in QUOTE_CHARS or before.text[:1] in QUOTE_CHARS
