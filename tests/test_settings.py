"""Settings: defaults, then the file, then the environment, then flags."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitroom.errors import ConfigError
from sitroom.settings import Settings, load_settings


def test_defaults(tmp_path: Path) -> None:
    assert load_settings(environ={}, cwd=tmp_path) == Settings()


def test_file_then_env_then_flag(tmp_path: Path) -> None:
    (tmp_path / "sitroom.toml").write_text('[sitroom]\ndb = "file.db"\nmax_bytes = 1000\n')
    from_file = load_settings(environ={}, cwd=tmp_path)
    assert (from_file.db, from_file.max_bytes) == (Path("file.db"), 1000)
    from_env = load_settings(environ={"SITROOM_DB": "env.db"}, cwd=tmp_path)
    assert (from_env.db, from_env.max_bytes) == (Path("env.db"), 1000)
    assert from_env.replace(db=Path("flag.db"), max_bytes=None).db == Path("flag.db")


def test_bad_values_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="max_bytes"):
        load_settings(environ={"SITROOM_MAX_BYTES": "lots"}, cwd=tmp_path)
    (tmp_path / "sitroom.toml").write_text("colour = 'blue'\n")
    with pytest.raises(ConfigError, match="unknown setting"):
        load_settings(environ={}, cwd=tmp_path)
    (tmp_path / "sitroom.toml").write_text("not toml [")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_settings(environ={}, cwd=tmp_path)
    with pytest.raises(ConfigError, match="cannot read"):
        load_settings(config_file=tmp_path / "absent.toml", environ={})


def test_path_lists(tmp_path: Path) -> None:
    (tmp_path / "sitroom.toml").write_text('actors = ["a.tsv", "b.tsv"]\n')
    assert load_settings(environ={}, cwd=tmp_path).actors == (Path("a.tsv"), Path("b.tsv"))
    joined = f"x.tsv{os.pathsep}y.tsv"
    from_env = load_settings(environ={"SITROOM_ACTORS": joined}, cwd=tmp_path)
    assert from_env.actors == (Path("x.tsv"), Path("y.tsv"))
