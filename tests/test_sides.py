"""The sides an event's type implies (ACLED's conventions), filled or rearranged after the event
is typed: protesters and rioters as actor1, the police of an intervention or an arrest, the
civilians of violence against civilians, the unidentified group of an unclaimed bomb. The
sentences are made up for these tests."""

from __future__ import annotations

import pytest
from support import shared_resources

from dateline import pipeline
from dateline.merge.actors import Sides, complete_sides
from dateline.merge.cites import Cites
from dateline.read.text import read_text

TRIGGER = (10, 17)


def _complete(sides: Sides, event_type: str, sub: str, iso3: str | None = "IND") -> tuple[Sides, Cites]:
    cites = Cites()
    for n in (1, 2):
        if getattr(sides, f"actor{n}"):
            cites.add(f"actor{n}", (n * 100, n * 100 + 5))
    return complete_sides(sides, cites, event_type, sub, iso3, TRIGGER)


def test_a_protest_without_a_named_crowd_is_by_protesters():
    sides, cites = _complete(Sides(), "Protests", "Peaceful protest")
    assert (sides.actor1, sides.inter1, sides.actor2) == ("Protesters (India)", 6, None)
    assert cites.spans("actor1") == [TRIGGER]


def test_residents_protesting_are_protesters():
    sides, _ = _complete(Sides(actor1="Civilians (India)", inter1=7), "Protests", "Peaceful protest")
    assert sides.actor1 == "Protesters (India)"


def test_a_party_marching_is_associated_with_the_protesters():
    party = "BJP: Bharatiya Janata Party"
    sides, cites = _complete(Sides(actor1=party, inter1=3), "Protests", "Peaceful protest")
    assert (sides.actor1, sides.assoc_actor_1) == ("Protesters (India)", party)
    assert cites.spans("assoc_actor_1") == [(100, 105)]


def test_the_force_that_intervenes_is_the_other_side():
    police = "Police Forces of India"
    sides, cites = _complete(Sides(actor1=police, inter1=1), "Protests", "Protest with intervention")
    assert (sides.actor1, sides.actor2, sides.inter2) == ("Protesters (India)", police, 1)
    assert cites.spans("actor2") == [(100, 105)]


def test_an_intervention_without_a_named_force_is_the_police():
    sides, _ = _complete(
        Sides(actor1="Protesters (Lebanon)", inter1=6), "Protests", "Protest with intervention", "LBN"
    )
    assert sides.actor2 == "Police Forces of Lebanon"


def test_a_named_army_intervening_stays():
    army = "Military Forces of Israel"
    sides, _ = _complete(
        Sides(actor1="Protesters (Palestine)", inter1=6, actor2=army, inter2=1),
        "Protests",
        "Protest with intervention",
    )
    assert sides.actor2 == army


def test_a_peaceful_protest_has_no_second_side():
    sides, _ = _complete(Sides(actor2="Civilians (India)", inter2=7), "Protests", "Peaceful protest")
    assert (sides.actor2, sides.inter2) == (None, None)


def test_a_riot_is_by_rioters_and_police_firing_at_a_mob_is_against_them():
    sides, _ = _complete(Sides(), "Riots", "Violent demonstration")
    assert sides.actor1 == "Rioters (India)"
    police = "Police Forces of India"
    sides, _ = _complete(Sides(actor1=police, inter1=1), "Riots", "Mob violence")
    assert (sides.actor1, sides.actor2) == (police, "Rioters (India)")


def test_an_arrest_is_made_by_the_police():
    sides, _ = _complete(
        Sides(actor2="SIMI: Students Islamic Movement of India", inter2=3),
        "Strategic developments",
        "Arrests",
    )
    assert (sides.actor1, sides.inter1) == ("Police Forces of India", 1)


def test_violence_against_civilians_is_against_civilians_and_keeps_its_unnamed_attacker():
    sides, _ = _complete(Sides(), "Violence against civilians", "Attack", "MEX")
    assert (sides.actor1, sides.actor2) == (None, "Civilians (Mexico)")


@pytest.mark.parametrize("sub", ["Remote explosive/landmine/IED", "Suicide bomb", "Grenade"])
def test_an_unclaimed_bomb_is_an_unidentified_groups(sub):
    sides, _ = _complete(Sides(), "Explosions/Remote violence", sub, "PAK")
    assert (sides.actor1, sides.inter1) == ("Unidentified Armed Group (Pakistan)", 3)


def test_an_air_strike_gets_no_guessed_side():
    sides, _ = _complete(Sides(), "Explosions/Remote violence", "Air/drone strike", "SYR")
    assert sides == Sides()


def test_no_country_no_placeholder():
    sides, _ = _complete(Sides(), "Protests", "Peaceful protest", None)
    assert sides.actor1 == "Protesters"


@pytest.mark.parametrize(
    "text, actor1",
    [
        (
            "Hundreds of bank employees staged a demonstration outside the head office in Mumbai on Monday.",
            "Protesters (India)",
        ),
        (
            "Three SIMI activists were detained in Bhopal on Monday.",
            "Police Forces of India",
        ),
    ],
)
def test_reports_end_to_end(text, actor1):
    result = pipeline.process(read_text(text), shared_resources())
    assert actor1 in [e.actor1 for e in result.events]


