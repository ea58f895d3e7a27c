"""Whole records as plain JSON, the Spark job's block linking and ``sitroom load``, without Spark.

The job's output is built here row by row in its own schema, as its tasks write it, so that
loading is tested in the default run; tests/spark runs the real job.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sitroom.dedupe import NearDuplicateIndex
from sitroom.errors import ConfigError
from sitroom.load import load_results
from sitroom.plain import PlainDataError, from_json, to_json
from sitroom.records import (
    Analysis,
    Article,
    DateMention,
    Event,
    EventActor,
    EventSource,
    Evidence,
    Fatalities,
    GazetteerEntry,
    Metadata,
    PlaceMention,
    Quote,
    Speaker,
)
from sitroom.settings import Settings
from sitroom.spark import work
from sitroom.store import SQLiteStore, Store

FLOOD = (
    "Flood water reached Riverton on Monday after the levee on the Wind River broke, and the "
    "mayor ordered three hundred families to leave their homes before nightfall, officials said."
)
QUAKE = (
    "A strong earthquake shook the mountain town of Elm Creek early on Friday, toppling a church "
    "tower and cutting power to thousands of homes across the valley, the governor said."
)


def _article(text: str, published: str | None, outlet: str = "Herald") -> Article:
    from sitroom.clean import article_id

    meta = Metadata(outlet=outlet, title=text.split(",", maxsplit=1)[0], published=published)
    return Article(article_id(text), text, text, meta, "test", language="en")


def _analysis(article: Article) -> Analysis:
    entry = GazetteerEntry(5, "Riverton", 43.0, -108.4, "USA", "Wyoming", "PPL", 10_000)
    place = PlaceMention(article.id, 20, 28, "Riverton", entry, 0.9)
    day = DateMention(article.id, 32, 38, "Monday", "2020-01-06", "2020-01-06", "day", "x")
    event = Event(
        id=f"e_{article.id}", type="COERCE", mode=None, acled_event_type=None,
        acled_sub_event_type=None, summary="levee broke",
        actors=(EventActor("mayor", "USA", "GOV", None, Evidence(article.id, 1, 2, "m")),),
        targets=(), place=place, date=day, fatalities=Fatalities(3, 1, None, "three"),
        modality="asserted", attributed_to=None,
        sources=(EventSource(article.id, "Herald", 0, 10, "Flood water"),),
        conflicts=({"field": "place", "values": [1, "a"]},),
    )  # fmt: skip
    quote = Quote(
        "q_1", article.id, "leave", 3, 8, False, "said", Speaker("mayor", None, 1, 2), ("e_1",)
    )
    return Analysis(article.id, places=(place,), dates=(day,), events=(event,), quotes=(quote,))


def _job_output(
    folder: Path, articles: list[Article], *, problems: Any = (), unsigned: Any = ()
) -> Path:
    """Write analysed articles as the job's ``analysed`` table (a part a date) and manifest.

    Articles in ``unsigned`` get no signature, as the job writes pages that do not tell their
    headline."""
    signer = NearDuplicateIndex(threshold=0.8)
    by_day: dict[str, list[dict[str, Any]]] = {}
    for i, article in enumerate(articles):
        day = article.published or work.UNKNOWN_DATE
        by_day.setdefault(day, []).append({
            "source_index": 0, "record_index": i, "kind": "article", "date": day,
            "article_id": article.id, "language": "en", "article": to_json(article),
            "signature": None if article.id in unsigned
            else signer.to_bytes(signer.signature(article.text)),
            "analysis": to_json(_analysis(article)), "version": "v-test",
        })  # fmt: skip
    for day, rows in by_day.items():
        part = folder / "analysed" / f"date={day}"
        part.mkdir(parents=True)
        schema = work.ANALYSED_SCHEMA.remove(work.ANALYSED_SCHEMA.get_field_index("date"))
        for row in rows:
            del row["date"]
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), part / "part-0.parquet")
    manifest = {"format": 1, "problems": list(problems)}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def test_plain_round_trip_keeps_every_field() -> None:
    article = _article(FLOOD, "2020-01-06")
    analysis = _analysis(article)
    assert from_json(Analysis, to_json(analysis)) == analysis
    assert from_json(Article, to_json(article)) == article
    with pytest.raises(PlainDataError, match=r"Analysis\.events\[0\]"):
        from_json(Analysis, json.dumps({"article_id": "a", "events": [[1]]}))
    with pytest.raises(PlainDataError, match="not JSON"):
        from_json(Analysis, "{")


def test_load_keeps_unsigned_articles_unfolded(tmp_path: Path, store: Store) -> None:
    flood = _article(FLOOD, "2020-01-06")
    page = _article(FLOOD.replace("officials said", "officials told reporters"), "2020-01-06")
    out = _job_output(tmp_path / "out", [flood, page], unsigned={page.id})
    report = load_results(out, store=store, settings=Settings(), link=False)
    assert (report.new, report.near_duplicates, report.ok) == (2, 0, True)
    assert store.get_article(page.id).duplicate_of is None
    again = load_results(out, store=store, settings=Settings(), link=False)
    assert (again.new, again.already_stored) == (0, 2)


def test_load_stores_folds_duplicates_links_and_is_idempotent(tmp_path: Path, store: Store) -> None:
    flood = _article(FLOOD, "2020-01-06")
    copy = _article(
        FLOOD.replace("officials said", "officials told reporters"), "2020-01-06", "Gazette"
    )
    quake = _article(QUAKE, None)
    out = _job_output(tmp_path / "out", [flood, copy, quake])
    report = load_results(out, store=store, settings=Settings())
    assert (report.new, report.near_duplicates, report.analysed) == (3, 1, 3)
    assert (report.linked, report.parts, report.ok) == (3, 2, True)
    assert store.get_article(copy.id).duplicate_of == flood.id
    assert store.get_article(flood.id).ingested_at is not None
    assert store.count("events") > 3  # the articles' own events and the merged ones
    stories = list(store.iter_records("stories"))
    assert len(stories) == 2
    before = [list(store.iter_records(k)) for k in ("events", "quotes", "stories")]
    again = load_results(out, store=store, settings=Settings())
    assert (again.new, again.analysed, again.linked, again.already_stored) == (0, 0, 0, 3)
    assert [list(store.iter_records(k)) for k in ("events", "quotes", "stories")] == before


def test_load_reports_bad_parts_and_relays_input_problems(tmp_path: Path, store: Store) -> None:
    problem = {"path": "in/bad.jsonl", "reason": "not JSON", "line": 2, "severity": "error"}
    out = _job_output(tmp_path / "out", [_article(FLOOD, "2020-01-06"), _article(QUAKE, None)],
                      problems=[problem])  # fmt: skip
    bad = out / "analysed" / "date=unknown" / "part-0.parquet"
    bad.write_bytes(b"PAR1 damaged")
    report = load_results(out, store=store, settings=Settings())
    messages = [p.message for p in report.problems]
    assert "in/bad.jsonl:2: not JSON" in messages
    assert any(m.startswith(f"{bad}: unreadable Parquet part") for m in messages)
    assert (report.new, report.ok) == (1, False)


def test_load_refuses_unfinished_or_foreign_output(tmp_path: Path) -> None:
    out = _job_output(tmp_path / "out", [_article(FLOOD, "2020-01-06")])
    with SQLiteStore.open(tmp_path / "s.db") as store:
        (out / "manifest.json").write_text(json.dumps({"format": 99}))
        with pytest.raises(ConfigError, match="format 99"):
            load_results(out, store=store, settings=Settings())
        (out / "manifest.json").unlink()
        with pytest.raises(ConfigError, match="did not finish"):
            load_results(out, store=store, settings=Settings())
        with pytest.raises(ConfigError, match="no such folder"):
            load_results(tmp_path / "nowhere", store=store, settings=Settings())


def test_blocks_show_the_last_window_to_the_next_block() -> None:
    options = work.BlockOptions(block_days=28)
    # 2020-01-06 is early in its block; a day in a block's last week is also shown to the next.
    first = work.block_of(date(2020, 1, 6), 28)
    assert work.blocks_of(date(2020, 1, 6), options)[0] == (first, True)
    assert work.blocks_of(None, options) == [(work.UNDATED_BLOCK, True)]
    edges = [
        d for d in range(60) if len(work.blocks_of(date.fromordinal(737000 + d), options)) == 2
    ]
    assert len(edges) in (14, 15)  # two blocks' last seven days in any sixty


def test_link_block_links_like_run_and_writes_only_its_own_articles() -> None:
    flood = _article(FLOOD, "2020-01-06")
    retold = _article(FLOOD.replace("three hundred", "300"), "2020-01-07", "Gazette")
    quake = _article(QUAKE, "2020-01-07")
    settings = Settings()
    linker = work.worker_for(settings).linker
    rows = []
    for i, (article, own) in enumerate([(flood, False), (retold, True), (quake, True)]):
        profile = work.profile_of(article, _analysis(article), linker)
        rows.append({
            "block": "b", "own": own, "date": article.published, "source_index": 0,
            "record_index": i, "article_id": article.id,
            "profile": json.dumps(profile.to_record()), "signature": None,
            "member": json.dumps({"article_id": article.id, "title": article.title,
                                  "published": article.published, "outlet": "x"}),
            "events": json.dumps([e.to_record() for e in _analysis(article).events]),
        })  # fmt: skip
    table = pa.Table.from_pylist(rows, schema=work.PROFILE_SCHEMA)
    found = work.block_linker(settings, work.BlockOptions())(table).to_pylist()
    links = {r["article_id"]: r["story_id"] for r in found if r["kind"] == "link"}
    assert set(links) == {retold.id, quake.id}  # the first is the previous block's to write
    assert links[retold.id] != links[quake.id]
    stories = [json.loads(r["record"]) for r in found if r["kind"] == "story"]
    flood_story = next(s for s in stories if s["id"] == links[retold.id])
    assert set(flood_story["article_ids"]) == {flood.id, retold.id}
