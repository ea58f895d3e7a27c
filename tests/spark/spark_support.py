"""Helpers of the Spark suite: the short articles of its corpus, the skip rule, the job's record."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

SHORT = [
    {
        "title": "Car bomb kills nine in Baghdad market",
        "published": "2014-06-18",
        "outlet": "Test Wire",
        "text": "A car bomb exploded in a crowded market in Baghdad on Tuesday, killing nine "
        "people and wounding at least twenty, police officials said. No group claimed the "
        "attack, which came as Iraqi forces fought insurgents north of the capital.",
    },
    {
        "title": "Nine killed as car bomb hits Baghdad market",
        "published": "2014-06-18",
        "outlet": "Other Paper",
        "text": "A car bomb exploded in a crowded market in Baghdad on Tuesday, killing nine "
        "people and wounding at least twenty, police officials said. No group claimed the "
        "attack, which came as Iraqi forces fought insurgents north of the capital city.",
    },
    {
        "title": "Floods close schools in Dhaka",
        "published": "2014-08-02",
        "text": "Heavy monsoon rain flooded much of Dhaka on Saturday, and the city closed its "
        "schools for two days. The government said three people drowned in the capital.",
    },
    {
        "title": "Sans date",
        "text": "Les pluies ont inondé plusieurs quartiers de la ville samedi, et les écoles "
        "resteront fermées lundi, selon la mairie.",
    },
    {
        "title": "Minister visits Mosul",
        "text": "The defence minister visited Mosul on Monday and met army commanders, his "
        "office said in a statement.",
    },
]


def require_spark() -> None:
    """Skip without pyspark (or Java); fail instead when SITROOM_REQUIRE_SPARK=1 (as in CI)."""
    reason = ""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        reason = "pyspark is not installed: pip install -e '.[spark]'"
    if not reason and shutil.which("java") is None:
        reason = "Spark needs Java on PATH"
    if not reason:
        return
    if os.environ.get("SITROOM_REQUIRE_SPARK") == "1":
        pytest.fail(f"SITROOM_REQUIRE_SPARK=1 but {reason}")
    pytest.skip(reason)


@dataclass(frozen=True, slots=True)
class Job:
    """The corpus, the job's output and report, and the marker of the worker it killed."""

    inputs: list[str]
    out: Path
    report: Any
    crash_marker: Path
    bad_json: Path
    empty: Path
    missing: Path
