"""A process killed mid-batch leaves a consistent store; running the batch again completes it."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from sitroom.store import SQLiteStore

N_FILES = 1500


def count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def test_kill_mid_batch_then_rerun(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    for i in range(N_FILES):
        (folder / f"{i:05d}.txt").write_text(
            f"Report number {i} says that {i * 7} sandbags were piled on levee {i % 13}. "
            f"Engineers counted {i * 3} pumps and the river fell by {i % 29} centimetres."
        )
    db = tmp_path / "store.db"
    command = [sys.executable, "-m", "sitroom", "ingest", "-q", "--db", str(db), str(folder)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while count(db) < 50:
        assert process.poll() is None, "the batch finished before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    partial = count(db)
    assert 0 < partial < N_FILES
    with SQLiteStore.open(db) as store:
        assert store.integrity_problems() == []
        signatures = store._db.execute("SELECT count(*) FROM article_signatures").fetchone()[0]
        indexed = store._db.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
        assert signatures == indexed == store.count("articles")
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert count(db) == N_FILES
