"""The Spark job's work as plain functions over Arrow record batches: pyarrow, and no pyspark.

Each function here is what one Spark task runs (``mapInArrow`` or a grouped ``applyInArrow``),
written with the library's own stages (read, clean, mark language, analyse, profile, link,
merge), so that it can be tested and timed without Spark. Rows carry whole records as JSON
(:mod:`sitroom.plain`) beside a few flat columns, so that ``sitroom load`` can rebuild exactly
what ``sitroom run`` would have stored.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pyarrow as pa

from sitroom.analyse import Analyser, load_analyser
from sitroom.dedupe import NearDuplicateIndex
from sitroom.errors import IngestError
from sitroom.link.profiles import ArticleProfile, build_profile, sentence_similarity
from sitroom.link.stories import LinkConfig, StoryIndex
from sitroom.link.summary import merged_story
from sitroom.plain import from_json, to_json
from sitroom.records import (
    Analysis,
    Article,
    DateMention,
    Metadata,
    PlaceMention,
    Problem,
    RawDocument,
    Skipped,
    Source,
)
from sitroom.settings import Settings
from sitroom.store.links import StoryMember

M = TypeVar("M", PlaceMention, DateMention)

if TYPE_CHECKING:
    from sitroom.pipeline import Linker

UNKNOWN_DATE = "unknown"
"""The date partition of articles without a publication date."""
UNDATED_BLOCK = "undated"
ROWS_PER_BATCH = 256
"""Rows a task hands back to Spark at a time: memory per task stays bounded."""

SOURCES_SCHEMA = pa.schema([
    ("source_index", pa.int64()),
    ("path", pa.string()),
    ("kind", pa.string()),
    ("shard", pa.int64()),
    ("shards", pa.int64()),
])  # fmt: skip
"""One row per task's share of a source: a large JSONL file is read by several tasks."""
ANALYSED_SCHEMA = pa.schema([
    ("source_index", pa.int64()),
    ("record_index", pa.int64()),
    ("kind", pa.string()),
    ("date", pa.string()),
    ("article_id", pa.string()),
    ("language", pa.string()),
    ("article", pa.string()),
    ("signature", pa.binary()),
    ("analysis", pa.string()),
    ("version", pa.string()),
    ("path", pa.string()),
    ("reason", pa.string()),
    ("line", pa.int64()),
    ("severity", pa.string()),
])  # fmt: skip
"""One row per document read (``kind`` article), input problem or skipped WARC record."""
PROFILE_SCHEMA = pa.schema([
    ("block", pa.string()),
    ("own", pa.bool_()),
    ("date", pa.string()),
    ("source_index", pa.int64()),
    ("record_index", pa.int64()),
    ("article_id", pa.string()),
    ("profile", pa.string()),
    ("signature", pa.binary()),
    ("member", pa.string()),
    ("events", pa.string()),
])  # fmt: skip
"""An analysed article as the cross-article stage sees it, once per block it falls in."""
LINKED_SCHEMA = pa.schema([
    ("kind", pa.string()),
    ("block", pa.string()),
    ("date", pa.string()),
    ("story_id", pa.string()),
    ("article_id", pa.string()),
    ("similarity", pa.float64()),
    ("record", pa.string()),
])  # fmt: skip
"""What the cross-article stage finds: ``link`` rows (article to story), ``story`` and ``event``."""


@dataclass(frozen=True, slots=True)
class WorkOptions:
    """What every task needs: the settings, and a test-only hook that kills a worker once."""

    settings: Settings = field(default_factory=Settings)
    crash_once: str | None = None
    """Test hook: when set, the first worker to see no file at this path makes it and exits."""


@dataclass(frozen=True, slots=True)
class BlockOptions:
    """How the cross-article stage cuts the archive into independent blocks of time."""

    block_days: int = 28
    link: LinkConfig = field(default_factory=LinkConfig)


class _Worker:
    """What one Python worker process loads once and keeps: the analyser and the small helpers."""

    def __init__(self, settings: Settings) -> None:
        from sitroom.pipeline import load_linker, load_resources

        self.settings = settings
        self.resources = load_resources()
        self.signer = NearDuplicateIndex(
            threshold=settings.near_duplicate_threshold, rarity=self.resources.rarity
        )
        self.linker = load_linker()
        self._analyser: Analyser | None = None

    @property
    def analyser(self) -> Analyser:
        """The analyser, loaded on first use (a task with only problems never needs it)."""
        if self._analyser is None:
            self._analyser = load_analyser(self.settings)
        return self._analyser


