"""Fixtures of the actor tests: the spaCy model and the packaged dictionary, loaded once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from spacy.language import Language

from sitroom.actors import ActorDictionary, find_actors
from sitroom.nlp import load_model
from sitroom.records import ActorMention


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The spaCy model, loaded once for the session."""
    return load_model()


@pytest.fixture(scope="session")
def dictionary() -> ActorDictionary:
    """The packaged actor dictionary, loaded once for the session."""
    return ActorDictionary.load()


@pytest.fixture(scope="session")
def find(nlp: Language, dictionary: ActorDictionary) -> Callable[..., list[ActorMention]]:
    """find_actors on a text, dated 2014-06-16 unless told otherwise."""

    def run(
        text: str,
        *,
        published: str | None = "2014-06-16",
        actors: ActorDictionary | None = None,
    ) -> list[ActorMention]:
        chosen = actors if actors is not None else dictionary
        return find_actors(nlp(text), chosen, article_id="a_test", published=published)

    return run


@pytest.fixture(scope="session")
def pick() -> Callable[[Sequence[ActorMention], str], ActorMention]:
    """The mention whose text is exactly ``text`` (the test fails when there is none)."""

    def choose(mentions: Sequence[ActorMention], text: str) -> ActorMention:
        found = [m for m in mentions if m.text == text]
        assert found, f"no mention {text!r} among {[m.text for m in mentions]}"
        return found[0]

    return choose


@pytest.fixture
def write_table(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a user table (lines given with ``\\t`` between fields) and return its path."""

    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, "utf-8")
        return path

    return write
