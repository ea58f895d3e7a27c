"""Places: the gazetteer, the spaCy toponym component and toponym resolution.

Importing this package loads nothing heavy: the gazetteer index is built or opened by
``Gazetteer.open()``, and spaCy is imported only by ``sitroom.places.component`` (through
``add_toponym_component``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitroom.places.gazetteer import Candidate, Gazetteer, UnknownPlaceError, default_cache_dir
from sitroom.places.geoparser import PlacesGeoparser, PlacesReference
from sitroom.places.normalise import normalise_name
from sitroom.places.resolve import (
    ResolvedPlace,
    ResolveOptions,
    resolve_places,
    resolve_places_detailed,
)
from sitroom.places.sources import Sources, default_sources

if TYPE_CHECKING:
    from spacy.language import Language


def add_toponym_component(nlp: Language, gazetteer: Gazetteer) -> None:
    """Add the ``sitroom_toponyms`` component after ``ner`` and give it ``gazetteer``."""
    from sitroom.places.component import add_toponym_component as add

    add(nlp, gazetteer)


__all__ = [
    "Candidate",
    "Gazetteer",
    "PlacesGeoparser",
    "PlacesReference",
    "ResolveOptions",
    "ResolvedPlace",
    "Sources",
    "UnknownPlaceError",
    "add_toponym_component",
    "default_cache_dir",
    "default_sources",
    "normalise_name",
    "resolve_places",
    "resolve_places_detailed",
]
