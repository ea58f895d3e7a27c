"""Spark local mode against the process pool, and the cross-article stage on Spark and locally.

Usage: ``.venv/bin/python benchmarks/spark.py [--eval-data DIR] [--articles 400]
[--sizes 10000,100000] [--master local[2]]`` (needs the spark extra).

Analysis: the corpus of ``benchmarks/workers.py`` (the same real GVA and PolNeAR articles, one
JSONL file); ``workers.py`` itself times one process and a pool of two, then ``sitroom spark``'s
job runs the same file on ``--master``, its Python workers' resident memory sampled from /proc.
Cross-article: the articles of ``benchmarks/linking.py`` (real ones, then retellings over two
years) with empty analyses, profiled, linked into stories and merged, in one local process
(in memory) and by the job's grouped stage on Spark. Every measurement runs in a fresh process.
A script, not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
FILES = 16
"""Parquet files the cross-article input is written as, so that Spark reads it in parallel."""


def python_worker_rss(stop: threading.Event, peaks: dict[int, int]) -> None:
    """Until ``stop``, record the peak resident memory (kB) of each PySpark Python process."""
    while not stop.is_set():
        for proc in Path("/proc").iterdir():
            if not proc.name.isdigit():
                continue
            try:
                cmdline = (proc / "cmdline").read_bytes()
                if b"pyspark.daemon" not in cmdline and b"pyspark.worker" not in cmdline:
                    continue
                status = (proc / "status").read_text()
            except OSError:
                continue
            found = re.search(r"VmRSS:\s+(\d+) kB", status)
            if found:
                pid = int(proc.name)
                peaks[pid] = max(peaks.get(pid, 0), int(found.group(1)))
        stop.wait(0.5)


def spark_analysis(eval_data: Path, count: int, master: str) -> dict[str, Any]:
    """Run the whole job on the workers.py corpus; time it, and sample its workers' memory."""
    sys.path.insert(0, str(HERE))
    from workers import write_corpus

    from sitroom.spark.job import run_job, spark_session

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_corpus(eval_data, root, count)
        began = time.perf_counter()
        spark = spark_session(master, config={"spark.ui.showConsoleProgress": "false"})
        spark.sparkContext.setLogLevel("FATAL")
        started = time.perf_counter() - began
        stop, peaks = threading.Event(), dict[int, int]()
        sampler = threading.Thread(target=python_worker_rss, args=(stop, peaks), daemon=True)
        sampler.start()
        try:
            report = run_job(spark, [str(root / "corpus.jsonl")], root / "out")
        finally:
            stop.set()
            sampler.join()
            spark.stop()
    return {
        "analysed": report.analysed,
        "tasks": report.tasks,
        "session_seconds": round(started, 1),
        "job_seconds": report.seconds,
        "python_processes": len(peaks),
        "largest_python_mb": round(max(peaks.values(), default=0) / 1024),
    }


