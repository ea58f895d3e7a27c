"""Properties of the scorers, checked with Hypothesis on generated inputs."""

from __future__ import annotations

import itertools
from collections.abc import Hashable

from hypothesis import given, settings
from hypothesis import strategies as st

from sitroom.evaluate.clustering import (
    _max_assignment,
    adjusted_rand_index,
    bcubed,
    coref_scores,
    normalized_mutual_info,
)
from sitroom.evaluate.scoring import MatchMode, classification_scores, span_prf

FAST = settings(max_examples=60, deadline=None)

span = st.tuples(st.sampled_from(["d1", "d2"]), st.integers(0, 30), st.integers(1, 8)).map(
    lambda t: (t[0], t[1], t[1] + t[2])
)
spans = st.lists(span, max_size=12)
labels = st.lists(st.integers(0, 4), min_size=1, max_size=25)


@FAST
@given(spans, spans, st.sampled_from(["exact", "overlap"]))
def test_span_scores_are_bounded(
    gold: list[tuple[str, int, int]], pred: list[tuple[str, int, int]], mode: MatchMode
) -> None:
    score = span_prf(gold, pred, mode=mode)
    for value in (score.precision, score.recall, score.f1):
        assert 0.0 <= value <= 1.0
    assert score.n_matched <= min(len(gold), len(pred))


@FAST
@given(spans)
def test_perfect_spans_score_one(gold: list[tuple[str, int, int]]) -> None:
    assert span_prf(gold, list(reversed(gold))).f1 == 1.0
    assert span_prf(gold, gold, mode="overlap").f1 == 1.0


@FAST
@given(spans, spans)
def test_overlap_matches_at_least_as_many_as_exact(
    gold: list[tuple[str, int, int]], pred: list[tuple[str, int, int]]
) -> None:
    exact = span_prf(gold, pred).n_matched
    assert span_prf(gold, pred, mode="overlap").n_matched >= exact


@FAST
@given(labels)
def test_identical_clusterings_score_one(gold: list[int]) -> None:
    as_map = dict(enumerate(gold))
    assert bcubed(as_map, as_map).f1 == 1.0
    assert adjusted_rand_index(gold, gold) == 1.0
    assert abs(normalized_mutual_info(gold, gold) - 1.0) < 1e-9


@FAST
@given(labels, st.data())
def test_cluster_scores_ignore_label_names(gold: list[int], data: st.DataObject) -> None:
    pred = data.draw(st.lists(st.integers(0, 4), min_size=len(gold), max_size=len(gold)))
    renamed = data.draw(st.permutations(range(5)))
    relabelled = [f"c{renamed[p]}" for p in pred]
    assert adjusted_rand_index(gold, pred) == adjusted_rand_index(gold, relabelled)
    assert normalized_mutual_info(gold, pred) == normalized_mutual_info(gold, relabelled)
    b3 = bcubed(dict(enumerate(gold)), dict(enumerate(pred)))
    assert b3 == bcubed(dict(enumerate(gold)), dict(enumerate(relabelled)))
    assert 0.0 <= b3.f1 <= 1.0
    assert -1.0 <= adjusted_rand_index(gold, pred) <= 1.0
    assert 0.0 <= normalized_mutual_info(gold, pred) <= 1.0


@FAST
@given(labels, labels)
def test_classification_scores_are_bounded(gold: list[int], pred: list[int]) -> None:
    n = min(len(gold), len(pred))
    s = classification_scores([str(g) for g in gold[:n]], [str(p) for p in pred[:n]])
    for value in (s.accuracy, s.macro.f1, s.weighted.f1, s.micro.f1):
        assert 0.0 <= value <= 1.0 + 1e-12
    assert abs(s.micro.f1 - s.accuracy) < 1e-12
    perfect = classification_scores([str(g) for g in gold], [str(g) for g in gold])
    assert (perfect.accuracy, perfect.macro.f1, perfect.weighted.f1) == (1.0, 1.0, 1.0)


def _clusters(assignment: list[int]) -> list[set[Hashable]]:
    groups: dict[int, set[Hashable]] = {}
    for mention, cluster in enumerate(assignment):
        groups.setdefault(cluster, set()).add(mention)
    return list(groups.values())


@FAST
@given(st.lists(st.integers(0, 3), min_size=2, max_size=15), st.data())
def test_coref_scores_bounded_and_perfect_on_identity(
    key_ids: list[int], data: st.DataObject
) -> None:
    n = len(key_ids)
    response_ids = data.draw(st.lists(st.integers(0, 5), min_size=n, max_size=n))
    key, response = _clusters(key_ids), _clusters(response_ids)
    scores = coref_scores(key, response)
    for prf in (scores.muc, scores.b_cubed, scores.ceaf_e):
        assert 0.0 <= prf.precision <= 1.0 + 1e-12
        assert 0.0 <= prf.recall <= 1.0 + 1e-12
    same = coref_scores(key, key)
    assert abs(same.b_cubed.f1 - 1.0) < 1e-12
    assert abs(same.ceaf_e.f1 - 1.0) < 1e-12
    if any(len(c) > 1 for c in key):
        assert abs(same.conll_f1 - 1.0) < 1e-12


@FAST
@given(
    st.integers(1, 4).flatmap(
        lambda rows: st.integers(1, 4).flatmap(
            lambda cols: st.lists(
                st.lists(st.floats(0, 1), min_size=cols, max_size=cols),
                min_size=rows,
                max_size=rows,
            )
        )
    )
)
def test_assignment_is_optimal(weights: list[list[float]]) -> None:
    rows, cols = len(weights), len(weights[0])
    if rows <= cols:
        best = max(
            sum(weights[i][j] for i, j in enumerate(perm))
            for perm in itertools.permutations(range(cols), rows)
        )
    else:
        best = max(
            sum(weights[i][j] for j, i in enumerate(perm))
            for perm in itertools.permutations(range(rows), cols)
        )
    assert abs(_max_assignment(weights) - best) < 1e-9
