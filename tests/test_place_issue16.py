"""Places that split one incident's reports apart (issue 16): a country named only across a
border, a distance from "X town", the town of a hospital where a victim died, and a part of the
country a wire's bureau town is not in. Every text here was written for this test (CC0)."""

from __future__ import annotations

import pytest

from dateline.extract.place_mentions import sentence_places
from dateline.pipeline import process
from dateline.read.text import read_text


def _events(resources, text: str) -> list[tuple]:
    result = process(read_text(text, published="2026-05-06"), resources)
    return [(e.location, e.iso3, e.geo_precision) for e in result.events]


def _relations(resources, text: str) -> list[tuple[str, str]]:
    doc = resources.nlp(text)
    return [
        (p.text, p.relation) for s in doc.sents for p in sentence_places(s, resources.kb, resources.gazetteer)
    ]


@pytest.mark.parametrize(
    "text, town, iso3",
    [
        (
            "Hamlet raided\n\nARUA — Gunmen killed four traders on Monday night in a hamlet about 10 km "
            "from Koboko town on the border with South Sudan, residents said.",
            "Koboko",
            "UGA",
        ),
        (
            "Hamlet raided\n\nDAPAONG — Gunmen killed four herders on Monday night in a hamlet about 10 km "
            "from Cinkassé town on the border with Burkina Faso, residents said.",
            "Sinkasse",
            "TGO",
        ),
    ],
)
def test_a_country_across_the_border_does_not_make_the_story_abroad(resources, text, town, iso3):
    # the neighbour named across the border is not the story's country: the small town near the
    # border (and the dateline's) is no stray abroad, and "10 km from X town" is near X
    assert set(_events(resources, text)) == {(town, iso3, 2)}


@pytest.mark.parametrize(
    "text, town, relation",
    [
        ("A wounded driver died in hospital in Gao on Tuesday.", "Gao", "care"),
        ("The wounded were rushed to a hospital in Gao.", "Gao", "care"),
        ("Artillery shells hit a hospital in Gao on Monday.", "Gao", "in"),  # the hospital is the target
        ("Two people died in Gao on Monday.", "Gao", "in"),
        # verbs that do not move a victim away from the event: the hospital can be where it was
        ("Gunmen stormed the ward while doctors were treating patients at a hospital in Kano.", "Kano", "in"),
        ("Relatives carried the body to the hospital in Kisumu and protested there.", "Kisumu", "in"),
    ],
)
def test_a_hospitals_town_is_where_the_victim_was_treated(resources, text, town, relation):
    assert _relations(resources, text) == [(town, relation)]


def test_a_follow_up_is_placed_at_the_attack_not_the_hospital(resources):
    text = (
        "Toll rises\n\nThe death toll from Monday's roadside bomb in Mali's Kidal region rose to four "
        "after a wounded soldier died in hospital in Gao, the army said."
    )
    assert _events(resources, text) == [("Kidal", "MLI", 3)]


@pytest.mark.parametrize(
    "text, country, iso3",
    [
        (
            "Raid\n\nBAMAKO, May 3 (Sahel Wire) - Gunmen killed seven villagers in a raid on a hamlet in "
            "northern Mali on Sunday, the army said.",
            "Mali",
            "MLI",
        ),
        (
            "Raid\n\nLAGOS, May 3 (Coast Wire) - Gunmen killed seven villagers in a raid on a hamlet in "
            "northern Nigeria on Sunday, the army said.",
            "Nigeria",
            "NGA",
        ),
    ],
)
def test_a_bureau_town_outside_the_part_named_is_not_the_place(resources, text, country, iso3):
    # "a hamlet in northern Mali" under a BAMAKO dateline: the bureau's town is in the south, so
    # the event is somewhere in the country, not in Bamako
    assert _events(resources, text) == [(country, iso3, 3)]
