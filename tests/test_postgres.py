"""The PostgreSQL store end to end: the CLI and the API over the samples give what SQLite gives."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from sitroom.api import ApiConfig, create_app
from sitroom.cli import main
from sitroom.errors import ConfigError, MigrationError, StoreError
from sitroom.settings import Settings
from sitroom.store import open_store, open_store_readonly, store_location


def invoke(cli: CliRunner, args: list[str], env: dict[str, str]) -> str:
    result = cli.invoke(main, args, env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.postgres
def test_samples_give_the_same_records_on_both_backends(
    postgres_url: str, cli: CliRunner, samples_dir: Path
) -> None:
    backends = {
        "sqlite": {"SITROOM_DB": "samples.db"},
        "postgres": {"SITROOM_DATABASE_URL": postgres_url},
    }
    exports: dict[str, dict[str, str]] = {}
    for name, env in backends.items():
        summary = cli.invoke(main, ["run", "-q", str(samples_dir)], env=env)
        assert summary.exit_code == 0, summary.output
        exports[name] = {
            kind: invoke(cli, ["export", kind], env)
            for kind in ("articles", "events", "quotes", "places", "actors", "dates", "stories")
        }
        stats = json.loads(invoke(cli, ["stats", "--json"], env))
        exports[name]["stats"] = json.dumps({k: v for k, v in stats.items() if k != "path"})
        story = json.loads(exports[name]["stories"].splitlines()[0])["id"]
        exports[name]["story"] = invoke(cli, ["story", story, "--json"], env)
        exports[name]["control"] = invoke(cli, ["places", "--control", "--json"], env)
    sqlite, postgres = exports["sqlite"], exports["postgres"]
    assert sqlite["events"].count("\n") > 0
    for kind in sqlite:
        # Articles carry the time they were ingested, which differs between the two runs.
        if kind == "articles":
            continue
        assert postgres[kind] == sqlite[kind], kind
    strip = [{**json.loads(line), "ingested_at": None} for line in sqlite["articles"].splitlines()]
    assert [
        {**json.loads(line), "ingested_at": None} for line in postgres["articles"].splitlines()
    ] == strip
    story = json.loads(sqlite["stories"].splitlines()[0])["id"]
    event = json.loads(sqlite["events"].splitlines()[0])["id"]
    answers = {
        name: api_answers(location, story=story, event=event)
        for name, location in (("sqlite", "samples.db"), ("postgres", postgres_url))
    }
    for path, answer in answers["sqlite"].items():
        assert answers["postgres"][path] == answer, path


def api_answers(location: str, *, story: str, event: str) -> dict[str, object]:
    """The REST API's answers to a set of requests that covers every read route and filter."""
    paths = [
        "/api/events",
        "/api/events?sort=date&fields=brief",
        "/api/events?sort=-sources&limit=3&offset=1",
        "/api/events?sort=sources&min_sources=2",
        "/api/events?start=2014-06-12&end=2014-06-14",
        "/api/events?bbox=40,30,46,38&type=ASSAULT&modality=asserted",
        "/api/events?acled=Battles&actor=isil&place=mosul",
        "/api/events?q=KILLED",
        "/api/events/histogram?bucket=month",
        "/api/events/histogram",
        "/api/events/grid?cell=0.5",
        f"/api/events/{event}",
        "/api/articles",
        f"/api/stories/{story}",
        "/api/stories",
        "/api/quotes?speaker=a",
        "/api/quotes?q=the",
        "/api/places",
    ]
    with TestClient(create_app(ApiConfig(db=location))) as client:
        out: dict[str, object] = {}
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, (path, response.text)
            out[path] = response.json()
        exported = client.get("/api/export?format=jsonl&sort=date")
        out["/api/export"] = exported.text
        hits = client.get("/api/articles?q=Mosul").json()
        # Ranking is each backend's own; what is found is not.
        out["/api/articles?q=Mosul"] = sorted(item["id"] for item in hits["items"])
    return out


@pytest.mark.postgres
def test_a_second_run_adds_nothing(postgres_url: str, cli: CliRunner, samples_dir: Path) -> None:
    env = {"SITROOM_DATABASE_URL": postgres_url}
    invoke(cli, ["ingest", "-q", str(samples_dir)], env)
    again = invoke(cli, ["ingest", str(samples_dir)], env)
    assert "0 new articles stored" in again
    assert f"{postgres_url} holds 2 articles" in again
    hits = invoke(cli, ["search", "--json", "Mosul"], env)
    assert len(hits.splitlines()) >= 1


@pytest.mark.postgres
def test_a_readonly_postgres_store_refuses_writes_and_other_schemas(postgres_url: str) -> None:
    with pytest.raises(MigrationError, match="schema version 0"):
        open_store_readonly(postgres_url)
    open_store(postgres_url).close()
    with open_store_readonly(postgres_url) as store:
        with pytest.raises(StoreError, match="read-only"):
            store.query("DELETE FROM events")
        assert store.count("events") == 0


def test_database_url_must_name_postgres(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="postgresql://"):
        store_location(Settings(database_url="mysql://somewhere/db"))
    assert store_location(Settings(db=tmp_path / "s.db")) == tmp_path / "s.db"


def test_postgres_without_psycopg_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "psycopg", None)
    monkeypatch.delitem(sys.modules, "sitroom.store.postgres", raising=False)
    with pytest.raises(ConfigError, match=r"sitroom\[postgres\]"):
        open_store("postgresql://nobody@127.0.0.1:1/none")


@pytest.mark.postgres
def test_postgis_serves_the_spatial_filters_where_it_is_installed(postgres_url: str) -> None:
    with open_store(postgres_url) as store:
        available = store.query("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'")
        if not available:
            if os.environ.get("SITROOM_REQUIRE_POSTGRES") == "1":
                pytest.fail("PostGIS is not installed on the test server")
            pytest.skip("PostGIS is not installed on the test server")
        assert store.dialect.postgis
        indexes = store.query(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = 'events'"
        )
        assert ("events_geom",) in indexes
        condition, parameters = store.dialect.in_box(170.0, -20.0, -160.0, 0.0)
        assert "ST_MakeEnvelope" in condition
        assert parameters == [170.0, -20.0, 180.0, 0.0, -180.0, -20.0, -160.0, 0.0]
    # A reader sees the column the writer added.
    with open_store_readonly(postgres_url) as reader:
        assert reader.dialect.postgis
