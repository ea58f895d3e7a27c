"""Watching feeds against a local HTTP server: conditional GETs, isolation, limits, backoff."""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sitroom.cli import main
from sitroom.errors import ConfigError, FetchError
from sitroom.settings import Settings
from sitroom.store import Store, open_store
from sitroom.watch import (
    FeedSpec,
    FeedStateStore,
    WatchConfig,
    Watcher,
    build_client,
    fetch,
    parse_feed_list,
)
from sitroom.watch.polite import LinkGuard, is_public

CONTACT = "https://sitroom.example/contact"
LIMIT = 64 * 1024


# --- the local server -----------------------------------------------------------------------


@dataclass
class Answer:
    """What the server sends for one path."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    stream: int = 0
    """Bytes sent in chunks, without a Content-Length, instead of ``body``."""
    trickle: float = 0.0
    """Seconds between the bytes of ``body`` when they are sent one at a time."""
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class Site:
    """The server's routes and the requests it received (path and headers)."""

    routes: dict[str, Answer] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    base: str = ""

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> list[dict[str, str]]:
        return [headers for p, headers in self.requests if p == path]


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        site = self.server.site
        site.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
        answer = site.routes.get(self.path, Answer(b"not here", status=404))
        if answer.delay:
            time.sleep(answer.delay)
        etag = answer.etag
        if etag is not None and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.end_headers()
            return
        if (
            answer.last_modified is not None
            and self.headers.get("If-Modified-Since") == answer.last_modified
        ):
            self.send_response(304)
            self.end_headers()
            return
        try:
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.content_type)
            for name, value in answer.headers.items():
                self.send_header(name, value)
            if etag is not None:
                self.send_header("ETag", etag)
            if answer.last_modified is not None:
                self.send_header("Last-Modified", answer.last_modified)
            if not answer.stream and "Content-Length" not in answer.headers:
                self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            if answer.stream:
                chunk = b"<p>" + b"x" * 8000 + b"</p>\n"
                for _ in range(answer.stream // len(chunk) + 1):
                    self.wfile.write(chunk)
            elif answer.trickle:
                for byte in answer.body:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(answer.trickle)
            else:
                self.wfile.write(answer.body)
        except (BrokenPipeError, ConnectionResetError):
            # The client gave up on purpose (size limit); nothing to do.
            pass

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # A handler still sleeping (the slow feed) must not hold up the end of a test.
    block_on_close = False

    def __init__(self, site: Site) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.site = site


@pytest.fixture
def site() -> Iterator[Site]:
    """A local HTTP server on 127.0.0.1 in a thread, serving the routes the test sets."""
    served = Site()
    server = _Server(served)
    served.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield served
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


# --- fixture feeds and pages ----------------------------------------------------------------


def page(title: str, *paragraphs: str, site_name: str | None = None) -> bytes:
    meta = f'<meta property="og:site_name" content="{site_name}">' if site_name else ""
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (
        f"<!doctype html><html lang='en'><head><title>{title}</title>{meta}</head>"
        f"<body><article><h1>{title}</h1>\n{body}</article></body></html>"
    ).encode()


FERRY = page(
    "Ferry back on the river",
    "The small river ferry started running again on Monday after a month of repairs.",
    "Town officials said the boat would make six crossings a day until the end of summer.",
    "Riders said they were glad to skip the long drive around the lake to the market.",
    site_name="Lakeside Gazette",
)
LIBRARY = page(
    "Library opens late",
    "The town library will stay open until nine in the evening on weekdays from next month.",
    "The council said the longer hours were paid for by savings on heating the old building.",
    "Students had asked for a quiet place to work after the schools close in the afternoon.",
)
MARKET = page(
    "Market moves to the square",
    "The weekly farmers market will move to the church square while the hall is repaired.",
    "Stall holders said the square had more room for the spring plant sale than the hall.",
    "The repairs to the roof of the hall are expected to take about three months in all.",
)


def rss(title: str, *items: tuple[str, str, str, str]) -> bytes:
    """An RSS 2.0 feed; each item is (guid, link, title, description)."""
    body = "".join(
        f"<item><guid>{guid}</guid><link>{link}</link><title>{head}</title>"
        f"<pubDate>Tue, 17 Jun 2014 08:00:00 GMT</pubDate>"
        + (f"<description>{text}</description>" if text else "")
        + "</item>"
        for guid, link, head, text in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>https://courier.example/</link>{body}</channel></rss>"
    ).encode()


def feed_answer(body: bytes, *, etag: str | None = None, last_modified: str | None = None):
    return Answer(
        body, content_type="application/rss+xml", etag=etag, last_modified=last_modified
    )


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2014, 6, 17, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


CONFIG = WatchConfig(
    interval=60,
    timeout=0.5,
    max_bytes=LIMIT,
    max_redirects=3,
    backoff=60,
    max_backoff=300,
    contact=CONTACT,
    # The tests below that are not about pacing do not wait between requests.
    host_delay=0.0,
)


@pytest.fixture
def make_watcher(
    tmp_path: Path, resources, analyser, store_location: str | Path
) -> Iterator[Callable[..., tuple[Watcher, FakeClock, Store]]]:
    """Build a watcher over a fresh store with a fake clock; closes what it opened."""
    opened: list = []

    def make(feeds: list[FeedSpec], *, config: WatchConfig = CONFIG, sleeps: list | None = None):
        settings = Settings(db=tmp_path / "watch.db", max_bytes=LIMIT)
        # The SQLite variant keeps its own file name; the PostgreSQL one is a fresh schema.
        store = open_store(store_location if isinstance(store_location, str) else settings.db)
        client = build_client(config, trust_env=False)
        opened.extend([store, client])
        clock = FakeClock()
        watcher = Watcher(
            feeds,
            client=client,
            store=store,
            settings=settings,
            config=config,
            clock=clock,
            sleep=(sleeps.append if sleeps is not None else lambda _s: None),
            resources=resources,
            analyser=analyser,
        )
        return watcher, clock, store

    yield make
    for thing in opened:
        thing.close()


# --- the feeds file -------------------------------------------------------------------------


def test_feed_list_format() -> None:
    text = (
        "# news feeds\n\n"
        "https://courier.example/rss\tValley Courier\n"
        "  https://gazette.example/atom.xml  \n"
        "https://courier.example/rss\tAgain\n"
    )
    assert parse_feed_list(text, name="feeds.txt") == (
        FeedSpec("https://courier.example/rss", "Valley Courier"),
        FeedSpec("https://gazette.example/atom.xml", None),
    )
    with pytest.raises(ConfigError, match=r"feeds.txt:2: not an http or https URL"):
        parse_feed_list("# x\nftp://example.org/feed\n", name="feeds.txt")
    with pytest.raises(ConfigError, match=r"feeds.txt:1: a URL cannot hold spaces"):
        parse_feed_list("https://example.org/feed Valley Courier\n", name="feeds.txt")
    with pytest.raises(ConfigError, match="no feeds listed"):
        parse_feed_list("# nothing\n", name="feeds.txt")


def test_feeds_files_that_cannot_be_read_are_refused_with_their_path(tmp_path: Path) -> None:
    from sitroom.watch.feedlist import read_feed_list

    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\xff\xfe\x00\x81garbage\x00" * 10)
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"# padding\n" * 200_000)
    cases = {
        tmp_path / "missing.txt": "cannot read feeds file",
        binary: "not UTF-8 text",
        huge: "larger than 1 MB",
        tmp_path: "cannot read feeds file",
    }
    for path, reason in cases.items():
        with pytest.raises(ConfigError, match=reason) as failure:
            read_feed_list(path)
        assert str(path) in str(failure.value)


