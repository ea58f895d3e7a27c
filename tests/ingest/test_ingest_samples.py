"""The two founding sample reports, read, given their sidecar metadata, and cleaned."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.clean import CleaningRules, article_id, clean_document
from sitroom.ingest import discover, read_source
from sitroom.records import Article, Metadata, RawDocument

HEADLINE_004 = "Sunni militants capture Iraqi city near Syria"


@pytest.fixture(scope="module")
def articles(samples_dir: Path, rules: CleaningRules) -> dict[str, Article]:
    sources, problems = discover([str(samples_dir)])
    assert problems == []
    found: dict[str, Article] = {}
    for source in sources:
        items = list(read_source(source, max_bytes=20 * 1024 * 1024, overrides=Metadata()))
        assert all(isinstance(i, RawDocument) for i in items), items
        (doc,) = items
        assert isinstance(doc, RawDocument)
        found[Path(source.path).name[:3]] = clean_document(doc, rules=rules)
    return found


def test_only_the_two_reports_are_found(articles):
    assert sorted(articles) == ["000", "004"]


def test_sample_000_metadata_and_text(articles):
    article = articles["000"]
    assert article.title is None
    assert article.metadata.published == "2014-06-17"
    assert article.metadata.outlet == "The Herald (Glasgow)"
    assert article.metadata.wire == "Reuters"
    assert article.metadata.language == "en"
    assert article.text.startswith("THE US has said")
    assert "Loading article content" not in article.text
    assert "Loading article content" in article.raw_text


def test_sample_004_headline_once_in_title_never_in_text(articles):
    article = articles["004"]
    assert article.title == HEADLINE_004
    assert HEADLINE_004 not in article.text
    assert article.raw_text.count(HEADLINE_004) == 3
    assert article.metadata.published == "2014-06-16"
    assert article.metadata.wire == "Associated Press"
    assert article.text.startswith("Sunni militants captured a strategic northern Iraqi city")


def test_sample_004_last_paragraph_is_stripped(articles):
    last = articles["004"].text.split("\n\n")[-1]
    assert last.startswith("In the mid-2000s'")
    assert "\u00a0" not in articles["004"].text


def test_sample_text_shape(articles):
    for article in articles.values():
        assert article.text == article.text.strip()
        assert "\n\n\n" not in article.text
        assert article.id == article_id(article.text)
        assert article.language is None
        assert article.duplicate_of is None
        assert article.ingested_at is None
        assert article.source.endswith(".txt")
