"""The evaluation adapter: a TimexTagger over the date finder, and its meantime figures."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from sitroom.dates import DateFinder
from sitroom.dates.timex import DatesTimexTagger
from sitroom.errors import EvaluationError
from sitroom.evaluate import evaluate
from sitroom.evaluate.system import EvalSystem, TimexTagger

if TYPE_CHECKING:
    from spacy.language import Language


def test_tags_with_timeml_values_and_types(nlp: Language, finder: DateFinder) -> None:
    tagger: TimexTagger = DatesTimexTagger(nlp, finder=finder)
    text = "Talks ended on Friday after two days.\nThey resume next week."
    found = tagger.tag(text, "2013-03-22")
    assert [(text[t.start : t.end], t.value, t.type) for t in found] == [
        ("Friday", "2013-03-22", "DATE"),
        ("two days", "P2D", "DURATION"),
        ("next week", "2013-W13", "DATE"),
    ]


def test_without_a_creation_time_relative_values_are_left_open(
    nlp: Language, finder: DateFinder
) -> None:
    found = DatesTimexTagger(nlp, finder=finder).tag("They met on Friday in 2012.", None)
    assert [(t.value, t.type) for t in found] == [("XXXX-WXX-5", "DATE"), ("2012", "DATE")]


def test_annotated_lines_limit_the_text_tagged(nlp: Language, finder: DateFinder) -> None:
    tagger = DatesTimexTagger(nlp, finder=finder, annotated_lines=1)
    assert [
        t.value for t in tagger.tag("It rained today.\nIt rained yesterday.", "2014-06-17")
    ] == ["2014-06-17"]


def test_a_malformed_creation_time_is_an_evaluation_error(
    nlp: Language, finder: DateFinder
) -> None:
    with pytest.raises(EvaluationError):
        DatesTimexTagger(nlp, finder=finder).tag("today", "17/06/2014")


def test_meantime_figures(nlp: Language, finder: DateFinder, eval_dir: Path) -> None:
    """MEANTIME annotates the title, date line and first sentences: tag those six lines."""
    if not (eval_dir / "meantime" / "dev.jsonl").is_file():
        pytest.skip("meantime is absent")
    tagger = DatesTimexTagger(nlp, finder=finder, annotated_lines=6)
    report = evaluate("meantime", data_dir=eval_dir, system=EvalSystem(timex_tagger=tagger))
    assert report.metrics["value_accuracy"] >= 0.88
    assert report.metrics["timex_f1"] >= 0.85
