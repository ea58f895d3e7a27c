"""Plain-text renderings of stories, comparisons and control timelines for the terminal."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sitroom.link.compare import Comparison
from sitroom.link.control import ControlPeriod
from sitroom.link.views import StoryView

_WIDTH = 100


def render_story(view: StoryView) -> str:
    """A story: title, dates, articles, cited summary, and events with sources and conflicts."""
    s = view.story
    number = {a.article_id: i + 1 for i, a in enumerate(view.articles)}
    lines = [
        f"{s['id']}  {s.get('title') or '(untitled)'}",
        f"published {s.get('first_published') or '?'} to {s.get('last_published') or '?'}, "
        f"{len(view.articles)} article(s), {len(view.events)} event(s)",
        "",
        "Articles",
    ]
    for a in view.articles:
        copy = f" (copy of {a.duplicate_of})" if a.duplicate_of else ""
        lines.append(
            f"  [{number[a.article_id]}] {a.published or '?'}  {a.outlet or '?'}: "
            f"{_cut(a.title or a.article_id, 70)}{copy}"
        )
    lines += ["", "Summary"]
    for sentence in s.get("summary", []):
        cites = "".join(f"[{number.get(a, '?')}]" for a in sentence["article_ids"])
        lines.append(f"  - {_cut(sentence['text'], _WIDTH - 12)} {cites}")
    lines += ["", "Events (most sources first)"]
    for e in sorted(view.events, key=lambda e: -e.get("n_sources", 1)):
        cites = "".join(
            f"[{number.get(a, '?')}]" for a in dict.fromkeys(x["article_id"] for x in e["sources"])
        )
        lines.append(f"  {e['type']:<9} {e['modality']:<12} {_cut(e['summary'], 50)} {cites}")
        for c in e.get("conflicts", []):
            values = "; ".join(
                f"{v['value']} " + "".join(f"[{number.get(a, '?')}]" for a in v["article_ids"])
                for v in c["values"]
            )
            lines.append(f"      sources differ on {c['field']}: {values}")
    return "\n".join(lines)


def render_comparison(comparison: Comparison) -> str:
    """A story outlet by outlet: shared and own events, quotes, numbers, then disagreements."""
    s = comparison.story
    lines = [f"{s['id']}  {s.get('title') or '(untitled)'}", ""]
    for view in comparison.outlets:
        lines.append(f"== {view.outlet} ({len(view.article_ids)} article(s))")
        lines.append(f"  shared with other outlets: {len(view.shared_events)} event(s)")
        lines.extend(_events(view.shared_events))
        lines.append(f"  only here: {len(view.own_events)} event(s)")
        lines.extend(_events(view.own_events))
        if view.quotes:
            lines.append(f"  quotes: {len(view.quotes)}")
            for q in view.quotes:
                also = f" (also quoted in {', '.join(q['also_in'])})" if q["also_in"] else ""
                lines.append(f'    {q["speaker"] or "?"}: "{_cut(q["text"], 60)}"{also}')
        for n in view.numbers:
            lines.append(f"  toll: {n['best']} ({_cut(n['summary'], 50)})")
        lines.append("")
    lines.append("Where they disagree")
    if not comparison.disagreements:
        lines.append("  nowhere")
    for d in comparison.disagreements:
        values = "; ".join(f"{v['value']} ({', '.join(v['outlets'])})" for v in d["values"])
        lines.append(f"  {d['field']} of {_cut(d['summary'], 50)}: {values}")
    return "\n".join(lines)


def render_control(periods: Sequence[ControlPeriod]) -> str:
    """Who held which place since when, one line a period."""
    if not periods:
        return "no capture of a town or site is reported"
    lines = []
    for p in periods:
        until = f" until {p.until}" if p.until else ""
        claimed = " (claimed)" if p.modality == "claimed" else ""
        lines.append(
            f"{p.place:<24} {p.controller}{claimed} since {p.since or '?'}{until}  [{p.event_id}]"
        )
    return "\n".join(lines)


def _events(events: Sequence[dict[str, Any]]) -> list[str]:
    return [f"    {e['type']:<9} {e['modality']:<12} {_cut(e['summary'], 60)}" for e in events]


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
