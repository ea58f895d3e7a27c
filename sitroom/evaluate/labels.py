"""Mappings between sitroom's event types and the evaluation sets' labels (label_maps.json)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import KW_ONLY, dataclass
from importlib import resources
from typing import Any

from sitroom.errors import EvaluationError
from sitroom.evaluate.system import PredictedEventType

LABEL_MAPS_FILE = "label_maps.json"
NO_LABEL = "(none)"
"""The label of a prediction that maps to no label of the set (always counted wrong)."""


@dataclass(frozen=True, slots=True)
class Case2021Mapping:
    """How a predicted event type becomes a CASE 2021 label."""

    labels: tuple[str, ...]
    _: KW_ONLY
    from_acled: Mapping[str, str]
    from_plover: Mapping[str, str]

    def map(self, predicted: PredictedEventType) -> str:
        """The CASE label: via the ACLED sub-event type, else the PLOVER type, else NO_LABEL."""
        sub_type = predicted.acled_sub_event_type
        if sub_type is not None:
            if sub_type in self.labels:
                return sub_type
            mapped = self.from_acled.get(sub_type.strip().casefold())
            if mapped is not None:
                return mapped
        if predicted.type is not None:
            return self.from_plover.get(predicted.type.strip().upper(), NO_LABEL)
        return NO_LABEL

    def unreachable(self) -> tuple[str, ...]:
        """The labels no sitroom event type maps to: the system cannot express them."""
        reachable = set(self.from_acled.values()) | set(self.from_plover.values())
        return tuple(label for label in self.labels if label not in reachable)


@dataclass(frozen=True, slots=True)
class PloverMapping:
    """How gold PLOVER 0.5 labels become current PLOVER types."""

    labels: tuple[str, ...]
    _: KW_ONLY
    gold_to_current: Mapping[str, str]

    def gold(self, label: str) -> str:
        """The current PLOVER type of a gold label."""
        return self.gold_to_current.get(label, label)

    def predicted(self, predicted: PredictedEventType) -> str:
        """The predicted PLOVER type, or NO_LABEL."""
        return predicted.type.strip().upper() if predicted.type else NO_LABEL


@dataclass(frozen=True, slots=True)
class LabelMaps:
    """Every label mapping the harness uses."""

    case2021: Case2021Mapping
    plover_gsr: PloverMapping


def load_label_maps() -> LabelMaps:
    """Read and check ``label_maps.json`` from the package."""
    text = resources.files("sitroom.evaluate").joinpath(LABEL_MAPS_FILE).read_text(encoding="utf-8")
    data: Any = json.loads(text)
    case = _section(data, "case2021")
    labels = _strings(case, "labels", "case2021")
    from_acled = _mapping(case, "from_acled_sub_event_type", "case2021", labels)
    from_plover = _mapping(case, "from_plover_type", "case2021", labels)
    plover = _section(data, "plover_gsr")
    plover_labels = _strings(plover, "labels", "plover_gsr")
    return LabelMaps(
        Case2021Mapping(
            labels,
            from_acled={key.casefold(): value for key, value in from_acled.items()},
            from_plover={key.upper(): value for key, value in from_plover.items()},
        ),
        PloverMapping(
            plover_labels,
            gold_to_current=_mapping(plover, "gold_to_current", "plover_gsr", plover_labels),
        ),
    )


def _section(data: Any, name: str) -> dict[str, Any]:
    section = data.get(name) if isinstance(data, dict) else None
    if not isinstance(section, dict):
        raise EvaluationError(f"{LABEL_MAPS_FILE}: section {name!r} is missing")
    return section


def _strings(section: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = section.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise EvaluationError(f"{LABEL_MAPS_FILE}: {where}.{key} must be a list of strings")
    return tuple(value)


def _mapping(
    section: dict[str, Any], key: str, where: str, labels: tuple[str, ...]
) -> dict[str, str]:
    value = section.get(key)
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise EvaluationError(f"{LABEL_MAPS_FILE}: {where}.{key} must map strings to strings")
    unknown = sorted(set(value.values()) - set(labels))
    if unknown:
        raise EvaluationError(f"{LABEL_MAPS_FILE}: {where}.{key} maps to unknown labels {unknown}")
    return dict(value)
