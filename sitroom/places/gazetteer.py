"""The gazetteer: an indexed SQLite file of places, built once into the user's cache folder."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from sitroom.errors import ResourceError
from sitroom.places.build import ALIAS, ALTERNATE, BUILD_VERSION, NAME, build_index, index_file_name
from sitroom.places.normalise import loose_key, normalise_name
from sitroom.places.sources import Sources, WordLists, default_sources, load_words
from sitroom.records import GazetteerEntry

CACHE_ENV = "SITROOM_CACHE"
MAX_CANDIDATES = 60
"""Most entries one name can yield ("San Jose" has hundreds); the most prominent are kept."""
CACHE_SIZE = 20_000
"""Names whose lookups are remembered; the memo is emptied when it fills, bounding memory."""
MATCH_KINDS = {NAME: "name", ALIAS: "alias", ALTERNATE: "alternate"}
FEATURE_RANK = {"country": 0, "continent": 1, "province": 2, "region": 3}


class UnknownPlaceError(ResourceError):
    """No gazetteer entry has the given id."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One entry a name may refer to, with how the name matched and the facts ranking needs.

    ``match`` is ``name`` (the entry's own name), ``alias`` (a sitroom alias), ``alternate``
    (a GeoNames alternate name) or ``loose`` (a transliteration variant).
    """

    entry: GazetteerEntry
    match: str
    country2: str | None
    admin1_code: str | None
    capital: bool


def default_cache_dir() -> Path:
    """``$SITROOM_CACHE``, or the user's cache folder for sitroom."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_cache_dir("sitroom"))


class Gazetteer:
    """Read access to a built gazetteer index; open with :meth:`Gazetteer.open`."""

    def __init__(self, path: Path) -> None:
        """Open the index file at ``path`` (use :meth:`open` to build it when needed)."""
        try:
            self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            meta = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.Error as exc:
            raise ResourceError(f"cannot read the gazetteer index {path}: {exc}") from exc
        if meta.get("build_version") != str(BUILD_VERSION):
            raise ResourceError(f"gazetteer index {path} has build version "
                                f"{meta.get('build_version')}, not {BUILD_VERSION}")
        self.path = path
        self.fingerprint = meta.get("fingerprint", "")
        self.build_seconds: float | None = None
        self.data_dir: Path | None = None
        self._memo: dict[tuple[str, str], tuple[Candidate, ...]] = {}
        self._words: WordLists | None = None

    @classmethod
    def open(cls, cache_dir: Path | None = None, *, sources: Sources | None = None) -> Gazetteer:
        """Open the gazetteer in ``cache_dir`` (default: see default_cache_dir), building it first
        when it is missing or its sources or build version changed.

        Raises ResourceError when the sources cannot be read or the folder cannot be written.
        """
        sources = sources if sources is not None else default_sources()
        folder = cache_dir if cache_dir is not None else default_cache_dir()
        path = folder / index_file_name(sources)
        seconds = None
        if not path.is_file():
            try:
                seconds = build_index(path, sources)
            except OSError as exc:
                raise ResourceError(f"cannot build the gazetteer in {folder}: {exc}") from exc
        gazetteer = cls(path)
        gazetteer.build_seconds = seconds
        gazetteer.data_dir = sources.data_dir
        return gazetteer

    @property
    def words(self) -> WordLists:
        """The word lists that steer finding and resolving places, read once."""
        if self._words is None:
            self._words = load_words(self.data_dir)
        return self._words

    @property
    def version(self) -> str:
        """Names the index's build version and sources: results depend on nothing else."""
        return f"v{BUILD_VERSION}-{self.fingerprint}"

    def close(self) -> None:
        """Close the index file."""
        self._db.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def candidates(self, name: str) -> list[GazetteerEntry]:
        """The entries ``name`` may refer to, most prominent first; [] when none.

        Matching folds case, accents, apostrophes, hyphens and an "al-" prefix, and uses
        alternate names; a transliteration variant is tried when nothing else matches.
        """
        return [c.entry for c in self.lookup(name)]

    def lookup(self, name: str) -> tuple[Candidate, ...]:
        """Like :meth:`candidates`, with how each entry matched."""
        return self.lookup_key(normalise_name(name))

    def lookup_key(self, key: str, *, loose: bool = True) -> tuple[Candidate, ...]:
        """The candidates of an already normalised key (``loose``: try variants if none)."""
        memo_key = (key, "loose" if loose else "exact")
        found = self._memo.get(memo_key)
        if found is not None:
            return found
        if not key:
            return ()
        rows = self._db.execute(
            f"SELECT e.*, n.kind FROM names n JOIN entries e ON e.id = n.id WHERE n.key = ?"
            f" {_ORDER} LIMIT {MAX_CANDIDATES}",
            (key,),
        ).fetchall()
        result = tuple(_candidate(row, MATCH_KINDS[row[-1]]) for row in rows)
        if not result and loose:
            rows = self._db.execute(
                f"SELECT e.*, 3 FROM loose n JOIN entries e ON e.id = n.id WHERE n.key = ?"
                f" {_ORDER} LIMIT {MAX_CANDIDATES}",
                (loose_key(key),),
            ).fetchall()
            result = tuple(_candidate(row, "loose") for row in rows)
        if len(self._memo) >= CACHE_SIZE:
            self._memo.clear()
        self._memo[memo_key] = result
        return result

    def has_key(self, key: str) -> bool:
        """True when some entry has exactly this normalised name."""
        return bool(self.lookup_key(key, loose=False))

    def get(self, geonameid: int) -> GazetteerEntry:
        """The entry with this id; raises UnknownPlaceError when there is none."""
        row = self._db.execute("SELECT *, 0 FROM entries WHERE id = ?", (geonameid,)).fetchone()
        if row is None:
            raise UnknownPlaceError(f"no gazetteer entry has id {geonameid}")
        return _candidate(row, "name").entry

    def candidate(self, geonameid: int) -> Candidate:
        """The entry with this id with its ranking facts; raises UnknownPlaceError."""
        row = self._db.execute("SELECT *, 0 FROM entries WHERE id = ?", (geonameid,)).fetchone()
        if row is None:
            raise UnknownPlaceError(f"no gazetteer entry has id {geonameid}")
        return _candidate(row, "name")

    def demonym(self, word: str) -> tuple[Candidate, ...]:
        """The place a demonym or place adjective stands for ("Iraqi": Iraq); () if none."""
        key = normalise_name(word)
        memo_key = (key, "demonym")
        found = self._memo.get(memo_key)
        if found is None:
            rows = self._db.execute(
                "SELECT e.*, 0 FROM demonyms d JOIN entries e ON e.id = d.id WHERE d.key = ?",
                (key,),
            ).fetchall()
            found = tuple(_candidate(row, "demonym") for row in rows)
            if len(self._memo) >= CACHE_SIZE:
                self._memo.clear()
            self._memo[memo_key] = found
        return found

    def entries_in(
        self, country: str, *, features: Collection[str], min_population: int = 0
    ) -> list[GazetteerEntry]:
        """The entries of one country (ISO alpha-3) with these features, largest first."""
        marks = ", ".join("?" for _ in features)
        rows = self._db.execute(
            f"SELECT *, 0 FROM entries WHERE country = ? AND feature IN ({marks})"
            " AND population >= ? ORDER BY population DESC, id",
            (country, *features, min_population),
        ).fetchall()
        return [_candidate(row, "name").entry for row in rows]

    def country(self, code: str) -> Candidate:
        """The country entry of an ISO alpha-2 or alpha-3 code; raises UnknownPlaceError."""
        column = "country2" if len(code) == 2 else "country"
        row = self._db.execute(
            f"SELECT *, 0 FROM entries WHERE feature = 'country' AND {column} = ?", (code.upper(),)
        ).fetchone()
        if row is None:
            raise UnknownPlaceError(f"no country has the code {code!r}")
        return _candidate(row, "name")

    def size(self) -> dict[str, int]:
        """How many entries, names and demonyms the index holds (for reports)."""
        return {
            table: int(self._db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in ("entries", "names", "loose", "demonyms")
        }


_ORDER = (
    "ORDER BY CASE e.feature WHEN 'country' THEN 0 WHEN 'continent' THEN 1"
    " WHEN 'province' THEN 2 WHEN 'region' THEN 3 ELSE 4 END, e.population DESC, e.id"
)


def _candidate(row: tuple[object, ...], match: str) -> Candidate:
    """A candidate from an ``entries`` row (in column order) and its match kind."""
    (gid, name, lat, lon, country, country2, admin1_code, admin1, feature, population,
     capital, source) = row[:12]
    entry = GazetteerEntry(
        geonameid=int(str(gid)),
        name=str(name),
        lat=float(str(lat)),
        lon=float(str(lon)),
        country=None if country is None else str(country),
        admin1=None if admin1 is None else str(admin1),
        feature=str(feature),
        population=int(str(population)),
        source=str(source),
    )
    return Candidate(
        entry,
        match,
        None if country2 is None else str(country2),
        None if admin1_code is None else str(admin1_code),
        bool(capital),
    )
