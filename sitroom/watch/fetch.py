"""Fetching one URL politely and safely: a time limit, a size limit, a redirect limit."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from sitroom import __version__
from sitroom.errors import FetchError
from sitroom.ingest.sources import format_size
from sitroom.watch.config import WatchConfig

if TYPE_CHECKING:
    import httpx

Timer = Callable[[], float]

_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/html;q=0.9,"
    " text/xml;q=0.8, text/plain;q=0.5, */*;q=0.1"
)


@dataclass(frozen=True, slots=True)
class Fetched:
    """One answer: 200 with its body, or 304 (not modified) with none."""

    url: str
    """The URL asked for."""
    final_url: str
    """Where the answer came from, after redirects."""
    status: int
    body: bytes
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None


def user_agent(contact: str) -> str:
    """The User-Agent: sitroom and its version, and the operator's contact when there is one."""
    return f"sitroom/{__version__} (+{contact})" if contact else f"sitroom/{__version__}"


def build_client(config: WatchConfig, *, trust_env: bool = True) -> httpx.Client:
    """An HTTP client with sitroom's User-Agent, timeouts and redirect limit.

    ``trust_env`` lets the client use the proxy settings of the environment.
    """
    import httpx

    return httpx.Client(
        headers={"User-Agent": user_agent(config.contact), "Accept": _ACCEPT},
        timeout=httpx.Timeout(config.timeout),
        follow_redirects=True,
        max_redirects=config.max_redirects,
        trust_env=trust_env,
    )


def fetch(
    client: httpx.Client,
    url: str,
    *,
    max_bytes: int,
    timeout: float,
    headers: Mapping[str, str] | None = None,
    timer: Timer = time.monotonic,
    max_redirects: int = 5,
    guard: Callable[[str], None] | None = None,
) -> Fetched:
    """GET ``url``: return a 200 or 304 answer, or raise FetchError naming the URL and why.

    The body is streamed and abandoned as soon as it is past ``max_bytes`` or the whole
    answer takes longer than ``timeout`` (the client's own timeouts bound each wait, not
    a server that trickles bytes). Redirects are followed here, up to ``max_redirects``, so
    that ``guard`` (which raises FetchError for a URL that may not be fetched) sees each one.
    """
    import httpx

    started = timer()
    current = url
    try:
        for _ in range(max_redirects + 1):
            if guard is not None:
                guard(current)
            with client.stream(
                "GET", current, headers=dict(headers or {}), follow_redirects=False
            ) as response:
                status = response.status_code
                location = response.headers.get("Location")
                if response.is_redirect and location:
                    current = urljoin(str(response.url), location)
                    continue
                if status not in (200, 304):
                    raise FetchError(
                        url, f"HTTP {status}{_phrase(response.reason_phrase)}", status=status
                    )
                body = (
                    b""
                    if status == 304
                    else _read_body(
                        response,
                        url,
                        max_bytes=max_bytes,
                        timeout=timeout,
                        timer=timer,
                        started=started,
                    )
                )
                return Fetched(
                    url=url,
                    final_url=str(response.url),
                    status=status,
                    body=body,
                    content_type=response.headers.get("Content-Type"),
                    etag=response.headers.get("ETag"),
                    last_modified=response.headers.get("Last-Modified"),
                )
    except httpx.TimeoutException as exc:
        raise FetchError(url, f"timed out (no answer within {timeout:g} s)") from exc
    except httpx.HTTPError as exc:
        raise FetchError(url, f"cannot fetch: {_short(exc)}") from exc
    except httpx.InvalidURL as exc:
        raise FetchError(url, f"invalid URL: {_short(exc)}") from exc
    raise FetchError(url, "too many redirects")


def _read_body(
    response: httpx.Response,
    url: str,
    *,
    max_bytes: int,
    timeout: float,
    timer: Timer,
    started: float,
) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(url, f"{_too_large(max_bytes)} ({format_size(int(declared))})")
    chunks: list[bytes] = []
    size = 0
    # iter_bytes undoes gzip and deflate, so the limit holds for what is read, not what is sent;
    # without a chunk size it yields what arrives as it arrives, so a trickle is timed too.
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(url, _too_large(max_bytes))
        if timer() - started > timeout:
            raise FetchError(url, f"timed out (answer not complete within {timeout:g} s)")
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(max_bytes: int) -> str:
    return f"answer larger than the {format_size(max_bytes)} limit"


def _phrase(phrase: str) -> str:
    return f" {phrase}" if phrase else ""


def _short(exc: BaseException) -> str:
    text = " ".join((str(exc) or type(exc).__name__).split())
    return text if len(text) <= 80 else text[:77] + "..."
