"""Namesakes across borders (issue 15): a place called exactly by the name beats a bigger town
abroad that has the name only as an alternate spelling ("Tank", Pakistan, not Tonk, India), and
the article's focus on the foreign country still moves it. Every sentence here was written for
this test."""

from __future__ import annotations

import re

import pytest
from support import events_of, shared_resources

from dateline.lookup.places import resolve_toponyms


def _resolve(text: str, names: list[str]):
    mentions = sorted(
        (
            {"start": m.start(), "end": m.end(), "text": m.group(0), "hint": "town"}
            for name in names
            for m in re.finditer(re.escape(name), text)
        ),
        key=lambda m: m["start"],
    )
    places = resolve_toponyms(text, mentions, shared_resources().gazetteer)
    return {m["text"]: p for m, p in zip(mentions, places, strict=True)}


@pytest.mark.parametrize(
    "text",
    [
        "TANK: Two guards were hurt when gunmen fired on a checkpost on the edge of Tank city.",
        "Shopkeepers in Tank kept their shutters down on Monday after a night of firing.",
    ],
)
def test_an_exact_name_beats_an_alternate_spelling_abroad(text):
    place = _resolve(text, ["Tank", "TANK"])["Tank"]
    assert place is not None and place.iso3 == "PAK", place


def test_the_articles_country_still_picks_the_namesake_abroad():
    text = "In India, farmers in Tank blocked the Rajasthan highway on Monday to demand higher prices."
    place = _resolve(text, ["Tank", "India", "Rajasthan"])["Tank"]
    assert place is not None and place.iso3 == "IND", place


def test_an_event_in_a_lone_town_is_placed_in_its_own_country(resources):
    events = events_of(
        resources,
        "TANK: Gunmen attacked a police checkpost on the outskirts of Tank city late on Saturday, "
        "killing two constables, police said.",
        "2024-05-20",
    )
    assert events and {e.country for e in events} == {"Pakistan"}, [(e.location, e.country) for e in events]