# --- rounds ---------------------------------------------------------------------------------


def test_new_entries_are_ingested_once_then_the_feed_is_asked_conditionally(site, make_watcher):
    stamp = "Tue, 17 Jun 2014 09:00:00 GMT"
    site.routes["/feed"] = feed_answer(
        rss(
            "Valley Courier",
            ("c-1", site.url("/ferry"), "Ferry back", ""),
            ("c-2", site.url("/library"), "Library opens late", ""),
        ),
        etag='"v1"',
        last_modified=stamp,
    )
    site.routes["/ferry"] = Answer(FERRY)
    site.routes["/library"] = Answer(LIBRARY)
    watcher, clock, store = make_watcher([FeedSpec(site.url("/feed"))])

    first = watcher.poll()
    assert first.ok, first
    (result,) = first.feeds
    assert (result.status, result.new_entries) == ("new", 2)
    assert (first.run.new, first.run.analysed, first.run.linked) == (2, 2, 2)
    articles = {a.metadata.url: a for a in store.iter_articles()}
    ferry = articles[site.url("/ferry")]
    # The page's site name; the feed's title where the page names no site.
    assert ferry.metadata.outlet == "Lakeside Gazette"
    assert articles[site.url("/library")].metadata.outlet == "Valley Courier"
    # The entry's own title and date win over the page's.
    assert ferry.title == "Ferry back"
    assert ferry.published == "2014-06-17"
    assert "six crossings a day" in ferry.text
    (request,) = site.hits("/feed")
    assert request["user-agent"].startswith("sitroom/")
    assert CONTACT in request["user-agent"]
    assert "if-none-match" not in request

    clock.advance(60)
    second = watcher.poll()
    assert second.ok
    assert second.feeds[0].status == "not modified"
    assert second.run.new == 0
    conditional = site.hits("/feed")[-1]
    assert conditional["if-none-match"] == '"v1"'
    assert conditional["if-modified-since"] == stamp

    # The feed changes: only the new entry's page is fetched.
    site.routes["/feed"] = feed_answer(
        rss(
            "Valley Courier",
            ("c-3", site.url("/market"), "Market moves", ""),
            ("c-1", site.url("/ferry"), "Ferry back", ""),
            ("c-2", site.url("/library"), "Library opens late", ""),
        ),
        etag='"v2"',
    )
    site.routes["/market"] = Answer(MARKET)
    clock.advance(60)
    third = watcher.poll()
    assert third.feeds[0].new_entries == 1
    assert third.run.new == 1
    assert [len(site.hits(p)) for p in ("/ferry", "/library", "/market")] == [1, 1, 1]
    assert store.count("articles") == 3


