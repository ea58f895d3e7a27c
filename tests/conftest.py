"""Shared fixtures: paths to the shared samples and eval data, stores, settings, resources."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitroom.analyse import Analyser, load_analyser
from sitroom.pipeline import Resources, load_resources
from sitroom.settings import Settings
from sitroom.store import SQLiteStore

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    """The founding sample reports, beside the clone in ../shared/samples."""
    path = Path(os.environ.get("SITROOM_SAMPLES", REPO.parent / "shared" / "samples"))
    if not path.is_dir():
        pytest.skip(f"samples folder {path} is absent")
    return path


@pytest.fixture(scope="session")
def eval_dir() -> Path:
    """The evaluation sets, beside the clone in ../shared/eval."""
    path = Path(os.environ.get("SITROOM_EVAL_DATA", REPO.parent / "shared" / "eval"))
    if not path.is_dir():
        pytest.skip(f"eval folder {path} is absent")
    return path


@pytest.fixture(scope="session")
def analyser() -> Analyser:
    """The real analyser (spaCy model, gazetteer, actor dictionary, date finder), loaded once."""
    return load_analyser(Settings())


@pytest.fixture(scope="session")
def resources() -> Resources:
    """The ingestion resources, built once for the whole session."""
    return load_resources()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Default settings with the store in a temporary folder."""
    return Settings(db=tmp_path / "sitroom.db")


@pytest.fixture
def store(settings: Settings) -> Iterator[SQLiteStore]:
    """A fresh, migrated store."""
    with SQLiteStore.open(settings.db) as opened:
        yield opened


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> CliRunner:
    """A CLI runner working in a temporary folder, free of the caller's SITROOM_* settings."""
    for name in list(os.environ):
        if name.startswith("SITROOM_") and name not in ("SITROOM_SAMPLES", "SITROOM_EVAL_DATA"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return CliRunner()
