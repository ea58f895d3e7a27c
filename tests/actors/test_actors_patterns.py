"""Descriptive actors: sector nouns with their states, qualifiers, overrides and owners."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from sitroom.records import ActorMention

Find = Callable[..., list[ActorMention]]
Pick = Callable[[Sequence[ActorMention], str], ActorMention]


CASES = [
    ("The Iraqi army retreated from the town.", "Iraqi army", ("IRQ", "MIL")),
    ("Iranian-backed Shiite militias moved.", "Iranian-backed Shiite militias", (None, "PRM")),
    ("A US official said talks would follow.", "US official", ("USA", "GOV")),
    ("Sunni tribesmen joined the fight.", "Sunni tribesmen", (None, "CVL")),
    ("Security forces sealed the area.", "Security forces", (None, "COP")),
    ("Government forces shelled the village.", "Government forces", (None, "MIL")),
    ("Insurgents attacked a checkpoint.", "Insurgents", (None, "REB")),
    ("Militants blew up a bridge.", "Militants", (None, "REB")),
    ("Rebels held the hills.", "Rebels", (None, "REB")),
    ("Gunmen opened fire on a bus.", "Gunmen", (None, "UAF")),
    ("Protesters gathered in the square.", "Protesters", (None, "CVL")),
    ("Police arrested two men.", "Police", (None, "COP")),
    ("A medical source said nine died.", "medical source", (None, "MED")),
    ("Eyewitnesses saw smoke rising.", "Eyewitnesses", (None, "CVL")),
    ("Iraqi security officials said so.", "Iraqi security officials", ("IRQ", "GOV")),
    ("An army spokesman denied the report.", "army spokesman", (None, "MIL")),
    ("Two Russians were detained.", "Russians", ("RUS", "CVL")),
    ("A Somalia-based militia claimed the attack.", "Somalia-based militia", ("SOM", "PRM")),
    ("The state-run news agency reported it.", "state-run news agency", (None, "GOV")),
    ("A former minister criticised the plan.", "former minister", (None, "ELI")),
    ("Officials in Syria denied it.", "Officials in Syria", ("SYR", "GOV")),
]
"""Sentence, the mention's text, its (state, sector)."""


@pytest.mark.parametrize(("sentence", "text", "expected"), CASES)
def test_descriptive_actor(
    find: Find, pick: Pick, sentence: str, text: str, expected: tuple[str | None, str]
) -> None:
    mention = pick(find(sentence), text)
    assert (mention.country, mention.sector) == expected


def test_names_are_the_phrase_without_quantifiers(find: Find, pick: Pick) -> None:
    mention = pick(find("Dozens of Kurdish fighters crossed the river."), "Kurdish fighters")
    assert (mention.name, mention.kind, mention.actor_id) == ("Kurdish fighters", "pattern", None)


@pytest.mark.parametrize(
    ("sentence", "text", "actor_id"),
    [
        ("Iraqi troops regrouped.", "Iraqi troops", "IRQ-MIL"),
        ("Iraq's army is holding out.", "Iraq's army", "IRQ-ARMY"),
        ("The army of Iraq is holding out.", "army of Iraq", "IRQ-ARMY"),
        ("Kyiv police closed the road.", "Kyiv police", "UKR-COP"),
        ("Chinese warplanes flew past.", "Chinese warplanes", "CHN-AIR"),
        ("An Iraqi army spokesman spoke.", "Iraqi army spokesman", "IRQ-ARMY"),
        ("ISIL fighters captured the town.", "ISIL fighters", "isil"),
        ("Militants from Hezbollah crossed over.", "Militants from Hezbollah", "hezbollah"),
        ("A CIA official declined to comment.", "CIA official", "cia"),
    ],
)
def test_phrases_link_to_dictionary_actors(
    find: Find, pick: Pick, sentence: str, text: str, actor_id: str
) -> None:
    assert pick(find(sentence), text).actor_id == actor_id


def test_former_unlinks_the_owner(find: Find, pick: Pick) -> None:
    mention = pick(find("A former CIA official wrote a book."), "former CIA official")
    assert (mention.actor_id, mention.country, mention.sector) == (None, "USA", "ELI")


def test_backing_state_is_not_the_actors_state(find: Find, pick: Pick) -> None:
    mention = pick(
        find("Iranian-backed Iraqi Shiite militias advanced."),
        "Iranian-backed Iraqi Shiite militias",
    )
    assert (mention.country, mention.sector) == ("IRQ", "PRM")


def test_collective_nouns_count_what_follows(find: Find, pick: Pick) -> None:
    mention = pick(find("A group of tourists was stopped."), "group of tourists")
    assert mention.sector == "CVL"


def test_places_are_not_actors(find: Find) -> None:
    texts = {m.text for m in find("He was treated at a hospital in Iraq. Iraq condemned it.")}
    assert "hospital" not in texts
    assert "Iraq" in texts  # the second, the subject of "condemned"
    assert [m.text for m in find("He was treated at a hospital in Iraq.")] == []


def test_acronyms_are_case_sensitive(find: Find) -> None:
    mentions = find("The plan is risky, said IS fighters.")
    assert [m.actor_id for m in mentions] == ["isil"]
    assert find("Talks between us and them is what matters.") == []


def test_capitalised_names_need_capitals(find: Find) -> None:
    assert find("They painted a white house by the sea.") == []
    assert [m.actor_id for m in find("The White House said nothing.")] == ["white-house"]


def test_an_organ_of_another_state_is_not_the_named_one(find: Find, pick: Pick) -> None:
    mention = pick(find("Chile's Defense Department denied it."), "Chile's Defense Department")
    assert (mention.country, mention.actor_id) == ("CHL", "CHL-MOD")
