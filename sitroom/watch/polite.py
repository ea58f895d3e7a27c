"""Manners of the watcher: robots.txt, a pause between requests to one host, no private links.

- robots.txt: each host's rules are fetched once a day (``robots_ttl``) and read with the
  standard library's parser, for sitroom's User-Agent. As RFC 9309 says, a robots.txt that
  is missing (any 4xx) allows everything, and one that cannot be fetched (5xx, timeout,
  refused connection) forbids everything until it is fetched again.
- Pace: requests to one host are ``host_delay`` seconds apart, or the robots.txt
  ``Crawl-delay`` when that is longer (capped at ``MAX_CRAWL_DELAY``).
- Private links: a feed on the public internet may not send the watcher to a loopback,
  private, link-local or otherwise non-public address (an entry link or a redirect to the
  machine's own services). Feeds the operator serves on such addresses themselves (an
  intranet, a test server) may link within them. The check resolves the name before the
  request; a name that resolves differently a moment later is not caught.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from sitroom.errors import FetchError

if TYPE_CHECKING:
    from sitroom.watch.fetch import Timer

Resolver = Callable[[str], Sequence[str]]
"""Gives the IP addresses a host name resolves to."""
Sleeper = Callable[[float], None]

MAX_CRAWL_DELAY = 60.0
"""The longest pause a robots.txt ``Crawl-delay`` may ask for, in seconds."""
ROBOTS_MAX_BYTES = 512 * 1024
"""robots.txt beyond this size is not read (RFC 9309 asks parsers to read at least 500 KiB)."""


def resolve_host(host: str) -> list[str]:
    """The addresses ``host`` resolves to (an IP literal resolves to itself)."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(host, f"cannot resolve host: {exc}") from exc
    return sorted({str(info[4][0]) for info in infos})


def is_public(address: str) -> bool:
    """True for an address on the public internet (not loopback, private, link-local ...)."""
    try:
        return ipaddress.ip_address(address.split("%", 1)[0]).is_global
    except ValueError:
        return False


@dataclass(frozen=True, slots=True)
class LinkGuard:
    """Refuses URLs on non-public addresses, unless the feed itself is on one."""

    allow_private: bool
    resolve: Resolver = resolve_host

    @classmethod
    def for_feed(cls, feed_url: str, *, resolve: Resolver = resolve_host) -> LinkGuard:
        """The guard for links found in the feed at ``feed_url``."""
        host = urlsplit(feed_url).hostname or ""
        try:
            addresses = resolve(host)
        except FetchError:
            # A feed that cannot be resolved fails on its own fetch; its links get no leeway.
            return cls(allow_private=False, resolve=resolve)
        return cls(allow_private=not all(is_public(a) for a in addresses), resolve=resolve)

    def check(self, url: str) -> None:
        """Raise FetchError when ``url`` may not be fetched for this feed."""
        if self.allow_private:
            return
        host = urlsplit(url).hostname or ""
        addresses = self.resolve(host)
        private = [a for a in addresses if not is_public(a)]
        if private:
            raise FetchError(
                url, f"refused: {host} is a non-public address ({private[0]}) and the feed is not"
            )


@dataclass(slots=True)
class Manners:
    """Per host: the robots.txt rules in force and when the last request was sent."""

    agent: str
    host_delay: float
    robots_ttl: float
    timer: Timer
    sleep: Sleeper
    _robots: dict[str, tuple[float, RobotFileParser | None]] = field(default_factory=dict)
    _last: dict[str, float] = field(default_factory=dict)

    def robots_known(self, url: str) -> bool:
        """True when the rules of the URL's host are held and not older than ``robots_ttl``."""
        held = self._robots.get(_origin(url))
        return held is not None and self.timer() - held[0] < self.robots_ttl

    def learn_robots(self, url: str, status: int | None, text: str) -> None:
        """Keep what fetching the host's robots.txt gave: its text (200), a 4xx, or a failure."""
        if status is not None and 400 <= status < 500:
            rules: RobotFileParser | None = _parser("")
        elif status == 200:
            rules = _parser(text)
        else:
            rules = None
        self._robots[_origin(url)] = (self.timer(), rules)

    def allowed(self, url: str) -> bool:
        """True when the host's robots.txt lets sitroom fetch ``url``."""
        held = self._robots.get(_origin(url))
        if held is None:
            return True
        rules = held[1]
        return rules is not None and rules.can_fetch(self.agent, url)

    def pause(self, url: str) -> None:
        """Wait until the host of ``url`` may be asked again, then note this request."""
        origin = _origin(url)
        delay = self.host_delay
        held = self._robots.get(origin)
        if held is not None and held[1] is not None:
            asked = held[1].crawl_delay(self.agent)
            if asked is not None:
                delay = max(delay, min(float(asked), MAX_CRAWL_DELAY))
        last = self._last.get(origin)
        if last is not None:
            wait = delay - (self.timer() - last)
            if wait > 0:
                self.sleep(wait)
        self._last[origin] = self.timer()


def robots_url(url: str) -> str:
    """The robots.txt URL of the host of ``url``."""
    return f"{_origin(url)}/robots.txt"


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".casefold()


def _parser(text: str) -> RobotFileParser:
    parser = RobotFileParser()
    parser.parse(text.splitlines())
    return parser
