"""Cost of story linking at 1k, 10k and 100k articles: time and peak memory, for a linear curve.

Usage: ``.venv/bin/python benchmarks/linking.py [--eval-data DIR] [--sizes 1000,10000,100000]``

The articles are the real ones of the evaluation sets (GVA, PolNeAR, ECB+ texts), then, past
those, new articles made from them: a real article with some of its paragraphs dropped and its
date moved by up to three days, the way several outlets retell one event. Dates spread over two
years, so the window holds a realistic share of the archive. Each size runs in a fresh process
(peak memory is that process's) through the store-backed link stage of ``sitroom run``: articles
and empty analyses are stored first, untimed; then ``pipeline.link_pending`` is timed. A script,
not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sitroom import pipeline
from sitroom.clean import article_id
from sitroom.records import Analysis, Article, Metadata
from sitroom.store import SQLiteStore

SPAN_DAYS = 730


def real_texts(eval_data: Path) -> list[tuple[str, str]]:
    """``(title, text)`` of every real article in the GVA, PolNeAR and ECB+ dev sets."""
    out: list[tuple[str, str]] = []
    with (eval_data / "gva" / "dev.jsonl").open(encoding="utf-8") as lines:
        seen: set[str] = set()
        for line in lines:
            for doc in json.loads(line)["documents"]:
                if doc["doc_id"] not in seen and doc["text"].strip():
                    seen.add(doc["doc_id"])
                    out.append((doc.get("title") or "", doc["text"]))
    for name in ("polnear", "ecbplus"):
        with (eval_data / name / "dev.jsonl").open(encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                out.append((record.get("title") or "", record["text"]))
    return out


def articles(n: int, eval_data: Path, seed: int = 7) -> list[Article]:
    """``n`` articles: the real ones first, then retellings of them."""
    rng = random.Random(seed)
    texts = real_texts(eval_data)
    days = [rng.randrange(SPAN_DAYS) for _ in texts]
    start = date(2020, 1, 1)
    out = []
    for i in range(n):
        source = i % len(texts)
        title, text = texts[source]
        day = days[source]
        if i >= len(texts):
            paragraphs = [p for p in text.split("\n") if p.strip()]
            kept = [p for p in paragraphs if rng.random() > 0.3] or paragraphs[:1]
            text = "\n\n".join(kept) + f"\n\nReport {i}."
            day = max(0, day + rng.randint(-3, 3))
        published = (start + timedelta(days=day)).isoformat()
        out.append(
            Article(
                article_id(text + published),
                text,
                text,
                Metadata(title=title or None, published=published),
                "bench",
                language="en",
                ingested_at="2030-01-01T00:00:00Z",
            )
        )
    return out


def measure(n: int, eval_data: Path) -> dict[str, float]:
    """Store ``n`` articles with empty analyses, then time the link stage."""
    with tempfile.TemporaryDirectory() as folder, SQLiteStore.open(Path(folder) / "b.db") as store:
        for article in articles(n, eval_data):
            if store.add_article(article):
                store.save_analysis(Analysis(article.id), version="bench", analysed_at="now")
        linker = pipeline.load_linker()
        started = time.perf_counter()
        linked = pipeline.link_pending(store, linker=linker)
        seconds = time.perf_counter() - started
        stories = store.count("stories")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "articles": linked,
        "stories": stories,
        "seconds": round(seconds, 2),
        "articles_per_s": round(linked / seconds, 1),
        "peak_mb": round(peak_mb, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-data", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.eval_data)))
        return
    print(f"{'articles':>9} {'stories':>8} {'seconds':>9} {'articles/s':>11} {'peak MB':>8}")
    for size in (int(s) for s in args.sizes.split(",")):
        done = subprocess.run(
            [sys.executable, __file__, "--eval-data", str(args.eval_data), "--one", str(size)],
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(done.stdout)
        print(
            f"{r['articles']:>9} {r['stories']:>8} {r['seconds']:>9} "
            f"{r['articles_per_s']:>11} {r['peak_mb']:>8}"
        )


if __name__ == "__main__":
    main()