# The one piece of process-wide state in sitroom, on purpose: Spark calls a task's function
# afresh for every partition, but reuses the Python worker process, and loading the model and
# gazetteer takes tens of seconds. Keyed by the settings, so a worker serving two jobs with
# different settings keeps the two apart; nothing is loaded at import time.
_WORKERS: dict[Settings, _Worker] = {}


def worker_for(settings: Settings) -> _Worker:
    """This process's worker state for ``settings``, built on first use."""
    worker = _WORKERS.get(settings)
    if worker is None:
        worker = _WORKERS[settings] = _Worker(settings)
    return worker


def analyse_sources(
    batches: Iterable[pa.RecordBatch], options: WorkOptions
) -> Iterator[pa.RecordBatch]:
    """Read, clean, mark the language of and analyse every source named in ``batches``."""
    rows: list[dict[str, Any]] = []
    for batch in batches:
        for source in batch.to_pylist():
            _maybe_crash(options.crash_once)
            worker = worker_for(options.settings)
            shard = (int(source["shard"]), int(source["shards"]))
            where = Source(source["path"], source["kind"])
            for row in source_rows(worker, int(source["source_index"]), where, shard=shard):
                rows.append(row)
                if len(rows) >= ROWS_PER_BATCH:
                    yield pa.RecordBatch.from_pylist(rows, schema=ANALYSED_SCHEMA)
                    rows = []
    if rows:
        yield pa.RecordBatch.from_pylist(rows, schema=ANALYSED_SCHEMA)


def _maybe_crash(marker: str | None) -> None:
    if marker is None or Path(marker).exists():
        return
    Path(marker).write_text(str(os.getpid()), encoding="utf-8")
    os._exit(17)


def source_rows(
    worker: _Worker, source_index: int, source: Source, *, shard: tuple[int, int] = (0, 1)
) -> Iterator[dict[str, Any]]:
    """The rows of one source: its documents (analysed when English), problems and skips.

    With ``shard`` ``(k, n)``, only every n-th record from the k-th on: each of n tasks reads
    the whole file (cheap) and cleans and analyses its own share (the costly part).
    """
    settings = worker.settings
    pending: list[tuple[int, Article, bytes | None]] = []
    items = _read(source, settings)
    mine, shards = shard
    for record_index, item in enumerate(items):
        if record_index % shards != mine:
            continue
        if isinstance(item, RawDocument):
            try:
                article = _clean(worker, item)
            except IngestError as exc:
                yield _problem_row(
                    source_index, record_index, Problem(exc.path, exc.reason, exc.line)
                )
                continue
            # A page that does not tell its headline gets no signature: it is never folded.
            signed = worker.signer.sign(article)
            signature = None if signed is None else worker.signer.to_bytes(signed)
            if article.language == "en":
                pending.append((record_index, article, signature))
                if len(pending) >= worker.analyser.batch_size:
                    yield from _analysed_rows(worker, source_index, pending)
                    pending = []
            else:
                yield _article_row(
                    source_index,
                    record_index,
                    article,
                    signature=signature,
                    analysis=None,
                    version=None,
                )
        elif isinstance(item, Skipped):
            yield {**_empty(source_index, record_index, "skipped"), "path": item.path,
                   "reason": item.reason, "line": item.line}  # fmt: skip
        else:
            yield _problem_row(source_index, record_index, item)
    if pending:
        yield from _analysed_rows(worker, source_index, pending)


def _read(source: Source, settings: Settings) -> Iterator[RawDocument | Problem | Skipped]:
    from sitroom.ingest import read_source

    yield from read_source(
        source,
        max_bytes=settings.max_bytes,
        max_warc_bytes=settings.max_warc_bytes,
        overrides=Metadata(),
    )


def _clean(worker: _Worker, item: RawDocument) -> Article:
    from sitroom.clean import clean_document
    from sitroom.language import mark_language

    resources = worker.resources
    article = clean_document(item, rules=resources.cleaning_rules, rarity=resources.rarity)
    return mark_language(article, worker.resources.language_detector)


