"""Cluster scores of coreference evaluation, over partitions of mentions (here: reports of events).

``key`` is the gold partition, ``response`` the system's; each a list of sets of mention ids. The
formulas are the CoNLL reference scorer's (Pradhan et al. 2014, "Scoring Coreference Partitions of
Predicted Mentions"): MUC (Vilain et al. 1995, links), B-cubed (Bagga & Baldwin 1998, per mention),
CEAF-e (Luo 2005, entity alignment with phi4, solved exactly with the Hungarian method), and the
CoNLL F1, the mean of the three F1s. tests/test_coref_scores.py checks them on the paper's example.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

Partition = Sequence[set[Any]]
PRF = tuple[float, float, float]


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def _prf(p_num: float, p_den: float, r_num: float, r_den: float) -> PRF:
    p = p_num / p_den if p_den else 0.0
    r = r_num / r_den if r_den else 0.0
    return p, r, _f1(p, r)


def _muc_side(clusters: Partition, other: Partition) -> tuple[int, int]:
    """Links of ``clusters`` kept by ``other``: sum(|C| - parts of C in other), sum(|C| - 1)."""
    where = {m: i for i, c in enumerate(other) for m in c}
    num = den = 0
    for c in clusters:
        parts = {where.get(m, ("alone", m)) for m in c}  # a mention ``other`` lacks is its own part
        num += len(c) - len(parts)
        den += len(c) - 1
    return num, den


def muc(key: Partition, response: Partition) -> PRF:
    r_num, r_den = _muc_side(key, response)
    p_num, p_den = _muc_side(response, key)
    return _prf(p_num, p_den, r_num, r_den)


def _b3_side(clusters: Partition, other: Partition) -> tuple[float, int]:
    num, n = 0.0, 0
    for c in clusters:
        n += len(c)
        num += sum(len(c & o) ** 2 for o in other) / len(c) if c else 0.0
    return num, n


def b_cubed(key: Partition, response: Partition) -> PRF:
    r_num, r_den = _b3_side(key, response)
    p_num, p_den = _b3_side(response, key)
    return _prf(p_num, p_den, r_num, r_den)


def ceaf_e(key: Partition, response: Partition) -> PRF:
    """Entity-based CEAF: the best one-to-one alignment of key and response clusters by
    phi4 = 2|K & R| / (|K| + |R|); recall divides its total by the key's clusters, precision by the
    response's."""
    from scipy.optimize import linear_sum_assignment

    keys = [k for k in key if k]
    resp = [r for r in response if r]
    if not keys or not resp:
        return 0.0, 0.0, 0.0
    sim = [[2 * len(k & r) / (len(k) + len(r)) for r in resp] for k in keys]
    rows, cols = linear_sum_assignment(sim, maximize=True)
    total = float(sum(sim[i][j] for i, j in zip(rows, cols, strict=True)))
    return _prf(total, len(resp), total, len(keys))


def conll(key: Partition, response: Partition) -> dict[str, PRF | float]:
    """MUC, B-cubed, CEAF-e and the CoNLL F1 (the mean of their F1s)."""
    scores: dict[str, Any] = {"muc": muc(key, response), "b3": b_cubed(key, response),
                              "ceafe": ceaf_e(key, response)}  # fmt: skip
    scores["conll_f1"] = sum(s[2] for s in scores.values()) / 3
    return scores


def partition(labels: Iterable[tuple[Any, Any]]) -> list[set[Any]]:
    """Clusters from (mention, cluster label) pairs, in first-seen order."""
    out: dict[Any, set[Any]] = {}
    for mention, label in labels:
        out.setdefault(label, set()).add(mention)
    return list(out.values())
