"""The evaluation adapter: story linking behind the harness's DocumentClusterer protocol."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sitroom.clean import CleaningRules, clean_text, clean_title
from sitroom.evaluate.system import DocumentText, MentionRef
from sitroom.link.merge import MergeConfig
from sitroom.link.profiles import ProfileConfig, WordRarity, build_profile, parse_day
from sitroom.link.stories import LinkConfig, link_stories
from sitroom.records import Article, DateMention, Metadata

if TYPE_CHECKING:
    from spacy.language import Language

    from sitroom.analyse import Analyser
    from sitroom.dates import DateFinder
    from sitroom.places import Gazetteer


@dataclass(frozen=True, slots=True)
class MentionReader:
    """Finds what profiles weigh beside words: the model, gazetteer and (optional) date finder."""

    nlp: Language
    gazetteer: Gazetteer
    dates: DateFinder | None = None

    def read(self, articles: Sequence[Article]) -> list[ArticleMentions]:
        """Each article's resolved places ``(geonameid, feature)`` and the ISO days it names."""
        from sitroom.places import resolve_places

        out = []
        for article, doc in zip(
            articles, self.nlp.pipe([a.text for a in articles], batch_size=32), strict=True
        ):
            places = [
                (p.entry.geonameid, p.entry.feature)
                for p in resolve_places(doc, self.gazetteer, article_id=article.id)
                if p.entry is not None
            ]
            published = parse_day(article.published)
            days = (
                []
                if self.dates is None
                else _days(self.dates.find(doc, published=published, article_id=article.id))
            )
            out.append(ArticleMentions(places, days))
        return out


@dataclass(frozen=True, slots=True)
class ArticleMentions:
    """What :class:`MentionReader` found in one article."""

    places: list[tuple[int, str]]
    days: list[str]


def _days(dates: Iterable[DateMention]) -> list[str]:
    """The ISO days of the date mentions resolved to a single day."""
    return [d.start_date for d in dates if d.precision == "day" and d.start_date]


@dataclass(frozen=True, slots=True)
class StoryClusterer:
    """Links a set of documents into stories as ``sitroom run`` would, oldest first."""

    rarity: WordRarity
    mentions: MentionReader | None = None
    profile_config: ProfileConfig = field(default_factory=ProfileConfig)
    link_config: LinkConfig = field(default_factory=LinkConfig)
    cleaning: CleaningRules | None = None
    """Debris rules applied to each document first, as the clean stage of ``sitroom run`` does."""
    near_duplicate_threshold: float | None = None
    """With a threshold, near-duplicates (in document order, as ingested) are one story's copies,
    as in ``sitroom run``."""

    def cluster(self, documents: Sequence[DocumentText]) -> Mapping[str, str]:
        """Return the story id of each document."""
        articles = [self._article(d) for d in documents]
        copies: dict[str, str] = {}
        if self.near_duplicate_threshold is not None:
            from sitroom.dedupe import NearDuplicateIndex

            index = NearDuplicateIndex(threshold=self.near_duplicate_threshold, rarity=self.rarity)
            for article in articles:
                checked, signature = index.check(article)
                if signature is not None:
                    index.add(article.id, signature, duplicate_of=checked.duplicate_of)
                if checked.duplicate_of is not None:
                    copies[article.id] = checked.duplicate_of
        found = (
            self.mentions.read(articles)
            if self.mentions is not None
            else [ArticleMentions([], []) for _ in articles]
        )
        profiles = [
            build_profile(
                a, self.rarity, places=m.places, days=m.days, config=self.profile_config
            )
            for a, m in zip(articles, found, strict=True)
        ]
        links = link_stories(profiles, copies=copies, config=self.link_config)
        return {s.article_id: s.story_id for s in links}

    def _article(self, document: DocumentText) -> Article:
        text, title = document.text, document.title
        if self.cleaning is not None:
            title = clean_title(title, rules=self.cleaning)
            text, title = clean_text(text, rules=self.cleaning, title=title)
        published = document.published[:10] if document.published else None
        return Article(document.doc_id, text, document.text,
                       Metadata(title=title, published=published), "eval")


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
