"""Places on wire copy (issue 13, places): a town named with the province that holds it ("X,
Limpopo") is in that province, never a namesake abroad, and a list of places is not a town and
its province. Every sentence here was written for this test."""

from __future__ import annotations

import pytest
from support import events_of


def _events(resources, text: str):
    return events_of(resources, text, "2024-05-20")


@pytest.mark.parametrize(
    "text, province",
    [
        (
            "Angry workers at a quarry in Oakdale, Limpopo, went on the rampage on Monday, police said.",
            "Limpopo",
        ),
        ("Angry residents torched a clinic in Lakeside, Mpumalanga, on Tuesday, police said.", "Mpumalanga"),
    ],
)
def test_a_town_named_with_its_province_is_not_a_namesake_abroad(resources, text, province):
    events = _events(resources, text)
    assert events, "no event coded"
    assert {(e.country, e.admin1) for e in events} == {("South Africa", province)}, [
        (e.location, e.admin1, e.country) for e in events
    ]


def test_a_list_of_places_is_not_a_town_and_its_province(resources):
    events = _events(
        resources, "Gunmen attacked cafes in Paris, Brussels and London on Friday, killing nine people."
    )
    assert events and events[0].country == "France", [(e.location, e.country) for e in events]


@pytest.mark.parametrize(
    "text, town, province",
    [
        (
            "The Metalworkers Union in Santa Cruz do Sul says that 2,000 workers went on strike Friday morning.",
            "Santa Cruz do Sul",
            "Rio Grande do Sul",
        ),
        (
            "Hundreds of teachers marched through Santa Rita do Sapucai on Tuesday to demand higher pay.",
            "Santa Rita do Sapucai",
            "Minas Gerais",
        ),
    ],
)
def test_a_name_with_a_lowercase_particle_is_the_whole_name(resources, text, town, province):
    events = _events(resources, text)
    assert events and {(e.location, e.admin1) for e in events} == {(town, province)}, [
        (e.location, e.admin1, e.country) for e in events
    ]


def test_an_event_in_another_country_than_the_bureaus_town_is_there(resources):
    text = (
        "Police, students clash in Fiji\n\nBy JANE DOE CANBERRA, Australia (AP) — Police in Fiji fired tear gas"
        " Wednesday to disperse a student protest demanding the minister resign, the government said."
        " Australian officials said they were monitoring the situation."
    )
    events = _events(resources, text)
    assert events and {e.country for e in events} == {"Fiji"}, [(e.location, e.country) for e in events]


def test_the_bureaus_country_named_again_keeps_the_bureaus_town(resources):
    text = (
        "By JANE DOE NAIROBI, Kenya (AP) — Police in Kenya fired tear gas Wednesday to disperse a student"
        " protest demanding the minister resign, the government said."
    )
    events = _events(resources, text)
    assert events and {e.location for e in events} == {"Nairobi"}, [(e.location, e.country) for e in events]


def test_a_big_capital_is_not_a_small_namesake_in_a_demonyms_country(resources):
    text = (
        "Famous Paris theatre to reopen\n\nParis (dpa) - The old theatre in central Paris, where gunmen killed"
        " 40 people during an attack on Saturday, is being rebuilt. The American singer who played that"
        " night will return next month."
    )
    events = _events(resources, text)
    assert events and {(e.location, e.country) for e in events} == {("Paris", "France")}, [
        (e.location, e.admin1, e.country) for e in events
    ]


def test_the_namesake_with_its_province_named_is_the_namesake(resources):
    events = _events(resources, "Gunmen killed three people in Paris, Texas, on Friday, police said.")
    assert events and {(e.location, e.admin1) for e in events} == {("Paris", "Texas")}, [
        (e.location, e.admin1, e.country) for e in events
    ]


def test_a_namesake_in_a_country_the_story_names_is_the_namesake(resources):
    text = "Hundreds of farmers rallied in Paris on Saturday against a new highway, the largest protest in Canada this year."
    events = _events(resources, text)
    assert events and {(e.location, e.country) for e in events} == {("Paris", "Canada")}, [
        (e.location, e.admin1, e.country) for e in events
    ]


def test_a_lede_near_a_town_puts_the_story_near_it(resources):
    text = (
        "Residents of a settlement near Potchefstroom sang and refused to hear the mayor during a meeting on"
        " Monday. Later angry residents barricaded streets with burning tyres, police said."
    )
    events = _events(resources, text)
    assert events and {(e.location, e.geo_precision) for e in events} == {("Potchefstroom", 2)}, [
        (e.location, e.geo_precision) for e in events
    ]
