"""Descriptive actors: a sector noun and the words around it ("Iranian-backed Shiite militias").

A head noun of the lexicon ("militias") is extended to the left over the words that modify it
(by the dependency parse where there is one): states and demonyms give the actor's state,
qualifiers and overrides its sector, a dictionary actor before a member noun ("ISIL fighters")
makes the phrase a mention of that actor, and a state plus an institution noun ("Iraq's army")
a mention of the state's generated organ (IRQ-ARMY). "of/in/from" + a state or an actor after
the noun counts too ("the army of Iraq", "militants from ISIL").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from sitroom.actors.dictionary import Actor, ActorDictionary
from sitroom.actors.lexicon import Modifier, Noun
from sitroom.actors.spans import POSSESSIVE, Candidate, HitIndex, clean_text

if TYPE_CHECKING:
    from spacy.tokens import Doc

MAX_MODIFIERS = 8
"""Modifiers before one head; bounds the work per head whatever the input."""
COLLECTIVE_GAP = 4
"""Words allowed between "a group of" and the noun it counts ("a group of heavily armed police")."""
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "npadvmod"})
WORD_POS = frozenset({"ADJ", "PROPN", "NOUN"})
NOT_HEAD_POS = frozenset({"VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "PART", "NUM"})
PEOPLE_SECTOR = "CVL"
"""A state's people ("Iraqis", "two Russians") are civilians unless the text says more."""
HYPHENS = frozenset({"-", "–", "‑"})


@dataclass(frozen=True, slots=True)
class Segment:
    """A modifier before (or after) a head noun: tokens ``start``..``end``."""

    start: int
    end: int
    kind: str
    """state, dict, demonym, place, modifier, noun, relation, origin, word or hyphen."""
    country: str | None = None
    actor: Actor | None = None
    modifier: Modifier | None = None
    noun: Noun | None = None


@dataclass(frozen=True, slots=True)
class PatternContext:
    """What the pattern layer reads: the doc, the hits, the dictionary and the date."""

    doc: Doc
    index: HitIndex
    dictionary: ActorDictionary
    year: int | None
    bounds: Sequence[tuple[int, int]]
    sentence_of: Sequence[int]


@dataclass(frozen=True, slots=True)
class Head:
    """A head noun occurrence: tokens ``start``..``end``, and a state for people nouns."""

    start: int
    end: int
    noun: Noun
    country: str | None = None


def find_descriptions(ctx: PatternContext) -> list[Candidate]:
    """Every descriptive actor in the doc, one candidate per head noun that makes one."""
    heads = find_heads(ctx)
    starts = {head.start: head for head in heads}
    extended: dict[int, int] = {}
    found: list[Candidate] = []
    for head in heads:
        inner = _counted_head(ctx, head, starts)
        if inner is not None:
            # "a group of tourists" is the tourists: the count only widens their span.
            segments = _walk_left(ctx, head.start, head.end)
            extended[inner.start] = segments[-1].start if segments else head.start
            continue
        candidate = describe(ctx, head)
        if candidate is None:
            continue
        if head.start in extended:
            candidate = replace(candidate, start=extended[head.start], bare=False)
        found.append(candidate)
    return found


def find_heads(ctx: PatternContext) -> list[Head]:
    """Head nouns: the longest lexicon noun ending at each token, when it heads its phrase."""
    doc, index, lexicon = ctx.doc, ctx.index, ctx.dictionary.lexicon
    covered: set[int] = set()
    for start, end in index.actors:
        covered.update(range(start, end))
    heads: list[Head] = []
    for end in range(1, len(doc) + 1):
        people = index.longest_ending("people", end)
        hit = index.longest_ending("noun", end)
        if people is not None and (hit is None or people.start <= hit.start):
            head = Head(
                people.start,
                end,
                Noun(doc[people.start : end].text, PEOPLE_SECTOR),
                lexicon.people[people.key],
            )
        elif hit is not None:
            head = Head(hit.start, end, lexicon.nouns[hit.key])
        else:
            continue
        if covered.intersection(range(head.start, head.end)):
            continue
        if not _heads_phrase(doc, end) and not _titles_name(doc, head):
            continue
        heads.append(head)
    return heads


