"""Watching RSS/Atom feeds: poll them politely, fetch each new entry's page, run the pipeline.

:class:`Watcher` does one round at a time (:meth:`Watcher.poll`) or keeps polling
(:meth:`Watcher.watch`); it is given its HTTP client, store, clock and sleeper, so tests drive
it against a local server with a fake clock. ``sitroom watch`` is a thin shell over it.
"""

from sitroom.watch.config import WatchConfig
from sitroom.watch.feedlist import FeedSpec, parse_feed_list, read_feed_list
from sitroom.watch.fetch import Fetched, build_client, fetch, user_agent
from sitroom.watch.state import FeedState, FeedStateStore
from sitroom.watch.watcher import FeedResult, RoundReport, Watcher

__all__ = [
    "FeedResult",
    "FeedSpec",
    "FeedState",
    "FeedStateStore",
    "Fetched",
    "RoundReport",
    "WatchConfig",
    "Watcher",
    "build_client",
    "fetch",
    "parse_feed_list",
    "read_feed_list",
    "user_agent",
]
