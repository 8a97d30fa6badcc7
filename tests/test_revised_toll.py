"""A revised toll told in a sentence of its own ("The death toll rose to nine on Monday.") is the
toll of the article's event (extract/fatalities.attach_revised), and across reports the revised
toll is the best estimate while the earlier one stays a claim (issue 16). Texts are made up."""

from __future__ import annotations

import pytest
from support import explain_extraction, extract_with_drops, sentence

from dateline import pipeline
from dateline.extract.fatalities import revised_toll
from dateline.ingest import open_store
from dateline.read.text import read_text

ORIGINAL = (
    "Boko Haram fighters attacked the village of Gura in Borno state on Saturday night, killing "
    "five villagers, police said."
)
FOLLOW_UP = (
    "Boko Haram fighters attacked the village of Gura in Borno state on Saturday night, police said.\n\n"
    "The death toll rose to nine on Monday after four wounded villagers died in hospital, a health "
    "official said."
)


@pytest.mark.parametrize(
    "text,best",
    [
        ("The death toll rose to nine on Friday, a hospital official said.", 9),
        ("Two wounded men died in hospital, raising the toll to 12.", 12),
        ("The toll climbed to 15 after rescuers found more bodies.", 15),
        ("Rescuers found three more bodies, bringing the number of dead to 18.", 18),
        ("The toll has since climbed to 14, police said.", 14),  # "since": the adverb, no period
    ],
)
def test_the_ways_a_follow_up_revises_a_toll(nlp, text, best):
    found = revised_toll(sentence(nlp, text))
    assert found is not None and found.best == best


@pytest.mark.parametrize(
    "text",
    [
        "The toll from the insurgency has since climbed to 5,000.",
        "The number of people killed in the region has risen to 300 since 2019.",
        "Rebels have killed 100,000 people over 15 years.",
    ],
)
def test_running_totals_stay_running_totals(nlp, text):
    assert revised_toll(sentence(nlp, text)) is None


def test_a_revision_in_its_own_sentence_is_the_events_toll(resources):
    article, mentions, drops = extract_with_drops(resources, FOLLOW_UP, "2024-05-06")
    tolls = [m.fatalities.best for m in mentions if m.fatalities is not None]
    assert tolls == [9], explain_extraction(article, mentions, drops)
    start, end = mentions[0].fatalities.span
    assert "nine" in article.text[start:end]  # the evidence quotes the revised figure


def test_a_running_total_in_its_own_sentence_is_not(resources):
    text = ORIGINAL + "\n\nThe number of people killed in the insurgency has risen to 5,000 since 2009."
    article, mentions, drops = extract_with_drops(resources, text, "2024-05-06")
    tolls = [m.fatalities.best for m in mentions if m.fatalities is not None]
    assert tolls == [5], explain_extraction(article, mentions, drops)


def test_the_revised_toll_is_the_best_estimate_and_the_first_a_claim(resources, tmp_path):
    first = read_text(
        ORIGINAL, published="2024-05-05T10:00:00Z", publisher="Outlet A", url="https://example.org/a"
    )
    later = read_text(
        FOLLOW_UP, published="2024-05-06T10:00:00Z", publisher="Outlet B", url="https://example.org/b"
    )
    with open_store(tmp_path / "s.db", kb=resources.kb, config=resources.config) as store:
        for article in (later, first):  # arrival order does not matter: publication does
            store.add_result(pipeline.process(article, resources))
        events = store.events()
    assert len(events) == 1, events
    (ev,) = events
    assert ev["fatalities"] == 9 and (ev["fatalities_low"], ev["fatalities_high"]) == (5, 9)
    assert [t["best"] for t in ev["tolls"]] == [5, 9]
