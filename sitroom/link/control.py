"""Territorial control over time, as capture and recapture events report it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

Record = dict[str, Any]
_CONTROL_MODES = frozenset({"occupy"})
_REPORTED = frozenset({"asserted", "claimed"})
_SITES = frozenset({"point", "town", "district"})


@dataclass(frozen=True, slots=True)
class ControlPeriod:
    """Who held a place from one reported capture until the next (``until`` None: still)."""

    place: str
    geonameid: int | None
    controller: str
    since: str | None
    until: str | None
    modality: str
    event_id: str
    article_ids: tuple[str, ...]

    def to_json(self) -> Record:
        """The period as JSON-ready data."""
        return {
            "place": self.place,
            "geonameid": self.geonameid,
            "controller": self.controller,
            "since": self.since,
            "until": self.until,
            "modality": self.modality,
            "event_id": self.event_id,
            "article_ids": list(self.article_ids),
        }


def control_timeline(events: Iterable[Record]) -> list[ControlPeriod]:
    """Periods of control per place, from events that take or hold a town or site.

    Only asserted or claimed events with a named actor and a place at least as precise as a
    district count; a capture without a date is listed after the dated ones, since it cannot be
    ordered. Places come in name order, periods in time order.
    """
    by_place: dict[tuple[str, int | None], list[Record]] = defaultdict(list)
    for e in events:
        place = e.get("place") or {}
        if (
            e.get("mode") in _CONTROL_MODES
            and e.get("modality") in _REPORTED
            and e.get("actors")
            and place.get("precision") in _SITES
        ):
            by_place[(place["name"], place.get("geonameid"))].append(e)
    out: list[ControlPeriod] = []
    for (name, geonameid), captures in sorted(by_place.items(), key=lambda kv: kv[0][0]):
        captures.sort(key=lambda e: (_since(e) is None, _since(e) or "", e["id"]))
        for i, e in enumerate(captures):
            following = captures[i + 1] if i + 1 < len(captures) else None
            out.append(
                ControlPeriod(
                    place=name,
                    geonameid=geonameid,
                    controller=_controller(e),
                    since=_since(e),
                    until=_since(following) if following is not None else None,
                    modality=e["modality"],
                    event_id=e["id"],
                    article_ids=tuple(dict.fromkeys(s["article_id"] for s in e["sources"])),
                )
            )
    return out


def _controller(event: Record) -> str:
    """The capturing actor: the first one the actor dictionary knows, else the first named."""
    actors = event["actors"]
    known = [a for a in actors if a.get("actor_id")]
    return str((known or actors)[0]["name"])


def _since(event: Record) -> str | None:
    when = event.get("date") or {}
    start = when.get("start")
    return str(start) if start else None
