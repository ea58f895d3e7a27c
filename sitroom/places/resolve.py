"""Toponym resolution: every place name of an article, resolved to one gazetteer entry in context.

Each mention's candidates are ranked by a prior (feature, population, capital, how the name
matched) plus the article's context: the countries and first-level divisions its other places
and demonyms name, and the "X, Y" pattern ("Paris, Texas"). The score of the chosen entry is its
share of the candidates' weight, times the confidence that the mention is a place at all.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitroom.places.gazetteer import Candidate, Gazetteer
from sitroom.places.normalise import normalise_name
from sitroom.places.sources import SUPPLEMENT_FILE, WordLists
from sitroom.records import PlaceMention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
DEMONYM_LABELS = frozenset({"NORP", "LANGUAGE", "GPE", "ORG", "PERSON", "MISC"})
EMBEDDING_LABELS = frozenset(
    {"ORG", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "MONEY", "NORP"}
)
EMBEDDED_POPULATION = 100_000
"""Smallest town taken inside another name ("Toronto Police Service", not "Bristol Myers")."""
EMBEDDED_WORDS = 4
FEATURE_PRIOR = {"country": 7.0, "continent": 7.5, "province": 5.5, "region": 7.5}
SUPPLEMENT_PRIOR = 6.5
"""A floor for entries of sitroom's supplement: each is there because news names it."""
MATCH_PRIOR = {"name": 1.0, "alias": 1.0, "demonym": 1.0, "alternate": -0.5, "loose": -2.0}
CONFIDENCE = {"name": 1.0, "demonym": 0.9, "embedded": 0.7}
SUPPLEMENT_SOURCE = f"sitroom {SUPPLEMENT_FILE}"
METONYM_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})


@dataclass(frozen=True, slots=True)
class ResolvedPlace:
    """A place mention with how it was found and whether it stands for a government.

    ``kind`` is ``name`` (a place name), ``demonym`` ("Iraqi") or ``embedded`` (a place name
    inside an organisation's name: "Toronto" in "Toronto Police Service"); ``metonym`` is
    True when a country or capital is the subject of a clause ("Washington warned Tehran"):
    still a toponym, but actor code may read it as that country's government.
    """

    mention: PlaceMention
    kind: str
    label: str
    metonym: bool


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    text: str
    kind: str
    label: str
    candidates: tuple[Candidate, ...]
    root_dep: str


@dataclass(frozen=True, slots=True)
class ResolveOptions:
    """What counts as a place mention: facilities (FAC), and place names inside other names."""

    facilities: bool = True
    embedded: bool = True


def resolve_places(
    doc: Doc, gazetteer: Gazetteer, *, article_id: str, options: ResolveOptions | None = None
) -> list[PlaceMention]:
    """Every place mention of ``doc``, each resolved to one entry (or ``entry=None``)."""
    return [
        r.mention
        for r in resolve_places_detailed(doc, gazetteer, article_id=article_id, options=options)
    ]


def resolve_places_detailed(
    doc: Doc,
    gazetteer: Gazetteer,
    *,
    article_id: str,
    options: ResolveOptions | None = None,
    words: WordLists | None = None,
) -> list[ResolvedPlace]:
    """Like :func:`resolve_places`, with each mention's kind, entity label and metonymy flag."""
    options = options if options is not None else ResolveOptions()
    words = words if words is not None else gazetteer.words
    mentions = _mentions(doc, gazetteer, options, words)
    countries, admin1s = _context(mentions)
    text = doc.text
    resolved = []
    for index, m in enumerate(mentions):
        pair = _pair_container(mentions, index, text)
        after_pair = index > 0 and _follows_comma(mentions[index - 1], m, text)
        entry, score = _choose(m, countries, admin1s, pair=pair, after_pair=after_pair)
        metonym = entry is not None and m.root_dep in METONYM_DEPS and (
            entry.entry.feature == "country" or entry.capital
        )
        resolved.append(
            ResolvedPlace(
                PlaceMention(article_id, m.start, m.end, m.text,
                             entry.entry if entry else None, score),
                m.kind,
                m.label,
                metonym,
            )
        )
    return resolved


