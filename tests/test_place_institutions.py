"""Names listed before a plural institution noun name the institutions, not towns (issue 13, the
india-protest reports): "at Victoria, Bowring and Vani Vilas hospitals" put a Bangalore doctors'
rally "in Victoria hospital" in Hong Kong (Victoria, its old capital). Every sentence here was
written for this test; the place and hospital names are real, the events are not."""

from __future__ import annotations

from support import places_coded, sentence

from dateline.extract.place_mentions import sentence_places


def relations(resources, text: str) -> dict[str, str]:
    sent = sentence(resources.nlp, text)
    return {p.text: p.relation for p in sentence_places(sent, resources.kb, resources.gazetteer)}


def test_a_list_of_names_closed_by_hospitals_names_hospitals(resources):
    # as the truecaser leaves a lower-cased scrape: the town's name capitalised, the others not
    found = relations(
        resources, "Long queues were seen at Victoria, bowring and vani vilas hospitals on Monday."
    )
    assert found.get("Victoria") == "modifier"
    found = relations(resources, "Doctors struck work at Victoria and KC General hospitals.")
    assert found.get("Victoria") == "modifier"


def test_a_town_before_other_words_stays_a_town(resources):
    found = relations(resources, "Teachers rallied in Surat and walked to the hospitals of the city.")
    assert found.get("Surat") == "in"
    found = relations(resources, "Doctors marched in Surat, where the hospitals stayed shut.")
    assert found.get("Surat") == "in"


def test_a_lower_cased_report_keeps_its_dateline_town(resources):
    text = (
        "bangalore: services in government hospitals in the city stayed paralysed as junior doctors "
        "remained on strike on wednesday. long queues were seen at victoria, bowring and vani vilas "
        "hospitals with few doctors on duty. the doctors took out a rally in victoria hospital."
    )
    coded = places_coded(resources, text, "2026-07-25")
    assert {iso3 for _, iso3, _ in coded} == {"IND"}, coded
