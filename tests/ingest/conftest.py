"""Fixtures for the ingest and cleaning tests: file writers, readers and the sample folder."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from sitroom.clean import CleaningRules, load_cleaning_rules
from sitroom.ingest import read_source
from sitroom.ingest.sources import kind_for
from sitroom.records import Metadata, Problem, RawDocument, Source

MAX_BYTES = 1_000_000
REPO = Path(__file__).resolve().parents[2]

Items = list[RawDocument | Problem]


@pytest.fixture(scope="session")
def rules() -> CleaningRules:
    """The default cleaning rules shipped with the package."""
    return load_cleaning_rules()


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write text (UTF-8) or bytes to a file under tmp_path and return its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def read() -> Callable[..., Items]:
    """Read a file (kind from its extension unless given) and return everything it yields."""

    def _read(
        path: Path | str,
        kind: str | None = None,
        *,
        max_bytes: int = MAX_BYTES,
        overrides: Metadata | None = None,
    ) -> Items:
        text = str(path)
        found = kind or kind_for(text)
        assert found is not None, f"no kind for {text}"
        return list(
            read_source(Source(text, found), max_bytes=max_bytes, overrides=overrides or Metadata())
        )

    return _read


def _docs(items: Items) -> list[RawDocument]:
    return [i for i in items if isinstance(i, RawDocument)]


def _problems(items: Items, severity: str | None = None) -> list[Problem]:
    return [
        i for i in items if isinstance(i, Problem) and (severity is None or i.severity == severity)
    ]


@pytest.fixture
def docs() -> Callable[[Items], list[RawDocument]]:
    """Pick the documents out of a reader's results."""
    return _docs


@pytest.fixture
def problems() -> Callable[..., list[Problem]]:
    """Pick the problems (optionally of one severity) out of a reader's results."""
    return _problems


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    """The shared sample reports (``$SITROOM_SAMPLES``, default ``<repo>/../shared/samples``)."""
    path = Path(os.environ.get("SITROOM_SAMPLES", str(REPO.parent / "shared" / "samples")))
    if not (path / "000_1bc93746fb71500d.txt").is_file():
        pytest.skip(f"sample reports not found in {path} (set SITROOM_SAMPLES)")
    return path
