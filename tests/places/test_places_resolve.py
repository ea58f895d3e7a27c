"""Resolution of place mentions in context."""

from __future__ import annotations

from typing import Any

import pytest

from sitroom.places.gazetteer import Gazetteer
from sitroom.places.resolve import ResolvedPlace, resolve_places, resolve_places_detailed


def _resolve(nlp: Any, gazetteer: Gazetteer, text: str) -> list[ResolvedPlace]:
    return resolve_places_detailed(nlp(text), gazetteer, article_id="a1")


def _by_text(places: list[ResolvedPlace], text: str) -> ResolvedPlace:
    return next(p for p in places if p.mention.text == text)


def test_paris_france_by_default(nlp: Any, gazetteer: Gazetteer) -> None:
    place = _by_text(_resolve(nlp, gazetteer, "She moved to Paris last year."), "Paris")
    assert place.mention.entry is not None
    assert place.mention.entry.country == "FRA"


def test_paris_texas_by_the_pair(nlp: Any, gazetteer: Gazetteer) -> None:
    places = _resolve(nlp, gazetteer, "She grew up in Paris, Texas, near the state line.")
    paris, texas = _by_text(places, "Paris"), _by_text(places, "Texas")
    assert paris.mention.entry is not None
    assert texas.mention.entry is not None
    assert (paris.mention.entry.country, paris.mention.entry.admin1) == ("USA", "Texas")
    assert texas.mention.entry.feature == "province"


def test_paris_by_the_article_context(nlp: Any, gazetteer: Gazetteer) -> None:
    text = ("Storms crossed Texas and Oklahoma. In Paris the roof of a school blew off, "
            "and Texas officials sent crews.")
    entry = _by_text(_resolve(nlp, gazetteer, text), "Paris").mention.entry
    assert entry is not None
    assert entry.admin1 == "Texas"


def test_demonyms_are_toponyms_of_their_country(nlp: Any, gazetteer: Gazetteer) -> None:
    places = _resolve(nlp, gazetteer, "Iraqi and Syrian officials met Russian diplomats.")
    found = {p.mention.text: p for p in places}
    for word, country in (("Iraqi", "IRQ"), ("Syrian", "SYR"), ("Russian", "RUS")):
        entry = found[word].mention.entry
        assert found[word].kind == "demonym"
        assert entry is not None
        assert (entry.country, entry.feature) == (country, "country")


def test_country_province_town_features(nlp: Any, gazetteer: Gazetteer) -> None:
    text = "Fighting spread from Mosul across Anbar and into Syria."
    found = {p.mention.text: p.mention.entry for p in _resolve(nlp, gazetteer, text)}
    assert {k: v.feature for k, v in found.items() if v} == {
        "Mosul": "town", "Anbar": "province", "Syria": "country"}


def test_washington_is_the_capital_and_a_metonym(nlp: Any, gazetteer: Gazetteer) -> None:
    place = _by_text(_resolve(nlp, gazetteer, "Washington warned Tehran on Monday."),
                     "Washington")
    assert place.mention.entry is not None
    assert place.mention.entry.geonameid == 4140963
    assert place.metonym
    literal = _by_text(_resolve(nlp, gazetteer, "He flew to Washington on Monday."),
                       "Washington")
    assert not literal.metonym


def test_jordan_the_person_and_the_country(nlp: Any, gazetteer: Gazetteer) -> None:
    person = _resolve(nlp, gazetteer, "Michael Jordan said he was proud of the team.")
    assert not any(p.mention.text == "Jordan" for p in person)
    country = _by_text(_resolve(nlp, gazetteer, "Refugees crossed into Jordan last week."),
                       "Jordan")
    assert country.mention.entry is not None
    assert country.mention.entry.country == "JOR"


def test_turkey_the_bird(nlp: Any, gazetteer: Gazetteer) -> None:
    assert not _resolve(nlp, gazetteer, "They served roast turkey with gravy.")
    country = _resolve(nlp, gazetteer, "Turkey closed its border with Syria.")
    assert {p.mention.text for p in country} == {"Turkey", "Syria"}


def test_unresolvable_names_are_kept(nlp: Any, gazetteer: Gazetteer) -> None:
    doc = nlp("The convoy reached Qwzxplatz at dawn.")
    from spacy.tokens import Span

    doc.ents = [Span(doc, 3, 4, label="GPE")]
    (mention,) = resolve_places(doc, gazetteer, article_id="a1")
    assert mention.text == "Qwzxplatz"
    assert mention.entry is None
    assert mention.to_record()["lat"] is None


def test_offsets_and_scores(nlp: Any, gazetteer: Gazetteer) -> None:
    text = "Talks in Geneva drew envoys from Iran, Iraq and Saudi Arabia."
    mentions = resolve_places(nlp(text), gazetteer, article_id="a1")
    assert mentions
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert 0.0 <= m.score <= 1.0
        assert m.article_id == "a1"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [("ALBUQUERQUE, N.M. (AP) — A storm closed roads.", "ALBUQUERQUE", "USA"),
     ("Officials in Springfield, Ill., said the bridge would reopen.", "Springfield", "USA")],
)
def test_datelines_and_state_abbreviations(
    nlp: Any, gazetteer: Gazetteer, text: str, name: str, country: str
) -> None:
    entry = _by_text(_resolve(nlp, gazetteer, text), name).mention.entry
    assert entry is not None
    assert entry.country == country
    if name == "Springfield":
        assert entry.admin1 == "Illinois"


def test_places_inside_other_names(nlp: Any, gazetteer: Gazetteer) -> None:
    text = "The Toronto Transit Commission and the European Union signed a deal."
    found = {p.mention.text: p for p in _resolve(nlp, gazetteer, text)}
    assert found["Toronto"].kind == "embedded"
    toronto = found["Toronto"].mention.entry
    assert toronto is not None
    assert toronto.country == "CAN"
    union = found["European Union"].mention.entry
    assert union is not None
    assert union.feature == "region"


def test_region_beats_a_small_namesake_town(nlp: Any, gazetteer: Gazetteer) -> None:
    text = "US officials said the storm crossed the Atlantic towards Europe."
    entry = _by_text(_resolve(nlp, gazetteer, text), "Atlantic").mention.entry
    assert entry is not None
    assert entry.feature == "region"
