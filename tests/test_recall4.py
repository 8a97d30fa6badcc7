"""Event type and recall (issue 13): crowd clashes coded as riots, arrests of protesters as
protests with intervention, what a story's news follows or reacts to as background, figures
inside a running toll, past obligations ("had to open fire") as events, charges and place
descriptions ("booked for rioting", "riot-affected areas") as no event. Every sentence here
was written for these tests (none comes from a dataset)."""

from __future__ import annotations

import pytest
from support import shared_resources

from dateline import pipeline
from dateline.read.text import read_text


def _result(text: str, published: str = "2024-05-20"):
    return pipeline.process(read_text(text, published=published), shared_resources())


def _kinds(text: str) -> list[tuple[str | None, str | None]]:
    return [(e.event_type, e.sub_event_type) for e in _result(text).events]


def _drops(text: str) -> dict[str, str]:
    result = _result(text)
    return {result.article.text[slice(*d.trigger)]: d.reason for d in result.drops if d.trigger}


@pytest.mark.parametrize(
    "text",
    [
        "Villagers from two communities clashed with sticks and stones in Rampur on Monday.",
        "two people were killed when rival supporters clashed with knives in lahore on sunday.",
        "Members of two castes clashed over a temple procession in Sonpur on Friday, police said.",
    ],
)
def test_a_clash_of_crowds_with_no_armed_side_is_a_riot(text):
    assert _kinds(text) == [("Riots", "Mob violence")]


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers clashed with rebels near the village of Mbau on Monday, the army said.",
        "Gunmen clashed with villagers in Zurmi on Tuesday, residents said.",
        "Heavy fighting broke out between the army and insurgents near Bunia on Monday.",
    ],
)
def test_a_clash_with_an_armed_side_stays_a_battle(text):
    assert [t for t, _ in _kinds(text)] == ["Battles"]


def test_police_clashing_with_protesters_is_a_violent_demonstration():
    assert _kinds("Police clashed with stone-throwing protesters in Srinagar on Friday.") == [
        ("Riots", "Violent demonstration")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "In Raipur, about 150 demonstrators, including two opposition legislators, were arrested on Tuesday.",
        "police arrested 40 party workers who were staging a dharna on the highway near karnal on friday.",
    ],
)
def test_an_arrest_of_protesters_is_a_protest_with_intervention(text):
    events = _result(text).events
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Protests", "Protest with intervention")]
    assert events[0].actor1.startswith("Protesters") and events[0].actor2.startswith("Police")


@pytest.mark.parametrize(
    "text",
    [
        "Police arrested four militants of the banned group in Quetta on Monday.",
        # activists are not protesting unless the sentences say so
        "Police arrested 14 opposition activists in Harare on Tuesday.",
    ],
)
def test_other_arrests_stay_arrests(text):
    assert _kinds(text) == [("Strategic developments", "Arrests")]


@pytest.mark.parametrize(
    "text",
    [
        "Security guards opened fire on demonstrators who tried to block the gate of the factory "
        "in Mosul on Sunday, killing one protester.",
        "One protester was killed in Basra on Monday when university security guards opened fire on "
        "demonstrators trying to block the campus gate.",
    ],
)
def test_shooting_at_demonstrators_by_unnamed_guards_is_excessive_force(text):
    assert _kinds(text) == [("Protests", "Excessive force against protesters")]


def test_a_stabbing_of_students_is_not_force_against_protesters():
    text = "In March, a man stabbed 11 students to death at a school in Hubei province."
    assert ("Protests", "Excessive force against protesters") not in _kinds(text)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The blast came two days after gunmen killed four guards at a checkpoint in Bamako.", "killed"),
        ("Monday's bombing comes a week after 20 people were killed in a rebel attack in Gao.", "killed"),
        (
            "Hundreds of students marched in a peaceful protest in Dayton on Wednesday, two days after "
            "a shooting at their campus.",
            "shooting",
        ),
        ("Police arrested five party activists in Ranchi after the attack on the temple.", "attack"),
    ],
)
def test_what_the_news_follows_or_reacts_to_is_background(text, trigger):
    assert _drops(text).get(trigger) == "background"


def test_the_reaction_is_coded_not_its_cause():
    text = (
        "Hundreds of students marched in a peaceful protest in Dayton on Wednesday, two days after "
        "a shooting at their campus."
    )
    assert _kinds(text) == [("Protests", "Peaceful protest")]


def test_a_cause_of_an_announced_protest_is_not_background():
    # the rally is only announced: nothing reacts, so the killing is not dropped as its cause
    text = "The party announced a rally against the killing of two traders by gunmen in Jos on Monday."
    assert _drops(text).get("killing") != "background"


def test_a_figure_inside_a_running_toll_is_an_aggregate():
    text = (
        "The death toll in the state now stands at 310, including the 40 people killed in the attack "
        "on the bus depot last month."
    )
    result = _result(text)
    assert not result.events
    assert "aggregate" in {d.reason for d in result.drops}


