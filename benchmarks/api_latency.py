"""Latency of ``/api/events`` on a store of 100,000 events, and a load test of 50 clients.

Usage: ``.venv/bin/python benchmarks/api_latency.py [--events 100000] [--requests 300]
[--clients 50] [--load-seconds 20] [--database-url postgresql://...]``

The store is generated: merged events spread over the world's land (random points in boxes
around a dozen regions) and over two years, of the 16 PLOVER types and five modalities, each with
one to three source sentences. ``sitroom serve`` runs in its own process on a free loopback port,
as an analyst would start it. First, ``--requests`` requests one at a time with typical filters
(a bounding box of a few degrees, a date range of one to eight weeks, one event type): p50, p95
and p99 in milliseconds. Then ``--clients`` concurrent clients (threads, one connection each)
send such requests for at most ``--load-seconds`` (and at most 40 requests each): errors,
requests per second and the latency under load. With ``--database-url`` the store is that
PostgreSQL database (whose events it replaces) instead of a temporary SQLite file. A script, not
a test: it prints figures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

from sitroom.store import open_store

TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
MODALITIES = ("asserted", "asserted", "asserted", "negated", "hypothetical", "future", "claimed")
# (south, west, north, east) boxes where news events cluster.
REGIONS = (
    (29, 38, 37, 48), (31, 34, 37, 42), (44, 22, 52, 40), (4, 2, 13, 15), (-5, 28, 5, 42),
    (10, 40, 16, 52), (30, 60, 37, 75), (25, -110, 48, -70), (-35, -72, -10, -40),
    (35, -10, 55, 20), (20, 70, 32, 90), (-40, 140, -25, 153),
)
FIRST_DAY = date(2023, 1, 1)
SPAN_DAYS = 730


def generate(location: str | Path, count: int, rng: random.Random) -> None:
    """Write ``count`` merged events to the store at ``location``, in place of its events."""
    rows = []
    for number in range(count):
        south, west, north, east = rng.choice(REGIONS)
        start = FIRST_DAY + timedelta(days=rng.randrange(SPAN_DAYS))
        n_sources = rng.choice((1, 1, 1, 2, 2, 3))
        record: dict[str, Any] = {
            "id": f"e_{number:012x}",
            "type": rng.choice(TYPES),
            "mode": None,
            "acled": {"event_type": "Battles", "sub_event_type": "Armed clash"},
            "summary": f"generated event {number}",
            "actors": [{"name": f"Actor {rng.randrange(500)}", "country": None, "sector": "REB"}],
            "targets": [],
            "place": {
                "name": f"Town {number % 5000}",
                "lat": round(rng.uniform(south, north), 5),
                "lon": round(rng.uniform(west, east), 5),
                "precision": "town",
            },
            "date": {"start": start.isoformat(), "end": start.isoformat(), "precision": "day"},
            "fatalities": None,
            "modality": rng.choice(MODALITIES),
            "attributed_to": None,
            "sources": [
                {
                    "article_id": f"a_{rng.randrange(10**9):020x}",
                    "start": 0,
                    "end": 80,
                    "sentence": f"A sentence of outlet {k} that reports generated event {number}.",
                }
                for k in range(n_sources)
            ],
            "n_sources": n_sources,
            "conflicts": [],
        }
        rows.append((record["id"], json.dumps(record)))
    with open_store(location) as store, store.transaction() as db:
        db.execute("DELETE FROM events")
        db.executemany(
            "INSERT INTO events (id, story_id, article_id, record) VALUES (?, NULL, NULL, ?)", rows
        )


def typical_query(rng: random.Random) -> dict[str, Any]:
    """A bounding box of a few degrees, one to eight weeks, one event type."""
    south, west, north, east = rng.choice(REGIONS)
    lat, lon = rng.uniform(south, north), rng.uniform(west, east)
    size = rng.uniform(2, 6)
    start = FIRST_DAY + timedelta(days=rng.randrange(SPAN_DAYS - 60))
    end = start + timedelta(weeks=rng.randint(1, 8))
    return {
        "bbox": f"{lon - size:.3f},{lat - size:.3f},{lon + size:.3f},{lat + size:.3f}",
        "start": start.isoformat(),
        "end": end.isoformat(),
        "type": rng.choice(TYPES),
        "limit": 100,
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until_up(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("sitroom serve exited early")
        try:
            httpx.get(f"{base}/api/stories?limit=1", timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    sys.exit("sitroom serve did not answer within 60 s")


def percentiles(millis: list[float]) -> str:
    ranked = sorted(millis)
    cut = statistics.quantiles(ranked, n=100)
    return f"p50 {cut[49]:.1f} ms, p95 {cut[94]:.1f} ms, p99 {cut[98]:.1f} ms"


def sequential(base: str, requests: int, rng: random.Random) -> None:
    millis: list[float] = []
    matched: list[int] = []
    with httpx.Client(base_url=base, timeout=30) as client:
        for _ in range(requests):
            began = time.perf_counter()
            response = client.get("/api/events", params=typical_query(rng))
            millis.append((time.perf_counter() - began) * 1000)
            response.raise_for_status()
            matched.append(response.json()["total"])
    print(f"one at a time, {requests} requests: {percentiles(millis)}")
    print(f"  events matched per request: median {statistics.median(matched):.0f}")


def load(base: str, clients: int, seconds: float, seed: int) -> None:
    millis: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client_loop(number: int) -> None:
        rng = random.Random(seed * 1000 + number)
        with httpx.Client(base_url=base, timeout=60) as client:
            for _ in range(40):
                if time.monotonic() > stop:
                    return
                began = time.perf_counter()
                try:
                    response = client.get("/api/events", params=typical_query(rng))
                    failed = None if response.status_code == 200 else str(response.status_code)
                except httpx.HTTPError as exc:
                    failed = type(exc).__name__
                with lock:
                    millis.append((time.perf_counter() - began) * 1000)
                    if failed:
                        errors.append(failed)

    threads = [threading.Thread(target=client_loop, args=(n,)) for n in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    print(
        f"{clients} concurrent clients: {len(millis)} requests in {elapsed:.1f} s "
        f"({len(millis) / elapsed:.0f}/s), errors {len(errors)}; {percentiles(millis)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--load-seconds", type=float, default=20.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--database-url", default="", help="a PostgreSQL store instead")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        location: str | Path = args.database_url or path
        began = time.perf_counter()
        generate(location, args.events, rng)
        print(f"store of {args.events} events generated in {time.perf_counter() - began:.1f} s")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        command = [sys.executable, "-m", "sitroom", "serve", "--db", str(path)]
        env = {**os.environ, "SITROOM_DATABASE_URL": args.database_url}
        server = subprocess.Popen(
            [*command, "--port", str(port)], stderr=subprocess.DEVNULL, env=env
        )
        try:
            wait_until_up(base, server)
            sequential(base, args.requests, rng)
            load(base, args.clients, args.load_seconds, args.seed)
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
