"""Language identification."""

from __future__ import annotations

from sitroom.language import is_english, mark_language
from sitroom.pipeline import Resources
from sitroom.records import Article, Metadata


def article(text: str, language: str | None = None) -> Article:
    return Article(
        id="a", text=text, raw_text=text, metadata=Metadata(language=language), source="t"
    )


def test_detects_english_and_french(resources: Resources) -> None:
    detector = resources.language_detector
    english = mark_language(article("The minister said talks would resume next week."), detector)
    french = mark_language(article("Le ministre a dit que les négociations reprendront."), detector)
    assert english.language == "en"
    assert is_english(english)
    assert french.language == "fr"
    assert not is_english(french)


def test_declared_language_wins(resources: Resources) -> None:
    detector = resources.language_detector
    marked = mark_language(article("The minister spoke.", language="EN-gb"), detector)
    assert marked.language == "en"
    marked = mark_language(article("The minister spoke.", language="de"), detector)
    assert marked.language == "de"