@pytest.mark.parametrize(
    "text",
    [
        "police had to open fire on violent mobs in sitapur on tuesday night.",
        "Police were forced to open fire on a mob that stormed the station in Bhadrak on Monday.",
    ],
)
def test_a_past_obligation_reports_what_was_done(text):
    assert _result(text).events


def test_had_to_is_not_a_future():
    assert not _result("Police will have to open fire if the mob returns to the market.").events


@pytest.mark.parametrize(
    ("text", "trigger", "reason"),
    [
        ("The men were booked for rioting and arson, police said.", "rioting", "other_sense"),
        ("The minister visited riot-affected areas of the city on Monday.", "riot", "other_sense"),
    ],
)
def test_charges_and_place_descriptions_are_not_events(text, trigger, reason):
    result = _result(text)
    assert not result.events
    assert _drops(text).get(trigger) == reason


def test_an_arrest_is_not_swallowed_by_a_killing_told_next_to_it():
    text = (
        "Published: 2024-05-20\n\n"
        "A shopkeeper was burnt alive by a mob in the old city of Bhadrak on Sunday, amid communal "
        "rioting. Police arrested two local party leaders on Monday over the riots, officials said."
    )
    kinds = _kinds(text)
    assert ("Strategic developments", "Arrests") in kinds
    assert any(t in ("Violence against civilians", "Riots") for t, _ in kinds)


def test_the_arrest_over_an_ordinary_crime_is_left_out_with_it():
    text = (
        "A man stabbed his neighbour to death after a quarrel over a parking space in Leeds on "
        "Saturday. Police arrested a 45-year-old man in connection with the attack on Sunday."
    )
    result = _result(text)
    assert not result.events
    assert {d.reason for d in result.drops if d.stage == "merge"} == {"ordinary_crime"}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Police lobbed 20 hand grenades to disperse the mob in Surat on Sunday.", "Riots"),
        ("Police lobbed hand grenades at the rioting mob in Surat on Sunday.", "Riots"),
        ("Police fired tear gas shells to disperse protesters in Nairobi on Monday.", "Protests"),
        # a bombing by militants stays a bombing
        (
            "Militants hurled two grenades at a police station in Srinagar on Sunday.",
            "Explosions/Remote violence",
        ),
    ],
)
def test_explosives_used_by_police_on_a_crowd_are_crowd_control(text, kind):
    assert [t for t, _ in _kinds(text)] == [kind]


def test_weapons_used_are_not_a_kind_of_event():
    text = "Militants attacked the office of a television station in Quetta with hand grenades on Monday."
    assert _kinds(text) == [("Explosions/Remote violence", "Grenade")]


def test_explosions_told_of_a_gun_battle_are_the_battle():
    text = (
        "A gun battle between the army and cartel gunmen left 12 dead in Culiacan on Saturday. "
        "Witnesses heard two grenade blasts during the fighting."
    )
    assert _kinds(text) == [("Battles", "Armed clash")]


def test_state_forces_killing_at_a_demonstration_is_excessive_force():
    text = (
        "Security forces used tear gas and live bullets to disperse demonstrators in Omdurman on "
        "Thursday, killing two people."
    )
    assert _kinds(text) == [("Protests", "Excessive force against protesters")]


def test_shelling_told_first_stays_shelling_when_fighting_follows():
    text = (
        "Rebels shelled the government-held village of Tel Arn on Tuesday, residents said. "
        "Heavy fighting followed on the edge of the village."
    )
    assert ("Explosions/Remote violence", "Shelling/artillery/missile attack") in _kinds(text)


def test_a_police_killing_in_a_report_of_rioting_is_a_riot():
    riot = (
        "curfew was clamped on the old city of nagpur after rioting mobs torched shops on monday.\n\n"
        "a trader was robbed in the market on friday.\n\n"
        "in kamptee, one person was killed when the police fired ten rounds on tuesday."
    )
    events = _result(riot).events
    assert any(e.event_type == "Riots" and (e.actor1 or "").startswith("Police") for e in events)
    calm = "in kamptee, one person was killed when the police fired ten rounds at a car on tuesday."
    assert not any(e.event_type == "Riots" for e in _result(calm).events)


@pytest.mark.parametrize(
    "text",
    [
        "as many as 47 persons have been killed in various places, including 13 in ahmedabad, the minister said.",
        "Bandits have kidnapped more than 800 people in Katsina this year, according to a tally by a rights group.",
    ],
)
def test_counts_over_many_places_or_this_year_are_aggregates(text):
    result = _result(text)
    assert not result.events and "aggregate" in {d.reason for d in result.drops}


@pytest.mark.parametrize(
    "text",
    [
        "Rebels killed 12 people in the town of Beni earlier this month, the army said.",
        "Gunmen killed 12 people in three villages near Jos on Sunday.",
    ],
)
def test_one_event_this_month_or_in_three_villages_is_still_an_event(text):
    assert _result(text).events


def test_shelling_after_weeks_of_fighting_with_no_sides_stays_shelling():
    text = (
        "Families who had survived weeks of intense fighting fled the district on Tuesday. "
        "Then rebels shelled the government-held village of Tel Arn, residents said."
    )
    assert ("Explosions/Remote violence", "Shelling/artillery/missile attack") in _kinds(text)