def _mentions(
    doc: Doc, gazetteer: Gazetteer, options: ResolveOptions, words: WordLists
) -> list[_Mention]:
    """The place mentions of the document, with their candidates, in text order."""
    found: list[_Mention] = []
    for ent in doc.ents:
        span = _trim(ent)
        if span is None:
            continue
        demonyms = gazetteer.demonym(span.text) if ent.label_ in DEMONYM_LABELS else ()
        if demonyms:
            found.append(_mention(span, "demonym", ent.label_, demonyms))
        elif ent.label_ in PLACE_LABELS and (options.facilities or ent.label_ != "FAC"):
            if span.text.islower() or (len(span) == 1 and span.text.casefold() in words.stop):
                continue
            candidates = _place_candidates(span, gazetteer, words.suffix)
            found.append(_mention(span, "name", ent.label_, candidates))
        elif options.embedded and ent.label_ in EMBEDDING_LABELS:
            found.extend(_embedded(ent, gazetteer, words))
    return found


def _trim(ent: Span) -> Span | None:
    """The entity without a leading "the" or a trailing possessive; None if nothing is left."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and doc[start].lower_ in ("the", "’s", "'s"):
        start += 1
    while end > start and doc[end - 1].lower_ in ("'s", "’s", "'", "’"):
        end -= 1
    return doc[start:end] if end > start else None


def _mention(span: Span, kind: str, label: str, candidates: Sequence[Candidate]) -> _Mention:
    # Span.root walks every token's path to the sentence root: too slow on long "sentences".
    root = next((t for t in span if not span.start <= t.head.i < span.end), span[-1])
    return _Mention(
        span.start_char, span.end_char, span.text, kind, label, tuple(candidates), root.dep_
    )


def _place_candidates(
    span: Span, gazetteer: Gazetteer, suffixes: frozenset[str]
) -> tuple[Candidate, ...]:
    """The entries a place entity may name, trying it without "Province"/"County" and the like."""
    found = gazetteer.lookup(span.text)
    if found:
        return found
    key = normalise_name(span.text)
    for suffix in sorted(suffixes):
        if key.endswith(" " + suffix):
            found = gazetteer.lookup_key(key.removesuffix(" " + suffix))
            strong = [c for c in found if c.entry.feature != "town"]
            return tuple(strong) or found
    return ()


def _embedded(ent: Span, gazetteer: Gazetteer, words: WordLists) -> list[_Mention]:
    """Place names inside another entity: "European Union", "Toronto" in "Toronto Police
    Service", "Zimbabwe" in "Air Zimbabwe", "US" in "11 billion US dollars".

    The whole entity, then its longest sub-names left to right, are taken when they name a
    demonym, a country, a province, a region or a large city by its own name or an alias.
    """
    span = _trim(ent)
    if span is None:
        return []
    whole = _prominent(gazetteer.lookup(span.text), min_population=EMBEDDED_POPULATION)
    if whole and len(span) > 1:
        return [_mention(span, "embedded", ent.label_, whole)]
    found = []
    i = span.start
    while i < span.end:
        for j in range(min(span.end, i + EMBEDDED_WORDS), i, -1):
            part = ent.doc[i:j]
            if not part.text[:1].isupper() or (j - i == 1 and part.text.casefold() in words.stop):
                continue
            candidates = gazetteer.demonym(part.text) or _prominent(
                gazetteer.lookup_key(normalise_name(part.text), loose=False),
                min_population=EMBEDDED_POPULATION,
            )
            if candidates:
                found.append(_mention(part, "embedded", ent.label_, candidates))
                i = j
                break
        else:
            i += 1
    return found


def _prominent(candidates: Sequence[Candidate], *, min_population: int) -> tuple[Candidate, ...]:
    """The candidates matched by their own name or an alias that are prominent places."""
    return tuple(
        c for c in candidates
        if c.match in ("name", "alias")
        and (c.entry.feature in ("country", "province", "region", "continent")
             or c.entry.population >= min_population)
    )


def _context(mentions: Sequence[_Mention]) -> tuple[Counter[str], Counter[str]]:
    """How often the article names each country (alpha-3) and first-level division.

    Counted from mentions whose reading is clear: demonyms, and names whose most prominent
    entry is a country or province matched by its own name or a sitroom alias.
    """
    countries: Counter[str] = Counter()
    admin1s: Counter[str] = Counter()
    for m in mentions:
        if not m.candidates:
            continue
        top = m.candidates[0]
        clear = m.kind == "demonym" or (
            top.match in ("name", "alias") and top.entry.feature in ("country", "province")
        )
        if clear and top.entry.country:
            countries[top.entry.country] += 1
            if top.entry.feature == "province" and top.admin1_code:
                admin1s[f"{top.country2}.{top.admin1_code}"] += 1
    return countries, admin1s


def _follows_comma(first: _Mention, second: _Mention, text: str) -> bool:
    """True for "First, Second" with only a comma and spaces between them."""
    return text[first.end : second.start].strip() == ","


def _pair_container(mentions: Sequence[_Mention], index: int, text: str) -> Candidate | None:
    """For "X, Y" where Y is a country or province, the entry Y names; else None."""
    if index + 1 >= len(mentions) or not _follows_comma(mentions[index], mentions[index + 1], text):
        return None
    for c in mentions[index + 1].candidates:
        if c.entry.feature in ("country", "province"):
            return c
    return None


def _prior(c: Candidate) -> float:
    """How likely an entry is to be meant, before context: feature, population, capital."""
    base = FEATURE_PRIOR.get(c.entry.feature)
    if base is None:
        base = math.log10(c.entry.population + 10) + (0.5 if c.capital else 0.0)
        if c.entry.source.startswith(SUPPLEMENT_SOURCE):
            base = max(base, SUPPLEMENT_PRIOR)
    return base + MATCH_PRIOR.get(c.match, 0.0)


def _choose(
    m: _Mention,
    countries: Counter[str],
    admin1s: Counter[str],
    *,
    pair: Candidate | None,
    after_pair: bool,
) -> tuple[Candidate | None, float]:
    """The best candidate of a mention in the article's context, and its score in [0, 1]."""
    if not m.candidates:
        return None, CONFIDENCE.get(m.kind, 1.0) * 0.3
    scores = []
    total = sum(countries.values())
    for c in m.candidates:
        score = _prior(c)
        country = c.entry.country
        votes = countries[country] - _self_count(m, c) if country else 0
        if votes > 0:
            # Scaled by the country's share of the article's clear mentions, so that a country
            # named in passing does not pull every small namesake town into it.
            score += 1.0 + 2.0 * votes / max(1, total - _self_count(m, c))
        if c.admin1_code and admin1s[f"{c.country2}.{c.admin1_code}"] > 0 and (
            c.entry.feature != "province"
        ):
            score += 2.0
        if pair is not None and c.entry.country == pair.entry.country and (
            pair.entry.feature == "country" or c.admin1_code == pair.admin1_code
        ):
            score += 6.0
        if after_pair and c.entry.feature in ("country", "province"):
            score += 3.0
        scores.append(score)
    best = max(range(len(scores)), key=lambda i: scores[i])
    top = scores[best]
    share = 1.0 / sum(math.exp(s - top) for s in scores)
    return m.candidates[best], CONFIDENCE.get(m.kind, 1.0) * share


def _self_count(m: _Mention, c: Candidate) -> int:
    """1 when the mention itself was counted in the article's countries (so it does not vote
    for itself), else 0."""
    top = m.candidates[0]
    clear = m.kind == "demonym" or (
        top.match in ("name", "alias") and top.entry.feature in ("country", "province")
    )
    return int(clear and top.entry.country == c.entry.country)
