"""Two shapes of a wire report (issue 16): "an assault on an army base" is an attack like "an attack
on" one, so a follow-up whose lead revises its toll ("the death toll from an assault on … has risen
to 15") tells the event and its place; and an air strike stays an air strike when a speaker of
the sentence ("an opposition official said") is read as a crowd: no crowd is dispersed from the
air. Texts invented (CC0)."""

from __future__ import annotations

from dateline.pipeline import process
from dateline.read.jsonl import read_record


def _events(resources, text: str) -> list:
    record = {"url": "https://example.org/wire", "title": "", "published": "2026-03-12",
              "publisher": "Example Wire", "text": text}  # fmt: skip
    return process(read_record(record, "wire"), resources).events


def test_a_lead_revising_the_toll_of_an_assault_tells_the_event(resources) -> None:
    text = (
        "NAIROBI, March 12 (Example Wire) - The death toll from an assault on an army base near Garissa "
        "has risen to 15, a regional official said on Thursday."
    )
    events = _events(resources, text)
    assert events and events[0].location == "Garissa" and events[0].fatalities == 15, events


def test_an_air_strike_is_no_crowd_control(resources) -> None:
    text = (
        "BANGKOK, March 12 (Example Wire) - A military air strike on a monastery school in the Magway "
        "region killed 11 people, six of them children, rescue workers and an opposition official said "
        "on Thursday."
    )
    events = _events(resources, text)
    assert events and events[0].event_type == "Explosions/Remote violence", events
    assert events[0].sub_event_type == "Air/drone strike"
