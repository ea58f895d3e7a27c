"""Outlet parts of headlines and datelines of local news, on lines of our own."""

from __future__ import annotations

import pytest

from sitroom.events.incident_place import (
    find_dateline,
    load_incident_words,
    split_outlet,
    strip_outlet,
)

WORDS = load_incident_words()


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Man shot on Elm Street - KXYZ News 4 - Springfield", "Man shot on Elm Street"),
        ("Teen hurt in crash | Valley Weather and Sports", "Teen hurt in crash"),
        ("Boy wounded - kxyz.com-Springfield", "Boy wounded"),
        ("Police: man shot - suspect sought", "Police: man shot - suspect sought"),
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
