"""Pure scorers: span P/R/F1, geocoding error, classification and time-expression scores.

Conventions, the same in every scorer: a ratio with nothing to count is 0.0, except that
precision and recall of an empty prediction against an empty gold are both 1.0 (nothing was
there and nothing was claimed). Summaries of an empty list of errors are None.
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import KW_ONLY, dataclass
from typing import Any, Literal

from sitroom.errors import EvaluationError

MatchMode = Literal["exact", "overlap"]
DocSpan = tuple[str, int, int]
"""A span in one document: ``(doc_id, start, end)``."""

"""Mean Earth radius (IUGG)."""
MAX_ERROR_KM = 20039.0
"""The largest possible great-circle error, as normalised by Gritta et al."""
ACCURACY_KM = 161.0
"""The distance of accuracy@161km (100 miles)."""


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and their harmonic mean."""

    precision: float
    recall: float
    f1: float

    def to_json(self) -> dict[str, float]:
        """The three numbers as a dict."""
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass(frozen=True, slots=True)
class SpanScore:
    """Span precision/recall/F1 with the counts behind them."""

    precision: float
    recall: float
    f1: float
    _: KW_ONLY
    n_matched: int
    n_gold: int
    n_pred: int

    def to_json(self) -> dict[str, float | int]:
        """The scores and counts as a dict."""
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "n_matched": self.n_matched,
            "n_gold": self.n_gold,
            "n_pred": self.n_pred,
        }


