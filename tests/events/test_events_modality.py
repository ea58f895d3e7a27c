"""Modality and attribution of triggers: short sentences, nested cues, and the founding samples."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from sitroom.events.lexicon import Lexicon, load_lexicon
from sitroom.events.modality import ModalityResult, modality
from sitroom.events.triggers import Trigger, find_triggers

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The spaCy model, loaded once."""
    from sitroom.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    """The packaged lexicon."""
    return load_lexicon()


def _trigger(doc: Doc, lexicon: Lexicon, word: str, after: int = 0) -> Trigger:
    found = [t for t in find_triggers(doc, lexicon) if word in t.text and t.start >= after]
    assert found, f"no trigger {word!r} in {doc.text!r}"
    return found[0]


def _modality(nlp: Language, lexicon: Lexicon, text: str, word: str) -> ModalityResult:
    doc = nlp(text)
    return modality(_trigger(doc, lexicon, word), doc, lexicon)


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Rebels attacked the base on Monday.", "attacked", "asserted"),
        ("Rebels did not attack the base.", "attack", "negated"),
        ("Rebels never attacked the base.", "attacked", "negated"),
        (
            "The Pentagon said there were no plans to coordinate military action with Iran.",
            "coordinate",
            "negated",
        ),
        ("The group denied attacking the convoy.", "attacking", "negated"),
        ("The US could launch air strikes.", "air strikes", "hypothetical"),
        ("Drone strikes are an option.", "strikes", "hypothetical"),
        ("He said drone strikes are an option.", "strikes", "hypothetical"),
        ("The army may attack the town.", "attack", "hypothetical"),
        ("The army might attack the town.", "attack", "hypothetical"),
        ("If the army attacks the town, thousands will flee.", "attacks", "hypothetical"),
        ("Washington is considering air strikes.", "air strikes", "hypothetical"),
        (
            "Kerry said he would not rule out military cooperation with Iran.",
            "cooperation",
            "hypothetical",
        ),
        ("He does not rule out cooperation with Iran.", "cooperation", "hypothetical"),
        ("The ministers will meet this week.", "meet", "future"),
        ("The president plans to visit Baghdad.", "visit", "future"),
        ("The envoy is expected to meet Maliki.", "meet", "future"),
        ("Meetings with Iran could come this week.", "Meetings", "hypothetical"),
        ("ISIL has boasted of massacring hundreds of troops.", "massacring", "claimed"),
        ("The Taliban claimed responsibility for the bombing.", "bombing", "claimed"),
        ("The group claimed to have shot down a helicopter.", "shot", "claimed"),
        ("ISIL said it had captured the town.", "captured", "claimed"),
        ("Officials said rebels had captured the town.", "captured", "asserted"),
        ("Did the rebels capture the town?", "capture", "hypothetical"),
        (
            "The spokesman did not say whether the army had attacked the village.",
            "attacked",
            "hypothetical",
        ),
        ("ISIL has threatened to march to Baghdad.", "threatened", "asserted"),
    ],
)
def test_modality_of_short_sentences(
    nlp: Language, lexicon: Lexicon, text: str, word: str, expected: str
) -> None:
    assert _modality(nlp, lexicon, text, word).modality == expected


def test_cue_span_points_at_the_cue(nlp: Language, lexicon: Lexicon) -> None:
    text = "The US could launch air strikes."
    result = _modality(nlp, lexicon, text, "air strikes")
    assert result.cue_span is not None
    assert text[result.cue_span.start : result.cue_span.end] == "could"


@pytest.mark.parametrize(
    ("text", "word", "speaker"),
    [
        (
            "Iraqi security officials said militants captured the town.",
            "captured",
            "Iraqi security officials",
        ),
        ("Militants captured the town, officials said.", "captured", "officials"),
        (
            "According to a medical source, rebels shelled the hospital.",
            "shelled",
            "medical source",
        ),
        ("The general told reporters that troops had withdrawn.", "withdrawn", "general"),
        (
            "Soldiers clashed with rebels, the officials said, speaking on condition of anonymity.",
            "clashed",
            "officials",
        ),
    ],
)
def test_attribution(nlp: Language, lexicon: Lexicon, text: str, word: str, speaker: str) -> None:
    result = _modality(nlp, lexicon, text, word)
    assert result.attributed_to_text is not None
    assert speaker in result.attributed_to_text
    assert result.attributed_to_span is not None
    span = result.attributed_to_span
    assert text[span.start : span.end] == span.text
    assert result.modality == "asserted"


