"""Where attributions start and end, in the convention attribution corpora mark them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitroom.errors import ResourceError
from sitroom.quotes import parse_cues
from sitroom.records import Quote

Spans = Callable[[str], list[tuple[str, str]]]
Finder = Callable[[str], list[Quote]]


def test_cue_inside_a_quote_is_not_an_attribution(quotes: Finder) -> None:
    found = quotes('The mayor said: "I think the river will rise tonight."')
    assert [q.cue for q in found] == ["said"]


def test_quote_in_two_pieces_around_its_cue_is_one_span(spans: Spans) -> None:
    text = '"The bridge is safe," the engineer said, "but the road needs work."'
    assert (text, "said") in spans(text)


def test_quote_after_a_cue_sentence_is_one_span_with_the_first(spans: Spans) -> None:
    text = '"We are ready," Ms. Lee said. "The pumps are working."'
    assert [s for s, _ in spans(text)] == [text]


def test_words_opening_the_sentence_belong_to_the_quote(spans: Spans) -> None:
    text = 'Sooner or later, "the dam will fail," the engineer said.'
    assert ('Sooner or later, "the dam will fail,"', "said") in spans(text)


def test_reported_clause_stays_in_the_cue_paragraph(spans: Spans) -> None:
    text = 'The mayor asked: "Why now?"\n\nThe council said the vote was void.'
    assert ("the vote was void", "said") in spans(text)


def test_reported_clause_starts_at_that(spans: Spans) -> None:
    text = "The ministry said in a statement that the border would reopen."
    assert ("that the border would reopen", "said") in spans(text)


def test_partial_quote_in_a_reported_clause_keeps_the_clause(spans: Spans) -> None:
    text = 'The coach said that the team was "ready to win" this season.'
    assert ('that the team was "ready to win" this season', "said") in spans(text)


def test_paragraph_break_ends_a_parenthetical_report(spans: Spans) -> None:
    text = "Otherwise, she said, prices will rise.\n\n''We will see.''"
    assert ("Otherwise, she said, prices will rise", "said") in spans(text)


def test_relative_pronoun_speaker_is_its_noun(quotes: Finder) -> None:
    found = quotes("Farmers who believe the dam will fail met on Monday.")
    q = next(q for q in found if q.text == "the dam will fail")
    assert q.speaker is not None
    assert q.speaker.name == "Farmers"


def test_stance_verb_attributes_its_object(spans: Spans) -> None:
    text = "The union praised the new safety rules."
    assert ("the new safety rules", "praised") in spans(text)


def test_stance_object_keeps_its_role_phrase(spans: Spans) -> None:
    text = "The mayor blamed the flooding on the broken levee."
    assert ("the flooding on the broken levee", "blamed") in spans(text)


def test_stance_verb_is_not_a_parenthetical_cue(spans: Spans) -> None:
    text = "The roads will reopen soon, the governor supported."
    assert all(cue != "supported" for _, cue in spans(text))


def test_intent_verb_attributes_its_infinitive(spans: Spans) -> None:
    text = "The rebels vowed to keep fighting until spring."
    assert ("to keep fighting until spring", "vowed") in spans(text)


def test_intent_verb_keeps_the_person_asked(spans: Spans) -> None:
    text = "The senator urged voters to stay home on Tuesday."
    assert ("voters to stay home on Tuesday", "urged") in spans(text)


def test_topic_verb_attributes_its_prepositional_object(spans: Spans) -> None:
    text = "The protesters called for a new election."
    assert ("a new election", "called") in spans(text)


def test_participle_speaker_is_the_noun_it_describes(quotes: Finder) -> None:
    found = quotes("A group supporting the new dam met in the capital.")
    q = next(q for q in found if q.text == "the new dam")
    assert q.speaker is not None
    assert "group" in q.speaker.name


def test_topic_cue_needs_verb_and_preposition() -> None:
    assert ("call", "for") in parse_cues("kind\tcue\ntopic\tcall for\n").topics
    with pytest.raises(ResourceError, match="topic"):
        parse_cues("kind\tcue\ntopic\tcall\n")
