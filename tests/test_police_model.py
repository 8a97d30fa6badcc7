"""The learned police-action recogniser (extract/police_model.py): its features, its training, its
file, and how its decisions change the police's records (a veto leaves a drop with its reason; a
confident sentence the rules miss becomes a record). Sentences written for these tests; none is
taken from a corpus."""

from __future__ import annotations

import json

import pytest
from support import shared_resources

from dateline import pipeline
from dateline.evaluate.police import answers
from dateline.extract.police_model import (
    PoliceModel,
    features,
    police_model,
    read_written,
    train,
    training_text,
    use_model,
    with_model,
)
from dateline.read.text import read_text

ARRESTS = [
    "six youths were arrested by the city police on monday.",
    "the police arrested four persons for rioting in the old city.",
    "police nabbed two men from the bus stand.",
    "the accused were taken into custody by the police late at night.",
    "over 40 people were detained by the police after the clash.",
    "the crime branch arrested the main accused from his house.",
]
FORCE = [
    "the police resorted to a lathi-charge to disperse the mob.",
    "police lobbed tear gas shells at the stone-pelting crowd.",
    "the police opened fire to disperse the rioters.",
    "policemen caned the agitators near the station.",
    "the police fired in the air to scatter the crowd.",
    "the cops burst teargas shells on the mob.",
]
KILL = [
    "two persons were killed in police firing in the walled city.",
    "a youth died when the police opened fire on the mob.",
    "three rioters were shot dead by the police.",
    "one man was killed as police fired on the crowd.",
]
OTHER = [
    "the minister inaugurated a new school building on monday.",
    "the weather remained pleasant through the week.",
    "the trader said the market remained shut for the third day.",
    "the committee will meet next month to discuss the budget.",
    "the collector visited the relief camp in the afternoon.",
    "schools reopened in most parts of the district.",
    "the bjp leader addressed a press conference in the city.",
    "prices of vegetables rose sharply after the curfew.",
]


@pytest.fixture(scope="module")
def model() -> PoliceModel:
    texts = ARRESTS + FORCE + KILL + OTHER
    labels = [{"ARREST"}] * len(ARRESTS) + [{"FORCE"}] * len(FORCE) + [{"KILL", "FORCE"}] * len(KILL)
    return train(texts, labels + [set()] * len(OTHER), dim=1 << 12, steps=150)


def test_features_are_stable_and_normalised() -> None:
    idx, vals = features("The Police FIRED", 1 << 12)
    idx2, _ = features("the police fired", 1 << 12)
    assert list(idx) == list(idx2)  # lower-cased, a stable hash
    assert abs(float(vals @ vals) - 1.0) < 1e-9
    assert len(set(idx.tolist())) == len(idx)


def test_the_model_separates_unseen_sentences(model: PoliceModel) -> None:
    arrest = model.probs("the police arrested three men near the temple.")
    force = model.probs("police burst tear gas shells to disperse the crowd.")
    other = model.probs("the mayor opened a new park near the temple.")
    assert arrest["ARREST"] > 0.5 > other["ARREST"]
    assert force["FORCE"] > 0.5 > other["FORCE"]
    assert arrest["ARREST"] > force["ARREST"] and force["FORCE"] > arrest["FORCE"]


def test_the_file_round_trip_keeps_the_probabilities(model: PoliceModel) -> None:
    model.add, model.veto = {"KILL": None, "ARREST": 0.9, "FORCE": None}, {"arrest": 0.1, "force": None}
    again = PoliceModel.from_json(model.to_json())
    text = "police nabbed four youths after the clash."
    assert again.add == model.add and again.veto == model.veto
    for label, p in model.probs(text).items():
        assert abs(again.probs(text)[label] - p) < 1e-3