@pytest.mark.parametrize(
    "text, actor1, actor2",
    [
        # what belongs to a side ("the army's positions") is that side when attacked
        (
            "Rebel fighters attacked the Kenyan army's positions near Garissa on Tuesday.",
            "Unidentified Armed Group (Kenya)",
            "Military Forces of Kenya",
        ),
        # "fired a missile at X": the missile is the weapon, X the other side; two countries'
        # forces are two sides
        (
            "Ethiopian forces fired a missile at Eritrean forces' bases in Assab on Friday.",
            "Military Forces of Ethiopia",
            "Military Forces of Eritrea",
        ),
        # state forces abroad firing tear gas at a protest are its other side
        (
            "Israeli troops fired tear gas at protesters in Hebron on Friday.",
            "Protesters (Palestine)",
            "Military Forces of Israel",
        ),
    ],
)
def test_sides_by_role(text, actor1, actor2):
    result = pipeline.process(read_text(text), shared_resources())
    assert [(e.actor1, e.actor2) for e in result.events] == [(actor1, actor2)]


def test_civilians_are_never_the_side_that_bombs():
    sides, _ = _complete(
        Sides(actor1="Civilians (Egypt)", inter1=7),
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
        "EGY",
    )
    assert (sides.actor1, sides.actor2) == ("Unidentified Armed Group (Egypt)", "Civilians (Egypt)")
    police = "Police Forces of Egypt"
    sides, _ = _complete(
        Sides(actor1="Civilians (Egypt)", inter1=7, actor2=police, inter2=1),
        "Explosions/Remote violence",
        "Grenade",
        "EGY",
    )
    assert (sides.actor1, sides.actor2) == ("Unidentified Armed Group (Egypt)", police)


@pytest.mark.parametrize(
    "text, actor1",
    [
        # the parser makes the dateline the subject and the group its apposition
        (
            "KIDAL, Mali, May 4 - The Islamic State Sahel Province shelled a market in Menaka on Sunday, killing four people.",
            "Islamic State Sahel Province",
        ),
        # or gives the verb two subjects: the nearer one acts
        (
            "BENI, Congo, May 4 - The Allied Democratic Forces attacked a village near Oicha on Sunday, killing 12 people.",
            "ADF: Allied Democratic Forces",
        ),
    ],
)
def test_a_dateline_is_not_the_subject(text, actor1):
    result = pipeline.process(read_text(text), shared_resources())
    assert [e.actor1 for e in result.events] == [actor1]


def test_the_arrested_are_not_the_side_that_arrests():
    party = "VHP: Vishva Hindu Parishad"
    sides, cites = _complete(Sides(actor1=party, inter1=3), "Strategic developments", "Arrests")
    assert (sides.actor1, sides.actor2) == ("Police Forces of India", party)
    assert cites.spans("actor2") == [(100, 105)]


def test_the_arrested_when_unnamed_are_civilians():
    police = "Police Forces of India"
    sides, cites = _complete(Sides(actor1=police, inter1=1), "Strategic developments", "Arrests")
    assert (sides.actor1, sides.actor2, sides.inter2) == (police, "Civilians (India)", 7)
    assert cites.spans("actor2") == [TRIGGER]


@pytest.mark.parametrize("sub", ["Remote explosive/landmine/IED", "Suicide bomb", "Grenade"])
def test_a_bomb_with_no_named_target_is_against_civilians(sub):
    sides, _ = _complete(Sides(), "Explosions/Remote violence", sub, "NGA")
    assert (sides.actor2, sides.inter2) == ("Civilians (Nigeria)", 7)
    army = "Military Forces of Nigeria"
    sides, _ = _complete(Sides(actor2=army, inter2=1), "Explosions/Remote violence", sub, "NGA")
    assert sides.actor2 == army


def test_an_air_strike_keeps_its_unnamed_target_unnamed():
    army = "Military Forces of Syria"
    sides, _ = _complete(
        Sides(actor1=army, inter1=1), "Explosions/Remote violence", "Air/drone strike", "SYR"
    )
    assert sides.actor2 is None


def test_a_base_set_up_has_no_second_side():
    sides, _ = _complete(
        Sides(actor1="Military Forces of France", inter1=8, actor2="Military Forces of Chad", inter2=1),
        "Strategic developments",
        "Headquarters or base established",
        "TCD",
    )
    assert (sides.actor1, sides.actor2, sides.inter2) == ("Military Forces of France", None, None)


def test_civilians_read_as_a_battles_side_stand_for_an_unnamed_armed_group():
    police = "Police Forces of Kenya"
    sides, cites = _complete(
        Sides(actor1=police, inter1=1, actor2="Civilians (Kenya)", inter2=7), "Battles", "Armed clash", "KEN"
    )
    assert (sides.actor1, sides.actor2, sides.inter2) == (police, "Unidentified Armed Group (Kenya)", 3)
    assert cites.spans("actor2") == [TRIGGER]


def test_protesters_shelled_are_civilians_and_a_riots_crowd_is_not_its_own_opponent():
    army = "Military Forces of Syria"
    sides, _ = _complete(
        Sides(actor1=army, inter1=1, actor2="Protesters (Syria)", inter2=6),
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        "SYR",
    )
    assert (sides.actor2, sides.inter2, sides.assoc_actor_2) == ("Civilians (Syria)", 7, "Protesters (Syria)")
    sides, _ = _complete(
        Sides(actor1="Rioters (India)", inter1=5, actor2="Protesters (India)", inter2=6),
        "Riots",
        "Violent demonstration",
    )
    assert (sides.actor1, sides.actor2) == ("Rioters (India)", None)
    # a mob attacking a protest is a riot against the protesters (ACLED's interaction 56)
    sides, _ = _complete(
        Sides(actor1="Rioters (Bangladesh)", inter1=5, actor2="Protesters (Bangladesh)", inter2=6),
        "Riots",
        "Mob violence",
        "BGD",
    )
    assert (sides.actor1, sides.actor2) == ("Rioters (Bangladesh)", "Protesters (Bangladesh)")
