"""What the command modules share: exit codes and the options that name settings and the store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK = 0
EXIT_INPUT_FAILED = 1
EXIT_USAGE = 2


def config_option(func: F) -> F:
    """The ``--config`` option: the settings file."""
    return click.option(
        "--config",
        "config_file",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Settings file (TOML); default ./sitroom.toml when present, or $SITROOM_CONFIG.",
    )(func)


def store_options(func: F) -> F:
    """The ``--db`` and ``--config`` options: the store and the settings file."""
    return click.option(
        "--db",
        type=click.Path(dir_okay=False, path_type=Path),
        help="SQLite store file [default: ./sitroom.db, or $SITROOM_DB]; a PostgreSQL store is"
        " chosen by database_url ($SITROOM_DATABASE_URL) instead.",
    )(config_option(func))
