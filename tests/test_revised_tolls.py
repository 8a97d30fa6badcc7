"""A follow-up report's revised toll of one incident ("the death toll has risen to nine") is the
event's toll; a war's, a series' or a period's running total is not (issue 16)."""

from __future__ import annotations

import pytest
from support import explain_extraction, extract_with_drops, sentence

from dateline.extract.fatalities import find_fatalities, ordinal_toll, revised_toll

KEPT = [
    ("The death toll from Tuesday's car bomb blast in Harlow has risen to nine, police said.", 9),
    ("The toll from the ambush on the convoy near Tessit rose to 14 on Thursday.", 14),
    ("Two more victims of the market bombing in Ruvo died, bringing the number of dead to 21.", 21),
    ("Three wounded guards died overnight, raising the death toll from Monday's blast to 11.", 11),
    ("Four more bodies were pulled from the rubble of the chapel, taking the total to 17.", 17),
    ("Two men died of their wounds, bringing to 12 the number killed in the clash near Oyem.", 12),
    ("The number of people killed in the raid on the camp now stands at 23.", 23),
    ("The death toll has climbed to thirty-one, a hospital official said.", 31),
    ("The death toll from Sunday's attack has risen to 30 so far, officials said.", 30),
]

REFUSED = [
    "The death toll from the insurgency has risen to 5,000 since 2009.",
    "Fighting has pushed the toll from the attacks on the valley's villages to 300.",
    "The death toll in the province has climbed to 1,200 this year.",
    "The number of people killed in the protests has risen to 80.",
    "Tens of thousands have died since the war began, bringing the total to 300,000.",
    "The number of displaced families has risen to 4,000.",
    "Drivers said the toll on the bridge rose to 14 dollars.",
]


@pytest.mark.parametrize("text,best", KEPT)
def test_a_revised_toll_of_one_incident_is_read(nlp, text, best):
    found = revised_toll(sentence(nlp, text))
    assert found is not None and found.best == best
    # the evidence quotes the new figure
    start, end = found.span
    words = {"9": "nine", "31": "thirty-one"}
    assert words.get(str(best), str(best)) in text[start:end]


@pytest.mark.parametrize("text", REFUSED)
def test_a_running_total_of_a_war_series_or_period_is_not(nlp, text):
    assert revised_toll(sentence(nlp, text)) is None


def test_the_revised_figure_counts_the_dead_the_sentence_adds(nlp):
    # "two more ... died" are among the 21: the sentence's deaths are the revised toll, not 2 + 21
    text = "Two more victims of the market bombing in Ruvo died, bringing the number of dead to 21."
    assert find_fatalities(sentence(nlp, text)).best == 21
    plain = "Two more victims of the market bombing in Ruvo died in hospital on Friday."
    assert find_fatalities(sentence(nlp, plain)).best == 2


def test_a_follow_up_report_codes_the_revised_toll(resources):
    text = (
        "Three wounded guards died overnight, raising the death toll from Monday's bomb blast "
        "at the bus station in Harlow to 11, police said on Wednesday."
    )
    article, mentions, drops = extract_with_drops(resources, text, "2024-05-01")
    tolls = [m.fatalities.best for m in mentions if m.fatalities is not None]
    assert tolls == [11], explain_extraction(article, mentions, drops)


@pytest.mark.parametrize(
    "text,best",
    [
        ("The ambush near Gura has claimed a fourth life after a wounded driver died on Monday.", 4),
        ("A third soldier wounded in Friday's ambush near Gura died on Sunday, the army said.", 3),
        ("A second person has died of injuries sustained in Tuesday's riot in Oyem.", 2),
    ],
)
def test_the_nth_dead_means_n_dead(nlp, text, best):
    assert ordinal_toll(sentence(nlp, text)).best == best


@pytest.mark.parametrize(
    "text",
    [
        "A second attack on the village killed two farmers on Sunday.",
        "A third soldier was wounded in the ambush near Gura.",
        "For the second time this month, gunmen killed a teacher in Oyem.",
    ],
)
def test_an_ordinal_of_anything_but_the_dead_is_no_toll(nlp, text):
    assert ordinal_toll(sentence(nlp, text)) is None
