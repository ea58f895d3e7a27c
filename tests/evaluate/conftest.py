"""Fixtures of the evaluation harness tests: the real evaluation sets and hand-made tiny ones."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]

WriteSet = Callable[..., Path]


@pytest.fixture(scope="session")
def eval_root() -> Path:
    """The shared evaluation sets: $SITROOM_EVAL_DATA, else ../shared/eval beside the repo."""
    path = Path(os.environ.get("SITROOM_EVAL_DATA", REPO.parent / "shared" / "eval"))
    if not path.is_dir():
        pytest.skip(f"evaluation data folder {path} is absent (set SITROOM_EVAL_DATA)")
    return path


@pytest.fixture
def write_set(tmp_path: Path) -> WriteSet:
    """Write hand-made records as ``tmp/NAME/SPLIT.jsonl`` and return the data folder."""

    def write(name: str, records: Sequence[dict[str, Any] | str], split: str = "dev") -> Path:
        folder = tmp_path / "eval" / name
        folder.mkdir(parents=True, exist_ok=True)
        lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
        (folder / f"{split}.jsonl").write_text("".join(f"{line}\n" for line in lines), "utf-8")
        return tmp_path / "eval"

    return write
