"""Which place of a sentence is the event's, and how it resolves (issue 13, places): capitals named
by their country, the edge of a town, ports, "X town", residents of a place, common nouns the
small model takes for names, towns abroad matched only by another of their names, and an area
the first event is said to be in. Every sentence here was written for this test."""

from __future__ import annotations

import pytest
from spacy.tokens import Span
from support import events_of

from dateline.extract.place_mentions import PlaceMention, sentence_places
from dateline.resolve.context import resolve_places


def _events(resources, text: str):
    return events_of(resources, text, "2024-05-20")


@pytest.mark.parametrize(
    "text, town",
    [
        (
            "Dozens of people were injured in Kenya's capital as police fired tear gas at protesters.",
            "Nairobi",
        ),
        ("Gunmen attacked a hotel in the capital of Mali on Sunday, killing three guards.", "Bamako"),
    ],
)
def test_a_countrys_capital_is_its_capital_city(resources, text, town):
    events = _events(resources, text)
    assert events and {(e.location, e.geo_precision) for e in events} == {(town, 1)}, [
        (e.location, e.geo_precision) for e in events
    ]


def test_a_capital_named_beside_a_town_does_not_replace_the_town(resources):
    text = "Officials in Nigeria's capital said gunmen killed twelve villagers in Gusau on Friday."
    events = _events(resources, text)
    assert events and {e.location for e in events} == {"Gusau"}, [e.location for e in events]


def test_a_camp_on_the_edge_of_a_town_is_the_town_itself(resources):
    text = "Militias shelled a displacement camp on the western edge of Nyala on Monday, killing five people."
    events = _events(resources, text)
    assert events and {(e.location, e.geo_precision) for e in events} == {("Nyala", 1)}, [
        (e.location, e.geo_precision) for e in events
    ]


def _places(resources, text: str, ents=()):
    doc = resources.nlp(text)
    doc.ents = [Span(doc, a, b, label=lab) for a, b, lab in ents]  # as the small model might tag it
    return [(p.text, p.relation) for p in sentence_places(next(doc.sents), resources.kb, resources.gazetteer)]


def test_the_port_of_a_name_the_model_missed_is_a_place(resources):
    assert _places(resources, "Rebels seized the port of Kismayo on Monday.") == [("Kismayo", "in")]


def test_a_name_before_town_is_a_place_when_the_gazetteer_knows_the_town(resources):
    assert _places(resources, "Tension gripped Kasur town after rival groups clashed.") == [("Kasur", "in")]
    # an area before the unit word is not the town ("this north Punjab town" is some town in Punjab)
    assert _places(resources, "Shops shut in this north Punjab town on Friday.") == []
    assert _places(resources, "Shops shut in the Old town on Friday.") == []


def test_a_lower_case_word_taken_for_a_name_is_not_a_place(resources):
    text = "The attackers herded the villagers into the bush, a leader said."
    i = [t.text for t in resources.nlp(text)].index("bush")
    assert _places(resources, text, [(i, i + 1, "PERSON")]) == []
    text = "The attackers herded the villagers into Gao, a leader said."
    i = [t.text for t in resources.nlp(text)].index("Gao")
    assert _places(resources, text, [(i, i + 1, "PERSON")]) == [("Gao", "in")]  # a capitalised name is


def test_the_residents_of_a_place_are_where_they_protest(resources):
    text = "The residents of Bhiwandi observed a complete bandh on Monday."
    doc = resources.nlp(text)
    i = [t.text for t in doc].index("Bhiwandi")
    assert _places(resources, text, [(i, i + 1, "ORG")]) == [("Bhiwandi", "in")]
    text = "The residents of Bhiwandi, Nadiad and Kalyan observed a complete bandh on Monday."
    words = [t.text for t in resources.nlp(text)]
    ents = [(words.index(n), words.index(n) + 1, "PERSON") for n in ("Bhiwandi", "Nadiad", "Kalyan")]
    assert _places(resources, text, ents) == [("Bhiwandi", "in"), ("Nadiad", "in"), ("Kalyan", "in")]


def test_a_town_abroad_matched_only_by_another_name_is_left_unresolved(resources):
    gaz = resources.gazetteer
    alone = "Gunmen attacked a farm near Rashid on Sunday."
    start = alone.index("Rashid")
    found = resolve_places(alone, [PlaceMention(start, start + 6, "Rashid", "near", None)], gaz)
    assert found and next(iter(found.values())).iso3 == "EGY"  # alone: the Egyptian town (Rosetta)
    text = "Nigerian police said gunmen attacked a farm near Rashid in Kaduna on Sunday."
    start = text.index("Rashid")
    assert resolve_places(text, [PlaceMention(start, start + 6, "Rashid", "near", None)], gaz) == {}


def test_an_area_the_first_event_is_in_is_its_place(resources):
    # the learned model, trained to prefer a town, scores the country low here
    text = (
        "At least 30 people were killed and 12 others wounded after gunmen attacked a church in northern"
        " Mozambique, the region's governor said on Monday."
    )
    events = _events(resources, text)
    assert events and {(e.iso3, e.geo_precision) for e in events} == {("MOZ", 3)}, [
        (e.location, e.geo_precision) for e in events
    ]
