"""Analysis throughput with 1 and with N worker processes on the same real articles.

Usage: ``.venv/bin/python benchmarks/workers.py [--eval-data ../shared/eval] [--workers 2]
[--articles 600]``

The corpus is the first ``--articles`` documents of ``gva/dev.jsonl`` and ``polnear/dev.jsonl``
(real news), ingested untimed into a fresh store for each setting. Then the analysis stage is
timed: in this process (``workers=1``, the model loaded before the clock starts), and on
``--workers`` spawned processes (their start and model loading included, as a user sees it;
the time to first result is printed too). Peak memory is each process's own. A script, not a
test: it prints figures.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from sitroom import pipeline
from sitroom.analyse import load_analyser
from sitroom.settings import Settings
from sitroom.store import SQLiteStore


def write_corpus(eval_data: Path, folder: Path, count: int) -> None:
    """Write up to ``count`` real articles as JSONL records, GVA first, then PolNeAR."""
    records = []
    with (eval_data / "gva" / "dev.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            for doc in json.loads(line)["documents"]:
                if doc["text"].strip():
                    records.append({"text": doc["text"], "title": doc.get("title")})
    with (eval_data / "polnear" / "dev.jsonl").open(encoding="utf-8") as lines:
        records += [{"text": json.loads(line)["text"]} for line in lines]
    out = folder / "corpus.jsonl"
    with out.open("w", encoding="utf-8") as handle:
        for record in records[:count]:
            handle.write(json.dumps(record) + "\n")


def timed_analysis(corpus: Path, db: Path, workers: int) -> tuple[int, float]:
    settings = Settings(db=db, workers=workers)
    with SQLiteStore.open(db) as store:
        pipeline.ingest([str(corpus)], store=store, settings=settings)
        if workers == 1:
            analyser = load_analyser(settings)
            began = time.perf_counter()
            count = pipeline.analyse_pending(store, analyser=analyser)
        else:
            from datetime import UTC, datetime

            from sitroom.parallel import analyse_in_workers

            began = time.perf_counter()
            count = analyse_in_workers(
                store,
                settings=settings,
                workers=workers,
                clock=lambda: datetime.now(UTC),
                stamp=lambda moment: moment.isoformat(),
            )
    return count, time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--eval-data", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--articles", type=int, default=600)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_corpus(args.eval_data, root, args.articles)
        corpus = root / "corpus.jsonl"
        count, one = timed_analysis(corpus, root / "one.db", 1)
        print(f"1 process:   {count} articles in {one:.1f} s = {count / one:.1f} articles/s")
        count, many = timed_analysis(corpus, root / "many.db", args.workers)
        print(
            f"{args.workers} workers:   {count} articles in {many:.1f} s = {count / many:.1f} "
            f"articles/s (start-up included) = {one / many:.2f} x one process"
        )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak memory: this process {peak:.0f} MB, largest worker {children:.0f} MB")


if __name__ == "__main__":
    main()