def _analysed_rows(
    worker: _Worker, source_index: int, pending: list[tuple[int, Article, bytes | None]]
) -> Iterator[dict[str, Any]]:
    analyser = worker.analyser
    analyses = analyser.analyse([article for _, article, _ in pending])
    for (record_index, article, signature), analysis in zip(pending, analyses, strict=True):
        yield _article_row(
            source_index,
            record_index,
            article,
            signature=signature,
            analysis=analysis,
            version=analyser.version,
        )


def _empty(source_index: int, record_index: int, kind: str) -> dict[str, Any]:
    return {
        "source_index": source_index,
        "record_index": record_index,
        "kind": kind,
        "date": UNKNOWN_DATE,
    }


def _problem_row(source_index: int, record_index: int, problem: Problem) -> dict[str, Any]:
    return {
        **_empty(source_index, record_index, "problem"),
        "path": problem.path,
        "reason": problem.reason,
        "line": problem.line,
        "severity": problem.severity,
    }


def _article_row(
    source_index: int,
    record_index: int,
    article: Article,
    *,
    signature: bytes | None,
    analysis: Analysis | None,
    version: str | None,
) -> dict[str, Any]:
    return {
        **_empty(source_index, record_index, "article"),
        "date": article.published or UNKNOWN_DATE,
        "article_id": article.id,
        "language": article.language,
        "article": to_json(article),
        "signature": signature,
        "analysis": to_json(analysis) if analysis is not None else None,
        "version": version,
    }


def discovery_problem_rows(problems: Iterable[Problem]) -> list[dict[str, Any]]:
    """Rows for the problems met while expanding the inputs (before any source is read)."""
    return [_problem_row(-1, i, problem) for i, problem in enumerate(problems)]


# The flat tables: one row per article, event, quote and place mention, for DuckDB or Spark SQL.

FLAT_SCHEMAS: Mapping[str, pa.Schema] = {
    "articles": pa.schema([
        ("date", pa.string()), ("article_id", pa.string()), ("outlet", pa.string()),
        ("wire", pa.string()), ("url", pa.string()), ("title", pa.string()),
        ("author", pa.string()), ("published", pa.string()), ("language", pa.string()),
        ("source", pa.string()), ("text", pa.string()),
    ]),
    "events": pa.schema([
        ("date", pa.string()), ("event_id", pa.string()), ("article_id", pa.string()),
        ("type", pa.string()), ("mode", pa.string()), ("acled_event_type", pa.string()),
        ("acled_sub_event_type", pa.string()), ("summary", pa.string()),
        ("place", pa.string()), ("geonameid", pa.int64()), ("lat", pa.float64()),
        ("lon", pa.float64()), ("country", pa.string()), ("event_date", pa.string()),
        ("fatalities", pa.int64()), ("modality", pa.string()), ("record", pa.string()),
    ]),
    "quotes": pa.schema([
        ("date", pa.string()), ("quote_id", pa.string()), ("article_id", pa.string()),
        ("speaker", pa.string()), ("direct", pa.bool_()), ("text", pa.string()),
        ("record", pa.string()),
    ]),
    "place_mentions": pa.schema([
        ("date", pa.string()), ("article_id", pa.string()), ("start", pa.int64()),
        ("end", pa.int64()), ("text", pa.string()), ("geonameid", pa.int64()),
        ("name", pa.string()), ("lat", pa.float64()), ("lon", pa.float64()),
        ("country", pa.string()), ("admin1", pa.string()), ("feature", pa.string()),
        ("score", pa.float64()),
    ]),
}  # fmt: skip


