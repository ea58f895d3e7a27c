"""The story tables of a store: profiles, links, story records and merged events."""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sitroom.errors import NotFoundError, StoreError
from sitroom.link.profiles import DAY_PREFIX, ArticleProfile, parse_day
from sitroom.link.stories import StoryAssignment
from sitroom.store.base import Store

DAYS_PER_QUERY = 100
"""Days looked for in one query by :meth:`LinkStore.linked_naming`."""
IDS_PER_QUERY = 500
"""Ids in one ``IN (...)`` list: SQLite limits a statement's parameters."""


@dataclass(frozen=True, slots=True)
class StoryMember:
    """One article of a story, as rebuilding the story needs it."""

    article_id: str
    title: str | None
    published: str | None
    outlet: str | None
    duplicate_of: str | None


class LinkStore:
    """Reads and writes the story tables of a :class:`Store`, one transaction per change."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def articles_to_link(self) -> list[str]:
        """Analysed articles not in any story yet, oldest first (undated ones last)."""
        rows = self.store.query(
            "SELECT a.id FROM articles a JOIN analyses n ON n.article_id = a.id "
            "LEFT JOIN story_articles s ON s.article_id = a.id WHERE s.article_id IS NULL "
            "ORDER BY a.published IS NULL, a.published, a.rowid"
        )
        return [row[0] for row in rows]

    def date_range(self, article_ids: Sequence[str]) -> tuple[date | None, date | None]:
        """The first and last publication dates of these articles (None when one is undated)."""
        first: date | None = None
        last: date | None = None
        for chunk in range(0, len(article_ids), IDS_PER_QUERY):
            ids = article_ids[chunk : chunk + IDS_PER_QUERY]
            marks = ",".join("?" * len(ids))
            ((low, high, undated),) = self.store.query(
                "SELECT min(published), max(published), "
                "max(CASE WHEN published IS NULL THEN 1 ELSE 0 END) FROM articles "
                f"WHERE id IN ({marks})",
                ids,
            )
            if undated:
                return None, None
            low_day, high_day = parse_day(low), parse_day(high)
            if low_day is not None and (first is None or low_day < first):
                first = low_day
            if high_day is not None and (last is None or high_day > last):
                last = high_day
        return first, last

    def specific_places(self, article_id: str) -> list[tuple[int, str]]:
        """``(geonameid, feature)`` of the resolved place mentions of an article."""
        out = []
        for (record,) in self.store.query(
            "SELECT record FROM place_mentions WHERE article_id = ? ORDER BY start", (article_id,)
        ):
            place = json.loads(record)
            if place.get("geonameid") is not None:
                out.append((int(place["geonameid"]), str(place.get("feature") or "")))
        return out

    def named_days(self, article_id: str) -> list[str]:
        """The ISO days of an article's date mentions resolved to a single day."""
        out = []
        for (record,) in self.store.query(
            "SELECT record FROM date_mentions WHERE article_id = ? ORDER BY start", (article_id,)
        ):
            mention = json.loads(record)
            if mention.get("precision") == "day" and mention.get("date_start"):
                out.append(str(mention["date_start"]))
        return out

    def linked_near(
        self, first: date | None, last: date | None, *, window_days: int
    ) -> list[tuple[ArticleProfile, str]]:
        """Linked articles published within the window around ``first``..``last``, or undated."""
        if first is None or last is None:
            rows = self.store.query(
                "SELECT p.record, s.story_id FROM article_profiles p "
                "JOIN story_articles s ON s.article_id = p.article_id ORDER BY p.rowid"
            )
        else:
            low = (first - timedelta(days=window_days)).isoformat()
            high = (last + timedelta(days=window_days)).isoformat()
            rows = self.store.query(
                "SELECT p.record, s.story_id FROM article_profiles p "
                "JOIN story_articles s ON s.article_id = p.article_id "
                "WHERE p.published IS NULL OR p.published BETWEEN ? AND ? ORDER BY p.rowid",
                (low, high),
            )
        return [(ArticleProfile.from_record(json.loads(r)), story) for r, story in rows]

    def linked_naming(
        self, days: Collection[str], low: date, high: date
    ) -> list[tuple[ArticleProfile, str]]:
        """Every linked article of the stories with an article published from ``low`` to
        ``high`` and an article (any) whose profile names one of ``days`` (ISO days): the
        stories a follow-up naming those days may join, as :class:`StoryIndex` keeps them."""
        stories: set[str] = set()
        wanted = sorted(days)
        for chunk in range(0, len(wanted), DAYS_PER_QUERY):
            some = wanted[chunk : chunk + DAYS_PER_QUERY]
            # Profiles are stored as JSON text; a day is the term "day:YYYY-MM-DD".
            naming = " OR ".join("p.record LIKE ?" for _ in some)
            rows = self.store.query(
                "SELECT DISTINCT s.story_id FROM story_articles s "
                "JOIN article_profiles p ON p.article_id = s.article_id "
                "WHERE s.story_id IN (SELECT r.story_id FROM story_articles r "
                "JOIN article_profiles q ON q.article_id = r.article_id "
                f"WHERE q.published BETWEEN ? AND ?) AND ({naming})",
                (low.isoformat(), high.isoformat(), *(f'%"{DAY_PREFIX}{d}"%' for d in some)),
            )
            stories.update(str(row[0]) for row in rows)
        out = []
        ordered = sorted(stories)
        for chunk in range(0, len(ordered), IDS_PER_QUERY):
            ids = ordered[chunk : chunk + IDS_PER_QUERY]
            marks = ",".join("?" * len(ids))
            for record, story in self.store.query(
                "SELECT p.record, s.story_id FROM article_profiles p "
                "JOIN story_articles s ON s.article_id = p.article_id "
                f"WHERE s.story_id IN ({marks}) ORDER BY p.rowid",
                ids,
            ):
                out.append((ArticleProfile.from_record(json.loads(record)), str(story)))
        return out

    def copies_story(self, original_id: str) -> str | None:
        """The story of an original or of any of its near-duplicates, if one is linked yet."""
        rows = self.store.query(
            "SELECT s.story_id FROM story_articles s JOIN articles a ON a.id = s.article_id "
            "WHERE a.id = ? OR a.duplicate_of = ? ORDER BY s.story_id LIMIT 1",
            (original_id, original_id),
        )
        return str(rows[0][0]) if rows else None

    def save_link(self, profile: ArticleProfile, assignment: StoryAssignment) -> None:
        """Store an article's profile and story link, and mark the story for rebuilding."""
        try:
            with self.store.transaction() as db:
                replace = self.store.dialect.replace
                db.execute(
                    replace("article_profiles", ("article_id", "published", "record"), _ARTICLE),
                    (
                        profile.article_id,
                        profile.published.isoformat() if profile.published else None,
                        json.dumps(profile.to_record(), ensure_ascii=False, sort_keys=True),
                    ),
                )
                db.execute(
                    replace("story_articles", ("article_id", "story_id", "similarity"), _ARTICLE),
                    (assignment.article_id, assignment.story_id, assignment.similarity),
                )
                db.execute(
                    "INSERT INTO stories (id, record, dirty) VALUES (?, '{}', 1) "
                    "ON CONFLICT (id) DO UPDATE SET dirty = 1",
                    (assignment.story_id,),
                )
        except self.store.dialect.errors as exc:
            raise StoreError(
                f"{self.store.path}: cannot link {assignment.article_id}: {exc}"
            ) from exc

    def dirty_stories(self) -> list[str]:
        """Stories whose record and merged events must be rebuilt."""
        return [
            r[0] for r in self.store.query("SELECT id FROM stories WHERE dirty = 1 ORDER BY id")
        ]

    def members(self, story_id: str) -> list[StoryMember]:
        """The articles of a story, oldest first."""
        rows = self.store.query(
            "SELECT a.id, a.title, a.published, a.outlet, a.duplicate_of FROM story_articles s "
            "JOIN articles a ON a.id = s.article_id WHERE s.story_id = ? "
            "ORDER BY a.published IS NULL, a.published, a.rowid",
            (story_id,),
        )
        return [StoryMember(*row) for row in rows]

    def article_events(self, article_ids: Sequence[str]) -> list[dict[str, Any]]:
        """The events found in these articles, article by article in the given order."""
        return self._records_of("events", article_ids)

    def save_story(self, record: dict[str, Any], events: Sequence[dict[str, Any]]) -> None:
        """Replace a story's record and merged events in one transaction (or drop an empty one)."""
        story_id = record["id"]
        try:
            with self.store.transaction() as db:
                db.execute(
                    "DELETE FROM events WHERE story_id = ? AND article_id IS NULL", (story_id,)
                )
                if not record.get("article_ids"):
                    db.execute("DELETE FROM stories WHERE id = ?", (story_id,))
                    return
                # article_id NULL: merged events belong to the story, not to one article.
                db.executemany(
                    self.store.dialect.replace(
                        "events", ("id", "story_id", "article_id", "record"), ("id",)
                    ),
                    [(e["id"], story_id, None, _json(e)) for e in events],
                )
                db.execute(
                    "INSERT INTO stories (id, record, dirty) VALUES (?, ?, 0) "
                    "ON CONFLICT (id) DO UPDATE SET record = excluded.record, dirty = 0",
                    (story_id, _json(record)),
                )
        except self.store.dialect.errors as exc:
            raise StoreError(f"{self.store.path}: cannot store story {story_id}: {exc}") from exc

    def story(self, story_id: str) -> dict[str, Any]:
        """The stored record of a story; :class:`NotFoundError` when there is none."""
        rows = self.store.query(
            "SELECT record FROM stories WHERE id = ? AND dirty = 0", (story_id,)
        )
        if not rows:
            raise NotFoundError(f"no story {story_id!r} in {self.store.path}")
        record: dict[str, Any] = json.loads(rows[0][0])
        return record

    def story_events(self, story_id: str) -> list[dict[str, Any]]:
        """The merged events of a story."""
        return [
            json.loads(r)
            for (r,) in self.store.query(
                "SELECT record FROM events WHERE story_id = ? AND article_id IS NULL "
                "ORDER BY rowid",
                (story_id,),
            )
        ]

    def quotes_of(self, article_ids: Sequence[str]) -> list[dict[str, Any]]:
        """The quotes of these articles, article by article in the given order."""
        return self._records_of("quotes", article_ids)

    def _records_of(self, table: str, article_ids: Sequence[str]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for article_id in article_ids:
            out.extend(
                json.loads(r)
                for (r,) in self.store.query(
                    f"SELECT record FROM {table} WHERE article_id = ? ORDER BY rowid",
                    (article_id,),
                )
            )
        return out

    def merged_events(self) -> list[dict[str, Any]]:
        """Every merged event of every story."""
        return [
            json.loads(r)
            for (r,) in self.store.query(
                "SELECT record FROM events WHERE article_id IS NULL ORDER BY rowid"
            )
        ]


_ARTICLE = ("article_id",)


def _json(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=True)
