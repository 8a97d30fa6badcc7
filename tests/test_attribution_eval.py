"""`dateline eval attribution` and `dateline eval certainty`: the scorers on tiny inputs written
for these tests, then the figures on the gold data checked against tests/baselines/claims.json."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from support import SHARED, shared_resources

from dateline.evaluate import attribution as attribution_eval
from dateline.evaluate import certainty as certainty_eval
from dateline.extract.factuality import assess, is_anonymous
from dateline.extract.triggers import find_triggers

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "tests" / "resources"
GOLD = RESOURCES / "attribution"
FLOORS = json.loads((ROOT / "tests" / "baselines" / "claims.json").read_text())
MEANTIME = SHARED / "data" / "time" / "meantime-en"


def sentence(nlp, text: str):
    return next(nlp(text).sents)


def _f1(counts: Counter, name: str) -> float:
    return attribution_eval.prf(counts, name)[2]


def test_attribution_scorer_on_tiny_gold(nlp):
    counts = attribution_eval.evaluate(attribution_eval.load(GOLD / "tiny.jsonl"), nlp)
    assert counts["detection", "tp"] == 3 and counts["detection", "fp"] == 0  # quote + speaker sentences
    assert _f1(counts, "source_exact") == _f1(counts, "cue_exact") == _f1(counts, "outlet_exact") == 1.0


def test_a_wrong_speaker_is_a_false_positive_and_a_miss(nlp):
    text = "Gunmen attacked a checkpoint, a police spokesman said."
    said = text.index("said")
    gold = [{"cue": [said, said + 4], "source": [0, 6], "outlet": None, "content": [0, 28]}]
    counts: Counter = Counter()
    attribution_eval.score_doc(nlp(text), gold, counts)
    assert (counts["source_exact", "fp"], counts["source_exact", "fn"]) == (1, 1)
    assert counts["cue_exact", "tp"] == 1 and counts["detection", "tp"] == 1


def test_attribution_main_prints_a_machine_readable_last_line(capsys):
    assert attribution_eval.main([str(GOLD / "tiny.jsonl")], resources=shared_resources()) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("attribution_source_f1=1.000") and "outlet_f1=" in last


def test_gold_file_offsets_are_consistent():
    for path in (GOLD / "gold.jsonl", GOLD / "heldout.jsonl"):
        records = attribution_eval.load(path)
        assert sum(len(r["statements"]) for r in records) >= (120 if path.name == "gold.jsonl" else 40)
        for record in records:
            assert record["url"].startswith("https://en.wikinews.org/") and record["licence"] == "CC BY 2.5"
            for st in record["statements"]:
                for key in ("cue", "source", "outlet", "content"):
                    span = st[key]
                    assert span is None or 0 <= span[0] < span[1] <= len(record["text"]), (record["id"], key)
                assert st["source"] or st["outlet"], record["id"]


@pytest.mark.parametrize("name", ["gold.jsonl", "heldout.jsonl"])
def test_attribution_on_wikinews_gold_stays_above_its_floors(nlp, name):
    counts = attribution_eval.evaluate(attribution_eval.load(GOLD / name), nlp)
    for metric, floor in FLOORS["attribution"][name].items():
        assert _f1(counts, metric) >= floor, f"{name} {metric} F1 {_f1(counts, metric):.3f} < {floor}"


def test_certainty_reader_and_scorer_on_tiny_cat_file(nlp):
    sents = certainty_eval.load([RESOURCES / "certainty" / "tiny.xml"])
    assert [s.text for s in sents][0] == "Rebels attacked the town."
    counts, aligned, total = certainty_eval.evaluate(sents, nlp)
    assert (aligned, total) == (5, 5)
    assert counts["certainty", "POSSIBLE", "POSSIBLE"] == 1  # "may attack"
    assert counts["polarity", "NEG", "NEG"] == 1  # "will not withdraw"
    assert counts["time", "FUTURE", "FUTURE"] == 2


def test_certainty_without_data_says_so(capsys, tmp_path: Path):
    assert certainty_eval.main([str(tmp_path / "absent")], resources=shared_resources()) == 0
    assert "nothing to score" in capsys.readouterr().out


def test_certainty_on_meantime_stays_above_its_floors(nlp, capsys):
    if not MEANTIME.is_dir():
        pytest.skip(f"MEANTIME not found at {MEANTIME} (only present in the Dateline workplace)")
    assert certainty_eval.main([str(MEANTIME)], resources=shared_resources()) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    figures = dict(item.split("=") for item in last.split())
    for metric, floor in FLOORS["certainty"]["meantime-en"].items():
        assert float(figures[metric]) >= floor, f"{metric} {figures[metric]} < {floor}"


@pytest.mark.parametrize(
    "text,anonymous",
    [
        ("an official", True),
        ("military sources", True),
        ("a senior officer who asked not to be named", True),
        ("two people familiar with the matter", True),
        ("Colonel Ali Hassan", False),
        ("the Home Office", False),
        ("Reuters", False),
        ("the provincial governor", False),
    ],
)
def test_is_anonymous(text, anonymous):
    assert is_anonymous(text) is anonymous


@pytest.mark.parametrize(
    "text,certainty",
    [
        ("An official confirmed that rebels attacked the base.", "reported"),
        ("The governor confirmed that rebels attacked the base.", "confirmed"),
    ],
)
def test_an_anonymous_source_lowers_certainty_to_reported(nlp, text, certainty):
    sent = sentence(nlp, text)
    hit = next(h for h in find_triggers(sent) if h.head.text == "attacked")
    assert assess(hit.head, sent).certainty == certainty


@pytest.mark.parametrize(
    "text,word,certainty,reason",
    [
        ("Rebels failed to capture the town.", "capture", "denied", "negated by 'failed'"),
        ("The army plans to attack the town.", "attack", "believed", "governed by 'plans'"),
        ("Rebels will attack the town.", "attack", "confirmed", "future or hypothetical"),
    ],
)
def test_unreal_events_keep_a_certainty(nlp, text, word, certainty, reason):
    sent = sentence(nlp, text)
    hit = next(h for h in find_triggers(sent) if h.head.text == word)
    fact = assess(hit.head, sent)
    assert not fact.reportable and (fact.certainty, fact.reason) == (certainty, reason)
