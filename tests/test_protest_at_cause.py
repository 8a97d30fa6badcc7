"""A riot held "to protest at" an earlier killing is the news; the killing is its cause and its
day names that killing, not the riot (issue 16: a riot the day after a market shooting came out
as a protest dated the day before, with the shooting's toll). Every sentence here was written
for this test (CC0); the place names are real, the events are not."""

from __future__ import annotations

from support import events_of
from test_event_date_speech import _date

from dateline.pipeline import process
from dateline.read.text import read_text

PUBLISHED = "2026-11-21"  # a Saturday

RIOT = (
    "Hundreds of youths took to the streets of Tamale on Saturday morning, burning tyres and"
    " stoning a police station, to protest at Thursday night's stabbing near the bus terminal in"
    " which four people died."
)


def test_the_cause_of_a_riot_is_background_and_the_riot_keeps_its_own_day(resources):
    events = events_of(resources, RIOT, PUBLISHED)
    assert events and all(e.event_type == "Riots" for e in events)
    assert {e.event_date for e in events} == {"2026-11-21"}
    assert all(not e.fatalities for e in events)
    drops = process(read_text(RIOT, published=PUBLISHED), resources).drops
    assert "background" in {d.reason for d in drops}


def test_a_day_naming_another_event_does_not_date_this_one() -> None:
    text = (
        "On Tuesday the traders of the Kano grain market marched to protest at Sunday's killing of a driver."
    )
    assert _date(text, text, "marched") == "2023-06-06"
    # the day still dates the event it names
    assert _date(text, text, "killing") == "2023-06-04"
