"""The sitroom_toponyms component: place entities fixed, ordinary words left alone."""

from __future__ import annotations

from typing import Any

import pytest

from sitroom.errors import ResourceError
from sitroom.places.component import FACTORY


def _places(nlp: Any, text: str) -> dict[str, str]:
    return {e.text: e.label_ for e in nlp(text).ents if e.label_ in ("GPE", "LOC", "FAC")}


def test_component_sits_after_ner(nlp: Any) -> None:
    names = nlp.pipe_names
    assert names.index(FACTORY) == names.index("ner") + 1


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Rebels captured the northern town of Tal Afar after a long fight.", "Tal Afar"),
        ("Gunmen overran Saqlawiya west of Baghdad overnight.", "Saqlawiya"),
        ("Troops are holding out in Samarra, a city on the river.", "Samarra"),
        ("The group wants a state across Iraq and the Levant.", "Levant"),
        ("Floods hit British Columbia this spring.", "British Columbia"),
    ],
)
def test_places_are_found(nlp: Any, text: str, place: str) -> None:
    assert place in _places(nlp, text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Prices rose in March and again in May.", "March"),
        ("Police said the road was closed.", "Police"),
        ("Jordan said he would not play tonight.", "Jordan"),
        ("Jordan Peterson spoke at the event.", "Jordan"),
        ("We had roast turkey for dinner.", "turkey"),
        ("The Thanksgiving turkey was huge.", "turkey"),
    ],
)
def test_ordinary_words_stay(nlp: Any, text: str, word: str) -> None:
    assert not any(word in name for name in _places(nlp, text))


def test_a_place_reading_holds_for_the_whole_document(nlp: Any) -> None:
    doc = nlp("Tal Afar fell on Sunday. Families fled the city of Tal Afar by night.")
    assert [e.label_ for e in doc.ents if e.text == "Tal Afar"] == ["GPE", "GPE"]


def test_component_needs_a_gazetteer() -> None:
    from sitroom.places.component import ToponymComponent

    with pytest.raises(ResourceError, match="gazetteer"):
        _ = ToponymComponent().gazetteer


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Murals cover the walls in Washington, D.C., these days.", "Washington, D.C."),
        ("Flooding hit villages across Benue State last week.", "Benue State"),
    ],
)
def test_names_keep_their_parts(nlp: Any, text: str, span: str) -> None:
    assert span in _places(nlp, text)


def test_acronyms_of_organisations_stay(nlp: Any) -> None:
    places = _places(nlp, "Ministers flew to NATO headquarters and then to the UK.")
    assert "NATO" not in places
    assert "UK" in places


def test_state_abbreviations_need_their_full_stop(nlp: Any) -> None:
    assert "La" not in _places(nlp, "Forecasters watched La Nina and the trade winds.")
