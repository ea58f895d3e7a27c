"""Story linking: each article joins the story it is most like, within a time window, or starts one.

Linking is incremental and never quadratic: an article is compared only with the stories that
share one of its heaviest terms (an inverted index) and whose articles fall within the window,
and with the older stories that name one of the days it names (a follow-up: the charge weeks
after the shooting names the shooting's day).
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sitroom.link.profiles import DAY_PREFIX, PLACE_PREFIX, ArticleProfile


@dataclass(frozen=True, slots=True)
class LinkConfig:
    """When an article joins a story; the defaults are what ``sitroom run`` uses."""

    threshold: float = 0.25
    """Least cosine similarity between an article and a story's centroid for it to join."""
    window_days: int = 7
    """An article joins only a story with an article published at most this many days away."""
    keys: int = 15
    """Heaviest terms of an article used to find candidate stories (a story is found under the
    keys of each of its articles)."""
    other_day_factor: float = 0.6
    """How much an article's similarity to a story counts when both are dated, both name days
    and none of the article's is within ``day_slack`` days of the story's: two like reports of
    different days (two shootings in one city a week apart) are more likely two events than
    one. Undated reports name only written-out dates, often of background events: no factor."""
    day_slack: int = 1
    """Days apart that still count as the same day ("late Friday" and "early Saturday"), in
    the similarity and in finding the past stories a follow-up names a day of."""
    other_place_day_factor: float = 0.5
    """How much the days an article and a story both name count towards their similarity when
    both are dated and name towns, none in common: two shootings of one Saturday in two
    cities share their day, not their event."""
    followup_days: int = 730
    """A report naming a day a story's reports name may join it up to this many days after the
    story's last report, past the window: the charge weeks after a shooting, or the trial
    and the sentence a year or two later, name the day of the shooting. 0 turns this off."""


@dataclass(frozen=True, slots=True)
class StoryAssignment:
    """Which story an article joined, and how alike they were (1.0 for a story's first article)."""

    article_id: str
    story_id: str
    similarity: float


def story_id_for(first_article_id: str) -> str:
    """A story's id: derived from its first article, so re-running gives the same ids."""
    return "s_" + hashlib.sha1(first_article_id.encode()).hexdigest()[:12]


class _Story:
    __slots__ = ("dates", "days", "id", "keys", "norm", "places", "total")

    def __init__(self, story_id: str) -> None:
        self.id = story_id
        self.total: dict[str, float] = {}
        self.dates: list[date] = []
        self.days: set[date] = set()
        self.places: set[str] = set()
        self.keys: set[str] = set()
        self.norm = 0.0

    def add(self, profile: ArticleProfile) -> None:
        for term, weight in profile.terms.items():
            self.total[term] = self.total.get(term, 0.0) + weight
        self.norm = math.sqrt(sum(w * w for w in self.total.values()))
        if profile.published is not None:
            self.dates.append(profile.published)
        self.days |= named_days(profile)
        self.places |= named_places(profile)

    def similarity(
        self, profile: ArticleProfile, named: tuple[set[date], set[str]], config: LinkConfig
    ) -> float:
        """Cosine with the centroid; ``named`` holds the article's named days and towns."""
        days, places = named
        if not self.norm:
            return 0.0
        score = profile.similarity(self.total) / self.norm
        dated = profile.published is not None and bool(self.dates)
        if dated and places and self.places and places.isdisjoint(self.places):
            shared = sum(w * self.total.get(t, 0.0) for t, w in profile.terms.items()
                         if t.startswith(DAY_PREFIX))
            score -= (1.0 - config.other_place_day_factor) * shared / self.norm
        if dated and days and self.days and not any(
            abs((a - b).days) <= config.day_slack for a in days for b in self.days
        ):
            score *= config.other_day_factor
        return score

    def within(self, day: date | None, window: int) -> bool:
        # An undated article or story is compared on words alone.
        if day is None or not self.dates:
            return True
        return any(abs((day - d).days) <= window for d in self.dates)


