"""What the `story` and `places --control` commands (and the API) show, read from the store."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sitroom.link.compare import Comparison, compare_story
from sitroom.link.control import ControlPeriod, control_timeline
from sitroom.store import Store
from sitroom.store.links import LinkStore, StoryMember

Record = dict[str, Any]


@dataclass(frozen=True, slots=True)
class StoryView:
    """A story with its articles and merged events."""

    story: Record
    articles: tuple[StoryMember, ...]
    events: tuple[Record, ...]

    def to_json(self) -> Record:
        """The view as JSON-ready data: the story record, its articles and events."""
        return {
            **self.story,
            "articles": [
                {
                    "id": a.article_id,
                    "outlet": a.outlet,
                    "title": a.title,
                    "published": a.published,
                    "duplicate_of": a.duplicate_of,
                }
                for a in self.articles
            ],
            "events": list(self.events),
        }


def story_view(store: Store, story_id: str) -> StoryView:
    """The story ``story_id``; :class:`~sitroom.errors.NotFoundError` when there is none."""
    links = LinkStore(store)
    story = links.story(story_id)
    return StoryView(story, tuple(links.members(story_id)), tuple(links.story_events(story_id)))


def story_comparison(store: Store, story_id: str) -> Comparison:
    """The story ``story_id`` outlet by outlet."""
    view = story_view(store, story_id)
    ids = [a.article_id for a in view.articles]
    return compare_story(
        view.story,
        view.events,
        outlets={a.article_id: a.outlet for a in view.articles},
        quotes=LinkStore(store).quotes_of(ids),
    )


def place_control(store: Store) -> list[ControlPeriod]:
    """Who held which place when, over every story in the store."""
    return control_timeline(LinkStore(store).merged_events())
