"""`dateline eval police`: Dateline's answers to the document questions derived from hand-made
events, the keyword baseline, the evaluator end to end on two reports written for this test, and
the floors on the India police-events dev set (tests/baselines/police.json; skipped without
../shared)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import SHARED, shared_resources

from dateline.evaluate import police
from dateline.records import Event, Evidence

HERE = Path(__file__).resolve().parent
FLOORS = json.loads((HERE / "baselines" / "police.json").read_text())
DEV = SHARED / "data" / "events" / "india-police-events" / "dev.jsonl"


def test_police_arrests_answer_arrest_and_any_action() -> None:
    event = Event(
        "e", event_type="Strategic developments", sub_event_type="Arrests", actor1="Police Forces of India"
    )
    assert police.answers([event]) == {"ARREST", "ANY_ACTION"}


def test_a_protest_met_by_police_is_force_and_a_killing_only_with_deaths() -> None:
    lathi = Event(
        "e", event_type="Protests", sub_event_type="Protest with intervention",
        actor1="Protesters (India)", actor2="Police Forces of India",
        evidence=[Evidence("sub_event_type", "a", 0, 12, "lathi-charge")],
    )  # fmt: skip
    assert police.answers([lathi]) == {"FORCE", "ANY_ACTION"}
    lathi.sub_event_type, lathi.fatalities = "Excessive force against protesters", 2
    assert police.answers([lathi]) == {"KILL", "FORCE", "ANY_ACTION"}


def test_an_intervention_is_arrest_or_force_as_the_record_s_type_evidence_says() -> None:
    # ACLED's "Protest with intervention": a protest met with arrests or with non-lethal force
    held = Event(
        "e", event_type="Protests", sub_event_type="Protest with intervention",
        actor1="Protesters (India)", actor2="Police Forces of India",
        evidence=[Evidence("sub_event_type", "a", 0, 8, "arrested"), Evidence("location", "a", 20, 25, "Surat")],
    )  # fmt: skip
    assert police.answers([held]) == {"ARREST", "ANY_ACTION"}
    held.evidence.append(Evidence("event_type", "a", 30, 38, "tear gas"))
    assert police.answers([held]) == {"ARREST", "FORCE", "ANY_ACTION"}


def test_police_as_victims_or_no_police_answer_nothing() -> None:
    attacked = Event(
        "e", event_type="Violence against civilians", sub_event_type="Attack",
        actor1="Unidentified Armed Group (India)", actor2="Police Forces of India", fatalities=3,
    )  # fmt: skip
    peaceful = Event(
        "p", event_type="Protests", sub_event_type="Peaceful protest", actor1="Protesters (India)"
    )
    assert police.answers([attacked, peaceful]) == set()
    assert police.answers([]) == set()


def test_recorded_police_activity_answers_any_action_only() -> None:
    from dateline.records import Drop

    activity = Drop("a", "extract", "police_activity", "doer 'police' at 0-6; police activity by the rule")
    other = Drop("a", "extract", "other_sense", "the minister fired his aide")
    assert police.answers([], [activity]) == {"ANY_ACTION"}
    assert police.answers([], [other]) == set()


def test_dev_figures_of_a_shipped_model_are_printed_cross_validated(monkeypatch, capsys) -> None:
    from dateline.extract import police_model

    monkeypatch.setattr(police_model, "load_model", lambda: None)
    assert police.in_sample_note() == {}  # no model: the dev figures are the rules', nothing learnt
    model = police_model.PoliceModel(
        8, {}, {}, cv={"reports": 5, "dateline_kill_f1": 0.5, "dateline_arrest_f1": 0.25}
    )
    monkeypatch.setattr(police_model, "load_model", lambda: model)
    note = police.in_sample_note()
    assert note == {"cv_dateline_kill_f1": 0.5, "cv_dateline_arrest_f1": 0.25}
    out = capsys.readouterr().out
    assert "IN-SAMPLE" in out and "0.500 / 0.250 / - / -" in out


def test_fail_to_act_is_never_answered_from_records() -> None:
    everything = [
        Event(
            "a",
            event_type="Battles",
            sub_event_type="Armed clash",
            actor1="Police Forces of India",
            fatalities=1,
        ),
        Event(
            "b",
            event_type="Strategic developments",
            sub_event_type="Arrests",
            actor1="Police Forces of India",
        ),
    ]
    assert police.answers(everything) == {"KILL", "FORCE", "ARREST", "ANY_ACTION"}
    assert "FAIL" not in police.ANSWERED


def test_keyword_baseline() -> None:
    assert police.keyword_answers("police resorted to a lathi-charge and arrested 12 people") == {
        "FORCE",
        "ARREST",
        "ANY_ACTION",
    }
    assert police.keyword_answers("the minister opened a new school on tuesday") == set()


def test_precision_recall_per_question() -> None:
    gold = [{"ARREST"}, {"ARREST"}, set()]
    pred = [{"ARREST"}, set(), {"ARREST"}]
    assert police.prf(gold, pred, "ARREST") == (0.5, 0.5, 0.5)
    assert police.prf(gold, pred, "KILL") == (0.0, 0.0, 0.0)


def test_end_to_end_on_two_written_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = [
        {"doc_id": 1, "url": None, "published": "2026-03-03", "labels": ["ARREST", "ANY_ACTION"],
         "text": "PATNA: Police arrested 12 student leaders in Patna on Monday during a protest, officials said."},
        {"doc_id": 2, "url": None, "published": "2026-03-03", "labels": [],
         "text": "MUMBAI: The state cabinet approved a new metro line on Monday, the chief minister said."},
        {"doc_id": 3, "url": None, "published": None, "labels": [], "text": ""},  # unreadable: no answer
    ]  # fmt: skip
    path = tmp_path / "dev.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs))
    assert police.main([str(path)], resources=shared_resources()) == 0
    out = capsys.readouterr().out
    assert any(line.startswith("FAIL") and "not answered" in line for line in out.splitlines())
    splits = [police.split_of(d["doc_id"], police.gold_locked()) for d in docs]
    headers = [line for line in out.splitlines() if line.startswith("== split")]
    assert [h.split()[2].rstrip(":") for h in headers] == [s for s in ("dev", "locked") if s in splits]
    assert sum(int(h.rsplit(": ", 1)[1].split()[0]) for h in headers) == 3
    last = json.loads([x for x in out.splitlines() if x.startswith("{")][-1])
    assert last["split"] == headers[-1].split()[2].rstrip(":") and "dateline_fail_f1" not in last


def test_a_third_of_the_reports_and_the_gold_s_locked_ones_are_held_out() -> None:
    ids = [str(n) for n in range(300)]
    locked = [i for i in ids if police.split_of(i, set()) == "locked"]
    assert 70 < len(locked) < 130  # about a third, by hash
    assert police.split_of("7", {"7"}) == "locked"


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    assert police.main([str(tmp_path / "none.jsonl")]) == 2


@pytest.mark.shared
def test_floors_on_the_india_police_dev_set(capsys: pytest.CaptureFixture[str]) -> None:
    if not DEV.is_file():
        pytest.skip(
            f"india police-events dev set not found at {DEV} (only present in the Dateline workplace)"
        )
    assert police.main([str(DEV)], resources=shared_resources()) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines() if x.startswith("{")]
    by_split = {line["split"]: line for line in lines}
    assert list(by_split) == ["dev", "locked"]  # the held-out split printed last
    for split, floors in FLOORS["splits"].items():
        for metric, floor in floors.items():
            assert by_split[split][metric] >= floor, (split, metric, by_split[split][metric], floor)
