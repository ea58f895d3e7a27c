"""Trigger lexicon and trigger detection, on short sentences and the founding samples."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from sitroom.events.lexicon import PLOVER_TYPES, Lexicon, acled_sub_event_types, load_lexicon
from sitroom.events.triggers import Trigger, find_triggers

if TYPE_CHECKING:
    from spacy.language import Language


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The spaCy model, loaded once."""
    from sitroom.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    """The packaged lexicon."""
    return load_lexicon()


def _find(nlp: Language, lexicon: Lexicon, text: str) -> list[Trigger]:
    return find_triggers(nlp(text), lexicon)


def _one(nlp: Language, lexicon: Lexicon, text: str, word: str) -> Trigger:
    found = [t for t in _find(nlp, lexicon, text) if word in t.text]
    assert found, f"no trigger {word!r} in {text!r}: {_find(nlp, lexicon, text)}"
    return found[0]


def test_every_plover_type_and_acled_sub_type_is_reachable(lexicon: Lexicon) -> None:
    assert {e.type for e in lexicon.entries} == set(PLOVER_TYPES)
    reachable = {e.acled_sub_event_type for e in lexicon.entries}
    reachable |= {v for e in lexicon.entries for v in e.acled_by_actor.values()}
    every = {s for subs in acled_sub_event_types().values() for s in subs}
    assert every <= reachable


@pytest.mark.parametrize(
    ("text", "word", "plover", "mode", "sub_type"),
    [
        (
            "Rebels clashed with soldiers near the border.",
            "clashed",
            "ASSAULT",
            "firearms",
            "Armed clash",
        ),
        (
            "Fighting in Samarra continued on Monday.",
            "Fighting",
            "ASSAULT",
            "firearms",
            "Armed clash",
        ),
        (
            "Israeli jets launched air strikes on Gaza.",
            "air strikes",
            "ASSAULT",
            "aerial",
            "Air/drone strike",
        ),
        (
            "A drone strike killed three men.",
            "drone strike",
            "ASSAULT",
            "aerial",
            "Air/drone strike",
        ),
        (
            "The army shelled the town overnight.",
            "shelled",
            "ASSAULT",
            "heavy-weapons",
            "Shelling/artillery/missile attack",
        ),
        (
            "A suicide bomber blew himself up at a checkpoint.",
            "suicide bomber",
            "ASSAULT",
            "suicide-attack",
            "Suicide bomb",
        ),
        (
            "A roadside bomb hit a patrol.",
            "roadside bomb",
            "ASSAULT",
            "explosives",
            "Remote explosive/landmine/IED",
        ),
        (
            "Militants hurled a grenade at the police.",
            "grenade",
            "ASSAULT",
            "explosives",
            "Grenade",
        ),
        (
            "Activists reported a chlorine attack on the town.",
            "chlorine",
            "ASSAULT",
            "wmd",
            "Chemical weapon",
        ),
        ("Gunmen massacred villagers in the north.", "massacred", "ASSAULT", None, "Attack"),
        ("Soldiers raped women in the village.", "raped", "ASSAULT", "sexual", "Sexual violence"),
        (
            "Gunmen abducted two aid workers.",
            "abducted",
            "ASSAULT",
            "abduct",
            "Abduction/forced disappearance",
        ),
        ("Police arrested ten people on Monday.", "arrested", "COERCE", "arrest", "Arrests"),
        ("Thousands rallied in the capital.", "rallied", "PROTEST", "demo-org", "Peaceful protest"),
        (
            "Police fired tear gas at the protesters.",
            "tear gas",
            "COERCE",
            "police",
            "Protest with intervention",
        ),
        (
            "Rioters torched cars in the city.",
            "Rioters",
            "PROTEST",
            "riot",
            "Violent demonstration",
        ),
        ("An angry mob lynched a man.", "lynched", "ASSAULT", "primitive", "Mob violence"),
        (
            "Looters ransacked shops in the market.",
            "ransacked",
            "COERCE",
            "seize",
            "Looting/property destruction",
        ),
        ("The two sides signed a ceasefire.", "ceasefire", "AGREE", None, "Agreement"),
        (
            "Police seized weapons and ammunition.",
            "seized",
            "COERCE",
            "seize",
            "Disrupted weapons use",
        ),
        (
            "He set up an operations room to coordinate militias.",
            "set up",
            "MOBILIZE",
            "troops",
            "Headquarters or base established",
        ),
        (
            "Troops handed over the town to the police without a fight.",
            "without a fight",
            "CONCEDE",
            None,
            "Non-violent transfer of territory",
        ),
        (
            "ISIL changed its name to the Islamic State.",
            "changed its name",
            "CONCEDE",
            None,
            "Change to group/activity",
        ),
        (
            "US aircraft have flown reconnaissance missions over Iraq.",
            "reconnaissance",
            "MOBILIZE",
            "aerial",
            "Other",
        ),
    ],
)
def test_violence_and_strategic_triggers(
    nlp: Language,
    lexicon: Lexicon,
    *,
    text: str,
    word: str,
    plover: str,
    mode: str | None,
    sub_type: str,
) -> None:
    trigger = _one(nlp, lexicon, text, word)
    assert (trigger.type, trigger.mode, trigger.acled_sub_event_type) == (plover, mode, sub_type)


