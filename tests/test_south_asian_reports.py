"""Protest, riot, police-firing and arrest reports as Indian newspapers write them (lower-cased
as scraped, with their own protest words). Sentences written for these tests."""

from __future__ import annotations

import pytest
from support import shared_resources

from dateline import pipeline
from dateline.extract.senses import in_conflict_sense
from dateline.extract.triggers import find_triggers
from dateline.read.text import read_text


def _events(text: str) -> list[dict]:
    result = pipeline.process(read_text(text, published="2003-07-16"), shared_resources())
    return [e.to_dict() for e in result.events]


def _kinds(nlp, text: str) -> list[tuple[str, str | None]]:
    sent = next(nlp(text).sents)
    return [(" ".join(t.text for t in h.tokens), h.kind.sub_event_type) for h in find_triggers(sent)]


@pytest.mark.parametrize(
    ("text", "trigger", "sub"),
    [
        ("members of the weavers union staged a dharna outside the tehsil office.", "dharna", "@protest"),
        ("shopkeepers observed a bandh in the market on friday.", "bandh", "@protest"),
        ("angry villagers gheraoed the block officer for two hours.", "gheraoed", "@protest"),
        ("the farmers held a rasta roko on the highway.", "rasta roko", "@protest"),
        ("the police lathi-charged the crowd near the station.", "lathi - charged", "@protest"),
        ("a crowd pelted stones at the police van.", "pelted", "@riot"),
        ("police fired ten rounds in the air to scatter the crowd.", "fired", "Attack"),
        ("two traders were picked up by the police from their shops.", "picked up", "Arrests"),
        # the same classes in wire copy
        (
            "rebels fired dozens of rockets into the town overnight.",
            "rockets",
            "Shelling/artillery/missile attack",
        ),
        ("the army has set up a new base near the river.", "set up", "Headquarters or base established"),
        ("troops captured the port of Sandhaven from the rebels.", "captured", "@territory"),
        ("angry protesters blocked the highway for six hours.", "blocked", "@protest"),
        ("hundreds of demonstrators gathered outside the ministry.", "gathered", "@protest"),
    ],
)
def test_local_protest_riot_and_arrest_words_are_triggers(nlp, text, trigger, sub):
    assert (trigger, sub) in _kinds(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "the company fired its manager after the audit.",  # fired someone from a job
        "she picked up her daughter from the school.",  # picked up by a parent, not the police
        "the court blocked the merger of the two banks.",  # not protesters blocking
        "they opened a new branch near the river.",  # a branch, not a base
        "hundreds of fans gathered outside the stadium.",  # not protesters
    ],
)
def test_the_same_words_in_other_senses_are_not_triggers(nlp, text):
    assert not [
        k
        for k in _kinds(nlp, text)
        if k[1] in ("Attack", "Arrests", "@protest", "Headquarters or base established")
    ]


def test_tear_gas_shells_are_not_artillery(nlp):
    kinds = _kinds(nlp, "the police burst teargas shells to disperse the crowd.")
    assert ("teargas shells", "@protest") in kinds
    assert not [k for k in kinds if k[1] == "Shelling/artillery/missile attack"]


def test_police_force_on_protesters_names_the_protesters_first():
    text = "the police lathi-charged the protesters outside the municipal office in nagpur on tuesday."
    [event] = _events(text)
    assert (event["event_type"], event["sub_event_type"]) == ("Protests", "Protest with intervention")
    assert event["actor1"].startswith("Protesters") and event["actor2"].startswith("Police Forces")


def test_stones_thrown_at_a_protest_are_a_violent_demonstration_else_mob_violence():
    at_protest = "during the protest, students pelted stones at buses in nagpur on tuesday."
    [event] = _events(at_protest)
    assert (event["event_type"], event["sub_event_type"]) == ("Riots", "Violent demonstration")
    no_protest = "a mob pelted stones at a temple in nagpur on tuesday."
    [event] = _events(no_protest)
    assert (event["event_type"], event["sub_event_type"]) == ("Riots", "Mob violence")


def test_police_firing_on_a_mob_is_a_riot_with_the_police_first():
    [event] = _events("police opened fire on a violent mob in nagpur on tuesday.")
    assert (event["event_type"], event["sub_event_type"]) == ("Riots", "Mob violence")
    assert event["actor1"].startswith("Police Forces") and event["actor2"].startswith("Rioters")


def test_rubber_bullets_fired_at_protesters_are_an_intervention_not_an_attack():
    [event] = _events("the police fired rubber bullets at protesters in nagpur on tuesday.")
    assert (event["event_type"], event["sub_event_type"]) == ("Protests", "Protest with intervention")


def test_arrests_after_a_bombing_are_in_their_conflict_sense(nlp):
    kb = shared_resources().kb
    for text, kept in [
        ("Police arrested four men in connection with the market blast.", True),
        ("Police arrested four men in connection with the burglary.", False),
    ]:
        sent = next(nlp(text).sents)
        hit = next(h for h in find_triggers(sent) if h.kind.sub_event_type == "Arrests")
        assert in_conflict_sense(hit, sent, kb) is kept, text


def test_a_crowd_attacking_with_stones_is_a_riot():
    [event] = _events("youths attacked the embassy in nagpur on tuesday, throwing stones at the gate.")
    assert event["event_type"] == "Riots"
