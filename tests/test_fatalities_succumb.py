"""The wounded who "succumbed to their injuries" are dead: the subject of "succumb" is a toll, as
the subject of "died" is, by the rules and through the learned toll model; a count told as added
("two more succumbed") is an added count. Texts are made up (CC0)."""

from __future__ import annotations

from support import events_of, sentence

from dateline.extract.fatalities import added_toll, find_fatalities


def test_the_subject_of_succumb_is_a_toll(nlp) -> None:
    found = find_fatalities(sentence(nlp, "Four of the injured miners later succumbed to their burns."))
    assert found is not None and found.best == 4
    added = added_toll(sentence(nlp, "Two more succumbed to their wounds in hospital on Tuesday."))
    assert added is not None and added.best == 2


def test_an_event_told_by_succumbing_keeps_its_toll(resources) -> None:
    text = (
        "Three soldiers who were wounded in Sunday's ambush near Tessalit succumbed to their injuries"
        " on Monday, the army said."
    )
    tolls = [e.fatalities for e in events_of(resources, text, "2026-06-03")]
    assert tolls and tolls[0] == 3, tolls


def test_those_who_lost_their_lives_are_a_toll_and_a_lost_battle_is_not(nlp) -> None:
    found = find_fatalities(sentence(nlp, "Eleven villagers lost their lives when gunmen raided the market."))
    assert found is not None and found.best == 11
    for text in (
        "Three soldiers lost their rifles in the retreat across the river.",
        "Two candidates lost the vote in the northern districts.",
    ):
        assert find_fatalities(sentence(nlp, text)) is None, text


def test_what_is_succumbed_to_must_harm_a_body(nlp) -> None:
    for text in (
        "Rebels attacked Kidal on Monday and three army posts succumbed to the assault.",
        "Four ministers succumbed to pressure from the unions and resigned.",
    ):
        assert find_fatalities(sentence(nlp, text)) is None, text
    found = find_fatalities(sentence(nlp, "Two of the wounded succumbed to bullet injuries in hospital."))
    assert found is not None and found.best == 2