@pytest.mark.parametrize(
    ("text", "word", "plover"),
    [
        ("Kerry met the Iranian foreign minister.", "met", "CONSULT"),
        ("He visited Najaf on Monday.", "visited", "CONSULT"),
        ("ISIL threatened to march on Baghdad.", "threatened", "THREATEN"),
        ("The minister accused Iran of meddling.", "accused", "ACCUSE"),
        ("The UN condemned the attack.", "condemned", "ACCUSE"),
        ("France called for a ceasefire.", "called for", "REQUEST"),
        ("Iran urged restraint.", "urged", "REQUEST"),
        ("Baghdad rejected the proposal.", "rejected", "REJECT"),
        ("They refused to leave.", "refused", "REJECT"),
        ("The EU imposed sanctions on Russia.", "sanctions", "SANCTION"),
        ("Russia expelled ten diplomats.", "expelled", "SANCTION"),
        ("The army deployed reinforcements to Samarra.", "deployed", "MOBILIZE"),
        ("Troops withdrew from the city.", "withdrew", "RETREAT"),
        ("The US sent humanitarian aid to Iraq.", "humanitarian aid", "AID"),
        ("Iran backed the government.", "backed", "SUPPORT"),
        ("The rebels released prisoners.", "released", "CONCEDE"),
        ("The two armies agreed to cooperate.", "cooperate", "COOPERATE"),
    ],
)
def test_verbal_and_diplomatic_triggers(
    nlp: Language, lexicon: Lexicon, text: str, word: str, plover: str
) -> None:
    trigger = _one(nlp, lexicon, text, word)
    assert trigger.type == plover
    assert trigger.acled_event_type is None or plover in ("MOBILIZE", "RETREAT", "CONCEDE")


def test_capture_of_a_place_is_territorial_and_resolved_by_actor(
    nlp: Language, lexicon: Lexicon
) -> None:
    trigger = _one(nlp, lexicon, "ISIL fighters captured the city of Tal Afar.", "captured")
    assert trigger.type == "ASSAULT"
    assert trigger.mode == "occupy"
    assert trigger.territory
    assert trigger.resolve_acled("non_state") == "Non-state actor overtakes territory"
    assert trigger.resolve_acled(None) == "Non-state actor overtakes territory"
    assert trigger.resolve_acled("state") == "Government regains territory"
    assert [s.text for s in trigger.subjects] == ["ISIL fighters"]


def test_capture_of_a_person_is_an_abduction(nlp: Language, lexicon: Lexicon) -> None:
    trigger = _one(nlp, lexicon, "Militants captured two journalists.", "captured")
    assert trigger.acled_sub_event_type == "Abduction/forced disappearance"
    assert not trigger.territory


def test_tear_gas_needs_a_protest(nlp: Language, lexicon: Lexicon) -> None:
    assert not [t for t in _find(nlp, lexicon, "The factory makes tear gas.") if "tear" in t.text]


def test_roles_passive_agent_objects_and_places(nlp: Language, lexicon: Lexicon) -> None:
    trigger = _one(nlp, lexicon, "The town was seized by rebels in Anbar.", "seized")
    assert [s.text for s in trigger.subjects] == ["rebels"]
    assert [s.text for s in trigger.objects] == ["town"]
    assert "Anbar" in [p.text for p in trigger.places]


def test_relative_clause_object_is_the_noun(nlp: Language, lexicon: Lexicon) -> None:
    text = "Tal Afar is west of Mosul, the north's main city, which ISIL seized last week."
    trigger = _one(nlp, lexicon, text, "seized")
    assert trigger.acled_by_actor
    assert [s.text for s in trigger.subjects] == ["ISIL"]
    assert trigger.objects
    assert "city" in trigger.objects[0].text


def test_nominal_trigger_takes_the_light_verbs_subject(nlp: Language, lexicon: Lexicon) -> None:
    trigger = _one(nlp, lexicon, "The US could launch air strikes in Iraq.", "air strikes")
    assert trigger.nominal
    assert [s.text for s in trigger.subjects] == ["US"]
    assert [p.text for p in trigger.places] == ["Iraq"]


def test_offsets_point_at_the_trigger(nlp: Language, lexicon: Lexicon) -> None:
    text = "Protesters clashed with police in Baghdad."
    for trigger in _find(nlp, lexicon, text):
        assert text[trigger.start : trigger.end] == trigger.text
        assert text[trigger.sentence_start : trigger.sentence_end].startswith("Protesters")


def test_fast_compared_with_the_model(nlp: Language, lexicon: Lexicon, samples_dir: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(samples_dir.glob("*.txt"))]
    find_triggers(nlp(texts[0]), lexicon)  # builds the index once
    start = time.perf_counter()
    docs = [nlp(t) for t in texts]
    model_time = time.perf_counter() - start
    start = time.perf_counter()
    for doc in docs:
        find_triggers(doc, lexicon)
    assert time.perf_counter() - start < 0.25 * model_time


def test_tear_gas_used_to_disperse_a_crowd(nlp: Language, lexicon: Lexicon) -> None:
    found = _find(nlp, lexicon, "Police fired water cannon to disperse the crowd.")
    assert [t.acled_sub_event_type for t in found if "cannon" in t.text] == [
        "Protest with intervention"
    ]


def test_demonstrate_with_an_object_is_no_protest(nlp: Language, lexicon: Lexicon) -> None:
    shown = _find(nlp, lexicon, "The report, demonstrating the scale of the damage, came out.")
    assert not [t for t in shown if t.type == "PROTEST"]
    marched = _find(nlp, lexicon, "Thousands demonstrated in the capital on Sunday.")
    assert [t.type for t in marched] == ["PROTEST"]


def test_asking_a_question_is_no_request(nlp: Language, lexicon: Lexicon) -> None:
    question = _find(nlp, lexicon, "Asked if the talks would go on, the envoy said yes.")
    assert not [t for t in question if t.type == "REQUEST"]
    request = _find(nlp, lexicon, "The mayor asked residents to stay indoors.")
    assert [t.type for t in request] == ["REQUEST"]
