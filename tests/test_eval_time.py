"""`dateline eval timeml` gate on the team-written TimeML gold in tests/resources/gold/time, which
runs in every clean clone (floors: "gold" in tests/baselines/time.json). The scorer's own tests and
the MEANTIME gate (run when ../shared is present) are in test_dates.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.evaluate import timeml

HERE = Path(__file__).resolve().parent
GOLD = HERE / "resources" / "gold" / "time"
FLOORS = json.loads((HERE / "baselines" / "time.json").read_text())["gold"]


def test_timeml_gate_on_committed_gold(capsys: pytest.CaptureFixture[str]) -> None:
    """Held-out: the team wrote these documents after the tagger was built; nothing was tuned on them."""
    assert sorted(GOLD.glob("*.tml")), f"no TimeML gold in {GOLD}"
    assert timeml.main([str(GOLD)]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    scores = {k: float(v) for k, v in (kv.split("=") for kv in last.split())}
    for key, floor in FLOORS.items():
        assert scores[key] >= floor, f"{key} {scores[key]:.3f} below floor {floor}"


def test_tbaq_split_locks_every_fourth_document_by_name() -> None:
    docs = [timeml.Doc(f"doc{i:02d}.tml", "", None) for i in range(10)]
    parts = timeml.split_tbaq(list(reversed(docs)))  # the order given does not matter
    assert [d.name for d in parts["locked"]] == ["doc03.tml", "doc07.tml"]
    assert len(parts["dev"]) == 8 and not {d.name for d in parts["dev"]} & {d.name for d in parts["locked"]}


@pytest.mark.parametrize(
    "argv", [["--corpus", "meantime", "--errors"], ["--corpus", "tbaq", "--part", "both", "--errors"]]
)
def test_errors_are_refused_on_held_out_corpora(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert timeml.main(argv) == 2
    assert "refused" in capsys.readouterr().out
