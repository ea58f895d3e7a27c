"""The WikiEvents adapter: sitroom's events and casualty reports read as KAIROS events."""

from __future__ import annotations

import pytest

from sitroom.analyse import Analyser
from sitroom.evaluate.system import PredictedEvent
from sitroom.events.kairos import KairosExtractor, KairosMap, load_kairos_extractor


@pytest.fixture(scope="module")
def extractor(analyser: Analyser) -> KairosExtractor:
    return load_kairos_extractor(analyser)


def _by_word(text: str, events: list[PredictedEvent]) -> dict[str, str]:
    return {text[e.trigger_start : e.trigger_end]: e.type for e in events}


def test_outcome_words_are_deaths_and_injuries(extractor: KairosExtractor) -> None:
    text = "Gunmen attacked a bus station in Lagos on Monday, killing four people and wounding six."
    events = extractor.extract_events(text)
    words = _by_word(text, events)
    assert words["attacked"] == "Conflict.Attack.Unspecified"
    assert words["killing"] == "Life.Die.Unspecified"
    assert words["wounding"] == "Life.Injure.Unspecified"
    death = next(e for e in events if e.type == "Life.Die.Unspecified")
    victims = [text[a.start : a.end] for a in death.arguments if a.role == "Victim"]
    assert victims == ["people"]


def test_explosions_are_detonations_and_weapons_are_not_triggers(
    extractor: KairosExtractor,
) -> None:
    text = "A car bomb exploded outside the ministry in Kabul. The explosion shook the city."
    words = _by_word(text, extractor.extract_events(text))
    assert words.get("exploded") == "Conflict.Attack.DetonateExplode"
    # A bare mention with no participant still counts: KAIROS marks every mention.
    assert words.get("explosion") == "Conflict.Attack.DetonateExplode"
    assert "bomb" not in words


def test_the_packaged_mapping_reads() -> None:
    mapping = KairosMap.load()
    assert mapping.event_type("ASSAULT", None, "kill") == "Life.Die.Unspecified"
    assert mapping.event_type("ASSAULT", "Suicide bomb", "attack") == (
        "Conflict.Attack.DetonateExplode"
    )
    assert mapping.event_type("PROTEST", None, "march") is None
    assert mapping.event_type("ASSAULT", None, "hold") is None  # holding a town is no attack
    assert mapping.family("Life.Injure.Unspecified") == "Life.Injure"
