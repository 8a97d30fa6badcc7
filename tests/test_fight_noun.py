"""A fight named as an incident ("died in Thursday's tribal fight") reports a battle, as
"fighting" and "clash" do (issue 16: a follow-up's lead revising a clan clash's toll gave no
event). A figurative fight, or one told with no dead ("won the title fight"), stays out. Every
sentence here was written for this test (CC0); the place names are real, the events are not."""

from __future__ import annotations

import pytest
from support import events_of

PUBLISHED = "2026-11-21"


def test_a_fight_between_clans_is_a_battle(resources):
    text = (
        "Police said on Friday that nine men died in Wednesday's clan fight near Mendi in Southern Highlands."
    )
    events = events_of(resources, text, PUBLISHED)
    assert [(e.event_type, e.fatalities) for e in events] == [("Battles", 9)]


@pytest.mark.parametrize(
    "text",
    [
        "The governor said on Friday that the fight against corruption in Mendi had only begun.",
        # a fight told with no dead is a bout or a brawl, not named as a battle
        "The champion won Saturday's title fight in Port Moresby on points.",
    ],
)
def test_a_fight_with_no_dead_or_a_figurative_one_is_no_event(resources, text):
    assert events_of(resources, text, PUBLISHED) == []
