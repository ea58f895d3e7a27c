"""The time stamps sitroom stores (ingested_at, analysed_at, feed state): UTC, to the second."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]
"""Gives the current time; passed in so that tests can fix it."""


def utc_now() -> datetime:
    """The current time, in UTC."""
    return datetime.now(UTC)


def utc_stamp(moment: datetime) -> str:
    """``moment`` as sitroom stores times: ``YYYY-MM-DDTHH:MM:SSZ``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
