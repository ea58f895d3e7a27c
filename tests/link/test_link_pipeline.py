"""The link stage in `sitroom run`: the samples' story, its merged events, incremental updates."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from sitroom import pipeline
from sitroom.analyse import Analyser
from sitroom.errors import NotFoundError
from sitroom.pipeline import Linker, Resources, load_linker
from sitroom.settings import Settings
from sitroom.store import SQLiteStore
from sitroom.store.links import LinkStore


@pytest.fixture(scope="module")
def linker() -> Linker:
    return load_linker()


@dataclass(frozen=True)
class Runner:
    """Runs the pipeline on paths into one store, with the session's resources."""

    store: SQLiteStore
    settings: Settings
    resources: Resources
    analyser: Analyser
    linker: Linker

    def __call__(self, *paths: Path) -> Any:
        return pipeline.run(
            [str(p) for p in paths],
            store=self.store,
            settings=self.settings,
            resources=self.resources,
            analyser=self.analyser,
            linker=self.linker,
        )


@pytest.fixture
def run(
    store: SQLiteStore, settings: Settings, resources: Resources, analyser: Analyser, linker: Linker
) -> Runner:
    return Runner(store, settings, resources, analyser, linker)


def snapshot(store: SQLiteStore) -> tuple[list[Any], list[Any]]:
    return list(store.iter_records("stories")), list(store.iter_records("events"))


def sample(samples_dir: Path, prefix: str) -> Path:
    return next(samples_dir.glob(f"{prefix}_*.txt"))


def test_samples_make_one_story_with_merged_events(samples_dir: Path, run: Runner) -> None:
    store = run.store
    report = run(samples_dir)
    assert report.linked == 2
    stories, events = snapshot(store)
    assert len(stories) == 1
    story = stories[0]
    assert len(story["article_ids"]) == 2
    assert story["first_published"] <= story["last_published"]
    assert 3 <= len(story["summary"]) <= 7
    for sentence in story["summary"]:
        assert set(sentence["article_ids"]) <= set(story["article_ids"])
    assert {e["id"] for e in events} == set(story["event_ids"])
    assert all(e["story_id"] == story["id"] for e in events)

    tal_afar = [
        e
        for e in events
        if (e["place"] or {}).get("name", "").startswith("Tall") and e["mode"] == "occupy"
    ]
    assert len(tal_afar) == 1
    assert tal_afar[0]["n_sources"] == 2
    (conflict,) = [c for c in tal_afar[0]["conflicts"] if c["field"] == "date"]
    assert {v["value"] for v in conflict["values"]} == {"2014-06-15", "2014-06-16"}

    strikes = [e for e in events if e["type"] == "ASSAULT" and e["mode"] == "aerial"]
    assert len(strikes) == 1
    assert strikes[0]["modality"] == "hypothetical"
    assert strikes[0]["n_sources"] == 2


def test_stories_update_in_place_and_reruns_change_nothing(samples_dir: Path, run: Runner) -> None:
    store = run.store
    run(sample(samples_dir, "000"))
    (first,), events_before = snapshot(store)
    assert len(first["article_ids"]) == 1
    run(sample(samples_dir, "004"))
    stories, events = snapshot(store)
    assert len(stories) == 1
    assert stories[0]["id"] == first["id"]
    assert len(stories[0]["article_ids"]) == 2
    # Events found in both reports are merged, not repeated.
    assert len(events) < len(events_before) + len(
        list(
            store.query(
                "SELECT id FROM events WHERE article_id IS NOT NULL AND article_id != ?",
                (first["article_ids"][0],),
            )
        )
    )
    assert len({e["id"] for e in events}) == len(events)

    again = run(samples_dir)
    assert again.linked == 0
    assert snapshot(store) == (stories, events)


def test_story_lookup_and_missing_story(samples_dir: Path, run: Runner) -> None:
    store = run.store
    run(samples_dir)
    links = LinkStore(store)
    (story,) = list(store.iter_records("stories"))
    assert links.story(story["id"]) == story
    assert {e["id"] for e in links.story_events(story["id"])} == set(story["event_ids"])
    with pytest.raises(NotFoundError):
        links.story("s_000000000000")


