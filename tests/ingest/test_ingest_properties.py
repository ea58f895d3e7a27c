"""Properties: cleaning is idempotent and tidy, ids are stable, readers never raise."""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sitroom.clean import CleaningRules, article_id, clean_document, clean_text, load_cleaning_rules
from sitroom.errors import EmptyInputError
from sitroom.ingest import read_source
from sitroom.records import Metadata, Problem, RawDocument, Source

RULES: CleaningRules = load_cleaning_rules()

# Text built from pieces that exercise the cleaner: words, debris, odd spaces and breaks.
pieces = st.sampled_from(
    [
        "word",
        "Dam opens",
        "The dam opened.",
        "Advertisement",
        "Read more",
        "said:",
        "e\u0301",
        "\u0301",
        " ",
        "\t",
        "\u00a0",
        "\u2000",
        "\u200b",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "\u2028",
        "\x0c",
        "\x00",
        "\ud800",
        "lower",
        "“quote.”",
        "—",
    ]
)
texts = st.one_of(st.text(), st.lists(pieces, max_size=40).map("".join))


def _reclean(text: str, title: str | None) -> str:
    return clean_text(text, rules=RULES, title=title)[0]


@given(texts, st.booleans())
def test_cleaning_is_idempotent(text, headline):
    cleaned, title = clean_text(text, rules=RULES, find_headline=headline)
    # The headline rule takes a line away once; cleaning the result again with the title known
    # must change nothing.
    assert _reclean(cleaned, title) == cleaned


@given(texts, st.booleans())
def test_cleaned_text_is_tidy(text, headline):
    cleaned, title = clean_text(text, rules=RULES, find_headline=headline)
    assert cleaned == cleaned.strip()
    assert "\n\n\n" not in cleaned
    assert "\r" not in cleaned
    assert "  " not in cleaned
    for paragraph in cleaned.split("\n\n") if cleaned else []:
        assert paragraph
        assert paragraph == paragraph.strip()
        assert "\n" not in paragraph
    if title is not None:
        assert title == " ".join(title.split())


@given(texts)
def test_article_id_is_stable(text):
    doc = RawDocument(source="x.txt", text=text, metadata=Metadata(), kind="text")
    try:
        first = clean_document(doc, rules=RULES)
    except EmptyInputError:
        return
    second = clean_document(doc, rules=RULES)
    assert first.id == second.id == article_id(first.text)
    again = RawDocument(source="y.txt", text=first.text, metadata=Metadata(), kind="text")
    assert clean_document(again, rules=RULES).id == first.id


@given(st.binary(max_size=600))
@settings(deadline=None)
def test_jsonl_reader_never_raises_on_arbitrary_bytes(data):
    items = list(read_source(Source("-", "jsonl"), max_bytes=10_000, stdin=io.BytesIO(data)))
    assert all(isinstance(i, Problem | RawDocument) for i in items)
    for item in items:
        if isinstance(item, RawDocument):
            with contextlib.suppress(EmptyInputError):
                clean_document(item, rules=RULES)


jsonish = st.lists(
    st.sampled_from(['{"text": "ok"}', '{"text": ', "[1]", "{}", "\u2028", "\n", "\x00", "é"]),
    max_size=12,
).map(lambda parts: "".join(parts).encode("utf-8"))


@given(st.one_of(jsonish, st.binary(max_size=300)), st.sampled_from(["json", "jsonl", "feed"]))
@settings(deadline=None, max_examples=60)
def test_file_readers_never_raise(data, kind):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input.{kind}"
        path.write_bytes(data)
        items = list(read_source(Source(str(path), kind), max_bytes=10_000))
    assert all(isinstance(i, Problem | RawDocument) for i in items)