@dataclass(slots=True)
class _Reading:
    """What the modifiers of one phrase say, nearest modifier first."""

    country: str | None = None
    owner: Actor | None = None
    strong: tuple[str | None, str | None] | None = None
    weak: str | None = None
    inner_institution: str | None = None
    overrides: list[Modifier] = field(default_factory=list)


def describe(ctx: PatternContext, head: Head) -> Candidate | None:
    """The descriptive actor headed by ``head``, or None when the phrase names no actor."""
    doc, noun = ctx.doc, head.noun
    sent_start, sent_end = ctx.bounds[ctx.sentence_of[head.start]]
    segments = _walk_left(ctx, head.start, head.end)
    post = _postmodifier(ctx, head.end, sent_end)
    start = segments[-1].start if segments else head.start
    end = post.end if post is not None else head.end
    definite = start > sent_start and doc[start - 1].lower_ == "the"
    if "place" in noun.flags and _after_locative(ctx, start, sent_start):
        return None
    reading = _read(ctx, [*segments, *([post] if post is not None else [])], head.country)
    country, owner = reading.country, reading.owner
    sector, sector2 = noun.sector, noun.sector2
    generic = "generic" in noun.flags
    member = "member" in noun.flags
    if generic and reading.strong is not None:
        sector, sector2 = reading.strong
    elif generic and reading.weak is not None and owner is None:
        sector = reading.weak
    actor: Actor | None = None
    igo: str | None = None
    if owner is not None and member:
        actor = owner
    elif owner is not None:
        country, igo = country or owner.at(ctx.year).country, owner.igo
    if actor is None and country is not None:
        key = noun.institution or (reading.inner_institution if member or generic else None)
        if key is not None:
            actor = ctx.dictionary.institution(country, key)
    if actor is not None:
        standing = actor.at(ctx.year)
        country, sector, sector2, igo = (
            standing.country,
            standing.sector,
            standing.sector2,
            standing.igo,
        )
    for modifier in reversed(reading.overrides):
        if modifier.keep:
            # "a former CIA official" is no longer the CIA's.
            actor, sector2, sector = None, sector, modifier.sector
        else:
            sector = modifier.sector
    bare = not segments and post is None
    # A bare "the group" says nothing alone but may name an organisation nearby (coref).
    epithet = definite and "group" in noun.flags
    unmodified = bare and ("modified" in noun.flags or (generic and sector is None))
    unknown = actor is None and sector is None and country is None and igo is None
    if (unmodified or unknown) and not epithet:
        return None
    text = clean_text(doc[start:end])
    return Candidate(
        start,
        end,
        "pattern",
        actor.name if actor is not None else _name(ctx, start, end, text),
        actor=actor,
        country=country,
        sector=sector,
        sector2=sector2,
        igo=igo,
        pattern=noun.pattern,
        head=noun,
        definite=definite,
        bare=bare,
    )


def _read(ctx: PatternContext, segments: Sequence[Segment], country: str | None) -> _Reading:
    """Sum up the modifiers: the nearest state, owner and qualifier win."""
    reading = _Reading(country)
    for segment in segments:
        if segment.kind in ("state", "demonym", "place", "origin"):
            reading.country = reading.country or segment.country
        elif segment.kind == "dict" and segment.actor is not None:
            if segment.actor.kind == "person":
                reading.country = reading.country or segment.actor.at(ctx.year).country
            elif reading.owner is None:
                reading.owner = segment.actor
        elif segment.kind == "modifier" and segment.modifier is not None:
            modifier = segment.modifier
            if modifier.kind == "override":
                reading.overrides.append(modifier)
            elif modifier.weak:
                reading.weak = reading.weak or modifier.sector
            elif reading.strong is None:
                reading.strong = (modifier.sector, None)
        elif segment.kind == "noun" and segment.noun is not None:
            if reading.strong is None and segment.noun.sector is not None:
                reading.strong = (segment.noun.sector, segment.noun.sector2)
            reading.inner_institution = reading.inner_institution or segment.noun.institution
    return reading