def f1_of(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall (0.0 when both are 0)."""
    total = precision + recall
    return 0.0 if total == 0 else 2 * precision * recall / total


def span_score(n_matched: int, n_gold: int, n_pred: int) -> SpanScore:
    """Precision/recall/F1 from counts, with the empty-versus-empty convention of this module."""
    if not 0 <= n_matched <= min(n_gold, n_pred):
        raise EvaluationError(
            f"{n_matched} matches cannot come from {n_gold} gold and {n_pred} predicted"
        )
    if n_gold == 0 and n_pred == 0:
        return SpanScore(1.0, 1.0, 1.0, n_matched=0, n_gold=0, n_pred=0)
    precision = n_matched / n_pred if n_pred else 0.0
    recall = n_matched / n_gold if n_gold else 0.0
    return SpanScore(
        precision,
        recall,
        f1_of(precision, recall),
        n_matched=n_matched,
        n_gold=n_gold,
        n_pred=n_pred,
    )


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """True when two spans share at least one character (identical empty spans also count)."""
    return (a[0] < b[1] and b[0] < a[1]) or a == b


def match_spans(
    gold: Sequence[tuple[int, int]], pred: Sequence[tuple[int, int]], *, mode: MatchMode = "exact"
) -> list[tuple[int, int]]:
    """Pair gold and predicted spans of one document one-to-one; returns ``(gold_i, pred_j)``.

    ``exact`` pairs identical spans. ``overlap`` pairs spans sharing a character and finds a
    largest one-to-one pairing (a gold span is matched at most once, and so is a prediction);
    among the candidates of a gold span, the exact one and then the longest overlap come first.
    """
    if mode == "exact":
        free: dict[tuple[int, int], list[int]] = defaultdict(list)
        for j, span in enumerate(pred):
            free[span].append(j)
        pairs = []
        for i, span in enumerate(gold):
            if free[span]:
                pairs.append((i, free[span].pop(0)))
        return pairs
    by_start = sorted(range(len(pred)), key=lambda j: pred[j])
    candidates: list[list[int]] = []
    for g in gold:
        near = [j for j in by_start if overlaps(g, pred[j])]
        near.sort(key=lambda j: (pred[j] != g, -_overlap_length(g, pred[j]), pred[j]))
        candidates.append(near)
    matched = _maximum_matching(candidates, len(pred))
    return [(i, j) for i, j in enumerate(matched) if j >= 0]


def _overlap_length(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _maximum_matching(candidates: list[list[int]], n_right: int) -> list[int]:
    """A maximum bipartite matching (augmenting paths found by breadth-first search).

    ``candidates[i]`` lists the right vertices left vertex ``i`` may take, in preference order.
    Returns, for each left vertex, its right vertex or -1.
    """
    match_left = [-1] * len(candidates)
    match_right = [-1] * n_right
    for root in range(len(candidates)):
        reached_from: dict[int, int] = {}
        queue = [root]
        seen_left = {root}
        free_end = -1
        head = 0
        while head < len(queue) and free_end < 0:
            left = queue[head]
            head += 1
            for right in candidates[left]:
                if right in reached_from:
                    continue
                reached_from[right] = left
                owner = match_right[right]
                if owner < 0:
                    free_end = right
                    break
                if owner not in seen_left:
                    seen_left.add(owner)
                    queue.append(owner)
        # Flip the alternating path that ends at the free right vertex.
        right = free_end
        while right >= 0:
            left = reached_from[right]
            previous = match_left[left]
            match_left[left] = right
            match_right[right] = left
            right = previous
    return match_left


def match_doc_spans(
    gold: Sequence[DocSpan], pred: Sequence[DocSpan], *, mode: MatchMode = "exact"
) -> list[tuple[int, int]]:
    """Pair spans across documents (never across two documents); indices into the inputs."""
    gold_by_doc: dict[str, list[int]] = defaultdict(list)
    pred_by_doc: dict[str, list[int]] = defaultdict(list)
    for i, (doc, _, _) in enumerate(gold):
        gold_by_doc[doc].append(i)
    for j, (doc, _, _) in enumerate(pred):
        pred_by_doc[doc].append(j)
    pairs: list[tuple[int, int]] = []
    for doc, gold_ids in gold_by_doc.items():
        pred_ids = pred_by_doc.get(doc, [])
        local = match_spans(
            [gold[i][1:] for i in gold_ids], [pred[j][1:] for j in pred_ids], mode=mode
        )
        pairs.extend((gold_ids[a], pred_ids[b]) for a, b in local)
    return sorted(pairs)


def span_prf(
    gold: Iterable[DocSpan], pred: Iterable[DocSpan], *, mode: MatchMode = "exact"
) -> SpanScore:
    """Precision/recall/F1 of predicted spans against gold spans, one-to-one."""
    gold_list, pred_list = list(gold), list(pred)
    pairs = match_doc_spans(gold_list, pred_list, mode=mode)
    return span_score(len(pairs), len(gold_list), len(pred_list))


# Geocoding ---------------------------------------------------------------------------------------


def accuracy_within(errors_km: Sequence[float], km: float = ACCURACY_KM) -> float | None:
    """The share of errors of at most ``km`` kilometres; None for no errors."""
    if not errors_km:
        return None
    return sum(error <= km for error in errors_km) / len(errors_km)


def median_km(errors_km: Sequence[float]) -> float | None:
    """The median error; None for no errors."""
    return statistics.median(errors_km) if errors_km else None


def mean_km(errors_km: Sequence[float]) -> float | None:
    """The mean error; None for no errors."""
    return statistics.fmean(errors_km) if errors_km else None


def log_error_auc(errors_km: Sequence[float]) -> float | None:
    """Area under the curve of sorted log errors (Gritta et al.); 0 is perfect, 1 the worst.

    Each error becomes ``log(1 + km) / log(20039)``; the area under these values sorted
    ascending is taken with the trapezoidal rule over unit steps and divided by ``n - 1``. One
    error is its own scaled value. None for no errors.
    """
    if not errors_km:
        return None
    scaled = sorted(math.log1p(min(e, MAX_ERROR_KM)) / math.log(MAX_ERROR_KM) for e in errors_km)
    if len(scaled) == 1:
        return scaled[0]
    area = sum((a + b) / 2 for a, b in itertools.pairwise(scaled))
    return area / (len(scaled) - 1)


@dataclass(frozen=True, slots=True)
class ErrorSummary:
    """Geocoding error statistics over a list of distances."""

    n: int
    _: KW_ONLY
    acc_161km: float | None
    median_km: float | None
    mean_km: float | None
    auc: float | None

    def to_json(self) -> dict[str, float | int | None]:
        """The statistics as a dict."""
        return {
            "n": self.n,
            "acc_161km": self.acc_161km,
            "median_km": self.median_km,
            "mean_km": self.mean_km,
            "auc": self.auc,
        }


def summarise_errors(errors_km: Sequence[float]) -> ErrorSummary:
    """accuracy@161km, median, mean and AUC of a list of errors in km."""
    return ErrorSummary(
        len(errors_km),
        acc_161km=accuracy_within(errors_km),
        median_km=median_km(errors_km),
        mean_km=mean_km(errors_km),
        auc=log_error_auc(errors_km),
    )


# Classification ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LabelScore:
    """Precision/recall/F1 of one label, with its gold support and predicted count."""

    label: str
    precision: float
    recall: float
    f1: float
    _: KW_ONLY
    support: int
    predicted: int


@dataclass(frozen=True, slots=True)
class ConfusionMatrix:
    """Counts of (gold label, predicted label); rows are gold, columns predicted."""

    labels: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]

    def count(self, gold: str, pred: str) -> int:
        """How often ``gold`` was predicted as ``pred``."""
        return self.counts[self.labels.index(gold)][self.labels.index(pred)]

    def render(self) -> str:
        """The matrix as aligned text: one row per gold label, columns numbered by label."""
        if not self.labels:
            return "(empty)"
        width = max(len(label) for label in self.labels)
        cell = max(3, *(len(str(c)) for row in self.counts for c in row)) + 1
        header = " " * (width + 4) + "".join(f"{i:>{cell}}" for i in range(len(self.labels)))
        lines = ["gold \\ predicted (columns numbered as rows)", header]
        for i, (label, row) in enumerate(zip(self.labels, self.counts, strict=True)):
            cells = "".join(f"{c:>{cell}}" if c else f"{'.':>{cell}}" for c in row)
            lines.append(f"{i:>2} {label:<{width}} {cells}")
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """Labels and counts as plain lists."""
        return {"labels": list(self.labels), "counts": [list(row) for row in self.counts]}


@dataclass(frozen=True, slots=True)
class ClassificationScores:
    """Accuracy, micro/macro/weighted P/R/F1, per-label scores and the confusion matrix."""

    accuracy: float
    _: KW_ONLY
    micro: PRF
    macro: PRF
    weighted: PRF
    per_label: tuple[LabelScore, ...]
    confusion: ConfusionMatrix
    n: int


def classification_scores(
    gold: Sequence[str], pred: Sequence[str], *, labels: Sequence[str] | None = None
) -> ClassificationScores:
    """Score single-label predictions; averages run over ``labels`` (default: every label seen).

    Micro averages pool the counts of the listed labels (with every label listed, micro P, R
    and F1 all equal accuracy); macro is the plain mean over labels; weighted weighs each label
    by its gold support. A label never predicted has precision 0.
    """
    if len(gold) != len(pred):
        raise EvaluationError(f"{len(gold)} gold labels but {len(pred)} predictions")
    seen = sorted(set(gold) | set(pred))
    scored = list(labels) if labels is not None else seen
    # The matrix shows every label that occurs, scored or not, so nothing is hidden.
    matrix_labels = scored + [label for label in seen if label not in scored]
    index = {label: i for i, label in enumerate(matrix_labels)}
    counts = [[0] * len(matrix_labels) for _ in matrix_labels]
    for g, p in zip(gold, pred, strict=True):
        counts[index[g]][index[p]] += 1
    support = Counter(gold)
    predicted = Counter(pred)
    per_label = []
    for label in scored:
        tp = counts[index[label]][index[label]] if label in index else 0
        precision = tp / predicted[label] if predicted[label] else 0.0
        recall = tp / support[label] if support[label] else 0.0
        per_label.append(
            LabelScore(
                label,
                precision,
                recall,
                f1_of(precision, recall),
                support=support[label],
                predicted=predicted[label],
            )
        )
    tp_total = sum(counts[index[s.label]][index[s.label]] for s in per_label if s.label in index)
    micro_p = _ratio(tp_total, sum(s.predicted for s in per_label))
    micro_r = _ratio(tp_total, sum(s.support for s in per_label))
    n_labels = len(per_label)
    macro = PRF(
        _ratio(sum(s.precision for s in per_label), n_labels),
        _ratio(sum(s.recall for s in per_label), n_labels),
        _ratio(sum(s.f1 for s in per_label), n_labels),
    )
    total_support = sum(s.support for s in per_label)
    weighted = PRF(
        _ratio(sum(s.precision * s.support for s in per_label), total_support),
        _ratio(sum(s.recall * s.support for s in per_label), total_support),
        _ratio(sum(s.f1 * s.support for s in per_label), total_support),
    )
    correct = sum(g == p for g, p in zip(gold, pred, strict=True))
    return ClassificationScores(
        _ratio(correct, len(gold)),
        micro=PRF(micro_p, micro_r, f1_of(micro_p, micro_r)),
        macro=macro,
        weighted=weighted,
        per_label=tuple(per_label),
        confusion=ConfusionMatrix(tuple(matrix_labels), tuple(tuple(r) for r in counts)),
        n=len(gold),
    )


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


# Time expressions --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TimexItem:
    """A gold or predicted time expression in one document."""

    doc_id: str
    start: int
    end: int
    _: KW_ONLY
    value: str | None = None
    type: str | None = None


@dataclass(frozen=True, slots=True)
class TimexScores:
    """TempEval-3 style scores: strict and relaxed span F1, value and type accuracy.

    ``value_accuracy`` and ``type_accuracy`` are measured over the relaxed (any-overlap,
    one-to-one) matches; ``value_f1`` counts a match with the right value as a hit.
    """

    strict: SpanScore
    relaxed: SpanScore
    _: KW_ONLY
    value_accuracy: float | None
    type_accuracy: float | None
    value_f1: float


def timex_scores(gold: Sequence[TimexItem], pred: Sequence[TimexItem]) -> TimexScores:
    """Score predicted time expressions against gold ones."""
    gold_spans = [(t.doc_id, t.start, t.end) for t in gold]
    pred_spans = [(t.doc_id, t.start, t.end) for t in pred]
    strict = match_doc_spans(gold_spans, pred_spans, mode="exact")
    relaxed = match_doc_spans(gold_spans, pred_spans, mode="overlap")
    right_value = sum(gold[i].value == pred[j].value for i, j in relaxed)
    right_type = sum(gold[i].type == pred[j].type for i, j in relaxed)
    return TimexScores(
        span_score(len(strict), len(gold), len(pred)),
        span_score(len(relaxed), len(gold), len(pred)),
        value_accuracy=right_value / len(relaxed) if relaxed else None,
        type_accuracy=right_type / len(relaxed) if relaxed else None,
        value_f1=span_score(right_value, len(gold), len(pred)).f1,
    )


def count_labels(values: Iterable[Hashable]) -> dict[str, int]:
    """A JSON-friendly count of values, most common first."""
    return {str(value): n for value, n in Counter(values).most_common()}
