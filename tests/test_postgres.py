"""The PostgreSQL store end to end: the CLI over the samples gives what it gives on SQLite."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitroom.cli import main
from sitroom.settings import Settings
from sitroom.store import open_store, store_location


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


@pytest.mark.postgres
def test_a_second_run_adds_nothing(postgres_url: str, cli: CliRunner, samples_dir: Path) -> None:
    env = {"SITROOM_DATABASE_URL": postgres_url}
    invoke(cli, ["ingest", "-q", str(samples_dir)], env)
    again = invoke(cli, ["ingest", str(samples_dir)], env)
    assert "0 new articles stored" in again
    assert f"{postgres_url} holds 2 articles" in again
    hits = invoke(cli, ["search", "--json", "Mosul"], env)
    assert len(hits.splitlines()) >= 1


def test_serve_refuses_a_postgres_store(cli: CliRunner) -> None:
    result = cli.invoke(
        main, ["serve"], env={"SITROOM_DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"}
    )
    assert result.exit_code == 2
    assert "SQLite store only" in result.output


def test_database_url_must_name_postgres(tmp_path: Path) -> None:
    from sitroom.errors import ConfigError

    with pytest.raises(ConfigError, match="postgresql://"):
        store_location(Settings(database_url="mysql://somewhere/db"))
    assert store_location(Settings(db=tmp_path / "s.db")) == tmp_path / "s.db"


def test_postgres_without_psycopg_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from sitroom.errors import ConfigError

    monkeypatch.setitem(sys.modules, "psycopg", None)
    monkeypatch.delitem(sys.modules, "sitroom.store.postgres", raising=False)
    with pytest.raises(ConfigError, match=r"sitroom\[postgres\]"):
        open_store("postgresql://nobody@127.0.0.1:1/none")
