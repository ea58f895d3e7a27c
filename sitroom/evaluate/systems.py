"""Builds the system under evaluation from sitroom's own stages, loading only what a task needs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitroom.evaluate.system import EvalSystem
from sitroom.settings import Settings

if TYPE_CHECKING:
    from sitroom.link.adapter import MentionReader, StoryClusterer

MEANTIME_ANNOTATED_LINES = 6
"""MEANTIME annotates each article's title, date line and first sentences only (lines 0-5)."""


def build_system(task: str, stage: str, settings: Settings) -> EvalSystem:
    """Return an :class:`EvalSystem` able to run ``task``, whose pipeline stage is ``stage``.

    A stage (or a task's adapter) sitroom does not have yet gives an empty system; the harness
    then says so.
    """
    if stage == "places":
        return _places_system(settings)
    if stage == "dates":
        return _dates_system(task, settings)
    if stage == "actors":
        return _actors_system(settings)
    if stage == "quotes":
        return _quotes_system(settings)
    if stage == "events" and task in ("case2021", "plover_gsr"):
        return _event_classifier_system(settings)
    if task == "wikievents":
        return _kairos_system(settings)
    if task == "gva":
        return _incident_system(settings)
    if stage == "stories":
        return _story_system(settings)
    return EvalSystem()


def _places_system(settings: Settings) -> EvalSystem:
    from sitroom.nlp import load_model
    from sitroom.places import Gazetteer, PlacesGeoparser, PlacesReference

    geoparser = PlacesGeoparser(load_model(settings.model), Gazetteer.open())
    return EvalSystem(geoparser=geoparser, place_reference=PlacesReference(geoparser))


def _dates_system(task: str, settings: Settings) -> EvalSystem:
    from sitroom.dates import load_date_finder
    from sitroom.dates.timex import DatesTimexTagger
    from sitroom.nlp import load_model

    lines = MEANTIME_ANNOTATED_LINES if task == "meantime" else None
    tagger = DatesTimexTagger(
        load_model(settings.model), finder=load_date_finder(), annotated_lines=lines
    )
    return EvalSystem(timex_tagger=tagger)


def _actors_system(settings: Settings) -> EvalSystem:
    from sitroom.actors import ActorDictionary, ActorReference
    from sitroom.nlp import load_model

    reference = ActorReference(load_model(settings.model), ActorDictionary.load(settings.actors))
    return EvalSystem(actor_reference=reference)


def _quotes_system(settings: Settings) -> EvalSystem:
    from sitroom.actors import ActorDictionary
    from sitroom.nlp import load_model
    from sitroom.quotes import QuotesExtractor

    extractor = QuotesExtractor(load_model(settings.model), ActorDictionary.load(settings.actors))
    return EvalSystem(quote_extractor=extractor)


def _event_classifier_system(settings: Settings) -> EvalSystem:
    from sitroom.events.classify import EventTypeClassifier
    from sitroom.events.lexicon import load_lexicon
    from sitroom.nlp import load_model

    return EvalSystem(
        event_classifier=EventTypeClassifier(load_model(settings.model), load_lexicon())
    )


def _incident_system(settings: Settings) -> EvalSystem:
    from sitroom.dates import load_date_finder
    from sitroom.events.incidents import GvaIncidentReader
    from sitroom.link.adapter import MentionReader
    from sitroom.nlp import build_pipeline, load_model
    from sitroom.places import Gazetteer

    gazetteer = Gazetteer.open()
    nlp = build_pipeline(load_model(settings.model), gazetteer=gazetteer)
    dates = load_date_finder()
    return EvalSystem(
        incident_reader=GvaIncidentReader(nlp, gazetteer, dates),
        document_clusterer=_story_clusterer(MentionReader(nlp, gazetteer, dates), settings),
    )


def _story_system(settings: Settings) -> EvalSystem:
    from sitroom.analyse import load_analyser
    from sitroom.link.adapter import EventCoreferencer, MentionReader

    analyser = load_analyser(settings)
    clusterer = _story_clusterer(
        MentionReader(analyser.nlp, analyser.gazetteer, analyser.dates), settings
    )
    return EvalSystem(
        document_clusterer=clusterer,
        event_coreferencer=EventCoreferencer(analyser, clusterer),
    )


def _story_clusterer(mentions: MentionReader, settings: Settings) -> StoryClusterer:
    from sitroom.clean import load_cleaning_rules
    from sitroom.link.adapter import StoryClusterer
    from sitroom.link.profiles import WordRarity

    return StoryClusterer(
        WordRarity(),
        mentions=mentions,
        cleaning=load_cleaning_rules(),
        near_duplicate_threshold=settings.near_duplicate_threshold,
    )


def _kairos_system(settings: Settings) -> EvalSystem:
    from sitroom.analyse import load_analyser
    from sitroom.events.kairos import load_kairos_extractor

    return EvalSystem(event_extractor=load_kairos_extractor(load_analyser(settings)))