def test_bad_feeds_fail_alone_and_are_reported(site, make_watcher):
    site.routes["/good"] = feed_answer(rss("Courier", ("g-1", site.url("/ferry"), "Ferry", "")))
    site.routes["/ferry"] = Answer(FERRY)
    site.routes["/slow"] = Answer(rss("Slow", ("s", "x", "x", "x")), delay=2.0)
    # Each byte comes within the read timeout, the whole answer never does.
    site.routes["/trickle"] = Answer(rss("Trickle", ("t", "x", "x", "x")), trickle=0.1)
    site.routes["/huge"] = Answer(content_type="application/rss+xml", stream=4 * LIMIT)
    site.routes["/declared"] = Answer(
        b"<rss>", content_type="application/rss+xml", headers={"Content-Length": "999999999"}
    )
    site.routes["/broken"] = feed_answer(
        b"<?xml version='1.0'?><rss version='2.0'><channel><title>A & B</title></chan"
    )
    site.routes["/loop"] = Answer(status=302, headers={"Location": "/loop"})
    site.routes["/error"] = Answer(b"oops", status=500)
    bad = ["/slow", "/trickle", "/huge", "/broken", "/loop", "/error"]
    feeds = [FeedSpec(site.url(p)) for p in [*bad[:3], "/good", *bad[3:]]]
    watcher, _, store = make_watcher(feeds)

    started = time.monotonic()
    report = watcher.poll()
    assert time.monotonic() - started < 10
    assert not report.ok
    assert store.count("articles") == 1
    reasons = {f.url.removeprefix(site.base): f.reason for f in report.failed}
    assert set(reasons) == set(bad)
    assert reasons["/slow"] == "timed out (no answer within 0.5 s)"
    assert reasons["/trickle"] == "timed out (answer not complete within 0.5 s)"
    assert reasons["/huge"] == "answer larger than the 64 KB limit"
    assert reasons["/broken"].startswith("broken feed XML")
    assert reasons["/loop"] == "too many redirects"
    assert reasons["/error"] == "HTTP 500 Internal Server Error"
    assert len(site.hits("/loop")) == 4

    # A declared length past the limit is refused before the body is read.
    single, _, _ = make_watcher([FeedSpec(site.url("/declared"))])
    (declared,) = single.poll().failed
    assert declared.reason == "answer larger than the 64 KB limit (953.7 MB)"


