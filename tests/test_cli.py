"""The command line: exit codes, output, --help everywhere."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitroom.cli import main

COMMANDS = ["ingest", "run", "export", "search", "stats", "story", "places", "eval"]
STORY = "Rescuers pulled two people from the river after the ferry capsized near the old pier."


def test_help_everywhere(cli: CliRunner) -> None:
    result = cli.invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.output
        sub = cli.invoke(main, [command, "--help"])
        assert sub.exit_code == 0, sub.output
        assert "Usage:" in sub.output


def test_python_dash_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sitroom", "--version"], capture_output=True, text=True, check=True
    )
    assert "sitroom" in done.stdout


def test_run_samples_twice(cli: CliRunner, samples_dir: Path) -> None:
    first = cli.invoke(main, ["run", str(samples_dir)])
    assert first.exit_code == 0, first.output
    assert "2 new articles stored" in first.output
    second = cli.invoke(main, ["run", str(samples_dir)])
    assert second.exit_code == 0
    assert "0 new articles stored" in second.output
    assert "holds 2 articles" in second.output
    assert Path("sitroom.db").is_file()


def test_exit_codes(cli: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(STORY)
    (tmp_path / "empty.txt").write_text("")
    assert cli.invoke(main, ["ingest", "good.txt"]).exit_code == 0
    failed = cli.invoke(main, ["ingest", "good.txt", "empty.txt", "nowhere.txt"])
    assert failed.exit_code == 1
    errors = [line for line in failed.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert any("empty.txt" in line for line in errors)
    assert any("nowhere.txt" in line for line in errors)
    assert cli.invoke(main, ["ingest"]).exit_code == 2
    assert cli.invoke(main, ["ingest", "--published", "June", "good.txt"]).exit_code == 2
    assert cli.invoke(main, ["export", "nonsense"]).exit_code == 2


def test_quiet_prints_errors_only(cli: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(STORY)
    quiet = cli.invoke(main, ["ingest", "-q", "good.txt"])
    assert quiet.exit_code == 0
    assert quiet.output == ""


def test_stdin(cli: CliRunner) -> None:
    result = cli.invoke(main, ["ingest", "-", "--outlet", "Piped"], input=STORY)
    assert result.exit_code == 0, result.output
    exported = cli.invoke(main, ["export", "articles"])
    (record,) = [json.loads(line) for line in exported.stdout.splitlines()]
    assert record["outlet"] == "Piped"


def test_db_option_and_environment(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "good.txt").write_text(STORY)
    assert cli.invoke(main, ["ingest", "--db", "flag.db", "good.txt"]).exit_code == 0
    assert Path("flag.db").is_file()
    monkeypatch.setenv("SITROOM_DB", str(tmp_path / "env.db"))
    assert cli.invoke(main, ["ingest", "good.txt"]).exit_code == 0
    assert (tmp_path / "env.db").is_file()
    stats = json.loads(cli.invoke(main, ["stats", "--json"]).stdout)
    assert stats["articles"] == 1
    assert stats["path"].endswith("env.db")


def test_exports(cli: CliRunner, samples_dir: Path, tmp_path: Path) -> None:
    cli.invoke(main, ["run", str(samples_dir)])
    lines = cli.invoke(main, ["export", "articles"]).stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 2
    for key in (
        "id",
        "outlet",
        "wire",
        "url",
        "title",
        "published",
        "language",
        "text",
        "duplicate_of",
        "ingested_at",
    ):
        assert all(key in r for r in records)
    csv_out = cli.invoke(main, ["export", "articles", "--format", "csv", "-o", "a.csv"])
    assert csv_out.exit_code == 0
    assert Path("a.csv").read_text().startswith("id,outlet,wire")
    stories = cli.invoke(main, ["export", "stories"])
    assert stories.exit_code == 0
    (story,) = [json.loads(line) for line in stories.stdout.splitlines()]
    assert len(story["article_ids"]) == 2
    geo = json.loads(cli.invoke(main, ["export", "events", "--format", "geojson"]).stdout)
    assert geo["type"] == "FeatureCollection"
    places = {f["properties"]["place"]["text"] for f in geo["features"]}
    assert {"Tal Afar", "Saqlawiya", "Mosul", "Samarra"} <= places
    assert all(f["geometry"]["type"] == "Point" for f in geo["features"])
    acled = cli.invoke(main, ["export", "events", "--format", "csv"]).stdout.splitlines()
    assert acled[0].startswith("event_id_cnty,event_date,year,time_precision,disorder_type")
    assert len(acled) > 10
    assert cli.invoke(main, ["export", "articles", "--format", "geojson"]).exit_code == 2


def test_search_and_stats(cli: CliRunner, samples_dir: Path) -> None:
    cli.invoke(main, ["run", str(samples_dir)])
    hits = cli.invoke(main, ["search", "Kerry drone", "--json"]).stdout.splitlines()
    assert len(hits) == 1
    assert json.loads(hits[0])["title"] == "Sunni militants capture Iraqi city near Syria"
    assert cli.invoke(main, ["search", "Saqlawiya"]).exit_code == 0
    none = cli.invoke(main, ["search", "zeppelin"])
    assert none.exit_code == 0
    assert "no matches" in none.stderr
    text = cli.invoke(main, ["stats"]).stdout
    assert "articles         2" in text


def test_story_compare_and_control(cli: CliRunner, samples_dir: Path) -> None:
    cli.invoke(main, ["run", str(samples_dir)])
    story = json.loads(cli.invoke(main, ["export", "stories"]).stdout)
    shown = cli.invoke(main, ["story", story["id"]])
    assert shown.exit_code == 0, shown.output
    assert "sources differ on date: 2014-06-" in shown.stdout
    data = json.loads(cli.invoke(main, ["story", story["id"], "--json"]).stdout)
    assert {a["id"] for a in data["articles"]} == set(story["article_ids"])
    compared = json.loads(cli.invoke(main, ["story", story["id"], "--compare", "--json"]).stdout)
    outlets = {o["outlet"]: o for o in compared["outlets"]}
    herald = outlets["The Herald (Glasgow)"]
    other = next(o for name, o in outlets.items() if name != "The Herald (Glasgow)")
    assert any("Saqlawiya" in e["summary"] for e in herald["own_events"])
    assert not any(
        "Saqlawiya" in e["summary"] for e in other["own_events"] + other["shared_events"]
    )
    assert any("Soleimani" in e["summary"] for e in other["own_events"])
    assert not any("Soleimani" in e["summary"] for e in herald["own_events"])
    assert any(d["field"] == "date" for d in compared["disagreements"])
    text = cli.invoke(main, ["story", story["id"], "--compare"]).stdout
    assert "Where they disagree" in text
    control = cli.invoke(main, ["places", "--control"]).stdout
    for place in ("Tall ‘Afar", "Saqlawiya", "Mosul"):
        assert place in control
    periods = [
        json.loads(x)
        for x in cli.invoke(main, ["places", "--control", "--json"]).stdout.splitlines()
    ]
    held = {p["place"]: (p["controller"], p["since"]) for p in periods}
    isil = "Islamic State of Iraq and the Levant"
    assert held["Tall ‘Afar"] == (isil, "2014-06-15")
    assert held["Saqlawiya"] == (isil, "2014-06-16")
    assert held["Mosul"] == (isil, "2014-06-09")
    # "Falluja, largely held by insurgents since early this year".
    assert held["Al Fallūjah"] == ("insurgents", "2014-01-01")
    missing = cli.invoke(main, ["story", "s_000000000000"])
    assert missing.exit_code != 0
    assert "no story" in missing.stderr


def test_eval_without_stage_says_so(cli: CliRunner, eval_dir: Path) -> None:
    listed = cli.invoke(main, ["eval", "--list"])
    assert listed.exit_code == 0
    assert "geo_gwn" in listed.output
    result = cli.invoke(main, ["eval", "petrarch2_unittest", "--data", str(eval_dir)])
    assert result.exit_code != 0
    assert "does not have yet" in result.stderr
    unknown = cli.invoke(main, ["eval", "no_such_task", "--data", str(eval_dir)])
    assert unknown.exit_code != 0
    assert "no_such_task" in unknown.stderr
    assert cli.invoke(main, ["eval"]).exit_code == 2
