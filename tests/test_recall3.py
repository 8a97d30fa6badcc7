"""Recall on lower-cased Indian newspaper reports of communal rioting: stabbings with no named
attacker amid rioting, and arrests whose political reason is told in the sentences before.
Sentences written for these tests."""

from __future__ import annotations

from support import shared_resources

from dateline import pipeline
from dateline.extract.senses import in_conflict_sense
from dateline.extract.triggers import find_triggers
from dateline.read.text import read_text


def _events(text: str) -> list[dict]:
    result = pipeline.process(read_text(text, published="2003-07-16"), shared_resources())
    return [e.to_dict() for e in result.events]


def test_a_stabbing_amid_communal_rioting_is_coded_but_a_lone_stabbing_is_not():
    riot = (
        "nagpur: curfew was clamped on the old city after rioting mobs torched shops on monday. "
        "in amravati, one person was stabbed in a bylane on tuesday night."
    )
    assert any(e["event_type"] == "Violence against civilians" for e in _events(riot))
    crime = "in amravati, one person was stabbed in a bylane on tuesday night after a quarrel."
    assert not any(e["event_type"] == "Violence against civilians" for e in _events(crime))


def test_one_riot_word_in_passing_does_not_make_a_crime_report_political():
    text = (
        "a shopkeeper was stabbed in nagpur on tuesday night after a quarrel over money. "
        "police said the area had been calm since the riot of 1992."
    )
    assert not any(e["event_type"] == "Violence against civilians" for e in _events(text))


def _arrest_kept(nlp, text: str) -> bool:
    doc = nlp(text)
    last = list(doc.sents)[-1]
    hit = next(h for h in find_triggers(last) if h.kind.sub_event_type == "Arrests")
    return in_conflict_sense(hit, last, shared_resources().kb)


def test_an_arrest_takes_its_political_reason_from_the_sentences_before(nlp):
    before = (
        "senior opposition leaders were stopped at the district border on monday. "
        "they were detained and later released."
    )
    assert _arrest_kept(nlp, before)
    ordinary = (
        "a man quarrelled with his neighbour over a water tank on monday. he was detained and later released."
    )
    assert not _arrest_kept(nlp, ordinary)


def test_an_arrest_in_connection_with_a_carnage_is_political(nlp):
    assert _arrest_kept(nlp, "two more men were arrested in connection with the carnage at the bus depot.")
    assert not _arrest_kept(nlp, "two more men were arrested in connection with the theft at the bus depot.")


def test_a_killing_in_a_riot_report_is_the_rioters_with_the_riot_word_as_evidence(resources) -> None:
    from dateline.pipeline import process
    from dateline.read.text import read_text

    riot = (
        "surat: fresh rioting broke out in the old city on monday and a curfew was clamped. "
        "a youth was stabbed to death near the station on monday night, police said."
    )
    crime = "surat: a youth was stabbed to death near the station on monday night, police said."
    result = process(read_text(riot, published="2002-03-05"), resources)
    assert [(e.actor1, e.actor2) for e in result.events] == [("Rioters (India)", "Civilians (India)")]
    cited = [ev for ev in result.events[0].evidence if ev.field == "actor1"]
    assert [result.article.text[ev.start : ev.end] for ev in cited] == ["rioting"]
    assert process(read_text(crime, published="2002-03-05"), resources).events == []
