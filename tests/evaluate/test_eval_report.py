"""The report of an evaluation run: its text table and its JSON form."""

from __future__ import annotations

import json

from sitroom.evaluate import EvalReport


def test_report_table_and_json() -> None:
    report = EvalReport(
        "geo_gwn", "dev", n_records=3,
        metrics={"toponym_f1": 0.5, "median_km": None, "n": 7},
        details={"confusion": {"labels": ["a"], "counts": [[1]]}},
    )
    lines = report.format_table().splitlines()
    assert lines[0] == "task geo_gwn, split dev, 3 records"
    assert lines[3].split() == ["toponym_f1", "0.5000"]
    assert lines[4].split() == ["median_km", "n/a"]
    assert lines[5].split() == ["n", "7"]
    assert len({len(line) for line in lines[1:]}) == 1
    data = json.loads(json.dumps(report.to_json()))
    assert data["metrics"]["median_km"] is None
    assert data["n_records"] == 3
