"""Event typing: the ACLED/CASE classifier, its rules, PLOVER typing and the two evaluators.

The sentences below were written for these tests; none is in the training files (checked below).
Eval gates run on ../shared/data/events when present and skip with a message otherwise.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from support import shared_resources

from dateline.evaluate import events as eval_events
from dateline.evaluate import plover as eval_plover
from dateline.extract import event_typing as et

HERE = Path(__file__).resolve().parent
RES = HERE / "resources" / "events"
TRAINING = HERE.parent / "src" / "dateline" / "data" / "training"
SHARED_EVENTS = HERE.parent.parent / "shared" / "data" / "events"
FLOORS = json.loads((HERE / "baselines" / "events.json").read_text())

CASES = [
    (
        "Two helicopter gunships strafed a convoy of insurgents on the desert road, killing nine.",
        "AIR_STRIKE",
    ),
    (
        "A young man strapped with explosives blew himself up inside a crowded shrine, killing 30 pilgrims.",
        "SUIC_BOMB",
    ),
    (
        "Police fired tear gas to break up a sit-in by unemployed graduates outside the labour ministry.",
        "PROTEST_WITH_INTER",
    ),
    (
        "Thousands of farmers marched peacefully through the capital to demand higher crop prices.",
        "PEACE_PROTEST",
    ),
    (
        "A magnitude 6.8 earthquake shook the coastal province, collapsing hundreds of houses.",
        "NATURAL_DISASTER",
    ),
    ("Unidentified gunmen kidnapped four engineers working on a road project in the south.", "ABDUCT_DISSAP"),
    (
        "The jihadist group claimed responsibility for Sunday's bombing in a statement on its channel.",
        "ATTRIB",
    ),
    (
        "Soldiers recaptured the river port from the insurgents after a week of heavy fighting.",
        "GOV_REGAINS_TERIT",
    ),
    (
        "Insurgents overran the army garrison and took control of the border town on Saturday.",
        "NON_STATE_ACTOR_OVERTAKES_TER",
    ),
    (
        "An army patrol hit a landmine on a dirt track near the frontier, killing three soldiers.",
        "REM_EXPLOS",
    ),
]


def _last_line(out: str) -> dict[str, float]:
    line = out.strip().splitlines()[-1]
    return {k: float(v) for k, v in (part.split("=") for part in line.split())}


def test_codes_table() -> None:
    assert len(et.ACLED_CODES) == 30
    assert et.OUT_OF_SCOPE == {"NATURAL_DISASTER", "MAN_MADE_DISASTER", "ORG_CRIME", "DIPLO", "ATTRIB"}
    assert et.ACLED_CODES["AIR_STRIKE"] == ("Explosions/Remote violence", "Air/drone strike")
    assert all(sub for code, (typ, sub) in et.ACLED_CODES.items() if typ)


def _training_files() -> list[Path]:
    files = [
        TRAINING / "generated.tsv",
        TRAINING / "handwritten.tsv",
        *sorted(TRAINING.glob("written/*.tsv")),
    ]
    assert len(files) > 2, "the written/ examples are missing"
    return files


def test_training_files_are_well_formed() -> None:
    for path in _training_files():
        lines = path.read_text("utf-8").splitlines()
        assert lines[0] == "text\tcode", path.name
        for n, line in enumerate(lines[1:], 2):
            text, _, code = line.partition("\t")
            assert text.strip() and code in et.ACLED_CODES and "\t" not in code, (path.name, n, line)


def test_written_sentences_are_not_training_examples() -> None:
    texts = set()
    for path in _training_files():
        with path.open(encoding="utf-8") as fh:
            texts |= {r["text"] for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)}
    assert not {t for t, _ in CASES} & texts


@pytest.mark.parametrize(("text", "code"), CASES, ids=[c for _, c in CASES])
def test_classify_written_sentences(text: str, code: str) -> None:
    got, prob = et.classify_snippet(text, shared_resources())
    assert got == code, (text, got, prob)
    assert 0.0 < prob <= 1.0


def test_classify_many_matches_single_calls() -> None:
    texts = [t for t, _ in CASES[:4]] + [""]
    many = et.classify_many(texts, resources=shared_resources())
    assert many[:4] == [et.classify_snippet(t, shared_resources()) for t in texts[:4]]
    assert many[4][0] in et.ACLED_CODES  # empty text still gets a code


def test_rules_veto_and_territory_agent() -> None:
    p = {code: 0.0 for code in et.ACLED_CODES} | {"AIR_STRIKE": 0.6, "ART_MISS_ATTACK": 0.4}
    ruled = et.apply_rules("Shells hit the market, killing four.", p)
    assert ruled["ART_MISS_ATTACK"] > ruled["AIR_STRIKE"]  # no aircraft or drone named
    assert et.territory_agent("rebels retook the town from the army") == "ns"
    assert et.territory_agent("the army, backed by militias, captured the town") == "gov"
    assert et.territory_agent("the town fell to the insurgents") == "ns"
    assert et.territory_agent("troops captured a senior commander of the group") == "person"
    p = {code: 0.0 for code in et.ACLED_CODES} | {"GOV_REGAINS_TERIT": 0.7, "NON_VIOL_TERRIT_TRANSFER": 0.3}
    ruled = et.apply_rules("Soldiers entered the town after the rebels withdrew under a deal.", p)
    assert max(ruled, key=ruled.__getitem__) == "NON_VIOL_TERRIT_TRANSFER"


def test_plover_for() -> None:
    text = "Government warplanes bombed a rebel base, killing twelve fighters."
    ptype, mode = et.plover_for(text, shared_resources())
    assert ptype in et.model("plover_type.npz", shared_resources()).labels
    assert mode is None or isinstance(mode, str)


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


def test_eval_plover_on_tiny_files(capsys: pytest.CaptureFixture[str]) -> None:
    assert eval_plover.main([str(RES / "tiny-ngec.csv"), "--all"], resources=shared_resources()) == 0
    scores = _last_line(capsys.readouterr().out)
    assert set(scores) == {"plover_type_f1", "type_acc", "mode_acc"}
    assert scores["type_acc"] >= 2 / 3
    assert eval_plover.main([str(RES / "tiny-gsr.json")], resources=shared_resources()) == 0
    out = capsys.readouterr().out
    assert "2 texts" in out  # the DOCUMENT record is skipped


def _shared(name: str) -> Path:
    path = SHARED_EVENTS / name
    if not path.exists():
        pytest.skip(f"shared event data not found at {path} (only present in the Dateline workplace)")
    return path


@pytest.mark.shared
def test_eval_gate_case_dev(capsys: pytest.CaptureFixture[str]) -> None:
    assert eval_events.main([str(_shared("case2021_task2_dev.tsv"))], resources=shared_resources()) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert float(lines[-1].split("=")[1]) >= FLOORS["events"]["weighted_f1"]
    all_w = float(re.search(r"weighted_f1=(\d\.\d+)", lines[-2]).group(1))
    assert all_w >= FLOORS["events"]["all_weighted_f1"]


@pytest.mark.shared
@pytest.mark.parametrize(
    ("name", "key"), [("ngec_synthetic_events.csv", "plover_ngec"), ("PLOVER_GSR_CAMEO.json", "plover_gsr")]
)
def test_eval_gate_plover(name: str, key: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert eval_plover.main([str(_shared(name))], resources=shared_resources()) == 0
    scores = _last_line(capsys.readouterr().out)
    for metric, floor in FLOORS[key].items():
        assert scores[metric] >= floor, (metric, scores[metric], floor)


@pytest.mark.shared
def test_no_dev_snippet_in_training() -> None:
    dev = {" ".join(t.lower().split()) for t, _ in eval_events.read_case(_shared("case2021_task2_dev.tsv"))}
    for path in _training_files():
        with path.open(encoding="utf-8") as fh:
            rows = {
                " ".join(r["text"].lower().split())
                for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            }
        assert not rows & dev, path.name
