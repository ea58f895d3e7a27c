"""Cleaning: whitespace and Unicode normalisation, debris lines, headlines and article ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.clean import (
    CleaningRules,
    article_id,
    clean_document,
    clean_text,
    load_cleaning_rules,
    parse_cleaning_rules,
)
from sitroom.errors import ConfigError, EmptyInputError
from sitroom.records import Metadata, RawDocument


def raw(text: str, *, title: str | None = None, headline: bool = False, line: int | None = None):
    return RawDocument(
        source="in.txt",
        text=text,
        metadata=Metadata(title=title, outlet="Courier"),
        kind="text",
        line=line,
        title_from_first_line=headline,
    )


def test_whitespace_and_unicode_are_normalised(rules):
    text = "\ufeff  One\u00a0 two\tthree  \r\nfour\u2003five."
    text += "\r\r\n\n\n Cafe\u0301 \u200bnear.\u2029Six."
    cleaned, title = clean_text(text, rules=rules)
    assert cleaned == "One two three four five.\n\nCafé near.\n\nSix."
    assert title is None


def test_every_line_is_a_paragraph_and_hard_wraps_are_joined(rules):
    text = "The army said it had\nretaken the town.\nResidents returned.\n\n\n\nA new paragraph."
    cleaned, _ = clean_text(text, rules=rules)
    assert (
        cleaned
        == "The army said it had retaken the town.\n\nResidents returned.\n\nA new paragraph."
    )


@pytest.mark.parametrize(
    "line",
    [
        "Loading article content",
        "Advertisement",
        "ADVERTISEMENT",
        "Read more",
        "READ MORE",
        "Read more: Why the ferry stopped",
        "Share this article",
        "Share on Facebook",
        "Share",
        "Tweet",
        "Email",
        "We use cookies to improve your experience. By using this site you agree.",
        "Accept cookies",
        "Subscribe to our newsletter",
        "Sign up for our morning briefing",
        "Click here to see the full gallery",
        "Skip to content",
        "Related articles",
        "© 2014 Courier Media Ltd",
        "Copyright 2014 Courier. All rights reserved.",
    ],
)
def test_debris_lines_are_dropped(rules, line):
    cleaned, _ = clean_text(f"The dam opened.\n\n{line}\n\nWater flowed.", rules=rules)
    assert cleaned == "The dam opened.\n\nWater flowed."


@pytest.mark.parametrize(
    "line",
    [
        "Officials urged residents to read more about the evacuation plans before Friday.",
        "Share prices fell sharply in Baghdad after the city was taken.",
        "Copyright lawyers for the broadcaster said the footage was used without consent.",
        "Loading of the ships resumed on Monday.",
        "Sign up for the army was slow in the south, officials said, and recruits were few.",
    ],
)
def test_sentences_that_contain_debris_words_stay(rules, line):
    cleaned, _ = clean_text(f"The dam opened.\n\n{line}\n\nWater flowed.", rules=rules)
    assert line in cleaned


def test_headline_is_taken_from_the_first_line(rules):
    article = clean_document(
        raw("Dam opens on time\n\nThe dam opened on Monday.\n\nDam opens on time\n", headline=True),
        rules=rules,
    )
    assert article.title == "Dam opens on time"
    assert article.text == "The dam opened on Monday."
    assert article.metadata.outlet == "Courier"


@pytest.mark.parametrize(
    "first",
    [
        "The dam opened on Monday.",
        "The dam opened, officials said:",
        "Did the dam open?",
        "He said it was “the end.”",
        "BAGHDAD -",
        "2014",
        "One two three four five six seven eight nine ten eleven twelve thirteen fourteen"
        " fifteen sixteen seventeen eighteen nineteen twenty twentyone",
    ],
)
def test_lines_that_are_not_headlines(rules, first):
    article = clean_document(raw(f"{first}\n\nMore text follows here.", headline=True), rules=rules)
    assert article.title is None
    assert article.text.startswith(first)


def test_a_single_line_is_not_a_headline(rules):
    article = clean_document(raw("Dam opens", headline=True), rules=rules)
    assert article.title is None
    assert article.text == "Dam opens"


def test_headline_after_debris(rules):
    article = clean_document(
        raw("Advertisement\n\nDam opens\n\nThe dam opened.", headline=True), rules=rules
    )
    assert article.title == "Dam opens"
    assert article.text == "The dam opened."


def test_hard_wrapped_first_line_is_not_a_headline(rules):
    text = (
        "The army said on Monday that it had retaken\n"
        "Tikrit after two days of fighting with the\n"
        "militants who had held it since the spring\n"
        "and that civilians could return.\n"
    )
    article = clean_document(raw(text, headline=True), rules=rules)
    assert article.title is None
    assert article.text.startswith("The army said on Monday that it had retaken")


def test_headline_without_blank_line_in_paragraph_per_line_text(rules):
    text = "Dam opens\nThe dam opened on Monday.\nWater flowed at once.\n"
    article = clean_document(raw(text, headline=True), rules=rules)
    assert article.title == "Dam opens"
    assert article.text == "The dam opened on Monday.\n\nWater flowed at once."


def test_metadata_title_is_kept_and_its_repeats_dropped(rules):
    text = "DAM  OPENS\n\nThe dam opened.\n\nDam opens\n\nWater flowed."
    article = clean_document(raw(text, title=" Dam\u00a0opens "), rules=rules)
    assert article.title == "Dam opens"
    assert article.text == "The dam opened.\n\nWater flowed."


def test_metadata_title_wins_over_the_headline_which_still_leaves_the_text(rules):
    article = clean_document(
        raw("Kicker line\n\nThe dam opened.", title="Dam opens", headline=True), rules=rules
    )
    assert article.title == "Dam opens"
    assert article.text == "The dam opened."


def test_nothing_left_after_cleaning(rules):
    with pytest.raises(EmptyInputError) as caught:
        clean_document(raw("Advertisement\n\nRead more\n", line=3), rules=rules)
    assert caught.value.reason == "no text left after cleaning"
    assert caught.value.line == 3
    assert caught.value.path == "in.txt"


def test_article_fields(rules):
    article = clean_document(raw("  The dam opened.  ", line=7), rules=rules)
    assert article.id == article_id("The dam opened.")
    assert article.raw_text == "  The dam opened.  "
    assert article.source == "in.txt:7"
    assert (article.language, article.duplicate_of, article.ingested_at) == (None, None, None)


def test_article_id_format_and_identity(rules):
    one = clean_document(raw("The dam opened.\r\n\r\nWater flowed."), rules=rules)
    two = clean_document(raw("The  dam opened.\n\n\n\n  Water flowed.  "), rules=rules)
    assert one.id == two.id
    assert one.id.startswith("a_")
    assert len(one.id) == 22
    assert int(one.id[2:], 16) >= 0


def test_default_rules_have_a_version(rules):
    assert rules.version == "1"
    assert len(rules.patterns) > 10


def test_rules_from_a_file(tmp_path: Path):
    path = tmp_path / "rules.txt"
    path.write_text("# version: test-2\n\n# comment\n  breaking news  \n", encoding="utf-8")
    rules = load_cleaning_rules(path)
    assert rules == CleaningRules(patterns=("breaking news",), version="test-2")
    cleaned, _ = clean_text("BREAKING NEWS\n\nThe dam opened.\n\nAdvertisement", rules=rules)
    assert cleaned == "The dam opened.\n\nAdvertisement"


def test_bad_rules_are_a_config_error(tmp_path: Path):
    with pytest.raises(ConfigError, match=r"rules:3: invalid regular expression"):
        parse_cleaning_rules("# version: 1\n\nread (more\n", where="rules")
    with pytest.raises(ConfigError, match="cannot read cleaning rules"):
        load_cleaning_rules(tmp_path / "missing.txt")


def test_empty_rules_drop_nothing():
    rules = parse_cleaning_rules("# nothing\n")
    assert clean_text("Advertisement", rules=rules)[0] == "Advertisement"


def test_a_nul_in_the_raw_text_becomes_the_replacement_character(rules):
    article = clean_document(raw("The dam\x00 opened."), rules=rules)
    assert "\x00" not in article.text
    assert article.raw_text == "The dam\ufffd opened."


def test_a_page_that_does_not_tell_its_headline_is_hashed_with_it(rules):
    from sitroom.clean import article_id
    from sitroom.link.profiles import WordRarity

    rarity = WordRarity()
    sign_in = "Welcome back. Sign in with your account to keep reading."
    one = clean_document(raw(sign_in, title="Dam opens on time"), rules=rules, rarity=rarity)
    two = clean_document(raw(sign_in, title="Storm closes the port"), rules=rules, rarity=rarity)
    assert one.id != two.id
    # A report keeps the id of its text alone, headline or not.
    report = "The dam opened on time on Monday, officials said."
    told = clean_document(raw(report, title="Dam opens on time"), rules=rules, rarity=rarity)
    assert told.id == article_id(report)
