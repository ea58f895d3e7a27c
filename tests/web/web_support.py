"""What the browser tests share besides fixtures: the hostile article, a threaded server, types."""

from __future__ import annotations

import os
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("SITROOM_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Markup in every field a reader sees; the page must show it as text and build nothing from it.
HOSTILE_TITLE = "<script>alert(1)</script> Protest <img src=x onerror=alert(2)>"
HOSTILE_TEXT = (
    "Hundreds of protesters marched through the centre of Lagos on Monday, police said. "
    "<script>alert(1)</script> The marchers carried banners reading "
    '<img src=x onerror="document.body.dataset.pwned=1"> and demanded lower fuel prices. '
    "Police said the march ended peacefully in the afternoon and nobody was arrested."
)


def require_libraries() -> None:
    """Skip (or, in CI, fail) when npm has not installed the map libraries."""
    from sitroom.web import INSTALL_HINT, Vendor

    missing = Vendor.load().missing()
    if not missing:
        return
    reason = f"{INSTALL_HINT} (missing: {', '.join(missing)})"
    if os.environ.get("SITROOM_REQUIRE_BROWSER") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


@dataclass(frozen=True, slots=True)
class Site:
    """A running server over the test store, and the ids the tests look for."""

    url: str
    hostile_article_id: str


def require_browser() -> None:
    reason = (
        f"{CHROMIUM} is missing: install it with `apt-get install -y chromium` "
        "(these tests never download a browser)"
    )
    if CHROMIUM.is_file():
        return
    if os.environ.get("SITROOM_REQUIRE_BROWSER") == "1":
        pytest.fail(f"SITROOM_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


@dataclass
class Server:
    """uvicorn in a thread, on a free loopback port."""

    app: Any
    url: str = ""
    _server: uvicorn.Server | None = None
    _thread: threading.Thread | None = None

    def __enter__(self) -> Server:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        config = uvicorn.Config(self.app, host="127.0.0.1", port=port, log_level="warning")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        self.url = f"http://127.0.0.1:{port}"
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._server is not None
        assert self._thread is not None
        self._server.should_exit = True
        self._thread.join(timeout=10)


@dataclass
class Watched:
    """A page with everything it reported: dialogs, script errors, console errors."""

    page: Any
    dialogs: list[str]
    errors: list[str]
