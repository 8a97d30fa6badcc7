"""The report's dateline as the event's place when the body names none, case-blind place cues on
lower-cased scrapes, and stray small towns abroad (issue 13, places). Every text here was written
for this test."""

from __future__ import annotations

import pytest

from dateline.extract.place_mentions import PlaceMention
from dateline.lookup.places import document_focus
from dateline.pipeline import process
from dateline.read.text import read_text
from dateline.resolve.context import dateline_mention, resolve_places


@pytest.mark.parametrize(
    "text, name",
    [
        ("Rally held TNN | Mar 3, 2003, 10.12 PM IST nagpur: hundreds of teachers staged a dharna", "nagpur"),
        ("Strike goes on TNN | Mar 3, 2003, 10.12 PM IST pune:the bus drivers stayed away", "pune"),
        ("Title line\n\nKABUL, Afghanistan (AP) — Gunmen attacked a checkpoint on Sunday.", "KABUL"),
        ("Title line\n\nLAGOS (Reuters) - Police fired tear gas at traders.", "LAGOS"),
        ("Title line\n\nMULTAN: Farmers blocked the highway on Monday.", "MULTAN"),
        ("Title line\n\nHARARE, Zimbabwe, June 3 - Police beat up vendors.", "HARARE"),
    ],
)
def test_dateline_is_found(resources, text, name):
    found = dateline_mention(text, resources.gazetteer)
    assert found is not None and found.text == name and text[found.start : found.end] == name


@pytest.mark.parametrize(
    "text",
    [
        "Title line\n\nPolice said: the crowd had left by noon.",  # not a place
        "Title line\n\nFarmers blocked the highway near Multan on Monday.",  # no dateline at all
        "Title line\n\n"
        + "Earlier paragraph. " * 100
        + "\n\nMULTAN: Farmers blocked the road.",  # too far down
    ],
)
def test_no_dateline(resources, text):
    assert dateline_mention(text, resources.gazetteer) is None


LOWER = (
    "Teachers stage dharna TNN | Mar 3, 2003, 10.12 PM IST nagpur: hundreds of primary school teachers "
    "staged a protest here on friday demanding the payment of their salary arrears for the last eight "
    "months. the teachers said they would go on an indefinite strike from next week if the state "
    "government did not release the arrears. the leaders of the union addressed the gathering."
)


def test_lower_cased_report_is_placed_at_its_dateline(resources):
    result = process(read_text(LOWER, published="2003-03-03"), resources)
    protests = [e for e in result.events if e.event_type == "Protests"]
    assert protests, [e.notes for e in result.events]
    assert {(e.location, e.iso3, e.geo_precision) for e in protests} == {("Nagpur", "IND", 1)}


def test_wire_report_from_a_foreign_bureau_keeps_no_dateline_town(resources):
    text = (
        "Title line\n\nNAIROBI (Reuters) - Gunmen killed six villagers on Sunday, a Somali army officer said. "
        "Somalia has been fighting the insurgency for years."
    )
    result = process(read_text(text, published="2024-05-20"), resources)
    assert result.events and all(e.iso3 != "KEN" for e in result.events), [e.notes for e in result.events]


def test_short_capitals_are_not_a_province_code(resources):
    countries, admin1 = document_focus(
        "Police fired tear gas TNN | A CA report by the UK team", resources.gazetteer
    )
    assert not admin1  # neither "TNN" nor "CA" is a province here
    assert countries.get("GBR")  # "UK" still names a country


def test_small_town_abroad_is_not_taken_when_the_story_names_another_country(resources):
    gaz = resources.gazetteer
    text = "In Kenya, gunmen attacked the village of Ipiales, the Kenyan police said."
    start = text.index("Ipiales")
    mention = PlaceMention(start, start + len("Ipiales"), "Ipiales", "in", "town")
    alone = resolve_places(
        "Gunmen attacked the village of Ipiales.", [PlaceMention(31, 38, "Ipiales", "in", "town")], gaz
    )
    assert alone and next(iter(alone.values())).iso3 == "COL"  # the name alone is the Colombian town
    assert resolve_places(text, [mention], gaz) == {}


