"""The quotes of the two founding samples, as the brief spells them out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sitroom.records import Quote

Finder = Callable[[str], list[Quote]]
Pick = Callable[[list[Quote], str], Quote]


@pytest.fixture(scope="module")
def sample_000(samples_dir: Path, quotes: Finder) -> tuple[str, list[Quote]]:
    text = (samples_dir / "000_1bc93746fb71500d.txt").read_text("utf-8")
    return text, quotes(text)


@pytest.fixture(scope="module")
def sample_004(samples_dir: Path, quotes: Finder) -> tuple[str, list[Quote]]:
    text = (samples_dir / "004_17b1025494a7ebc6.txt").read_text("utf-8")
    return text, quotes(text)


def test_kerry_direct_quote(sample_000: tuple[str, list[Quote]], one: Pick) -> None:
    text, found = sample_000
    q = one(found, "I wouldn't rule out anything")
    assert q.text == "I wouldn't rule out anything that would be constructive."
    assert q.direct
    assert q.cue == "said"
    assert text[q.start : q.end] == q.text
    assert q.speaker is not None
    assert q.speaker.name == "John Kerry"
    assert q.speaker.title == "US Secretary of State"
    assert text[q.speaker.start : q.speaker.end] == "Mr Kerry"
    assert q.speaker.actor_id == "john-kerry"
    assert q.id.startswith("q_")


def test_pronoun_speaker_spanning_sentences(sample_000: tuple[str, list[Quote]], one: Pick) -> None:
    text, found = sample_000
    q = one(found, "They're not the whole answer")
    assert q.direct
    assert q.cue == "said"
    assert q.text.endswith("from the air or otherwise.")
    assert q.speaker is not None
    assert q.speaker.name == "John Kerry"
    assert text[q.speaker.start : q.speaker.end] == "he"


def test_partial_quote(sample_000: tuple[str, list[Quote]], one: Pick) -> None:
    _, found = sample_000
    q = one(found, "existential threat")
    assert q.text == "existential threat"
    assert q.direct
    assert q.cue == "called"
    assert q.speaker is not None
    assert q.speaker.name == "John Kerry"


def test_unnamed_source_by_description(sample_000: tuple[str, list[Quote]], one: Pick) -> None:
    _, found = sample_000
    q = one(found, "It was a crazy battle")
    assert q.text.endswith("evacuate the bodies.")
    assert q.speaker is not None
    assert q.speaker.name == "A medical source at a hospital in the nearby city of Falluja"


def test_indirect_quotes(sample_000: tuple[str, list[Quote]], one: Pick) -> None:
    _, found = sample_000
    pentagon = one(found, "there were no plans to coordinate")
    assert not pentagon.direct
    assert pentagon.cue == "said"
    assert pentagon.text.startswith("that, while there might be discussions")
    assert pentagon.speaker is not None
    assert pentagon.speaker.name == "Pentagon"
    official = one(found, "meetings with Iran could come this week")
    assert official.speaker is not None
    assert official.speaker.name == "A US official"
    witnesses = one(found, "helicopters were hovering")
    assert witnesses.speaker is not None
    assert witnesses.speaker.name == "Eyewitnesses"


def test_sample_004(sample_004: tuple[str, list[Quote]], one: Pick) -> None:
    text, found = sample_004
    kerry = one(found, "American drone strikes are an option")
    assert not kerry.direct
    assert kerry.cue == "said"
    assert kerry.speaker is not None
    assert kerry.speaker.name == "John Kerry"
    final = one(found, "Gen Ghasem Soleimani, is in Iraq")
    assert final.speaker is not None
    assert final.speaker.name == "Iraqi security officials"
    they = one(found, "the US government was notified")
    assert they.speaker is not None
    assert they.speaker.name == "Iraqi security officials"
    inspecting = one(found, "Soleimani has been inspecting")
    assert inspecting.speaker is not None
    assert inspecting.speaker.name == "Iraqi security officials"
    assert text[inspecting.speaker.start : inspecting.speaker.end] == "the officials"
    according = one(found, "organised Shiite militias")
    assert according.cue == "according to"
    assert according.speaker is not None
    assert according.speaker.name == "American officials"
