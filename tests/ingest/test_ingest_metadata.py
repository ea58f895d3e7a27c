"""Metadata: sidecars, batch overrides, their precedence, and date and language normalisation."""

from __future__ import annotations

import json

import pytest

from sitroom.errors import MetadataError
from sitroom.ingest.metadata import (
    metadata_from_mapping,
    normalise_language,
    parse_feed_date,
    parse_iso_date,
)
from sitroom.ingest.sources import sidecar_path
from sitroom.records import Metadata

ARTICLE = "Ferry runs again.\n\nThe river ferry started on Monday after repairs.\n"


def test_sidecar_name_drops_only_the_last_extension():
    assert sidecar_path("in/000_x.txt").name == "000_x.meta.json"
    assert sidecar_path("in/a.b.json").name == "a.b.meta.json"


def test_sidecar_metadata_is_applied_and_unknown_fields_ignored(write, read, docs):
    path = write("r.txt", ARTICLE)
    write(
        "r.meta.json",
        json.dumps(
            {
                "outlet": "Courier",
                "wire": "Reuters",
                "url": "https://c.example/r",
                "title": "Ferry",
                "author": "Ann Lee",
                "published": "2014-06-17T09:00:00Z",
                "language": "EN",
                "note": "ignored",
            }
        ),
    )
    (doc,) = docs(read(path))
    assert doc.metadata == Metadata(
        outlet="Courier",
        wire="Reuters",
        url="https://c.example/r",
        title="Ferry",
        author="Ann Lee",
        published="2014-06-17",
        language="en",
    )


def test_overrides_beat_the_file_and_the_sidecar_beats_overrides(write, read, docs):
    record = {"text": "A report.", "outlet": "From file", "wire": "File wire", "title": "T"}
    path = write("r.json", json.dumps(record))
    write("r.meta.json", json.dumps({"outlet": "From sidecar"}))
    overrides = Metadata(outlet="From option", wire="Option wire", published="2014-06-01")
    (doc,) = docs(read(path, overrides=overrides))
    assert doc.metadata.outlet == "From sidecar"
    assert doc.metadata.wire == "Option wire"
    assert doc.metadata.published == "2014-06-01"
    assert doc.metadata.title == "T"


def test_overrides_beat_html_metadata(write, read, docs):
    page = (
        "<html><head><meta property='og:site_name' content='Site Name'></head><body><article>"
        "<p>The harbour crane was repaired on Friday and loading resumed at once.</p>"
        "<p>Dock workers said the backlog of ships would clear within a week.</p>"
        "</article></body></html>"
    )
    (doc,) = docs(read(write("p.html", page), overrides=Metadata(outlet="Batch Outlet")))
    assert doc.metadata.outlet == "Batch Outlet"


def test_sidecar_applies_to_every_record_of_its_file(write, read, docs):
    path = write("many.jsonl", '{"text": "One."}\n{"text": "Two.", "outlet": "Own"}\n')
    write("many.meta.json", json.dumps({"wire": "AP"}))
    first, second = docs(read(path))
    assert first.metadata.wire == second.metadata.wire == "AP"
    assert second.metadata.outlet == "Own"


def test_null_and_blank_sidecar_fields_mean_unknown(write, read, docs):
    path = write("r.txt", ARTICLE)
    write("r.meta.json", json.dumps({"outlet": None, "title": "  "}))
    (doc,) = docs(read(path, overrides=Metadata(outlet="Batch")))
    assert doc.metadata.outlet == "Batch"
    assert doc.metadata.title is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2014-06-17", "2014-06-17"),
        ("  2014-06-17 ", "2014-06-17"),
        ("2014-06-17T23:30:00", "2014-06-17"),
        ("2014-06-17T23:30:00Z", "2014-06-17"),
        ("2014-06-17T23:30:00-05:00", "2014-06-17"),
        ("2014-06-17 08:00", "2014-06-17"),
        ("20140617", "2014-06-17"),
        ("2014-13-45", None),
        ("17/06/2014", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_parse_iso_date(value, expected):
    assert parse_iso_date(value) == expected


def test_parse_feed_date():
    assert parse_feed_date("Tue, 17 Jun 2014 23:30:00 -0500", None) == "2014-06-17"
    assert parse_feed_date("2014-06-16T08:00:00+02:00", None) == "2014-06-16"
    assert parse_feed_date("garbage", None) is None
    assert parse_feed_date(None, None) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [("en", "en"), ("EN-gb", "en"), ("pt_BR", "pt"), ("English", None), ("e", None)],
)
def test_normalise_language(value, expected):
    assert normalise_language(value) == expected


def test_metadata_from_mapping_errors_carry_path_and_line():
    with pytest.raises(MetadataError) as caught:
        metadata_from_mapping(
            "f.jsonl", {"published": "2014-02-30"}, context="record field", line=4
        )
    expected = "f.jsonl:4: invalid date in record field 'published': '2014-02-30'"
    assert caught.value.message == expected


def test_metadata_strings_lose_control_characters_and_extra_spaces():
    meta = metadata_from_mapping(
        "f.json", {"title": " Dam\u0000 opens\n\tagain ", "outlet": "\ud800X"}, context="record"
    )
    assert meta.title == "Dam opens again"
    assert meta.outlet == "X"
