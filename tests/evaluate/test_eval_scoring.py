"""Scorers on tiny hand-made cases whose answers are worked out by hand in the comments."""

from __future__ import annotations

import math

import pytest

from sitroom.errors import EvaluationError
from sitroom.evaluate.scoring import (
    MAX_ERROR_KM,
    TimexItem,
    accuracy_within,
    classification_scores,
    log_error_auc,
    match_spans,
    mean_km,
    median_km,
    span_prf,
    span_score,
    summarise_errors,
    timex_scores,
)
from sitroom.geo import EARTH_RADIUS_KM, haversine_km

# Spans ------------------------------------------------------------------------------------------


def test_exact_span_prf() -> None:
    gold = [("d1", 0, 5), ("d1", 10, 15), ("d2", 0, 4)]
    pred = [("d1", 0, 5), ("d1", 11, 15), ("d2", 0, 4), ("d2", 6, 9)]
    score = span_prf(gold, pred)
    # 2 exact matches: P = 2/4, R = 2/3, F1 = 2PR/(P+R) = (2/3)/(7/6) = 4/7.
    assert (score.n_matched, score.n_gold, score.n_pred) == (2, 3, 4)
    assert score.precision == pytest.approx(0.5)
    assert score.recall == pytest.approx(2 / 3)
    assert score.f1 == pytest.approx(4 / 7)


def test_overlap_span_prf_counts_each_span_once() -> None:
    # One gold span, two predictions inside it: only one may match.
    score = span_prf([("d", 0, 10)], [("d", 0, 4), ("d", 5, 10)], mode="overlap")
    assert (score.n_matched, score.precision, score.recall) == (1, 0.5, 1.0)
    # The same span in another document never matches.
    assert span_prf([("a", 0, 3)], [("b", 0, 3)], mode="overlap").n_matched == 0
    # Touching is not overlapping (end-exclusive).
    assert span_prf([("d", 0, 3)], [("d", 3, 6)], mode="overlap").n_matched == 0


def test_overlap_matching_is_maximum_not_greedy() -> None:
    # Gold A=[0,10) overlaps predictions P=[5,12) (longer overlap) and Q=[0,2); gold B=[11,20)
    # overlaps only P. Greedy by overlap length gives A-P and leaves B unmatched; the best
    # one-to-one matching is A-Q, B-P.
    pairs = match_spans([(0, 10), (11, 20)], [(5, 12), (0, 2)], mode="overlap")
    assert sorted(pairs) == [(0, 1), (1, 0)]


def test_overlap_matching_prefers_the_exact_span() -> None:
    assert match_spans([(3, 8)], [(0, 9), (3, 8)], mode="overlap") == [(0, 1)]


def test_duplicate_spans_match_one_to_one() -> None:
    assert span_prf([("d", 1, 2)] * 2, [("d", 1, 2)]).n_matched == 1


def test_empty_versus_empty_is_perfect_and_nothing_found_is_zero() -> None:
    assert span_prf([], []).f1 == 1.0
    nothing = span_prf([("d", 0, 1)], [])
    assert (nothing.precision, nothing.recall, nothing.f1) == (0.0, 0.0, 0.0)
    spurious = span_prf([], [("d", 0, 1)])
    assert (spurious.precision, spurious.recall, spurious.f1) == (0.0, 0.0, 0.0)
    with pytest.raises(EvaluationError):
        span_score(3, 2, 5)


# Geocoding --------------------------------------------------------------------------------------


def test_haversine_known_distances() -> None:
    # One degree of longitude on the equator is 2 pi R / 360.
    assert haversine_km(0, 0, 0, 1) == pytest.approx(2 * math.pi * EARTH_RADIUS_KM / 360)
    # Antipodes are half the circumference apart; the same point is 0.
    assert haversine_km(0, 0, 0, 180) == pytest.approx(math.pi * EARTH_RADIUS_KM)
    assert haversine_km(10, 20, 10, 20) == 0.0
    # Pole to equator is a quarter circumference, whatever the longitude.
    assert haversine_km(90, 0, 0, 123) == pytest.approx(math.pi * EARTH_RADIUS_KM / 2)
    # Symmetric, and across the date line the short way round: 2 degrees at the equator.
    assert haversine_km(0, 179, 0, -179) == pytest.approx(haversine_km(0, 0, 0, 2))


def test_accuracy_median_mean() -> None:
    errors = [0.0, 100.0, 161.0, 500.0]
    assert accuracy_within(errors) == 0.75  # 0, 100 and 161 are within 161 km
    assert median_km(errors) == 130.5  # (100 + 161) / 2
    assert mean_km(errors) == pytest.approx(761 / 4)
    assert accuracy_within([]) is None
    assert median_km([]) is None


