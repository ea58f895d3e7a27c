"""Throughput of each pipeline stage and of the whole ``run`` on ~1,100 real news articles.

Usage: ``.venv/bin/python benchmarks/throughput.py [--eval-data ../shared/eval] [--json]``

The corpus is every document of ``gva/dev.jsonl`` written out as one ``.txt`` file each, the
form in which most users hand sitroom their articles. The whole ``run`` includes the analysis;
the analysis stage is also compared with bare ``nlp.pipe`` of the same model on the same
articles, in the same process. A script, not a test: it prints figures.
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
from sitroom.analyse import load_analyser
from sitroom.clean import clean_document
from sitroom.dedupe import NearDuplicateIndex
from sitroom.errors import IngestError
from sitroom.ingest import discover, read_source
from sitroom.language import mark_language
from sitroom.nlp import load_model
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


def ingest_stages(
    folder: Path, work: Path, settings: Settings
) -> tuple[dict[str, float], list[Article]]:
    """Time each ingestion stage on its own, then the whole ``run``; return seconds per stage."""
    resources = pipeline.load_resources()

    def read_all() -> list[RawDocument]:
        sources, _ = discover([str(folder)])
        docs: list[RawDocument] = []
        for source in sources:
            found = read_source(source, max_bytes=settings.max_bytes, overrides=Metadata())
            docs.extend(d for d in found if isinstance(d, RawDocument))
        return docs

    def clean_all() -> list[Article]:
        cleaned = []
        for doc in docs:
            # Some crawled documents hold nothing but their headline: the pipeline reports them
            # as empty, and so does this loop, by leaving them out.
            with contextlib.suppress(IngestError):
                cleaned.append(clean_document(doc, rules=resources.cleaning_rules))
        return cleaned

    def dedupe_all() -> list[tuple[Article, Any]]:
        index = NearDuplicateIndex(threshold=settings.near_duplicate_threshold)
        out = []
        for article in marked:
            checked, signature = index.check(article)
            index.add(checked.id, signature, duplicate_of=checked.duplicate_of)
            out.append((checked, signature))
        return out

    def store_all() -> None:
        with SQLiteStore.open(work / "stage.db") as store:
            for article, signature in deduped:
                stamped = dataclasses.replace(article, ingested_at="2026-01-01T00:00:00Z")
                store.add_article(stamped, signature=NearDuplicateIndex.to_bytes(signature))

    def whole_run() -> None:
        with SQLiteStore.open(settings.db) as store:
            pipeline.run([str(folder)], store=store, settings=settings, resources=resources)

    docs, read_s = timed(read_all)
    articles, clean_s = timed(clean_all)
    detector = resources.language_detector
    marked, lang_s = timed(lambda: [mark_language(a, detector) for a in articles])
    deduped, dedupe_s = timed(dedupe_all)
    _, store_s = timed(store_all)
    _, run_s = timed(whole_run)
    seconds = {
        "read (ingest)": read_s,
        "clean": clean_s,
        "ingest + clean": read_s + clean_s,
        "language": lang_s,
        "near-duplicates": dedupe_s,
        "store": store_s,
        "whole run": run_s,
    }
    return seconds, [a for a, _ in deduped]


def analysis_stage(articles: list[Article], settings: Settings) -> dict[str, float]:
    """Time bare ``nlp.pipe`` and the analysis stage on the same English articles."""
    english = [a for a in articles if a.language == "en"]
    texts = [a.text for a in english]
    bare = load_model(settings.model)
    analyser, load_s = timed(lambda: load_analyser(settings))
    # Warm both up so that neither pays for first-call costs inside the timing.
    list(bare.pipe(texts[:20]))
    list(analyser.analyse(english[:20]))
    _, bare_s = timed(lambda: list(bare.pipe(texts, batch_size=settings.batch_size)))
    _, analyse_s = timed(lambda: list(analyser.analyse(english)))
    return {"articles": len(english), "load": load_s, "bare": bare_s, "analysis": analyse_s}


def main() -> None:
    """Build the corpus, time every stage, print articles per second."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--eval-data", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        folder = work / "corpus"
        folder.mkdir()
        n = build_corpus(args.eval_data, folder)
        settings = Settings(db=work / "bench.db")
        seconds, articles = ingest_stages(folder, work, settings)
        analysis = analysis_stage(articles, settings)
    n_en = int(analysis["articles"])
    ratio = analysis["bare"] / analysis["analysis"]
    result = {
        "articles": n,
        "machine": f"{platform.machine()}, CPython {platform.python_version()}",
        "articles_per_s": {k: round(n / v, 1) for k, v in seconds.items()},
        "english_articles": n_en,
        "analyser_load_s": round(analysis["load"], 2),
        "bare_nlp_pipe_per_s": round(n_en / analysis["bare"], 1),
        "analysis_stage_per_s": round(n_en / analysis["analysis"], 1),
        "analysis_vs_bare_pipe": round(ratio, 3),
    }
    if args.json:
        print(json.dumps(result))
        return
    print(f"{n} articles (gva dev), {result['machine']}")
    print(f"{'stage':18} {'seconds':>8} {'articles/s':>11}")
    for name, value in seconds.items():
        print(f"{name:18} {value:8.2f} {n / value:11.1f}")
    print(f"\n{n_en} English articles; analyser loaded in {analysis['load']:.1f} s")
    for name, key in (("bare nlp.pipe", "bare"), ("analysis stage", "analysis")):
        print(f"{name:18} {analysis[key]:8.2f} {n_en / analysis[key]:11.1f}")
    print(f"analysis stage at {100 * ratio:.0f}% of bare nlp.pipe")


if __name__ == "__main__":
    main()
