"""The analysis stage: the spaCy model over a batch, then places, actors, dates and quotes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING

from sitroom.records import Analysis, Article
from sitroom.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from sitroom.actors import ActorDictionary
    from sitroom.dates import DateFinder
    from sitroom.events.lexicon import Lexicon
    from sitroom.places import Gazetteer
    from sitroom.quotes import CueLexicon

ANALYSIS_VERSION = "3"
"""Bump when the analysis changes what it finds: stored articles are then analysed again."""


class Analyser:
    """Runs the NLP model and the place, actor, date and quote stages over batches of articles."""

    def __init__(
        self,
        nlp: Language,
        *,
        gazetteer: Gazetteer,
        actors: ActorDictionary,
        dates: DateFinder,
        quote_cues: CueLexicon,
        events: Lexicon,
        batch_size: int = 64,
        rules_version: str = "",
    ) -> None:
        self.nlp = nlp
        self.gazetteer = gazetteer
        self.actors = actors
        self.dates = dates
        self.quote_cues = quote_cues
        self.events = events
        self.batch_size = batch_size
        self.rules_version = rules_version

    @property
    def version(self) -> str:
        """Names everything the results depend on: stored analyses of another version are redone."""
        meta = self.nlp.meta
        return (
            f"analysis={ANALYSIS_VERSION};model={meta.get('lang')}_{meta.get('name')}"
            f"-{meta.get('version')};gazetteer={self.gazetteer.version}"
            f";actors={self.actors.version};{self.dates.version};rules={self.rules_version}"
        )

    def analyse(self, articles: Sequence[Article]) -> Iterator[Analysis]:
        """Yield the analysis of each article, in order."""
        docs = self.nlp.pipe((a.text for a in articles), batch_size=self.batch_size)
        for article, doc in zip(articles, docs, strict=True):
            yield self.analyse_doc(article, doc)

    def analyse_doc(self, article: Article, doc: Doc) -> Analysis:
        """The analysis of one article whose text ``doc`` is, already parsed by :attr:`nlp`."""
        from sitroom.actors import find_actors
        from sitroom.events.assemble import assemble_events, link_quotes
        from sitroom.events.fatalities import find_casualties
        from sitroom.events.triggers import find_triggers
        from sitroom.places import resolve_places
        from sitroom.quotes import find_quotes

        published = date.fromisoformat(article.published) if article.published else None
        actors = find_actors(doc, self.actors, article_id=article.id, published=published)
        places = resolve_places(doc, self.gazetteer, article_id=article.id)
        dates = self.dates.find(doc, published=published, article_id=article.id)
        events = assemble_events(
            doc,
            find_triggers(doc, self.events),
            article=article,
            lexicon=self.events,
            places=places,
            actors=actors,
            dates=dates,
            casualties=find_casualties(doc, article_id=article.id),
        )
        quotes = find_quotes(doc, actors, article_id=article.id, cues=self.quote_cues)
        return Analysis(
            article_id=article.id,
            places=tuple(places),
            actors=tuple(actors),
            dates=tuple(dates),
            events=tuple(events),
            quotes=tuple(link_quotes(quotes, events)),
        )


def load_analyser(settings: Settings) -> Analyser:
    """Load the model, the gazetteer and the actor dictionary named by the settings."""
    from sitroom.actors import ActorDictionary
    from sitroom.dates import load_date_finder
    from sitroom.events.lexicon import load_lexicon
    from sitroom.nlp import build_pipeline, load_model
    from sitroom.places import Gazetteer
    from sitroom.quotes import load_cues

    gazetteer = Gazetteer.open()
    nlp = build_pipeline(load_model(settings.model), gazetteer=gazetteer)
    return Analyser(
        nlp,
        gazetteer=gazetteer,
        actors=ActorDictionary.load(settings.actors),
        dates=load_date_finder(),
        quote_cues=load_cues(),
        events=load_lexicon(),
        batch_size=settings.batch_size,
        rules_version=rules_digest(),
    )


RULE_FILES = (
    "events_triggers.tsv",
    "events_classes.tsv",
    "events_modality.tsv",
    "events_forms.tsv",
    "events_numbers.json",
    "quotes_cues.tsv",
)
"""Data files of the event and quote stages, which carry no version of their own."""


def rules_digest() -> str:
    """A short digest of the event and quote data files: editing one re-analyses the store."""
    import hashlib
    from importlib import resources

    digest = hashlib.sha256()
    folder = resources.files("sitroom.data")
    for name in RULE_FILES:
        digest.update(folder.joinpath(name).read_bytes())
    return digest.hexdigest()[:12]
