"""Police activity that ACLED codes no event for (extract/police_activity.py): kept as a recorded
finding — a drop ``police_activity`` with the police as doer and offsets — never as an event, and
answering "did the police do anything?" in `dateline eval police`. Sentences written for these
tests; none is taken from a corpus."""

from __future__ import annotations

import pytest
from support import sentence, shared_resources

from dateline import pipeline
from dateline.evaluate.police import answers
from dateline.explain import explain, render_text
from dateline.extract.police_activity import activity, find
from dateline.extract.police_model import PoliceModel, train
from dateline.read.text import read_text


def _result(text: str):
    return pipeline.process(read_text(text, published="2004-05-12"), shared_resources())


@pytest.mark.parametrize(
    ("text", "doer", "act"),
    [
        ("heavy police bandobast was made in the old city before the procession.", "police", "bandobast"),
        ("the police deployed additional men near the shrine on friday.", "police", "deployed"),
        ("armed police were posted at all sensitive points in the town.", "police", "posted"),
        ("a close watch is being kept by the police on the movement of the pilgrims.", "police", "kept"),
        ("the bomb squad searched the railway station after an anonymous call.", "squad", "searched"),
        ("the police registered a case against the cable operator for the telecast.", "police", "registered"),
        ("the commissioner of police banned the screening of the film.", "commissioner", "banned"),
        ("the crpf conducted a flag march through the tense localities.", "crpf", "conducted"),
    ],
)
def test_police_activity_is_found_with_its_doer(nlp, text: str, doer: str, act: str) -> None:
    found = activity(sentence(nlp, text))
    assert found is not None and (found.doer.text, found.act.text) == (doer, act)


@pytest.mark.parametrize(
    "text",
    [
        "the police said the situation was under control.",  # a report, not an act
        "the police were attacked by the mob near the bridge.",  # harm suffered
        "the police will deploy more men if tension rises.",  # not yet
        "the minister asked the police to act firmly.",  # a demand
        "the police station was set on fire by the mob.",  # a building
        "the traders kept their shops shut on monday.",  # no police
    ],
)
def test_what_is_not_police_activity(nlp, text: str) -> None:
    assert activity(sentence(nlp, text)) is None


def test_activity_is_a_recorded_finding_not_an_event() -> None:
    text = "heavy police bandobast has been made in the old city ahead of the procession on friday."
    result = _result(text)
    assert not result.events
    found = [d for d in result.drops if d.reason == "police_activity"]
    assert len(found) == 1 and found[0].stage == "extract" and found[0].event_type is None
    stored = result.article.text  # (offsets into the stored text)
    assert stored[slice(*found[0].trigger)] == "bandobast"
    start = stored.index("police")
    assert f"doer 'police' at {start}-{start + 6}" in found[0].detail
    assert answers(result.events, result.drops) == {"ANY_ACTION"}
    assert "police_activity" in render_text(explain(result))


def test_an_arrest_that_is_no_acled_event_is_police_activity() -> None:
    result = _result("the police arrested a man for drunken driving near the bus stand on monday.")
    assert not result.events
    found = [d for d in result.drops if d.reason == "police_activity"]
    assert found and "arrest" in found[0].detail
    assert answers(result.events, result.drops) == {"ANY_ACTION"}


def test_a_coded_police_event_is_not_recorded_again_as_activity() -> None:
    result = _result("two persons were killed when the police opened fire on a mob in the bazaar on tuesday.")
    assert answers(result.events) >= {"KILL", "FORCE", "ANY_ACTION"}
    assert not [d for d in result.drops if d.reason == "police_activity"]


def test_a_report_with_no_police_has_no_activity() -> None:
    result = _result("the traders kept their shops shut on monday to mourn the death of a local leader.")
    assert not [d for d in result.drops if d.reason == "police_activity"]


ACTS = [
    "the police kept a strict vigil in the walled city.",
    "policemen guarded the shrine through the night.",
    "the police cordoned off the area around the temple.",
    "police patrolled the tense streets all night.",
]
OTHER = [
    "the police said the market remained shut.",
    "the minister praised the police for their work.",
    "the collector visited the relief camp in the afternoon.",
    "schools reopened in most parts of the district.",
]


@pytest.fixture(scope="module")
def model() -> PoliceModel:
    labels = [{"ANY_ACTION"}] * len(ACTS) + [set()] * len(OTHER)
    return train(ACTS + OTHER, labels, dim=1 << 12, steps=150)


def test_the_model_setting_decides_what_is_kept(nlp, model: PoliceModel) -> None:
    # the rule misses this shape (no verb of the police's); the model may add it in mode "or"
    sent = sentence(nlp, "the walled city turned into a police fortress with a strict vigil overnight.")
    assert activity(sent) is None and find(sent)[0] is None  # the rule alone: no model
    model.activity = {"mode": "or", "threshold": 0.5}
    found, why = find(sent, model)
    assert found is not None and found.doer.text == "police" and "by the model" in why
    # in mode "and" the rule's own finding stands only where the model agrees
    ruled = sentence(nlp, "the police deployed additional men near the shrine.")
    model.activity = {"mode": "and", "threshold": 1.01}
    assert find(ruled, model)[0] is None
    model.activity = {"mode": "and", "threshold": 0.0}
    assert find(ruled, model)[0] is not None


def test_the_activity_setting_survives_the_file(model: PoliceModel) -> None:
    model.activity, model.cv = {"mode": "or", "threshold": 0.7}, {"reports": 9, "dateline_any_action_f1": 0.5}
    again = PoliceModel.from_json(model.to_json())
    assert again.activity == model.activity and again.cv == model.cv
    text = "police patrolled the old city."
    assert abs(again.probs(text)["ANY_ACTION"] - model.probs(text)["ANY_ACTION"]) < 1e-3
