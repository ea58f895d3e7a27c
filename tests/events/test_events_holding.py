"""Holding territory: 'held by', 'controlled' with a place are PLOVER occupy events, not battles."""

from __future__ import annotations

from sitroom.analyse import Analyser
from sitroom.records import Article, Event, Metadata


def events(analyser: Analyser, text: str) -> list[Event]:
    article = Article("t", text, text, Metadata(published="2030-06-17"), "test")
    (analysis,) = list(analyser.analyse([article]))
    return list(analysis.events)


def test_a_place_held_by_a_group_set_off_by_commas(analyser: Analyser) -> None:
    text = (
        "A doctor at the clinic in the town of Kidal, held by rebels since early this year, "
        "said supplies were short."
    )
    (held,) = [e for e in events(analyser, text) if e.mode == "occupy"]
    assert held.type == "ASSAULT"
    assert held.acled_sub_event_type is None  # holding is no ACLED event
    assert held.place is not None
    assert held.place.text == "Kidal"
    assert [a.name for a in held.actors] == ["rebels"]
    assert held.date is not None
    assert held.date.start_date == "2030-01-01"


def test_controlled_since(analyser: Analyser) -> None:
    (held,) = [
        e
        for e in events(analyser, "Rebels have controlled the town of Kidal since March.")
        if e.mode == "occupy"
    ]
    assert held.place is not None
    assert held.place.text == "Kidal"


def test_holding_talks_or_a_suspect_is_not_territory(analyser: Analyser) -> None:
    found = events(analyser, "The party held talks with the union on Monday.")
    assert [e.type for e in found] == ["CONSULT"]
    assert not [
        e for e in events(analyser, "Police held a man for questioning.") if e.mode == "occupy"
    ]


def test_holding_is_not_a_new_violent_event_for_deaths_told_later(analyser: Analyser) -> None:
    text = (
        "Rebels captured the town of Kidal on Sunday. "
        "A nurse in Gao, held by the army since March, said it was a long battle and "
        "dozens were killed."
    )
    (capture,) = [e for e in events(analyser, text) if e.mode == "occupy" and e.acled_event_type]
    assert capture.fatalities is not None
    assert capture.fatalities.best == 12
