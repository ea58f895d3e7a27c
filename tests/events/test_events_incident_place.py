"""Outlet parts of headlines and datelines of local news, on lines of our own."""

from __future__ import annotations

import pytest

from sitroom.events.incident_place import (
    IncidentPlaces,
    find_dateline,
    load_incident_words,
    original_url,
    split_outlet,
    strip_outlet,
)
from sitroom.places import Gazetteer

WORDS = load_incident_words()


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Man shot on Elm Street - KXYZ News 4 - Springfield", "Man shot on Elm Street"),
        ("Teen hurt in crash | Valley Weather and Sports", "Teen hurt in crash"),
        ("Boy wounded - kxyz.com-Springfield", "Boy wounded"),
        ("Police: man shot - suspect sought", "Police: man shot - suspect sought"),
        # A call sign, or a channel number joined to an outlet word, names a station.
        ("Two hurt in crash - KXYZ Springfield", "Two hurt in crash"),
        ("Boy shot - WXYZ-10TV Springfield, Ohio | Springfield News", "Boy shot"),
    ],
)
def test_strip_outlet(title: str, expected: str) -> None:
    assert strip_outlet(title, WORDS) == expected


@pytest.mark.parametrize(
    ("text", "town", "state"),
    [
        ("SPRINGFIELD, Ill. (AP) — A man was shot.", "SPRINGFIELD", "Ill."),
        ("ST. PAUL (KXYZ) – Two men were hurt.", "ST. PAUL", None),
        ("Watch the video\n\nLAKEWOOD, WA - A woman was hurt.", "LAKEWOOD", "WA"),
        ("DOVER -- A boy was shot on Friday.", "DOVER", None),
        ("READING, Pa. -\n\nFour people were wounded.", "READING", "Pa."),
    ],
)
def test_find_dateline(text: str, town: str, state: str | None) -> None:
    found = find_dateline(text, 0, WORDS)
    assert found is not None
    assert (found.town, found.state) == (town, state)


@pytest.mark.parametrize(
    "text",
    ["A man was shot in Dover on Friday.", "UPDATE: police name the victim.", "(AP) — A man."],
)
def test_no_dateline(text: str) -> None:
    assert find_dateline(text, 0, WORDS) is None


def test_split_outlet_keeps_the_outlet_part() -> None:
    assert split_outlet("Man shot | KXYZ News - Springfield, IL", WORDS) == (
        "Man shot", "KXYZ News - Springfield, IL")


def test_original_url_of_an_archived_copy() -> None:
    archived = "http://web.archive.org/web/20140707193937/http://www.kxyz.com:80/story/1"
    assert original_url(archived) == "http://www.kxyz.com:80/story/1"
    assert original_url("https://kxyz.com/a") == "https://kxyz.com/a"


@pytest.mark.parametrize(
    ("url", "states"),
    [
        ("http://www.chicagotribune.com/news/1", ["Illinois"]),
        ("http://sanfrancisco.cbslocal.com/2015/1", ["California"]),
        ("https://www.delawareonline.com/story", ["Delaware"]),
        # Kansas City, Missouri, is much the larger; the town's name beats the state's inside it.
        ("http://www.kansascity.com/news", ["Missouri"]),
        # Springfields of like size in several states: no state.
        ("http://www.springfieldnewssun.com/x", []),
        ("http://m.kxyz.com/x", []),
        (None, []),
        # Malformed or no addresses give no state, not an error.
        ("http://[not-an-address", []),
        ("not a web address", []),
        ("", []),
    ],
)
def test_host_states(url: str | None, states: list[str]) -> None:
    places = IncidentPlaces(Gazetteer.open(), WORDS)
    assert places.host_states(url) == states
