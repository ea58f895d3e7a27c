"""Loaders: every set's real dev file against its README counts, and malformed hand-made files."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sitroom.errors import DatasetError, EvaluationError
from sitroom.evaluate import datasets
from sitroom.evaluate.datasets import (
    dataset_path,
    load_case2021,
    load_ecbplus,
    load_geo,
    load_geo_geovirus,
    load_geo_gwn,
    load_geo_lgl,
    load_geo_trnews,
    load_giveme5w1h,
    load_gva,
    load_meantime,
    load_plover_gsr,
    load_polnear,
    load_tempeval3,
    load_wikievents,
)

WriteSet = Callable[..., Path]


def readme_count(readme: Path) -> int:
    """The first number of the README's 'Counts' section (records of dev.jsonl)."""
    text = readme.read_text("utf-8")
    section = text.split("## Counts", 1)[1]
    first_bullet = next(line for line in section.splitlines() if line.startswith("- "))
    match = re.match(r"- (?:(\d+) records\b|[^:]+: (\d+))", first_bullet)
    assert match, first_bullet
    return int(match.group(1) or match.group(2))


def _case2021(records: list[Any]) -> dict[str, int]:
    return {"labels": len({r.label for r in records})}


def _gva(records: list[Any]) -> dict[str, int]:
    return {
        "documents": sum(len(r.documents) for r in records),
        "several documents": sum(len(r.documents) > 1 for r in records),
        "with lat/lon": sum(r.lat is not None for r in records),
        "killed > 0": sum(r.killed > 0 for r in records),
        "injured > 0": sum(r.injured > 0 for r in records),
    }


def _geo(records: list[Any]) -> dict[str, int]:
    toponyms = [t for r in records for t in r.toponyms]
    return {
        "toponyms": len(toponyms),
        "with lat/lon": sum(t.has_coordinates for t in toponyms),
        "with geonameid": sum(t.geonameid is not None for t in toponyms),
    }


def _ecbplus(records: list[Any]) -> dict[str, int]:
    kinds = Counter(m.kind for r in records for m in r.mentions)
    return {
        "topics": len({r.topic for r in records}),
        "clusters": len({r.cluster for r in records}),
        "mentions": sum(kinds.values()),
        "event": kinds["event"],
        "participant": kinds["participant"],
        "time": kinds["time"],
        "location": kinds["location"],
        "with coref_sentences": sum(bool(r.coref_sentences) for r in records),
        "sentences listed": sum(len(r.coref_sentences) for r in records),
    }


def _polnear(records: list[Any]) -> dict[str, int]:
    attributions = [a for r in records for a in r.attributions]
    return {
        "train": sum(r.orig_split == "train" for r in records),
        "attributions": len(attributions),
        "with source": sum(a.source is not None for a in attributions),
        "with cue": sum(a.cue is not None for a in attributions),
    }


def _meantime(records: list[Any]) -> dict[str, int]:
    types = Counter(t.type for r in records for t in r.timexes)
    return {"timexes": sum(types.values()), "DATE": types["DATE"], "DURATION": types["DURATION"]}


def _plover(records: list[Any]) -> dict[str, int]:
    return {
        "with mode": sum(r.mode is not None for r in records),
        "with location": sum(r.location_name is not None for r in records),
        "with target": sum(bool(r.target) for r in records),
        "AGREE": sum(r.event == "AGREE" for r in records),
    }


def _wikievents(records: list[Any]) -> dict[str, int]:
    events = [e for r in records for e in r.events]
    return {
        "events": len(events),
        "types": len({e.type for e in events}),
        "arguments": sum(len(e.arguments) for e in events),
    }


def _giveme(records: list[Any]) -> dict[str, int]:
    return {
        "with 5W1H": sum(r.fivew1h is not None for r in records),
        "with event": sum(r.event is not None for r in records),
        "events": len({r.event.event_id for r in records if r.event}),
        "both": sum(r.event is not None and r.fivew1h is not None for r in records),
    }


def _nothing(records: list[Any]) -> dict[str, int]:
    return {}


