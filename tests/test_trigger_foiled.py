"""An attack a report says was foiled never happened: "the army said it had foiled a second
attack", "an attack on the police station was foiled", "soldiers thwarted an attack" code no
event (issue 16: a report of a suicide bombing gave a second event, violence against civilians,
for the attack the army said it had foiled). An attack repelled did happen. Every text was
written for this test (CC0); the places are real, the events are not."""

from __future__ import annotations

import pytest
from support import events_of

PUBLISHED = "2026-01-06"


@pytest.mark.parametrize(
    "text, kept",
    [
        ("Gunmen killed four farmers near Gao on Monday, officials said. The army said it had foiled a second "
         "attack on a nearby village.", [("Violence against civilians", 4)]),
        ("Soldiers thwarted an attack on a military base near Mopti on Sunday, the army said.", []),
        ("An attack on the police station in Kidal was foiled on Friday, the governor said.", []),
        # repelled: the attack happened
        ("Soldiers repelled an attack on their base near Mopti on Sunday, killing three militants, the army "
         "said.", [("Battles", 3)]),
    ],
)  # fmt: skip
def test_a_foiled_attack_is_no_event(resources, text, kept):
    assert [(e.event_type, e.fatalities) for e in events_of(resources, text, PUBLISHED)] == kept
