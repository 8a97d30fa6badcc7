"""An attack that kills soldiers or police is political violence even when the report names no
attacker ("six soldiers were killed in the attack on the convoy"), never ``ordinary_crime``;
deaths of soldiers with no attack told (a brawl) stay out. Every text here was written for this
test (CC0); the place names are real, the events are not."""

from __future__ import annotations

import pytest
from support import events_of

from dateline.pipeline import process
from dateline.read.text import read_text

PUBLISHED = "2026-06-03"


@pytest.mark.parametrize(
    "text",
    [
        "Seven soldiers were killed in an attack on their outpost near Diapaga on Monday, a local official said.",
        "Five policemen were killed in Monday's assault on a checkpoint in Tillaberi, the governor said.",
    ],
)
def test_attack_on_state_forces_is_coded(resources, text):
    events = events_of(resources, text, PUBLISHED)
    assert events, "an attack on state forces must be coded"
    assert all(
        d.reason != "ordinary_crime" for d in process(read_text(text, published=PUBLISHED), resources).drops
    )


@pytest.mark.parametrize(
    "text",
    [
        "Two off-duty soldiers were killed in a bar brawl in Bobo-Dioulasso on Saturday, police said.",
        # an attack word, but a private quarrel: no attack on the state's forces
        "A soldier was shot dead by his wife during a domestic dispute in Kaduna on Sunday, police said.",
        "An off-duty policeman was shot dead by robbers who took his motorcycle in Ibadan, police said.",
    ],
)
def test_soldiers_killed_without_an_attack_stay_ordinary_crime(resources, text):
    assert events_of(resources, text, PUBLISHED) == []


def test_fighters_assaulting_a_garrison_is_an_event(resources):
    text = (
        "Fighters of JNIM assaulted the garrison of Gorom-Gorom on Tuesday morning, and at least nine"
        " soldiers lost their lives, local sources said."
    )
    assert events_of(resources, text, PUBLISHED)
