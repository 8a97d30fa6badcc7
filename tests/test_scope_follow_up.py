"""A follow-up that revises the toll of a killing whose doers it names as an armed group elsewhere
in the report ("a youth militia was blamed for the attack") is no ordinary crime, whatever the
toll (issue 16: a follow-up with eight dead dropped under ``scope.MASS_CASUALTY_MIN``, so its
incident lost a report and its revised toll). A follow-up naming no armed group, and a killing
that revises no toll, are read as before. Every text was written for this test (CC0); the places
are real, the events are not."""

from __future__ import annotations

from support import events_of

from dateline.pipeline import process
from dateline.read.text import read_text

PUBLISHED = "2026-08-16"
FOLLOW_UP = (
    "Two more people wounded in Friday's shooting at the central market in Tamale died overnight, "
    "bringing the number of dead to eight, a hospital official said on Sunday.\n\n"
    "The market was closed on Saturday. Traders said they feared reprisals between the two clans.\n\n"
)


def _drops(resources, text: str) -> list[str]:
    return [d.reason for d in process(read_text(text, published=PUBLISHED), resources).drops]


def test_follow_up_naming_an_armed_group_is_kept(resources):
    text = FOLLOW_UP + "A youth militia from a rival clan has been blamed for the attack."
    events = events_of(resources, text, PUBLISHED)
    assert [(e.event_type, e.fatalities) for e in events] == [("Violence against civilians", 8)]
    assert events[0].actor1 and events[0].actor1.startswith("Unidentified Armed Group")
    assert "ordinary_crime" not in _drops(resources, text)


def test_follow_up_naming_no_armed_group_stays_out(resources):
    text = FOLLOW_UP + "Police said a suspect, a 30-year-old trader, had been arrested."
    assert not [e for e in events_of(resources, text, PUBLISHED) if e.event_type != "Strategic developments"]


def test_armed_words_do_not_keep_a_killing_that_revises_nothing(resources):
    text = (
        "A trader was shot dead at the central market in Tamale on Friday, police said.\n\n"
        "The region has seen clashes between rival militias in the past year."
    )
    assert "ordinary_crime" in _drops(resources, text)
