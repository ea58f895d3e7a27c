"""The REST API over the two sample reports: what an analyst asks of it first."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from fastapi.testclient import TestClient

TAL_AFAR = (36.379, 42.448)


def events(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    response = client.get("/api/events", params={"limit": 500, **params})
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def tal_afar_capture(client: TestClient) -> dict[str, Any]:
    box = f"{TAL_AFAR[1] - 0.2},{TAL_AFAR[0] - 0.2},{TAL_AFAR[1] + 0.2},{TAL_AFAR[0] + 0.2}"
    found = [e for e in events(client, bbox=box, type="ASSAULT") if e["mode"] == "occupy"]
    assert len(found) == 1
    return found[0]


def test_the_tal_afar_capture_is_in_its_box_with_two_sources(samples_client: TestClient) -> None:
    capture = tal_afar_capture(samples_client)
    assert capture["n_sources"] == 2
    assert capture["place"]["text"] == "Tal Afar"
    assert [c["field"] for c in capture["conflicts"]] == ["date"]


def test_an_event_comes_with_its_evidence_in_both_reports(samples_client: TestClient) -> None:
    capture = tal_afar_capture(samples_client)
    detail = samples_client.get(f"/api/events/{capture['id']}").json()
    assert len({source["article_id"] for source in detail["evidence"]}) == 2
    for source in detail["evidence"]:
        article = samples_client.get(f"/api/articles/{source['article_id']}").json()
        assert article["text"][source["start"] : source["end"]] == source["sentence"]
        assert "outlet" in source


def test_filters_on_modality_and_sources(samples_client: TestClient) -> None:
    hypothetical = events(samples_client, modality="hypothetical")
    assert hypothetical
    assert {e["modality"] for e in hypothetical} == {"hypothetical"}
    assert any("strike" in e["summary"] for e in hypothetical)
    corroborated = events(samples_client, min_sources=2)
    assert corroborated
    assert all(e["n_sources"] >= 2 for e in corroborated)
    everything = events(samples_client)
    assert len(everything) > len(corroborated)


def test_date_range_and_sort(samples_client: TestClient) -> None:
    found = events(samples_client, start="2014-06-15", end="2014-06-15", sort="date")
    assert found
    assert all(e["date"]["start"] <= "2014-06-15" <= e["date"]["end"] for e in found)
    newest_first = [e["date"]["start"] for e in events(samples_client) if e["date"]]
    assert newest_first == sorted(newest_first, reverse=True)


def test_article_spans_point_at_their_text(samples_client: TestClient) -> None:
    listing = samples_client.get("/api/articles").json()
    assert listing["total"] == 2
    assert "text" not in listing["items"][0]
    for head in listing["items"]:
        article = samples_client.get(f"/api/articles/{head['id']}").json()
        assert article["story_id"]
        for kind in ("places", "actors", "quotes"):
            for record in article[kind]:
                assert article["text"][record["start"] : record["end"]] == record["text"]


def test_story_with_citations_and_comparison(samples_client: TestClient) -> None:
    stories = samples_client.get("/api/stories").json()
    assert stories["total"] == 1
    story = samples_client.get(f"/api/stories/{stories['items'][0]['id']}").json()
    assert len(story["article_ids"]) == 2
    assert all(sentence["article_ids"] for sentence in story["summary"])
    assert story["comparison"]


def test_quotes_by_speaker_and_search(samples_client: TestClient) -> None:
    kerry = samples_client.get("/api/quotes", params={"speaker": "Kerry"}).json()
    assert kerry["total"] >= 1
    assert all("Kerry" in q["speaker"]["name"] for q in kerry["items"])
    hits = samples_client.get("/api/articles", params={"q": "Tal Afar"}).json()
    assert hits["total"] == 1


def test_places_control(samples_client: TestClient) -> None:
    places = samples_client.get("/api/places").json()
    assert any(period["geonameid"] == 99454 for period in places["items"])  # Falluja


def test_exports_stream_the_same_events(samples_client: TestClient) -> None:
    total = samples_client.get("/api/events", params={"type": "ASSAULT"}).json()["total"]
    jsonl = samples_client.get("/api/export", params={"format": "jsonl", "type": "ASSAULT"})
    assert jsonl.headers["content-type"].startswith("application/x-ndjson")
    assert len(jsonl.text.splitlines()) == total
    table = samples_client.get("/api/export", params={"format": "csv", "type": "ASSAULT"})
    rows = list(csv.DictReader(io.StringIO(table.text)))
    assert len(rows) == total
    assert {"event_date", "sub_event_type", "latitude", "modality"} <= set(rows[0])
    geo = json.loads(samples_client.get("/api/export", params={"format": "geojson"}).text)
    assert geo["type"] == "FeatureCollection"
    assert all(f["geometry"]["coordinates"][0] is not None for f in geo["features"])


def test_openapi_lists_every_route(samples_client: TestClient) -> None:
    paths = set(samples_client.get("/openapi.json").json()["paths"])
    assert {
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/events",
        "/api/events/{event_id}",
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/quotes",
        "/api/places",
        "/api/export",
        "/api/ingest",
    } <= paths
