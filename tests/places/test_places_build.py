"""Building the gazetteer index: once, atomically, and again when its sources change."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from sitroom.errors import ResourceError
from sitroom.places import build, gazetteer
from sitroom.places.gazetteer import Gazetteer, UnknownPlaceError, default_cache_dir
from sitroom.places.sources import ADMIN1_FILE, SUPPLEMENT_FILE, Sources, read_supplement


def _indexes(folder: Path) -> list[Path]:
    return sorted(folder.glob("gazetteer-v*.sqlite"))


def test_builds_once_then_reuses(tiny_sources: Sources, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    with Gazetteer.open(cache, sources=tiny_sources) as first:
        assert first.build_seconds is not None
        assert [e.name for e in first.candidates("Riverton")] == ["Riverton", "Riverton"]
    with Gazetteer.open(cache, sources=tiny_sources) as second:
        assert second.build_seconds is None
        assert second.path == first.path
    assert len(_indexes(cache)) == 1
    assert not list(cache.glob("*.tmp"))


def test_tiny_build_contents(tiny_sources: Sources, tmp_path: Path) -> None:
    with Gazetteer.open(tmp_path, sources=tiny_sources) as g:
        province = g.candidates("N.P.")[0]
        assert (province.name, province.feature, province.country) == (
            "North Province", "province", "AAA")
        assert g.candidates("Hill Ford")[0].admin1 is None
        assert g.candidates("Rivertown")[0].admin1 == "North Province"
        assert g.candidates("Alpha")[0].feature == "country"
        assert g.candidates("Little Crk")[0].source.startswith("sitroom")
        assert g.candidates("Middleworld")[0].feature == "continent"
        assert [c.entry.name for c in g.demonym("Alphans")] == ["Aland Alpha"]
        assert g.candidates("РВТ") == []  # other scripts are not indexed
        assert g.get(4).name == "Portmere"
        assert g.candidate(4).capital
        with pytest.raises(UnknownPlaceError):
            g.get(999)


def test_rebuilds_when_a_source_changes(tiny_sources: Sources, tmp_path: Path) -> None:
    with Gazetteer.open(tmp_path, sources=tiny_sources) as g:
        old = g.path
        assert g.candidates("Dry Gulch") == []
    supplement = tiny_sources.data_dir / SUPPLEMENT_FILE
    supplement.write_text(
        supplement.read_text(encoding="utf-8")
        + "Dry Gulch\t\t1.0\t2.0\tBB\t\ttown\t0\t\ttest\n",
        encoding="utf-8",
    )
    stat = supplement.stat()
    os.utime(supplement, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    with Gazetteer.open(tmp_path, sources=tiny_sources) as g:
        assert g.build_seconds is not None
        assert g.path != old
        assert g.candidates("Dry Gulch")[0].country == "BBB"
    assert _indexes(tmp_path) == [g.path]  # the stale index is removed


def test_rebuilds_when_the_build_version_changes(
    tiny_sources: Sources, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Gazetteer.open(tmp_path, sources=tiny_sources) as g:
        old = g.path
    monkeypatch.setattr(build, "BUILD_VERSION", build.BUILD_VERSION + 1)
    monkeypatch.setattr(gazetteer, "BUILD_VERSION", build.BUILD_VERSION)
    with Gazetteer.open(tmp_path, sources=tiny_sources) as g:
        assert g.build_seconds is not None
        assert g.path != old
        assert f"-v{build.BUILD_VERSION}-" in g.path.name


def test_a_failed_build_leaves_no_file(
    tiny_sources: Sources, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = build._write

    def write_then_die(path: Path, *args: object) -> None:
        real_write(path, *args)  # type: ignore[arg-type]
        assert path.stat().st_size > 0  # a complete file under the temporary name...
        raise KeyboardInterrupt  # ...and the process stops before the rename

    monkeypatch.setattr(build, "_write", write_then_die)
    cache = tmp_path / "cache"
    with pytest.raises(KeyboardInterrupt):
        Gazetteer.open(cache, sources=tiny_sources)
    assert list(cache.iterdir()) == []


def test_a_killed_build_is_cleaned_up_later(tiny_sources: Sources, tmp_path: Path) -> None:
    dead = tmp_path / ".gazetteer-dead.tmp"
    dead.write_bytes(b"half a file")
    old = time.time() - 2 * build.STALE_TEMP_SECONDS
    os.utime(dead, (old, old))
    running = tmp_path / ".gazetteer-running.tmp"
    running.write_bytes(b"another build in progress")
    Gazetteer.open(tmp_path, sources=tiny_sources).close()
    assert not dead.exists()
    assert running.exists()


def test_malformed_data_is_reported(tiny_sources: Sources, tmp_path: Path) -> None:
    (tiny_sources.data_dir / ADMIN1_FILE).write_text(
        "country\tname\taliases\tref_city\tsource\nAA\tNowhere\t\tAtlantis\ttest\n",
        encoding="utf-8",
    )
    with pytest.raises(ResourceError, match="Atlantis"):
        Gazetteer.open(tmp_path, sources=tiny_sources)
    assert not _indexes(tmp_path)


def test_missing_source_is_reported(tiny_sources: Sources, tmp_path: Path) -> None:
    (tiny_sources.geonames_dir / "countries.json").unlink()
    with pytest.raises(ResourceError, match=r"countries\.json"):
        Gazetteer.open(tmp_path, sources=tiny_sources)


def test_supplement_rows_need_a_source(data_copy: Path) -> None:
    path = data_copy / SUPPLEMENT_FILE
    rows = read_supplement(path)
    assert any(r.name == "Saqlawiya" and r.country == "IQ" for r in rows)
    assert all(r.source for r in rows)
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(text.rsplit("\t", 1)[0] + "\t \n", encoding="utf-8")
    with pytest.raises(ResourceError, match="source"):
        read_supplement(path)


def test_cache_dir_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SITROOM_CACHE", str(tmp_path))
    assert default_cache_dir() == tmp_path
    monkeypatch.delenv("SITROOM_CACHE")
    assert default_cache_dir().name.lower() == "sitroom"
