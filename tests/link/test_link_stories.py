"""Article profiles and story linking: who joins which story, in a window, without recomputing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitroom.link.profiles import (
    ArticleProfile,
    ProfileConfig,
    WordRarity,
    build_profile,
    tells_headline,
)
from sitroom.link.stories import LinkConfig, StoryIndex, link_stories, story_id_for
from sitroom.records import Article, Metadata


@pytest.fixture(scope="module")
def rarity() -> WordRarity:
    return WordRarity()


def article(aid: str, text: str, *, title: str | None = None, day: str | None = None) -> Article:
    return Article(aid, text, text, Metadata(title=title, published=day), "test")


FLOOD = (
    "Floodwaters swept through the riverside district of Kisumu overnight, forcing hundreds "
    "of families onto rooftops. Rescue boats from the county government reached the "
    "Nyalenda estate by dawn."
)
FLOOD_2 = (
    "Hundreds of families in Kisumu spent the night on rooftops as floodwaters rose in the "
    "Nyalenda estate; county rescue boats arrived at dawn."
)
ELECTION = (
    "The electoral commission in Lusaka began counting ballots after a calm polling day, "
    "with turnout estimated at sixty per cent by independent observers."
)


def test_rare_words_weigh_more_than_common_ones(rarity: WordRarity) -> None:
    assert rarity.weight("nyalenda") > rarity.weight("floodwaters") > rarity.weight("the")
    assert rarity.weight("the") == 0.0


def test_profiles_are_unit_length_and_round_trip(rarity: WordRarity) -> None:
    profile = build_profile(
        article("a1", FLOOD, title="Floods in Kisumu", day="2030-05-01"),
        rarity,
        places=[(123, "town"), (7, "country")],
    )
    assert sum(w * w for w in profile.terms.values()) == pytest.approx(1.0)
    assert "place:123" in profile.terms
    assert "place:7" not in profile.terms  # a country is too wide to tell stories apart
    again = ArticleProfile.from_record(profile.to_record())
    assert again.published == date(2030, 5, 1)
    assert again.similarity(profile.terms) == pytest.approx(1.0, abs=1e-4)


BACKGROUND = (
    "The county has suffered seasonal rains for a decade, and engineers have long warned "
    "that the drainage canals built in the colonial era cannot carry the water of a wet year "
    "while new estates spread across the old wetlands beside the lake shore."
)


def test_without_a_headline_the_opening_words_stand_in_for_it(rarity: WordRarity) -> None:
    opening = build_profile(
        article("a1", f"Nyalenda was flooded overnight. {BACKGROUND} Kisumu counts the cost."),
        rarity,
    )
    closing = build_profile(
        article("a2", f"Kisumu was flooded overnight. {BACKGROUND} Nyalenda counts the cost."),
        rarity,
    )
    assert opening.terms["nyalenda"] > closing.terms["nyalenda"]
    assert closing.terms["kisumu"] > opening.terms["kisumu"]
    # A real headline is the headline: the opening words then weigh as any body words.
    titled = build_profile(
        article("a3", f"Nyalenda was flooded overnight. {BACKGROUND}", title="Floods"), rarity
    )
    assert "floods" in titled.keys(3)
    assert titled.terms["nyalenda"] < opening.terms["nyalenda"]


def test_a_body_unrelated_to_its_headline_is_left_out(rarity: WordRarity) -> None:
    # What a scraper gets behind a paywall: the page's sign-in text under the story's headline.
    sign_in = "Welcome back. Sign in with your account to keep reading, or subscribe today."
    page = build_profile(
        article("a1", sign_in, title="Floods in Kisumu", day="2030-05-01"),
        rarity,
        days=["2030-05-01"],
    )
    assert "subscribe" not in page.terms
    assert {"floods", "kisumu", "day:2030-05-01"} <= page.terms.keys()
    report = build_profile(article("a2", FLOOD, title="Floods in Kisumu"), rarity)
    assert "nyalenda" in report.terms  # "flooded" shares the headline word's stem
    assert page.similarity(report.terms) > build_profile(
        article("a3", sign_in, title="Floods in Kisumu"),
        rarity,
        config=ProfileConfig(headline_rarity=99.0),
    ).similarity(report.terms)


def test_one_chance_word_does_not_make_a_body_tell_its_headline(rarity: WordRarity) -> None:
    sign_in = "Sign in to your account. By registering you accept our Privacy Policy."
    # "Police" and "Policy" share their first letters; one word of five is chance.
    assert not tells_headline("Police say Kisumu floods swept rooftops", sign_in, rarity)
    assert tells_headline("Floods in Kisumu", FLOOD, rarity)
    # A headline of common words only is told by any text.
    assert tells_headline("What we know", sign_in, rarity)


def test_a_copy_joins_its_original_whichever_is_linked_first(rarity: WordRarity) -> None:
    # The copy carries a date two months before its original's, so it is linked first, and
    # so far from it that words alone would not join them.
    original = build_profile(article("a1", FLOOD, day="2030-05-03"), rarity)
    copy = build_profile(article("a2", FLOOD + " Updated.", day="2030-03-01"), rarity)
    apart = {a.article_id: a.story_id for a in link_stories([original, copy])}
    assert apart["a1"] != apart["a2"]
    joined = link_stories([original, copy], copies={"a2": "a1"})
    assert {a.story_id for a in joined} == {story_id_for("a2")}


def test_the_days_an_article_names_tell_like_events_apart(rarity: WordRarity) -> None:
    def alike(*days: str) -> float:
        one = build_profile(article("a1", FLOOD), rarity, days=days[:1])
        two = build_profile(article("a2", FLOOD_2), rarity, days=days[1:])
        return one.similarity(two.terms)

    assert alike("2030-05-01", "2030-05-01") > alike() > alike("2030-05-01", "2030-04-20")
    profile = build_profile(article("a1", FLOOD), rarity, days=["2030-05-01"])
    assert "day:2030-05-01" in profile.terms
    assert ArticleProfile.from_record(profile.to_record()).terms.keys() == profile.terms.keys()


def test_same_story_joins_and_other_news_starts_its_own(rarity: WordRarity) -> None:
    profiles = [
        build_profile(article("a1", FLOOD, day="2030-05-01"), rarity),
        build_profile(article("a2", ELECTION, day="2030-05-01"), rarity),
        build_profile(article("a3", FLOOD_2, day="2030-05-02"), rarity),
    ]
    links = {a.article_id: a.story_id for a in link_stories(profiles)}
    assert links["a1"] == links["a3"] == story_id_for("a1")
    assert links["a2"] == story_id_for("a2")


def test_window_keeps_old_stories_closed(rarity: WordRarity) -> None:
    profiles = [
        build_profile(article("a1", FLOOD, day="2030-05-01"), rarity),
        build_profile(article("a3", FLOOD_2, day="2030-07-01"), rarity),
    ]
    links = {a.article_id: a.story_id for a in link_stories(profiles)}
    assert links["a1"] != links["a3"]
    wide = link_stories(profiles, config=LinkConfig(window_days=90))
    assert len({a.story_id for a in wide}) == 1


def test_dated_reports_of_other_days_are_held_apart(rarity: WordRarity) -> None:
    def story_count(*days: str, published: str | None = "2030-05-08") -> int:
        one = build_profile(article("a1", FLOOD, day=published), rarity, days=days[:1])
        two = build_profile(article("a2", FLOOD_2, day=published), rarity, days=days[1:])
        # A threshold between the two reports' likeness with and without the factor.
        alike = one.similarity(two.terms)
        config = LinkConfig(threshold=alike * 0.8)
        return len({a.story_id for a in link_stories([one, two], config=config)})

    assert story_count("2030-05-06", "2030-05-07") == 1  # a day apart: one event
    assert story_count("2030-05-01", "2030-05-07") == 2  # a week apart: two
    assert story_count("2030-05-01", "2030-05-07", published=None) == 1  # undated: no factor


def test_a_shared_day_counts_less_between_reports_of_other_towns() -> None:
    def profile(aid: str, town: str) -> ArticleProfile:
        return ArticleProfile(
            aid, date(2030, 5, 8), {"shot": 0.6, "day:2030-05-07": 0.6, town: 0.53}
        )

    def stories(*profiles: ArticleProfile, factor: float = 0.5) -> int:
        config = LinkConfig(threshold=0.6, other_place_day_factor=factor)
        return len({a.story_id for a in link_stories(list(profiles), config=config)})

    here, also_here, elsewhere = (
        profile("a1", "place:1"),
        profile("a2", "place:1"),
        profile("a3", "place:2"),
    )
    assert stories(here, also_here) == 1
    assert stories(here, elsewhere) == 2  # 0.36 + 0.36 / 2 < 0.6
    assert stories(here, elsewhere, factor=1.0) == 1  # 0.36 + 0.36 >= 0.6


def test_follow_ups_naming_a_story_day_join_it_past_the_window() -> None:
    config = LinkConfig(window_days=7, followup_days=60)

    def profile(aid: str, day: date, *terms: str) -> ArticleProfile:
        weights = dict.fromkeys(terms, 0.5)
        return ArticleProfile(aid, day, weights)

    start = date(2030, 3, 4)
    index = StoryIndex(config)
    first = index.assign(profile("a1", start, "robbery", "clerk", "day:2030-03-03"))
    # Six weeks on: a like report naming no day starts its own story, one naming the day joins.
    later = start + timedelta(days=40)
    alone = index.assign(profile("a2", later, "robbery", "clerk", "charged"))
    joined = index.assign(profile("a3", later, "robbery", "clerk", "day:2030-03-03"))
    assert alone.story_id == story_id_for("a2")
    assert joined.story_id == first.story_id
    # "Late Sunday" in one report is "early Monday" in another: the next day finds it too.
    other = StoryIndex(config)
    other.assign(profile("a1", start, "robbery", "clerk", "day:2030-03-03"))
    nextday = other.assign(profile("a5", later, "robbery", "clerk", "day:2030-03-04"))
    assert nextday.story_id == first.story_id
    # Past the horizon even a follow-up naming the day starts a story of its own.
    gone = index.assign(
        profile("a4", later + timedelta(days=70), "robbery", "clerk", "day:2030-03-03")
    )
    assert gone.story_id == story_id_for("a4")


def test_linking_is_incremental(rarity: WordRarity) -> None:
    first = build_profile(article("a1", FLOOD, day="2030-05-01"), rarity)
    (done,) = link_stories([first])
    (later,) = link_stories(
        [build_profile(article("a3", FLOOD_2, day="2030-05-02"), rarity)],
        existing=[(first, done.story_id)],
    )
    assert later.story_id == done.story_id
    assert 0 < later.similarity < 1


def test_candidates_come_from_the_index_not_every_story() -> None:
    index = StoryIndex(LinkConfig(keys=2))
    for i in range(50):
        index.add(ArticleProfile(f"x{i}", None, {f"word{i}": 1.0}), f"s{i}")
    probe = ArticleProfile("new", None, {"word7": 0.8, "other": 0.6})
    assert index.assign(probe).story_id == "s7"


def test_stories_out_of_the_window_leave_the_index() -> None:
    index = StoryIndex(LinkConfig(window_days=3))
    for i in range(60):
        day = date(2030, 1, 1) + timedelta(days=i)
        link = index.assign(ArticleProfile(f"a{i}", day, {"flood": 0.3, f"town{i}": 0.95}))
        # Alike in one light word only (0.09): each article starts a story of its own.
        assert link.story_id == story_id_for(f"a{i}")
    # Only the stories of the last days (window 3) are still candidates.
    assert len(index) <= 5


terms = st.dictionaries(st.sampled_from("abcdefgh"), st.floats(0.1, 5.0), min_size=1)


@settings(max_examples=60, deadline=None)
@given(st.lists(terms, min_size=1, max_size=12))
def test_every_article_gets_exactly_one_story_whatever_the_input(
    vectors: list[dict[str, float]],
) -> None:
    profiles = [ArticleProfile(f"a{i}", None, v) for i, v in enumerate(vectors)]
    links = link_stories(profiles)
    assert sorted(a.article_id for a in links) == sorted(p.article_id for p in profiles)
    # Every story is named after its first article, which belongs to it.
    by_story = {a.story_id for a in links}
    assert by_story <= {story_id_for(p.article_id) for p in profiles}
    assert link_stories(profiles) == links
