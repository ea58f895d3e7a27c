"""The evaluation adapter: story linking behind the harness's DocumentClusterer protocol."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sitroom.evaluate.system import DocumentText, MentionRef
from sitroom.link.merge import MergeConfig
from sitroom.link.profiles import ProfileConfig, WordRarity, build_profile
from sitroom.link.stories import LinkConfig, link_stories
from sitroom.records import Article, Metadata

if TYPE_CHECKING:
    from spacy.language import Language

    from sitroom.analyse import Analyser
    from sitroom.places import Gazetteer


@dataclass(frozen=True, slots=True)
class PlaceReader:
    """Finds the resolved places of texts: the model with its toponym component, the gazetteer."""

    nlp: Language
    gazetteer: Gazetteer

    def places(self, texts: Sequence[str]) -> list[list[tuple[int, str]]]:
        """The ``(geonameid, feature)`` of the resolved place mentions of each text."""
        from sitroom.places import resolve_places

        return [
            [
                (p.entry.geonameid, p.entry.feature)
                for p in resolve_places(doc, self.gazetteer, article_id="eval")
                if p.entry is not None
            ]
            for doc in self.nlp.pipe(texts, batch_size=32)
        ]


@dataclass(frozen=True, slots=True)
class StoryClusterer:
    """Links a set of documents into stories as ``sitroom run`` would, oldest first."""

    rarity: WordRarity
    places: PlaceReader | None = None
    profile_config: ProfileConfig = field(default_factory=ProfileConfig)
    link_config: LinkConfig = field(default_factory=LinkConfig)

    def cluster(self, documents: Sequence[DocumentText]) -> Mapping[str, str]:
        """Return the story id of each document."""
        articles = [
            Article(
                d.doc_id,
                d.text,
                d.text,
                Metadata(title=d.title, published=d.published[:10] if d.published else None),
                "eval",
            )
            for d in documents
        ]
        mentions = (
            self.places.places([a.text for a in articles])
            if self.places is not None
            else [[] for _ in articles]
        )
        profiles = [
            build_profile(a, self.rarity, places=m, config=self.profile_config)
            for a, m in zip(articles, mentions, strict=True)
        ]
        return {s.article_id: s.story_id for s in link_stories(profiles, config=self.link_config)}


@dataclass(frozen=True, slots=True)
class EventCoreferencer:
    """Finds events in each document, links the documents into stories, merges their events.

    The harness's view of the link stage end to end: each merged event is one cluster of
    trigger mentions; an event found in one document only is a singleton.
    """

    analyser: Analyser
    clusterer: StoryClusterer
    merge_config: MergeConfig = field(default_factory=MergeConfig)

    def corefer_events(self, documents: Sequence[DocumentText]) -> list[list[MentionRef]]:
        """Return clusters of event trigger mentions over ``documents``."""
        from sitroom.link.merge import merge_events
        from sitroom.link.profiles import sentence_similarity

        stories = self.clusterer.cluster(documents)
        events: dict[str, list[dict[str, Any]]] = {}
        for d in documents:
            article = Article(d.doc_id, d.text, d.text, Metadata(published=d.published), "eval")
            analysis = self.analyser.analyse_doc(article, self.analyser.nlp(d.text))
            events[d.doc_id] = [e.to_record() for e in analysis.events if e.trigger is not None]
        similarity = sentence_similarity(self.clusterer.rarity)
        clusters: list[list[MentionRef]] = []
        for story in sorted(set(stories.values())):
            members = [d.doc_id for d in documents if stories.get(d.doc_id) == story]
            merged = merge_events(
                [e for doc_id in members for e in events[doc_id]],
                story_id=story,
                canonical={},
                similarity=similarity,
                config=self.merge_config,
            )
            by_id = {e["id"]: e for doc_id in members for e in events[doc_id]}
            for event in merged:
                clusters.append(
                    [
                        MentionRef(
                            by_id[m]["trigger"]["article_id"],
                            by_id[m]["trigger"]["start"],
                            by_id[m]["trigger"]["end"],
                        )
                        for m in event["mentions"]
                    ]
                )
        return clusters
