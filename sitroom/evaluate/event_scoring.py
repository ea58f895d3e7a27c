"""Scoring of the event tasks (CASE 2021, PLOVER, WikiEvents) and of the reference tests."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from typing import Any

from sitroom.evaluate.gold import Case2021Record, PloverRecord, WikiDocument
from sitroom.evaluate.labels import NO_LABEL, Case2021Mapping, PloverMapping
from sitroom.evaluate.reference import (
    PetrarchCase,
    PetrarchCoding,
    ReferenceCase,
    outcome_counts,
    pass_rate,
    petrarch_outcomes,
    run_reference_cases,
)
from sitroom.evaluate.scoring import (
    ClassificationScores,
    SpanScore,
    classification_scores,
    count_labels,
    span_score,
)
from sitroom.evaluate.system import EventClassifier, EventCoder, EventExtractor, ReferenceAdapter
from sitroom.evaluate.task_scoring import Scored, check_span


def score_case2021(
    records: Sequence[Case2021Record], classifier: EventClassifier, mapping: Case2021Mapping
) -> Scored:
    """Event-type classification of CASE 2021 snippets after mapping to the CASE labels."""
    gold = [r.label for r in records]
    pred = [mapping.map(classifier.classify_event(r.text)) for r in records]
    # Averages run over the labels that occur; "no label" is a wrong answer, not a class.
    labels = sorted((set(gold) | set(pred)) - {NO_LABEL})
    scores = classification_scores(gold, pred, labels=labels)
    details = _classification_details(scores)
    details["labels_not_expressible"] = list(mapping.unreachable())
    details["n_without_label"] = pred.count(NO_LABEL)
    return Scored(
        {
            "weighted_f1": scores.weighted.f1,
            "macro_f1": scores.macro.f1,
            "accuracy": scores.accuracy,
        },
        details,
    )


def score_plover(
    records: Sequence[PloverRecord], classifier: EventClassifier, mapping: PloverMapping
) -> Scored:
    """PLOVER event type accuracy, gold mapped to current PLOVER; mode accuracy in details."""
    predictions = [classifier.classify_event(r.text) for r in records]
    gold = [mapping.gold(r.event) for r in records]
    pred = [mapping.predicted(p) for p in predictions]
    labels = sorted((set(gold) | set(pred)) - {NO_LABEL})
    scores = classification_scores(gold, pred, labels=labels)
    details = _classification_details(scores)
    with_mode = [(r.mode, p.mode) for r, p in zip(records, predictions, strict=True) if r.mode]
    details["mode_accuracy"] = (
        sum(g == p for g, p in with_mode) / len(with_mode) if with_mode else None
    )
    details["gold_labels_mapped"] = count_labels(
        f"{r.event}->{mapping.gold(r.event)}" for r in records if mapping.gold(r.event) != r.event
    )
    return Scored({"type_accuracy": scores.accuracy}, details)


def _classification_details(scores: ClassificationScores) -> dict[str, Any]:
    return {
        "micro": scores.micro.to_json(),
        "macro": scores.macro.to_json(),
        "weighted": scores.weighted.to_json(),
        "per_label": {
            s.label: {
                "precision": s.precision,
                "recall": s.recall,
                "f1": s.f1,
                "support": s.support,
                "predicted": s.predicted,
            }
            for s in scores.per_label
        },
        "confusion": scores.confusion.to_json(),
        "confusion_text": scores.confusion.render(),
    }


def score_wikievents(documents: Sequence[WikiDocument], extractor: EventExtractor) -> Scored:
    """Trigger identification/classification and argument identification/role F1 (exact spans).

    An argument is identified when its span and its event's type match a gold argument, and
    classified when its role matches too.
    """
    gold: dict[str, list[Hashable]] = defaultdict(list)
    pred: dict[str, list[Hashable]] = defaultdict(list)
    for doc in documents:
        for e in doc.events:
            gold["trigger_id"].append((doc.doc_id, *e.trigger))
            gold["trigger_class"].append((doc.doc_id, *e.trigger, e.type))
            for g in e.arguments:
                gold["argument_id"].append((doc.doc_id, e.type, g.start, g.end))
                gold["argument_role"].append((doc.doc_id, e.type, g.start, g.end, g.role))
        for p in extractor.extract_events(doc.text):
            check_span(doc.doc_id, doc.text, p.trigger_start, p.trigger_end)
            pred["trigger_id"].append((doc.doc_id, p.trigger_start, p.trigger_end))
            pred["trigger_class"].append((doc.doc_id, p.trigger_start, p.trigger_end, p.type))
            for a in p.arguments:
                check_span(doc.doc_id, doc.text, a.start, a.end)
                pred["argument_id"].append((doc.doc_id, p.type, a.start, a.end))
                pred["argument_role"].append((doc.doc_id, p.type, a.start, a.end, a.role))
    levels = ("trigger_id", "trigger_class", "argument_id", "argument_role")
    scores = {level: multiset_score(gold[level], pred[level]) for level in levels}
    return Scored(
        {f"{level}_f1": scores[level].f1 for level in levels},
        {level: scores[level].to_json() for level in levels},
    )


def multiset_score(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> SpanScore:
    """P/R/F1 of predicted items against gold items, each item matched at most once."""
    matched = sum((Counter(gold) & Counter(pred)).values())
    return span_score(matched, len(gold), len(pred))


def score_reference(cases: Sequence[ReferenceCase], adapter: ReferenceAdapter) -> Scored:
    """Pass rate of upstream unit tests run through a sitroom adapter."""
    outcomes = run_reference_cases(cases, adapter)
    return Scored(
        {"pass_rate": pass_rate(outcomes)},
        {
            "outcomes": outcome_counts(outcomes),
            "not_passed": {
                o.id: o.reason for o in outcomes if o.status in ("failed", "unsupported")
            },
        },
    )


def score_petrarch(cases: Sequence[PetrarchCase], coder: EventCoder) -> Scored:
    """Pass rate of the PETRARCH2 unit-test sentences, and P/R/F1 over all codings."""
    predictions = [
        [
            PetrarchCoding(c.source, c.target, c.event)
            for c in coder.code_events(case.text, date=case.date or None)
        ]
        for case in cases
    ]
    outcomes = petrarch_outcomes(cases, predictions)
    gold_items = [(i, c) for i, case in enumerate(cases) for c in case.codings]
    pred_items = [(i, c) for i, codings in enumerate(predictions) for c in codings]
    return Scored(
        {"pass_rate": pass_rate(outcomes)},
        {
            "outcomes": outcome_counts(outcomes),
            "codings": multiset_score(gold_items, pred_items).to_json(),
            "not_passed": {o.id: o.reason for o in outcomes if o.status == "failed"},
        },
    )
