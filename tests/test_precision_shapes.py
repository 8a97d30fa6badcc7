"""Precision (issue 13, shapes 5 and 6): one incident told in several sentences is one event;
background episodes, general statements and counts of many events are no events; a second real
incident in the same story stays its own event. Made-up sentences only."""

from __future__ import annotations

import pytest
from support import shared_resources

from dateline import pipeline
from dateline.read.text import read_text

PUBLISHED = "2024-05-22"  # a Wednesday


def _result(text: str, published: str | None = PUBLISHED):
    return pipeline.process(read_text(text, published=published), shared_resources())


def _kinds(text: str, published: str | None = PUBLISHED) -> list[tuple[str | None, str | None]]:
    return [(e.event_type, e.sub_event_type) for e in _result(text, published).events]


def _drops(text: str) -> dict[str, str]:
    result = _result(text)
    return {result.article.text[slice(*d.trigger)]: d.reason for d in result.drops if d.trigger}


# Shape 6: a crowd's clash, told between the march and the tear gas, is the same incident.
ONE_INCIDENT = [
    # "the clash" points back to the clash, whatever else the group holds
    "Hundreds of students marched to the assembly in Rampur on Monday to demand the minister's "
    "resignation. Armed police in ten trucks clashed with the students near the gate. A reporter "
    "said she was pushed by officers while covering the clash. Police fired tear gas at the crowd.",
    "Hundreds of students marched to the assembly in Rampur on Monday to demand the minister's "
    "resignation. Armed police in ten trucks clashed with the students near the gate. Police "
    "fired tear gas at the crowd.",
    "Thousands of villagers protested outside the district office in Sitapur on Tuesday over a land "
    "deal. Protesters clashed with police for two hours. Officers used tear gas and water cannon to "
    "disperse them.",
]


@pytest.mark.parametrize("text", ONE_INCIDENT)
def test_a_protest_told_in_three_sentences_is_one_event(text):
    kinds = _kinds(text)
    assert len(kinds) == 1, kinds
    assert kinds[0][0] in ("Protests", "Riots")


def test_a_battle_beside_a_protest_stays_its_own_event():
    text = (
        "Hundreds of students marched to the assembly in Rampur on Monday to demand jobs. "
        "Soldiers clashed with Maoist rebels in a forest near Rampur on Monday, the army said."
    )
    kinds = {k[0] for k in _kinds(text)}
    assert {"Protests", "Battles"} <= kinds


def test_the_clash_points_back_to_the_battle_not_to_the_protest_told_after_it():
    text = (
        "Soldiers clashed with Maoist rebels in a forest near Rampur on Monday, the army said. "
        "Separately, hundreds of students marched to the assembly in Rampur on Monday. Police fired "
        "tear gas at the marchers. A reporter said she was pushed by officers while covering the clash."
    )
    kinds = [k[0] for k in _kinds(text)]
    assert sorted(kinds) == ["Battles", "Protests"]


def test_an_arrest_of_rioters_is_not_part_of_a_protest_told_before_it():
    text = (
        "Shopkeepers observed a bandh in Rampur on Monday against the new tax. Police arrested "
        "63 rioters in Rampur on Monday, an officer said."
    )
    assert ("Strategic developments", "Arrests") in _kinds(text)


def test_a_second_incident_in_the_same_story_stays_separate():
    text = (
        "Gunmen killed six villagers in Rampur on Monday, police said. In a separate attack, "
        "gunmen killed four farmers in Sitapur on Tuesday."
    )
    assert len(_result(text).events) == 2


# Shape 5: background told by its date, weeks before the story.
def test_an_event_dated_weeks_before_publication_is_background():
    text = (
        "Police in Rampur arrested three more men on Tuesday over the bombing of a bus station. "
        "The bombing on March 3 killed nine people, police said."
    )
    result = _result(text)
    assert [(e.sub_event_type, e.event_date) for e in result.events] == [("Arrests", "2024-05-21")]
    assert "background" in {d.reason for d in result.drops if d.stage == "merge"}


def test_a_late_report_of_an_old_event_keeps_it_as_its_news():
    # a month back: past the window for the events told around a story's news, not for its lead
    text = "Gunmen killed six villagers in Rampur on April 20, a rights group said in a report on Tuesday."
    assert [e.event_date for e in _result(text).events] == ["2024-04-20"]


def test_the_same_event_in_a_story_the_next_day_is_kept():
    text = "The bombing of a bus station in Rampur on Monday killed nine people, police said."
    assert ("Explosions/Remote violence", "Remote explosive/landmine/IED") in _kinds(text)


def test_no_publication_date_no_background_by_date():
    text = "Gunmen killed six villagers in Rampur on March 3, 2024, police said."
    assert len(_result(text, published=None).events) == 1


@pytest.mark.parametrize(
    ("text", "trigger", "reason"),
    [
        # an episode the story is told against, named by its place
        (
            "The Sonpur riots and the budget cost the ruling party its majority in the city, "
            "the paper said on Tuesday.",
            "riots",
            "background",
        ),
        (
            "The minister blamed the post-Sonpur riots for the party's defeat, the paper said on Tuesday.",
            "riots",
            "background",
        ),
        # what such events are like
        (
            "Riots are always engineered by politicians, the minister said in Rampur on Tuesday.",
            "Riots",
            "background",
        ),
        # many events counted as one phrase
        (
            "Rampur has suffered a series of deadly bombings in 2023 at the hands of militants.",
            "bombings",
            "aggregate",
        ),
        ("It followed 10 bombings in Rampur that killed 44 people.", "killed", "aggregate"),
        # a running toll whose "since" hangs on a gerund subject
        (
            "The envoy met both sides in the capital last month. Fighting since the "
            "2019 uprising has killed thousands of villagers and displaced more than 2 million people, "
            "according to the United Nations.",
            "killed",
            "aggregate",
        ),
        # what a deployment is to make sure of has not happened
        (
            "The police deployed forces near vital points in Rampur on Monday to ensure that the "
            "bandh passes off peacefully, the commissioner said.",
            "bandh",
            "not_reportable",
        ),
        # told as before the story's news
        (
            "Previous talks brokered by the envoy produced a truce in the north that collapsed within weeks.",
            "truce",
            "background",
        ),
        # the crimes a case is about
        (
            "Cases of murder, arson and riot from the four days of violence are still to be addressed "
            "by the police in Rampur, the paper said on Tuesday.",
            "riot",
            "background",
        ),
    ],
)
def test_references_and_counts_are_not_events(text, trigger, reason):
    result = _result(text)
    assert not result.events, [e.sub_event_type for e in result.events]
    assert _drops(text).get(trigger) == reason


@pytest.mark.parametrize(
    "text",
    [
        "The Rampur riots left five people dead on Monday, police said.",  # told with its own toll
        "A series of explosions rocked Rampur on Monday, killing five people.",  # its own day
        "Two bombs exploded at a market in Rampur on Monday, killing five people.",
        "Earlier on Monday, gunmen attacked a police post in Rampur, killing two officers.",
    ],
)
def test_an_episode_reported_with_its_day_or_toll_is_kept(text):
    assert _result(text).events


def test_the_crime_an_arrest_refers_to_is_not_a_second_event():
    text = "Seven people were arrested in Rampur on Tuesday in connection with the blast, the minister said."
    result = _result(text)
    assert [e.sub_event_type for e in result.events] == ["Arrests"]
    assert _drops(text).get("blast") == "background"


def test_an_arrest_for_protesting_still_reports_the_protest():
    text = "Police arrested 20 people for protesting outside the assembly in Rampur on Monday."
    assert ("Protests", "Protest with intervention") in _kinds(text)
