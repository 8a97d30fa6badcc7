"""A country that speaks or sends aid is not where the event is, the sides' country is the
fallback when nothing places it, and a tally of interceptions is no event (issue 13). Every
sentence here was written for this test."""

from __future__ import annotations

import pytest
from support import assert_dropped, events_of

RAID = "ADF rebels raided Komanda on Monday, killing seven civilians, officials said."


def _events(resources, text: str):
    return events_of(resources, text, "2026-12-01")


def _places(events) -> list[tuple]:
    return [(e.location, e.country, e.geo_precision, e.actor2) for e in events]


@pytest.mark.parametrize(
    "second, speaker",
    [
        ("The United States said it was monitoring the situation.", "United States"),
        ("Aid groups from Uganda arrived on Wednesday.", "Uganda"),
        ("Belgium urged restraint and warned that more violence could follow.", "Belgium"),
    ],
)
def test_a_speaking_or_sending_country_is_not_the_place(resources, second, speaker):
    events = _events(resources, f"{RAID} {second}")
    assert events, "no event coded"
    for e in events:
        assert e.country != speaker and speaker not in (e.actor2 or ""), _places(events)


def test_with_no_place_left_the_armed_groups_country_at_precision_3(resources):
    events = _events(resources, f"{RAID} The United States said it was monitoring the situation.")
    assert [(e.country, e.geo_precision) for e in events] == [("Democratic Republic of Congo", 3)], _places(
        events
    )
    evidence = {ev.field: ev.text for ev in events[0].evidence}
    assert evidence.get("country") == "ADF"


@pytest.mark.parametrize(
    "text",
    [
        "The Malian army said it killed 20 militants on Sunday.",
        "FAMa soldiers killed 20 militants on Sunday, the army said.",
    ],
)
def test_a_force_the_knowledge_base_names_for_its_country_places_the_event_there(resources, text):
    events = _events(resources, text)
    assert [(e.country, e.geo_precision) for e in events] == [("Mali", 3)], _places(events)


@pytest.mark.parametrize(
    "text",
    [
        "Russian drones struck an apartment block overnight, killing three civilians, officials said.",
        "US forces killed five militants in an air strike on Sunday, the Pentagon said.",
    ],
)
def test_forces_named_by_nationality_give_no_fallback_country(resources, text):
    # they often act abroad: no place is better than their home country
    events = _events(resources, text)
    assert events, "no event coded"
    assert all(e.country is None for e in events), _places(events)


def test_a_state_that_speaks_of_its_forces_is_never_placed_elsewhere(resources):
    events = _events(resources, "Mali said its forces killed 20 militants on Sunday.")
    assert events, "no event coded"
    assert {e.country for e in events} <= {"Mali", None}, _places(events)


@pytest.mark.parametrize(
    "text, location, country",
    [
        ("Police in Kenya said they arrested 12 protesters in Nairobi on Tuesday.", "Nairobi", "Kenya"),
        ("Gunmen attacked a market in Kaduna on Monday, killing two people.", "Kaduna", "Nigeria"),
        (
            "Rebels attacked a village near Kaduna on Monday, killing four people. "
            "The United States said it condemned the attack.",
            "Kaduna",
            "Nigeria",
        ),
    ],
)
def test_an_event_in_a_named_place_keeps_it(resources, text, location, country):
    events = _events(resources, text)
    assert events, "no event coded"
    assert (events[0].location, events[0].country) == (location, country), _places(events)


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine's air force said it had shot down 48 of the 75 drones Russia launched overnight.",
        "Air defences intercepted 20 missiles and downed 12 drones overnight, the military said.",
        "The army said 30 rockets were shot down over the border area on Friday.",
    ],
)
def test_a_tally_of_interceptions_is_dropped_with_its_reason(resources, text):
    assert_dropped(resources, text, "aggregate", "2026-12-01")


def test_a_strike_that_hit_a_town_is_still_an_event(resources):
    events = _events(
        resources,
        "The army said 30 rockets were shot down on Friday. "
        "Rebels fired rockets at the town of Kaduna on Friday, killing three people.",
    )
    assert len(events) == 1 and events[0].location == "Kaduna", _places(events)


def test_a_single_aircraft_shot_down_is_not_a_tally(resources):
    events = _events(
        resources, "Rebels shot down an army helicopter near Kaduna on Monday, killing two pilots."
    )
    assert events, "no event coded"


@pytest.mark.parametrize(
    "text, country",
    [
        (
            "Ukrainian drones hit an oil depot in Russia's Belgorod region overnight, the governor said.",
            "RUS",
        ),
        ("Russian missiles struck a power plant near Kharkiv on Tuesday, officials said.", "UKR"),
    ],
)
def test_the_nationality_of_a_weapon_is_not_where_it_struck(resources, text, country):
    """'Ukrainian drones' names whose forces fired them (spaCy may tag the adjective a GPE)."""
    events = events_of(resources, text, "2026-11-20")
    assert events and all(e.iso3 == country for e in events), [(e.location, e.iso3) for e in events]


def test_a_place_before_an_attack_word_stays_a_place(resources):
    events = events_of(
        resources,
        "A suicide bomber killed nine people in the Kabul attack on Monday, police said.",
        "2026-11-20",
    )
    assert events and {e.iso3 for e in events} == {"AFG"}