def test_with_model_vetoes_and_adds(nlp, model: PoliceModel) -> None:
    from dateline.extract.police_actions import candidates

    strict = PoliceModel(model.dim, model.weights, model.bias, dict.fromkeys(model.weights), {"arrest": 1.01})
    sent = next(nlp("the police arrested six youths after the clash.").sents)
    kept, vetoed = with_model(sent, candidates(sent), strict)
    assert not kept and [a.kind for a, _ in vetoed] == ["arrest"] and "p=" in vetoed[0][1]
    eager = PoliceModel(
        model.dim, model.weights, model.bias, {"KILL": None, "ARREST": None, "FORCE": 0.5}, {}
    )
    sent = next(nlp("the cops burst teargas shells on the unruly mob.").sents)
    rules = candidates(sent)
    kept, _ = with_model(sent, [a for a in rules if a.kind != "force"], eager)
    added = [a for a in kept if a.kind == "force"]
    assert added and added[0].crowd is not None and added[0].crowd.lower_ == "mob"


def test_a_vetoed_candidate_is_a_drop_with_its_reason(model: PoliceModel) -> None:
    res = shared_resources()
    shipped = police_model(res)
    use_model(
        res, PoliceModel(model.dim, model.weights, model.bias, dict.fromkeys(model.weights), {"arrest": 1.01})
    )
    text = "communal riots broke out in the city.\n\nthe police arrested six youths for rioting in the old city on monday."
    try:
        result = pipeline.process(read_text(text, published="2002-03-02"), res)
    finally:
        use_model(res, shipped)
    assert "ARREST" not in answers(result.events)
    assert any(d.reason == "other_sense" and "police-action model" in d.detail for d in result.drops)


def test_eval_prints_each_question_s_cross_validated_figure_last(monkeypatch, capsys) -> None:
    from dateline.evaluate import police
    from dateline.extract import police_model as module

    shipped = PoliceModel(8, {}, {}, cv={"reports": 4, "rules_only": ["ARREST"], "dateline_kill_f1": 0.9,
                                         "dateline_arrest_f1": 0.7})  # fmt: skip
    monkeypatch.setattr(module, "load_model", lambda: shipped)
    cv = police.in_sample_note()
    assert cv == {"cv_dateline_kill_f1": 0.9}  # (a question left to the rules has no CV figure)
    gold, ours = [{"KILL"}, set(), {"ARREST"}, set()], [{"KILL"}, {"KILL"}, set(), set()]
    police.report(gold, ours, [set()] * 4, {k[3:]: v for k, v in cv.items()})
    rows = {line.split()[0]: line for line in capsys.readouterr().out.splitlines() if "|" in line}
    assert rows["KILL"].endswith("| 0.900") and "| 0.700" not in rows["ARREST"]
    assert "CV F1" in rows["question"]


def test_written_sentences_count_by_their_weight() -> None:
    # a weight of 0 leaves a written sentence out; a positive weight lets it teach the label
    texts = ARRESTS + OTHER
    labels = [{"ARREST", "ANY_ACTION"}] * len(ARRESTS) + [set()] * len(OTHER)
    extra = ["the district police rounded up nine rioters from the market."] * 3
    plain = train(texts, labels, dim=1 << 12, steps=80)
    zero = train(
        texts + extra, labels + [{"ARREST"}] * 3, dim=1 << 12, steps=80, row_weight=[1.0] * 14 + [0.0] * 3
    )
    heavy = train(
        texts + extra, labels + [{"ARREST"}] * 3, dim=1 << 12, steps=80, row_weight=[1.0] * 14 + [1.0] * 3
    )
    probe = "police rounded up nine rioters."
    assert abs(zero.probs(probe)["ARREST"] - plain.probs(probe)["ARREST"]) < 1e-12
    assert heavy.probs(probe)["ARREST"] > plain.probs(probe)["ARREST"] + 0.01


