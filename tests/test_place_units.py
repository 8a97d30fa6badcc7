"""Admin units named with their unit word ("X territory", "X LGA", "X local government area",
"X tehsil", "X mandal") and a shared country name ("Congo") after a dateline's town (issues
13/15/16, places). Every text here was written for this test."""

from __future__ import annotations

import pytest

from dateline.extract.place_mentions import PlaceMention
from dateline.pipeline import process
from dateline.read.text import read_text
from dateline.resolve.context import resolve_places


def _events(resources, text: str):
    result = process(read_text(text, published="2024-05-20"), resources)
    return [e for e in result.events if e.event_type != "Strategic developments"]


def test_town_comma_shared_country_name_is_the_town(resources):
    # "Goma, Congo": the bare name is either Congo; it holds Goma, so Goma is the DR Congo's town,
    # never moved to the Republic of the Congo's centre
    text = "GOMA, Congo - Fighting went on."
    places = [PlaceMention(0, 4, "GOMA", "in", "town"), PlaceMention(6, 11, "Congo", "other", None)]
    found = resolve_places(text, places, resources.gazetteer)
    assert (found[(0, 4)].name, found[(0, 4)].iso3) == ("Goma", "COD")


def test_dateline_town_with_shared_country_name_places_the_story(resources):
    text = (
        "Title line\n\nGOMA, Congo (Reuters) - Rebels stormed a market on Sunday and killed four "
        "traders, a local official said."
    )
    events = _events(resources, text)
    assert events
    assert {(e.location, e.iso3) for e in events} == {("Goma", "COD")}


@pytest.mark.parametrize(
    "text, iso3, admin1",
    [
        (
            "Title line\n\nMAIDUGURI, Nigeria (AP) - Gunmen killed nine herders in Damboa local government "
            "area on Saturday, a community leader said.",
            "NGA",
            "Borno",
        ),
        (
            "Title line\n\nMAIDUGURI, Nigeria (AP) - Gunmen killed nine herders in Damboa LGA on Saturday, "
            "a community leader said.",
            "NGA",
            "Borno",
        ),
    ],
)
def test_unit_word_names_the_admin2_area(resources, text, iso3, admin1):
    # the event is in the named unit (precision 2), not at the dateline's town
    events = _events(resources, text)
    assert events
    assert {(e.location, e.iso3, e.admin1, e.geo_precision) for e in events} == {("Damboa", iso3, admin1, 2)}


def test_territory_under_shared_country_dateline(resources):
    text = (
        "Title line\n\nGOMA, Congo (Reuters) - Rebels attacked a village in Rutshuru territory on "
        "Sunday, killing six farmers, a local official said."
    )
    events = _events(resources, text)
    assert events
    assert {(e.iso3, e.admin1, e.admin2, e.geo_precision) for e in events} == {
        ("COD", "North Kivu", "Rutshuru Territory", 2)
    }


def test_unit_named_with_capitalised_unit_word(resources):
    # "Kasur Tehsil" is tagged as a person's name: with its unit word it is the area the
    # gazetteer has (the district of that name), not the dateline's city
    text = "Title line\n\nLAHORE, Pakistan - Gunmen shot dead a shopkeeper in Kasur Tehsil on Monday, police said."
    events = _events(resources, text)
    assert events
    assert {(e.location, e.admin1, e.geo_precision) for e in events} == {("Kasur", "Punjab", 2)}


LOWER_MANDAL = (
    "clash over land\n\nnizamabad: tension gripped a village in the mandal after two groups clashed over a "
    "piece of farm land on sunday. police said four people were hurt when members of the two groups "
    "attacked each other with sticks and stones. a police picket has been posted in the village."
)


def test_unit_word_after_a_determiner_is_no_town(resources):
    # the truecased copy of a lower-cased scrape writes "in the Mandal": the common noun, never
    # the towns named Mandal (Rajasthan, Norway)
    events = _events(resources, LOWER_MANDAL)
    assert events
    assert all(e.location != "Mandal" and (e.admin1 or "").startswith("Telang") for e in events), [
        (e.location, e.admin1) for e in events
    ]
