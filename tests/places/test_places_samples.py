"""The founding sample reports: their places resolve near their true positions."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from sitroom.places.gazetteer import Gazetteer
from sitroom.places.resolve import resolve_places

# Approximate true positions (author's knowledge), to within a few km.
TOWNS = {
    "Baghdad": (33.31, 44.37), "Mosul": (36.34, 43.13), "Tal Afar": (36.38, 42.45),
    "Samarra": (34.20, 43.87), "Falluja": (33.35, 43.78), "Najaf": (32.00, 44.34),
    "Karbala": (32.62, 44.02), "Saqlawiya": (33.40, 43.68), "Tehran": (35.69, 51.39),
}
COUNTRIES = {"Syria": "SYR", "Iran": "IRN", "Iraq": "IRQ"}


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def test_sample_places(samples_dir: Path, nlp: Any, gazetteer: Gazetteer) -> None:
    seen: dict[str, list[Any]] = {}
    for path in sorted(samples_dir.glob("*.txt")):
        doc = nlp(path.read_text(encoding="utf-8"))
        for m in resolve_places(doc, gazetteer, article_id=path.stem):
            seen.setdefault(m.text, []).append(m)
    for name, point in TOWNS.items():
        assert name in seen, f"{name} not found"
        for m in seen[name]:
            assert m.entry is not None, name
            assert _km((m.entry.lat, m.entry.lon), point) < 30, (name, m.entry)
    for name, code in COUNTRIES.items():
        for m in seen[name]:
            assert m.entry is not None
            assert (m.entry.country, m.entry.feature) == (code, "country")
    assert "Soleimani" not in seen
