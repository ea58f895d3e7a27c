"""Properties of find_actors on generated text: valid, ordered, non-overlapping mentions."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from sitroom.actors import ActorDictionary, find_actors

VOCABULARY = [
    "Iraqi", "army", "ISIL", "IS", "is", "fighters", "the", "group", "(", ")", "Mr", "Kerry",
    "John", "said", "US", "official", "of", "Iran", "'s", "Quds", "Force", "police", "in",
    "former", "-", "backed", "militias", "a", "Front", "PF", ",", ".", "Shiite", "Sunni",
    "Hamas", "al", "Qaeda", "Prime", "Minister", "Smith", "officials", "Baghdad",
]  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=60))
# A short spelling of a longer name, ending the text, once indexed past the end of the doc.
@example(["al", "Qaeda"])
def test_mentions_are_valid_spans(
    nlp: Language, dictionary: ActorDictionary, words: list[str]
) -> None:
    text = " ".join(words)
    mentions = find_actors(nlp(text), dictionary, article_id="p")
    previous_end = 0
    for mention in mentions:
        assert mention.text == text[mention.start : mention.end]
        assert mention.start >= previous_end
        previous_end = mention.end
        assert mention.name
    entities = sorted({m.entity for m in mentions})
    assert entities == list(range(len(entities)))
