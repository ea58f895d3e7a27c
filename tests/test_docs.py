"""Tests that keep the README true: Quick start, commands, dependencies, data files."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import click

from sitroom.cli import main

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def quickstart() -> list[str]:
    done = subprocess.run(
        [sys.executable, str(REPO / ".ci" / "quickstart.py")],
        capture_output=True, text=True, check=True,
    )
    return done.stdout.splitlines()


def test_quickstart_has_two_commands() -> None:
    setup, tests = quickstart()
    assert ".venv" in setup
    assert "pip install" in setup
    assert "sitroom run ../shared/samples" in setup
    assert "pytest" in tests
    assert "ruff" in tests
    assert "mypy" in tests


def test_ci_runs_the_quickstart() -> None:
    script = (REPO / ".ci" / "run").read_text()
    assert "quickstart.py" in script


def test_every_command_is_documented() -> None:
    assert isinstance(main, click.Group)
    for name in main.commands:
        assert f"sitroom {name}" in README, f"README does not document `sitroom {name}`"


def test_every_dependency_is_explained() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    deps = project["dependencies"] + project["optional-dependencies"]["dev"]
    for requirement in deps:
        name = re.split(r"[<>=\[ ]", requirement, maxsplit=1)[0]
        assert f"`{name}`" in README, f"README does not say why {name} is a dependency"


def test_every_data_file_is_documented() -> None:
    data_readme = (REPO / "sitroom" / "data" / "README.md").read_text(encoding="utf-8")
    for path in (REPO / "sitroom" / "data").iterdir():
        if path.name not in ("README.md", "__init__.py") and not path.name.startswith("."):
            assert path.name in data_readme, f"sitroom/data/README.md does not describe {path.name}"
