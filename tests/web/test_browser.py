"""The web page in a real browser, over the two sample reports and one hostile article."""

from __future__ import annotations

from pathlib import Path

import pytest
from web_support import HOSTILE_TITLE, Server, Site, Watched

import sitroom.web
from sitroom.api import ApiConfig, create_app

TAL_AFAR = (36.38, 42.45)
IRAQ_CENTRE = (34.69, 44.40)


def at(site: Site, lat: float, lon: float, zoom: int, route: str = "") -> str:
    return f"{site.url}/?at={lat},{lon},{zoom}{route}"


def test_tal_afar_marker_opens_both_reports(
    site: Site, watched: Watched, screenshots: Path
) -> None:
    page = watched.page
    page.goto(at(site, *TAL_AFAR, 9))
    marker = page.locator(".ev-marker[data-type='ASSAULT'][title*='Tal Afar']")
    marker.wait_for()
    assert float(marker.get_attribute("data-lat") or 0) == pytest.approx(TAL_AFAR[0], abs=0.02)
    assert float(marker.get_attribute("data-lon") or 0) == pytest.approx(TAL_AFAR[1], abs=0.02)
    page.screenshot(path=screenshots / "map-tal-afar.png")

    marker.click()
    evidence = page.locator("#panel .evidence-item")
    evidence.nth(1).wait_for()
    outlets = evidence.locator(".meta strong").all_text_contents()
    assert "The Herald (Glasgow)" in outlets
    assert len(set(outlets)) == 2
    # Each sentence is shown marked inside its own article's text.
    marks = page.locator("#panel .evidence-item mark.hit")
    marks.nth(1).wait_for()
    sentences = " ".join(marks.all_text_contents())
    assert "Tal Afar" in sentences
    assert "Sunni militants captured a strategic northern Iraqi city" in sentences
    assert page.locator(".ev-marker.selected").count() == 1
    page.screenshot(path=screenshots / "event-tal-afar.png")
    assert watched.errors == []


def test_hiding_hypothetical_events(site: Site, watched: Watched, screenshots: Path) -> None:
    page = watched.page
    page.goto(at(site, *IRAQ_CENTRE, 8))
    # Kerry's air and drone strikes are hypothetical, placed at Iraq (the country their sentences
    # name), with the US offer of support and a claimed event: clicking the cluster spreads them.
    cluster = page.locator(".ev-cluster[title*='hypothetical']")
    cluster.click()
    hypothetical = page.locator(".ev-marker[data-modality='hypothetical']")
    strikes = page.locator(".ev-marker[data-modality='hypothetical'][title*='strikes']")
    strikes.first.wait_for()
    page.screenshot(path=screenshots / "hypothetical-shown.png")

    page.get_by_label("hypothetical").uncheck()
    strikes.first.wait_for(state="detached")
    assert hypothetical.count() == 0
    assert page.locator(".ev-cluster[title*='hypothetical']").count() == 0
    assert page.locator(".ev-marker, .ev-cluster").count() > 0
    assert page.locator("#panel .event-item[data-modality='hypothetical']").count() == 0
    assert page.locator("#panel .event-item[data-modality='asserted']").count() > 0
    page.screenshot(path=screenshots / "hypothetical-hidden.png")
    assert watched.errors == []


def test_timeline_click_keeps_one_day(site: Site, watched: Watched, screenshots: Path) -> None:
    page = watched.page
    page.goto(at(site, *TAL_AFAR, 6))
    listed = page.locator("#panel .event-item")
    listed.first.wait_for()
    everything = listed.count()
    # A click on a bar (a drag of no length) keeps that one day: here, the fall of Tal Afar.
    page.locator(".timeline .bar", has=page.locator("title", has_text="15 Jun 2014:")).click()
    page.locator("#timeline-clear").wait_for()
    assert "15 Jun 2014 – 15 Jun 2014" in page.locator("#timeline-range").inner_text()
    assert listed.count() < everything
    assert listed.filter(has_text="captured Tal Afar").count() == 1
    assert listed.filter(has_text="overran Saqlawiya").count() == 0
    assert page.locator(".timeline .brush").count() == 1
    page.screenshot(path=screenshots / "timeline-one-day.png")
    page.locator("#timeline-clear").click()
    page.locator("#timeline-clear").wait_for(state="hidden")
    assert listed.count() == everything
    assert watched.errors == []


