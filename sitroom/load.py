"""``sitroom load``: merge the Parquet output of a batch job (the Spark adapter) into a store.

The job's ``analysed`` table holds, for every document it read, the cleaned article, its
near-duplicate signature and its whole analysis. Loading stores them in the order ``sitroom run``
would have ingested them (input by input, record by record): near-duplicates are folded against
what the store holds, each article is stored in one transaction and its analysis in another.
An article stored already is left alone (its analysis is saved only if the store lacks one of
that version), so loading twice changes nothing, and an interrupted load can be run again.

Stories are then linked by the store's own link stage, not taken from the job's ``stories``
table: linking is incremental and depends on what the store already holds, and the job links
each block of time on its own; linking here leaves the store as ``sitroom run`` would.
A part that cannot be read is reported with its path and the reason, and the rest goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sitroom.clock import Clock, utc_now, utc_stamp
from sitroom.dedupe import NearDuplicateIndex
from sitroom.errors import ConfigError, SitroomError
from sitroom.plain import from_json
from sitroom.records import Analysis, Article, Problem
from sitroom.settings import Settings
from sitroom.store import Store

MANIFEST = "manifest.json"
FORMAT_VERSION = 1
"""The layout of a job's output that the Spark job writes and this module reads; bump it when
the layout changes, so that output of another layout is refused."""


@dataclass(frozen=True, slots=True)
class LoadReport:
    """What a load did: counts, and the problems of the job's inputs and of the parts read."""

    new: int = 0
    already_stored: int = 0
    near_duplicates: int = 0
    analysed: int = 0
    linked: int = 0
    parts: int = 0
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        """True when nothing failed."""
        return not any(p.severity == "error" for p in self.problems)


def load_results(
    folder: Path,
    *,
    store: Store,
    settings: Settings,
    link: bool = True,
    clock: Clock | None = None,
) -> LoadReport:
    """Merge a job's results under ``folder`` into ``store``, then link stories; report it.

    A folder without the job's manifest (a job that did not finish) is refused with a
    :class:`ConfigError`; a bad part of a finished job is a problem in the report.
    """
    manifest = _manifest(folder)
    now = clock or utc_now
    problems: list[Problem] = [
        Problem(p["path"], p["reason"], p.get("line"), p.get("severity", "error"))
        for p in manifest.get("problems", [])
    ]
    rows, parts, bad = _analysed_rows(folder / "analysed")
    problems.extend(bad)
    rows.sort(key=lambda r: (r["source_index"], r["record_index"]))
    near = NearDuplicateIndex.from_store_rows(
        store.iter_signatures(), threshold=settings.near_duplicate_threshold
    )
    versions = {r["version"] for r in rows if r["version"]}
    pending = {i for v in versions for i in store.articles_to_analyse(v)}
    counts = {"new": 0, "already_stored": 0, "near_duplicates": 0, "analysed": 0}
    for row in rows:
        try:
            article = from_json(Article, row["article"])
            analysis = from_json(Analysis, row["analysis"]) if row["analysis"] else None
        except SitroomError as exc:
            reason = f"bad record of article {row['article_id']}: {exc}"
            problems.append(Problem(row["part"], reason))
            continue
        if store.has_article(article.id):
            counts["already_stored"] += 1
            if analysis is None or article.id not in pending:
                continue
        else:
            # A page that does not tell its headline was given no signature: never folded.
            blob = row["signature"]
            signature = None if blob is None else NearDuplicateIndex.from_bytes(blob)
            article = replace(
                article,
                duplicate_of=None if signature is None else near.find(signature),
                ingested_at=utc_stamp(now()),
            )
            store.add_article(article, signature=blob)
            if signature is not None:
                near.add(article.id, signature, duplicate_of=article.duplicate_of)
            counts["new"] += 1
            counts["near_duplicates"] += article.duplicate_of is not None
        if analysis is not None:
            store.save_analysis(analysis, version=row["version"], analysed_at=utc_stamp(now()))
            counts["analysed"] += 1
    linked = 0
    if link:
        from sitroom.pipeline import link_pending, load_linker

        linked = link_pending(store, linker=load_linker())
    return LoadReport(**counts, linked=linked, parts=parts, problems=tuple(problems))


def _manifest(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    if not folder.is_dir():
        raise ConfigError(f"{folder}: no such folder of job results")
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(
            f"{path}: missing: the job did not finish (run it again before loading)"
        ) from exc
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{path}: unreadable job manifest: {exc}") from exc
    if manifest.get("format") != FORMAT_VERSION:
        raise ConfigError(
            f"{path}: job output format {manifest.get('format')!r}, this sitroom reads "
            f"{FORMAT_VERSION}"
        )
    return manifest


def _analysed_rows(table: Path) -> tuple[list[dict[str, Any]], int, list[Problem]]:
    """Every article row of the ``analysed`` table, the number of parts, the parts that failed."""
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ConfigError(
            "loading job results needs pyarrow: pip install 'sitroom[parquet]'"
        ) from exc
    if not table.is_dir():
        return [], 0, [Problem(str(table), "missing: the job wrote no analysed table")]
    rows: list[dict[str, Any]] = []
    problems: list[Problem] = []
    parts = 0
    for part in _parts(table):
        parts += 1
        try:
            found = pq.read_table(part).to_pylist()
        # pyarrow raises several types (OSError, ArrowInvalid, ...) for a damaged file.
        except Exception as exc:
            problems.append(Problem(str(part), f"unreadable Parquet part: {exc}"))
            continue
        for row in found:
            if row.get("kind") != "article" or not row.get("article"):
                continue
            rows.append({**row, "part": str(part)})
    return rows, parts, problems


def _parts(table: Path) -> Iterator[Path]:
    # Spark's own marker and checksum files (_SUCCESS, .crc) are not data.
    for path in sorted(table.rglob("*.parquet")):
        if not path.name.startswith(("_", ".")):
            yield path