def linking_input(eval_data: Path, n: int, folder: Path) -> None:
    """Write ``n`` linking.py articles, with empty analyses, as the job's ``analysed`` table."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    sys.path.insert(0, str(HERE))
    from linking import articles

    from sitroom.plain import to_json
    from sitroom.records import Analysis
    from sitroom.spark import work

    table = folder / "analysed"
    table.mkdir(parents=True)
    rows = [
        {
            "source_index": 0,
            "record_index": i,
            "kind": "article",
            "date": a.published or work.UNKNOWN_DATE,
            "article_id": a.id,
            "language": "en",
            "article": to_json(a),
            "analysis": to_json(Analysis(a.id)),
            "version": "bench",
        }
        for i, a in enumerate(articles(n, eval_data))
    ]
    step = -(-len(rows) // FILES)
    for k in range(FILES):
        part = rows[k * step : (k + 1) * step]
        pq.write_table(
            pa.Table.from_pylist(part, schema=work.ANALYSED_SCHEMA), table / f"{k}.parquet"
        )


def local_linking(eval_data: Path, n: int) -> dict[str, Any]:
    """Profile, link and merge ``n`` articles in this one process, in memory."""
    sys.path.insert(0, str(HERE))
    from linking import articles

    from sitroom.link.stories import link_stories
    from sitroom.pipeline import load_linker

    items = articles(n, eval_data)
    linker = load_linker()
    began = time.perf_counter()
    from sitroom.link.profiles import build_profile

    profiles = [build_profile(a, linker.rarity, config=linker.profile) for a in items]
    assignments = link_stories(profiles, config=linker.link)
    seconds = time.perf_counter() - began
    return {
        "articles": len(assignments),
        "stories": len({a.story_id for a in assignments}),
        "seconds": round(seconds, 1),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def spark_linking(eval_data: Path, n: int, master: str) -> dict[str, Any]:
    """The job's cross-article stage over ``n`` articles on ``master``."""
    from pyspark.sql.pandas.types import from_arrow_schema

    from sitroom.spark import work
    from sitroom.spark.job import JobOptions, _cross_article, spark_session

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        linking_input(eval_data, n, root)
        spark = spark_session(master, config={"spark.ui.showConsoleProgress": "false"})
        spark.sparkContext.setLogLevel("FATAL")
        stop, peaks = threading.Event(), dict[int, int]()
        sampler = threading.Thread(target=python_worker_rss, args=(stop, peaks), daemon=True)
        sampler.start()
        try:
            schema = from_arrow_schema(work.ANALYSED_SCHEMA)
            stored = spark.read.schema(schema).parquet(str(root / "analysed"))
            began = time.perf_counter()
            stories = _cross_article(stored, root / "out", JobOptions())
            seconds = time.perf_counter() - began
        finally:
            stop.set()
            sampler.join()
            spark.stop()
    return {
        "articles": n,
        "stories": stories,
        "seconds": round(seconds, 1),
        "largest_python_mb": round(max(peaks.values(), default=0) / 1024),
    }


def in_child(*args: str) -> dict[str, Any]:
    """Run one measurement of this script in a fresh process; return its JSON line."""
    done = subprocess.run(
        [sys.executable, __file__, *args], check=True, capture_output=True, text=True
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--eval-data", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--skip-analysis", action="store_true")
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    data = str(args.eval_data)
    if args.one:
        what, n = args.one[0], int(args.one[1])
        if what == "spark-analysis":
            result = spark_analysis(args.eval_data, n, args.master)
        elif what == "spark-linking":
            result = spark_linking(args.eval_data, n, args.master)
        else:
            result = local_linking(args.eval_data, n)
        print(json.dumps(result))
        return
    if not args.skip_analysis:
        pool = subprocess.run(
            [sys.executable, str(HERE / "workers.py"), "--eval-data", data,
             "--articles", str(args.articles), "--workers", "2"],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        print("process pool (benchmarks/workers.py):")
        print("  " + pool.stdout.strip().replace("\n", "\n  "))
        spark = in_child("--eval-data", data, "--master", args.master,
                         "--one", "spark-analysis", str(args.articles))  # fmt: skip
        rate = spark["analysed"] / spark["job_seconds"]
        whole = spark["analysed"] / (spark["job_seconds"] + spark["session_seconds"])
        print(
            f"spark {args.master}: {spark['analysed']} articles in {spark['tasks']} tasks, "
            f"job {spark['job_seconds']:.1f} s = {rate:.1f} articles/s (read, analyse, write "
            f"tables, link), {whole:.1f} articles/s with the {spark['session_seconds']:.1f} s "
            f"session start; largest Python worker {spark['largest_python_mb']} MB"
        )
    for n in (int(s) for s in args.sizes.split(",") if s):
        local = in_child("--eval-data", data, "--one", "local-linking", str(n))
        print(
            f"cross-article, {n} articles, local process: {local['stories']} stories in "
            f"{local['seconds']:.1f} s = {n / local['seconds']:.0f} articles/s, "
            f"peak {local['peak_mb']} MB"
        )
        spark = in_child("--eval-data", data, "--master", args.master,
                         "--one", "spark-linking", str(n))  # fmt: skip
        print(
            f"cross-article, {n} articles, spark {args.master}: {spark['stories']} stories in "
            f"{spark['seconds']:.1f} s = {n / spark['seconds']:.0f} articles/s, "
            f"largest Python worker {spark['largest_python_mb']} MB"
        )


if __name__ == "__main__":
    main()