# name -> (loader, records in dev.jsonl, secondary counts from the README, how to count them)
REAL_SETS: dict[str, tuple[Callable[[Path], list[Any]], int, dict[str, int], Any]] = {
    "case2021": (load_case2021, 281, {"labels": 29}, _case2021),
    "gva": (
        load_gva,
        657,
        {"documents": 1142, "several documents": 290, "with lat/lon": 593, "killed > 0": 326,
         "injured > 0": 459},
        _gva,
    ),
    "geo_gwn": (
        load_geo_gwn, 94, {"toponyms": 3301, "with lat/lon": 1308, "with geonameid": 1231}, _geo
    ),
    "geo_geovirus": (
        load_geo_geovirus, 229, {"toponyms": 2170, "with lat/lon": 2170, "with geonameid": 0}, _geo
    ),
    "geo_lgl": (load_geo_lgl, 0, {}, _nothing),
    "geo_trnews": (load_geo_trnews, 0, {}, _nothing),
    "ecbplus": (
        load_ecbplus,
        555,
        {"topics": 25, "clusters": 50, "mentions": 19498, "event": 9163, "participant": 7698,
         "time": 1469, "location": 1168, "with coref_sentences": 549, "sentences listed": 1047},
        _ecbplus,
    ),
    "polnear": (
        load_polnear,
        924,
        {"train": 840, "attributions": 22024, "with source": 20426, "with cue": 22023},
        _polnear,
    ),
    "tempeval3": (load_tempeval3, 0, {}, _nothing),
    "meantime": (load_meantime, 120, {"timexes": 488, "DATE": 404, "DURATION": 62}, _meantime),
    "plover_gsr": (
        load_plover_gsr,
        322,
        {"with mode": 108, "with location": 48, "with target": 288, "AGREE": 40},
        _plover,
    ),
    "wikievents": (
        load_wikievents, 20, {"events": 345, "types": 35, "arguments": 428}, _wikievents
    ),
    "giveme5w1h": (
        load_giveme5w1h,
        441,
        {"with 5W1H": 96, "with event": 383, "events": 69, "both": 38},
        _giveme,
    ),
}


@pytest.mark.parametrize("name", sorted(REAL_SETS))
def test_real_dev_file_matches_readme_counts(eval_root: Path, name: str) -> None:
    load, expected, secondary, count = REAL_SETS[name]
    records = load(eval_root)
    assert len(records) == expected == readme_count(eval_root / name / "README.md")
    assert count(records) == secondary


def test_real_records_keep_their_fields(eval_root: Path) -> None:
    gwn = load_geo_gwn(eval_root)
    toponym = gwn[0].toponyms[0]
    assert gwn[0].text[toponym.start : toponym.end] == toponym.name
    plover = {r.id: r for r in load_plover_gsr(eval_root)}
    # The record whose markup upstream stores as a bare string still has it.
    assert all(r.markup for r in plover.values())
    assert sum(r.target_raw is not None for r in plover.values()) == 1
    giveme = load_giveme5w1h(eval_root)
    answers = [a for r in giveme if r.fivew1h for a in r.fivew1h.when]
    assert any(a.text is None for a in answers)
    assert any(a.parsed for a in answers)


# Hand-made records -------------------------------------------------------------------------------

SNIPPET: dict[str, Any] = {
    "id": "1", "text": "Rebels shelled the port town at dawn.", "label": "ART_MISS_ATTACK"
}
DOC_TEXT = "Floods hit Lagos on Monday."
GEO_DOC: dict[str, Any] = {
    "doc_id": "d1",
    "title": None,
    "url": None,
    "text": DOC_TEXT,
    "toponyms": [
        {"start": 11, "end": 16, "name": "Lagos", "lat": 6.45, "lon": 3.39, "geonameid": 2332459,
         "type": "Literal", "gazetteer_name": "Lagos"}
    ],
}


def test_hand_made_records_load(write_set: WriteSet) -> None:
    root = write_set("case2021", [SNIPPET, {**SNIPPET, "id": "2"}])
    assert [r.id for r in load_case2021(root)] == ["1", "2"]
    root = write_set("geo_lgl", [GEO_DOC])
    (doc,) = load_geo_lgl(root)
    assert doc.toponyms[0].name == "Lagos"
    assert doc.toponyms[0].geonameid == 2332459
    timex = {"doc_id": "t", "dct": "2013-03-22", "text": "It ended on Friday.", "title": "T",
             "timexes": [{"start": 12, "end": 18, "value": "2013-03-22", "type": "DATE"}]}
    (tdoc,) = load_tempeval3(write_set("tempeval3", [timex]))
    assert tdoc.dct == "2013-03-22"
    assert tdoc.timexes[0].value == "2013-03-22"


def test_other_splits_are_read_from_their_own_file(write_set: WriteSet) -> None:
    root = write_set("case2021", [SNIPPET], split="test")
    assert len(load_case2021(root, split="test")) == 1
    with pytest.raises(DatasetError, match="file not found"):
        load_case2021(root)


