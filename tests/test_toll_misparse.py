"""Two misparses that added a death to a toll (issue 16: the reports of one suicide bombing told
5 and 7 dead were coded 6 and 8, so the merged record's range was off):

- an active clause read as a reduced relative ("A suicide car bomb killed at least seven
  people", "killed" an ``acl`` of "bomb"): the verb has its own object, so its head is the killer,
  not "a bomb" counted as one dead;
- a dateline read as a second passive subject ("DEIR AL-BALAH — Three soldiers were killed",
  "AL" a subject): one verb has one subject, the one nearest it.

Every text was written for this test (CC0); the places are real, the events are not."""

from __future__ import annotations

import pytest
from support import events_of

PUBLISHED = "2026-01-06"


@pytest.mark.parametrize(
    "text, toll",
    [
        ("MAIDUGURI, Jan 5 (Agency) - A suicide car bomb killed at least nine people, six soldiers and three "
         "traders, at a checkpoint in Borno state on Friday, two officials said.", 9),
        ("KANO, March 3 (Agency) - A suicide car bomb killed at least seven people at a market in Kano on "
         "Monday, police said.", 7),
        ("DEIR AL-BALAH — Three soldiers were killed on Tuesday when a roadside bomb hit their vehicle, "
         "the army said.", 3),
        ("TEL AL-ZAATAR — Six police officers were killed on Friday when insurgents stormed a post, "
         "officials said.", 6),
    ],
)  # fmt: skip
def test_the_killer_and_the_dateline_are_not_counted_dead(resources, text, toll):
    events = events_of(resources, text, PUBLISHED)
    assert [e.fatalities for e in events] == [toll]


@pytest.mark.parametrize(
    "text, toll",
    [
        # a reduced relative with no object still counts its head: "12 people killed in …"
        (
            "Officials said five traders killed in a bandit raid on a market near Gusau on Monday were buried.",
            5,
        ),
        # two subjects that are one group stay one: "soldiers and police were killed"
        ("Four soldiers and two policemen were killed in an ambush near Gao on Monday, the army said.", 6),
    ],
)
def test_victims_still_counted(resources, text, toll):
    events = events_of(resources, text, PUBLISHED)
    assert [e.fatalities for e in events] == [toll]
