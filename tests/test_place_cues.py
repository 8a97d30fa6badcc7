"""Small cues of where an event was (issues 13 and 15): a sentence's first word "In" names no US
state (it used to make a lower-cased Indian scrape look like a story about Indiana, so its
dateline's town was dropped as a bureau abroad); a place some kilometres "from" a town is near it
(precision 2), not in it; an area named before its unit word that the small model left untagged
("Sud-Kivu province") is still the area; Somalia's regions carry ACLED's English names. Every
sentence here was written for this test; the place names are real, the events are not."""

from __future__ import annotations

from support import places_coded, sentence

from dateline.countries import english_admin
from dateline.extract.place_mentions import sentence_places
from dateline.lookup.place_text import document_focus

PUBLISHED = "2026-11-20"


def places_of(resources, text: str) -> list[tuple[str, str]]:
    sent = sentence(resources.nlp, text)
    return [(p.text, p.relation) for p in sentence_places(sent, resources.kb, resources.gazetteer)]


def test_a_sentence_opening_in_names_no_state(resources):
    text = "In all, 40 schools stayed shut. In the evening the teachers met."
    assert not document_focus(text, resources.gazetteer)[0]
    _, admin1 = document_focus(f"{text} A rally was held in Gary, Ind.", resources.gazetteer)
    assert admin1["US.IN"] == 1  # an abbreviation written as one still counts


def test_a_short_areas_own_name_still_counts(resources):
    countries, admin1 = document_focus("Tourists left Goa after the storm.", resources.gazetteer)
    assert countries["IND"] > 0


def test_dateline_town_survives_sentences_opening_in(resources):
    text = (
        "SURAT: Police arrested about 60 striking teachers outside the collector's office on "
        "Monday. In all, 30 schools remained closed. In the evening the teachers were released."
    )
    assert ("Surat", "IND", 1) in places_coded(resources, text, "2001-10-02")


def test_a_distance_from_a_town_is_near_it(resources):
    found = dict(places_of(resources, "Gunmen attacked a farm some 30 kilometres from the town of Butembo."))
    assert found.get("Butembo") == "near"
    assert dict(places_of(resources, "The camp lies 12 km from Goma.")).get("Goma") == "near"


def test_on_the_way_from_a_town_is_no_distance(resources):
    found = dict(places_of(resources, "The bus was stopped on the way from Goma."))
    assert found.get("Goma") != "near"


def test_untagged_area_before_its_unit_word(resources):
    text = "Rebels seized the village of Kalehe in Sud-Kivu province on Monday after fighting with the army."
    assert "Sud-Kivu" in {name for name, _ in places_of(resources, text)}
    assert ("South Kivu", "COD", 3) in places_coded(resources, text, PUBLISHED)


def test_somali_regions_have_acled_names():
    assert english_admin("Jubbada Hoose", "SOM") == "Lower Juba"
    assert english_admin("Shabeellaha Dhexe", "SOM") == "Middle Shabelle"
