"""Pathological inputs stay bounded in time and memory; the places step stays cheap."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from sitroom.places.gazetteer import CACHE_SIZE, Gazetteer
from sitroom.places.resolve import resolve_places


def _timed_places(nlp: Any, gazetteer: Gazetteer, text: str) -> tuple[float, int]:
    """Seconds spent by the places step alone (component and resolution) on ``text``."""
    with nlp.select_pipes(disable=["sitroom_toponyms"]):
        doc = nlp(text)
    started = time.perf_counter()
    doc = nlp.get_pipe("sitroom_toponyms")(doc)
    mentions = resolve_places(doc, gazetteer, article_id="x")
    return time.perf_counter() - started, len(mentions)


def test_five_thousand_names(nlp: Any, gazetteer: Gazetteer) -> None:
    names = ["Paris", "Springfield", "Baghdad", "Victoria", "San Jose", "Georgia", "Mosul"]
    text = ", ".join(names[i % len(names)] for i in range(5000)) + "."
    seconds, n = _timed_places(nlp, gazetteer, text)
    assert seconds < 5.0
    assert n <= 5000


def test_thousands_of_capitalised_words(nlp: Any, gazetteer: Gazetteer) -> None:
    words = [f"Qa{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}{chr(97 + i // 676 % 26)}"
             for i in range(4000)]
    seconds, _ = _timed_places(nlp, gazetteer, " ".join(words) + ".")
    assert seconds < 5.0


def test_lookup_memo_is_bounded(gazetteer: Gazetteer) -> None:
    for i in range(CACHE_SIZE + 100):
        gazetteer.lookup(f"Nowhere{i}")
    assert len(gazetteer._memo) <= CACHE_SIZE


def test_places_step_is_cheap_next_to_the_model(
    samples_dir: Path, nlp: Any, gazetteer: Gazetteer
) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(samples_dir.glob("*.txt"))] * 3
    with nlp.select_pipes(disable=["sitroom_toponyms"]):
        started = time.perf_counter()
        docs = list(nlp.pipe(texts))
        model_seconds = time.perf_counter() - started
    component = nlp.get_pipe("sitroom_toponyms")
    started = time.perf_counter()
    for doc in docs:
        resolve_places(component(doc), gazetteer, article_id="x")
    places_seconds = time.perf_counter() - started
    # Well under a third in practice (see the report); the bound leaves room for a busy machine.
    assert places_seconds < model_seconds
