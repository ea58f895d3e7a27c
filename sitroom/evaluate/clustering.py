"""Clustering and coreference scorers: B-cubed, adjusted Rand index, NMI, MUC, CEAF-e, CoNLL F1.

Clusterings are given either as labels (a mapping from item to cluster label, for documents)
or as lists of clusters (collections of mentions, for coreference). Coreference scorers follow
the CoNLL-2012 reference scorer: key and response may hold different mentions; a key mention
missing from the response counts against recall, a response mention missing from the key
against precision.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from sitroom.errors import EvaluationError
from sitroom.evaluate.scoring import PRF, f1_of

K = TypeVar("K", bound=Hashable)
Clusters = Sequence[Collection[Hashable]]


def clusters_from_labels(labels: Mapping[K, Hashable]) -> list[frozenset[K]]:
    """Group items by their label."""
    groups: dict[Hashable, set[K]] = defaultdict(set)
    for item, label in labels.items():
        groups[label].add(item)
    return [frozenset(group) for group in groups.values()]


def complete_labels(gold: Mapping[K, Hashable], pred: Mapping[K, Hashable]) -> dict[K, Hashable]:
    """The predicted label of every gold item; an item the prediction left out is alone."""
    return {item: ("label", pred[item]) if item in pred else ("alone", item) for item in gold}


def bcubed(gold: Mapping[K, Hashable], pred: Mapping[K, Hashable]) -> PRF:
    """B-cubed precision/recall/F1 of a clustering over the gold items (Bagga & Baldwin 1998).

    Items missing from ``pred`` are singletons; predicted items absent from ``gold`` are ignored.
    """
    gold_clusters: list[frozenset[K]] = clusters_from_labels(gold)
    pred_clusters: list[frozenset[K]] = clusters_from_labels(complete_labels(gold, pred))
    return b_cubed(gold_clusters, pred_clusters)


def adjusted_rand_index(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> float:
    """The adjusted Rand index of two labelings of the same items (Hubert & Arabie 1985).

    1.0 for identical partitions, about 0 for chance agreement, negative below chance. The
    degenerate cases where the index is 0/0 (fewer than two items, or both labelings all one
    cluster or all singletons) count as perfect agreement, as in scikit-learn.
    """
    _check_same_length(gold, pred)
    total_pairs = math.comb(len(gold), 2)
    together = sum(math.comb(n, 2) for n in Counter(zip(gold, pred, strict=True)).values())
    gold_pairs = sum(math.comb(n, 2) for n in Counter(gold).values())
    pred_pairs = sum(math.comb(n, 2) for n in Counter(pred).values())
    # (index - expected) / (max - expected), multiplied through by 2 * total_pairs to stay exact.
    numerator = 2 * (together * total_pairs - gold_pairs * pred_pairs)
    denominator = (gold_pairs + pred_pairs) * total_pairs - 2 * gold_pairs * pred_pairs
    if denominator == 0:
        return 1.0
    return numerator / denominator


def normalized_mutual_info(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> float:
    """Mutual information normalised by the mean of the two entropies (in [0, 1]).

    Two labelings that each put everything in one cluster score 1.0.
    """
    _check_same_length(gold, pred)
    n = len(gold)
    if n == 0:
        return 1.0
    gold_sizes, pred_sizes = Counter(gold), Counter(pred)
    mutual = sum(
        (count / n) * math.log(n * count / (gold_sizes[g] * pred_sizes[p]))
        for (g, p), count in Counter(zip(gold, pred, strict=True)).items()
    )
    h_gold = _entropy(gold_sizes.values(), n)
    h_pred = _entropy(pred_sizes.values(), n)
    if h_gold == 0 and h_pred == 0:
        return 1.0
    return min(1.0, max(0.0, mutual / ((h_gold + h_pred) / 2)))


def _entropy(sizes: Collection[int], n: int) -> float:
    return -sum((size / n) * math.log(size / n) for size in sizes)


def _check_same_length(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> None:
    if len(gold) != len(pred):
        raise EvaluationError(f"{len(gold)} gold labels but {len(pred)} predicted labels")


# Coreference -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CorefScores:
    """MUC, B-cubed and CEAF-e, and the CoNLL F1 (the mean of their three F1 scores)."""

    muc: PRF
    b_cubed: PRF
    ceaf_e: PRF

    @property
    def conll_f1(self) -> float:
        """The CoNLL-2012 F1: mean of MUC, B-cubed and CEAF-e F1."""
        return (self.muc.f1 + self.b_cubed.f1 + self.ceaf_e.f1) / 3


def coref_scores(key: Clusters, response: Clusters) -> CorefScores:
    """All three coreference metrics of ``response`` against ``key``."""
    return CorefScores(muc(key, response), b_cubed(key, response), ceaf_e(key, response))


def muc(key: Clusters, response: Clusters) -> PRF:
    """The link-based MUC score (Vilain et al. 1995); singletons carry no links.

    With no links in the key (or the response) recall (or precision) is 0, as in the
    reference scorer.
    """
    key_sets, response_sets = _partition(key), _partition(response)
    recall = _muc_side(key_sets, response_sets)
    precision = _muc_side(response_sets, key_sets)
    return PRF(precision, recall, f1_of(precision, recall))


def _muc_side(key: list[frozenset[Hashable]], response: list[frozenset[Hashable]]) -> float:
    owner = _owners(response)
    found = needed = 0
    for cluster in key:
        parts = {owner[m] for m in cluster if m in owner}
        unaligned = sum(m not in owner for m in cluster)
        found += len(cluster) - len(parts) - unaligned
        needed += len(cluster) - 1
    return found / needed if needed else 0.0


def b_cubed(key: Clusters, response: Clusters) -> PRF:
    """The mention-based B-cubed score (Bagga & Baldwin 1998)."""
    key_sets, response_sets = _partition(key), _partition(response)
    recall = _b_cubed_side(key_sets, response_sets)
    precision = _b_cubed_side(response_sets, key_sets)
    return PRF(precision, recall, f1_of(precision, recall))


def _b_cubed_side(key: list[frozenset[Hashable]], response: list[frozenset[Hashable]]) -> float:
    owner = _owners(response)
    credit = 0.0
    mentions = 0
    for cluster in key:
        shared = Counter(owner[m] for m in cluster if m in owner)
        credit += sum(n * n for n in shared.values()) / len(cluster)
        mentions += len(cluster)
    return credit / mentions if mentions else 0.0


def ceaf_e(key: Clusters, response: Clusters) -> PRF:
    """The entity-based CEAF score with phi4 similarity (Luo 2005).

    The best one-to-one alignment of key and response clusters is found exactly (Hungarian
    method) within each group of clusters that share mentions; clusters sharing nothing
    cannot add similarity, so solving the groups apart gives the same total.
    """
    keys, responses = _partition(key), _partition(response)
    total = 0.0
    for key_ids, response_ids in _linked_groups(keys, responses):
        weights = [
            [_phi4(keys[i], responses[j]) for j in response_ids] for i in key_ids
        ]
        total += _max_assignment(weights)
    recall = total / len(keys) if keys else 0.0
    precision = total / len(responses) if responses else 0.0
    return PRF(precision, recall, f1_of(precision, recall))


def _phi4(a: frozenset[Hashable], b: frozenset[Hashable]) -> float:
    return 2 * len(a & b) / (len(a) + len(b))


def _linked_groups(
    keys: Sequence[frozenset[Hashable]], responses: Sequence[frozenset[Hashable]]
) -> list[tuple[list[int], list[int]]]:
    """Connected groups of key and response clusters, linked by shared mentions."""
    parent = list(range(len(keys) + len(responses)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    key_of = {m: i for i, cluster in enumerate(keys) for m in cluster}
    for j, cluster in enumerate(responses):
        for m in cluster:
            if m in key_of:
                parent[find(len(keys) + j)] = find(key_of[m])
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for i in range(len(keys)):
        groups.setdefault(find(i), ([], []))[0].append(i)
    for j in range(len(responses)):
        groups.setdefault(find(len(keys) + j), ([], []))[1].append(j)
    return [(k, r) for k, r in groups.values() if k and r]


def _max_assignment(weights: list[list[float]]) -> float:
    """The largest total weight of a one-to-one assignment of rows to columns."""
    if not weights or not weights[0]:
        return 0.0
    if len(weights) > len(weights[0]):
        weights = [list(column) for column in zip(*weights, strict=True)]
    cost = [[-w for w in row] for row in weights]
    assignment = _hungarian(cost)
    return sum(weights[i][j] for i, j in enumerate(assignment))


def _hungarian(cost: list[list[float]]) -> list[int]:
    """Minimum-cost assignment of each row to a distinct column (rows <= columns).

    The O(n^2 m) shortest augmenting path method with potentials (Kuhn-Munkres).
    """
    n, m = len(cost), len(cost[0])
    inf = math.inf
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    row_of = [0] * (m + 1)  # row_of[j]: 1-based row assigned to column j (0 = none)
    way = [0] * (m + 1)
    for row in range(1, n + 1):
        row_of[0] = row
        col = 0
        min_reduced = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[col] = True
            current_row = row_of[col]
            delta = inf
            next_col = 0
            for j in range(1, m + 1):
                if used[j]:
                    continue
                reduced = cost[current_row - 1][j - 1] - u[current_row] - v[j]
                if reduced < min_reduced[j]:
                    min_reduced[j] = reduced
                    way[j] = col
                if min_reduced[j] < delta:
                    delta = min_reduced[j]
                    next_col = j
            for j in range(m + 1):
                if used[j]:
                    u[row_of[j]] += delta
                    v[j] -= delta
                else:
                    min_reduced[j] -= delta
            col = next_col
            if row_of[col] == 0:
                break
        while col:
            previous = way[col]
            row_of[col] = row_of[previous]
            col = previous
    assignment = [-1] * n
    for j in range(1, m + 1):
        if row_of[j]:
            assignment[row_of[j] - 1] = j - 1
    return assignment


def _partition(clusters: Clusters) -> list[frozenset[Hashable]]:
    """The non-empty clusters as sets; a mention in two clusters is an error."""
    sets = [frozenset(c) for c in clusters if len(c) > 0]
    _owners(sets)
    return sets


def _owners(clusters: Sequence[frozenset[Hashable]]) -> dict[Hashable, int]:
    """Map each mention to the index of its cluster."""
    owner: dict[Hashable, int] = {}
    for index, cluster in enumerate(clusters):
        for mention in cluster:
            if owner.setdefault(mention, index) != index:
                raise EvaluationError(f"mention {mention!r} is in two clusters")
    return owner