class StoryIndex:
    """The stories an article may join, with an inverted index from terms to stories.

    Articles are assigned oldest first, so a story whose latest article is older than the
    window before the article at hand can be joined only by a follow-up that names one of its
    days: it leaves the term index for an index by day, and leaves that too ``followup_days``
    after its last article. The work per article stays bounded by the stories of one window
    and those naming the article's own days, not by the whole archive.
    """

    def __init__(self, config: LinkConfig | None = None) -> None:
        self.config = config or LinkConfig()
        self._stories: dict[str, _Story] = {}
        self._by_term: dict[str, set[str]] = defaultdict(set)
        self._expiry: list[tuple[date, str]] = []
        self._past: dict[str, _Story] = {}
        self._by_day: dict[date, set[str]] = defaultdict(set)
        self._past_expiry: list[tuple[date, str]] = []

    def __len__(self) -> int:
        return len(self._stories)

    def add(self, profile: ArticleProfile, story_id: str) -> None:
        """Record that an article belongs to a story (an existing link, or a new one)."""
        story = self._stories.get(story_id)
        if story is None:
            story = self._stories[story_id] = _Story(story_id)
        story.add(profile)
        for term in profile.keys(self.config.keys):
            self._by_term[term].add(story_id)
            story.keys.add(term)
        if profile.published is not None:
            heapq.heappush(self._expiry, (max(story.dates), story_id))

    def _expire(self, day: date) -> None:
        cutoff = day - timedelta(days=self.config.window_days)
        while self._expiry and self._expiry[0][0] < cutoff:
            last, story_id = heapq.heappop(self._expiry)
            story = self._stories.get(story_id)
            if story is None or max(story.dates) != last:
                continue  # gone already, or joined since: a later entry stands for it
            for term in story.keys:
                self._by_term[term].discard(story_id)
            del self._stories[story_id]
            if story.days and self.config.followup_days > self.config.window_days:
                self._past[story_id] = story
                for named in story.days:
                    self._by_day[named].add(story_id)
                heapq.heappush(self._past_expiry, (last, story_id))
        horizon = day - timedelta(days=self.config.followup_days)
        while self._past_expiry and self._past_expiry[0][0] < horizon:
            _, story_id = heapq.heappop(self._past_expiry)
            self._forget_past(story_id)

    def _forget_past(self, story_id: str) -> _Story | None:
        story = self._past.pop(story_id, None)
        if story is not None:
            for named in story.days:
                self._by_day[named].discard(story_id)
        return story

    def _revive(self, story_id: str) -> None:
        """Bring a past story a follow-up joined back among the stories of the window."""
        story = self._forget_past(story_id)
        if story is not None:
            self._stories[story_id] = story
            for term in story.keys:
                self._by_term[term].add(story_id)

    def assign(
        self, profile: ArticleProfile, *, original_story: str | None = None
    ) -> StoryAssignment:
        """Put an article in the story it is most like, or in a new story of its own.

        A copy of an article already linked (``original_story``, the story of its original) is
        one more source of that story, whatever its words.
        """
        if original_story is not None:
            self.add(profile, original_story)
            return StoryAssignment(profile.article_id, original_story, 1.0)
        if profile.published is not None:
            self._expire(profile.published)
        best: tuple[float, str] | None = None
        days = named_days(profile)
        named = (days, named_places(profile))
        for story_id in sorted(self._candidates(profile)):
            story = self._stories[story_id]
            if not story.within(profile.published, self.config.window_days):
                continue
            score = story.similarity(profile, named, self.config)
            if score >= self.config.threshold and (best is None or score > best[0]):
                best = (score, story_id)
        for story_id in sorted(self._past_naming(days)):
            score = self._past[story_id].similarity(profile, named, self.config)
            if score >= self.config.threshold and (best is None or score > best[0]):
                best = (score, story_id)
        if best is None:
            assignment = StoryAssignment(profile.article_id, story_id_for(profile.article_id), 1.0)
        else:
            assignment = StoryAssignment(profile.article_id, best[1], round(best[0], 4))
            self._revive(best[1])
        self.add(profile, assignment.story_id)
        return assignment

    def _past_naming(self, days: set[date]) -> set[str]:
        """Past stories that name one of these days, or a day within ``day_slack`` of one."""
        found: set[str] = set()
        for named in around(days, self.config.day_slack):
            found |= self._by_day.get(named, set())
        return found

    def _candidates(self, profile: ArticleProfile) -> set[str]:
        found: set[str] = set()
        for term in profile.keys(self.config.keys):
            found |= self._by_term.get(term, set())
        return found


def link_stories(
    profiles: Sequence[ArticleProfile],
    *,
    existing: Iterable[tuple[ArticleProfile, str]] = (),
    copies: Mapping[str, str] | None = None,
    config: LinkConfig | None = None,
) -> list[StoryAssignment]:
    """Assign new articles to stories, oldest first (undated ones last), given earlier links.

    ``copies`` maps a near-duplicate's id to its original's: whichever of them is linked first,
    the others join its story.
    """
    index = StoryIndex(config)
    for profile, story_id in existing:
        index.add(profile, story_id)
    ordered = sorted(
        profiles, key=lambda p: (p.published is None, p.published or date.min, p.article_id)
    )
    originals = copies or {}
    story_of: dict[str, str] = {}
    out = []
    for profile in ordered:
        original = originals.get(profile.article_id, profile.article_id)
        assignment = index.assign(profile, original_story=story_of.get(original))
        story_of.setdefault(original, assignment.story_id)
        out.append(assignment)
    return out


def around(days: Iterable[date], slack: int) -> set[date]:
    """The days and those up to ``slack`` days before or after them ("late Friday" and "early
    Saturday" are one night)."""
    return {day + timedelta(days=k) for day in days for k in range(-slack, slack + 1)}


def named_places(profile: ArticleProfile) -> set[str]:
    """The town terms of an article's profile (``place:GEONAMEID``)."""
    return {term for term in profile.terms if term.startswith(PLACE_PREFIX)}


def named_days(profile: ArticleProfile) -> set[date]:
    """The days an article's profile holds (``day:YYYY-MM-DD`` terms)."""
    days = set()
    for term in profile.terms:
        if term.startswith(DAY_PREFIX):
            try:
                days.add(date.fromisoformat(term[len(DAY_PREFIX) :]))
            except ValueError:
                continue  # a term of an older profile format: no day
    return days
