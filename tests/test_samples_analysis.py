"""The analysis of the founding samples: places, actors and dates, and golden files of all three.

Set SITROOM_UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change; the diff of
those files is then the review of what the change did to the samples.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitroom import pipeline
from sitroom.analyse import Analyser
from sitroom.settings import Settings
from sitroom.store import SQLiteStore

GOLDEN = Path(__file__).parent / "fixtures" / "golden"
REUTERS, AP = "000_1bc93746fb71500d.txt", "004_17b1025494a7ebc6.txt"

# Reference positions (degrees) of the towns the samples name, for the 30 km check.
TOWNS = {
    "Baghdad": (33.315, 44.366),
    "Mosul": (36.340, 43.130),
    "Tal Afar": (36.377, 42.449),
    "Samarra": (34.198, 43.874),
    "Falluja": (33.350, 43.780),
    "Najaf": (32.000, 44.330),
    "Karbala": (32.616, 44.024),
    "Saqlawiya": (33.400, 43.690),
    "Tehran": (35.690, 51.390),
}


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(
        (lon2 - lon1) / 2
    ) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def analysed(
    samples_dir: Path, analyser: Analyser, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SQLiteStore]:
    settings = Settings(db=tmp_path_factory.mktemp("samples") / "sitroom.db")
    with SQLiteStore.open(settings.db) as store:
        report = pipeline.run([str(samples_dir)], store=store, settings=settings, analyser=analyser)
        assert report.ok
        assert report.analysed == 2
        yield store


def by_source(store: SQLiteStore) -> dict[str, str]:
    return {Path(a.source).name: a.id for a in store.iter_articles()}


def test_places_on_the_map(analysed: SQLiteStore) -> None:
    places = list(analysed.iter_records("places"))
    for town, position in TOWNS.items():
        found = [p for p in places if p["text"] == town]
        assert found, f"{town} not found"
        for place in found:
            assert place["lat"] is not None, f"{town} not resolved"
            assert km((place["lat"], place["lon"]), position) < 30, place
    for country, code in (("Syria", "SYR"), ("Iran", "IRN"), ("Iraq", "IRQ")):
        found = [p for p in places if p["text"] == country]
        assert found
        assert {(p["feature"], p["country"]) for p in found} == {("country", code)}


def test_actors(analysed: SQLiteStore) -> None:
    actors = list(analysed.iter_records("actors"))
    expected = {
        "Islamic State of Iraq and the Levant": (None, "REB"),
        "John Kerry": ("USA", "GOV"),
        "Nouri al-Maliki": ("IRQ", "GOV"),
        "Qasem Soleimani": ("IRN", "MIL"),
        "Quds Force": ("IRN", "MIL"),
        "Pentagon": ("USA", "MIL"),
    }
    for name, (country, sector) in expected.items():
        found = [a for a in actors if a["name"] == name]
        assert found, f"{name} not recognised"
        assert {(a["country"], a["sector"]) for a in found} == {(country, sector)}
    ids = by_source(analysed)
    kerry = [a for a in actors if a["name"] == "John Kerry" and a["article_id"] == ids[REUTERS]]
    assert {a["text"] for a in kerry} == {"US Secretary of State John Kerry", "Mr Kerry"}
    assert len({a["entity"] for a in kerry}) == 1


def test_dates(analysed: SQLiteStore) -> None:
    ids = by_source(analysed)
    reuters = list(analysed.iter_records_of("dates", ids[REUTERS]))
    resolved = {(d["text"], d["date_start"], d["precision"]) for d in reuters}
    assert ("yesterday", "2014-06-16", "day") in resolved
    assert ("Sunday", "2014-06-15", "day") in resolved
    ap = list(analysed.iter_records_of("dates", ids[AP]))
    today = {(d["text"], d["date_start"], d["precision"]) for d in ap}
    assert ("today", "2014-06-16", "day") in today
    texts = " ".join(d["text"].lower() for d in reuters + ap)
    assert "may" not in texts.split()
    assert "march" not in texts.split()


def events_of(store: SQLiteStore, source: str) -> list[dict[str, Any]]:
    article = by_source(store)[source]
    return list(store.iter_records_of("events", article))


def find(events: list[dict[str, Any]], **want: Any) -> dict[str, Any]:
    def value(event: dict[str, Any], key: str) -> Any:
        if key == "trigger":
            return event["trigger"] and event["sources"][0]["sentence"][
                event["trigger"]["start"] - event["sources"][0]["start"] :
                event["trigger"]["end"] - event["sources"][0]["start"]
            ]
        if key == "place":
            return (event["place"] or {}).get("text")
        if key == "sub_event_type":
            return (event["acled"] or {}).get("sub_event_type")
        return event[key]

    found = [e for e in events if all(value(e, k) == v for k, v in want.items())]
    assert len(found) == 1, (want, [(e["summary"], e["modality"]) for e in events])
    return found[0]


def test_events_of_the_reuters_report(analysed: SQLiteStore) -> None:
    events = events_of(analysed, REUTERS)
    tal_afar = find(events, trigger="captured", place="Tal Afar")
    assert tal_afar["modality"] == "asserted"
    assert tal_afar["date"]["start"] == "2014-06-15"
    assert tal_afar["acled"]["sub_event_type"] == "Non-state actor overtakes territory"
    assert tal_afar["actors"][0]["name"] == "Islamic State of Iraq and the Levant"
    saqlawiya = find(events, trigger="overran", place="Saqlawiya")
    assert (saqlawiya["modality"], saqlawiya["date"]["start"]) == ("asserted", "2014-06-16")
    mosul = find(events, trigger="seized", place="Mosul")
    assert (mosul["date"]["start"], mosul["date"]["precision"]) == ("2014-06-09", "week")
    samarra = find(events, place="Samarra", sub_event_type="Armed clash")
    assert samarra["modality"] == "asserted"
    coordination = find(events, trigger="coordinate")
    assert (coordination["modality"], coordination["attributed_to"]) == ("negated", "Pentagon")
    massacre = find(events, trigger="massacring")
    assert massacre["modality"] == "claimed"
    assert massacre["fatalities"]["best"] == 100
    assert any((e["fatalities"] or {}).get("best") == 12 for e in events)
    assert find(events, trigger="meetings")["modality"] in ("hypothetical", "future")


def test_events_of_the_ap_report(analysed: SQLiteStore) -> None:
    events = events_of(analysed, AP)
    capture = find(events, trigger="captured")
    assert (capture["modality"], capture["date"]["start"]) == ("asserted", "2014-06-16")
    consulting = find(events, trigger="consulting")
    assert consulting["type"] == "CONSULT"
    assert consulting["modality"] == "asserted"
    assert consulting["attributed_to"] == "Iraqi security officials"
    threat = find(events, trigger="threatened")
    assert threat["type"] == "THREATEN"
    assert threat["actors"][0]["name"] == "Islamic State of Iraq and the Levant"


def test_air_and_drone_strikes_are_never_asserted(analysed: SQLiteStore) -> None:
    strikes = [
        e
        for article in analysed.iter_articles()
        for e in analysed.iter_records_of("events", article.id)
        if (e["acled"] or {}).get("sub_event_type") == "Air/drone strike"
    ]
    assert len(strikes) == 2
    assert {e["modality"] for e in strikes} == {"hypothetical"}


@pytest.mark.parametrize("kind", ["places", "actors", "dates", "quotes", "events"])
def test_golden(analysed: SQLiteStore, kind: str) -> None:
    # Events as each article's analysis found them; merging is pinned in tests/link.
    records: list[dict[str, Any]] = (
        [e for a in analysed.iter_articles() for e in analysed.iter_records_of("events", a.id)]
        if kind == "events"
        else list(analysed.iter_records(kind))  # type: ignore[arg-type]
    )
    path = GOLDEN / f"samples_{kind}.jsonl"
    lines = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records]
    if os.environ.get("SITROOM_UPDATE_GOLDEN"):
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert path.read_text(encoding="utf-8").splitlines() == lines
