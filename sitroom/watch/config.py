"""The limits and timings of watching feeds, from the settings."""

from __future__ import annotations

from dataclasses import dataclass

from sitroom.settings import Settings


@dataclass(frozen=True, slots=True)
class WatchConfig:
    """How often to poll, how long to wait, how much to read, and how to back off."""

    interval: float = 900.0
    """Seconds between the starts of two rounds."""
    timeout: float = 20.0
    """Seconds to connect, for each read, and for a whole answer."""
    max_bytes: int = 20 * 1024 * 1024
    """Largest feed or page read; a longer answer is abandoned as soon as it is past this."""
    max_redirects: int = 5
    backoff: float = 300.0
    """Seconds a feed is left alone after one failure; doubled for each further failure."""
    max_backoff: float = 86400.0
    contact: str = ""
    """Where site owners can reach the operator; sent in the User-Agent."""
    max_entry_attempts: int = 3
    """Polls that may find an entry and fail to ingest it before it is given up."""
    host_delay: float = 1.0
    """Seconds between two requests to one host (longer when its robots.txt asks)."""
    robots_ttl: float = 86400.0
    """Seconds a host's robots.txt is kept before it is fetched again."""

    @classmethod
    def from_settings(cls, settings: Settings, *, interval: float | None = None) -> WatchConfig:
        """The configuration the settings describe (``interval`` overrides theirs)."""
        return cls(
            interval=float(interval if interval is not None else settings.watch_interval),
            timeout=float(settings.watch_timeout),
            max_bytes=settings.max_bytes,
            max_redirects=settings.watch_max_redirects,
            backoff=float(settings.watch_backoff),
            max_backoff=float(settings.watch_max_backoff),
            contact=settings.watch_contact.strip(),
            host_delay=float(settings.watch_host_delay),
        )

    def backoff_after(self, failures: int) -> float:
        """Seconds to wait after ``failures`` failed polls in a row (0 after none)."""
        if failures <= 0:
            return 0.0
        # Capping the exponent first keeps 2 ** n finite however long a feed stays broken.
        return float(min(self.backoff * 2 ** min(failures - 1, 40), self.max_backoff))
