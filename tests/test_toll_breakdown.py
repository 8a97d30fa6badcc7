"""A whole told with its parts is counted once: "nine people, six soldiers and three civilians"
were killed is 9, not 18, by the rules and by the learned toll choice; distinct groups still add
up. Sentences are made up (CC0)."""

from __future__ import annotations

import pytest
from support import events_of, sentence

from dateline.extract.fatalities import find_fatalities
from dateline.extract.toll_words import breakdown_total


@pytest.mark.parametrize(
    ("counts", "whole"),
    [
        ([(9, "people"), (6, "soldier"), (3, "civilian")], 9),
        ([(7, None), (4, "policeman"), (3, "attacker")], 7),
        ([(3, "soldier"), (2, "civilian"), (5, "policeman")], None),  # 5 = 3 + 2, but no whole's noun
        ([(6, "people"), (6, "soldier")], None),  # two counts: no parts to break down into
        ([(4, "people"), (3, "soldier"), (2, "civilian")], None),
    ],
)
def test_a_general_count_equal_to_the_sum_of_the_others_is_the_whole(counts, whole) -> None:
    assert breakdown_total(counts) == whole


@pytest.mark.parametrize(
    ("text", "toll"),
    [
        ("Nine people, six soldiers and three civilian lorry drivers, were killed in the ambush.", 9),
        ("Gunmen killed nine people, six soldiers and three civilians, near the town on Sunday.", 9),
        ("Three soldiers and two civilians were killed, and five policemen died later.", 10),
    ],
)
def test_the_rules_count_a_whole_once(nlp, text, toll) -> None:
    found = find_fatalities(sentence(nlp, text))
    assert found is not None and found.best == toll


def test_an_event_told_with_its_toll_broken_down_keeps_the_whole(resources) -> None:
    text = (
        "Militants stormed a police station in Kulachi late on Saturday. Seven people died in the "
        "gunfight, four policemen and three of the attackers, district officials said."
    )
    tolls = [e.fatalities for e in events_of(resources, text, "2026-03-15")]
    assert tolls and max(t or 0 for t in tolls) == 7, tolls
