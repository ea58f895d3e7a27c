"""Fixtures of the quote tests: the model and actor dictionary, loaded once; helpers."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from sitroom.actors import ActorDictionary, find_actors
from sitroom.nlp import load_model
from sitroom.quotes import CueLexicon, QuotesExtractor, find_quotes, load_cues
from sitroom.records import Quote


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The spaCy model, loaded once for the session."""
    return load_model()


@pytest.fixture(scope="session")
def dictionary() -> ActorDictionary:
    """The packaged actor dictionary, loaded once for the session."""
    return ActorDictionary.load()


@pytest.fixture(scope="session")
def cues() -> CueLexicon:
    """The packaged cue lexicon."""
    return load_cues()


@pytest.fixture(scope="session")
def quotes(
    nlp: Language, dictionary: ActorDictionary, cues: CueLexicon
) -> Callable[[str], list[Quote]]:
    """find_quotes on a text, after the model and the actor stage."""

    def run(text: str) -> list[Quote]:
        doc = nlp(text)
        actors = find_actors(doc, dictionary, article_id="a_test", published="2014-06-16")
        return find_quotes(doc, actors, article_id="a_test", cues=cues)

    return run


@pytest.fixture(scope="session")
def one() -> Callable[[list[Quote], str], Quote]:
    """Picks the quote whose text holds a fragment (asserting there is exactly one)."""

    def pick(found: list[Quote], fragment: str) -> Quote:
        matching = [q for q in found if fragment in q.text]
        assert len(matching) == 1, (fragment, [q.text for q in found])
        return matching[0]

    return pick


@pytest.fixture(scope="session")
def spans(nlp: Language, dictionary: ActorDictionary) -> Callable[[str], list[tuple[str, str]]]:
    """The evaluation adapter on a text: each prediction's content text and cue."""
    extractor = QuotesExtractor(nlp, dictionary)

    def run(text: str) -> list[tuple[str, str]]:
        return [(text[p.start : p.end], p.cue or "") for p in extractor.extract_quotes(text)]

    return run
