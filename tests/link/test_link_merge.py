"""Merging event mentions across a story's articles: compatibility, choice of partner, rules."""

from __future__ import annotations

from typing import Any

from sitroom.link.merge import MergeConfig, merge_events
from sitroom.link.profiles import WordRarity, sentence_similarity

Record = dict[str, Any]
SIMILARITY = sentence_similarity(WordRarity())


def place(name: str, lat: float, lon: float, *, precision: str = "town", gid: int = 1) -> Record:
    return {
        "name": name,
        "geonameid": gid,
        "lat": lat,
        "lon": lon,
        "country": "KEN",
        "precision": precision,
    }


def day(iso: str) -> Record:
    return {"start": iso, "end": iso, "precision": "day", "text": iso}


def event(
    eid: str,
    article: str,
    sentence: str,
    *,
    type_: str = "ASSAULT",
    mode: str | None = None,
    modality: str = "asserted",
    where: Record | None = None,
    when: Record | None = None,
    killed: int | None = None,
    actors: tuple[str, ...] = (),
) -> Record:
    return {
        "id": eid,
        "type": type_,
        "mode": mode,
        "acled": None,
        "summary": sentence[:30],
        "actors": [{"name": a} for a in actors],
        "targets": [],
        "place": where,
        "date": when,
        "fatalities": {"best": killed, "min": killed, "max": killed, "text": str(killed)}
        if killed is not None
        else None,
        "modality": modality,
        "attributed_to": None,
        "sources": [
            {
                "article_id": article,
                "outlet": None,
                "start": 0,
                "end": len(sentence),
                "sentence": sentence,
            }
        ],
        "n_sources": 1,
        "conflicts": [],
    }


def merge(events: list[Record], **canonical: str) -> list[Record]:
    return merge_events(events, story_id="s_1", canonical=canonical, similarity=SIMILARITY)


NAIROBI = place("Nairobi", -1.28, 36.82, gid=10)
THIKA = place("Thika", -1.03, 37.07, gid=11)
MOMBASA = place("Mombasa", -4.05, 39.67, gid=12)
KENYA = {**place("Kenya", 0.5, 37.9, precision="country", gid=99), "name": "Kenya"}


def test_two_reports_of_one_attack_become_one_event_with_both_sources() -> None:
    merged = merge(
        [
            event(
                "e1",
                "a1",
                "Gunmen attacked a bus depot in Nairobi, killing five people.",
                where=NAIROBI,
                when=day("2030-03-02"),
                killed=5,
                actors=("gunmen",),
            ),
            event(
                "e2",
                "a2",
                "Five people died when gunmen attacked a Nairobi bus depot.",
                where=NAIROBI,
                when=day("2030-03-02"),
                killed=5,
                actors=("gunmen",),
            ),
        ]
    )
    assert len(merged) == 1
    assert merged[0]["n_sources"] == 2
    assert [s["article_id"] for s in merged[0]["sources"]] == ["a1", "a2"]
    assert merged[0]["mentions"] == ["e1", "e2"]
    assert merged[0]["story_id"] == "s_1"
    assert merged[0]["conflicts"] == []


def test_fatalities_take_the_lowest_figure_and_record_the_conflict() -> None:
    merged = merge(
        [
            event(
                "e1",
                "a1",
                "A car bomb in Nairobi killed 12 people.",
                where=NAIROBI,
                when=day("2030-03-02"),
                killed=12,
            ),
            event(
                "e2",
                "a2",
                "A car bomb in Nairobi killed 9 people, police said.",
                where=NAIROBI,
                when=day("2030-03-02"),
                killed=9,
            ),
        ]
    )
    assert len(merged) == 1
    assert merged[0]["fatalities"]["best"] == 9
    assert merged[0]["conflicts"] == [
        {
            "field": "fatalities",
            "values": [{"value": 12, "article_ids": ["a1"]}, {"value": 9, "article_ids": ["a2"]}],
        }
    ]