def test_backoff_grows_after_failures_and_resets_after_a_success(site, make_watcher):
    site.routes["/feed"] = Answer(b"down", status=503)
    watcher, clock, store = make_watcher([FeedSpec(site.url("/feed"))])
    states = FeedStateStore(store)

    first = watcher.poll().feeds[0]
    assert (first.status, first.failures) == ("failed", 1)
    assert first.retry_after == "2014-06-17T12:01:00Z"
    # Within the backoff the feed is left alone.
    clock.advance(30)
    assert watcher.poll().feeds[0].status == "waiting"
    assert len(site.hits("/feed")) == 1

    clock.advance(30)
    second = watcher.poll().feeds[0]
    assert (second.status, second.failures) == ("failed", 2)
    assert second.retry_after == "2014-06-17T12:03:00Z"
    clock.advance(120)
    third = watcher.poll().feeds[0]
    assert third.retry_after == "2014-06-17T12:07:00Z"
    clock.advance(240)
    fourth = watcher.poll().feeds[0]
    # Capped at max_backoff (300 s).
    assert fourth.retry_after == "2014-06-17T12:12:00Z"
    assert states.get(site.url("/feed")).last_error == "HTTP 503 Service Unavailable"

    site.routes["/feed"] = feed_answer(rss("Courier", ("g-1", site.url("/ferry"), "Ferry", "")))
    site.routes["/ferry"] = Answer(FERRY)
    clock.advance(300)
    ok = watcher.poll().feeds[0]
    assert ok.status == "new"
    state = states.get(site.url("/feed"))
    assert (state.failures, state.retry_after, state.last_error) == (0, None, None)

    site.routes["/feed"] = Answer(b"down", status=503)
    clock.advance(60)
    again = watcher.poll().feeds[0]
    assert (again.failures, again.retry_after) == (1, "2014-06-17T12:14:00Z")


def test_an_entry_whose_page_fails_falls_back_to_its_own_text(site, make_watcher):
    text = (
        "The harbour bridge reopened to traffic on Tuesday after the storm damage was repaired."
    )
    site.routes["/feed"] = feed_answer(
        rss(
            "Courier",
            ("e-1", site.url("/gone"), "Bridge reopens", text),
            ("e-2", "/missing", "Nothing to read", ""),
        )
    )
    watcher, clock, store = make_watcher([FeedSpec(site.url("/feed"), "Harbour Herald")])

    report = watcher.poll()
    assert not report.ok
    (article,) = store.iter_articles()
    assert article.text == text
    assert article.metadata.outlet == "Harbour Herald"
    assert article.metadata.url == site.url("/gone")
    messages = {(p.severity, p.message) for p in report.run.problems}
    assert messages == {
        (
            "warning",
            f"{site.url('/gone')}: page not read (HTTP 404 Not Found);"
            " stored the feed entry's own text",
        ),
        (
            "error",
            f"{site.url('/missing')}: page not read (HTTP 404 Not Found);"
            " the feed entry has no text of its own",
        ),
    }
    # The relative link was resolved against the feed's URL. The unread entry is tried again
    # on the next polls (the feed is fetched whole), then given up after max_entry_attempts.
    for _ in range(3):
        clock.advance(60)
        watcher.poll()
    assert len(site.hits("/missing")) == 3
    assert len(site.hits("/gone")) == 1


def test_watch_loops_with_the_given_sleeper(site, make_watcher):
    site.routes["/feed"] = feed_answer(rss("Courier", ("g-1", site.url("/ferry"), "F", "")))
    site.routes["/ferry"] = Answer(FERRY)
    sleeps: list[float] = []
    watcher, _, _ = make_watcher([FeedSpec(site.url("/feed"))], sleeps=sleeps)
    seen = []
    watcher.watch(rounds=3, on_round=seen.append)
    assert [r.run.new for r in seen] == [1, 0, 0]
    assert len(sleeps) == 2
    assert all(0 < s <= 60 for s in sleeps)


def test_cli_watch_once_exit_code_says_a_feed_failed(site, cli, tmp_path, monkeypatch):
    site.routes["/feed"] = feed_answer(rss("Courier", ("g-1", site.url("/ferry"), "Ferry", "")))
    site.routes["/ferry"] = Answer(FERRY)
    site.routes["/error"] = Answer(b"oops", status=500)
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# two\n{site.url('/feed')}\tCourier\n{site.url('/error')}\n")
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SITROOM_WATCH_CONTACT", CONTACT)
    monkeypatch.setenv("SITROOM_WATCH_TIMEOUT", "2")
    result = cli.invoke(main, ["watch", str(feeds), "--once", "--db", str(tmp_path / "w.db")])
    assert result.exit_code == 1, result.output
    assert f"error: {site.url('/error')}: HTTP 500 Internal Server Error" in result.stderr
    assert "1 new articles stored" in result.stdout

    site.routes.pop("/error")
    feeds.write_text(f"{site.url('/feed')}\n")
    again = cli.invoke(main, ["watch", str(feeds), "--once", "--db", str(tmp_path / "w.db")])
    assert again.exit_code == 0, again.output
    # The server sends no validators, so the feed comes whole again, with nothing new in it.
    assert "(1 unchanged)" in again.stdout
    assert "0 new articles stored" in again.stdout


