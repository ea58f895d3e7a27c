"""Shared fixtures: paths to the shared samples and eval data, stores, settings, resources.

The ``store`` fixture runs each test that uses it twice: on a SQLite file, and on a fresh schema of
the PostgreSQL server named by SITROOM_TEST_POSTGRES (marked ``postgres``). Without that server
the PostgreSQL variant skips, unless SITROOM_REQUIRE_POSTGRES=1 (as in CI) makes it a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitroom.analyse import Analyser, load_analyser
from sitroom.pipeline import Resources, load_resources
from sitroom.settings import Settings
from sitroom.store import Store, open_store

POSTGRES_VARIABLES = ("SITROOM_TEST_POSTGRES", "SITROOM_REQUIRE_POSTGRES")

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


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The URL of the PostgreSQL server for the tests (.ci/postgres.sh starts one)."""
    url = os.environ.get("SITROOM_TEST_POSTGRES", "")
    if not url:
        if os.environ.get("SITROOM_REQUIRE_POSTGRES") == "1":
            pytest.fail("SITROOM_REQUIRE_POSTGRES=1, but SITROOM_TEST_POSTGRES names no server")
        pytest.skip("no PostgreSQL server: set SITROOM_TEST_POSTGRES (see .ci/postgres.sh)")
    return url


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A URL of the test server whose search path is a fresh schema, dropped after the test."""
    import psycopg

    schema = f"test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in postgres_server else "?"
    try:
        yield f"{postgres_server}{separator}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(postgres_server, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_location(request: pytest.FixtureRequest, settings: Settings) -> str | Path:
    """Where a fresh store goes: a SQLite file, or (marked postgres) a PostgreSQL schema."""
    if request.param == "sqlite":
        return settings.db
    location: str = request.getfixturevalue("postgres_url")
    return location


@pytest.fixture
def store(store_location: str | Path) -> Iterator[Store]:
    """A fresh, migrated store, on each backend."""
    with open_store(store_location) as opened:
        yield opened


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> CliRunner:
    """A CLI runner working in a temporary folder, free of the caller's SITROOM_* settings."""
    for name in list(os.environ):
        kept = ("SITROOM_SAMPLES", "SITROOM_EVAL_DATA", *POSTGRES_VARIABLES)
        if name.startswith("SITROOM_") and name not in kept:
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return CliRunner()
