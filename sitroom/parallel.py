"""The analysis stage on several processes: each worker loads the model once, the parent writes.

spaCy's parser holds the GIL, so threads would not help; processes do. Workers are started
with ``spawn`` (a clean interpreter: nothing the parent holds, such as its SQLite connection, is
inherited) and each loads the analyser from the settings. The parent stays the only writer: it
hands out batches of articles, stores each analysis in its own transaction as it arrives (in
whatever order workers finish), and keeps at most two batches a worker in flight, so memory
stays bounded. A worker that fails or dies stops the stage with an :class:`AnalysisError`;
what was stored stays, and the next run picks up the rest.
"""

from __future__ import annotations

import multiprocessing
import queue
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sitroom.errors import AnalysisError
from sitroom.records import Analysis, Article
from sitroom.settings import Settings

if TYPE_CHECKING:
    from multiprocessing.context import SpawnProcess
    from multiprocessing.queues import Queue

    from sitroom.pipeline import Progress
    from sitroom.store import Store

WORKER_BATCH = 16
"""Articles a worker takes at a time: small enough to spread a batch run evenly."""
IN_FLIGHT_PER_WORKER = 2
POLL_SECONDS = 1.0
"""How often the parent checks that its workers are alive while it waits."""
START_TIMEOUT_SECONDS = 600.0


@dataclass(frozen=True, slots=True)
class _Ready:
    version: str


@dataclass(frozen=True, slots=True)
class _Failed:
    message: str


def analyse_in_workers(
    store: Store,
    *,
    settings: Settings,
    workers: int,
    clock: Callable[[], datetime],
    stamp: Callable[[datetime], str],
    progress: Progress | None = None,
) -> int:
    """Analyse every stored article not yet analysed, on ``workers`` processes; return how many."""
    if workers < 2:
        raise AnalysisError("analyse_in_workers needs at least two workers")
    context = multiprocessing.get_context("spawn")
    tasks: Queue[list[Article] | None] = context.Queue()
    results: Queue[Any] = context.Queue()
    processes = [
        context.Process(target=_work, args=(settings, tasks, results), daemon=True)
        for _ in range(workers)
    ]
    for process in processes:
        process.start()
    try:
        version = _await_ready(results, processes)
        pending = store.articles_to_analyse(version)
        if progress is not None:
            progress.start(len(pending), label="analysing")
        batches = _batches(store, pending)
        limit = workers * IN_FLIGHT_PER_WORKER * WORKER_BATCH
        in_flight = 0

        def fill() -> int:
            """Hand out batches until the limit of articles in flight is reached."""
            added = 0
            while in_flight + added < limit and (batch := next(batches, None)) is not None:
                tasks.put(batch)
                added += len(batch)
            return added

        in_flight += fill()
        for _ in pending:
            analysis = _next_result(results, processes)
            store.save_analysis(analysis, version=version, analysed_at=stamp(clock()))
            in_flight -= 1
            if progress is not None:
                progress.advance()
            in_flight += fill()
        if progress is not None:
            progress.finish()
        return len(pending)
    finally:
        _stop(tasks, processes)


def _batches(store: Store, pending: list[str]) -> Iterator[list[Article]]:
    for first in range(0, len(pending), WORKER_BATCH):
        yield [store.get_article(i) for i in pending[first : first + WORKER_BATCH]]


def _await_ready(results: Queue[Any], processes: list[SpawnProcess]) -> str:
    """Wait until every worker has loaded the analyser; return the analysis version."""
    versions: list[str] = []
    waited = 0.0
    while len(versions) < len(processes):
        if waited >= START_TIMEOUT_SECONDS:
            raise AnalysisError(
                f"analysis workers did not start within {START_TIMEOUT_SECONDS:.0f} s"
            )
        try:
            message = results.get(timeout=POLL_SECONDS)
        except queue.Empty:
            waited += POLL_SECONDS
            _check_alive(processes)
            continue
        if isinstance(message, _Failed):
            raise AnalysisError(message.message)
        if isinstance(message, _Ready):
            versions.append(message.version)
    if len(set(versions)) != 1:
        raise AnalysisError("analysis workers disagree on the analysis version")
    return versions[0]


def _next_result(results: Queue[Any], processes: list[SpawnProcess]) -> Analysis:
    while True:
        try:
            message = results.get(timeout=POLL_SECONDS)
        except queue.Empty:
            _check_alive(processes)
            continue
        if isinstance(message, _Failed):
            raise AnalysisError(message.message)
        if isinstance(message, Analysis):
            return message


def _check_alive(processes: list[SpawnProcess]) -> None:
    for number, process in enumerate(processes, start=1):
        if not process.is_alive():
            raise AnalysisError(
                f"analysis worker {number} of {len(processes)} died (exit code {process.exitcode})"
            )


def _stop(tasks: Queue[list[Article] | None], processes: list[SpawnProcess]) -> None:
    for _ in processes:
        tasks.put(None)
    for process in processes:
        process.join(timeout=30)
        if process.is_alive():
            process.terminate()
            process.join(timeout=10)


def _work(settings: Settings, tasks: Queue[list[Article] | None], results: Queue[Any]) -> None:
    """A worker's life: load the analyser, then analyse batches until told to stop."""
    from sitroom.analyse import load_analyser

    try:
        analyser = load_analyser(settings)
    except Exception as exc:
        results.put(_Failed(f"an analysis worker could not load the analyser: {exc}"))
        return
    results.put(_Ready(analyser.version))
    while (batch := tasks.get()) is not None:
        try:
            for analysis in analyser.analyse(batch):
                results.put(analysis)
        except Exception as exc:
            ids = ", ".join(article.id for article in batch)
            results.put(_Failed(f"analysis failed in a batch holding {ids}: {exc}"))
            return
