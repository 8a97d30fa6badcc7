"""``dateline eval dedup`` end to end on three made-up reports (tests/resources/dedup-mini): two of
one car bombing from two outlets end in one stored event, a protest elsewhere in another."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.errors import DatelineError
from dateline.evaluate import dedup

MINI = Path(__file__).parent / "resources" / "dedup-mini"


def test_eval_dedup_on_the_mini_set(resources, capsys) -> None:
    assert dedup.main([str(MINI)], resources=resources) == 0
    figures = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert (figures["incidents"], figures["reports"]) == (2, 3)
    assert figures["b3_f1"] == 1.0 and figures["conll_f1"] == 1.0


def test_incidents_of_accepted_shapes() -> None:
    listed = dedup.incidents_of([{"id": "x", "report_ids": ["a", "b"], "toll": 3, "split": "locked"}])
    assert listed == [{"id": "x", "reports": ["a", "b"], "toll": 3, "locked": True}]
    nested = dedup.incidents_of(
        {"incidents": [{"incident": "z", "reports": ["a"], "fatalities": {"best": 7}}]}
    )
    assert nested == [{"id": "z", "reports": ["a"], "toll": 7, "locked": False}]
    by_id = dedup.incidents_of({"x": {"reports": [{"id": "a"}]}, "y": ["c"]})
    assert [(i["id"], i["reports"]) for i in by_id] == [("x", ["a"]), ("y", ["c"])]


def test_missing_clusters_is_coded(tmp_path: Path) -> None:
    with pytest.raises(DatelineError) as err:
        dedup.main([str(tmp_path)])
    assert err.value.code == "E042"


GOLDS = Path(__file__).parent / "resources" / "gold"
BASELINE = json.loads((Path(__file__).parent / "baselines" / "dedup.json").read_text())
# each committed multi-report gold folder and the key of its floors in the baseline file
SETS = {
    "dedup": "all",
    "dedup-second": "second",
    "dedup-third": "third",
    "dedup-fourth": "fourth",
    "dedup-fifth": "fifth",
    "dedup-sixth": "sixth",
    "dedup-seventh": "seventh",
    "dedup-eighth": "eighth",
    "dedup-ninth": "ninth",
}


@pytest.mark.parametrize("folder", sorted(SETS))
def test_floors_on_the_committed_gold(folder, resources, capsys) -> None:
    gold = GOLDS / folder
    if not (gold / "clusters.json").is_file():
        pytest.skip(f"the multi-report gold {folder} is not in this checkout")
    assert dedup.main([str(gold)], resources=resources) == 0
    figures = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    floors = BASELINE[SETS[folder]]
    assert all(figures[k] >= floor for k, floor in floors.items()), figures


def test_every_committed_multi_report_gold_has_floors() -> None:
    folders = {p.parent.name for p in GOLDS.glob("*/clusters.json")}
    assert folders == set(SETS) and all(SETS[f] in BASELINE for f in folders)


def test_an_event_without_a_toll_is_right_for_a_gold_toll_of_zero_but_no_event_is_not():
    from dateline.evaluate.dedup import _toll_right

    assert _toll_right({"event_id": "e1", "fatalities": None}, 0)
    assert _toll_right({"event_id": "e1", "fatalities": 4}, 4)
    assert not _toll_right({"event_id": "e1", "fatalities": None}, 4)
    assert not _toll_right({}, 0)
