"""Event typing: the ACLED/CASE classifier, its rules and PLOVER typing (the evaluators and
their gates are in test_eval_events.py).

The sentences below were written for these tests; none is in the training files (checked below).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from support import shared_resources

from dateline.evaluate import events as eval_events
from dateline.extract import event_typing as et

HERE = Path(__file__).resolve().parent
TRAINING = HERE.parent / "src" / "dateline" / "data" / "training"
SHARED_EVENTS = HERE.parent.parent / "shared" / "data" / "events"

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


def _shared(name: str) -> Path:
    path = SHARED_EVENTS / name
    if not path.exists():
        pytest.skip(f"shared event data not found at {path} (only present in the Dateline workplace)")
    return path


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