def test_reanalysed_article_is_linked_again(samples_dir: Path, run: Runner) -> None:
    store, analyser, linker = run.store, run.analyser, run.linker
    run(samples_dir)
    before = snapshot(store)
    article = store.get_article(next(iter(store.iter_records("stories")))["article_ids"][0])
    (analysis,) = list(analyser.analyse([article]))
    store.save_analysis(analysis, version=analyser.version, analysed_at="2030-01-01T00:00:00Z")
    assert LinkStore(store).articles_to_link() == [article.id]
    assert pipeline.link_pending(store, linker=linker) == 1
    assert json.dumps(snapshot(store), sort_keys=True) == json.dumps(before, sort_keys=True)



def test_profiles_weigh_the_days_the_analysis_resolved(samples_dir: Path, run: Runner) -> None:
    run(samples_dir)
    links = LinkStore(run.store)
    resolved = [
        d for d in run.store.iter_records("dates") if d["precision"] == "day" and d["date_start"]
    ]
    assert resolved
    for mention in resolved:
        assert mention["date_start"] in links.named_days(mention["article_id"])
    rows = run.store.query("SELECT record FROM article_profiles")
    profiles = [json.loads(record)["terms"] for (record,) in rows]
    assert any(term.startswith("day:") for terms in profiles for term in terms)


FIRST_REPORT = (
    "A grocery clerk was shot and wounded during a robbery at the Maplewood Market in "
    "Dunmore on Sunday, March 3, 2030, police said. The gunman fled on foot toward the "
    "quarry road, and detectives asked for footage from neighbouring shops."
)
FOLLOW_UP = (
    "A man was charged on Thursday with attempted murder in the March 3, 2030 shooting of a "
    "grocery clerk during a robbery at the Maplewood Market in Dunmore. Detectives traced "
    "the gunman through footage from neighbouring shops near the quarry road."
)


def report(folder: Path, name: str, text: str, published: str) -> Path:
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    title = text.split(",", maxsplit=1)[0]
    meta = {"title": title, "published": published, "outlet": "Dunmore Ledger"}
    (folder / f"{name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return path


def test_a_follow_up_naming_the_day_joins_past_the_window(tmp_path: Path, run: Runner) -> None:
    first = report(tmp_path, "first", FIRST_REPORT, "2030-03-04")
    later = report(tmp_path, "later", FOLLOW_UP, "2030-04-18")
    run(first)
    run(later)  # six weeks on: past the window, linked by the day both name
    (story,) = list(run.store.iter_records("stories"))
    assert len(story["article_ids"]) == 2
    again = run(tmp_path)
    assert again.linked == 0
    assert list(run.store.iter_records("stories")) == [story]


def test_a_copy_dated_before_its_original_joins_its_story(tmp_path: Path, run: Runner) -> None:
    # Ingested first, so the original; its copy carries an older date, so it is linked first,
    # and so long before that words and days alone would not join them.
    text = FIRST_REPORT.replace("Sunday, March 3, 2030", "Sunday")
    report(tmp_path, "a_original", text, "2030-06-20")
    report(tmp_path, "b_copy", text + " More soon.", "2030-03-04")
    result = run(tmp_path)
    assert result.near_duplicates == 1
    (story,) = list(run.store.iter_records("stories"))
    assert len(story["article_ids"]) == 2


def test_a_follow_up_naming_the_next_day_is_found_in_the_store(
    tmp_path: Path, run: Runner
) -> None:
    first = report(tmp_path, "first", FIRST_REPORT, "2030-03-04")
    # "Late Sunday" in the first report is "early Monday" in the follow-up.
    later = report(
        tmp_path, "later", FOLLOW_UP.replace("March 3, 2030", "March 4, 2030"), "2030-04-18"
    )
    run(first)
    run(later)
    (story,) = list(run.store.iter_records("stories"))
    assert len(story["article_ids"]) == 2