def _name(ctx: PatternContext, start: int, end: int, text: str) -> str:
    """A descriptive actor's name: its phrase without leading quantifiers ("dozens of")."""
    skip = ctx.dictionary.lexicon.word_set("skip")
    while start < end and ctx.doc[start].lower_ in skip:
        start += 1
    return clean_text(ctx.doc[start:end]) if start < end else text


def _heads_phrase(doc: Doc, end: int) -> bool:
    """True when the token before ``end`` heads its noun phrase (is not a modifier of a noun)."""
    token = doc[end - 1]
    if token.pos_ in NOT_HEAD_POS:
        return False
    if end < len(doc):
        following = doc[end]
        if doc.has_annotation("DEP"):
            if token.dep_ in ("compound", "amod", "nmod") and token.head.i >= end:
                return False
        elif following.pos_ in ("NOUN", "PROPN"):
            return False
    return True


def _titles_name(doc: Doc, head: Head) -> bool:
    """True for a title noun written before a name ("Prime Minister Nuri al-Maliki")."""
    if "title" not in head.noun.flags or head.end >= len(doc):
        return False
    following = doc[head.end]
    return following.is_title and following.pos_ == "PROPN"


def _counted_head(ctx: PatternContext, head: Head, starts: dict[int, Head]) -> Head | None:
    """For "a group of X", the head X that the collective noun counts."""
    doc = ctx.doc
    if "collective" not in head.noun.flags or head.end >= len(doc) or doc[head.end].lower_ != "of":
        return None
    limit = min(len(doc), head.end + 2 + COLLECTIVE_GAP)
    for i in range(head.end + 1, limit):
        if i in starts:
            return starts[i]
        if doc[i].pos_ not in ("DET", "NUM", "ADJ", "ADV") and not doc[i].like_num:
            return None
    return None


def _walk_left(ctx: PatternContext, start: int, phrase_end: int) -> list[Segment]:
    """The modifiers before a head, nearest first, up to the sentence start."""
    sent_start = ctx.bounds[ctx.sentence_of[start]][0]
    segments: list[Segment] = []
    i = start - 1
    while i >= sent_start and len(segments) < MAX_MODIFIERS:
        segment = _segment_ending(ctx, i, sent_start)
        if segment is None:
            break
        if segment.kind != "hyphen" and not _attaches(ctx.doc, segment, phrase_end, start):
            break
        segments.append(segment)
        i = segment.start - 1
    while segments and segments[-1].kind == "hyphen":
        segments.pop()
    return segments


def _segment_ending(ctx: PatternContext, i: int, floor: int) -> Segment | None:
    doc = ctx.doc
    token = doc[i]
    if token.is_space or token.lower_ in ctx.dictionary.lexicon.word_set("skip"):
        return None
    if token.text in HYPHENS and _attached(doc, i, floor):
        return Segment(i, i + 1, "hyphen")
    if token.lower_ in POSSESSIVE and (token.tag_ == "POS" or token.dep_ == "case"):
        inner = _core(ctx, i - 1, floor) if i - 1 >= floor else None
        return replace(inner, end=i + 1) if inner is not None else None
    return _core(ctx, i, floor)


