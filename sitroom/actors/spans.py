"""Candidate actor spans and the index of matcher hits that the finding stages share."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

from sitroom.actors.dictionary import Actor
from sitroom.actors.lexicon import Noun
from sitroom.actors.matcher import Hit

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

PRIORITY: Mapping[str, int] = MappingProxyType(
    {"person": 0, "dictionary": 1, "state": 1, "acronym": 2, "pattern": 3, "name": 4}
)
"""Which candidate wins when two overlapping ones are equally long (lower wins)."""
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible actor mention over tokens ``start``..``end`` (exclusive).

    ``kind`` is dictionary, state (a country named as an actor), pattern (a descriptive
    phrase), person (a name found by its title, honorific or surname), acronym (an acronym
    defined in the article) or name (a person named by the NER model). ``key`` groups the
    mentions of actors the dictionary does not know (people, acronyms) before coreference.
    """

    start: int
    end: int
    kind: str
    name: str
    actor: Actor | None = None
    country: str | None = None
    sector: str | None = None
    sector2: str | None = None
    igo: str | None = None
    title: str | None = None
    pattern: str | None = None
    head: Noun | None = None
    definite: bool = False
    bare: bool = False
    role: str | None = None
    key: str | None = None

    @property
    def length(self) -> int:
        """How many tokens the candidate covers."""
        return self.end - self.start

    def overlaps(self, other: Candidate) -> bool:
        """True when the two candidates share a token."""
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class HitIndex:
    """Matcher hits by category and boundary, the longest first; dictionary hits resolved."""

    ending: Mapping[tuple[str, int], tuple[Hit, ...]]
    starting: Mapping[tuple[str, int], tuple[Hit, ...]]
    actors: Mapping[tuple[int, int], Actor] = field(default_factory=dict)
    """The actor chosen for each alias hit, by (start, end)."""

    @classmethod
    def build(cls, hits: Sequence[Hit], actors: Mapping[tuple[int, int], Actor]) -> HitIndex:
        """Index ``hits``; ``actors`` gives the actor resolved for each alias hit."""
        ending: dict[tuple[str, int], list[Hit]] = {}
        starting: dict[tuple[str, int], list[Hit]] = {}
        for hit in hits:
            ending.setdefault((hit.category, hit.end), []).append(hit)
            starting.setdefault((hit.category, hit.start), []).append(hit)
        return cls(
            {k: tuple(sorted(v, key=lambda h: h.start)) for k, v in ending.items()},
            {k: tuple(sorted(v, key=lambda h: -h.end)) for k, v in starting.items()},
            dict(actors),
        )

    def longest_ending(self, category: str, end: int) -> Hit | None:
        """The longest hit of ``category`` that ends at token ``end`` (exclusive)."""
        found = self.ending.get((category, end))
        return found[0] if found else None

    def longest_starting(self, category: str, start: int) -> Hit | None:
        """The longest hit of ``category`` that starts at token ``start``."""
        found = self.starting.get((category, start))
        return found[0] if found else None

    def actor_ending(self, end: int) -> tuple[Hit, Actor] | None:
        """The longest resolved dictionary hit ending at ``end``, with its actor."""
        for hit in self.ending.get(("alias", end), ()):
            actor = self.actors.get((hit.start, hit.end))
            if actor is not None:
                return hit, actor
        return None

    def actor_starting(self, start: int) -> tuple[Hit, Actor] | None:
        """The longest resolved dictionary hit starting at ``start``, with its actor."""
        for hit in self.starting.get(("alias", start), ()):
            actor = self.actors.get((hit.start, hit.end))
            if actor is not None:
                return hit, actor
        return None


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) token bounds of each sentence, or of the whole doc without a parse."""
    if doc.has_annotation("SENT_START"):
        return [(s.start, s.end) for s in doc.sents]
    return [(0, len(doc))]


def sentence_index(doc: Doc, bounds: Sequence[tuple[int, int]]) -> list[int]:
    """The sentence number of every token."""
    index = [0] * len(doc)
    for number, (start, end) in enumerate(bounds):
        for i in range(start, end):
            index[i] = number
    return index


def clean_text(span: Span) -> str:
    """A span's text on one line, runs of white space as one space."""
    return " ".join(span.text.split())
