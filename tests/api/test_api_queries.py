"""Event queries against events we make up: each filter, paging, sorting, and an oracle check."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import day, make_event, place, put_events
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitroom.errors import ConfigError
from sitroom.store import open_store_readonly
from sitroom.store.queries import MODALITIES, BoundingBox, EventQuery, find_events

MakeClient = Callable[[list[dict[str, Any]]], TestClient]


def ids(client: TestClient, **params: Any) -> list[str]:
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    return [event["id"] for event in response.json()["items"]]


def test_date_range_keeps_events_that_overlap_it(made_up: MakeClient) -> None:
    client = made_up(
        [
            make_event(1, date=day("2020-03-01")),
            make_event(2, date=day("2020-03-05")),
            make_event(3, date=day("2020-02-01", "2020-02-29")),
            make_event(4, date=day("2020-02-20", "2020-03-10")),
            make_event(5),
        ]
    )
    assert ids(client, start="2020-03-01", end="2020-03-02", sort="date") == ["e_0004", "e_0001"]
    assert ids(client, end="2020-02-10") == ["e_0003"]
    assert set(ids(client, start="2020-03-04")) == {"e_0002", "e_0004"}


def test_bounding_box_including_one_across_the_antimeridian(made_up: MakeClient) -> None:
    client = made_up(
        [
            make_event(1, place=place(36.3, 42.4)),
            make_event(2, place=place(-17.8, 178.4)),
            make_event(3, place=place(-14.3, -170.7)),
            make_event(4),
        ]
    )
    assert ids(client, bbox="40,30,45,40") == ["e_0001"]
    assert set(ids(client, bbox="170,-20,-160,0")) == {"e_0002", "e_0003"}
    assert client.get("/api/events", params={"bbox": "1,2,3"}).status_code == 400
    assert client.get("/api/events", params={"bbox": "0,50,10,40"}).status_code == 400


def test_type_modality_actor_place_and_text(made_up: MakeClient) -> None:
    client = made_up(
        [
            make_event(1, type="PROTEST", acled={"event_type": "Protests"}, summary="march"),
            make_event(2, modality="hypothetical", actors=[{"name": "Blue Party"}]),
            make_event(3, modality="negated", place=place(1, 1, "Porto Novo")),
            make_event(
                4, sources=[{"article_id": "a", "start": 0, "end": 9, "sentence": "A 100% gain"}]
            ),
        ]
    )
    assert ids(client, type="PROTEST") == ["e_0001"]
    assert ids(client, acled="Protests") == ["e_0001"]
    assert set(ids(client, modality=["hypothetical", "negated"])) == {"e_0002", "e_0003"}
    assert ids(client, actor="blue party") == ["e_0002"]
    assert ids(client, place="porto") == ["e_0003"]
    assert ids(client, q="100%") == ["e_0004"]
    assert ids(client, q="march") == ["e_0001"]
    # LIKE wildcards in the query are searched as themselves.
    assert ids(client, q="%") == ["e_0004"]
    assert ids(client, q="_") == []


def test_paging_and_sorting_by_sources(made_up: MakeClient) -> None:
    client = made_up([make_event(n, n_sources=n % 4 + 1) for n in range(10)])
    page = client.get("/api/events", params={"sort": "-sources", "limit": 3, "offset": 3}).json()
    assert page["total"] == 10
    assert page["limit"] == 3
    assert page["offset"] == 3
    assert [e["n_sources"] for e in page["items"]] == [3, 2, 2]
    assert len(ids(client, min_sources=3)) == 4


def test_limits_on_page_size_and_query_size(made_up: MakeClient) -> None:
    client = made_up([make_event(1)])
    for params in ({"limit": 501}, {"limit": 0}, {"offset": -1}, {"q": "x" * 201}):
        response = client.get("/api/events", params=params)
        assert response.status_code == 422
        assert set(response.json()) == {"status", "message"}
    many = client.get("/api/events", params={"type": [f"T{n}" for n in range(31)]})
    assert many.status_code == 400


def test_unknown_ids_are_404_json(made_up: MakeClient) -> None:
    client = made_up([])
    for path in ("/api/events/e_x", "/api/articles/a_x", "/api/stories/s_x"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.json()["status"] == 404


def test_query_record_checks_its_fields() -> None:
    with pytest.raises(ConfigError):
        EventQuery(start=date(2020, 2, 1), end=date(2020, 1, 1))
    with pytest.raises(ConfigError):
        EventQuery(modalities=("perhaps",))
    with pytest.raises(ConfigError):
        BoundingBox.parse("0,0,200,10")


DAYS = st.dates(min_value=date(2020, 1, 1), max_value=date(2020, 1, 20))


@st.composite
def made_up_event(draw: st.DrawFn, number: int) -> dict[str, Any]:
    start = draw(st.none() | DAYS)
    end = None if start is None else draw(st.dates(min_value=start, max_value=date(2020, 1, 25)))
    where = draw(st.none() | st.tuples(st.integers(-5, 5), st.integers(-5, 5)))
    return make_event(
        number,
        type=draw(st.sampled_from(["ASSAULT", "PROTEST", "CONSULT"])),
        modality=draw(st.sampled_from(MODALITIES)),
        n_sources=draw(st.integers(1, 3)),
        date=None if start is None else day(start.isoformat(), end.isoformat() if end else None),
        place=None if where is None else place(float(where[0]), float(where[1])),
    )


def matches(event: dict[str, Any], query: EventQuery) -> bool:
    """The filters as plain Python, to check the SQL against."""
    when, where = event["date"], event["place"]
    if query.start and (when is None or when["end"] < query.start.isoformat()):
        return False
    if query.end and (when is None or when["start"] > query.end.isoformat()):
        return False
    if query.bbox:
        box = query.bbox
        if where is None or not (box.south <= where["lat"] <= box.north):
            return False
        if not box.west <= where["lon"] <= box.east:
            return False
    if query.types and event["type"] not in query.types:
        return False
    if query.modalities and event["modality"] not in query.modalities:
        return False
    return event["n_sources"] >= query.min_sources


@st.composite
def event_query(draw: st.DrawFn) -> EventQuery:
    start = draw(st.none() | DAYS)
    box = draw(st.none() | st.tuples(st.integers(-5, 4), st.integers(-5, 4), st.integers(0, 5)))
    return EventQuery(
        start=start,
        end=None
        if start is None
        else date.fromordinal(start.toordinal() + draw(st.integers(0, 9))),
        bbox=None if box is None else BoundingBox(box[1], box[0], box[1] + box[2], box[0] + box[2]),
        types=tuple(
            draw(st.lists(st.sampled_from(["ASSAULT", "PROTEST"]), max_size=2, unique=True))
        ),
        modalities=tuple(draw(st.lists(st.sampled_from(MODALITIES), max_size=2, unique=True))),
        min_sources=draw(st.integers(1, 3)),
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    events=st.integers(0, 12).flatmap(lambda n: st.tuples(*(made_up_event(i) for i in range(n)))),
    query=event_query(),
)
def test_sql_filters_agree_with_the_plain_python_ones(
    tmp_path: Path,
    store_location: str | Path,
    events: tuple[dict[str, Any], ...],
    query: EventQuery,
) -> None:
    path = store_location if isinstance(store_location, str) else tmp_path / "oracle.db"
    put_events(path, list(events))
    with open_store_readonly(path) as store:
        found = find_events(store, query, limit=500)
    expected = {event["id"] for event in events if matches(event, query)}
    assert {event["id"] for event in found.items} == expected
    assert found.total == len(expected)


def test_histogram_counts_dated_events_by_day_and_month(made_up: MakeClient) -> None:
    client = made_up(
        [
            make_event(1, date=day("2020-03-01")),
            make_event(2, date=day("2020-03-01"), type="PROTEST"),
            make_event(3, date=day("2020-04-02")),
            make_event(4),
        ]
    )
    by_day = client.get("/api/events/histogram").json()["items"]
    assert by_day == [{"date": "2020-03-01", "count": 2}, {"date": "2020-04-02", "count": 1}]
    by_month = client.get("/api/events/histogram", params={"bucket": "month"}).json()["items"]
    assert by_month == [{"date": "2020-03", "count": 2}, {"date": "2020-04", "count": 1}]
    assert client.get("/api/events/histogram", params={"type": "PROTEST"}).json()["items"] == [
        {"date": "2020-03-01", "count": 1}
    ]


def test_grid_counts_placed_events_in_cells_at_their_mean_position(made_up: MakeClient) -> None:
    client = made_up(
        [
            make_event(1, place=place(10.2, 20.2)),
            make_event(2, place=place(10.4, 20.6), type="PROTEST"),
            make_event(3, place=place(-33.9, 151.2)),
            make_event(4),
        ]
    )
    cells = client.get("/api/events/grid", params={"cell": 1}).json()["items"]
    assert cells[0] == {"lat": 10.3, "lon": 20.4, "count": 2, "types": {"ASSAULT": 1, "PROTEST": 1}}
    assert cells[1]["count"] == 1
    assert (cells[1]["lat"], cells[1]["lon"]) == (-33.9, 151.2)
    assert client.get("/api/events/grid", params={"cell": 0}).status_code == 422


def test_brief_events_without_evidence_and_pages_without_a_count(made_up: MakeClient) -> None:
    client = made_up(
        [
            make_event(n, sources=[{"article_id": "a", "start": 0, "end": 5, "sentence": "Hello"}])
            for n in range(3)
        ]
    )
    brief = client.get("/api/events", params={"fields": "brief", "count": "false"}).json()
    assert brief["total"] == -1
    assert len(brief["items"]) == 3
    assert "sources" not in brief["items"][0]
    assert {"id", "type", "modality", "place", "date", "n_sources"} <= set(brief["items"][0])
