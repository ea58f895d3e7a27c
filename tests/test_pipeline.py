"""The pipeline end to end on the founding samples and on mixed batches."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from sitroom import pipeline
from sitroom.analyse import Analyser
from sitroom.pipeline import Resources
from sitroom.records import Metadata
from sitroom.settings import Settings
from sitroom.store import SQLiteStore

HEADLINE = "Sunni militants capture Iraqi city near Syria"

STORY = (
    "Police closed the main road into the market town after a lorry overturned on Tuesday. "
    "Drivers were told to use the coastal route while the wreck was cleared by a crane. "
    "Nobody was hurt, the police said, but the delays lasted most of the afternoon. "
    "The council said it would review the speed limit on the hill above the town."
)


def fixed_clock() -> datetime:
    return datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def test_samples_end_to_end(
    samples_dir: Path,
    store: SQLiteStore,
    settings: Settings,
    resources: Resources,
    analyser: Analyser,
) -> None:
    report = pipeline.run(
        [str(samples_dir)], store=store, settings=settings, resources=resources, analyser=analyser
    )
    assert report.ok, report.problems
    assert report.new == 2
    articles = {Path(a.source).name: a for a in store.iter_articles()}
    assert set(articles) == {"000_1bc93746fb71500d.txt", "004_17b1025494a7ebc6.txt"}
    reuters, ap = articles["000_1bc93746fb71500d.txt"], articles["004_17b1025494a7ebc6.txt"]
    assert ap.title == HEADLINE
    assert ap.text.count(HEADLINE) <= 1
    assert reuters.title is None
    assert reuters.text.startswith("THE US has said")
    for article in articles.values():
        assert "Loading article content" not in article.text
        assert article.language == "en"
        assert article.duplicate_of is None
        assert article.id.startswith("a_")
    assert (reuters.published, reuters.metadata.outlet, reuters.metadata.wire) == (
        "2014-06-17",
        "The Herald (Glasgow)",
        "Reuters",
    )
    assert ap.published == "2014-06-16"
    assert "Loading article content" in reuters.raw_text


def test_running_twice_changes_nothing(
    samples_dir: Path,
    store: SQLiteStore,
    settings: Settings,
    resources: Resources,
    analyser: Analyser,
) -> None:
    kwargs = {"store": store, "settings": settings, "resources": resources, "analyser": analyser}
    first = pipeline.run([str(samples_dir)], **kwargs)  # type: ignore[arg-type]
    before = [a.to_record() for a in store.iter_articles()]
    places = list(store.iter_records("places"))
    second = pipeline.run([str(samples_dir)], **kwargs)  # type: ignore[arg-type]
    assert (first.new, second.new, second.already_stored) == (2, 0, 2)
    assert (first.analysed, second.analysed) == (2, 0)
    assert [a.to_record() for a in store.iter_articles()] == before
    assert list(store.iter_records("places")) == places


def test_copies_fold_and_bad_inputs_do_not_stop_the_batch(
    tmp_path: Path, store: SQLiteStore, settings: Settings, resources: Resources
) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a.txt").write_text(STORY)
    (folder / "b.txt").write_text(STORY)  # the same text: one article
    (folder / "c.txt").write_text(STORY.replace("Tuesday", "Wednesday") + " More soon.")
    (folder / "d.txt").write_text("")
    (folder / "e.jsonl").write_text(
        json.dumps({"text": "La police a fermé la route principale du bourg mardi matin."})
        + "\n{broken\n"
    )
    report = pipeline.ingest(
        [str(folder), str(tmp_path / "missing.txt")],
        store=store,
        settings=settings,
        resources=resources,
        clock=fixed_clock,
    )
    assert (report.new, report.already_stored) == (3, 1)
    assert (report.near_duplicates, report.not_english) == (1, 1)
    failed = sorted(Path(p.path).name + (f":{p.line}" if p.line else "") for p in report.errors)
    assert failed == ["d.txt", "e.jsonl:2", "missing.txt"]
    stored = {Path(a.source.split(":")[0]).name: a for a in store.iter_articles()}
    assert stored["c.txt"].duplicate_of == stored["a.txt"].id
    assert stored["e.jsonl"].language == "fr"
    assert {a.ingested_at for a in stored.values()} == {"2026-11-25T12:00:00Z"}


def test_near_duplicates_are_found_across_runs(
    tmp_path: Path, store: SQLiteStore, settings: Settings, resources: Resources
) -> None:
    (tmp_path / "one.txt").write_text(STORY)
    (tmp_path / "two.txt").write_text(STORY + " Updated at noon.")
    kwargs = {"store": store, "settings": settings, "resources": resources}
    pipeline.ingest([str(tmp_path / "one.txt")], **kwargs)  # type: ignore[arg-type]
    report = pipeline.ingest([str(tmp_path / "two.txt")], **kwargs)  # type: ignore[arg-type]
    assert report.near_duplicates == 1


def test_batch_metadata_and_progress(
    tmp_path: Path, store: SQLiteStore, settings: Settings, resources: Resources
) -> None:
    (tmp_path / "one.txt").write_text(STORY)

    class Recorder:
        def __init__(self) -> None:
            self.calls: list[object] = []

        def start(self, total: int, *, label: str) -> None:
            self.calls.append((label, total))

        def advance(self, count: int = 1) -> None:
            self.calls.append(count)

        def finish(self) -> None:
            self.calls.append("done")

    recorder = Recorder()
    pipeline.ingest(
        [str(tmp_path / "one.txt")],
        store=store,
        settings=settings,
        resources=resources,
        overrides=Metadata(outlet="Local Paper", published="2020-02-03"),
        progress=recorder,
    )
    (article,) = store.iter_articles()
    assert (article.metadata.outlet, article.published) == ("Local Paper", "2020-02-03")
    assert recorder.calls == [("ingesting", 1), 1, "done"]


def test_sign_in_pages_of_one_site_are_kept_and_not_copies(
    tmp_path: Path, store: SQLiteStore, settings: Settings, resources: Resources
) -> None:
    # What a scraper gets behind a paywall: one site's sign-in text under each story's headline.
    sign_in = (
        "Welcome back. Sign in with your account to keep reading. By registering you agree to "
        "our terms of service and privacy policy. We have sent you a confirmation email from "
    )
    pages = (("one", "Floods reach Kisumu estates"), ("two", "Senate passes budget"))
    for name, title in pages:
        (tmp_path / f"{name}.txt").write_text(f"{sign_in}{name}.\n")
        (tmp_path / f"{name}.meta.json").write_text(json.dumps({"title": title}))
    # The very same page under a third headline is an article of its own too.
    (tmp_path / "three.txt").write_text(f"{sign_in}one.\n")
    (tmp_path / "three.meta.json").write_text(json.dumps({"title": "Storm closes the port"}))
    kwargs = {"store": store, "settings": settings, "resources": resources}
    report = pipeline.ingest([str(tmp_path)], **kwargs)  # type: ignore[arg-type]
    assert (report.new, report.near_duplicates) == (3, 0)
    assert [a.duplicate_of for a in store.iter_articles()] == [None, None, None]
    again = pipeline.ingest([str(tmp_path)], **kwargs)  # type: ignore[arg-type]
    assert (again.new, again.already_stored) == (0, 3)
