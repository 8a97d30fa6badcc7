"""Coding details that turned one event into the wrong type or into two events (issue 13): force
on a crowd told between a protest's other parts, a party's unarmed people killed, and a protest
that was only announced. Every sentence here was written for these tests (none comes from a
dataset)."""

from __future__ import annotations

import pytest
from support import shared_resources

from dateline import pipeline
from dateline.read.text import read_text


def _result(text: str, published: str = "2024-05-20"):
    return pipeline.process(read_text(text, published=published), shared_resources())


def test_protesters_beaten_up_do_not_split_the_protest_from_its_arrests():
    text = (
        "Police fired tear gas to break up a protest by students in Nairobi on Wednesday. Several "
        "students were beaten up by officers. The police also arrested 20 students."
    )
    events = _result(text).events
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Protests", "Protest with intervention")]


@pytest.mark.parametrize(
    "text",
    [
        "Two BJP supporters were killed by police firing in Kalna on Sunday, officials said.",
        "A leader of the Congress party was killed by police in Kalna on Sunday.",
    ],
)
def test_a_partys_unarmed_people_killed_are_civilians(text):
    events = _result(text).events
    assert len(events) == 1
    event = events[0]
    assert event.event_type == "Violence against civilians"
    assert (event.actor2, event.inter2) == ("Civilians (India)", 7)
    assert event.assoc_actor_2 in ("BJP: Bharatiya Janata Party", "INC: Indian National Congress")


def test_party_people_killed_while_exchanging_fire_are_no_civilians():
    events = _result(
        "Two BJP workers were killed in Kalna on Sunday when they exchanged fire with police."
    ).events
    assert events and all(e.event_type != "Violence against civilians" for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "The students' union announced a protest rally in Ranipur against the fee hike.",
        "The city unit of the party, which had earlier announced of taking out a silent protest rally in "
        "Ranipur on Friday, cancelled its plans. The police denied permission for the rally.",
        "The traders' association declared a bandh in Ranipur on Wednesday against the new tax.",
    ],
)
def test_a_protest_only_announced_is_no_event(text):
    result = _result(text)
    assert result.events == []
    assert {d.reason for d in result.drops} <= {"other_sense", "not_reportable"} and result.drops


@pytest.mark.parametrize(
    "text",
    [
        "Thousands of students marched through Ranipur on Monday against the fee hike, police announced.",
        "Thousands of students held a rally in Ranipur on Monday. The union announced that the protest would continue.",
        "The rally was held in Ranipur on Monday without permission from the police.",
    ],
)
def test_a_protest_held_stays_an_event_when_an_announcement_is_told(text):
    assert [e.event_type for e in _result(text).events] == ["Protests"]


def test_the_clash_pointing_back_to_a_crowds_clash_keeps_the_tear_gas_in_its_event():
    text = "Students clashed with police in Nairobi on Wednesday. A reporter was injured in the clash. Police fired tear gas."
    assert [e.event_type for e in _result(text).events] == ["Riots"]


def test_a_protest_told_first_then_a_deadly_clash_is_excessive_force():
    text = (
        "Police fired live rounds to break up a student protest in Nairobi on Wednesday. Hundreds of "
        "students clashed with police near the university. Three students were killed, a lawmaker said."
    )
    events = _result(text).events
    assert [(e.event_type, e.sub_event_type) for e in events] == [
        ("Protests", "Excessive force against protesters")
    ]
    assert (events[0].inter1, events[0].inter2) == (6, 1)


def test_a_clash_where_the_forces_died_stays_a_riot():
    text = (
        "Police fired tear gas to break up a student protest in Nairobi on Wednesday. Hundreds of "
        "students clashed with police near the university. Two policemen were killed."
    )
    assert [e.event_type for e in _result(text).events] == ["Riots"]


def test_a_clash_where_security_forces_died_among_others_stays_a_riot():
    text = (
        "Police fired tear gas to break up a student protest in Nairobi on Wednesday. Hundreds of "
        "students clashed with police near the university. Two students and a policeman were killed."
    )
    assert [e.event_type for e in _result(text).events] == ["Riots"]


def test_a_march_after_an_announcement_in_another_clause_took_place():
    text = (
        "The teachers' union announced a strike on Monday, and thousands of teachers marched "
        "through Nairobi demanding higher pay."
    )
    assert [e.event_type for e in _result(text).events] == ["Protests"]