def test_unattributed_event_has_no_speaker(nlp: Language, lexicon: Lexicon) -> None:
    result = _modality(nlp, lexicon, "Rebels shelled the town.", "shelled")
    assert result.attributed_to_span is None
    assert result.attributed_to_text is None


def _sample(samples_dir: Path, prefix: str) -> str:
    return next(samples_dir.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _at(
    nlp: Language, lexicon: Lexicon, text: str, context: str, word: str
) -> tuple[Trigger, ModalityResult]:
    doc = nlp(text)
    where = text.index(context)
    trigger = _trigger(doc, lexicon, word, after=where)
    assert trigger.start < where + len(context)
    return trigger, modality(trigger, doc, lexicon)


SAMPLE_000 = [
    (
        "could launch air strikes",
        "air strikes",
        "ASSAULT",
        "aerial",
        "Air/drone strike",
        "hypothetical",
    ),
    ("no plans to coordinate military action", "coordinate", "COOPERATE", None, None, "negated"),
    ("meetings with Iran could come", "meetings", "CONSULT", None, None, "hypothetical"),
    ("has boasted of massacring", "massacring", "ASSAULT", None, "Attack", "claimed"),
    ("overran yet another town", "overran", "ASSAULT", "occupy", None, "asserted"),
    ("captured the mainly ethnic Turkmen city", "captured", "ASSAULT", "occupy", None, "asserted"),
    ("which ISIL seized last week", "seized", "ASSAULT", "occupy", None, "asserted"),
    ("where fighting continued", "fighting", "ASSAULT", "firearms", "Armed clash", "asserted"),
]


@pytest.mark.parametrize(("context", "word", "plover", "mode", "sub_type", "expected"), SAMPLE_000)
def test_sample_000(
    nlp: Language,
    lexicon: Lexicon,
    samples_dir: Path,
    *,
    context: str,
    word: str,
    plover: str,
    mode: str | None,
    sub_type: str | None,
    expected: str,
) -> None:
    trigger, result = _at(nlp, lexicon, _sample(samples_dir, "000"), context, word)
    assert (trigger.type, trigger.mode, trigger.acled_sub_event_type) == (plover, mode, sub_type)
    assert result.modality == expected
    if mode == "occupy":
        assert trigger.resolve_acled("non_state") == "Non-state actor overtakes territory"


def test_sample_000_attributions(nlp: Language, lexicon: Lexicon, samples_dir: Path) -> None:
    text = _sample(samples_dir, "000")
    _, result = _at(nlp, lexicon, text, "no plans to coordinate", "coordinate")
    assert result.attributed_to_text == "Pentagon" or "Pentagon" in (
        result.attributed_to_text or ""
    )
    _, result = _at(nlp, lexicon, text, "meetings with Iran", "meetings")
    assert "US official" in (result.attributed_to_text or "")


SAMPLE_004 = [
    ("captured a strategic northern Iraqi city", "captured", "ASSAULT", "occupy", "asserted", None),
    (
        "drone strikes are an option",
        "drone strikes",
        "ASSAULT",
        "aerial",
        "hypothetical",
        "US Secretary of State John Kerry",
    ),
    (
        "consulting with officials",
        "consulting",
        "CONSULT",
        None,
        "asserted",
        "Iraqi security officials",
    ),
    ("has threatened to march", "threatened", "THREATEN", None, "asserted", None),
    # Reconnaissance flights are a show of military capacity, not an attack: MOBILIZE/aerial,
    # ACLED "Other" (a strategic development).
    (
        "flown reconnaissance missions",
        "reconnaissance",
        "MOBILIZE",
        "aerial",
        "asserted",
        "officials",
    ),
]


@pytest.mark.parametrize(("context", "word", "plover", "mode", "expected", "speaker"), SAMPLE_004)
def test_sample_004(
    nlp: Language,
    lexicon: Lexicon,
    samples_dir: Path,
    *,
    context: str,
    word: str,
    plover: str,
    mode: str | None,
    expected: str,
    speaker: str | None,
) -> None:
    trigger, result = _at(nlp, lexicon, _sample(samples_dir, "004"), context, word)
    assert (trigger.type, trigger.mode) == (plover, mode)
    assert result.modality == expected
    if speaker is not None:
        assert speaker in (result.attributed_to_text or "")


def test_the_threatened_march_is_not_an_event(
    nlp: Language, lexicon: Lexicon, samples_dir: Path
) -> None:
    text = _sample(samples_dir, "004")
    where = text.index("to march to Baghdad")
    assert not [t for t in find_triggers(nlp(text), lexicon) if where <= t.start < where + 20]