@pytest.mark.parametrize("name", ["geo_lgl", "geo_trnews", "tempeval3"])
def test_empty_file_loads_as_empty_list(write_set: WriteSet, name: str) -> None:
    root = write_set(name, [])
    loader = {"geo_lgl": load_geo_lgl, "geo_trnews": load_geo_trnews, "tempeval3": load_tempeval3}
    assert loader[name](root) == []


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(DatasetError) as caught:
        load_case2021(tmp_path)
    assert str(tmp_path / "case2021" / "dev.jsonl") in str(caught.value)
    assert "file not found" in str(caught.value)


def test_bad_json_names_file_and_line_and_keeps_the_cause(write_set: WriteSet) -> None:
    root = write_set("case2021", [SNIPPET, '{"id": "2", "text": '])
    with pytest.raises(DatasetError) as caught:
        load_case2021(root)
    message = str(caught.value)
    assert f"{root / 'case2021' / 'dev.jsonl'}:2:" in message
    assert "invalid JSON" in message
    assert isinstance(caught.value.__cause__, json.JSONDecodeError)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("[1, 2]", "expected a JSON object"),
        ("", "empty line"),
        (json.dumps({"id": "2", "text": "A march."}), "field label: missing"),
        (json.dumps({"id": "2", "text": 7, "label": "X"}), "field text: expected a string"),
        (json.dumps({"id": "2", "text": " ", "label": "X"}), "field text: empty"),
        (json.dumps(SNIPPET), "duplicate id '1'"),
    ],
)
def test_malformed_line_is_reported_with_its_line(
    write_set: WriteSet, line: str, reason: str
) -> None:
    root = write_set("case2021", [SNIPPET, line])
    with pytest.raises(DatasetError, match=re.escape(f"dev.jsonl:2: {reason}")):
        load_case2021(root)


def _toponym(**changes: Any) -> dict[str, Any]:
    return {**GEO_DOC, "toponyms": [{**GEO_DOC["toponyms"][0], **changes}]}


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        (_toponym(end=99), "field toponyms[0].start: span 11-99 is outside the text"),
        (_toponym(start=10), "is ' Lagos', not 'Lagos'"),
        (_toponym(lon=None), "lat and lon must both be set or both be null"),
        (_toponym(lat=95.0), "95.0 is not a latitude"),
        (_toponym(geonameid=True), "field toponyms[0].geonameid: expected an integer"),
        ({**GEO_DOC, "toponyms": {}}, "field toponyms: expected a list"),
    ],
)
def test_invalid_geo_fields(write_set: WriteSet, record: dict[str, Any], reason: str) -> None:
    root = write_set("geo_gwn", [GEO_DOC, {**record, "doc_id": "d2"}])
    with pytest.raises(DatasetError, match=re.escape(reason)) as caught:
        load_geo_gwn(root)
    assert "dev.jsonl:2:" in str(caught.value)


def test_invalid_dates_spans_and_choices(write_set: WriteSet) -> None:
    timex: dict[str, Any] = {"doc_id": "t", "dct": "2013-02-30", "text": "On Friday.",
                             "timexes": []}
    with pytest.raises(DatasetError, match="not a calendar date"):
        load_meantime(write_set("meantime", [timex]))
    timex = {**timex, "dct": None, "timexes": [{"start": 3, "end": 9, "value": "X", "type": "DAY"}]}
    with pytest.raises(DatasetError, match="'DAY' is not one of"):
        load_meantime(write_set("meantime", [timex]))
    polnear = {"doc_id": "p", "orig_split": "dev", "annotator": "a", "publisher": "x",
               "published": "2016-01-02", "title": "T", "text": "He said no.",
               "attributions": [{"source": [0, 2], "cue": [3, 7], "content": [8]}]}
    with pytest.raises(DatasetError, match=r"attributions\[0\]\.content: expected \[start, end\]"):
        load_polnear(write_set("polnear", [polnear]))


def test_not_utf8_is_a_dataset_error(tmp_path: Path) -> None:
    folder = tmp_path / "case2021"
    folder.mkdir()
    (folder / "dev.jsonl").write_bytes(b'{"id": "1", "text": "caf\xe9", "label": "X"}\n')
    with pytest.raises(DatasetError, match=r"dev.jsonl:1: not UTF-8 text"):
        load_case2021(tmp_path)


def test_split_names_cannot_leave_the_set_folder(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match="invalid split name"):
        dataset_path(tmp_path, "case2021", "../secret")
    with pytest.raises(EvaluationError, match="not a geoparsing set"):
        load_geo(tmp_path, "case2021")


def test_every_loader_reports_a_missing_file(tmp_path: Path) -> None:
    loaders = [getattr(datasets, name) for name in dir(datasets) if name.startswith("load_")]
    for load in loaders:
        if load in (datasets.load_geo, datasets.load_timex):
            continue
        with pytest.raises(DatasetError, match="file not found"):
            load(tmp_path)
