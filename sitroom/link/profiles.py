"""Article profiles: the weighted words and places that story linking compares."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from sitroom.records import Article

_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]{2}|\d+(?:[.,]\d+)*")
PLACE_PREFIX = "place:"
"""Profile terms that stand for a resolved place (``place:GEONAMEID``), not a word."""
DAY_PREFIX = "day:"
"""Profile terms that stand for a day the article names (``day:YYYY-MM-DD``), not a word."""
_SPECIFIC_FEATURES = frozenset({"point", "town", "district"})
STEM_CHARS = 5
"""Leading letters that stand for a word's stem where a headline is matched with its body
("Floods" with "flooded")."""
SENTENCE_CACHE = 20_000
"""Sentence vectors kept by :func:`sentence_similarity` (the link stage's merging)."""
RARITY_CEILING = 7.0
"""A word weighs ``RARITY_CEILING - zipf``: the commonest English words (zipf 7+) weigh nothing."""
HEADLINE_RARITY = 1.0
"""Least weight (see :class:`WordRarity`) of the headline words a body must hold to tell it."""
HEADLINE_SHARE = 0.25
"""Least share of those headline words (by stem) a body must hold to tell its headline: one
word alone can be chance ("Police" and a sign-in page's "Privacy Policy")."""


@dataclass(frozen=True, slots=True)
class ProfileConfig:
    """How profiles are built; the defaults are what ``sitroom run`` uses."""

    max_terms: int = 60
    """Terms kept per article (the heaviest)."""
    title_repeats: int = 3
    """A headline word counts as this many words of the body: headlines name the story."""
    lead_words: int = 30
    """Without a headline, this many opening words stand in for it: a news lead names the story."""
    place_weight: float = 6.0
    """Weight of a resolved town or site mentioned in the article, per mention (log-scaled)."""
    day_weight: float = 5.0
    """Weight of a day the article names ("on Sunday", resolved), per mention (log-scaled)."""
    headline_rarity: float = HEADLINE_RARITY
    """A body that does not tell its headline (:func:`tells_headline`, with its words at least
    this rare) is not the report but what the scraper got instead (a sign-in or subscription
    page, a video playlist): its words are left out and the headline alone stands for the
    article. Its resolved places and days still count (often the outlet's own town)."""
    headline_share: float = HEADLINE_SHARE
    """Least share of its headline's rare words a body holds to tell it (see above)."""


class WordRarity:
    """How rare an English word is, from the ``wordfreq`` frequency lists (cached per word).

    Using general-English frequencies instead of frequencies in the store keeps a profile the
    same whatever was ingested before it, so linking an article never depends on batch order.
    """

    def __init__(self, *, ceiling: float = RARITY_CEILING) -> None:
        from wordfreq import zipf_frequency

        self._zipf = zipf_frequency
        self._ceiling = ceiling
        self._cache: dict[str, float] = {}

    def weight(self, word: str) -> float:
        """A lower-case word's weight: 0 for the commonest words, ``ceiling`` for unknown ones."""
        cached = self._cache.get(word)
        if cached is None:
            cached = max(0.0, self._ceiling - self._zipf(word, "en"))
            self._cache[word] = cached
        return cached


@dataclass(frozen=True, slots=True)
class ArticleProfile:
    """One article as story linking sees it: its date and unit-length weighted terms."""

    article_id: str
    published: date | None
    terms: Mapping[str, float] = field(default_factory=dict)

    def similarity(self, other: Mapping[str, float]) -> float:
        """Cosine similarity with another unit-length term vector."""
        small, large = (self.terms, other) if len(self.terms) <= len(other) else (other, self.terms)
        return sum(weight * large.get(term, 0.0) for term, weight in small.items())

    def keys(self, n: int) -> list[str]:
        """The ``n`` heaviest terms: the keys under which the article is found as a candidate."""
        return sorted(self.terms, key=lambda t: (-self.terms[t], t))[:n]

    def to_record(self) -> dict[str, Any]:
        """The profile as JSON-ready data (terms rounded to keep the store small)."""
        return {
            "article_id": self.article_id,
            "published": self.published.isoformat() if self.published else None,
            "terms": {t: round(w, 5) for t, w in self.terms.items()},
        }

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> ArticleProfile:
        """Read a profile written by :meth:`to_record`."""
        published = record.get("published")
        return cls(
            str(record["article_id"]),
            date.fromisoformat(published) if published else None,
            {str(t): float(w) for t, w in record["terms"].items()},
        )


def build_profile(
    article: Article,
    rarity: WordRarity,
    *,
    places: Iterable[tuple[int, str]] = (),
    days: Iterable[str] = (),
    config: ProfileConfig | None = None,
) -> ArticleProfile:
    """The profile of an article: rare words of headline and body, the towns and days it names.

    ``places`` are the ``(geonameid, feature)`` of the article's resolved place mentions;
    ``days`` the ISO days of its date mentions resolved to one day.
    """
    cfg = config or ProfileConfig()
    body = _words(article.text)
    # Without a headline the body's own words alone would let its background (a team's record,
    # an earlier quake) weigh as much as what happened; the opening words say what happened.
    headline = _words(article.title) if article.title else body[: cfg.lead_words]
    if article.title and not _tells(
        headline, body, rarity, least=cfg.headline_rarity, share=cfg.headline_share
    ):
        body = []
    counts: Counter[str] = Counter(body)
    for _ in range(cfg.title_repeats):
        counts.update(headline)
    weights = {
        word: (1.0 + math.log(n)) * w
        for word, n in counts.items()
        if (w := rarity.weight(word)) > 0
    }
    place_counts = Counter(
        f"{PLACE_PREFIX}{geonameid}"
        for geonameid, feature in places
        if feature in _SPECIFIC_FEATURES
    )
    for key, n in place_counts.items():
        weights[key] = (1.0 + math.log(n)) * cfg.place_weight
    # Two reports of one event name the same day; two like events (two quakes, two arrests of
    # one team's players) share their words but not their day.
    for key, n in Counter(f"{DAY_PREFIX}{day}" for day in days).items():
        weights[key] = (1.0 + math.log(n)) * cfg.day_weight
    top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[: cfg.max_terms]
    return ArticleProfile(article.id, parse_day(article.published), _unit(dict(top)))


def sentence_similarity(rarity: WordRarity) -> Callable[[str, str], float]:
    """Cosine similarity of two sentences' rarity-weighted words (0 to 1)."""

    # A story's sentences are compared pair by pair: each is weighed once.
    @lru_cache(maxsize=SENTENCE_CACHE)
    def vector(text: str) -> dict[str, float]:
        counts = Counter(_words(text))
        return _unit({w: n * rarity.weight(w) for w, n in counts.items()})

    def similarity(a: str, b: str) -> float:
        va, vb = vector(a), vector(b)
        return sum(w * vb.get(t, 0.0) for t, w in va.items())

    return similarity


def centroid(profiles: Iterable[ArticleProfile]) -> dict[str, float]:
    """The unit-length mean of several profiles' term vectors."""
    total: dict[str, float] = {}
    for profile in profiles:
        for term, weight in profile.terms.items():
            total[term] = total.get(term, 0.0) + weight
    return _unit(total)


def tells_headline(
    title: str,
    text: str,
    rarity: WordRarity,
    *,
    least: float = HEADLINE_RARITY,
    share: float = HEADLINE_SHARE,
) -> bool:
    """True unless a text holds too few of its headline's rare words to be its report.

    A headline without rare words is told by any text. Words match by their first
    ``STEM_CHARS`` letters ("Floods" and "flooded").
    """
    return _tells(_words(title), _words(text), rarity, least=least, share=share)


def _tells(
    headline: list[str], body: list[str], rarity: WordRarity, *, least: float, share: float
) -> bool:
    rare = {w[:STEM_CHARS] for w in headline if rarity.weight(w) >= least}
    if not rare:
        return True
    held = rare.intersection(w[:STEM_CHARS] for w in body)
    return len(held) >= max(1.0, share * len(rare))


def _words(text: str) -> list[str]:
    return [
        w.lower().replace("’", "'")
        for w in _WORD.findall(text)
        if len(w) > 2 or (w.isdigit() and w != "0")
    ]


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {t: w / norm for t, w in vector.items()} if norm else {}


def parse_day(value: str | None) -> date | None:
    """The date of an ISO ``YYYY-MM-DD...`` string; None when missing or malformed."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
