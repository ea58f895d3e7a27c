"""Lookups in the real gazetteer: variants, aliases, divisions, demonyms, speed."""

from __future__ import annotations

import time

import pytest

from sitroom.places.gazetteer import Gazetteer, UnknownPlaceError


@pytest.mark.parametrize("name", ["Falluja", "Fallujah", "Al Falluja", "al-Fallujah", "FALLUJA"])
def test_falluja_variants(gazetteer: Gazetteer, name: str) -> None:
    best = gazetteer.candidates(name)[0]
    assert best.country == "IRQ"
    assert best.admin1 == "Anbar"
    assert abs(best.lat - 33.35) < 0.1


def test_tal_afar_has_its_division_name(gazetteer: Gazetteer) -> None:
    best = gazetteer.candidates("Tal Afar")[0]
    assert (best.geonameid, best.admin1, best.feature) == (90393, "Nineveh", "town")


def test_supplement_town(gazetteer: Gazetteer) -> None:
    best = gazetteer.candidates("Saqlawiyah")[0]
    assert best.name == "Saqlawiya"
    assert best.country == "IRQ"
    assert best.geonameid < 0  # no GeoNames id: a stable sitroom id


@pytest.mark.parametrize(
    ("name", "country", "feature"),
    [("U.S.", "USA", "country"), ("UK", "GBR", "country"), ("Britain", "GBR", "country"),
     ("DPRK", "PRK", "country"), ("Syria", "SYR", "country"), ("NSW", "AUS", "province"),
     ("N.M.", "USA", "province"), ("British Columbia", "CAN", "province"),
     ("Anbar", "IRQ", "province"), ("Africa", None, "continent"),
     ("Middle East", None, "region"), ("Tigris", None, "region")],
)
def test_prominent_entry_first(
    gazetteer: Gazetteer, name: str, country: str | None, feature: str
) -> None:
    best = gazetteer.candidates(name)[0]
    assert (best.country, best.feature) == (country, feature)


def test_unknown_name(gazetteer: Gazetteer) -> None:
    assert gazetteer.candidates("Qwzxplatz") == []
    assert gazetteer.candidates("") == []


def test_get_and_country(gazetteer: Gazetteer) -> None:
    assert gazetteer.get(99072).name == "Mosul"
    assert gazetteer.country("IQ").entry.name == "Iraq"
    assert gazetteer.country("irq").entry.feature == "country"
    with pytest.raises(UnknownPlaceError):
        gazetteer.get(-1)
    with pytest.raises(UnknownPlaceError):
        gazetteer.country("ZZ")


@pytest.mark.parametrize(
    ("word", "place"),
    [("Iraqi", "Iraq"), ("Iraqis", "Iraq"), ("Syrian", "Syria"), ("Russian", "Russia"),
     ("Kurdish", "Kurdistan"), ("Texan", "Texas"), ("European", "Europe")],
)
def test_demonyms(gazetteer: Gazetteer, word: str, place: str) -> None:
    assert [c.entry.name for c in gazetteer.demonym(word)] == [place]


def test_not_demonyms(gazetteer: Gazetteer) -> None:
    assert gazetteer.demonym("Sunni") == ()
    assert gazetteer.demonym("Baghdad") == ()


def test_lookups_are_fast(gazetteer: Gazetteer) -> None:
    names = [f"Name{i}" for i in range(2000)] + ["Baghdad", "Paris", "Springfield"] * 100
    started = time.perf_counter()
    for name in names:
        gazetteer.candidates(name)
    assert time.perf_counter() - started < 2.0
