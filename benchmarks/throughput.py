"""Throughput of each pipeline stage and of the whole ``run`` on ~1,100 real news articles.

Usage: ``.venv/bin/python benchmarks/throughput.py [--eval-data ../shared/eval] [--json]``

The corpus is every document of ``gva/dev.jsonl`` written out as one ``.txt`` file each, the
form in which most users hand sitroom their articles. A script, not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import platform
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sitroom import pipeline
from sitroom.clean import clean_document
from sitroom.dedupe import NearDuplicateIndex
from sitroom.errors import IngestError
from sitroom.ingest import discover, read_source
from sitroom.language import mark_language
from sitroom.records import Article, Metadata, RawDocument
from sitroom.settings import Settings
from sitroom.store import SQLiteStore

T = TypeVar("T")


def build_corpus(eval_data: Path, folder: Path) -> int:
    """Write each GVA document as a text file; return how many were written."""
    seen: set[str] = set()
    with (eval_data / "gva" / "dev.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            for doc in json.loads(line)["documents"]:
                if doc["doc_id"] in seen or not doc["text"].strip():
                    continue
                seen.add(doc["doc_id"])
                title = (doc.get("title") or "").strip()
                body = f"{title}\n\n{doc['text']}" if title else doc["text"]
                (folder / f"{doc['doc_id']}.txt").write_text(body, encoding="utf-8")
    return len(seen)


def timed(func: Callable[[], T]) -> tuple[T, float]:
    """Run ``func`` once; return its result and the seconds it took."""
    start = time.perf_counter()
    result = func()
    return result, time.perf_counter() - start


def main() -> None:
    """Build the corpus, time every stage, print articles per second."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-data", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        n = build_corpus(args.eval_data, folder)
        settings = Settings(db=Path(tmp) / "bench.db")
        resources, load_s = timed(pipeline.load_resources)

        def read_all() -> list[RawDocument]:
            sources, _ = discover([str(folder)])
            docs: list[RawDocument] = []
            for source in sources:
                docs.extend(
                    d
                    for d in read_source(source, max_bytes=settings.max_bytes, overrides=Metadata())
                    if isinstance(d, RawDocument)
                )
            return docs

        docs, read_s = timed(read_all)
        def clean_all() -> list[Article]:
            cleaned = []
            for doc in docs:
                # Some crawled documents hold nothing but their headline: the pipeline reports
                # them as empty, and so does this loop, by leaving them out.
                with contextlib.suppress(IngestError):
                    cleaned.append(clean_document(doc, rules=resources.cleaning_rules))
            return cleaned

        articles, clean_s = timed(clean_all)
        marked, lang_s = timed(
            lambda: [mark_language(a, resources.language_detector) for a in articles]
        )

        def dedupe_all() -> list[tuple[Article, Any]]:
            index = NearDuplicateIndex(threshold=settings.near_duplicate_threshold)
            out = []
            for article in marked:
                checked, signature = index.check(article)
                index.add(checked.id, signature, duplicate_of=checked.duplicate_of)
                out.append((checked, signature))
            return out

        deduped, dedupe_s = timed(dedupe_all)

        def store_all() -> None:
            with SQLiteStore.open(Path(tmp) / "stage.db") as store:
                for article, signature in deduped:
                    stamped = dataclasses.replace(article, ingested_at="2026-01-01T00:00:00Z")
                    store.add_article(stamped, signature=NearDuplicateIndex.to_bytes(signature))

        _, store_s = timed(store_all)

        def whole_run() -> int:
            with SQLiteStore.open(settings.db) as store:
                report = pipeline.run(
                    [str(folder)], store=store, settings=settings, resources=resources
                )
                return report.new

        stored, run_s = timed(whole_run)

    stages = {
        "read (ingest)": read_s,
        "clean": clean_s,
        "ingest + clean": read_s + clean_s,
        "language": lang_s,
        "near-duplicates": dedupe_s,
        "store": store_s,
        "whole run": run_s,
    }
    result = {
        "articles": n,
        "stored_by_run": stored,
        "resources_load_s": round(load_s, 2),
        "machine": f"{platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}",
        "articles_per_s": {k: round(n / v, 1) for k, v in stages.items()},
    }
    if args.json:
        print(json.dumps(result))
        return
    print(f"{n} articles (gva dev), resources loaded in {load_s:.2f} s, {result['machine']}")
    print(f"{'stage':18} {'seconds':>8} {'articles/s':>11}")
    for name, seconds in stages.items():
        print(f"{name:18} {seconds:8.2f} {n / seconds:11.1f}")


if __name__ == "__main__":
    main()
