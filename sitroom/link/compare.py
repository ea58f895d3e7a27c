"""Comparing a story's outlets: what they share, what only one reports, where they disagree."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Record = dict[str, Any]


@dataclass(frozen=True, slots=True)
class OutletView:
    """One outlet's part of a story."""

    outlet: str
    article_ids: tuple[str, ...]
    shared_events: tuple[Record, ...]
    """Events this outlet reports along with at least one other outlet."""
    own_events: tuple[Record, ...]
    """Events only this outlet reports."""
    quotes: tuple[Record, ...]
    """Quotes in its articles, each with ``also_in``: the other outlets quoting that speaker."""
    numbers: tuple[Record, ...]
    """Death tolls this outlet gives: ``{"event_id", "summary", "best", "text"}``."""


@dataclass(frozen=True, slots=True)
class Comparison:
    """A story seen outlet by outlet, with the fields on which outlets disagree."""

    story: Record
    outlets: tuple[OutletView, ...]
    disagreements: tuple[Record, ...]
    """``{"event_id", "summary", "field", "values": [{"value", "outlets"}]}``, one per field."""

    def to_json(self) -> Record:
        """The comparison as JSON-ready data."""
        return {
            "story": self.story,
            "outlets": [
                {
                    "outlet": v.outlet,
                    "article_ids": list(v.article_ids),
                    "shared_events": [_brief(e) for e in v.shared_events],
                    "own_events": [_brief(e) for e in v.own_events],
                    "quotes": list(v.quotes),
                    "numbers": list(v.numbers),
                }
                for v in self.outlets
            ],
            "disagreements": list(self.disagreements),
        }


def compare_story(
    story: Record,
    events: Sequence[Record],
    *,
    outlets: Mapping[str, str | None],
    quotes: Sequence[Record] = (),
) -> Comparison:
    """Compare the outlets of a story; ``outlets`` maps each article id to its outlet (if known).

    An article whose outlet is unknown stands for itself, so it is never taken for another.
    """

    def outlet_of(article_id: str) -> str:
        return outlets.get(article_id) or article_id

    names = list(dict.fromkeys(outlet_of(a) for a in story.get("article_ids", [])))
    reporters = {
        e["id"]: list(dict.fromkeys(outlet_of(s["article_id"]) for s in e.get("sources", [])))
        for e in events
    }
    speakers: dict[str, set[str]] = {}
    for q in quotes:
        name = (q.get("speaker") or {}).get("name")
        if name:
            speakers.setdefault(name, set()).add(outlet_of(q["article_id"]))
    views = []
    for name in names:
        mine = [e for e in events if name in reporters[e["id"]]]
        views.append(
            OutletView(
                outlet=name,
                article_ids=tuple(a for a in story.get("article_ids", []) if outlet_of(a) == name),
                shared_events=tuple(e for e in mine if len(reporters[e["id"]]) > 1),
                own_events=tuple(e for e in mine if len(reporters[e["id"]]) == 1),
                quotes=tuple(
                    {
                        "speaker": (q.get("speaker") or {}).get("name"),
                        "text": q["text"],
                        "article_id": q["article_id"],
                        "also_in": sorted(
                            speakers.get((q.get("speaker") or {}).get("name") or "", set()) - {name}
                        ),
                    }
                    for q in quotes
                    if outlet_of(q["article_id"]) == name
                ),
                numbers=tuple(_numbers(mine, name, outlet_of)),
            )
        )
    return Comparison(story, tuple(views), tuple(_disagreements(events, outlet_of)))


def _numbers(events: Sequence[Record], outlet: str, outlet_of: Any) -> list[Record]:
    out = []
    for e in events:
        fatalities = e.get("fatalities")
        if not fatalities:
            continue
        conflict = next((c for c in e.get("conflicts", []) if c["field"] == "fatalities"), None)
        if conflict is None:
            out.append(_toll(e, fatalities["best"], fatalities.get("text")))
            continue
        for value in conflict["values"]:
            if any(outlet_of(a) == outlet for a in value["article_ids"]):
                out.append(_toll(e, value["value"], None))
    return out


def _toll(event: Record, best: Any, text: Any) -> Record:
    return {"event_id": event["id"], "summary": event["summary"], "best": best, "text": text}


def _disagreements(events: Sequence[Record], outlet_of: Any) -> list[Record]:
    out = []
    for e in events:
        for conflict in e.get("conflicts", []):
            out.append(
                {
                    "event_id": e["id"],
                    "summary": e["summary"],
                    "field": conflict["field"],
                    "values": [
                        {
                            "value": v["value"],
                            "outlets": list(dict.fromkeys(outlet_of(a) for a in v["article_ids"])),
                        }
                        for v in conflict["values"]
                    ],
                }
            )
    return out


def _brief(event: Record) -> Record:
    return {
        "id": event["id"],
        "summary": event["summary"],
        "type": event["type"],
        "modality": event["modality"],
        "n_sources": event.get("n_sources", 1),
    }
