"""Finding the actors of one article: dictionary, patterns, people, acronyms, then linking."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING

from sitroom.actors.coref import assign_entities, find_people, learn_acronyms, possessive_after
from sitroom.actors.dictionary import FORMER, Actor, ActorDictionary
from sitroom.actors.matcher import Hit, matchers_for
from sitroom.actors.patterns import PatternContext, find_descriptions
from sitroom.actors.spans import (
    POSSESSIVE,
    PRIORITY,
    Candidate,
    HitIndex,
    sentence_bounds,
    sentence_index,
)
from sitroom.records import ActorMention

if TYPE_CHECKING:
    from spacy.tokens import Doc

_YEAR = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")
MENTION_KINDS: Mapping[str, str] = MappingProxyType({"name": "person"})
"""Candidate kinds as ActorMention.kind reports them (an NER-found name is a person)."""


def find_actors(
    doc: Doc,
    dictionary: ActorDictionary,
    *,
    article_id: str,
    published: date | str | None = None,
) -> list[ActorMention]:
    """The actor mentions of a parsed article, in text order, linked into entities.

    ``published`` (a date or ISO string) dates the article: people's sectors follow the
    office they held then (Kerry is GOV in 2014); without it, the latest office counts.
    Overlapping matches: the longest wins.
    """
    ctx, chosen = analyse(doc, dictionary, year=year_of(published))
    keyed = assign_entities(ctx, chosen)
    return _mentions(doc, keyed, article_id=article_id)


def year_of(value: date | str | None) -> int | None:
    """The year of a date, or of the first year-like number in a string ("10 May 2015")."""
    if value is None:
        return None
    if isinstance(value, date):
        return value.year
    found = _YEAR.search(value)
    return int(found.group(1)) if found else None


def analyse(
    doc: Doc, dictionary: ActorDictionary, *, year: int | None
) -> tuple[PatternContext, list[Candidate]]:
    """The non-overlapping actor candidates of ``doc`` (before coreference), in text order."""
    hits = matchers_for(dictionary, doc).scan(doc)
    bounds = sentence_bounds(doc)
    sentence_of = sentence_index(doc, bounds)
    resolved = _resolve_aliases(dictionary, hits, year=year)
    actors = _drop_foreign(doc, dictionary, hits=hits, actors=resolved)
    index = HitIndex.build(hits, actors)
    ctx = PatternContext(doc, index, dictionary, year, bounds, sentence_of)
    listed = [
        _dictionary_candidate(hit, actors[(hit.start, hit.end)], year=year)
        for hit in hits
        if (hit.start, hit.end) in actors and hit.category == "alias"
    ]
    descriptions = find_descriptions(ctx)
    people = find_people(
        ctx,
        [c for c in listed if c.actor is not None and c.actor.kind == "person"],
        descriptions=descriptions,
    )
    others = [c for c in listed if c.actor is None or c.actor.kind != "person"]
    acronyms = learn_acronyms(ctx, [*others, *descriptions])
    descriptions = _owned_by_acronyms(descriptions, acronyms)
    chosen = _choose([*people, *others, *descriptions, *acronyms])
    return ctx, [c for c in chosen if not _is_place(ctx, c)]


def _owned_by_acronyms(
    descriptions: Sequence[Candidate], acronyms: Sequence[Candidate]
) -> list[Candidate]:
    """ "PRF commanders", once the article defined PRF, are the PRF's (as "ISIL fighters")."""
    starts = {a.start: a for a in acronyms if a.length == 1}
    owned = []
    for candidate in descriptions:
        acronym = starts.get(candidate.start)
        head = candidate.head
        if (
            acronym is not None
            and candidate.actor is None
            and head is not None
            and "member" in head.flags
            and acronym.end < candidate.end
        ):
            owned.append(replace(acronym, start=candidate.start, end=candidate.end))
        else:
            owned.append(candidate)
    return owned


def _dictionary_candidate(hit: Hit, actor: Actor, *, year: int | None) -> Candidate:
    standing = actor.at(year)
    return Candidate(
        hit.start,
        hit.end,
        "state" if actor.kind == "state" else "dictionary",
        actor.name,
        actor=actor,
        country=standing.country,
        sector=standing.sector,
        sector2=standing.sector2,
        igo=standing.igo,
        role=standing.role.title if standing.role is not None else None,
    )


def _resolve_aliases(
    dictionary: ActorDictionary, hits: Sequence[Hit], *, year: int | None
) -> dict[tuple[int, int], Actor]:
    """The actor each alias hit names; an alias several actors share is settled by the article.

    An actor that another, unambiguous alias names in the same article wins; then one whose
    state the article names; then one in office in the article's year; then the first listed.
    """
    found: dict[tuple[int, int], Actor] = {}
    ambiguous: list[tuple[Hit, tuple[str, ...]]] = []
    named: set[str] = set()
    countries: set[str] = set()
    for hit in hits:
        if hit.category == "demonym":
            countries.add(dictionary.lexicon.demonyms[hit.key])
        if hit.category != "alias":
            continue
        ids = dictionary.aliases.get(hit.key, ())
        if len(ids) == 1:
            actor = dictionary.actors[ids[0]]
            found[(hit.start, hit.end)] = actor
            named.add(actor.id)
            if actor.kind == "state" and actor.country:
                countries.add(actor.country)
        elif ids:
            ambiguous.append((hit, ids))
    for hit, ids in ambiguous:
        candidates = [dictionary.actors[i] for i in ids]

        def score(actor: Actor, order: int) -> tuple[int, int, int, int]:
            standing = actor.at(year)
            in_office = year is not None and standing.role is not None and standing.sector != FORMER
            return (actor.id in named, actor.country in countries, in_office, -order)

        best = max(enumerate(candidates), key=lambda pair: score(pair[1], pair[0]))[1]
        found[(hit.start, hit.end)] = best
    return found


