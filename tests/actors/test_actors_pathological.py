"""Inputs built to be slow: thousands of names, capitalised words, acronyms and epithets."""

from __future__ import annotations

import itertools
import random
import time
import tracemalloc
from collections.abc import Callable

import pytest
from spacy.language import Language

from sitroom.actors import ActorDictionary, find_actors

MAX_SECONDS = 3.0
MAX_MEGABYTES = 50
WORDS = 5000


def _names(rng: random.Random) -> str:
    first = ["John", "Maria", "Ahmed", "Li", "Ivan", "Fatima", "Kerry", "Omar"]
    last = ["Smith", "Haddad", "Kerry", "Maliki", "Petrov", "Wang", "Assad", "Khan"]
    return ", ".join(f"{rng.choice(first)} {rng.choice(last)}" for _ in range(WORDS // 2))


def _capitals(rng: random.Random) -> str:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    words = ("".join(rng.choice(letters) for _ in range(rng.randint(2, 7))) for _ in range(WORDS))
    return " ".join(w.title() if rng.random() < 0.7 else w for w in words)


def _acronyms(rng: random.Random) -> str:
    parts = []
    for _ in range(WORDS // 8):
        words = [
            rng.choice(["Popular", "Front", "Army", "People", "Union", "Free"]) for _ in range(3)
        ]
        parts.append(f"The {' '.join(words)} ({''.join(w[0] for w in words)}) said Mr Front.")
    return " ".join(parts)


def _epithets() -> str:
    return " ".join(["Hamas and the PKK fought. The group said the officials left."] * 400)


@pytest.mark.parametrize("build", [_names, _capitals, _acronyms, lambda rng: _epithets()])
def test_time_and_memory_stay_bounded(
    nlp: Language, dictionary: ActorDictionary, build: Callable[[random.Random], str]
) -> None:
    text = build(random.Random(7))
    doc = nlp(text)
    assert len(doc) >= WORDS
    find_actors(doc, dictionary, article_id="warm")
    tracemalloc.start()
    started = time.perf_counter()
    mentions = find_actors(doc, dictionary, article_id="x")
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < MAX_SECONDS
    assert peak < MAX_MEGABYTES * 1_000_000
    assert len(mentions) <= len(doc)
    spans = sorted((m.start, m.end) for m in mentions)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
