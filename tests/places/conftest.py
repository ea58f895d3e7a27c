"""Fixtures of the places tests: the gazetteer built once per session, the model, tiny sources.

The real gazetteer is built into a temporary folder once per test session (about 20 s); set
``SITROOM_CACHE`` to a folder that already holds a current build to reuse it.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitroom.places.gazetteer import CACHE_ENV, Gazetteer
from sitroom.places.sources import DATA_FILES, Sources, default_sources


@pytest.fixture(scope="session")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gazetteer]:
    """The real gazetteer (GeoNames cities500 and sitroom's data files)."""
    configured = os.environ.get(CACHE_ENV)
    folder = Path(configured) if configured else tmp_path_factory.mktemp("gazetteer")
    opened = Gazetteer.open(folder)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def nlp(gazetteer: Gazetteer) -> Any:
    """The spaCy model with the toponym component, loaded once."""
    from sitroom.nlp import load_model
    from sitroom.places.component import add_toponym_component

    model = load_model()
    add_toponym_component(model, gazetteer)
    return model


@pytest.fixture(scope="session")
def geoparser(nlp: Any, gazetteer: Gazetteer) -> Any:
    """The evaluation adapter over the session's model and gazetteer."""
    from sitroom.places.geoparser import PlacesGeoparser

    return PlacesGeoparser(nlp, gazetteer)


def _city(gid: int, name: str, *, at: tuple[float, float], cc: str, admin1: str,
          population: int, alternates: list[str]) -> dict[str, Any]:
    return {"geonameid": gid, "name": name, "latitude": at[0], "longitude": at[1],
            "countrycode": cc, "population": population, "timezone": "", "admin1code": admin1,
            "alternatenames": alternates}


TINY_CITIES = [
    _city(1, "Riverton", at=(10.0, 20.0), cc="AA", admin1="01", population=50000,
          alternates=["Riverton", "Rivertown", "РВТ"]),
    _city(2, "Hillford", at=(11.0, 21.0), cc="AA", admin1="02", population=2000,
          alternates=["Hill Ford"]),
    _city(3, "Riverton", at=(-5.0, -5.0), cc="BB", admin1="07", population=900, alternates=[]),
    _city(4, "Portmere", at=(-6.0, -6.0), cc="BB", admin1="07", population=120000,
          alternates=[]),
]
TINY_COUNTRIES = {
    "AA": {"geonameid": 100, "name": "Aland Alpha", "iso": "AA", "iso3": "AAA",
           "capital": "Riverton", "population": 1000000},
    "BB": {"geonameid": 200, "name": "Betaland", "iso": "BB", "iso3": "BBB",
           "capital": "Portmere", "population": 2000000},
}
TINY_CONTINENTS = {"XX": {"geonameId": 300, "name": "Middleworld", "lat": 0.0, "lng": 0.0,
                          "population": 5, "alternateNames": []}}
TINY_DATA = {
    "gazetteer_supplement.tsv": "name\talternate_names\tlat\tlon\tcountry\tadmin1\tfeature\t"
    "population\tgeonameid\tsource\nLittle Creek\tLittle Crk\t10.5\t20.5\tAA\t\ttown\t0\t\ttest\n",
    "places_admin1.tsv": "country\tname\taliases\tref_city\tsource\n"
    "AA\tNorth Province\tN.P.\tRiverton\ttest\n",
    "places_aliases.tsv": "alias\ttarget\tsource\nAlpha\tcountry:AA\ttest\n",
    "places_demonyms.tsv": "forms\ttarget\tsource\nAlphan|Alphans\tcountry:AA\ttest\n",
    "places_words.tsv": "kind\tword\tsource\nstop\tmarch\ttest\n",
}


@pytest.fixture
def tiny_sources(tmp_path: Path) -> Sources:
    """A hand-made miniature of every source, quick to build (tests of the build itself)."""
    geonames = tmp_path / "geonames"
    data = tmp_path / "data"
    geonames.mkdir()
    data.mkdir()
    (geonames / "cities500.json").write_text(
        json.dumps({str(c["geonameid"]): c for c in TINY_CITIES}), encoding="utf-8"
    )
    (geonames / "countries.json").write_text(json.dumps(TINY_COUNTRIES), encoding="utf-8")
    (geonames / "continents.json").write_text(json.dumps(TINY_CONTINENTS), encoding="utf-8")
    (geonames / "us_states.json").write_text("{}", encoding="utf-8")
    for name in DATA_FILES:
        (data / name).write_text(TINY_DATA[name], encoding="utf-8")
    return Sources(geonames_dir=geonames, data_dir=data)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of sitroom's packaged place data files, to break on purpose."""
    target = tmp_path / "data_copy"
    target.mkdir()
    for name in DATA_FILES:
        shutil.copy(default_sources().data_dir / name, target / name)
    return target
