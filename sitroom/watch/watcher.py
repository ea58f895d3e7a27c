"""The watcher: one round polls every feed, fetches new entries' pages and runs the pipeline."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Literal
from urllib.parse import urljoin, urlsplit

from sitroom.clock import Clock, utc_now, utc_stamp
from sitroom.errors import FetchError, IngestError
from sitroom.ingest.feeds import FeedEntry, ParsedFeed, parse_feed
from sitroom.ingest.pages import read_page, url_host
from sitroom.records import Metadata, Problem, RawDocument, RunReport
from sitroom.settings import Settings
from sitroom.store import Store
from sitroom.watch.config import WatchConfig
from sitroom.watch.feedlist import FeedSpec
from sitroom.watch.fetch import Fetched, Timer, fetch, user_agent
from sitroom.watch.polite import (
    ROBOTS_MAX_BYTES,
    LinkGuard,
    Manners,
    Resolver,
    resolve_host,
    robots_url,
)
from sitroom.watch.state import FeedState, FeedStateStore

if TYPE_CHECKING:
    import httpx

    from sitroom.analyse import Analyser
    from sitroom.pipeline import Linker, Resources

Sleeper = Callable[[float], None]
FeedStatus = Literal["new", "unchanged", "not modified", "failed", "waiting"]


@dataclass(frozen=True, slots=True)
class FeedResult:
    """What polling one feed gave in one round.

    ``status``: ``new`` (entries not seen before were handled), ``unchanged`` (an answer with
    nothing new), ``not modified`` (HTTP 304), ``failed`` (``reason`` says why) or ``waiting``
    (backing off after failures until ``retry_after``).
    """

    url: str
    status: FeedStatus
    new_entries: int = 0
    reason: str | None = None
    retry_after: str | None = None
    failures: int = 0


@dataclass(frozen=True, slots=True)
class RoundReport:
    """One round: each feed's result, and the pipeline's report on the entries' articles."""

    started: str
    feeds: tuple[FeedResult, ...]
    run: RunReport

    @property
    def failed(self) -> tuple[FeedResult, ...]:
        """The feeds that failed in this round."""
        return tuple(f for f in self.feeds if f.status == "failed")

    @property
    def ok(self) -> bool:
        """True when no feed failed and every new entry went in."""
        return not self.failed and self.run.ok


@dataclass(frozen=True, slots=True)
class _Handled:
    """An entry one poll worked on: what it gave and whether it is done with."""

    entry: FeedEntry
    items: tuple[RawDocument | Problem, ...]
    attempts: int

    @property
    def stored(self) -> bool:
        return any(isinstance(item, RawDocument) for item in self.items)


