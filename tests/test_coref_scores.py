"""The cluster scores of ``dateline eval dedup`` on textbook examples (figures from the papers)."""

from __future__ import annotations

import pytest

from dateline.evaluate.coref import b_cubed, ceaf_e, conll, muc, partition

# Pradhan et al. 2014, "Scoring Coreference Partitions of Predicted Mentions", figure 1: the key
# {a b c} {d e f g}; the response {a b} {c d} {f g h i} (h, i are not in the key).
KEY = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
RESPONSE = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]


def test_paper_example() -> None:
    assert muc(KEY, RESPONSE)[:2] == pytest.approx((0.4, 0.4))
    assert b_cubed(KEY, RESPONSE)[:2] == pytest.approx((4 / 8, 35 / 12 / 7))  # P 0.50, R 0.42
    assert ceaf_e(KEY, RESPONSE)[:2] == pytest.approx((1.3 / 3, 1.3 / 2))  # P 0.43, R 0.65


def test_vilain_muc_example() -> None:
    # Vilain et al. 1995: key {A B C D}, response {A B} {C D}: recall 2/3, precision 1
    assert muc([{"A", "B", "C", "D"}], [{"A", "B"}, {"C", "D"}])[:2] == pytest.approx((1.0, 2 / 3))


def test_identity_and_all_singletons() -> None:
    scores = conll(KEY, KEY)
    assert scores["conll_f1"] == pytest.approx(1.0)
    singles = [{m} for c in KEY for m in c]
    assert muc(KEY, singles) == (0.0, 0.0, 0.0)  # no link found
    p, r, _ = b_cubed(KEY, singles)
    assert p == 1.0 and r == pytest.approx((3 * (1 / 3) + 4 * (1 / 4)) / 7)


def test_partition() -> None:
    assert partition([("r1", "x"), ("r2", "y"), ("r3", "x")]) == [{"r1", "r3"}, {"r2"}]