def _core(ctx: PatternContext, i: int, floor: int) -> Segment | None:
    """The longest modifier ending at token ``i``: an actor, a demonym, a place, a word."""
    doc, index, lexicon = ctx.doc, ctx.index, ctx.dictionary.lexicon
    end = i + 1
    options: list[Segment] = []
    found = index.actor_ending(end)
    if found is not None:
        actor_hit, actor = found
        kind = "state" if actor.kind == "state" else "dict"
        options.append(Segment(actor_hit.start, end, kind, actor.country, actor))
    for category in ("demonym", "place"):
        named = index.longest_ending(category, end)
        if named is not None:
            table = lexicon.demonyms if category == "demonym" else lexicon.places
            options.append(Segment(named.start, end, category, table[named.key]))
    word = index.longest_ending("modifier", end)
    if word is not None:
        modifier = lexicon.modifiers[word.key]
        if modifier.kind in ("relation", "origin"):
            joined = _joined_left(ctx, word.start, floor)
            if joined is not None:
                country = joined.country if modifier.kind == "origin" else None
                options.append(Segment(joined.start, end, modifier.kind, country))
        else:
            options.append(Segment(word.start, end, "modifier", modifier=modifier))
    noun = index.longest_ending("noun", end)
    if noun is not None:
        options.append(Segment(noun.start, end, "noun", noun=lexicon.nouns[noun.key]))
    if options:
        # Longest first; on a tie the order above (actors before words) decides.
        return min(options, key=lambda s: s.start - end)
    token = doc[i]
    participle = token.tag_ in ("VBN", "VBG") and token.dep_ == "amod"
    if (token.pos_ in WORD_POS or participle) and not token.is_punct and not token.is_space:
        return Segment(i, end, "word")
    return None


def _joined_left(ctx: PatternContext, start: int, floor: int) -> Segment | None:
    """For "Iranian-backed", the modifier that the hyphen before ``start`` joins on."""
    hyphen = start - 1
    if hyphen - 1 < floor or ctx.doc[hyphen].text not in HYPHENS:
        return None
    if not _attached(ctx.doc, hyphen, floor):
        return None
    return _core(ctx, hyphen - 1, floor)


def _attached(doc: Doc, i: int, floor: int) -> bool:
    """True when the hyphen at ``i`` joins two words ("Iranian-backed"), with no space."""
    return (
        i - 1 >= floor
        and i + 1 < len(doc)
        and not doc[i - 1].whitespace_
        and not doc[i].whitespace_
    )


def _attaches(doc: Doc, segment: Segment, phrase_end: int, head_start: int) -> bool:
    """True when the parse attaches the segment to the phrase on its right.

    A name right before the head ("IS fighters") is trusted over a parse that says otherwise,
    unless a preposition governs it ("in Iraq police said").
    """
    if not doc.has_annotation("DEP"):
        return True
    outward = [
        t for t in doc[segment.start : segment.end] if not segment.start <= t.head.i < segment.end
    ]
    if not outward:
        return True
    for token in outward:
        if segment.end <= token.head.i < phrase_end:
            return True
        if segment.kind != "word" and token.dep_ in MODIFIER_DEPS:
            return True
    named = segment.kind in ("dict", "state", "demonym", "place")
    before = doc[segment.start - 1] if segment.start > 0 else None
    governed = before is not None and before.pos_ == "ADP"
    return named and segment.end == head_start and not governed


def _postmodifier(ctx: PatternContext, end: int, sent_end: int) -> Segment | None:
    """A state, place or actor after of/in/from right after the head ("officials in Iraq")."""
    doc, index = ctx.doc, ctx.index
    if end >= sent_end or doc[end].lower_ not in ctx.dictionary.lexicon.word_set("postmod"):
        return None
    j = end + 1
    if j < sent_end and doc[j].lower_ == "the":
        j += 1
    if j >= sent_end:
        return None
    found = index.actor_starting(j)
    if found is not None:
        hit, actor = found
        if hit.end < len(doc) and doc[hit.end].lower_ in POSSESSIVE:
            # "the commander of Iran's Quds Force": Iran is not what the noun belongs to.
            return None
        kind = "state" if actor.kind == "state" else "dict"
        return Segment(end, hit.end, kind, actor.country, actor)
    place = index.longest_starting("place", j)
    if place is not None:
        return Segment(end, place.end, "place", ctx.dictionary.lexicon.places[place.key])
    return None


def _after_locative(ctx: PatternContext, start: int, sent_start: int) -> bool:
    """True when a preposition of place comes before the phrase ("at a hospital")."""
    i = start - 1
    doc = ctx.doc
    while i >= sent_start and doc[i].pos_ == "DET":
        i -= 1
    return i >= sent_start and doc[i].lower_ in ctx.dictionary.lexicon.word_set("locative")
