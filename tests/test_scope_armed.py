"""Issue 13: armed violence against civilians told without a named attacker in its own sentence
is no ordinary crime (the doer told in the sentence after, a massacre, attackers who single their
victims out), while a stabbing, a robbery, a domestic killing and a lone man's killing stay
``ordinary_crime``; and an event told as a year or more before the news ("marched on Sunday, a
year after ...") is background. Every text here was written for this test; the place names are
real, the events are not."""

from __future__ import annotations

import pytest

from dateline.pipeline import process
from dateline.read.jsonl import read_record
from dateline.read.text import read_text

PUBLISHED = "2026-10-05"


def _result(resources, text: str, title: str | None = None):
    if title is None:
        return process(read_text(text, published=PUBLISHED), resources)
    record = {"title": title, "text": text, "published": PUBLISHED, "url": "https://example.org/a"}
    return process(read_record(record, "test"), resources)


def _said(result, span) -> str:
    return result.article.text[span[0] : span[1]]


@pytest.mark.parametrize(
    "text",
    [
        # the doer in the next sentence of the same paragraph
        "Two engineers were kidnapped near Gao on Thursday, their company said. Their truck was "
        "stopped on the road to Bourem by masked armed men.",
        # ... or in the next paragraph, when the event's sentence ends its own
        "A teacher and his son were abducted from their home in Kaduna on Monday, relatives said.\n\n"
        "They were taken by armed men who arrived on motorcycles.",
        # a massacre of civilians with no attacker named
        "The diocese condemned the massacre of seven villagers in Yelwata, Benue state, on Friday night.",
        # attackers who single out their victims
        "Four farmers were shot dead near Tibu, Norte de Santander, on Sunday night, the mayor said.\n\n"
        "Witnesses said the attackers asked for the farmers by name before opening fire.",
    ],
)
def test_armed_violence_against_civilians_is_kept(resources, text):
    result = _result(resources, text)
    [event] = result.events
    assert event.event_type == "Violence against civilians", result.drops
    assert "ordinary_crime" not in {d.reason for d in result.drops}
    # the doer the text implies, with the words that say so as its evidence
    assert event.actor1.startswith("Unidentified Armed Group") and event.inter1 == 3
    [said] = [ev.text for ev in event.evidence if ev.field == "actor1"]
    assert said.lower() in ("armed men", "massacre", "attackers asked for")


def test_a_massacre_in_the_title_speaks_of_the_story_it_leads(resources):
    text = "Five men were shot dead at a billiards hall in Cucuta, Norte de Santander, on Saturday night."
    assert _result(resources, text, "Massacre at a billiards hall in Cucuta").events
    assert not _result(resources, text, "Five shot dead at a billiards hall in Cucuta").events


@pytest.mark.parametrize(
    "text",
    [
        "A man was stabbed to death outside a store in Leeds on Friday, police said.",
        "A shopkeeper was shot dead during a robbery in Durban on Monday, police said.",
        "A man massacred his wife and three children at their home in Ohio on Sunday, police said.",
        # a doer told after another event's sentence is that event's, not this one's
        "A woman was stabbed to death in Leeds on Friday, police said. In Sheffield, gunmen killed "
        "two people on Saturday.",
        # armed men told after the crime, but not as its doer
        "A man was shot dead outside a bar in Leeds on Friday, police said. He had told friends he "
        "feared armed gangs.",
        # its doers told back to, but neither as armed nor as an armed group's
        "A man was shot dead outside a bar in Leeds on Friday, police said.\n\nDetectives said the "
        "attackers were from Bradford.",
    ],
)
def test_ordinary_crime_stays_out(resources, text):
    result = _result(resources, text)
    first = result.article.text.index(" police said.")  # the end of the crime's sentence
    typed = [ev.start for e in result.events for ev in e.evidence if ev.field == "event_type"]
    assert not [start for start in typed if start < first], result.events
    reasons = [d.reason for d in result.drops if d.trigger[0] < first]
    assert reasons and set(reasons) <= {"ordinary_crime", "out_of_scope"}, reasons  # crime either way


def test_a_killing_a_year_before_the_news_is_background(resources):
    text = (
        "Hundreds of residents marched through Jos on Sunday, a year after gunmen killed 20 villagers "
        "in an attack nearby."
    )
    result = _result(resources, text)
    reasons = {_said(result, d.trigger): (d.reason, d.detail) for d in result.drops}
    assert reasons.get("killed") == ("background", "an event a year or more before the news")
    assert "Violence against civilians" not in {e.event_type for e in result.events}
    # a killing days before the news is still its own event
    text = "Gunmen killed 20 villagers near Jos on Thursday, police said."
    assert "Violence against civilians" in {e.event_type for e in _result(resources, text).events}


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # the doers told back to in the next paragraph as members of an armed group of the
        # knowledge base
        (
            "Seven villagers died in an attack on a hamlet near Beni, North Kivu, on Tuesday, the mayor "
            "said.\n\nAt a meeting in Beni the mayor said the assailants were members of the Allied "
            "Democratic Forces.",
            "the assailants were members of the Allied Democratic Forces",
        ),
        # ... or as armed, two paragraphs after the attack, with no other event told between
        (
            "Six people were killed in an attack on a village near Mangu, Plateau state, on Sunday "
            "night, officials said.\n\nHundreds of residents spent the night in a school.\n\n"
            "Survivors said the attackers, armed with rifles, came on foot.",
            "the attackers",
        ),
    ],
)
def test_doers_told_back_to_later_as_armed_are_an_armed_group(resources, text, said):
    result = _result(resources, text)
    assert "ordinary_crime" not in {d.reason for d in result.drops}
    [event] = [e for e in result.events if e.event_type == "Violence against civilians"]
    assert event.actor1.startswith("Unidentified Armed Group")
    assert said in [ev.text for ev in event.evidence if ev.field == "actor1"]