def test_story_shows_the_date_disagreement(site: Site, watched: Watched, screenshots: Path) -> None:
    page = watched.page
    page.goto(at(site, *TAL_AFAR, 6, "#/stories"))
    page.locator("#panel .story-item a", has_text="Iraqi city").click()
    conflict = page.locator("#panel .conflicts .conflict[data-field='date']", has_text="Tal Afar")
    conflict.wait_for()
    values = conflict.locator(".value").all_text_contents()
    assert sorted(values) == ["15 Jun 2014", "16 Jun 2014"]
    # Side by side, each outlet's column says which date it gave.
    columns = page.locator("#panel .outlet")
    assert columns.count() == 2
    told = {}
    for i in range(columns.count()):
        column = columns.nth(i)
        told[column.locator("h4").inner_text()] = column.locator(
            ".conflict .value"
        ).all_text_contents()
    assert sorted(v for dates in told.values() for v in dates) == ["15 Jun 2014", "16 Jun 2014"]
    assert told["The Herald (Glasgow)"] == ["15 Jun 2014"]

    # A citation opens the cited sentence inside its article.
    first = page.locator("#panel .summary-sentence").first
    first.locator("button.cite").first.click()
    cited = first.locator(".cited mark.hit")
    cited.wait_for()
    assert cited.inner_text().strip() == first.evaluate("p => p.firstChild.textContent").strip()
    page.screenshot(path=screenshots / "story.png")
    conflict.scroll_into_view_if_needed()
    page.screenshot(path=screenshots / "story-disagreement.png")
    assert watched.errors == []


def test_hostile_article_shows_as_text(site: Site, watched: Watched, screenshots: Path) -> None:
    page = watched.page
    page.goto(f"{site.url}/#/article/{site.hostile_article_id}")
    title = page.locator("#panel .article-title")
    title.wait_for()
    assert title.inner_text() == HOSTILE_TITLE
    text = page.locator("#panel .article-text")
    assert "<script>alert(1)</script>" in text.inner_text()
    assert '<img src=x onerror="document.body.dataset.pwned=1">' in text.inner_text()
    assert "<b>Bold</b> Times" in page.locator("#panel .meta").first.inner_text()
    page.screenshot(path=screenshots / "hostile-article.png")

    # The same through search, the events list and the map.
    page.fill("#search-input", "protesters")
    page.press("#search-input", "Enter")
    page.locator("#panel .article-item a", has_text="<script>").wait_for()
    page.goto(f"{site.url}/#/events")
    page.locator("#panel .event-item").first.wait_for()

    for where in ("#panel", "body"):
        assert page.locator(f"{where} img[src='x']").count() == 0
        assert page.locator(f"{where} b").count() == 0
    assert page.locator("script:not([src]):not([type='application/json'])").count() == 0
    assert page.evaluate("document.body.dataset.pwned") is None
    assert watched.dialogs == []
    assert watched.errors == []


def test_page_says_when_map_libraries_are_missing(
    web_store: tuple[Path, str],
    watched: Watched,
    screenshots: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sitroom.web, "NODE_MODULES", tmp_path / "node_modules")
    with Server(create_app(ApiConfig(db=web_store[0]))) as server:
        page = watched.page
        page.goto(server.url)
        notice = page.locator("#notice")
        notice.wait_for()
        assert "map libraries not installed: run npm ci --prefix sitroom/web" in notice.inner_text()
        assert "npm ci" in page.locator("#map").inner_text()
        # The lists still work without the map.
        page.locator("#panel .event-item").first.wait_for()
        page.screenshot(path=screenshots / "libraries-missing.png")
