"""The two founding sample reports: the actors they are about, linked and coded."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from spacy.language import Language

from sitroom.actors import ActorDictionary, find_actors
from sitroom.records import ActorMention

REUTERS = "000_1bc93746fb71500d"
AP = "004_17b1025494a7ebc6"
MAX_MS_PER_ARTICLE = 200
"""Generous: an article takes a few milliseconds once the matchers exist."""


def _mentions(
    samples_dir: Path, stem: str, nlp: Language, dictionary: ActorDictionary
) -> list[ActorMention]:
    meta = json.loads((samples_dir / f"{stem}.meta.json").read_text("utf-8"))
    doc = nlp((samples_dir / f"{stem}.txt").read_text("utf-8"))
    return find_actors(doc, dictionary, article_id=stem, published=meta["published"])


def _coded(mentions: Sequence[ActorMention], actor_id: str) -> set[tuple[str | None, str | None]]:
    return {(m.country, m.sector) for m in mentions if m.actor_id == actor_id}


@pytest.fixture(scope="module")
def reuters(samples_dir: Path, nlp: Language, dictionary: ActorDictionary) -> list[ActorMention]:
    return _mentions(samples_dir, REUTERS, nlp, dictionary)


@pytest.fixture(scope="module")
def ap(samples_dir: Path, nlp: Language, dictionary: ActorDictionary) -> list[ActorMention]:
    return _mentions(samples_dir, AP, nlp, dictionary)


def test_the_main_actors_and_their_codes(
    reuters: list[ActorMention], ap: list[ActorMention]
) -> None:
    both = [*reuters, *ap]
    assert _coded(both, "isil") == {(None, "REB")}
    assert _coded(both, "john-kerry") == {("USA", "GOV")}
    assert _coded(reuters, "nouri-al-maliki") == {("IRQ", "GOV")}
    assert _coded(ap, "qasem-soleimani") == {("IRN", "MIL")}
    assert _coded(ap, "quds-force") == {("IRN", "MIL")}
    assert _coded(reuters, "pentagon") == {("USA", "MIL")}


def test_kerry_is_one_entity(reuters: list[ActorMention]) -> None:
    kerry = [m for m in reuters if m.actor_id == "john-kerry"]
    assert [m.text for m in kerry] == ["US Secretary of State John Kerry", "Mr Kerry"]
    assert len({m.entity for m in kerry}) == 1
    assert {(m.name, m.title) for m in kerry} == {("John Kerry", "US Secretary of State")}


def test_isil_named_many_ways_is_one_entity(
    reuters: list[ActorMention], ap: list[ActorMention]
) -> None:
    for mentions in (reuters, ap):
        isil = [m for m in mentions if m.actor_id == "isil"]
        assert len({m.entity for m in isil}) == 1
        assert {m.name for m in isil} == {"Islamic State of Iraq and the Levant"}
    assert "ISIL" in {m.text for m in reuters if m.actor_id == "isil"}
    ap_texts = {m.text for m in ap if m.actor_id == "isil"}
    assert "al-Qaida-breakaway group" in ap_texts
    assert "Islamic State" in ap_texts


def test_soleimani_keeps_his_title(ap: list[ActorMention]) -> None:
    soleimani = [m for m in ap if m.actor_id == "qasem-soleimani"]
    assert soleimani[0].text == "Gen Ghasem Soleimani"
    assert {m.title for m in soleimani} == {"Gen"}
    assert len(soleimani) >= 3


def test_descriptive_actors_of_the_samples(
    reuters: list[ActorMention], ap: list[ActorMention]
) -> None:
    described = {(m.text, m.country, m.sector) for m in [*reuters, *ap] if m.kind == "pattern"}
    assert ("Iraqi army helicopters", "IRQ", "MIL") in described
    assert ("US official", "USA", "GOV") in described
    assert ("Sunni tribesmen", None, "CVL") in described
    assert ("medical source", None, "MED") in described
    assert ("Iranian-backed Iraqi Shiite militias", "IRQ", "PRM") in described
    assert ("Iraqi security officials", "IRQ", "GOV") in described


def test_samples_are_fast(samples_dir: Path, nlp: Language, dictionary: ActorDictionary) -> None:
    for stem in (REUTERS, AP):
        doc = nlp((samples_dir / f"{stem}.txt").read_text("utf-8"))
        find_actors(doc, dictionary, article_id=stem)
        started = time.perf_counter()
        find_actors(doc, dictionary, article_id=stem)
        assert (time.perf_counter() - started) * 1000 < MAX_MS_PER_ARTICLE
