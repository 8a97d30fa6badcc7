"""The police model's training selection (scripts/train_police_model.py) on a tiny invented set:
the add threshold of a rule label is chosen by the model alone, never against the rules' dev
figures (in-sample: the rules were written reading dev)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import train_police_model as train  # noqa: E402 - a script of the repo: failing to import is a failure, not a skip

LABELS = ("KILL", "ARREST", "FORCE", "ANY_ACTION")


def _set(kill: list[float], arrest: list[float]):
    """Ten reports of one sentence each: reports 0-4 report a killing and an arrest, 5-9 neither."""
    idx = list(range(10))
    gold = {n: ({"KILL", "ARREST"} if n < 5 else set()) for n in idx}
    sp = {n: [{"KILL": kill[n], "ARREST": arrest[n], "FORCE": 0.0, "ANY_ACTION": 0.0}] for n in idx}
    codable = {n: {label: {0} for label in LABELS} for n in idx}
    act = {n: (False, set(), set(), set()) for n in idx}
    return idx, gold, sp, codable, act


# KILL: sure of four of the five killings (0.92) and one false alarm at 0.85, so a threshold of 0.9
# has precision 1.0, recall 0.8, and 0.8 lets the false alarm in (precision 0.8 < 0.85).
# ARREST: as sure of the non-arrests as of the arrests: no threshold reaches the precision.
KILL = [0.92, 0.92, 0.92, 0.92, 0.3, 0.1, 0.1, 0.1, 0.1, 0.85]
ARREST = [0.96, 0.96, 0.2, 0.2, 0.2, 0.96, 0.96, 0.2, 0.2, 0.2]


@pytest.mark.parametrize("rules", ["perfect in-sample", "nothing"])
def test_the_add_threshold_is_the_model_alone_s_whatever_the_rules_score(rules) -> None:
    idx, gold, sp, codable, act = _set(KILL, ARREST)
    rules_yes = {n: set(gold[n]) for n in idx} if rules == "perfect in-sample" else {n: set() for n in idx}
    model, best = train.decide(idx, sp, codable, rules_yes, gold, act)
    assert model.add["KILL"] == 0.9
    assert best["KILL"] == pytest.approx(2 * 0.8 / 1.8)  # the model alone's F1 (P 1.0, R 0.8)
    assert model.add["ARREST"] is None  # precision 0.5 at every threshold
    assert model.add["FORCE"] is None  # never positive: no F1 to gain


def test_a_sentence_where_no_action_would_be_coded_does_not_count() -> None:
    idx, gold, sp, codable, act = _set(KILL, ARREST)
    for n in idx:
        codable[n]["KILL"] = set() if n < 5 else {0}  # the killings' sentences would code nothing
    assert train.choose_add(idx, sp, codable, gold, "KILL") == (None, 0.0)
