"""What the parsed sentence says about a candidate: its tense, and whether it is part of a name."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from sitroom.dates.lexicon import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Tense = Literal["past", "perfect", "present", "future", "unknown"]
"""A clause's tense as date resolution needs it. "perfect" (has taken) counts as past;
"present" (is investigating) as unknown: news reports past events in the present ("Police are
investigating a shooting Saturday"), so only "until" turns it to the future."""

NAME_LABELS = frozenset(
    {"ORG", "PERSON", "WORK_OF_ART", "FAC", "EVENT", "PRODUCT", "LAW", "NORP", "GPE", "LOC"}
)
"""Entity labels of names that may contain a month, weekday or season ("the Sunday Times")."""
PAST_AUXILIARIES = frozenset({"had", "'d", "was", "were", "did"})
PERFECT_AUXILIARIES = frozenset({"has", "have", "'ve"})
PRESENT_AUXILIARIES = frozenset({"is", "are", "am", "'s", "'re", "'m"})
HEADLINE_ENDINGS = frozenset({".", "!", "?", '"', "”", "'", "’", "''", ")", ":", ";", "…"})
"""A sentence ending in one of these is body text; one ending otherwise is a headline."""
SENTENCE_OPENERS = frozenset({".", "!", "?", ":", ";", '"', "“", "”", "'", "‘", "(", "-", "—"})


@dataclass(frozen=True, slots=True)
class DocContext:
    """A spaCy ``Doc`` with an index from character offsets to tokens."""

    doc: Doc
    text: str
    starts: tuple[int, ...]
    names: tuple[tuple[int, int], ...]
    name_starts: tuple[int, ...]
    has_parse: bool
    has_tags: bool
    has_sentences: bool

    @classmethod
    def of(cls, doc: Doc) -> DocContext:
        """Index ``doc`` once; every later look-up is a binary search."""
        names = tuple(
            (ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in NAME_LABELS
        )
        # Doc.text and Doc.has_annotation walk the whole document: read them once here.
        return cls(
            doc,
            doc.text,
            tuple(token.idx for token in doc),
            names,
            tuple(s for s, _ in names),
            doc.has_annotation("DEP"),
            doc.has_annotation("TAG"),
            doc.has_annotation("DEP") or doc.has_annotation("SENT_START"),
        )

    def tokens(self, start: int, end: int) -> list[Token]:
        """The tokens overlapping the characters ``start:end``."""
        first = max(bisect.bisect_right(self.starts, start) - 1, 0)
        last = bisect.bisect_left(self.starts, end)
        return [
            self.doc[i] for i in range(first, last) if self.doc[i].idx + len(self.doc[i]) > start
        ]

    def before(self, start: int) -> Token | None:
        """The last non-space token ending at or before ``start``."""
        index = bisect.bisect_left(self.starts, start) - 1
        while index >= 0:
            token = self.doc[index]
            if token.idx + len(token) <= start and not token.is_space:
                return token
            index -= 1
        return None

    def after(self, end: int) -> Token | None:
        """The first non-space token starting at or after ``end``."""
        index = bisect.bisect_left(self.starts, end)
        while index < len(self.starts):
            token = self.doc[index]
            if not token.is_space:
                return token
            index += 1
        return None

    def sentence_bounds(self, start: int) -> tuple[int, int]:
        """The character bounds of the sentence holding ``start`` (its line, without a parse)."""
        text = self.text
        tokens = self.tokens(start, start + 1)
        if tokens and self.has_sentences:
            sentence = tokens[0].sent
            return sentence.start_char, sentence.end_char
        first = text.rfind("\n", 0, start) + 1
        last = text.find("\n", start)
        return first, len(text) if last < 0 else last

    def in_longer_name(self, start: int, end: int) -> bool:
        """True when a named entity (not a date) covers the span and reaches beyond it."""
        # Entities do not overlap one another, so only the one starting last at or before the
        # span's start and the one starting last before its end can reach beyond it.
        starts = self.name_starts
        indices = {bisect.bisect_right(starts, start) - 1, bisect.bisect_left(starts, end) - 1}
        for index in indices:
            if index < 0:
                continue
            s, e = self.names[index]
            if s < end and start < e and (s < start or e > end):
                return True
        return False

    def capitalised_neighbour(
        self, start: int, end: int, *, temporal: frozenset[str], licensing: frozenset[str]
    ) -> bool:
        """True when a capitalised word right after the span makes it part of a name.

        "the Sunday Times", "the Tuesday Group", "April Glaspie": a capitalised word right after
        the span (on the same line, mid-sentence), unless that word is itself temporal ("Sunday
        June 15", "UTC") or the span follows a licensing word ("on Sunday Iraqi troops ...").
        Names whose temporal word comes last ("Black Monday") are listed in the lexicon.
        """
        before = self.before(start)
        licensed = before is not None and before.lower_ in licensing
        following = self.after(end)
        text = self.text
        return (
            following is not None
            and not licensed
            and not self.starts_sentence_at(start)
            and _capitalised(following)
            and following.lower_ not in temporal
            and text[end : following.idx].strip(" ") == ""
        )

    def starts_sentence_at(self, start: int) -> bool:
        """True when the token at character ``start`` opens a sentence (or a line)."""
        tokens = self.tokens(start, start + 1)
        return not tokens or self.starts_sentence(tokens[0])

    def starts_sentence(self, token: Token) -> bool:
        """True when ``token`` opens a sentence: first, after a full stop, quote or line break."""
        if token.i == 0:
            return True
        if token.is_sent_start:
            return True
        previous = self.doc[token.i - 1]
        return (
            previous.is_space or "\n" in previous.whitespace_ or previous.text in SENTENCE_OPENERS
        )

    def tense(self, start: int, end: int, *, lexicon: Lexicon) -> Tense:
        """The tense of the clause the span belongs to: past, future, or unknown.

        With a dependency parse, the span's governing verb decides: an auxiliary "will"/"shall"
        or a head such as "expected to", "plans to", "is going to" makes it future; a past-tense
        verb, a perfect or a bare participle ("the city captured on Sunday") makes it past.
        Without a parse, a future auxiliary in the sentence makes it future, a past-tense verb
        past.
        """
        tokens = self.tokens(start, end)
        if not tokens:
            return "unknown"
        if self.has_parse:
            inside = {t.i for t in tokens}
            root = next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[0])
            verb = root
            for _ in range(8):
                if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                    break
                verb = verb.head
            if verb.pos_ in ("VERB", "AUX"):
                tense = _verb_tense(verb, lexicon)
                if tense == "present" and self._headline(verb):
                    return "unknown"  # headlines tell the past in the present: "Stocks fall"
                return tense
        return self._lexical_tense(tokens[0], lexicon)

    def _headline(self, token: Token) -> bool:
        """True when ``token``'s sentence ends without a full stop, as headlines do."""
        last = token.sent[-1]
        while last.is_space and last.i > token.sent.start:
            last = self.doc[last.i - 1]
        return last.text not in HEADLINE_ENDINGS

    def _lexical_tense(self, token: Token, lexicon: Lexicon) -> Tense:
        doc = self.doc
        if self.has_sentences:
            sentence = token.sent
            window = [t for t in sentence]
        else:
            window = [doc[i] for i in range(max(token.i - 12, 0), min(token.i + 12, len(doc)))]
        if any(t.lower_ in lexicon.future_auxiliaries for t in window):
            return "future"
        if self.has_tags and any(t.tag_ == "VBD" for t in window):
            return "past"
        return "unknown"


def _capitalised(token: Token) -> bool:
    text = token.text
    return token.is_alpha and text[:1].isupper() and not (len(text) > 1 and text.isupper())


def _verb_tense(verb: Token, lexicon: Lexicon) -> Tense:
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxiliaries}
    if words & lexicon.future_auxiliaries or verb.lower_ in lexicon.future_auxiliaries:
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries):
        return "past"
    if verb.lemma_ in lexicon.future_heads:
        return "future"  # "a hearing has been scheduled for June 3", "is expected on Friday"
    if words & PAST_AUXILIARIES:
        return "past"
    if words & PERFECT_AUXILIARIES:
        return "perfect"
    head = verb.head
    if verb.dep_ in ("xcomp", "advcl") and head.i != verb.i and head.lemma_ in lexicon.future_heads:
        head_aux = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
        if head.tag_ == "VBD" or any(
            a.tag_ == "VBD" or a.lower_ in PAST_AUXILIARIES | PERFECT_AUXILIARIES for a in head_aux
        ):
            return "unknown"
        return "future"
    if verb.tag_ == "VBN" and not auxiliaries:
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or (verb.tag_ == "VBG" and words & PRESENT_AUXILIARIES):
        return "present"
    return "unknown"