def test_written_sentences_are_read_as_the_pipeline_reads_text(tmp_path) -> None:
    path = tmp_path / "written.jsonl"
    lines = [
        json.dumps({"text": "the mob didn\u00e2\u20ac\u2122t disperse till the police opened fire, killing one.",
                    "labels": ["KILL"]}),
        "",
        json.dumps({"text": "the vhp demanded the arrest of the accused.", "labels": []}),
    ]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", "utf-8")
    rows = read_written(path)
    # the scrape's mojibake repaired (read/repair.py), the labels' implications added
    assert rows[0] == (
        "the mob didn\u2019t disperse till the police opened fire, killing one.",
        {"KILL", "FORCE", "ANY_ACTION"},
    )
    assert rows[1] == ("the vhp demanded the arrest of the accused.", set())
    assert training_text("police didn\u00e2\u20ac\u2122t act") == "police didn\u2019t act"
    path.write_text(lines[0] + "\n" + json.dumps({"labels": ["ARREST"]}) + "\n", "utf-8")
    with pytest.raises(ValueError, match="written.jsonl:2"):
        read_written(path)


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ([0.0] * 14, "every row weight is 0"),
        ([1.0] * 13, "one finite weight"),
        ([1.0] * 13 + [-1.0], "one finite"),
    ],
)
def test_row_weights_that_leave_nothing_to_learn_are_refused_plainly(weights, message) -> None:
    labels = [{"ARREST", "ANY_ACTION"}] * len(ARRESTS) + [set()] * len(OTHER)
    with pytest.raises(ValueError, match=message):
        train(ARRESTS + OTHER, labels, dim=1 << 12, steps=5, row_weight=weights)


def test_the_eval_s_last_column_gives_what_ships_and_the_rules_alone_beside_it(monkeypatch, capsys) -> None:
    from dateline.evaluate import police
    from dateline.extract import police_model as module

    shipped = PoliceModel(8, {}, {}, cv={"reports": 4, "dateline_kill_f1": 0.9, "rules_kill_f1": 0.8,
                                         "dateline_arrest_f1": 0.7, "rules_arrest_f1": 0.7,
                                         "alone_kill_f1": 0.6})  # fmt: skip
    monkeypatch.setattr(module, "load_model", lambda: shipped)
    cv = police.in_sample_note()
    assert cv["cv_rules_kill_f1"] == 0.8 and cv["cv_dateline_arrest_f1"] == 0.7
    out = capsys.readouterr().out
    # (the rules were written reading dev: their CV figure is in-sample; the model alone's is not)
    assert "the rules alone, in-sample: 0.800 / 0.700" in out and "the model alone: 0.600 / -" in out
    gold, ours = [{"KILL"}, set(), {"ARREST"}, set()], [{"KILL"}, {"KILL"}, set(), set()]
    police.report(gold, ours, [set()] * 4, {k[3:]: v for k, v in cv.items()})
    rows = {line.split()[0]: line for line in capsys.readouterr().out.splitlines() if "|" in line}
    assert rows["KILL"].endswith("| 0.900 (0.800)") and rows["ARREST"].endswith("| 0.700 (0.700)")
    assert "rules alone" in rows["question"]


def test_an_add_threshold_of_zero_still_adds(model: PoliceModel) -> None:
    # 0.0 is a threshold (every sentence reaches it: the training asks where an added action would
    # be coded), not "no model part"; the pipeline must not take it for None
    res = shared_resources()
    shipped = police_model(res)
    text = "communal riots broke out in the city.\n\nthe mayor opened a new park near the temple on monday."
    eager = PoliceModel(
        model.dim, model.weights, model.bias, {"KILL": None, "ARREST": 0.0, "FORCE": None}, {}
    )
    try:
        use_model(res, eager)
        added = pipeline.process(read_text(text, published="2002-03-02"), res)
        use_model(res, None)
        alone = pipeline.process(read_text(text, published="2002-03-02"), res)
    finally:
        use_model(res, shipped)
    assert "ARREST" not in answers(alone.events)
    arrests = [e for e in added.events if e.sub_event_type == "Arrests"]
    assert arrests and "police" in (arrests[0].actor1 or "").lower()
    assert any(ev.field in ("event_type", "sub_event_type") for ev in arrests[0].evidence)
