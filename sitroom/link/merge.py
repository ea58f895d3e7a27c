"""Merging the events of a story's articles: one record per real-world event, every source kept.

Two event mentions from different articles are the same event when they have the same PLOVER
type and modality, their modes do not differ, their places do not exclude each other (the same
place, places within ``radius_km``, or a country and a place inside it) and their dates are at
most ``max_days`` apart. Among the compatible events of earlier articles a mention joins the one
most like it: source sentences alike in words, then the same place, date, actors and mode
(best pairs first).

A merged event's fields follow these rules:

- ``type``, ``mode``, ``modality``: those of the mentions (they agree by construction; a mode
  missing in one mention is taken from another);
- ``place``: the most precise (point, town, district, province, country, region);
- ``date``: the date most sources give at the finest precision, the earliest on a tie;
- ``fatalities``: the lowest best figure, as ACLED does when reports differ;
- ``actors``, ``targets``: every one named, in order of first mention;
- ``conflicts``: one entry per field (date, fatalities, place) on which sources disagree.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sitroom.geo import haversine_km

Record = dict[str, Any]
_PRECISION = ("point", "town", "district", "province", "country", "region")


@dataclass(frozen=True, slots=True)
class MergeConfig:
    """When two event mentions are the same event; the defaults are what ``sitroom run`` uses."""

    radius_km: float = 50.0
    max_days: int = 2
    min_likeness: float = 0.6
    """Least likeness (see ``_likeness``) for two compatible mentions to be merged."""
    compass_degrees: float = 1.0
    """How far (in degrees) from a country's reference point "northern Iraqi" begins."""


def merge_events(
    events: Sequence[Record],
    *,
    story_id: str,
    canonical: Mapping[str, str],
    similarity: Callable[[str, str], float],
    config: MergeConfig | None = None,
) -> list[Record]:
    """Merge the event records of one story's articles (given oldest article first).

    Pairs of compatible mentions from different articles are joined best pair first, so a
    mention goes to the event most like it whatever the order of the articles; a merged event
    never holds two mentions of one article, and all its mentions stay pairwise compatible.
    ``canonical`` maps an article id to the article it duplicates (or itself), so that copies
    of one wire story count once; ``similarity`` compares two source sentences (0 to 1).
    """
    cfg = config or MergeConfig()
    # A copy of a wire story is its own article here, so that its mentions fold into the
    # original's events; ``canonical`` only makes them count once.
    articles = [_article_of(e) for e in events]
    buckets: dict[tuple[str, str], list[int]] = {}
    for i, event in enumerate(events):
        buckets.setdefault((event["type"], event["modality"]), []).append(i)
    pairs: list[tuple[float, int, int]] = []
    for members in buckets.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if articles[i] != articles[j] and _compatible(events[i], events[j], cfg):
                    score = _likeness(events[i], events[j], similarity, cfg)
                    if score >= cfg.min_likeness:
                        pairs.append((score, i, j))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    group_of = list(range(len(events)))
    groups: dict[int, list[int]] = {i: [i] for i in range(len(events))}
    for _, i, j in pairs:
        a, b = group_of[i], group_of[j]
        if a == b:
            continue
        if {articles[k] for k in groups[a]} & {articles[k] for k in groups[b]}:
            continue
        if not all(_compatible(events[x], events[y], cfg) for x in groups[a] for y in groups[b]):
            continue
        keep, drop = min(a, b), max(a, b)
        groups[keep].extend(groups.pop(drop))
        for k in groups[keep]:
            group_of[k] = keep
    return [
        _merged([events[k] for k in sorted(members)], story_id=story_id, canonical=canonical)
        for _, members in sorted(groups.items())
    ]


def merged_event_id(first_mention_id: str) -> str:
    """The id of a merged event: stable while its first mention stays its first."""
    return "e_" + hashlib.sha1(f"merged:{first_mention_id}".encode()).hexdigest()[:16]


def _article_of(event: Record) -> str:
    sources = event.get("sources") or [{}]
    return str(sources[0].get("article_id", ""))


def _compatible(a: Record, b: Record, cfg: MergeConfig) -> bool:
    if a["type"] != b["type"] or a["modality"] != b["modality"]:
        return False
    if a.get("mode") and b.get("mode") and a["mode"] != b["mode"]:
        return False
    return _places_fit(a.get("place"), b.get("place"), cfg) and _dates_fit(
        a.get("date"), b.get("date"), cfg
    )


def _places_fit(a: Record | None, b: Record | None, cfg: MergeConfig) -> bool:
    if not a or not b or a.get("geonameid") == b.get("geonameid"):
        return True
    wide = {"country", "region"}
    if a.get("precision") in wide or b.get("precision") in wide:
        # A country holds the other place; a vague region is too loose to rule anything out.
        return (
            a.get("precision") == "region"
            or b.get("precision") == "region"
            or (a.get("country") is not None and a.get("country") == b.get("country"))
        )
    return _km(a, b) <= cfg.radius_km


def _dates_fit(a: Record | None, b: Record | None, cfg: MergeConfig) -> bool:
    days = _days_apart(a, b)
    return days is None or days <= cfg.max_days


def _days_apart(a: Record | None, b: Record | None) -> int | None:
    if not a or not b or not a.get("start") or not b.get("start"):
        return None
    if a.get("precision") != "day" or b.get("precision") != "day":
        return None
    return abs((date.fromisoformat(a["start"]) - date.fromisoformat(b["start"])).days)


def _km(a: Record, b: Record) -> float:
    return haversine_km(a["lat"], a["lon"], b["lat"], b["lon"])


