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
    text = "The roads will reopen soon, the governor criticized."
    assert all(cue != "criticized" for _, cue in spans(text))


def test_intent_verb_attributes_its_infinitive(spans: Spans) -> None:
    text = "The rebels vowed to keep fighting until spring."
    assert ("to keep fighting until spring", "vowed") in spans(text)


def test_intent_verb_keeps_the_person_asked(spans: Spans) -> None:
    text = "The senator urged voters to stay home on Tuesday."
    assert ("voters to stay home on Tuesday", "urged") in spans(text)


def test_topic_verb_attributes_its_prepositional_object(spans: Spans) -> None:
    text = "The protesters called for a new election."
    assert ("a new election", "called for") in spans(text)


def test_participle_speaker_is_the_noun_it_describes(quotes: Finder) -> None:
    found = quotes("A group opposing the new dam met in the capital.")
    q = next(q for q in found if q.text == "the new dam")
    assert q.speaker is not None
    assert "group" in q.speaker.name


def test_topic_cue_needs_verb_and_preposition() -> None:
    assert ("call", "for") in parse_cues("kind\tcue\ntopic\tcall for\n").topics
    with pytest.raises(ResourceError, match="topic"):
        parse_cues("kind\tcue\ntopic\tcall\n")


def test_embedded_question_is_what_is_asked(spans: Spans) -> None:
    text = "The reporter asked the mayor if the bridge would reopen."
    assert ("if the bridge would reopen", "asked") in spans(text)


def test_passive_expectation_is_a_view_of_the_whole_clause(quotes: Finder) -> None:
    found = quotes("The council is expected to approve the budget on Friday.")
    q = next(q for q in found if q.cue == "expected")
    assert q.text == "The council is expected to approve the budget on Friday"
    assert q.speaker is None


def test_headline_name_and_colon_attribute_the_rest(spans: Spans) -> None:
    text = "Mayor Smith: The Bridge Will Reopen In May.\n\nThe city council met on Monday."
    assert ("The Bridge Will Reopen In May", ":") in spans(text)


def test_according_to_ends_a_report(spans: Spans) -> None:
    text = "The minister said the economy was growing, according to a state broadcaster."
    assert ("the economy was growing", "said") in spans(text)


def test_but_clause_belongs_to_the_report(spans: Spans) -> None:
    text = "The minister said that the talks were hard but that a deal was close."
    assert ("that the talks were hard but that a deal was close", "said") in spans(text)


def test_partial_quote_inside_another_clause_does_not_join(spans: Spans) -> None:
    text = '"We are ready," Ms. Lee said, adding that the plan was "bold."'
    predicted = [s for s, _ in spans(text)]
    assert '"We are ready,"' in predicted


def test_interrupted_sentence_quote_starts_with_the_sentence(spans: Spans) -> None:
    text = 'Sooner or later, the mayor said, "the river will flood."'
    assert (text, "said") in spans(text)


def test_statement_saying_speaks_for_who_issued_it(quotes: Finder) -> None:
    found = quotes("The ministry issued a statement saying the border was closed.")
    q = next(q for q in found if q.text == "the border was closed")
    assert q.speaker is not None
    assert "ministry" in q.speaker.name


def test_object_of_a_participle_is_not_its_speaker(quotes: Finder) -> None:
    found = quotes("The union took the step of criticizing the new rules.")
    q = next(q for q in found if q.text == "the new rules")
    assert q.speaker is not None
    assert "union" in q.speaker.name


def test_who_names_its_person(quotes: Finder) -> None:
    found = quotes("A farmer who believes the dam will fail spoke on Monday.")
    q = next(q for q in found if q.text == "the dam will fail")
    assert q.speaker is not None
    assert "farmer" in q.speaker.name


def test_regard_verb_needs_its_as_phrase(spans: Spans) -> None:
    assert ("the vote as a test of trust", "sees") in spans(
        "The mayor sees the vote as a test of trust."
    )
    assert all(cue != "saw" for _, cue in spans("The mayor saw the river from the bridge."))


def test_parenthetical_report_needs_a_finite_cue(spans: Spans) -> None:
    text = "Prices rose again in May, and analysts will continue."
    assert all(cue != "continue" for _, cue in spans(text))


def test_clause_after_the_cue_comes_first(spans: Spans) -> None:
    text = "Most voters say they are tired; a third say they have not decided."
    assert ("they have not decided", "say") in spans(text)


def test_according_to_leaves_out_a_trailing_participle(spans: Spans) -> None:
    text = "The strike ended on Friday, according to the union, closing a long dispute."
    assert ("The strike ended on Friday", "according to") in spans(text)


def test_quoted_title_is_not_a_quote(spans: Spans) -> None:
    text = 'The senator told NBC\'s "Meet the Press" that taxes would rise.'
    assert all(not s.startswith('"Meet') for s, _ in spans(text))


def test_trailing_who_aside_leaves_the_report(spans: Spans) -> None:
    text = "The mayor praised the firefighters, who worked through the night."
    assert ("the firefighters", "praised") in spans(text)


def test_naming_object_reaches_the_closing_quote(spans: Spans) -> None:
    text = 'The mayor called the plan "a mistake" that would "cost us dearly."'
    assert ('the plan "a mistake" that would "cost us dearly."', "called") in spans(text)


def test_hopes_is_a_belief_though_tagged_hop(spans: Spans) -> None:
    text = "The coach hopes the team will win."
    assert ("the team will win", "hopes") in spans(text)


def test_passive_stance_attributes_its_subject_to_the_agent(quotes: Finder) -> None:
    found = quotes("The new budget was praised by the governor on Monday.")
    q = next(q for q in found if q.cue == "praised")
    assert q.text == "The new budget"
    assert q.speaker is not None
    assert "governor" in q.speaker.name


def test_percent_sign_and_closing_bracket_stay(spans: Spans) -> None:
    text = "The party said turnout reached 39%. It said Ms. Lee (D-Ohio) won the seat."
    predicted = spans(text)
    assert ("turnout reached 39%", "said") in predicted
    assert ("Ms. Lee (D-Ohio) won the seat", "said") in predicted


def test_question_keeps_its_question_mark(spans: Spans) -> None:
    text = "Mayor Smith: Why Is The Bridge Still Closed?\n\nThe council met on Monday."
    assert ("Why Is The Bridge Still Closed?", ":") in spans(text)
