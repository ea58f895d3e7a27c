"""Event assembly: actors, targets, place, date, fatalities and ACLED type of each trigger."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitroom.analyse import Analyser
from sitroom.clean import article_id
from sitroom.records import Article, Event, Metadata


def events_of(analyser: Analyser, text: str, published: str | None = "2020-03-10") -> list[Event]:
    article = Article(
        id=article_id(text),
        text=text,
        raw_text=text,
        metadata=Metadata(published=published, outlet="Test Wire"),
        source="test",
        language="en",
    )
    (analysis,) = analyser.analyse([article])
    return list(analysis.events)


def one(events: list[Event], lemma_text: str) -> Event:
    found = [e for e in events if e.trigger is not None and e.trigger.text == lemma_text]
    assert len(found) == 1, [(e.trigger, e.type) for e in events]
    return found[0]


def test_territory_taken_by_a_rebel_group(analyser: Analyser) -> None:
    events = events_of(analyser, "The Taliban captured the city of Kunduz on Monday.")
    event = one(events, "captured")
    assert (event.type, event.mode) == ("ASSAULT", "occupy")
    assert event.acled_sub_event_type == "Non-state actor overtakes territory"
    assert event.acled_event_type == "Battles"
    assert event.actors[0].name == "Taliban"
    assert event.place is not None
    assert event.place.text == "Kunduz"
    assert event.date is not None
    assert event.date.start_date == "2020-03-09"
    assert event.modality == "asserted"


def test_territory_retaken_by_the_army(analyser: Analyser) -> None:
    event = one(events_of(analyser, "The Afghan army recaptured Kunduz on Monday."), "recaptured")
    assert event.acled_sub_event_type == "Government regains territory"
    assert event.actors[0].sector == "MIL"


def test_place_is_where_it_happened_not_every_place(analyser: Analyser) -> None:
    text = "Fighting raged in Homs, a city north of Damascus, on Friday."
    event = one(events_of(analyser, text), "Fighting")
    assert event.place is not None
    assert event.place.text == "Homs"


def test_named_settlement_after_a_generic_noun(analyser: Analyser) -> None:
    text = "Militants overran another city yesterday, Tikrit, after a long siege."
    event = one(events_of(analyser, text), "overran")
    assert event.place is not None
    assert event.place.text == "Tikrit"


def test_pronoun_actor_from_previous_sentence(analyser: Analyser) -> None:
    text = "Boko Haram has grown stronger this year. It attacked the town of Baga on Sunday."
    event = one(events_of(analyser, text), "attacked")
    assert event.actors[0].name == "Boko Haram"
    assert event.place is not None
    assert event.place.text == "Baga"


def test_fatalities_and_no_guessed_date(analyser: Analyser) -> None:
    text = "Gunmen killed 12 villagers in Zamfara, police said."
    event = one(events_of(analyser, text, published=None), "killed")
    assert event.fatalities is not None
    assert event.fatalities.best == 12
    assert event.date is None
    assert event.attributed_to is not None
    assert "police" in event.attributed_to.lower()


def test_topic_noun_is_not_an_event(analyser: Analyser) -> None:
    events = events_of(analyser, 'On the issue of air strikes, he said: "We will see."')
    assert all(e.trigger is None or e.trigger.text != "air strikes" for e in events)


def test_hypothetical_strike_keeps_its_actor(analyser: Analyser) -> None:
    text = "Britain said it could launch air strikes against the militants."
    event = one(events_of(analyser, text), "air strikes")
    assert event.modality == "hypothetical"
    assert event.actors[0].country == "GBR"


def test_ids_are_stable_and_sources_cite_the_sentence(analyser: Analyser) -> None:
    text = "Police arrested 30 suspected smugglers in Minsk on Sunday."
    first, second = events_of(analyser, text), events_of(analyser, text)
    assert [e.id for e in first] == [e.id for e in second]
    event = one(first, "arrested")
    (source,) = event.sources
    assert text[source.start : source.end] == source.sentence
    assert source.outlet == "Test Wire"
    assert event.acled_sub_event_type == "Arrests"


@pytest.mark.parametrize("published", [date(2020, 3, 10).isoformat()])
def test_event_record_follows_the_contract(analyser: Analyser, published: str) -> None:
    event = one(events_of(analyser, "Rebels shelled Idlib on Monday.", published), "shelled")
    record = event.to_record()
    for key in ("id", "story_id", "type", "mode", "acled", "summary", "actors", "targets",
                "place", "date", "fatalities", "modality", "attributed_to", "sources",
                "n_sources", "conflicts"):
        assert key in record
    assert record["acled"]["sub_event_type"] == "Shelling/artillery/missile attack"
    assert record["n_sources"] == 1


def test_analysis_version_follows_the_rule_files(analyser: Analyser) -> None:
    from sitroom.analyse import rules_digest

    # Editing a trigger or cue file must make stored analyses stale, as a new model would.
    assert f"rules={rules_digest()}" in analyser.version
    assert len(rules_digest()) == 12


def test_deaths_told_in_the_next_sentence_of_the_same_fighting(analyser: Analyser) -> None:
    text = (
        "Rebels seized the town of Kidal on Tuesday. "
        "Residents said the fighting lasted hours and dozens were killed."
    )
    event = one(events_of(analyser, text), "seized")
    assert event.fatalities is not None
    assert (event.fatalities.best, event.fatalities.text) == (12, "dozens")
    assert event.fatalities.evidence is not None
    assert text[event.fatalities.evidence.start : event.fatalities.evidence.end].startswith(
        "dozens"
    )


def test_deaths_of_a_new_event_are_not_carried_back(analyser: Analyser) -> None:
    text = (
        "Rebels seized the town of Kidal on Tuesday. "
        "In the south, a car bomb exploded near the market and the blast killed four people."
    )
    event = one(events_of(analyser, text), "seized")
    assert event.fatalities is None


def test_deaths_without_a_word_referring_back_stay_in_their_sentence(
    analyser: Analyser,
) -> None:
    text = "Rebels seized the town of Kidal on Tuesday. Three people were killed in Gao."
    event = one(events_of(analyser, text), "seized")
    assert event.fatalities is None


def test_sample_capture_of_saqlawiya_takes_the_battle_deaths(
    analyser: Analyser, samples_dir: Path
) -> None:
    text = (samples_dir / "000_1bc93746fb71500d.txt").read_text(encoding="utf-8")
    event = one(events_of(analyser, text, published="2014-06-17"), "overran")
    assert event.fatalities is not None
    assert (event.fatalities.best, event.fatalities.text) == (12, "dozens")
    assert event.fatalities.evidence is not None
    assert "crazy battle and dozens were killed" in text[
        text.rfind(".", 0, event.fatalities.evidence.start) : event.fatalities.evidence.end + 40
    ]


def test_event_with_no_place_of_its_own_is_in_the_country_its_sentence_names(
    analyser: Analyser,
) -> None:
    text = "The minister said drone strikes are an option to halt the rebels over much of Syria."
    event = one(events_of(analyser, text), "drone strikes")
    assert event.place is not None
    assert event.place.text == "Syria"
    assert event.place.entry is not None
    assert event.place.entry.feature == "country"


def test_countries_named_as_partners_or_adjectives_are_not_the_place(analyser: Analyser) -> None:
    text = "French officials said they could launch air strikes together with Chad."
    event = one(events_of(analyser, text), "air strikes")
    assert event.place is None


def test_two_countries_leave_the_place_unknown(analyser: Analyser) -> None:
    text = "Officials said air strikes from Friday could halt rebels in Niger and in Mali."
    event = one(events_of(analyser, text), "air strikes")
    assert event.place is None


def test_a_since_date_does_not_date_an_event(analyser: Analyser) -> None:
    text = "A joint offensive by the two armies would be the first since the 1991 war."
    event = one(events_of(analyser, text), "offensive")
    assert event.date is None


def test_a_since_date_dates_a_holding(analyser: Analyser) -> None:
    text = "Idlib, held by rebels since 2015, was quiet on Monday."
    events = [e for e in events_of(analyser, text) if e.mode == "occupy"]
    assert events
    assert events[0].date is not None
    assert events[0].date.text == "2015"


def test_countries_joined_by_and_are_two_places(analyser: Analyser) -> None:
    text = "The group seeks a state in Libya and Chad, fighting both governments since Friday."
    event = one(events_of(analyser, text), "fighting")
    assert event.place is None
