"""Web page fixtures: a store of the samples plus a hostile article, a live server, a browser.

The browser is the system Chromium (``apt-get install chromium``), driven by Playwright; the tests
never download one. Without it they skip, unless SITROOM_REQUIRE_BROWSER=1 (as in CI) makes the
absence a failure.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    HOSTILE_TEXT,
    HOSTILE_TITLE,
    REPO,
    Server,
    Site,
    Watched,
    require_browser,
    require_libraries,
)

from sitroom import pipeline
from sitroom.analyse import Analyser
from sitroom.api import ApiConfig, create_app
from sitroom.pipeline import Resources
from sitroom.settings import Settings
from sitroom.store import SQLiteStore


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """Where the browser tests leave their screenshots: test-output/web (git-ignored)."""
    folder = Path(os.environ.get("SITROOM_TEST_OUTPUT", REPO / "test-output")) / "web"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def web_store(
    tmp_path_factory: pytest.TempPathFactory,
    samples_dir: Path,
    resources: Resources,
    analyser: Analyser,
) -> tuple[Path, str]:
    """A store built by the pipeline from the two samples and one hostile article."""
    require_browser()  # before the slow pipeline, so that a skip is quick
    folder = tmp_path_factory.mktemp("web")
    hostile = folder / "hostile.json"
    hostile.write_text(
        json.dumps(
            {
                "title": HOSTILE_TITLE,
                "text": HOSTILE_TEXT,
                "outlet": "<b>Bold</b> Times",
                "published": "2014-06-18",
            }
        )
    )
    settings = Settings(db=folder / "sitroom.db")
    with SQLiteStore.open(settings.db) as store:
        report = pipeline.run(
            [str(samples_dir), str(hostile)],
            store=store,
            settings=settings,
            resources=resources,
            analyser=analyser,
        )
        assert report.ok, report.problems
        hostile_id = next(a.id for a in store.iter_articles() if a.source.endswith("hostile.json"))
    return settings.db, hostile_id


@pytest.fixture(scope="session")
def site(web_store: tuple[Path, str]) -> Iterator[Site]:
    """The app over the test store, served for the whole session."""
    require_libraries()
    db, hostile_id = web_store
    with Server(create_app(ApiConfig(db=db))) as server:
        yield Site(server.url, hostile_id)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless system Chromium, started once."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    """A fresh page (own storage) that records dialogs and errors; any dialog is dismissed."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    seen = Watched(page, [], [])

    def on_dialog(dialog: Any) -> None:
        seen.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    page.on(
        "console",
        lambda message: seen.errors.append(message.text) if message.type == "error" else None,
    )
    yield seen
    context.close()
