"""Story records: title, articles, merged events and a summary whose every sentence is cited."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from sitroom.link.merge import MergeConfig, merge_events

Record = dict[str, Any]
MAX_SUMMARY = 7
"""A summary has at most this many sentences (and as many as the story has developments)."""
_MODALITY_ORDER = ("asserted", "claimed", "future", "hypothetical", "negated")


class Member(Protocol):
    """What a story record needs of one of its articles."""

    @property
    def article_id(self) -> str: ...
    @property
    def title(self) -> str | None: ...
    @property
    def published(self) -> str | None: ...


class SourceMember(Member, Protocol):
    """An article of a story that may be a copy (a near-duplicate) of another."""

    @property
    def duplicate_of(self) -> str | None: ...


def merged_story(
    story_id: str,
    members: Sequence[SourceMember],
    events: Sequence[Record],
    *,
    similarity: Callable[[str, str], float],
    config: MergeConfig,
) -> tuple[Record, list[Record]]:
    """A story's record and merged events, from its articles (oldest first) and their events.

    A copy's events are its original's source again, not another outlet's.
    """
    merged = merge_events(
        events,
        story_id=story_id,
        canonical={m.article_id: m.duplicate_of or m.article_id for m in members},
        similarity=similarity,
        config=config,
    )
    return build_story(story_id, members, merged), merged


def build_story(story_id: str, members: Sequence[Member], events: Sequence[Record]) -> Record:
    """The story record of CONTRACT.md from its articles (oldest first) and merged events."""
    dates = sorted(m.published for m in members if m.published)
    title = next((m.title for m in members if m.title), None)
    return {
        "id": story_id,
        "title": title or (_summary_sentences(events)[:1] or [{"text": None}])[0]["text"],
        "article_ids": [m.article_id for m in members],
        "event_ids": [e["id"] for e in events],
        "first_published": dates[0] if dates else None,
        "last_published": dates[-1] if dates else None,
        "summary": _summary_sentences(events),
    }


def _summary_sentences(events: Sequence[Record]) -> list[Record]:
    """Source sentences of the most corroborated events first, each with its articles."""
    ranked = sorted(
        events,
        key=lambda e: (
            -e.get("n_sources", 1),
            _MODALITY_ORDER.index(e["modality"]) if e.get("modality") in _MODALITY_ORDER else 9,
            -(e.get("fatalities") or {}).get("best", 0),
            e["sources"][0]["article_id"] if e.get("sources") else "",
            e["sources"][0]["start"] if e.get("sources") else 0,
        ),
    )
    out: list[Record] = []
    seen: set[str] = set()
    for event in ranked:
        if not event.get("sources"):
            continue
        sentence = " ".join(event["sources"][0]["sentence"].split())
        if not sentence or sentence in seen:
            continue
        seen.add(sentence)
        articles = list(dict.fromkeys(s["article_id"] for s in event["sources"]))
        out.append({"text": sentence, "article_ids": articles, "event_id": event["id"]})
        if len(out) == MAX_SUMMARY:
            break
    return out