def _drop_foreign(
    doc: Doc,
    dictionary: ActorDictionary,
    *,
    hits: Sequence[Hit],
    actors: dict[tuple[int, int], Actor],
) -> dict[tuple[int, int], Actor]:
    """Drop the dictionary reading of one state's organ named for another state.

    "Chile's Defense Department" is not the Pentagon: the pattern layer then reads the phrase
    as Chile's organ.
    """
    countries: dict[int, str] = {}
    for hit in hits:
        if hit.category == "demonym":
            countries[hit.end] = dictionary.lexicon.demonyms[hit.key]
        actor = actors.get((hit.start, hit.end))
        if actor is not None and actor.kind == "state" and actor.country:
            countries[hit.end] = actor.country
    kept = {}
    for (start, end), actor in actors.items():
        before = start - 1 if start > 0 and doc[start - 1].lower_ in POSSESSIVE else start
        other = countries.get(before)
        if actor.kind == "institution" and other is not None and other != actor.country:
            continue
        kept[(start, end)] = actor
    return kept


def _choose(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: the longest first, then by kind (see PRIORITY)."""
    ranked = sorted(candidates, key=lambda c: (-c.length, PRIORITY.get(c.kind, 9), c.start))
    taken = bytearray(max((c.end for c in candidates), default=0))
    chosen: list[Candidate] = []
    for candidate in ranked:
        if any(taken[candidate.start : candidate.end]):
            continue
        taken[candidate.start : candidate.end] = b"\x01" * candidate.length
        chosen.append(candidate)
    chosen.sort(key=lambda c: c.start)
    return chosen


def _is_place(ctx: PatternContext, candidate: Candidate) -> bool:
    """A state named after a preposition of place ("in Iraq") is a place, not an actor."""
    if candidate.kind != "state" or possessive_after(ctx.doc, candidate.end):
        return False
    sent_start = ctx.bounds[ctx.sentence_of[candidate.start]][0]
    i = candidate.start - 1
    while i >= sent_start and ctx.doc[i].pos_ == "DET":
        i -= 1
    return i >= sent_start and ctx.doc[i].lower_ in ctx.dictionary.lexicon.word_set("locative")


@dataclass(frozen=True, slots=True)
class _Entity:
    """What all the mentions of one actor share."""

    number: int
    name: str
    title: str | None
    country: str | None
    sector: str | None


def _mentions(
    doc: Doc, keyed: Sequence[tuple[Candidate, str]], *, article_id: str
) -> list[ActorMention]:
    entities = _entities(keyed)
    mentions = []
    for candidate, key in keyed:
        entity = entities[key]
        span = doc[candidate.start : candidate.end]
        mentions.append(
            ActorMention(
                article_id=article_id,
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                name=entity.name,
                actor_id=candidate.actor.id if candidate.actor is not None else None,
                country=candidate.country if candidate.actor is not None else entity.country,
                sector=_sector(candidate, entity),
                entity=entity.number,
                title=entity.title,
                kind=MENTION_KINDS.get(candidate.kind, candidate.kind),
            )
        )
    return mentions


def _sector(candidate: Candidate, entity: _Entity) -> str | None:
    """A known actor's own sector, unless a title made the person former; else the entity's."""
    if candidate.actor is None:
        return entity.sector
    if candidate.actor.kind == "person" and entity.sector == FORMER:
        return FORMER
    return candidate.sector


def _entities(keyed: Sequence[tuple[Candidate, str]]) -> Mapping[str, _Entity]:
    """One entity per key: the canonical or fullest name, the first title, state and sector."""
    grouped: dict[str, list[Candidate]] = {}
    for candidate, key in keyed:
        grouped.setdefault(key, []).append(candidate)
    entities: dict[str, _Entity] = {}
    for number, (key, members) in enumerate(grouped.items()):
        actor = next((c.actor for c in members if c.actor is not None), None)
        name = actor.name if actor is not None else max((c.name for c in members), key=len)
        title = next((c.title for c in members if c.title), None)
        country = next((c.country for c in members if c.country), None)
        sectors = [c.sector for c in members if c.sector]
        sector = (
            FORMER
            if FORMER in sectors and actor is not None and actor.kind == "person"
            else next(iter(sectors), None)
        )
        entities[key] = _Entity(number, name, title, country, sector)
    return entities


def describe_candidates(
    doc: Doc, dictionary: ActorDictionary, *, year: int | None
) -> list[Candidate]:
    """The linked candidates of a short text, for describing it as one actor."""
    ctx, chosen = analyse(doc, dictionary, year=year)
    return [candidate for candidate, _ in assign_entities(ctx, chosen)]
