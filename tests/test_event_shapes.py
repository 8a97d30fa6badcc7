"""Shapes of news the events helper met in session seven (issue 13): a procession with a cause is
a protest and a funeral procession is none; a bomb only aircraft drop is an air strike whatever
hits; an adverb of frequency on a present or present-perfect verb tells of a habit, not an
event. Every sentence here was written for this test; the places are real, the events are not."""

from __future__ import annotations

import pytest
from support import events_of, extract_with_drops

PUBLISHED = "2026-11-20"  # a Friday


def kinds(resources, text: str) -> set[tuple[str | None, str | None]]:
    return {(e.event_type, e.sub_event_type) for e in events_of(resources, text, PUBLISHED)}


@pytest.mark.parametrize(
    "text",
    [
        "Residents took out a procession against the closure of the hospital in Mysore on Sunday.",
        "students took out a procession here on monday demanding the release of their teacher.",
        "Farmers held a procession in Nashik on Tuesday, raising slogans against the new tax.",
        # mourners who march as protesters: a funeral told with slogans or demands
        "Thousands joined the funeral procession of the slain activist in Srinagar on Monday, "
        "chanting slogans against the government.",
    ],
)
def test_a_procession_with_a_cause_is_a_protest(resources, text):
    assert kinds(resources, text) == {("Protests", "Peaceful protest")}


@pytest.mark.parametrize(
    "text",
    [
        "Thousands joined the funeral procession of the singer in Chennai on Monday.",
        "A festival procession passed through the old city of Pune on Sunday evening.",
        "The victory procession of the winning candidate went through Patna on Thursday.",
        # "against" alone does not make a funeral a protest
        "The funeral procession of the boy killed in the attack against the bus passed through Jammu on Monday.",
    ],
)
def test_processions_that_protest_nothing_are_no_event(resources, text):
    assert kinds(resources, text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "A guided aerial bomb hit a warehouse in Kupiansk on Thursday, officials said.",
        "Glide bombs struck a school in Kostiantynivka on Wednesday, the governor said.",
        "Barrel bombs fell on a market in Aleppo on Tuesday, a monitor said.",
    ],
)
def test_bombs_that_only_aircraft_drop_are_air_strikes(resources, text):
    assert kinds(resources, text) == {("Explosions/Remote violence", "Air/drone strike")}


@pytest.mark.parametrize(
    "text, word",
    [
        ("Reporters have been regularly detained and jailed under the general, the group said.", "detained"),
        ("Activists are routinely arrested in the capital, the report said on Thursday.", "arrested"),
        ("Troops have often clashed with smugglers along the border, a researcher said.", "clashed"),
    ],
)
def test_a_habit_is_no_event(resources, text, word):
    article, mentions, drops = extract_with_drops(resources, text, PUBLISHED)
    assert not [m for m in mentions if article.text[slice(*m.trigger)] == word]
    assert word in {article.text[slice(*d.trigger)] for d in drops if d.trigger}


@pytest.mark.parametrize(
    "text",
    [
        "Police repeatedly fired tear gas at protesters in Nairobi on Tuesday.",
        "Police often used tear gas at the protest in Nairobi on Tuesday, witnesses said.",
    ],
)
def test_frequency_in_a_past_report_is_still_an_event(resources, text):
    assert kinds(resources, text) == {("Protests", "Protest with intervention")}


@pytest.mark.parametrize(
    "text, word",
    [
        (
            "Officials frequently visit the site of Monday's bombing in Kabul, which killed 12 people.",
            "bombing",
        ),
        (
            "Witnesses often describe the attack on the village of Kurmin on Sunday as the worst yet.",
            "attack",
        ),
    ],
)
def test_a_habit_of_someone_else_does_not_make_the_event_a_habit(resources, text, word):
    article, mentions, drops = extract_with_drops(resources, text, PUBLISHED)
    assert not [
        d for d in drops if d.trigger and article.text[slice(*d.trigger)] == word and "habit" in d.detail
    ]
