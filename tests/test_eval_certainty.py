"""`dateline eval certainty`: the one certainty scale it maps, and its gate on the team-written
MEANTIME-style gold in tests/resources/gold/certainty, which runs in every clean clone (floors:
"certainty" → "gold" in tests/baselines/claims.json). The scorer's own tests and the MEANTIME gate
(run when ../shared is present) are in test_attribution_eval.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import shared_resources

from dateline.evaluate import certainty as certainty_eval
from dateline.extract.factuality import CERTAINTY_SCORE
from dateline.records import CERTAINTY_ORDER

HERE = Path(__file__).resolve().parent
GOLD = HERE / "resources" / "gold" / "certainty"
FLOORS = json.loads((HERE / "baselines" / "claims.json").read_text())["certainty"]["gold"]


def test_one_certainty_scale() -> None:
    assert CERTAINTY_ORDER == ("confirmed", "reported", "believed", "possible", "denied")
    assert list(CERTAINTY_SCORE) == list(CERTAINTY_ORDER)
    assert sorted(CERTAINTY_SCORE.values(), reverse=True) == list(CERTAINTY_SCORE.values())
    assert set(certainty_eval.MEANTIME_CERTAINTY) == set(CERTAINTY_ORDER)


def test_certainty_gate_on_committed_gold(nlp, capsys: pytest.CaptureFixture[str]) -> None:
    """Held-out: the team wrote these documents after the factuality rules; nothing was tuned on them."""
    assert sorted(GOLD.glob("*.xml")), f"no certainty gold in {GOLD}"
    assert certainty_eval.main([str(GOLD)], resources=shared_resources()) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    scores = {k: float(v) for k, v in (kv.split("=") for kv in last.split())}
    for key, floor in FLOORS.items():
        assert scores[key] >= floor, f"{key} {scores[key]:.3f} below floor {floor}"
