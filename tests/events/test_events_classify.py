"""The snippet classifier: main-event choice, actor-dependent territory, stated intentions."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from sitroom.evaluate import evaluate
from sitroom.evaluate.system import EvalSystem
from sitroom.events.classify import EventTypeClassifier
from sitroom.events.lexicon import load_lexicon

if TYPE_CHECKING:
    from spacy.language import Language


@pytest.fixture(scope="session")
def classifier() -> EventTypeClassifier:
    """The classifier over the spaCy model, loaded once."""
    from sitroom.nlp import load_model

    nlp: Language = load_model()
    return EventTypeClassifier(nlp, load_lexicon())


@pytest.mark.parametrize(
    ("text", "plover", "sub_type"),
    [
        ("Warplanes bombed a village, killing six civilians.", "ASSAULT", "Air/drone strike"),
        (
            "Rebels seized the town of Kafr Nabl on Sunday.",
            "ASSAULT",
            "Non-state actor overtakes territory",
        ),
        (
            "Government troops recaptured the town of Kafr Nabl.",
            "ASSAULT",
            "Government regains territory",
        ),
        (
            "Police fired tear gas to disperse the protesters.",
            "COERCE",
            "Protest with intervention",
        ),
        ("Thousands of people rallied peacefully in the capital.", "PROTEST", "Peaceful protest"),
        ("A suicide bomber killed 12 people at a market.", "ASSAULT", "Suicide bomb"),
        ("Jets bombed an arms depot near the border overnight.", "ASSAULT", "Air/drone strike"),
        ("Militants bombed a bridge near the border overnight.", "ASSAULT",
         "Remote explosive/landmine/IED"),
        ("The UN accused the army of bombing the hospital.", "ACCUSE", None),
        ("Nothing happened today.", None, None),
    ],
)
def test_main_event(
    classifier: EventTypeClassifier, text: str, plover: str | None, sub_type: str | None
) -> None:
    predicted = classifier.classify_event(text)
    assert (predicted.type, predicted.acled_sub_event_type) == (plover, sub_type)


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("Libya offered to hand over the two suspects.", "AGREE"),
        ("The government said it will impose a curfew.", "THREATEN"),
        ("Britain said Libya must release the prisoners.", "REQUEST"),
    ],
)
def test_stated_intentions(classifier: EventTypeClassifier, text: str, plover: str) -> None:
    assert classifier.classify_event(text).type == plover


@pytest.mark.parametrize(
    ("text", "sub_type"),
    [
        ("A peaceful rally turned tense when police fired tear gas to disperse the marchers.",
         "Protest with intervention"),
        ("Protesters threw stones at the police, who fired tear gas at them.",
         "Violent demonstration"),
        ("Police attacked and injured a peaceful student demonstration in the capital.",
         "Excessive force against protesters"),
        ("Police fired rubber bullets to disperse the crowd, injuring twenty people.",
         "Excessive force against protesters"),
        ("A peaceful protest took place in the town following the arrest of two farmers.",
         "Peaceful protest"),
    ],
)
def test_protest_sub_type_of_the_whole_snippet(
    classifier: EventTypeClassifier, text: str, sub_type: str
) -> None:
    assert classifier.classify_event(text).acled_sub_event_type == sub_type


@pytest.mark.parametrize(
    "text",
    [
        "The protesters have asked for more strikes across the country.",
        "Crowds of demonstrators gathered outside parliament and demanded new elections.",
        "Students held up signs criticising the reform during the demonstration.",
    ],
)
def test_what_protesters_demand_is_their_protest(
    classifier: EventTypeClassifier, text: str
) -> None:
    assert classifier.classify_event(text).type == "PROTEST"


def test_eval_sets_run(classifier: EventTypeClassifier, eval_dir: Path) -> None:
    system = EvalSystem(event_classifier=classifier)
    case = evaluate("case2021", data_dir=eval_dir, system=system)
    plover = evaluate("plover_gsr", data_dir=eval_dir, system=system)
    # Floors a little under the measured dev figures, to catch regressions.
    assert (case.metrics["weighted_f1"] or 0) >= 0.62
    assert (plover.metrics["type_accuracy"] or 0) >= 0.6