def test_log_error_auc() -> None:
    # Scaled errors log(1 + e) / log(20039): 0 for e = 0, 1/2 for e = sqrt(20039) - 1, 1 for
    # e = 20038. Sorted [0, 1/2, 1]: trapezoids (0 + 1/2)/2 + (1/2 + 1)/2 = 1, over n - 1 = 2.
    half = math.sqrt(MAX_ERROR_KM) - 1
    assert log_error_auc([MAX_ERROR_KM - 1, 0.0, half]) == pytest.approx(0.5)
    assert log_error_auc([0.0, 0.0]) == 0.0
    assert log_error_auc([half]) == pytest.approx(0.5)
    # Errors beyond the largest possible one are capped at it.
    assert log_error_auc([1e9]) == pytest.approx(1.0, abs=1e-4)
    assert log_error_auc([]) is None
    summary = summarise_errors([0.0, half])
    assert summary.n == 2
    assert summary.auc == pytest.approx(0.25)


# Classification ---------------------------------------------------------------------------------


def test_classification_scores_by_hand() -> None:
    gold = ["a", "a", "b", "c"]
    pred = ["a", "b", "b", "a"]
    s = classification_scores(gold, pred)
    # a: tp 1, predicted 2, support 2 -> P 1/2, R 1/2, F1 1/2
    # b: tp 1, predicted 2, support 1 -> P 1/2, R 1,   F1 2/3
    # c: tp 0, predicted 0, support 1 -> P 0,   R 0,   F1 0
    assert s.accuracy == 0.5
    assert [(x.label, x.f1) for x in s.per_label] == [
        ("a", pytest.approx(0.5)),
        ("b", pytest.approx(2 / 3)),
        ("c", 0.0),
    ]
    assert s.macro.f1 == pytest.approx((0.5 + 2 / 3 + 0) / 3)
    assert s.macro.precision == pytest.approx((0.5 + 0.5 + 0) / 3)
    assert s.weighted.f1 == pytest.approx((2 * 0.5 + 1 * 2 / 3 + 1 * 0) / 4)
    assert s.weighted.recall == pytest.approx(0.5)  # weighted recall is accuracy
    assert (s.micro.precision, s.micro.recall, s.micro.f1) == (0.5, 0.5, 0.5)
    assert s.confusion.count("a", "b") == 1
    assert s.confusion.count("c", "a") == 1
    assert s.confusion.count("a", "a") == 1
    assert s.confusion.counts == ((1, 1, 0), (0, 1, 0), (1, 0, 0))


def test_classification_over_chosen_labels() -> None:
    # Scoring only label "a": micro P = 1/2 (1 of 2 "a" predictions), R = 1/2.
    s = classification_scores(["a", "a", "b"], ["a", "b", "a"], labels=["a"])
    assert [x.label for x in s.per_label] == ["a"]
    assert (s.micro.precision, s.micro.recall) == (0.5, 0.5)
    assert s.confusion.labels == ("a", "b")  # unscored labels still show in the matrix
    with pytest.raises(EvaluationError):
        classification_scores(["a"], [])


def test_confusion_matrix_renders_readably() -> None:
    s = classification_scores(["PROTEST", "ASSAULT"], ["PROTEST", "PROTEST"])
    text = s.confusion.render()
    lines = text.splitlines()
    assert "gold" in lines[0]
    assert lines[2].split() == ["0", "ASSAULT", ".", "1"]
    assert lines[3].split() == ["1", "PROTEST", ".", "1"]
    assert len({len(line) for line in lines[1:]}) == 1  # aligned columns


# Time expressions -------------------------------------------------------------------------------


def test_timex_strict_relaxed_and_value() -> None:
    gold = [
        TimexItem("d", 0, 6, value="2013-03-22", type="DATE"),
        TimexItem("d", 10, 19, value="P2D", type="DURATION"),
        TimexItem("d", 30, 35, value="2013-03", type="DATE"),
    ]
    pred = [
        TimexItem("d", 0, 6, value="2013-03-22", type="DATE"),  # exact, right value
        TimexItem("d", 12, 19, value="P3D", type="DURATION"),  # overlap, wrong value
        TimexItem("d", 40, 44, value="2013", type="DATE"),  # spurious
    ]
    s = timex_scores(gold, pred)
    assert s.strict.f1 == pytest.approx(1 / 3)  # P = R = 1/3
    assert s.relaxed.f1 == pytest.approx(2 / 3)  # P = R = 2/3
    assert s.value_accuracy == 0.5  # 1 of 2 relaxed matches has the gold value
    assert s.type_accuracy == 1.0
    assert s.value_f1 == pytest.approx(1 / 3)  # 1 right value over 3 gold and 3 predicted
    assert timex_scores(gold, []).value_accuracy is None
