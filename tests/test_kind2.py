"""Event types on wire copy (issue 13): a crowd that clashes with state forces riots (it does not
battle), a demonstration with burning barricades or thrown stones is a violent demonstration,
and protesters who riot are named "Rioters". Every sentence here was written for these tests
(none comes from a dataset)."""

from __future__ import annotations

import pytest
from support import shared_resources

from dateline import pipeline
from dateline.read.text import read_text


def _events(text: str, published: str = "2024-05-20"):
    return pipeline.process(read_text(text, published=published), shared_resources()).events


def _kinds(text: str) -> list[tuple[str | None, str | None]]:
    return [(e.event_type, e.sub_event_type) for e in _events(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Thousands of protesters clashed with police in Tarvin on Wednesday after officers moved to evict families.",
        "Hundreds of residents clashed with police in the town of Morva on Tuesday, a rights group said.",
        "Tuesday's clashes pitting riot police against supporters of the opposition leader left the capital tense.",
    ],
)
def test_a_crowd_clashing_with_police_is_a_riot(text):
    events = _events(text)
    assert [e.event_type for e in events] == ["Riots"]
    assert events[0].actor1.startswith("Rioters") and events[0].actor2.startswith("Police")


@pytest.mark.parametrize(
    "text",
    [
        "Police clashed with militants near the village of Dorra on Monday, residents said.",
        "Soldiers clashed with rebels near the town of Mbau on Monday, the army said.",
    ],
)
def test_state_forces_clashing_with_armed_men_stay_a_battle(text):
    assert [t for t, _ in _kinds(text)] == ["Battles"]


@pytest.mark.parametrize(
    "text",
    [
        "Earlier on Monday angry villagers barricaded roads with burning tyres and set fire to the "
        "mayor's office in protest over water cuts in Harlow.",
        "Residents of Kelso barricaded roads with burning tyres on Monday in protest over poor services.",
    ],
)
def test_a_protest_with_burning_barricades_is_a_violent_demonstration(text):
    events = _events(text)
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Riots", "Violent demonstration")]
    assert events[0].actor1.startswith("Rioters")


def test_protesters_who_throw_stones_are_rioters():
    events = _events("Protesters set up barricades and hurled stones in Harlow on Friday.")
    assert [(e.event_type, e.actor1.split(" ")[0]) for e in events] == [("Riots", "Rioters")]


def test_a_protest_over_homes_torched_by_others_stays_peaceful():
    # the violence is the grievance, told in the passive: not the crowd's act
    assert _kinds(
        "Hundreds of villagers protested in Harlow on Friday after their homes were torched last week."
    ) == [("Protests", "Peaceful protest")]


def _drops(text: str) -> dict[str, str]:
    result = pipeline.process(read_text(text, published="2024-05-20"), shared_resources())
    return {result.article.text[slice(*d.trigger)]: d.reason for d in result.drops if d.trigger}


def test_a_candidate_named_by_surname_holds_a_rally_not_a_protest():
    text = (
        "Maria Smith toured the region last month. In Dunmore, a suburb where Smith held a rally "
        "in February at an airfield, residents complain that most jobs are in fast-food chains."
    )
    assert _events(text) == []
    assert _drops(text) == {"rally": "other_sense"}


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Comrades in terror: the brothers who executed attacks in three cities in March.", "executed"),
        ("Farmers in the north battle with hunger as drought hits the region of Lira.", "battle"),
        ("Firefighters fought the blaze in Harlow on Monday.", "fought"),
    ],
)
def test_figurative_fighting_and_executing_are_no_events(text, word):
    assert _events(text) == []
    assert _drops(text)[word] == "other_sense"


