"""Casualties found in parsed sentences, the samples' tolls, and the fatalities of one event."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitroom.events.fatalities import Casualty, fatalities_for, find_casualties
from sitroom.nlp import load_model
from tests.events.test_events_numbers import in_words

if TYPE_CHECKING:
    from spacy.language import Language


@pytest.fixture(scope="session")
def events_nlp() -> Language:
    """The bare spaCy model (casualties need only its parse), loaded once."""
    return load_model()


def found(nlp: Language, text: str) -> list[tuple[str, int | None, str]]:
    return [(c.kind, c.quantity.best, c.quantity.text)
            for c in find_casualties(nlp(text), article_id="a")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It was a crazy battle and dozens were killed from both sides.",
         [("killed", 12, "dozens")]),
        ("The attack killed 6 civilians.", [("killed", 6, "6")]),
        ("The blast left three dead.", [("killed", 3, "three")]),
        ("Two people died.", [("killed", 2, "Two")]),
        ("The death toll rose to 15.", [("killed", 15, "15")]),
        ("4 dead, 2 injured in a shooting at a tribal meeting",
         [("killed", 4, "4"), ("injured", 2, "2")]),
        ("A man was shot and killed Saturday night.", [("killed", 1, "A man")]),
        ("He was killed.", [("killed", 1, "He")]),
        ("He killed himself.", [("killed", 1, "himself")]),
        ("The gunman wounded 12.", [("injured", 12, "12")]),
        ("Five people were injured.", [("injured", 5, "Five")]),
        ("A 23-year-old man is in critical condition.", [("injured", 1, "A 23-year-old man")]),
        ("No one was hurt.", [("injured", 0, "No one")]),
        ("The man did not survive.", [("killed", 1, "The man")]),
        ("Four people were shot, one fatally, on Monday.",
         [("shot", 4, "Four"), ("killed", 1, "one")]),
        ("Two police officers and three civilians were killed.",
         [("killed", 5, "Two police officers and three")]),
        ("Twenty-one people were killed.", [("killed", 21, "Twenty-one")]),
        ("A hiker was fatally injured on the trail.", [("killed", 1, "A hiker")]),
        ("Deputies arrested a neighbor in the shooting of a 12-year-old girl.",
         [("shot", 1, "a 12-year-old girl")]),
        ("A boy is recovering after being shot in the arm.", [("shot", 1, "A boy")]),
        ("Teen shoots self in hand.", [("shot", 1, "self")]),
    ],
)
def test_casualties(events_nlp: Language, text: str, expected: list[tuple[str, int, str]]) -> None:
    assert found(events_nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "They captured six Humvees and two tanks.",
        "The suspect fired 10 rounds from a 9mm handgun at 300 W 1st St.",
        "It was the city's 45th homicide.",
        "The 23-year-old was arrested at 10:30 p.m. on June 15, 2014.",
        "Posted January 12 2016 by the news desk.",
    ],
)
def test_numbers_that_are_not_victims(events_nlp: Language, text: str) -> None:
    assert found(events_nlp, text) == []


def test_running_totals_are_marked(events_nlp: Language) -> None:
    [c] = find_casualties(events_nlp("So far this year 45 people have been killed in the city."),
                          article_id="a")
    assert c.cumulative


@given(n=st.integers(min_value=2, max_value=5000), digits=st.booleans())
@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_number_of_people_killed(events_nlp: Language, n: int, digits: bool) -> None:
    number = str(n) if digits else in_words(n)
    text = f"Police said {number} people were killed in the attack."
    kills = [c for c in find_casualties(events_nlp(text), article_id="a") if c.kind == "killed"]
    assert [c.quantity.best for c in kills] == [n]


def _event_casualties(nlp: Language, text: str) -> list[Casualty]:
    return find_casualties(nlp(text), article_id="a")


def test_fatalities_for_a_sentence_takes_the_conservative_figure(events_nlp: Language) -> None:
    text = "Dozens were killed and officials said 30 people died."
    casualties = _event_casualties(events_nlp, text)
    f = fatalities_for(casualties, sentence=(0, len(text)))
    assert f is not None
    assert (f.best, f.text) == (12, "Dozens")
    assert f.evidence is not None
    assert f.evidence.text == "Dozens were killed"


def test_fatalities_for_a_trigger_sums_conjoined_groups(events_nlp: Language) -> None:
    text = "Two police officers and three civilians were killed."
    casualties = _event_casualties(events_nlp, text)
    trigger = casualties[0].trigger
    assert trigger is not None
    f = fatalities_for(casualties, trigger=(trigger.start, trigger.end))
    assert f is not None
    assert f.best == 5


def test_no_deaths_mentioned_gives_none(events_nlp: Language) -> None:
    text = "Five people were injured."
    assert fatalities_for(_event_casualties(events_nlp, text), sentence=(0, len(text))) is None


def test_samples(events_nlp: Language, samples_dir: Path) -> None:
    text = (samples_dir / "000_1bc93746fb71500d.txt").read_text(encoding="utf-8")
    casualties = find_casualties(events_nlp(text), article_id="000")
    killed = {(c.quantity.best, c.quantity.text) for c in casualties if c.kind == "killed"}
    assert (12, "dozens") in killed
    assert (100, "hundreds") in killed
    assert not any("Humvees" in c.sentence.text for c in casualties)
    dozens = next(c for c in casualties if c.quantity.text == "dozens")
    f = fatalities_for(casualties, sentence=(dozens.sentence.start, dozens.sentence.end))
    assert f is not None
    assert (f.best, f.text) == (12, "dozens")
    assert text[dozens.quantity.start : dozens.quantity.end] == "dozens"


def test_speed_is_a_small_fraction_of_the_model(events_nlp: Language, samples_dir: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(samples_dir.glob("*.txt"))] * 5
    started = time.perf_counter()
    docs = list(events_nlp.pipe(texts))
    model = time.perf_counter() - started
    started = time.perf_counter()
    for doc in docs:
        find_casualties(doc, article_id="a")
    assert time.perf_counter() - started < 0.25 * model


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Teen injured in accidental shooting.", [("injured", 1, "Teen")]),
        ("Farmer shot while hunting deer.", [("shot", 1, "Farmer")]),
        ("Nurse shot by neighbour, police say.", [("shot", 1, "Nurse")]),
    ],
)
def test_headline_passives_without_auxiliary(
    events_nlp: Language, text: str, expected: list[tuple[str, int, str]]
) -> None:
    assert found(events_nlp, text) == expected


def test_active_verbs_are_not_headline_passives(events_nlp: Language) -> None:
    assert found(events_nlp, "The guard shot at the fleeing car.") == []
    assert found(events_nlp, "The suspect shot and killed his cousin.") == [
        ("killed", 1, "his cousin")
    ]


def test_a_toll_before_injuries_stays_a_toll(events_nlp: Language) -> None:
    assert found(events_nlp, "Three dead, 6 injured after a shooting, police said.") == [
        ("killed", 3, "Three"), ("injured", 6, "6"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Three girls aged 14 and 15 were wounded.", [("injured", 3, "Three")]),
        ("The driver, 31, is in serious condition.", [("injured", 1, "The driver")]),
        ("A 15-, 16- and 17-year-old were shot.", []),
    ],
)
def test_ages_are_not_counts(
    events_nlp: Language, text: str, expected: list[tuple[str, int, str]]
) -> None:
    assert found(events_nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two men walked into a clinic with gunshot wounds.", [("shot", 2, "Two")]),
        ("Six people were treated for gunshot wounds.", [("shot", 6, "Six")]),
        ("The crash left a driver with minor injuries.", [("injured", 1, "a driver")]),
        ("Nobody suffered any injuries.", []),
        ("Her neighbour's shooting death shocked the town.", [("killed", 1, "Her neighbour")]),
        ("Police are investigating a fatal shooting.", [("killed", None, "shooting")]),
        ("Three people and a car were hit by gunfire.", [("shot", 3, "Three")]),
    ],
)
def test_wounds_deaths_and_conjoined_things(
    events_nlp: Language, text: str, expected: list[tuple[str, int | None, str]]
) -> None:
    assert found(events_nlp, text) == expected


def test_sums_over_several_shootings_are_marked(events_nlp: Language) -> None:
    (c,) = find_casualties(events_nlp("Seven people were wounded in three shootings."),
                           article_id="a")
    assert c.cumulative


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("A man, a woman and a boy were wounded.", 3),
        ("Five people, two men and three women, were wounded.", 5),
    ],
)
def test_conjoined_victims_and_their_breakdown(events_nlp: Language, text: str, best: int) -> None:
    assert [c.quantity.best for c in find_casualties(events_nlp(text), article_id="a")] == [best]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A stray bullet struck a 9-year-old girl.", [("shot", 1, "a 9-year-old girl")]),
        ("The shooting left an 8-year-old boy injured.", [("injured", 1, "an 8-year-old boy")]),
        ("The truck struck a pole.", []),
    ],
)
def test_bullets_that_hit_and_victims_left_hurt(
    events_nlp: Language, text: str, expected: list[tuple[str, int, str]]
) -> None:
    assert found(events_nlp, text) == expected


def test_a_headline_age_noun_is_one_victim(events_nlp: Language) -> None:
    assert found(events_nlp, "9-year-old shot in Tulsa.") == [("shot", 1, "9-year-old")]
