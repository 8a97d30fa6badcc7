"""More shapes of a follow-up's toll (issues 16, 13): a toll revised in words other than "rose to"
("is now 30, up from 21", "was revised upwards to 33", "officials revised the toll to 30") is
the new total; a count told as added ("four more people died", "another six bodies", "a further
three", "two of the wounded later died") is the added count, its evidence holding the word that
marks it, which ``merge/across_words.best_toll`` adds to the event's earlier toll. Texts are
made up."""

from __future__ import annotations

import pytest
from support import explain_extraction, extract_with_drops, sentence

from dateline import pipeline
from dateline.extract.fatalities import added_toll, find_fatalities, revised_toll
from dateline.ingest import open_store
from dateline.merge.across_words import increment, toll_revised
from dateline.read.text import read_text

REVISED = [
    ("The death toll is now 30, up from 21, a health official said.", 30, "up from 21"),
    ("The toll was revised upwards to 33 on Monday.", 33, "revised upwards to 33"),
    ("The toll was raised to 18 after two more bodies were found.", 18, "raised to 18"),
    ("Hospital officials revised the death toll to 27 on Friday.", 27, "revised the death toll to 27"),
    ("The toll from the ambush has gone up to 16.", 16, "gone up to 16"),
    ("The death toll from Tuesday's blast has doubled to 40.", 40, "doubled to 40"),
]


@pytest.mark.parametrize("text,best,quoted", REVISED)
def test_a_toll_revised_in_other_words_is_the_new_total(nlp, text, best, quoted):
    found = revised_toll(sentence(nlp, text))
    assert found is not None and found.best == best
    said = text[slice(*found.span)]
    assert quoted in said
    # the evidence reads as a revision across reports, so the follow-up's figure wins
    assert toll_revised({"field": "fatalities", "text": said})


@pytest.mark.parametrize(
    "text",
    [
        "The death toll is expected to be 30, a rescue official warned.",
        "The toll on the new bridge is 14 dollars.",
        "The death toll from the insurgency is now 5,000.",
    ],
)
def test_a_forecast_a_price_or_a_war_is_no_revised_toll(nlp, text):
    assert revised_toll(sentence(nlp, text)) is None


ADDED = [
    ("Four more people died of their wounds on Monday, a hospital official said.", 4, "Four more people"),
    ("Another six bodies were pulled from the rubble on Monday, rescuers said.", 6, "Another six bodies"),
    ("A further three villagers died in hospital overnight.", 3, "A further three villagers"),
    ("Rescuers recovered five more bodies from the river on Sunday.", 5, "five more bodies"),
    ("Two of the wounded later died in hospital, police said.", 2, "Two of the wounded"),
]


@pytest.mark.parametrize("text,best,quoted", ADDED)
def test_a_count_told_as_added_is_the_added_count(nlp, text, best, quoted):
    found = added_toll(sentence(nlp, text))
    assert found is not None and found.best == best
    said = text[slice(*found.span)]
    assert quoted in said
    # in the form best_toll adds to the event's earlier toll
    assert increment({"field": "fatalities", "text": said})


@pytest.mark.parametrize(
    "text",
    [
        "More than 20 people died in the fire.",  # a bound, not an added count
        "Another 20 people could die if the road stays closed.",  # a forecast
        "Another 300 people have died since 2019.",  # a period's count
        "Four more people died and five others were killed in the ambush.",  # not all added
    ],
)
def test_no_added_count_from_a_bound_a_forecast_a_period_or_a_mixed_count(nlp, text):
    assert added_toll(sentence(nlp, text)) is None


def test_the_evidence_of_another_count_holds_its_marker(nlp):
    text = "Another six bodies were found in the village, the army said."
    found = find_fatalities(sentence(nlp, text))
    assert text[slice(*found.span)].startswith("Another six bodies")


ATTACK = "Gunmen attacked the village of Gura in Borno state on Saturday night, police said."


@pytest.mark.parametrize(
    "follow_up,best",
    [
        ("The death toll is now 12, up from nine, a health official said.", 12),
        ("The toll was revised upwards to 14 on Monday.", 14),
        ("Four more villagers died of their wounds on Monday, a hospital official said.", 4),
        ("Two of the wounded later died in hospital, police said.", 2),
    ],
)
def test_a_follow_up_report_codes_its_toll(resources, follow_up, best):
    article, mentions, drops = extract_with_drops(resources, ATTACK + "\n\n" + follow_up, "2024-05-06")
    tolls = [m.fatalities.best for m in mentions if m.fatalities is not None]
    assert tolls == [best], explain_extraction(article, mentions, drops)


def test_an_added_toll_from_another_story_is_not_the_events(resources):
    text = ATTACK + "\n\nElsewhere, four more people died of their wounds, officials said."
    article, mentions, drops = extract_with_drops(resources, text, "2024-05-06")
    assert [m.fatalities for m in mentions] == [None], explain_extraction(article, mentions, drops)


def test_reports_of_more_dead_add_to_the_first_count(resources, tmp_path):
    first = read_text(
        "Gunmen attacked the village of Gura in Borno state on Saturday night, killing five "
        "villagers, police said.",
        published="2024-05-05T10:00:00Z",
        publisher="Outlet A",
        url="https://example.org/a",
    )
    later = read_text(
        ATTACK + "\n\nFour more villagers died of their wounds on Monday, a hospital official said.",
        published="2024-05-06T10:00:00Z",
        publisher="Outlet B",
        url="https://example.org/b",
    )
    with open_store(tmp_path / "s.db", kb=resources.kb, config=resources.config) as store:
        for article in (later, first):
            store.add_result(pipeline.process(article, resources))
        events = store.events()
    assert len(events) == 1, events
    assert events[0]["fatalities"] == 9


@pytest.mark.parametrize(
    "text,best",
    [
        ("Two farmers were shot dead by gunmen on Monday.", 2),
        ("A teenage student was shot dead near the police post, his uncle said.", 1),
        ("Three traders were found dead in the burnt market.", 3),
    ],
)
def test_a_passive_subject_left_dead_is_counted(nlp, text, best):
    # "X was shot dead": the dead are the passive subject of the verb "dead" completes
    found = find_fatalities(sentence(nlp, text))
    assert found is not None and found.best == best
    assert "dead" in text[slice(*found.span)]


@pytest.mark.parametrize(
    "text,best",
    [
        (
            "A wounded guard died in hospital on Monday, raising the police death toll to four and the "
            "number of dead in the raid to eleven.",
            11,
        ),  # fmt: skip
        (
            "Two of the injured died on Sunday, bringing the death toll among the soldiers to six and "
            "the number killed in the ambush to nine.",
            9,
        ),  # fmt: skip
    ],
)
def test_of_several_tolls_revised_in_a_sentence_the_whole_is_the_toll(nlp, text, best):
    # the police's or soldiers' toll is a part of the dead of the raid, the larger figure
    found = revised_toll(sentence(nlp, text))
    assert found is not None and found.best == best, found


@pytest.mark.parametrize(
    "text,best",
    [
        ("The death toll rose to 9 on Monday and the toll of wounded to 60.", 9),
        (
            "Officials raised the toll from Tuesday's blast to 9 and the toll from Monday's ambush to 14.",
            9,
        ),  # fmt: skip
    ],
)
def test_a_later_toll_of_the_wounded_or_of_another_incident_is_no_whole(nlp, text, best):
    # the largest is the toll only when it counts the dead of the same incident
    found = revised_toll(sentence(nlp, text))
    assert found is not None and found.best == best, found
