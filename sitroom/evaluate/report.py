"""What the harness reports: the description of a task and the result of running it."""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass, field
from typing import Any

MetricValue = float | int | None


@dataclass(frozen=True, slots=True)
class TaskInfo:
    """One evaluation task: its name, the pipeline stage it needs, and the metrics it reports."""

    name: str
    stage: str
    _: KW_ONLY
    description: str
    metric_keys: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EvalReport:
    """The result of one evaluation run.

    ``metrics`` holds exactly the task's ``metric_keys`` (None where a metric could not be
    measured, e.g. no gold item of that kind); ``details`` holds everything else, JSON-ready:
    counts, secondary scores, per-type results, confusion matrices.
    """

    task: str
    split: str
    _: KW_ONLY
    n_records: int
    metrics: dict[str, MetricValue]
    details: dict[str, Any] = field(default_factory=dict)

    def format_table(self) -> str:
        """The metrics as an aligned two-column text table, under a one-line header."""
        rows = [(key, _format_value(value)) for key, value in self.metrics.items()]
        key_width = max([len("metric"), *(len(key) for key, _ in rows)])
        value_width = max([len("value"), *(len(value) for _, value in rows)])
        lines = [
            f"task {self.task}, split {self.split}, {self.n_records} records",
            f"{'metric':<{key_width}}  {'value':>{value_width}}",
            f"{'-' * key_width}  {'-' * value_width}",
        ]
        lines.extend(f"{key:<{key_width}}  {value:>{value_width}}" for key, value in rows)
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """The report as one JSON-ready dict."""
        return {
            "task": self.task,
            "split": self.split,
            "n_records": self.n_records,
            "metrics": dict(self.metrics),
            "details": self.details,
        }


def _format_value(value: MetricValue) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, int):
        return str(value)
    return f"{value:.4f}"
