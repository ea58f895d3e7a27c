"""The pipeline: the stages in order, from input paths to the store. It does nothing else."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import BinaryIO, Protocol

from sitroom.analyse import Analyser, load_analyser
from sitroom.clean import CleaningRules, clean_document, load_cleaning_rules
from sitroom.dedupe import NearDuplicateIndex
from sitroom.errors import IngestError
from sitroom.ingest import discover, read_source
from sitroom.language import LanguageDetector, is_english, mark_language
from sitroom.records import Metadata, Problem, RunReport
from sitroom.settings import Settings
from sitroom.store import SQLiteStore

Clock = Callable[[], datetime]


@dataclass(frozen=True, slots=True)
class Resources:
    """The heavy, reusable things stages need, built once and passed in."""

    cleaning_rules: CleaningRules
    language_detector: LanguageDetector


def load_resources() -> Resources:
    """Build the resources the ingestion stages need."""
    return Resources(
        cleaning_rules=load_cleaning_rules(),
        language_detector=LanguageDetector(),
    )


class Progress(Protocol):
    """Receives the progress of one step of a batch (reading sources, analysing articles)."""

    def start(self, total: int, *, label: str) -> None:
        """Called when a step begins, with the number of items it will process."""

    def advance(self, count: int = 1) -> None:
        """Called as items are done."""

    def finish(self) -> None:
        """Called when the step is over."""


def ingest(
    paths: Sequence[str],
    *,
    store: SQLiteStore,
    settings: Settings,
    resources: Resources | None = None,
    overrides: Metadata | None = None,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
    clock: Clock | None = None,
) -> RunReport:
    """Read, clean, mark the language of, fold duplicates of and store every article in ``paths``.

    Problems with single inputs are collected in the report, never raised; the rest goes on.
    Each article is stored in its own transaction, so an interrupted batch can simply be run again.
    """
    sources, found = discover(paths)
    res = resources or load_resources()
    now = clock or _utc_now
    near_duplicates = NearDuplicateIndex.from_store_rows(
        store.iter_signatures(), threshold=settings.near_duplicate_threshold
    )
    counts = {"new": 0, "already_stored": 0, "near_duplicates": 0, "not_english": 0}
    if progress is not None:
        progress.start(len(sources), label="ingesting")
    for source in sources:
        for item in read_source(
            source, max_bytes=settings.max_bytes, overrides=overrides or Metadata(), stdin=stdin
        ):
            if isinstance(item, Problem):
                found.append(item)
                continue
            try:
                article = clean_document(item, rules=res.cleaning_rules)
            except IngestError as exc:
                found.append(Problem(exc.path, exc.reason, exc.line))
                continue
            if store.has_article(article.id):
                counts["already_stored"] += 1
                continue
            article = mark_language(article, res.language_detector)
            article, signature = near_duplicates.check(article)
            article = dataclasses.replace(article, ingested_at=_iso(now()))
            store.add_article(article, signature=near_duplicates.to_bytes(signature))
            near_duplicates.add(article.id, signature, duplicate_of=article.duplicate_of)
            counts["new"] += 1
            counts["near_duplicates"] += article.duplicate_of is not None
            counts["not_english"] += not is_english(article)
        if progress is not None:
            progress.advance()
    if progress is not None:
        progress.finish()
    return RunReport(problems=tuple(found), **counts)


def analyse_pending(
    store: SQLiteStore,
    *,
    analyser: Analyser,
    progress: Progress | None = None,
    clock: Clock | None = None,
) -> int:
    """Analyse every stored English article not yet analysed by this analyser; return how many.

    Each article's results are stored in one transaction, so an interrupted run resumes here.
    """
    now = clock or _utc_now
    pending = store.articles_to_analyse(analyser.version)
    if progress is not None:
        progress.start(len(pending), label="analysing")
    for first in range(0, len(pending), analyser.batch_size):
        batch = [store.get_article(i) for i in pending[first : first + analyser.batch_size]]
        for analysis in analyser.analyse(batch):
            store.save_analysis(analysis, version=analyser.version, analysed_at=_iso(now()))
            if progress is not None:
                progress.advance()
    if progress is not None:
        progress.finish()
    return len(pending)


def run(
    paths: Sequence[str],
    *,
    store: SQLiteStore,
    settings: Settings,
    resources: Resources | None = None,
    analyser: Analyser | None = None,
    overrides: Metadata | None = None,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
    clock: Clock | None = None,
) -> RunReport:
    """Ingest ``paths``, then analyse every stored article that is not analysed yet.

    The analyser (model, gazetteer, actor dictionary) is loaded from the settings unless given.
    """
    report = ingest(
        paths,
        store=store,
        settings=settings,
        resources=resources,
        overrides=overrides,
        stdin=stdin,
        progress=progress,
        clock=clock,
    )
    analysed = analyse_pending(
        store, analyser=analyser or load_analyser(settings), progress=progress, clock=clock
    )
    return dataclasses.replace(report, analysed=analysed)


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