# --- manners: robots.txt, pace, private addresses -------------------------------------------


def test_robots_txt_is_read_once_and_obeyed(site, make_watcher):
    site.routes["/robots.txt"] = Answer(
        b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )
    site.routes["/feed"] = feed_answer(
        rss(
            "Courier",
            ("g-1", site.url("/ferry"), "Ferry", ""),
            ("g-2", site.url("/private/ferry"), "Hidden ferry", "The ferry runs again."),
        )
    )
    site.routes["/ferry"] = Answer(FERRY)
    site.routes["/private/ferry"] = Answer(FERRY)
    watcher, _, store = make_watcher([FeedSpec(site.url("/feed"))])

    report = watcher.poll()
    assert site.hits("/private/ferry") == []
    assert len(site.hits("/robots.txt")) == 1
    assert store.count("articles") == 2
    messages = [p.message for p in report.run.problems]
    assert any("disallowed by the site's robots.txt" in m for m in messages)


def test_a_robots_txt_that_fails_forbids_the_host_for_now(site, make_watcher):
    site.routes["/robots.txt"] = Answer(b"down", status=503)
    site.routes["/feed"] = feed_answer(rss("Courier", ("g-1", site.url("/ferry"), "Ferry", "")))
    watcher, _, _ = make_watcher([FeedSpec(site.url("/feed"))])

    (failed,) = watcher.poll().failed
    assert failed.reason == "disallowed by the site's robots.txt"
    assert site.hits("/feed") == []


def test_requests_to_one_host_are_paced_by_the_larger_delay(site, make_watcher):
    site.routes["/robots.txt"] = Answer(b"User-agent: *\nCrawl-delay: 7\n")
    site.routes["/feed"] = feed_answer(rss("Courier", ("g-1", site.url("/ferry"), "Ferry", "")))
    site.routes["/ferry"] = Answer(FERRY)
    sleeps: list[float] = []
    watcher, _, _ = make_watcher(
        [FeedSpec(site.url("/feed"))],
        config=dataclasses.replace(CONFIG, host_delay=2.0),
        sleeps=sleeps,
    )
    watcher.poll()
    # robots.txt first; then the feed and its page each wait for the 7 s it asks, not 2 s.
    assert len(sleeps) == 2
    assert all(6.0 < s <= 7.0 for s in sleeps)


def test_a_public_feed_may_not_send_the_watcher_to_private_addresses(site, make_watcher):
    public = "http://news.example/feed"
    site.routes["/hop"] = Answer(status=302, headers={"Location": site.url("/ferry")})
    site.routes["/ferry"] = Answer(FERRY)
    watcher, _, _ = make_watcher([FeedSpec(site.url("/feed"))])
    # The feed's host resolves to a public address; the links point at this machine.
    watcher.resolve = lambda host: ["93.184.216.34"] if host == "news.example" else ["127.0.0.1"]
    guard = LinkGuard.for_feed(public, resolve=watcher.resolve)
    assert not guard.allow_private
    with pytest.raises(FetchError, match=r"refused: 127\.0\.0\.1 is a non-public address"):
        fetch(watcher.client, site.url("/ferry"), max_bytes=LIMIT, timeout=2, guard=guard.check)
    # A redirect is checked before it is followed (here a guard refusing one path).
    with pytest.raises(FetchError, match="refused"):
        fetch(
            watcher.client,
            site.url("/hop"),
            max_bytes=LIMIT,
            timeout=2,
            guard=_refuse_path("/ferry"),
        )
    assert site.hits("/ferry") == []
    # A feed served on a private address (this test server) may link within it.
    assert LinkGuard.for_feed(site.url("/feed")).allow_private


def _refuse_path(path: str) -> Callable[[str], None]:
    def check(url: str) -> None:
        if url.endswith(path):
            raise FetchError(url, "refused: test")

    return check


def test_addresses_that_are_not_public() -> None:
    assert is_public("93.184.216.34")
    for address in ("127.0.0.1", "10.1.2.3", "192.168.0.9", "169.254.169.254", "::1", "fd00::1"):
        assert not is_public(address), address
