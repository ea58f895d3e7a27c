"""Clustering and coreference scorers on hand-worked examples."""

from __future__ import annotations

import math

import pytest

from sitroom.errors import EvaluationError
from sitroom.evaluate.clustering import (
    adjusted_rand_index,
    b_cubed,
    bcubed,
    ceaf_e,
    coref_scores,
    muc,
    normalized_mutual_info,
)


def test_bcubed_by_hand() -> None:
    gold = {1: "A", 2: "A", 3: "B"}
    pred = {1: "x", 2: "y", 3: "y"}
    # Precision per item: 1 -> {1}∩{1,2} 1/1; 2 -> {2,3}∩{1,2} 1/2; 3 -> {2,3}∩{3} 1/2: 2/3.
    # Recall per item: 1 -> {1,2}∩{1} 1/2; 2 -> {1,2}∩{2,3} 1/2; 3 -> {3}∩{2,3} 1/1: 2/3.
    score = bcubed(gold, pred)
    assert score.precision == pytest.approx(2 / 3)
    assert score.recall == pytest.approx(2 / 3)
    assert score.f1 == pytest.approx(2 / 3)


def test_bcubed_missing_items_are_singletons_and_extra_items_ignored() -> None:
    gold = {1: "A", 2: "A"}
    # Item 2 left out, item 9 unknown: clusters {1}, {2} -> P 1, R 1/2.
    score = bcubed(gold, {1: "x", 9: "x"})
    assert (score.precision, score.recall) == (1.0, 0.5)


def test_adjusted_rand_index_by_hand() -> None:
    # gold [0,0,1,1], pred [0,0,1,2]: pairs together in both: 1; gold pairs 2; pred pairs 1;
    # all pairs 6. expected = 2*1/6 = 1/3, max = (2+1)/2 = 3/2, ARI = (1 - 1/3)/(3/2 - 1/3) = 4/7.
    assert adjusted_rand_index([0, 0, 1, 1], [0, 0, 1, 2]) == pytest.approx(4 / 7)
    # gold [0,0,1,1], pred [0,1,0,1]: index 0, expected 2*2/6 = 2/3, max 2: (0-2/3)/(4/3) = -1/2.
    assert adjusted_rand_index([0, 0, 1, 1], [0, 1, 0, 1]) == pytest.approx(-0.5)
    assert adjusted_rand_index(["a", "a", "b"], ["x", "x", "y"]) == 1.0
    # Degenerate cases count as agreement, as in scikit-learn.
    assert adjusted_rand_index([1], [2]) == 1.0
    assert adjusted_rand_index([1, 2, 3], [4, 5, 6]) == 1.0
    assert adjusted_rand_index([1, 1, 1], [1, 2, 3]) == 0.0
    with pytest.raises(EvaluationError):
        adjusted_rand_index([1, 2], [1])


def test_normalized_mutual_info_by_hand() -> None:
    # gold [0,0,1,1], pred [0,0,1,2]: MI = ln 2, H(gold) = ln 2, H(pred) = 1.5 ln 2,
    # NMI = ln 2 / ((ln 2 + 1.5 ln 2) / 2) = 0.8.
    assert normalized_mutual_info([0, 0, 1, 1], [0, 0, 1, 2]) == pytest.approx(0.8)
    assert normalized_mutual_info([0, 0, 1, 1], [5, 5, 5, 5]) == 0.0
    assert normalized_mutual_info([0, 0], [3, 3]) == 1.0


KEY = [{"a", "b", "c", "d"}]
RESPONSE = [{"a", "b"}, {"c", "d"}]


def test_muc_by_hand() -> None:
    # Recall: the key cluster of 4 is split in 2 parts: (4 - 2) / (4 - 1) = 2/3.
    # Precision: each response cluster lies in one key cluster: (1 + 1) / (1 + 1) = 1.
    score = muc(KEY, RESPONSE)
    assert score.precision == 1.0
    assert score.recall == pytest.approx(2 / 3)
    assert score.f1 == pytest.approx(0.8)


def test_b_cubed_coref_by_hand() -> None:
    # Recall: (2^2/4 + 2^2/4) / 4 mentions = 1/2. Precision: (2^2/2 + 2^2/2) / 4 = 1.
    score = b_cubed(KEY, RESPONSE)
    assert (score.precision, score.recall) == (1.0, 0.5)
    assert score.f1 == pytest.approx(2 / 3)


def test_ceaf_e_by_hand() -> None:
    # phi4(K, R1) = phi4(K, R2) = 2*2/(4+2) = 2/3; one key cluster aligns with one response
    # cluster: similarity 2/3. Recall (2/3)/1, precision (2/3)/2 = 1/3, F1 = 4/9.
    score = ceaf_e(KEY, RESPONSE)
    assert score.recall == pytest.approx(2 / 3)
    assert score.precision == pytest.approx(1 / 3)
    assert score.f1 == pytest.approx(4 / 9)


def test_ceaf_e_finds_the_best_alignment() -> None:
    # K1={a,b,c}, K2={d}; R1={a,b}, R2={c,d}.
    # phi4: K1-R1 = 2*2/5 = 4/5, K1-R2 = 2*1/5 = 2/5, K2-R1 = 0, K2-R2 = 2*1/3 = 2/3.
    # Best one-to-one: K1-R1 + K2-R2 = 4/5 + 2/3 = 22/15 (not K1-R2 + K2-R1 = 2/5);
    # recall = precision = (22/15)/2 = 11/15.
    score = ceaf_e([{"a", "b", "c"}, {"d"}], [{"a", "b"}, {"c", "d"}])
    assert score.recall == pytest.approx(11 / 15)
    assert score.precision == pytest.approx(11 / 15)


def test_conll_f1_is_the_mean_of_the_three() -> None:
    scores = coref_scores(KEY, RESPONSE)
    assert scores.conll_f1 == pytest.approx((0.8 + 2 / 3 + 4 / 9) / 3)


def test_coref_with_mentions_the_other_side_lacks() -> None:
    # Key {a,b}; response {a,c}: the only key link is missing, the only response link wrong.
    key, response = [{"a", "b"}], [{"a", "c"}]
    assert muc(key, response).f1 == 0.0
    # B-cubed: recall (1^2/2)/2 = 1/4 for a, b gets nothing; precision likewise 1/4.
    assert b_cubed(key, response).recall == pytest.approx(0.25)
    assert b_cubed(key, response).precision == pytest.approx(0.25)
    # CEAF-e: phi4 = 2*1/4 = 1/2 over one cluster each side.
    assert ceaf_e(key, response).f1 == pytest.approx(0.5)


def test_identical_clusterings_with_singletons() -> None:
    clusters = [{1, 2, 3}, {4}, {5, 6}]
    scores = coref_scores(clusters, clusters)
    assert scores.conll_f1 == pytest.approx(1.0)
    # With only singletons there are no links: MUC is 0 as in the reference scorer.
    assert muc([{1}, {2}], [{1}, {2}]).f1 == 0.0
    assert b_cubed([{1}, {2}], [{1}, {2}]).f1 == 1.0


def test_a_mention_in_two_clusters_is_an_error() -> None:
    with pytest.raises(EvaluationError, match="in two clusters"):
        b_cubed([{1, 2}], [{1}, {1, 2}])
    with pytest.raises(EvaluationError, match="in two clusters"):
        ceaf_e([{1}, {1}], [{1}])


def test_empty_inputs() -> None:
    assert b_cubed([], []).f1 == 0.0
    assert ceaf_e([set()], [{1}]).precision == 0.0
    assert math.isclose(normalized_mutual_info([], []), 1.0)
