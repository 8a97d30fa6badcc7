"""`dateline eval events` and `dateline eval plover`: the scorers on tiny files written for these
tests, then the gates. Floors: tests/baselines/events.json.

* Always run: the team-written gold in tests/resources/gold/events (CASE-style TSV) and
  tests/resources/gold/plover (NGEC-style CSV). Nothing was trained or tuned on it: held-out figures.
* With ../shared: PLOVER on NGEC and GSR, and a "model not broken" check on the CASE 2021 dev
  snippets. The ACLED models were trained on those snippets, so that figure is a training figure:
  it catches a broken model, tokenizer or rule, not overfitting. The honest dev figure is the
  cross-validated one (scripts/cv_event_model.py, 0.857, documented in docs/event-typing.md, not
  gated: it needs an hour of training).
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from support import SHARED, shared_resources

from dateline.evaluate import events as eval_events
from dateline.evaluate import plover as eval_plover

HERE = Path(__file__).resolve().parent
RES = HERE / "resources" / "events"
GOLD = HERE / "resources" / "gold"
SHARED_EVENTS = SHARED / "data" / "events"
FLOORS = json.loads((HERE / "baselines" / "events.json").read_text())


def _last_line(out: str) -> dict[str, float]:
    line = out.strip().splitlines()[-1]
    return {k: float(v) for k, v in (part.split("=") for part in line.split())}


def _events_scores(out: str) -> dict[str, float]:
    """weighted F1 over the ACLED codes (the last line) and over all codes (the line before)."""
    lines = out.strip().splitlines()
    all_codes = re.search(r"weighted_f1=(\d\.\d+)", lines[-2])
    return {"weighted_f1": float(lines[-1].split("=")[1]), "all_weighted_f1": float(all_codes.group(1))}


def _check(scores: dict[str, float], floors: dict[str, float]) -> None:
    for metric, floor in floors.items():
        assert scores[metric] >= floor, (metric, scores[metric], floor)


def _shared(name: str) -> Path:
    path = SHARED_EVENTS / name
    if not path.exists():
        pytest.skip(f"shared event data not found at {path} (only present in the Dateline workplace)")
    return path


def test_eval_events_on_tiny_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        eval_events.main([str(RES / "tiny-case.tsv"), "--confusion", "2"], resources=shared_resources()) == 0
    )
    out = capsys.readouterr().out
    lines = out.strip().splitlines()
    assert re.fullmatch(r"weighted_f1=\d\.\d{3}", lines[-1])
    assert lines[-2].startswith("all_codes: weighted_f1=")
    assert float(lines[-1].split("=")[1]) >= 0.8
    assert "confusions of the 2 worst classes" in out


@pytest.mark.model
def test_eval_plover_scores_the_main_event_of_each_story(capsys: pytest.CaptureFixture[str]) -> None:
    assert eval_plover.main([str(RES / "tiny-ngec.csv"), "--all"], resources=shared_resources()) == 0
    out = capsys.readouterr().out
    scores = _last_line(out)
    assert set(scores) == {"plover_type_f1", "type_acc", "mode_acc", "events"}
    assert re.search(r"^ASSAULT +1\.000 +1\.000", out, re.M)  # the air strike: ASSAULT / aerial
    assert scores["type_acc"] == scores["mode_acc"] == 0.333  # the strike and the deal: no event
    assert eval_plover.main([str(RES / "tiny-gsr.json")], resources=shared_resources()) == 0
    assert "2 texts" in capsys.readouterr().out  # the DOCUMENT record is skipped


def test_main_event_is_the_first_and_no_event_is_a_miss(monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import dataclass, field

    from dateline.records import Event

    @dataclass
    class FakeResult:
        events: list[Event] = field(default_factory=list)

    first = Event("e1", plover_type="PROTEST", plover_mode="demo")
    later = Event("e2", plover_type="ASSAULT", plover_mode="firearms")
    results = [FakeResult([first, later]), FakeResult([])]
    monkeypatch.setattr("dateline.pipeline.process_many", lambda articles, resources=None: iter(results))
    assert eval_plover.main_event_plover(["a story", "another"]) == [("PROTEST", "demo"), None]


def test_committed_gold_snippets_are_not_training_examples() -> None:
    training = HERE.parent / "src" / "dateline" / "data" / "training"
    seen: set[str] = set()
    for path in [training / "generated.tsv", training / "handwritten.tsv", *training.glob("written/*.tsv")]:
        with path.open(encoding="utf-8") as fh:
            seen |= {
                " ".join(r["text"].lower().split())
                for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            }
    for name in FLOORS["gold_events"]:
        snippets = {" ".join(t.lower().split()) for t, _ in eval_events.read_case(GOLD / "events" / name)}
        assert not snippets & seen, name


@pytest.mark.parametrize("name", sorted(FLOORS["gold_events"]))
def test_events_gate_on_committed_gold(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = GOLD / "events" / name
    assert path.is_file(), f"{path} is listed in tests/baselines/events.json but missing"
    assert eval_events.main([str(path)], resources=shared_resources()) == 0
    _check(_events_scores(capsys.readouterr().out), FLOORS["gold_events"][name])


@pytest.mark.model
@pytest.mark.parametrize("name", sorted(FLOORS["gold_plover"]))
def test_plover_gate_on_committed_gold(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = GOLD / "plover" / name
    assert path.is_file(), f"{path} is listed in tests/baselines/events.json but missing"
    assert eval_plover.main([str(path), "--all"], resources=shared_resources()) == 0
    _check(_last_line(capsys.readouterr().out), FLOORS["gold_plover"][name])


@pytest.mark.shared
def test_model_not_broken_on_case_dev_a_training_figure(capsys: pytest.CaptureFixture[str]) -> None:
    assert eval_events.main([str(_shared("case2021_task2_dev.tsv"))], resources=shared_resources()) == 0
    _check(_events_scores(capsys.readouterr().out), FLOORS["case_dev_model_not_broken"])


@pytest.mark.shared
@pytest.mark.model
@pytest.mark.parametrize(
    ("name", "key"), [("ngec_synthetic_events.csv", "plover_ngec"), ("PLOVER_GSR_CAMEO.json", "plover_gsr")]
)
def test_plover_gate_on_shared_data(name: str, key: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert eval_plover.main([str(_shared(name))], resources=shared_resources()) == 0
    _check(_last_line(capsys.readouterr().out), FLOORS[key])