def test_dates_a_day_apart_merge_with_a_date_conflict() -> None:
    merged = merge(
        [
            event(
                "e1",
                "a1",
                "Rebels seized the town of Thika on Sunday.",
                mode="occupy",
                where=THIKA,
                when=day("2030-03-02"),
            ),
            event(
                "e2",
                "a2",
                "Rebels seized the town of Thika today.",
                mode="occupy",
                where=THIKA,
                when=day("2030-03-03"),
            ),
        ]
    )
    assert len(merged) == 1
    conflict = merged[0]["conflicts"][0]
    assert conflict["field"] == "date"
    assert {v["value"] for v in conflict["values"]} == {"2030-03-02", "2030-03-03"}
    # A tie between as many sources goes to the earliest date.
    assert merged[0]["date"]["start"] == "2030-03-02"


def test_incompatible_mentions_stay_apart() -> None:
    base = "Rebels attacked a police post."
    cases = [
        # Places 400 km apart.
        (dict(where=NAIROBI), dict(where=MOMBASA)),
        # A week apart.
        (dict(when=day("2030-03-02")), dict(when=day("2030-03-09"))),
        # Different modality: a threat of strikes is not a strike.
        (dict(modality="asserted"), dict(modality="hypothetical")),
        # Different modes of one type.
        (dict(mode="aerial"), dict(mode="firearms")),
    ]
    for first, second in cases:
        merged = merge([event("e1", "a1", base, **first), event("e2", "a2", base, **second)])
        assert len(merged) == 2, (first, second)


def test_mentions_of_one_article_are_never_merged_with_each_other() -> None:
    merged = merge(
        [
            event("e1", "a1", "Rebels attacked a police post in Thika.", where=THIKA),
            event("e2", "a1", "Rebels attacked a police post in Thika.", where=THIKA),
        ]
    )
    assert len(merged) == 2


def test_copies_of_one_wire_story_count_once() -> None:
    text = "Rebels attacked a police post in Thika."
    merged = merge(
        [event("e1", "a1", text, where=THIKA), event("e2", "a2", text, where=THIKA)],
        a2="a1",
    )
    assert len(merged) == 1
    assert merged[0]["n_sources"] == 1
    assert len(merged[0]["sources"]) == 2


def test_a_mention_joins_the_event_most_like_it_whatever_the_order() -> None:
    # The vague report comes first; the best partner is the second of the other article's events.
    vague = event(
        "v",
        "a1",
        "Rebels seized a northern Kenyan town near the border today.",
        mode="occupy",
        where=KENYA,
        when=day("2030-03-03"),
    )
    south = event(
        "s",
        "a2",
        "Rebels also seized Mombasa on Monday.",
        mode="occupy",
        where=MOMBASA,
        when=day("2030-03-03"),
    )
    north = event(
        "n",
        "a2",
        "Rebels seized the northern town of Thika after a battle.",
        mode="occupy",
        where={**THIKA, "lat": 2.5},
        when=day("2030-03-02"),
    )
    merged = merge([vague, south, north])
    joined = [m for m in merged if m["n_sources"] == 2]
    assert len(joined) == 1
    assert joined[0]["mentions"] == ["v", "n"]
    # The most precise place wins.
    assert joined[0]["place"]["name"] == "Thika"


def test_unrelated_mentions_of_one_type_are_not_merged_on_type_alone() -> None:
    merged = merge(
        [
            event("e1", "a1", "Protesters marched on parliament over fuel prices."),
            event("e2", "a2", "Teachers gathered outside the ministry to demand back pay."),
        ]
    )
    assert len(merged) == 2


def test_config_is_respected() -> None:
    a = event("e1", "a1", "Rebels attacked a police post.", where=NAIROBI)
    b = event("e2", "a2", "Rebels attacked a police post.", where=THIKA)
    assert len(merge([a, b])) == 1
    tight = merge_events(
        [a, b], story_id="s", canonical={}, similarity=SIMILARITY, config=MergeConfig(radius_km=10)
    )
    assert len(tight) == 2
