"""The pipeline: the stages in order, from input paths to the store. It does nothing else."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import BinaryIO, Protocol

from sitroom.analyse import Analyser, load_analyser
from sitroom.clean import CleaningRules, clean_document, load_cleaning_rules
from sitroom.clock import Clock, utc_now, utc_stamp
from sitroom.dedupe import NearDuplicateIndex
from sitroom.errors import IngestError
from sitroom.ingest import discover, read_source
from sitroom.language import LanguageDetector, is_english, mark_language
from sitroom.link.merge import MergeConfig
from sitroom.link.profiles import (
    ProfileConfig,
    WordRarity,
    build_profile,
    parse_day,
    sentence_similarity,
)
from sitroom.link.stories import LinkConfig, StoryIndex, around
from sitroom.link.summary import merged_story
from sitroom.records import Metadata, Problem, RawDocument, RunReport, Skipped
from sitroom.settings import Settings
from sitroom.store import Store
from sitroom.store.links import LinkStore


@dataclass(frozen=True, slots=True)
class Resources:
    """The heavy, reusable things stages need, built once and passed in."""

    cleaning_rules: CleaningRules
    language_detector: LanguageDetector
    rarity: WordRarity
    """Word rarities: a page whose text does not tell its headline is not folded as a copy."""


def load_resources() -> Resources:
    """Build the resources the ingestion stages need."""
    return Resources(
        cleaning_rules=load_cleaning_rules(),
        language_detector=LanguageDetector(),
        rarity=WordRarity(),
    )


LINK_CHUNK = 1000
"""Articles read from the store at a time by the link stage."""


@dataclass(frozen=True, slots=True)
class Linker:
    """What the link stage needs: word rarities and the linking and merging rules."""

    rarity: WordRarity
    profile: ProfileConfig = field(default_factory=ProfileConfig)
    link: LinkConfig = field(default_factory=LinkConfig)
    merge: MergeConfig = field(default_factory=MergeConfig)


def load_linker() -> Linker:
    """The linker ``sitroom run`` uses."""
    return Linker(WordRarity())


class Progress(Protocol):
    """Receives the progress of one step of a batch (reading sources, analysing articles)."""

    def start(self, total: int, *, label: str) -> None:
        """Called when a step begins, with the number of items it will process."""

    def advance(self, count: int = 1) -> None:
        """Called as items are done."""

    def finish(self) -> None:
        """Called when the step is over."""


def ingest(
    paths: Sequence[str],
    *,
    store: Store,
    settings: Settings,
    resources: Resources | None = None,
    overrides: Metadata | None = None,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
    clock: Clock | None = None,
) -> RunReport:
    """Read, clean, mark the language of, fold duplicates of and store every article in ``paths``.

    Problems with single inputs are collected in the report, never raised; the rest goes on.
    Each article is stored in its own transaction, so an interrupted batch can simply be run again.
    """
    sources, found = discover(paths)

    def items() -> Iterator[RawDocument | Problem | Skipped]:
        yield from found
        for source in sources:
            yield from read_source(
                source,
                max_bytes=settings.max_bytes,
                max_warc_bytes=settings.max_warc_bytes,
                overrides=overrides or Metadata(),
                stdin=stdin,
            )
            if progress is not None:
                progress.advance()

    if progress is not None:
        progress.start(len(sources), label="ingesting")
    report = ingest_documents(
        items(), store=store, settings=settings, resources=resources, clock=clock
    )
    if progress is not None:
        progress.finish()
    return report


def ingest_documents(
    items: Iterable[RawDocument | Problem | Skipped],
    *,
    store: Store,
    settings: Settings,
    resources: Resources | None = None,
    clock: Clock | None = None,
) -> RunReport:
    """Clean, mark the language of, fold duplicates of and store documents already read.

    The second half of :func:`ingest`, for readers of other sources (``sitroom watch``):
    problems are collected in the report, and each article is stored in its own transaction.
    """
    res = resources or load_resources()
    now = clock or utc_now
    near_duplicates = NearDuplicateIndex.from_store_rows(
        store.iter_signatures(), threshold=settings.near_duplicate_threshold, rarity=res.rarity
    )
    found: list[Problem] = []
    counts = {"new": 0, "already_stored": 0, "near_duplicates": 0, "not_english": 0, "skipped": 0}
    for item in items:
        if isinstance(item, Problem):
            found.append(item)
            continue
        if isinstance(item, Skipped):
            counts["skipped"] += 1
            continue
        try:
            article = clean_document(item, rules=res.cleaning_rules, rarity=res.rarity)
        except IngestError as exc:
            found.append(Problem(exc.path, exc.reason, exc.line))
            continue
        if store.has_article(article.id):
            counts["already_stored"] += 1
            continue
        article = mark_language(article, res.language_detector)
        article, signature = near_duplicates.check(article)
        article = dataclasses.replace(article, ingested_at=utc_stamp(now()))
        if signature is None:
            store.add_article(article)
        else:
            store.add_article(article, signature=near_duplicates.to_bytes(signature))
            near_duplicates.add(article.id, signature, duplicate_of=article.duplicate_of)
        counts["new"] += 1
        counts["near_duplicates"] += article.duplicate_of is not None
        counts["not_english"] += not is_english(article)
    return RunReport(problems=tuple(found), **counts)


def analyse_pending(
    store: Store,
    *,
    analyser: Analyser,
    progress: Progress | None = None,
    clock: Clock | None = None,
) -> int:
    """Analyse every stored English article not yet analysed by this analyser; return how many.

    Each article's results are stored in one transaction, so an interrupted run resumes here.
    """
    now = clock or utc_now
    pending = store.articles_to_analyse(analyser.version)
    if progress is not None:
        progress.start(len(pending), label="analysing")
    for first in range(0, len(pending), analyser.batch_size):
        batch = [store.get_article(i) for i in pending[first : first + analyser.batch_size]]
        for analysis in analyser.analyse(batch):
            store.save_analysis(analysis, version=analyser.version, analysed_at=utc_stamp(now()))
            if progress is not None:
                progress.advance()
    if progress is not None:
        progress.finish()
    return len(pending)


def link_pending(store: Store, *, linker: Linker, progress: Progress | None = None) -> int:
    """Link every analysed article not yet in a story, then rebuild the stories that changed.

    Each link is stored in one transaction, and each rebuilt story (its record and merged
    events) in another, so an interrupted run resumes here. Return how many were linked.
    """
    links = LinkStore(store)
    pending = links.articles_to_link()
    index = StoryIndex(linker.link)
    # Read once: the days steer which older stories are loaded, then build the profiles.
    named = {article_id: links.named_days(article_id) for article_id in pending}
    if pending:
        _load_linked(links, named, index, linker.link)
    if progress is not None:
        progress.start(len(pending), label="linking")
    # Oldest first, a chunk at a time: the index forgets stories out of the window, so memory
    # stays bounded by one window of the archive, not by the archive.
    for chunk in range(0, len(pending), LINK_CHUNK):
        for article_id in pending[chunk : chunk + LINK_CHUNK]:
            article = store.get_article(article_id)
            profile = build_profile(
                article,
                linker.rarity,
                places=links.specific_places(article.id),
                days=named[article.id],
                config=linker.profile,
            )
            # A copy joins the story of its original, or of another copy linked before it.
            copies = links.copies_story(article.duplicate_of or article.id)
            links.save_link(profile, index.assign(profile, original_story=copies))
            if progress is not None:
                progress.advance()
    similarity = sentence_similarity(linker.rarity)
    for story_id in links.dirty_stories():
        members = links.members(story_id)
        story, events = merged_story(
            story_id,
            members,
            links.article_events([m.article_id for m in members]),
            similarity=similarity,
            config=linker.merge,
        )
        links.save_story(story, events)
    if progress is not None:
        progress.finish()
    return len(pending)


def _load_linked(
    links: LinkStore, named: Mapping[str, list[str]], index: StoryIndex, config: LinkConfig
) -> None:
    """Put in the index the stored stories the pending articles (``named``: each one's named
    days) may join: those of the window around them, and the older ones naming a day they name
    (follow-ups join those)."""
    first, last = links.date_range(list(named))
    seen: set[str] = set()
    for profile, story_id in links.linked_near(first, last, window_days=config.window_days):
        index.add(profile, story_id)
        seen.add(profile.article_id)
    if first is None or config.followup_days <= config.window_days:
        return
    told = {parse_day(day) for found in named.values() for day in found}
    # As in StoryIndex: a story naming a day next to one the article names is a candidate too.
    days = {d.isoformat() for d in around({d for d in told if d is not None}, config.day_slack)}
    low = first - timedelta(days=config.followup_days + config.window_days)
    high = first - timedelta(days=config.window_days + 1)
    for profile, story_id in links.linked_naming(days, low, high):
        if profile.article_id not in seen:
            index.add(profile, story_id)
            seen.add(profile.article_id)


def run(
    paths: Sequence[str],
    *,
    store: Store,
    settings: Settings,
    resources: Resources | None = None,
    analyser: Analyser | None = None,
    linker: Linker | None = None,
    overrides: Metadata | None = None,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
    clock: Clock | None = None,
) -> RunReport:
    """Ingest ``paths``, analyse every stored article not analysed yet, then link stories.

    The analyser (model, gazetteer, actor dictionary) is loaded from the settings unless given;
    with ``settings.workers`` above 1 and none given, that many processes analyse.
    """
    report = ingest(
        paths,
        store=store,
        settings=settings,
        resources=resources,
        overrides=overrides,
        stdin=stdin,
        progress=progress,
        clock=clock,
    )
    if analyser is None and settings.workers > 1:
        from sitroom.parallel import analyse_in_workers

        analysed = analyse_in_workers(
            store,
            settings=settings,
            workers=settings.workers,
            clock=clock or utc_now,
            stamp=utc_stamp,
            progress=progress,
        )
    else:
        analysed = analyse_pending(
            store, analyser=analyser or load_analyser(settings), progress=progress, clock=clock
        )
    linked = link_pending(store, linker=linker or load_linker(), progress=progress)
    return dataclasses.replace(report, analysed=analysed, linked=linked)
