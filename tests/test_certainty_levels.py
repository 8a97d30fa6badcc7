"""An event's certainty as the coding guidelines define it: `confirmed` when the report states it
as fact, `reported` when it rests on someone's word. Made-up wire-style reports, run end to end."""

from __future__ import annotations

import pytest
from support import sentence, shared_resources

from dateline import pipeline
from dateline.extract.attribution import in_sentence, reports
from dateline.extract.factuality import assess
from dateline.extract.triggers import find_triggers
from dateline.read.text import read_text


def _events(text: str) -> list:
    return pipeline.process(read_text(text, published="2024-05-02"), shared_resources()).events


def _one(text: str):
    events = _events(text)
    assert len(events) == 1, [e.notes for e in events]
    return events[0]


def test_a_flat_statement_is_confirmed():
    event = _one("Gunmen killed four farmers in Gao on Tuesday.")
    assert event.certainty == "confirmed"


def test_an_attributed_lead_is_reported():
    event = _one("Gunmen killed four farmers in Gao on Tuesday, the regional governor said.")
    assert event.certainty == "reported"
    assert event.attribution == "the regional governor"


def test_details_told_flatly_after_an_attributed_lead_do_not_confirm_it():
    # the wire pattern: the lead on a source's word, then the details without one
    event = _one(
        "Gunmen killed four farmers in Gao on Tuesday, the regional governor said. "
        "The attackers shot the farmers in their fields before fleeing on motorbikes."
    )
    assert event.certainty == "reported"


def test_confirming_is_still_a_sources_word():
    event = _one(
        "Militants killed four soldiers at a checkpoint near Gao on Tuesday, local police confirmed."
    )
    assert event.certainty == "reported"
    certainty_cites = [e.text for e in event.evidence if e.field == "certainty"]
    assert certainty_cites and certainty_cites[0].strip()


def test_an_attributed_detail_later_does_not_lower_a_lead_told_as_fact():
    events = _events(
        "Gunmen killed four farmers in Gao on Tuesday.\n\n"
        "The town was quiet on Wednesday as shops stayed shut and families buried the dead. "
        "Residents said two of the attackers shot at the farmers from motorbikes."
    )
    killings = [e for e in events if e.location and "Gao" in e.location]
    assert killings and killings[0].certainty == "confirmed"


def _assess(nlp, text: str, word: str):
    sent = sentence(nlp, text)
    hit = next(h for h in find_triggers(sent) if h.head.text == word)
    return assess(hit.head, sent)


@pytest.mark.parametrize(
    "text,word,certainty",
    [
        # an accusation is one party's charge: the guidelines' `alleged`, Dateline's "believed"
        ("Opposition activists accused the army of shelling the market in Kidal.", "shelling", "believed"),
        ("The villagers alleged that soldiers had attacked their homes.", "attacked", "believed"),
        ("The ministry did not accuse the rebels of attacking the convoy.", "attacking", "denied"),
        ("Rebels attacked the convoy near Kidal, the ministry said.", "attacked", "reported"),
        ("Rebels attacked the convoy near Kidal on Monday.", "attacked", "confirmed"),
        # a guess at who the attackers are does not doubt the attack
        ("Gunmen thought to be smugglers abducted nine traders near Kidal.", "abducted", "confirmed"),
        ("Fighters believed to be rebels attacked the convoy near Kidal.", "attacked", "confirmed"),
        ("The men believed to have attacked the convoy fled north.", "attacked", "believed"),
        # a sentence adverb hedges its clause, not an adjective in another phrase
        ("Two clans clashed in Kidal over an apparently minor quarrel.", "clashed", "confirmed"),
        ("Rebels apparently attacked the convoy near Kidal.", "attacked", "believed"),
    ],
)
def test_certainty_levels_of_a_sentence(nlp, text, word, certainty):
    assert _assess(nlp, text, word).certainty == certainty


@pytest.mark.parametrize(
    "text,word,reported",
    [
        ("Rebels attacked the convoy near Kidal, the governor said.", "attacked", True),
        ("The governor said rebels attacked the convoy near Kidal.", "attacked", True),
        ("Police confirmed that gunmen shot two traders in the market.", "shot", True),
        # the saying is framed by the event, or takes it as known: the event is not its report
        (
            "Addressing farmers at a protest outside the office, the union leader said talks had failed.",
            "protest",
            False,
        ),
        ("The minister said the massacre in which villagers were shot was a crime.", "shot", False),
    ],
)
def test_a_sentences_attribution_reports_the_event_only_when_it_says_it(nlp, text, word, reported):
    sent = sentence(nlp, text)
    said = in_sentence(sent)
    assert said is not None
    trigger = next(t for t in sent if t.text == word)
    assert reports(said, trigger) is reported
    if not reported:
        assert assess(trigger, sent).certainty == "confirmed"
