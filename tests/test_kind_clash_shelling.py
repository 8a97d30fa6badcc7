"""A ground fight told first as one side fighting the other off, with shelling in it, is ACLED's
armed clash, not a shelling (issue 16: "border guards fought off a sabotage group ... which
crossed the border under cover of mortar fire" was coded as a shelling by one outlet and as a
battle by another, and the merged record kept the first's type). Shelling with no fight told
stays remote violence. Every text was
written for this test (CC0); the places are real, the events are not."""

from __future__ import annotations

import pytest
from support import events_of

PUBLISHED = "2026-03-04"


@pytest.mark.parametrize(
    "text, kind",
    [
        ("A soldier was killed on Tuesday when troops fought off a rebel unit near Kidal, the army said. "
         "The rebels, who approached the base before dawn under cover of mortar fire, were pushed back.",
         ("Battles", "Armed clash")),
        ("Rebels shelled a village near Kidal on Tuesday, killing two civilians, residents said.",
         ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ],
)  # fmt: skip
def test_a_fight_under_shelling_is_a_clash(resources, text, kind):
    events = events_of(resources, text, PUBLISHED)
    assert [(e.event_type, e.sub_event_type) for e in events][:1] == [kind]