def test_a_village_in_a_named_district_is_part_of_the_district(resources):
    text = (
        "A roadside bomb exploded under a police vehicle at a village in north Kashmir's Kupwara district"
        " on Tuesday, injuring three policemen."
    )
    events = process(read_text(text, published="2024-05-20"), resources).events
    assert events, "no event"
    assert {(e.location, e.geo_precision) for e in events} == {("Kupwara", 2)}


@pytest.mark.parametrize(
    "name, iso3, kind",
    [
        ("northeast Nigeria", "NGA", "country"),
        ("southern Hasaka", "SYR", "admin1"),
        ("north-western Syria", "SYR", "country"),
    ],
)
def test_a_direction_before_an_area_names_part_of_it(resources, name, iso3, kind):
    text = f"Gunmen attacked a market in {name} on Sunday."
    start = text.index(name)
    found = resolve_places(
        text, [PlaceMention(start, start + len(name), name, "in", None)], resources.gazetteer
    )
    place = found.get((start, start + len(name)))
    assert place is not None and (place.iso3, place.kind) == (iso3, kind)


def test_a_direction_word_that_is_part_of_the_name_stays(resources):
    text = "Rebels attacked a camp in North Kivu and in South Sudan."
    found = resolve_places(
        text,
        [
            PlaceMention(text.index(n), text.index(n) + len(n), n, "in", None)
            for n in ("North Kivu", "South Sudan")
        ],
        resources.gazetteer,
    )
    assert sorted(p.iso3 for p in found.values()) == ["COD", "SSD"]


@pytest.mark.parametrize(
    "text, town",
    [
        ("Gunmen shot dead five men on the east side of Tijuana on Friday, police said.", "Tijuana"),
        ("Gunmen killed three farmers on the outskirts of Maiduguri on Friday, police said.", "Maiduguri"),
    ],
)
def test_part_of_a_town_is_the_town(resources, text, town):
    events = process(read_text(text, published="2024-05-20"), resources).events
    assert events and {e.location for e in events} == {town}, [e.notes for e in events]


@pytest.mark.parametrize(
    "text, town",
    [
        (
            "A car bomb exploded in Kabul's Shash Darak district on Monday, killing four people, police said.",
            "Kabul",
        ),
        ("Gunmen shot dead a trader in Mogadishu's Hodan district on Monday, police said.", "Mogadishu"),
    ],
)
def test_a_district_of_a_city_is_the_city(resources, text, town):
    events = process(read_text(text, published="2024-05-20"), resources).events
    assert events and {(e.location, e.geo_precision) for e in events} == {(town, 1)}, [
        (e.location, e.admin1, e.geo_precision) for e in events
    ]


def test_the_town_of_a_name_the_model_missed_is_a_place(resources):
    from dateline.extract.place_mentions import sentence_places

    doc = resources.nlp(
        "A roadside bomb killed two soldiers near the town of Afgooye on Friday, officials said."
    )
    doc.ents = []  # as when the small model tags nothing there
    places = sentence_places(next(doc.sents), resources.kb, resources.gazetteer)
    assert [(p.text, p.relation) for p in places] == [("Afgooye", "near")]
    doc = resources.nlp("Gunmen attacked the village of Notaplace on Friday.")
    doc.ents = []
    assert sentence_places(next(doc.sents), resources.kb, resources.gazetteer) == []


def test_a_strike_throughout_the_state_is_the_province_of_the_story(resources):
    text = (
        "Teachers strike TNN | Mar 3, 2003, 10.12 PM IST nagpur: primary school teachers throughout the state "
        "staged a protest on friday, demanding the payment of their salary arrears for the last eight "
        "months. the leaders of the union said the teachers would not return to work until the state "
        "government released the arrears, and the schools stayed shut."
    )
    events = [e for e in process(read_text(text, published="2003-03-03"), resources).events if e.event_type]
    assert events and {(e.location, e.geo_precision) for e in events} == {("Maharashtra", 3)}, [
        (e.location, e.geo_precision, e.notes) for e in events
    ]
