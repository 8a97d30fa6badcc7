"""scripts/train_keep_model.py, the keep-decision experiment: its labels and its nested, grouped
cross-validation on made-up articles (no pipeline, no models: fast)."""

from __future__ import annotations

import random

import pytest
from support import load_script

from dateline.records import Event, Evidence


@pytest.fixture(scope="module")
def script():
    return load_script("train_keep_model")


GOLD = {"event_type": "Battles", "latitude": 10.0, "longitude": 20.0, "geo_precision": 1, "event_date": None}


def _event(n: str, event_type: str, at: int) -> Event:
    return Event(
        f"e{n}", event_type=event_type, latitude=10.0, longitude=20.0,
        evidence=[Evidence("event_type", "a", at, at + 5, "words")],
    )  # fmt: skip


def _articles(n: int, planted: bool, seed: int = 3) -> list[dict]:
    """Articles with one gold battle (quote at 0-10), a right event and a wrongly typed one
    elsewhere. ``planted``: a feature that says which is which (else only noise)."""
    rng = random.Random(seed)
    rows = []
    for a in range(n):
        right, wrong = _event(f"{a}r", "Battles", 0), _event(f"{a}w", "Riots", 50)
        feats = [{"noise": rng.random()}, {"noise": rng.random()}]
        if planted:
            feats[0]["signal"], feats[1]["signal"] = 1.0, 0.0
        rows.append(
            {"source": "made-up", "doc": str(a), "golds": [GOLD], "spans": [[(0, 10)]],
             "preds": [right, wrong], "features": feats, "rescued": [None, None]}
        )  # fmt: skip
    return rows


def test_labels(script):
    row = _articles(1, planted=False)[0]
    touching = _event("t", "Riots", 2)  # a real incident coded with the wrong type
    row = {**row, "preds": [*row["preds"], touching], "features": [*row["features"], {}]}
    assert script.labels_of(row, "strict") == [1, 0, 0]
    assert script.labels_of(row, "incident") == [1, 0, 1]
    assert script.labels_of(row, "strict-sure") == [1, 0, None]


def test_tally_rematches_the_kept_events(script):
    rows = _articles(2, planted=False)
    assert script.tally(rows, [[True, True], [True, True]]) == (2, 4, 2)
    assert script.tally(rows, [[False, True], [True, False]]) == (2, 2, 1)


def test_cross_validation_recovers_a_planted_signal(script):
    rows = _articles(40, planted=True)
    keeps = script.cv_keeps(rows, "strict")
    assert script.tally(rows, keeps) == (40, 40, 40)  # every right event kept, every wrong one dropped


def test_no_signal_no_filtering_gain(script):
    rows = _articles(40, planted=False)
    before = script.prf(*script.tally(rows, [[True, True]] * len(rows)))[2]
    after = script.prf(*script.tally(rows, script.cv_keeps(rows, "strict")))[2]
    assert after <= before + 0.05  # noise alone cannot be learnt to filter well out of fold
