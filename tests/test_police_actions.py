"""The police's arrests, uses of force and weapons seizures (extract/police_actions.py) coded as
ACLED codes them, in reports written as Indian newspapers are scraped (lower-cased). Sentences
written for these tests; none is taken from a corpus."""

from __future__ import annotations

import pytest
from support import sentence, shared_resources

from dateline import pipeline
from dateline.evaluate.police import answers
from dateline.extract.police_actions import candidates
from dateline.read.text import read_text


def _events(text: str):
    return pipeline.process(read_text(text, published="2004-05-12"), shared_resources()).events


def _kinds(nlp, text: str) -> set[str]:
    return {c.kind for c in candidates(sentence(nlp, text))}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("the constables had to open fire to scatter the crowd near the market.", "force"),
        ("the police resorted to firing when the mob turned on them.", "force"),
        ("a shopkeeper was killed in police firing near the bus stand.", "force"),
        ("the police lobbed tear gas shells at the stone-throwing youths.", "force"),
        ("eleven youths were detained after the clash near the temple.", "arrest"),
        ("the policemen were able to arrest six of the attackers.", "arrest"),
        ("police recovered three country-made bombs from an abandoned van.", "seize"),
        ("some 40 traders were taken into custody near the mandi.", "arrest"),
        ("the town police, who fired 12 rounds, later cleared the road.", "force"),
        ("the police reached the bazaar at noon. they opened fire on the crowd.", "force"),
        ("the pair was arrested by a team of the district police.", "arrest"),
        ("the four smugglers arrested on sunday were sent to jail.", "arrest"),
        ("the cops caned the agitators outside the collectorate.", "force"),
        ("two rioters were shot dead by the police near the bridge.", "force"),
        ("the police shot dead three rioters who set the shops ablaze.", "force"),
        ("a boy was hit by a police bullet during the riot.", "force"),
        ("two militants were killed in an encounter with the police near the dam.", "force"),
    ],
)
def test_police_actions_are_found(nlp, text: str, kind: str) -> None:
    doc = nlp(text)
    assert kind in {c.kind for sent in doc.sents for c in candidates(sent)}


@pytest.mark.parametrize(
    "text",
    [
        "the minister asked the police to arrest the culprits within a week.",  # a demand
        "orders have been given to open fire on anyone setting shops ablaze.",  # an order
        "the mob fired at the police from the rooftops.",  # the police are the target
        "had the organisers been detained earlier, the rally would have been smaller.",  # counterfactual
        "the company fired its accountant after the audit.",  # another sense
        "the police said the market remained shut on monday.",  # no action
        "the police shot a video of the procession.",  # another sense of "shot"
        "the gunman was shot dead by the police after a chase.",  # a suspect shot: no conflict event
        "the minister had a chance encounter with the police chief at the airport.",  # no police action
    ],
)
def test_what_is_not_a_police_action(nlp, text: str) -> None:
    assert _kinds(nlp, text) == set()


def test_killed_in_police_firing_gives_the_police_the_killing_with_its_toll() -> None:
    events = _events(
        "rampur: two men were killed in police firing on a mob that was torching shops in rampur on monday."
    )
    killing = [e for e in events if e.actor1 == "Police Forces of India" and (e.fatalities or 0) > 0]
    assert killing and killing[0].event_type == "Riots" and killing[0].actor2 == "Rioters (India)"
    assert killing[0].fatalities == 2
    assert {"KILL", "FORCE", "ANY_ACTION"} <= answers(events)
    fields = {ev.field for ev in killing[0].evidence}
    assert {"actor1", "actor2", "event_type", "fatalities"} <= fields


def test_arrests_after_a_riot_are_their_own_event() -> None:
    events = _events(
        "rampur: a mob set fire to three shops in rampur on monday night. "
        "around 30 people have been arrested by the police in rampur."
    )
    kinds = {(e.event_type, e.sub_event_type, e.actor1) for e in events}
    assert ("Strategic developments", "Arrests", "Police Forces of India") in kinds
    assert any(e.event_type == "Riots" for e in events)
    assert answers(events) >= {"ARREST", "ANY_ACTION"}


def test_firing_at_protesters_is_a_protest_met_with_intervention() -> None:
    events = _events(
        "sitapur: the police fired tear gas shells at protesters outside the collectorate in sitapur on monday."
    )
    protest = [e for e in events if e.event_type == "Protests"]
    assert protest and protest[0].sub_event_type == "Protest with intervention"
    assert (protest[0].actor1, protest[0].actor2) == ("Protesters (India)", "Police Forces of India")


def test_a_weapons_seizure_is_disrupted_weapons_use() -> None:
    events = _events("rampur: police recovered five country-made bombs from a house in rampur on tuesday.")
    assert [(e.sub_event_type, e.actor1) for e in events] == [
        ("Disrupted weapons use", "Police Forces of India")
    ]
    assert answers(events) == {"ANY_ACTION"}


def test_an_order_to_fire_makes_no_record() -> None:
    events = _events(
        "rampur: the collector said orders have been given to the police to open fire on rioters."
    )
    assert not any(e.actor1 == "Police Forces of India" for e in events)


def test_an_arrest_or_a_pistol_seized_for_an_ordinary_crime_is_not_coded() -> None:
    assert _events("leeds: a man was taken into custody for shoplifting in leeds on friday.") == []
    assert _events("leeds: police seized a pistol from a car in leeds on friday.") == []


def test_a_police_killing_in_a_riot_gets_the_rioters_as_the_other_side() -> None:
    events = _events(
        "rampur: rioting mobs torched shops in rampur on monday. "
        "one person was killed when the police fired 15 rounds in sitapur."
    )
    killing = [e for e in events if e.actor1 == "Police Forces of India"]
    assert [(e.event_type, e.actor2, e.fatalities) for e in killing] == [("Riots", "Rioters (India)", 1)]


def test_an_arrest_in_a_report_of_riots_needs_no_cue_in_its_own_sentence() -> None:
    events = _events(
        "rampur: communal clashes broke out in rampur on sunday. the markets stayed shut on monday. "
        "schools reopened on tuesday. on wednesday, police arrested 14 men in rampur."
    )
    assert ("Arrests", "Police Forces of India") in {(e.sub_event_type, e.actor1) for e in events}


def test_caned_protesters_are_met_with_force() -> None:
    events = _events("the cops caned the agitators outside the collectorate on monday.")
    assert {"FORCE", "ANY_ACTION"} <= answers(events)


def test_militants_killed_in_an_encounter_with_the_police_are_a_battle_with_its_toll() -> None:
    events = _events(
        "tension gripped the valley. two militants were killed in an encounter with the police on monday."
    )
    assert [(e.event_type, e.fatalities) for e in events] == [("Battles", 2)]
    assert "police" in events[0].actor1.lower() and {"KILL", "ANY_ACTION"} <= answers(events)
