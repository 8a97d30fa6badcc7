"""scripts/train_match_model.py's ship rule (``ships``), set before the thirteenth session's run:
made-up figures, no pipeline (fast)."""

from __future__ import annotations

import pytest
from support import load_script


@pytest.fixture(scope="module")
def script():
    return load_script("train_match_model")


def _check(b3: float, judge: int) -> dict[str, float]:
    return {"b3_f1": b3, "judge": judge}


def _logo(old: float, gate_toll: float, crisp_toll: float) -> dict[str, list[float]]:
    # two folds each, so the rule must take the mean, not the first fold
    return {"old": [old - 0.1, old + 0.1], "gate_toll": [gate_toll, gate_toll],
            "crisp_toll": [crisp_toll + 0.2, crisp_toll - 0.2]}  # fmt: skip


def test_the_recipes_are_the_three_named_before_the_run(script):
    assert list(script.RECIPES) == ["old", "gate_toll", "crisp_toll"]
    assert script.CHECK not in script.GOLDS and len(script.GOLDS) == 7


def test_a_better_logo_does_not_ship_when_the_check_gold_falls(script):
    check = {"shipped": _check(0.8, 20), "old": _check(0.7, 20), "gate_toll": _check(0.79, 25),
             "crisp_toll": _check(0.9, 19)}  # fmt: skip
    # gate_toll's LOGO is higher but its check B3 falls; crisp_toll's judge checks fall; old's B3 falls
    assert script.ships(_logo(0.8, 0.9, 0.95), check) is None


def test_a_lower_logo_does_not_ship_whatever_the_check_gold(script):
    check = {"shipped": _check(0.8, 20), "old": _check(0.7, 20), "gate_toll": _check(0.99, 28),
             "crisp_toll": _check(0.99, 28)}  # fmt: skip
    assert script.ships(_logo(0.9, 0.89, 0.5), check) is None


def test_of_several_passing_the_highest_logo_then_the_first_listed(script):
    check = {"shipped": _check(0.8, 20), "old": _check(0.8, 20), "gate_toll": _check(0.85, 21),
             "crisp_toll": _check(0.8, 20)}  # fmt: skip
    assert script.ships(_logo(0.8, 0.8, 0.9), check) == "crisp_toll"
    # a tie on LOGO is broken by the check gold's B3 F1
    assert script.ships(_logo(0.8, 0.8, 0.8), check) == "gate_toll"
    # all tied: the shipped recipe retrained, the first listed
    tied = {k: _check(0.8, 20) for k in ("shipped", "old", "gate_toll", "crisp_toll")}
    assert script.ships(_logo(0.8, 0.8, 0.8), tied) == "old"


def test_a_candidate_falling_in_sample_on_the_training_golds_does_not_ship(script):
    # rule (c), added after the thirteenth session's run: the retrained shipped recipe met (a) by
    # construction and tied on the check gold, yet lowered the training golds' judge checks
    tied = {k: _check(0.8, 20) for k in ("shipped", "old", "gate_toll", "crisp_toll")}
    fitted = {"shipped": _check(0.905, 30), "old": _check(0.903, 27), "gate_toll": _check(0.91, 30),
              "crisp_toll": _check(0.95, 29)}  # fmt: skip
    assert script.ships(_logo(0.8, 0.8, 0.8), tied, fitted) == "gate_toll"
    fitted["gate_toll"] = _check(0.91, 29)
    assert script.ships(_logo(0.8, 0.8, 0.8), tied, fitted) is None