class Watcher:
    """Polls a list of feeds with conditional GETs, per-feed backoff and error isolation.

    Each round: every feed not backing off is fetched (If-None-Match / If-Modified-Since from
    the store); each entry not ingested before has its page fetched and read (the entry's own
    text when the page fails); then the articles go through ingest, analysis and linking, so
    stories and events update in place. Nothing one feed does stops the others.
    """

    def __init__(
        self,
        feeds: Sequence[FeedSpec],
        *,
        client: httpx.Client,
        store: Store,
        settings: Settings,
        config: WatchConfig,
        clock: Clock | None = None,
        sleep: Sleeper = time.sleep,
        timer: Timer = time.monotonic,
        resources: Resources | None = None,
        analyser: Analyser | None = None,
        linker: Linker | None = None,
        resolve: Resolver = resolve_host,
    ) -> None:
        self.feeds = tuple(feeds)
        self.client = client
        self.store = store
        self.settings = settings
        self.config = config
        self.clock = clock or utc_now
        self.sleep = sleep
        self.timer = timer
        self.states = FeedStateStore(store)
        self.resolve = resolve
        self.manners = Manners(
            agent=user_agent(config.contact),
            host_delay=config.host_delay,
            robots_ttl=config.robots_ttl,
            timer=timer,
            sleep=sleep,
        )
        # The heavy resources are loaded on first need: a round with nothing new needs none.
        self._resources = resources
        self._analyser = analyser
        self._linker = linker

    def watch(
        self,
        *,
        rounds: int | None = None,
        on_round: Callable[[RoundReport], None] | None = None,
    ) -> None:
        """Poll round after round, ``config.interval`` seconds apart (forever unless ``rounds``)."""
        done = 0
        while True:
            started = self.timer()
            report = self.poll()
            if on_round is not None:
                on_round(report)
            done += 1
            if rounds is not None and done >= rounds:
                return
            self.sleep(max(0.0, self.config.interval - (self.timer() - started)))

    def poll(self) -> RoundReport:
        """One round over every feed; never raises for a feed's or an entry's failure."""
        now = self.clock()
        results: list[FeedResult] = []
        handled: list[tuple[FeedSpec, list[_Handled]]] = []
        items: list[RawDocument | Problem] = []
        for spec in self.feeds:
            result, entries, warnings = self._poll_feed(spec, now)
            results.append(result)
            items.extend(warnings)
            items.extend(item for h in entries for item in h.items)
            if entries:
                handled.append((spec, entries))
        report = self._run_pipeline(items) if items else RunReport()
        # Entries are marked only once their articles are stored: a round cut short is redone.
        for spec, entries in handled:
            self.states.record_entries(
                spec.url,
                [
                    (
                        h.entry.key,
                        h.entry.metadata.url,
                        h.attempts,
                        h.stored or h.attempts >= self.config.max_entry_attempts,
                    )
                    for h in entries
                ],
                now=utc_stamp(now),
            )
        return RoundReport(started=utc_stamp(now), feeds=tuple(results), run=report)

    def _poll_feed(
        self, spec: FeedSpec, now: datetime
    ) -> tuple[FeedResult, list[_Handled], tuple[Problem, ...]]:
        state = self.states.get(spec.url)
        if state.retry_after is not None and _parse_iso(state.retry_after) > now:
            return (
                FeedResult(
                    spec.url, "waiting", retry_after=state.retry_after, failures=state.failures
                ),
                [],
                (),
            )
        guard = LinkGuard.for_feed(spec.url, resolve=self.resolve)
        headers = {}
        if state.etag:
            headers["If-None-Match"] = state.etag
        if state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        try:
            fetched = self._fetch(spec.url, headers, guard)
            parsed = None if fetched.status == 304 else parse_feed(spec.url, fetched.body)
        except IngestError as exc:
            return self._failed(state, exc.reason, now), [], ()
        polled = dataclasses.replace(
            state,
            failures=0,
            retry_after=None,
            last_polled=utc_stamp(now),
            last_ok=utc_stamp(now),
            last_error=None,
        )
        if parsed is None:
            self.states.save(polled)
            return FeedResult(spec.url, "not modified"), [], ()
        pending = self.states.pending(spec.url, [e.key for e in parsed.entries])
        entries = [
            self._entry(spec, parsed, entry, pending[entry.key] + 1, guard)
            for entry in _unique(parsed.entries)
            if entry.key in pending
        ]
        # Validators are kept only when every entry is done with: otherwise the next poll must
        # get the whole feed again, to retry the entries that failed.
        settled = all(h.stored or h.attempts >= self.config.max_entry_attempts for h in entries)
        self.states.save(
            dataclasses.replace(
                polled,
                etag=fetched.etag if settled else None,
                last_modified=fetched.last_modified if settled else None,
            )
        )
        status: FeedStatus = "new" if pending else "unchanged"
        return FeedResult(spec.url, status, new_entries=len(pending)), entries, parsed.warnings

    def _failed(self, state: FeedState, reason: str, now: datetime) -> FeedResult:
        failures = state.failures + 1
        retry = utc_stamp(now + timedelta(seconds=self.config.backoff_after(failures)))
        self.states.save(
            dataclasses.replace(
                state,
                failures=failures,
                retry_after=retry,
                last_polled=utc_stamp(now),
                last_error=reason,
            )
        )
        return FeedResult(state.url, "failed", reason=reason, retry_after=retry, failures=failures)

    def _entry(
        self, spec: FeedSpec, feed: ParsedFeed, entry: FeedEntry, attempts: int, guard: LinkGuard
    ) -> _Handled:
        """Read an entry's page; fall back to the entry's own text when the page fails."""
        # A relative link is relative to the feed (feedparser is told not to resolve links).
        link = urljoin(spec.url, entry.metadata.url) if entry.metadata.url else None
        # The feeds file's outlet name is the user's word; then the page's site name; the
        # feed's title and the host fill in. The entry's title, date and author are the
        # publisher's structured data and win over what is scraped from the page.
        given = Metadata(outlet=spec.outlet).merged_over(
            dataclasses.replace(entry.metadata, outlet=None, url=link)
        )
        fallback = Metadata(outlet=feed.outlet or url_host(link or spec.url))
        if link and urlsplit(link).scheme not in ("http", "https"):
            failure = "entry link is not an http or https URL"
        elif link:
            try:
                page = self._fetch(link, {}, guard)
                items = read_page(link, page.body, content_type=page.content_type, metadata=given)
            except IngestError as exc:
                failure = f"page not read ({exc.reason})"
            else:
                return _Handled(entry, tuple(_filled(i, fallback) for i in items), attempts)
        else:
            failure = "entry has no link"
        where = link or spec.url
        line = None if link else entry.number
        if not entry.text:
            problem = Problem(where, f"{failure}; the feed entry has no text of its own", line=line)
            return _Handled(entry, (problem,), attempts)
        note = Problem(
            where, f"{failure}; stored the feed entry's own text", line=line, severity="warning"
        )
        document = RawDocument(
            source=where,
            text=entry.text,
            metadata=given.merged_over(fallback),
            kind="feed",
            line=line,
        )
        return _Handled(entry, (note, *entry.warnings, document), attempts)

    def _fetch(self, url: str, headers: dict[str, str], guard: LinkGuard) -> Fetched:
        """Fetch ``url`` if its host's robots.txt allows it, after the host's pause."""
        if not self.manners.robots_known(url):
            self._learn_robots(url, guard)
        if not self.manners.allowed(url):
            raise FetchError(url, "disallowed by the site's robots.txt")
        return self._get(url, guard, headers=headers, max_bytes=self.config.max_bytes)

    def _learn_robots(self, url: str, guard: LinkGuard) -> None:
        try:
            answer = self._get(robots_url(url), guard, max_bytes=ROBOTS_MAX_BYTES)
        except FetchError as exc:
            self.manners.learn_robots(url, exc.status, "")
        else:
            self.manners.learn_robots(url, 200, answer.body.decode("utf-8", errors="replace"))

    def _get(
        self,
        url: str,
        guard: LinkGuard,
        *,
        max_bytes: int,
        headers: dict[str, str] | None = None,
    ) -> Fetched:
        """One GET after the host's pause, within the configured limits, each hop guarded."""
        self.manners.pause(url)
        return fetch(
            self.client,
            url,
            max_bytes=max_bytes,
            timeout=self.config.timeout,
            headers=headers,
            timer=self.timer,
            max_redirects=self.config.max_redirects,
            guard=guard.check,
        )

    def _run_pipeline(self, items: list[RawDocument | Problem]) -> RunReport:
        from sitroom.pipeline import (
            analyse_pending,
            ingest_documents,
            link_pending,
            load_linker,
            load_resources,
        )

        if self._resources is None:
            self._resources = load_resources()
        report = ingest_documents(
            items,
            store=self.store,
            settings=self.settings,
            resources=self._resources,
            clock=self.clock,
        )
        if not report.new:
            return report
        if self._analyser is None:
            from sitroom.analyse import load_analyser

            self._analyser = load_analyser(self.settings)
        if self._linker is None:
            self._linker = load_linker()
        analysed = analyse_pending(self.store, analyser=self._analyser, clock=self.clock)
        linked = link_pending(self.store, linker=self._linker)
        return dataclasses.replace(report, analysed=analysed, linked=linked)


def _filled(item: RawDocument | Problem, fallback: Metadata) -> RawDocument | Problem:
    if isinstance(item, RawDocument):
        return dataclasses.replace(item, metadata=item.metadata.merged_over(fallback))
    return item


def _unique(entries: Sequence[FeedEntry]) -> list[FeedEntry]:
    # A feed may list one entry twice; it is handled once.
    seen: set[str] = set()
    kept = []
    for entry in entries:
        if entry.key not in seen:
            seen.add(entry.key)
            kept.append(entry)
    return kept


def _parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