def test_fighting_an_armed_side_and_executing_people_stay_events():
    assert _kinds("Rebels fought with soldiers in Harlow on Monday, the army said.") == [
        ("Battles", "Armed clash")
    ]
    assert [t for t, _ in _kinds("Gunmen executed five villagers in Zurmi on Monday, residents said.")] == [
        "Violence against civilians"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Police fired tear gas and water cannon on Saturday at a crowd of several hundred gathered in "
        "Harlow for an outlawed demonstration.",
        "Police fired tear gas on Saturday at a crowd of several hundred gathered in Harlow for an outlawed demonstration.",
    ],
)
def test_force_on_a_crowd_gathered_to_demonstrate_is_a_protest_with_intervention(text):
    events = _events(text)
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Protests", "Protest with intervention")]
    assert events[0].actor1.startswith("Protesters") and events[0].actor2.startswith("Police")


def test_force_on_a_crowd_that_throws_stones_at_a_demonstration_stays_a_riot():
    text = "Police fired on a crowd that hurled stones during a demonstration in Harlow on Saturday."
    assert _kinds(text) == [("Riots", "Violent demonstration")]


def test_animals_killed_are_no_victims():
    text = "The dispute turned nasty after a goose that was accidentally killed by one of the workers in Harlow on Monday."
    assert _events(text) == []
    assert _drops(text)["killed"] == "other_sense"


def test_people_killed_beside_animals_stay_victims():
    events = _events("Poachers killed three rhinos in Kruger park on Monday, and gunmen killed two rangers.")
    assert [e.event_type for e in events] == ["Violence against civilians"]
    assert [
        e.event_type
        for e in _events("Gunmen killed five villagers and stole their cattle in Zurmi on Monday.")
    ] == ["Violence against civilians"]


def test_a_politicians_speech_at_a_rally_is_no_protest():
    text = "President John Mbeki singled out the farm in a speech at a May Day rally in Harlow, saying its owners behaved badly."
    assert _events(text) == []
    assert _drops(text)["rally"] == "other_sense"


def test_a_rally_held_by_a_crowd_stays_a_protest():
    assert _kinds("Thousands of workers held a May Day rally in Harlow on Monday.") == [
        ("Protests", "Peaceful protest")
    ]


def test_police_deployed_to_secure_an_event_are_no_event():
    text = (
        "On Saturday the authorities in Harlow deployed over 1,000 policemen to secure the ceremony, "
        "attended by the prime minister."
    )
    assert _events(text) == []
    assert _drops(text)["deployed"] == "other_sense"


@pytest.mark.parametrize(
    "text",
    [
        "Young people angry about water shortages fought running battles with the security forces in Kayes on Sunday.",
        "Young men fought running battles with soldiers in Mopti on Sunday after a football match, residents said.",
    ],
)
def test_young_people_fighting_state_forces_riot(text):
    # "young people", "young men" name a crowd as "youths" does: no armed side battles
    assert [e.event_type for e in _events(text)] == ["Riots"]


def test_a_protester_shot_dead_in_clashes_with_police_is_a_riot_not_a_battle():
    # the protesters are read as the killing's first side and the police as the second: state
    # forces are armed, but ACLED battles are between organised armed groups, so a crowd's clash
    # with them is a riot
    text = (
        "Officials imposed a curfew in the Kenyan town of Nakuru on Saturday after a protester was shot "
        "dead in clashes with police that broke out when a bus hit a boy.\n"
        "Protesters burned two buses and threw stones at officers, and police answered with tear gas and "
        "live rounds, the county commander said. One man hit by a bullet died in hospital, he said."
    )
    assert [t for t, _ in _kinds(text)] == ["Riots"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # groups fighting each other with firearms are armed (communal) militias: a battle
        (
            "Two clans fought with guns near the town of Mendi in Southern Highlands Province on Monday, "
            "leaving six men dead, a community leader said.",
            "Battles",
        ),
        # ... with sticks and stones, a riot
        (
            "Two clans fought with sticks and stones near the town of Mendi in Southern Highlands Province "
            "on Monday, a community leader said.",
            "Riots",
        ),
    ],
)
def test_groups_clashing_with_firearms_battle(text, kind):
    assert [t for t, _ in _kinds(text)] == [kind]
