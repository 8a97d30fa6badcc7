"""The judge-shaped checks of ``eval dedup`` (five reports of two events, seven checks each) on
made-up labels: what each check sees, and that a split, a wrong toll or a join fails it."""

from __future__ import annotations

import pytest

from dateline.evaluate import dedup_scenarios as ds

GOLD = {
    "incidents": [
        {"incident": "bomb", "event_type": "Explosions/Remote violence", "fatalities": {"best": 9},
         "reports": ["a1", "a2", "a3", "a4", "a5"], "copy_of": {"a5": {"original": "a2"}}},
        {"incident": "march", "event_type": "Protests", "fatalities": {"best": 0}, "reports": ["b1", "b2"],
         "split": "locked"},
    ],
    "scenarios": [{"id": "s1", "main": "bomb", "other": "march"}],
}  # fmt: skip


def _rec(eid: str, kind: str, toll: int | None, articles: int) -> tuple[str, dict]:
    return eid, {"event_id": eid, "event_type": kind, "fatalities": toll, "num_articles": articles}


def _right() -> dict[str, tuple[str, dict]]:
    bomb = _rec("e1", "Explosions/Remote violence", 9, 4)  # the copy a5 need not add an article
    march = _rec("e2", "Protests", None, 2)
    return {**{r: bomb for r in ("a1", "a2", "a3", "a4", "a5")}, "b1": march, "b2": march}


def test_a_scenario_with_a_locked_incident_is_locked() -> None:
    (s,) = ds.scenarios_of(GOLD)  # its other incident is locked: a dev run must not read it
    assert (s["id"], s["main"]["incident"], s["other"]["incident"], s["locked"]) == (
        "s1",
        "bomb",
        "march",
        True,
    )
    dev = {**GOLD, "incidents": [{**i, "split": "dev"} for i in GOLD["incidents"]]}
    assert ds.scenarios_of(dev)[0]["locked"] is False


def test_all_seven_pass_when_each_incident_is_one_event_with_its_toll_and_sources() -> None:
    (s,) = ds.scenarios_of(GOLD)
    assert ds.checks(s, _right()) == dict.fromkeys(ds.CHECKS, True)


def test_a_split_a_missed_revision_and_a_join_each_fail_their_checks() -> None:
    (s,) = ds.scenarios_of(GOLD)
    split = _right() | {"a4": _rec("e3", "Explosions/Remote violence", 12, 1)}
    got = ds.checks(s, split)
    assert not got["main_one"] and not got["main_toll"] and not got["main_sources"] and got["apart"]
    old_toll = _right() | {
        r: _rec("e1", "Explosions/Remote violence", 6, 4) for r in ("a1", "a2", "a3", "a4", "a5")
    }
    assert ds.checks(s, old_toll)["main_toll"] is False and ds.checks(s, old_toll)["main_one"]
    joined = _right() | {"b2": _right()["a1"]}
    got = ds.checks(s, joined)
    assert not got["apart"] and not got["other_one"] and got["main_one"]
    few = _right() | {
        r: _rec("e1", "Explosions/Remote violence", 9, 3) for r in ("a1", "a2", "a3", "a4", "a5")
    }
    assert ds.checks(s, few)["main_sources"] is False


def test_a_report_without_an_event_fails_what_needs_it() -> None:
    (s,) = ds.scenarios_of(GOLD)
    labels = _right() | {"b1": ("none:b1", {})}
    got = ds.checks(s, labels)
    assert not got["other_one"] and not got["other_sources"] and not got["types"]
    assert ds.tally([s], labels)["judge_checks"] == 4


def test_a_scenario_naming_an_unknown_incident_is_an_error() -> None:
    with pytest.raises(ValueError, match="s9"):
        ds.scenarios_of({"incidents": [], "scenarios": [{"id": "s9", "main": "x", "other": "y"}]})


def test_a_gold_without_scenarios_has_none() -> None:
    assert ds.scenarios_of({"incidents": GOLD["incidents"]}) == [] and ds.scenarios_of([]) == []


def test_incidents_in_another_accepted_shape_are_read_as_eval_dedup_reads_them() -> None:
    # report ids under "report_ids" and the toll as "best_toll": dedup.incidents_of's shapes
    other = {
        "incidents": [
            {
                "id": "bomb",
                "event_type": "Explosions/Remote violence",
                "best_toll": 9,
                "report_ids": ["a1", "a2"],
            },
            {"id": "march", "event_type": "Protests", "toll": 0, "report_ids": ["b1", "b2"]},
        ],
        "scenarios": [{"id": "s1", "main": "bomb", "other": "march"}],
    }
    (s,) = ds.scenarios_of(other)
    labels = {r: v for r, v in _right().items() if r in ("a1", "a2", "b1", "b2")}
    assert ds.checks(s, labels) == dict.fromkeys(ds.CHECKS, True)