def flatten(kind: str, batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """The ``kind`` flat table's rows for the analysed rows in ``batches``."""
    schema = FLAT_SCHEMAS[kind]
    for batch in batches:
        rows: list[dict[str, Any]] = []
        for row in batch.to_pylist():
            if row["kind"] != "article":
                continue
            if kind == "articles":
                rows.append(_article_flat(row))
            elif row["analysis"] is not None:
                rows.extend(_analysis_flat(kind, row["date"], from_json(Analysis, row["analysis"])))
        yield pa.RecordBatch.from_pylist(rows, schema=schema)


def _article_flat(row: Mapping[str, Any]) -> dict[str, Any]:
    record = from_json(Article, row["article"]).to_record()
    return {**record, "date": row["date"], "article_id": record["id"]}


def _analysis_flat(kind: str, day: str, analysis: Analysis) -> Iterator[dict[str, Any]]:
    if kind == "events":
        for event in analysis.events:
            record = event.to_record()
            place = record.get("place") or {}
            when = record.get("date") or {}
            toll = record.get("fatalities") or {}
            acled = record.get("acled") or {}
            yield {
                "date": day, "event_id": event.id, "article_id": analysis.article_id,
                "type": event.type, "mode": event.mode, "summary": event.summary,
                "acled_event_type": acled.get("event_type"),
                "acled_sub_event_type": acled.get("sub_event_type"),
                "place": place.get("name"), "geonameid": place.get("geonameid"),
                "lat": place.get("lat"), "lon": place.get("lon"), "country": place.get("country"),
                "event_date": when.get("start"), "fatalities": toll.get("best"),
                "modality": event.modality, "record": json.dumps(record, ensure_ascii=False),
            }  # fmt: skip
    elif kind == "quotes":
        for quote in analysis.quotes:
            yield {
                "date": day, "quote_id": quote.id, "article_id": analysis.article_id,
                "speaker": quote.speaker.name if quote.speaker else None, "direct": quote.direct,
                "text": quote.text,
                "record": json.dumps(quote.to_record(), ensure_ascii=False),
            }  # fmt: skip
    else:
        for place in analysis.places:
            entry = place.entry
            yield {
                "date": day, "article_id": analysis.article_id, "start": place.start,
                "end": place.end, "text": place.text, "score": place.score,
                "geonameid": entry.geonameid if entry else None,
                "name": entry.name if entry else None, "lat": entry.lat if entry else None,
                "lon": entry.lon if entry else None, "country": entry.country if entry else None,
                "admin1": entry.admin1 if entry else None,
                "feature": entry.feature if entry else None,
            }  # fmt: skip


# The cross-article stage: profiles, then story linking and event merging block by block.


def block_of(day: date | None, block_days: int) -> str:
    """The block of time an article published on ``day`` falls in (named by its first day)."""
    if day is None:
        return UNDATED_BLOCK
    first = date.fromordinal(day.toordinal() - day.toordinal() % block_days)
    return first.isoformat()


def blocks_of(day: date | None, options: BlockOptions) -> list[tuple[str, bool]]:
    """``(block, own)`` for each block an article is seen in.

    An article is linked in its own block; the articles of the last window of a block are also
    shown to the next block (``own`` false), so that a story running over the edge continues.
    """
    own = block_of(day, options.block_days)
    if day is None:
        return [(own, True)]
    after = day + timedelta(days=options.link.window_days)
    following = block_of(after, options.block_days)
    return [(own, True)] if following == own else [(own, True), (following, False)]


def profile_rows(
    batches: Iterable[pa.RecordBatch], settings: Settings, options: BlockOptions
) -> Iterator[pa.RecordBatch]:
    """The profile rows of the analysed articles in ``batches``, once per block they fall in."""
    linker = worker_for(settings).linker
    for batch in batches:
        rows: list[dict[str, Any]] = []
        for row in batch.to_pylist():
            if row["kind"] != "article" or row["analysis"] is None:
                continue
            article = from_json(Article, row["article"])
            analysis = from_json(Analysis, row["analysis"])
            profile = profile_of(article, analysis, linker)
            member = {
                "article_id": article.id,
                "title": article.title,
                "published": article.published,
                "outlet": article.metadata.outlet,
            }
            events = [event.to_record() for event in analysis.events]
            for block, own in blocks_of(profile.published, options):
                rows.append({
                    "block": block, "own": own, "date": row["date"],
                    "source_index": row["source_index"], "record_index": row["record_index"],
                    "article_id": article.id, "profile": json.dumps(profile.to_record()),
                    "signature": row["signature"], "member": json.dumps(member),
                    "events": json.dumps(events, ensure_ascii=False),
                })  # fmt: skip
        yield pa.RecordBatch.from_pylist(rows, schema=PROFILE_SCHEMA)


def profile_of(article: Article, analysis: Analysis, linker: Linker) -> ArticleProfile:
    """An article's profile from its analysis, as the store-backed link stage builds it."""
    # The store keeps one mention a span (the last written), read back in order of start.
    places = [
        (place.entry.geonameid, place.entry.feature or "")
        for place in _one_a_span(analysis.places)
        if place.entry is not None
    ]
    days = [
        d.start_date for d in _one_a_span(analysis.dates) if d.precision == "day" and d.start_date
    ]
    return build_profile(article, linker.rarity, places=places, days=days, config=linker.profile)


def _one_a_span(mentions: Iterable[M]) -> list[M]:
    by_span = {(m.start, m.end): m for m in mentions}
    return [by_span[span] for span in sorted(by_span)]


def block_linker(settings: Settings, options: BlockOptions) -> Callable[[pa.Table], pa.Table]:
    """:func:`link_block` as a function of the table alone, annotated, as ``applyInArrow`` wants.

    PySpark picks the kind of grouped function from its type hints, which a
    ``functools.partial`` lacks.
    """

    def link(table: pa.Table) -> pa.Table:
        return link_block(table, settings, options)

    return link


def link_block(table: pa.Table, settings: Settings, options: BlockOptions) -> pa.Table:
    """Link the articles of one block into stories and merge each story's events."""
    rows = sorted(table.to_pylist(), key=lambda r: (r["source_index"], r["record_index"]))
    if not rows:
        return pa.Table.from_pylist([], schema=LINKED_SCHEMA)
    block = rows[0]["block"]
    duplicate_of = _duplicates(rows, settings.near_duplicate_threshold)
    profiles = {r["article_id"]: ArticleProfile.from_record(json.loads(r["profile"])) for r in rows}
    index = StoryIndex(options.link)
    story_of: dict[str, str] = {}
    copies_story: dict[str, str] = {}
    out: list[dict[str, Any]] = []
    # Oldest first, undated last, then in the order read: the order of ``sitroom run``.
    for row in sorted(rows, key=lambda r: (r["date"] == UNKNOWN_DATE, r["date"])):
        profile = profiles[row["article_id"]]
        # A copy joins the story of its original, or of another copy linked before it.
        original = duplicate_of.get(profile.article_id, profile.article_id)
        assignment = index.assign(profile, original_story=copies_story.get(original))
        copies_story.setdefault(original, assignment.story_id)
        story_of[profile.article_id] = assignment.story_id
        if row["own"]:
            out.append({"kind": "link", "block": block, "date": row["date"],
                        "story_id": assignment.story_id, "article_id": profile.article_id,
                        "similarity": assignment.similarity})  # fmt: skip
    out.extend(_stories(rows, story_of, duplicate_of, block, worker_for(settings).linker))
    return pa.Table.from_pylist(out, schema=LINKED_SCHEMA)


def _duplicates(rows: list[dict[str, Any]], threshold: float) -> dict[str, str]:
    index = NearDuplicateIndex(threshold=threshold)
    found: dict[str, str] = {}
    for row in rows:
        if row["signature"] is None:
            continue  # an article read without one is not matched (nor matched against)
        signature = NearDuplicateIndex.from_bytes(row["signature"])
        original = index.find(signature)
        if original is not None:
            found[row["article_id"]] = original
        index.add(row["article_id"], signature, duplicate_of=original)
    return found


def _stories(
    rows: list[dict[str, Any]],
    story_of: dict[str, str],
    duplicate_of: dict[str, str],
    block: str,
    linker: Linker,
) -> Iterator[dict[str, Any]]:
    similarity = sentence_similarity(linker.rarity)
    by_story: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_story.setdefault(story_of[row["article_id"]], []).append(row)
    for story_id, members in sorted(by_story.items()):
        # A story seen here only through the previous block's last days is that block's to write.
        if not any(row["own"] for row in members):
            continue
        members.sort(key=lambda r: (r["date"] == UNKNOWN_DATE, r["date"]))
        people = [
            StoryMember(
                **json.loads(row["member"]), duplicate_of=duplicate_of.get(row["article_id"])
            )
            for row in members
        ]
        story, events = merged_story(
            story_id,
            people,
            [event for row in members for event in json.loads(row["events"])],
            similarity=similarity,
            config=linker.merge,
        )
        first_day = next((r["date"] for r in members if r["date"] != UNKNOWN_DATE), UNKNOWN_DATE)
        yield {"kind": "story", "block": block, "date": first_day, "story_id": story_id,
               "record": json.dumps(story, ensure_ascii=False)}  # fmt: skip
        for event in events:
            yield {"kind": "event", "block": block, "date": first_day, "story_id": story_id,
                   "record": json.dumps(event, ensure_ascii=False)}  # fmt: skip
