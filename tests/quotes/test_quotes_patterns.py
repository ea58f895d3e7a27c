"""Every quote pattern on short sentences of our own, and the quotation-mark scanner."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitroom.quotes import find_quoted, parse_cues, quote_id
from sitroom.records import Quote

Finder = Callable[[str], list[Quote]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We will win," Smith said.', ("We will win,", "said", "Smith", True)),
        ('"We will win," said Mary Jones.', ("We will win,", "said", "Mary Jones", True)),
        (
            'The mayor said: "The roads are closed."',
            ("The roads are closed.", "said", "mayor", True),
        ),
        ("The mayor told reporters, “Stay home.”", ("Stay home.", "told", "mayor", True)),
        ("'' It is over , '' the coach said .", ("It is over ,", "said", "coach", True)),
        (
            "The minister said that the talks had failed.",
            ("that the talks had failed", "said", "minister", False),
        ),
        (
            "The minister said the talks had failed.",
            ("the talks had failed", "said", "minister", False),
        ),
        (
            "The talks had failed, the minister said.",
            ("The talks had failed", "said", "minister", False),
        ),
        (
            "According to the police, three people died in the fire.",
            ("three people died in the fire", "according to", "police", False),
        ),
        (
            "Three people died in the fire, according to the police.",
            ("Three people died in the fire", "according to", "police", False),
        ),
        (
            'The senator called the plan a "total disaster" on Monday.',
            ("total disaster", "called", "senator", True),
        ),
        (
            "Officials warned that more storms were coming.",
            ("that more storms were coming", "warned", "Officials", False),
        ),
    ],
)
def test_patterns(quotes: Finder, text: str, expected: tuple[str, str, str, bool]) -> None:
    content, cue, speaker, direct = expected
    found = quotes(text)
    matching = [q for q in found if q.text == content]
    assert matching, [q.text for q in found]
    q = matching[0]
    assert q.cue is not None
    assert q.cue.casefold() == cue
    assert q.direct is direct
    assert text[q.start : q.end] == q.text
    assert q.speaker is not None
    assert speaker in q.speaker.name


def test_continued_quote_keeps_speaker(quotes: Finder) -> None:
    text = 'Jane Doe, the mayor, spoke. "We are ready," Doe said. "The pumps are working."'
    found = quotes(text)
    second = [q for q in found if q.text.startswith("The pumps")]
    assert second
    assert second[0].speaker is not None
    assert "Doe" in second[0].speaker.name


def test_pronoun_resolves_to_previous_speaker(quotes: Finder) -> None:
    text = "Senator Mary Jones spoke in Ohio. She said the bill would pass."
    found = quotes(text)
    q = next(q for q in found if q.text == "the bill would pass")
    assert q.speaker is not None
    assert "Jones" in q.speaker.name
    assert text[q.speaker.start : q.speaker.end] == "She"


def test_scare_quotes_alone_are_not_quotes(quotes: Finder) -> None:
    assert quotes('The so-called "peace plan" was published on Monday.') == []


@pytest.mark.parametrize(
    "text",
    ['He said: "Unclosed quote', '"', '""', "” stray close", "“a “b” c", "''", "said said"],
)
def test_unbalanced_and_odd_text_does_not_crash(quotes: Finder, text: str) -> None:
    for q in quotes(text):
        assert 0 <= q.start <= q.end <= len(text)


def test_quoted_pairs_marks() -> None:
    text = 'A "b c" d “e f” g\n"open till the end'
    spans = [(q.start, q.end, q.closed) for q in find_quoted(text)]
    assert spans[0] == (2, 7, True)
    assert spans[1] == (10, 15, True)
    last = find_quoted(text)[-1]
    assert text[last.inner_start : last.inner_end] == "open till the end"
    assert not last.closed


@given(st.text(alphabet="ab \"“”'\n,.", max_size=60))
def test_quoted_spans_stay_in_text(text: str) -> None:
    for q in find_quoted(text):
        assert 0 <= q.start <= q.inner_start <= q.inner_end <= q.end <= len(text)
        assert "\n" not in text[q.start : q.end]


def test_quote_id_is_stable() -> None:
    assert quote_id("a_1", 3, 9) == quote_id("a_1", 3, 9) != quote_id("a_1", 3, 10)


def test_cue_table_rejects_bad_rows() -> None:
    from sitroom.errors import ResourceError

    with pytest.raises(ResourceError, match="<cues>:2"):
        parse_cues("kind\tcue\nnoise\tsay\n")
    assert "say" in parse_cues("kind\tcue\nverb\tsay\n").speech
