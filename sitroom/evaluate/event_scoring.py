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


WIKIEVENTS_FAMILIES = ("Conflict.Attack", "Life.Die", "Life.Injure")
"""The KAIROS families the WikiEvents metrics cover: attacks, deaths and injuries."""


def score_wikievents(documents: Sequence[WikiDocument], extractor: EventExtractor) -> Scored:
    """Trigger and argument F1 (exact spans) over attack, death and injury events.

    A trigger is identified by its span and classified by its type too; an argument is
    identified when its span and its event's type match a gold argument, and classified when
    its role matches too. The details give the same scores over every type.
    """
    gold: dict[str, list[Hashable]] = defaultdict(list)
    pred: dict[str, list[Hashable]] = defaultdict(list)
    for doc in documents:
        for e in doc.events:
            _add_event(
                gold, doc.doc_id, e.type, e.trigger, [(g.start, g.end, g.role) for g in e.arguments]
            )
        for p in extractor.extract_events(doc.text):
            check_span(doc.doc_id, doc.text, p.trigger_start, p.trigger_end)
            for a in p.arguments:
                check_span(doc.doc_id, doc.text, a.start, a.end)
            arguments = [(a.start, a.end, a.role) for a in p.arguments]
            _add_event(pred, doc.doc_id, p.type, (p.trigger_start, p.trigger_end), arguments)
    levels = ("trigger_id", "trigger_class", "argument_id", "argument_role")
    scores = {level: multiset_score(gold[level], pred[level]) for level in levels}
    every = {level: multiset_score(gold["all_" + level], pred["all_" + level]) for level in levels}
    return Scored(
        {f"{level}_f1": scores[level].f1 for level in levels},
        {
            "families": list(WIKIEVENTS_FAMILIES),
            **{level: scores[level].to_json() for level in levels},
            "all_types": {level: every[level].to_json() for level in levels},
        },
    )


def _add_event(
    items: dict[str, list[Hashable]],
    doc_id: str,
    event_type: str,
    trigger: tuple[int, int],
    arguments: Sequence[tuple[int, int, str]],
) -> None:
    prefixes = ["all_"]
    if event_type.startswith(tuple(f + "." for f in WIKIEVENTS_FAMILIES)):
        prefixes.append("")
    for prefix in prefixes:
        items[prefix + "trigger_id"].append((doc_id, *trigger))
        items[prefix + "trigger_class"].append((doc_id, *trigger, event_type))
        for start, end, role in arguments:
            items[prefix + "argument_id"].append((doc_id, event_type, start, end))
            items[prefix + "argument_role"].append((doc_id, event_type, start, end, role))


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
