"""Accidents and natural hazards are not events; the violence of actors next to them still is."""

from __future__ import annotations

import pytest
from test_events_assemble import events_of

from sitroom.analyse import Analyser

HAZARDS = [
    "A powerful earthquake killed at least 60 people in northern Peru on Monday.",
    "A gas cylinder explosion at a restaurant in Lahore killed five people on Tuesday.",
    "A fire broke out at a textile factory in Dhaka, killing 12 workers.",
    "Floods destroyed hundreds of homes in Assam.",
    "A bus plunged into a ravine in Nepal, killing 20 passengers.",
    "Ten people were killed in a road accident near Kano on Sunday.",
    "A fuel tanker exploded on a highway near Kampala, killing 15 people.",
]

ATTACKS = [
    ("Gunmen killed ten villagers near Kano on Sunday.", "killed"),
    ("A car bomb explosion killed five soldiers in Mogadishu.", "killed"),
    ("Rebels set fire to the market in Bunia on Friday.", "set fire"),
    ("Militants blew up a gas pipeline in Sinai on Sunday.", "blew up"),
    ("The militants who killed ten soldiers fled to Mali.", "killed"),
]


@pytest.mark.parametrize("text", HAZARDS)
def test_what_a_hazard_did_is_no_event(analyser: Analyser, text: str) -> None:
    assert [e for e in events_of(analyser, text) if e.type in ("ASSAULT", "COERCE")] == []


@pytest.mark.parametrize(("text", "trigger"), ATTACKS)
def test_what_an_actor_did_near_a_hazard_word_still_is(
    analyser: Analyser, text: str, trigger: str
) -> None:
    assert trigger in [e.trigger.text for e in events_of(analyser, text) if e.trigger]


def test_a_protest_after_a_disaster_is_a_protest(analyser: Analyser) -> None:
    events = events_of(analyser, "Protesters clashed with police after the floods in Lagos.")
    assert [e.type for e in events] == ["PROTEST"]


def test_a_bomb_going_off_in_its_makers_hands_is_still_an_explosion(analyser: Analyser) -> None:
    text = "Four fighters were killed in an accidental explosion in Helmand on Friday."
    assert "explosion" in [e.trigger.text for e in events_of(analyser, text) if e.trigger]
