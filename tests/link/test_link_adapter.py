"""The evaluation adapters of the link stage: document clustering and event coreference."""

from __future__ import annotations

import pytest

from sitroom.analyse import Analyser
from sitroom.evaluate.system import DocumentText
from sitroom.link.adapter import EventCoreferencer, MentionReader, StoryClusterer
from sitroom.link.profiles import WordRarity

FIRST = (
    "Gunmen stormed a police station in the town of Garissa on Monday, killing three officers, "
    "local officials said. The attackers escaped toward the Somali border."
)
SECOND = (
    "Three police officers were killed when gunmen stormed their station in Garissa on Monday, "
    "the county commissioner said."
)
OTHER = "The central bank of Chile held its benchmark interest rate at five percent on Tuesday."


@pytest.fixture(scope="module")
def clusterer(analyser: Analyser) -> StoryClusterer:
    return StoryClusterer(
        WordRarity(),
        mentions=MentionReader(analyser.nlp, analyser.gazetteer, analyser.dates),
    )


def docs() -> list[DocumentText]:
    return [
        DocumentText("d1", FIRST, published="2031-04-07"),
        DocumentText("d2", SECOND, published="2031-04-08"),
        DocumentText("d3", OTHER, published="2031-04-08"),
    ]


def test_clusterer_groups_reports_of_one_event(clusterer: StoryClusterer) -> None:
    labels = clusterer.cluster(docs())
    assert labels["d1"] == labels["d2"] != labels["d3"]


def test_coreferencer_joins_the_attack_across_documents(
    analyser: Analyser, clusterer: StoryClusterer
) -> None:
    clusters = EventCoreferencer(analyser, clusterer).corefer_events(docs())
    across = [c for c in clusters if len({m.doc_id for m in c}) == 2]
    assert across, clusters
    texts = {(FIRST if m.doc_id == "d1" else SECOND)[m.start : m.end] for m in across[0]}
    assert texts & {"stormed", "killing", "killed"}


def test_clusterer_cleans_debris_first(analyser: Analyser) -> None:
    from sitroom.clean import load_cleaning_rules

    debris = "\n".join(["We use cookies to improve your visit.", "Subscribe now",
                        "Share on Facebook", "Sign up for our newsletter today."] * 3)
    pages = [
        DocumentText("p1", f"{debris}\nFloodwaters reached the Nyalenda estate in Kisumu.",
                     published="2031-04-08"),
        DocumentText("p2", f"{debris}\nBallots were counted in Lusaka after a calm vote.",
                     published="2031-04-08"),
    ]
    mentions = MentionReader(analyser.nlp, analyser.gazetteer, analyser.dates)
    raw = StoryClusterer(WordRarity(), mentions=mentions).cluster(pages)
    assert raw["p1"] == raw["p2"]  # the shared page furniture makes them look alike
    cleaned = StoryClusterer(WordRarity(), mentions=mentions, cleaning=load_cleaning_rules())
    labels = cleaned.cluster(pages)
    assert labels["p1"] != labels["p2"]


def test_clusterer_folds_copies_as_run_does(clusterer: StoryClusterer) -> None:
    # A wire copy filed a month before the report it copies: only folding joins them.
    copy = DocumentText("d4", FIRST + " More to follow.", published="2031-03-01")
    apart = clusterer.cluster([*docs(), copy])
    assert apart["d4"] != apart["d1"]
    folding = StoryClusterer(
        clusterer.rarity, mentions=clusterer.mentions, near_duplicate_threshold=0.8
    )
    joined = folding.cluster([*docs(), copy])
    assert joined["d4"] == joined["d1"] == joined["d2"] != joined["d3"]