def _likeness(
    a: Record, b: Record, similarity: Callable[[str, str], float], cfg: MergeConfig
) -> float:
    """How alike two compatible mentions are: sentences first, then place, date, actors, mode."""
    score = 2.0 * similarity(_sentence(a), _sentence(b))
    score += _described_place(a, b, cfg) + _described_place(b, a, cfg)
    place_a, place_b = a.get("place"), b.get("place")
    if place_a and place_b and place_a.get("geonameid") == place_b.get("geonameid"):
        score += 1.0
    days = _days_apart(a.get("date"), b.get("date"))
    if days is not None:
        score += 0.5 / (1 + days)
    if {x["name"] for x in a.get("actors", [])} & {x["name"] for x in b.get("actors", [])}:
        score += 0.5
    if a.get("mode") and a.get("mode") == b.get("mode"):
        score += 0.5
    return score


_COMPASS = re.compile(r"\b(north|south)?-?(east|west)?ern\s+([A-Z][\w’']+)")


def _described_place(vague: Record, precise: Record, cfg: MergeConfig) -> float:
    """Does a place described as "a northern Iraqi city" fit the other mention's named place?

    Applies when one mention is placed at a country only and its sentence gives a compass
    part of that country; the other mention's place is compared with the country's reference
    point. +1 when it lies that way, -0.5 when it does not, 0 when nothing is said.
    """
    where, there = vague.get("place"), precise.get("place")
    if not where or not there or where.get("precision") != "country":
        return 0.0
    if there.get("precision") in ("country", "region") or there.get("country") != where.get(
        "country"
    ):
        return 0.0
    stem = str(where.get("name") or "")[:3].casefold()
    fits = []
    for north_south, east_west, word in _COMPASS.findall(_sentence(vague)):
        if not stem or not word.casefold().startswith(stem) or not (north_south or east_west):
            continue
        dy, dx = there["lat"] - where["lat"], there["lon"] - where["lon"]
        limit = cfg.compass_degrees
        fits.append(
            (north_south != "north" or dy > limit)
            and (north_south != "south" or dy < -limit)
            and (east_west != "east" or dx > limit)
            and (east_west != "west" or dx < -limit)
        )
    if not fits:
        return 0.0
    return 1.0 if all(fits) else -0.5


def _sentence(event: Record) -> str:
    sources = event.get("sources") or [{}]
    return str(sources[0].get("sentence", ""))


def _merged(members: Sequence[Record], *, story_id: str, canonical: Mapping[str, str]) -> Record:
    first = dict(members[0])
    with_place = min(
        (m for m in members if m.get("place")),
        key=lambda m: _rank(m["place"].get("precision"), _PRECISION),
        default=None,
    )
    fatal = [m for m in members if m.get("fatalities") and m["fatalities"].get("best") is not None]
    sources = [s for m in members for s in m.get("sources", [])]
    first.update(
        id=merged_event_id(members[0]["id"]),
        mentions=[m["id"] for m in members],
        story_id=story_id,
        mode=next((m["mode"] for m in members if m.get("mode")), None),
        acled=next((m["acled"] for m in members if m.get("acled")), None),
        summary=(with_place or members[0])["summary"],
        place=with_place["place"] if with_place else None,
        date=_chosen_date(members),
        fatalities=min(fatal, key=lambda m: m["fatalities"]["best"])["fatalities"]
        if fatal
        else None,
        actors=_union(m.get("actors", []) for m in members),
        targets=_union(m.get("targets", []) for m in members),
        attributed_to=next((m["attributed_to"] for m in members if m.get("attributed_to")), None),
        sources=sources,
        n_sources=len({canonical.get(s["article_id"], s["article_id"]) for s in sources}),
        conflicts=_conflicts(members),
    )
    return first


def _chosen_date(members: Sequence[Record]) -> Record | None:
    dates: list[Record] = [m["date"] for m in members if m.get("date") and m["date"].get("start")]
    if not dates:
        return next((m["date"] for m in members if m.get("date")), None)
    order = ("day", "week", "month", "year")
    finest = min(_rank(d["precision"], order) for d in dates)
    fine = [d for d in dates if _rank(d["precision"], order) == finest]
    votes = Counter(d["start"] for d in fine)
    start = min(votes, key=lambda s: (-votes[s], s))
    return next(d for d in fine if d["start"] == start)


def _rank(value: str | None, order: Sequence[str]) -> int:
    """Where ``value`` stands in ``order`` (finest first); unknown values come last."""
    return order.index(value) if value in order else len(order)


def _union(lists: Any) -> list[Record]:
    seen: dict[str, Record] = {}
    for actors in lists:
        for actor in actors:
            seen.setdefault(actor["name"], actor)
    return list(seen.values())


def _conflicts(members: Sequence[Record]) -> list[Record]:
    fields: dict[str, Callable[[Record], Any]] = {
        "date": lambda m: (
            (m.get("date") or {}).get("start")
            if (m.get("date") or {}).get("precision") == "day"
            else None
        ),
        "fatalities": lambda m: (m.get("fatalities") or {}).get("best"),
        "place": lambda m: (
            (m.get("place") or {}).get("name")
            if (m.get("place") or {}).get("precision") not in ("country", "region")
            else None
        ),
    }
    out = []
    for name, read in fields.items():
        by_value: dict[Any, list[str]] = {}
        for m in members:
            value = read(m)
            if value is not None:
                ids = by_value.setdefault(value, [])
                article = _article_of(m)
                if article not in ids:
                    ids.append(article)
        if len(by_value) > 1:
            out.append(
                {
                    "field": name,
                    "values": [{"value": v, "article_ids": ids} for v, ids in by_value.items()],
                }
            )
    return out
