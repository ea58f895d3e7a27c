"""The evaluation gate: accuracy on the dev sets must not fall below pinned floors.

The floors sit just under the figures in the README. Raise a floor when a change improves a
figure; never lower one to make a change pass. Marked slow (it runs every evaluation, about a
quarter of an hour on a 2-core machine): the default test run leaves it out and `.ci/run` runs it
as a step of its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.evaluate import evaluate, list_tasks
from sitroom.evaluate.systems import build_system
from sitroom.settings import Settings

pytestmark = pytest.mark.slow

FLOORS: dict[str, dict[str, float]] = {
    "geo_gwn": {"toponym_f1": 0.88, "acc_161km": 0.94, "acc_161km_all": 0.81},
    "geo_geovirus": {"toponym_f1": 0.825, "acc_161km": 0.925, "acc_161km_all": 0.82},
    "meantime": {"timex_f1": 0.89, "value_accuracy": 0.92},
    "ngec_actor_test_cases": {"pass_rate": 0.54},
    "mordecai3_test_cases": {"pass_rate": 0.36},
    "case2021": {"weighted_f1": 0.755, "macro_f1": 0.75},
    "plover_gsr": {"type_accuracy": 0.80},
    "polnear": {"content_f1": 0.535, "speaker_accuracy": 0.915},
    "gva": {
        "killed_exact": 0.87, "injured_exact": 0.797, "date_exact": 0.82, "place_40km": 0.85,
        "e2e_killed_exact": 0.86, "e2e_date_exact": 0.80, "e2e_place_40km": 0.85,
        "cluster_b3_f1": 0.93,
    },
    "ecbplus": {"cluster_b3_f1": 0.915},
    "giveme5w1h": {"cluster_b3_f1": 0.835},
    "wikievents": {"trigger_id_f1": 0.68, "argument_id_f1": 0.32},
}


@pytest.mark.parametrize("task", sorted(FLOORS))
def test_accuracy_stays_above_floors(task: str, eval_dir: Path) -> None:
    stage = {t.name: t.stage for t in list_tasks()}[task]
    system = build_system(task, stage, Settings())
    report = evaluate(task, data_dir=eval_dir, system=system)
    for metric, floor in FLOORS[task].items():
        value = report.metrics[metric]
        assert value is not None
        assert value >= floor, f"{task} {metric} fell to {value:.4f} (floor {floor})"
