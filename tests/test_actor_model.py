"""The learned choice of actor1 and actor2 (extract/actor_model.py) on sentences written for these
tests (none of them is in the training sentences), its training data, and the side rules added
with it (merge/actors.py)."""

from __future__ import annotations

from importlib import resources as package_files

import pytest
from support import sentence

from dateline.extract.actor_model import (
    MODEL_FILE,
    actor_candidates,
    actors_of_tokens,
    choose,
    featurise,
    load_actor_models,
    rule_tokens,
)
from dateline.extract.role_model import parse_markup
from dateline.extract.roles import ActorResolver, Salience
from dateline.extract.triggers import find_triggers
from dateline.merge.actors import POLICE as POLICE_ENTRY
from dateline.merge.actors import Sides, complete_sides, generic_name
from dateline.merge.cites import Cites

ACTORS = package_files.files("dateline") / "data" / "training" / "actors"


def _lines() -> list[str]:
    return [
        line
        for path in ACTORS.iterdir()
        if path.name.endswith(".txt")
        for line in path.read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def test_training_sentences_are_many_varied_and_well_formed():
    lines = _lines()
    assert len(lines) >= 300
    assert len(set(lines)) == len(lines)
    lowered = [line for line in lines if line == line.lower()]
    assert len(lowered) >= 40  # the lower-cased newspaper style is there
    for line in lines:
        text, spans = parse_markup(line)
        assert "[" not in text and "]{" not in text, line
        assert {label for _, _, label in spans} <= {"a1", "a2"}, line


def test_the_model_ships_small_and_loads_once(resources):
    assert (package_files.files("dateline") / "data" / MODEL_FILE).stat().st_size < 200_000
    assert load_actor_models(resources) is load_actor_models(resources)


def _sides(resources, text: str) -> tuple[list[str], list[str]]:
    sent = sentence(resources.nlp, text)
    resolver, salience = ActorResolver(resources.kb, resources.country_of_modifier), Salience()
    resolver.see_sentence(sent, salience)
    hit, t1, t2, _ = rule_tokens([(h, None) for h in find_triggers(sent)])
    rule1 = actors_of_tokens(t1, resolver, salience)
    rule2 = actors_of_tokens(t2, resolver, salience)
    cands = actor_candidates(sent, resolver, salience)
    featurise(cands, hit.head, hit.kind.event_type, rule1, rule2, resources.kb)
    side1, side2 = choose(cands, load_actor_models(resources), hit.kind.event_type)
    return [r.entry.name for r, _ in side1], [r.entry.name for r, _ in side2]


MILITARY = "Military Forces of {country}"
CIVILIANS = "Civilians ({country})"
ARMED = "Unidentified Armed Group ({country})"
POLICE = "Police Forces of {country}"


@pytest.mark.parametrize(
    "text,actor1,actor2",
    [
        # weapons with a nationality as the agent, the place attacked as its civilians
        ("Belgian drones struck a residential block in the port town overnight.", MILITARY, CIVILIANS),
        # passive voice with a "by" agent: the subject is acted on
        ("Four shepherds were shot dead by armed men near the river on Tuesday.", ARMED, CIVILIANS),
        # killed in police firing: the police act although they are a modifier
        ("three labourers were killed in police firing at the mill gate.", POLICE, CIVILIANS),
        # a speaker is not a side
        ("Gunmen killed five traders on the highway, the army spokesman said.", ARMED, CIVILIANS),
    ],
)
def test_the_learned_choice_reads_who_did_what_to_whom(resources, text, actor1, actor2):
    side1, side2 = _sides(resources, text)
    assert side1[:1] == [actor1]
    assert side2[:1] == [actor2]


def test_no_actor_is_on_both_sides(resources):
    # both phrases name the same generic forces with no country: one side only
    side1, side2 = _sides(resources, "Soldiers clashed with troops near the border post on Friday.")
    assert side1 or side2
    assert not set(side1) & set(side2)


@pytest.mark.parametrize(
    "phrase,name",
    [
        ("herdsmen", "Unidentified Communal Militia ({country})"),
        ("a teacher", CIVILIANS),
        ("two persons", CIVILIANS),
        ("a military base", MILITARY),
        ("unknown persons", ARMED),
    ],
)
def test_the_knowledge_base_names_victims_and_targets(resources, phrase, name):
    sent = sentence(resources.nlp, f"They attacked {phrase}.")
    token = next(t for t in sent if t.text == phrase.split()[-1])
    ref = ActorResolver(resources.kb, resources.country_of_modifier).resolve(token, Salience())
    assert ref is not None and ref.entry.name == name


def _complete(sides: Sides, event_type: str, sub: str) -> Sides:
    cites = Cites()
    for n in (1, 2):
        if getattr(sides, f"actor{n}"):
            cites.add(f"actor{n}", (n * 100, n * 100 + 5))
    return complete_sides(sides, cites, event_type, sub, "IND", (0, 5))[0]


def test_an_arrest_is_made_by_state_forces_whatever_the_sentence_read():
    party, crowd = "BJP: Bharatiya Janata Party", "Protesters (India)"
    sides = _complete(
        Sides(actor1=party, inter1=3, actor2=crowd, inter2=6), "Strategic developments", "Arrests"
    )
    assert (sides.actor1, sides.actor2) == ("Police Forces of India", party)


def test_a_violent_demonstration_puts_the_rioters_first():
    police = generic_name(POLICE_ENTRY, "IND")[0]
    sides = _complete(
        Sides(actor1=police, inter1=1, actor2="Rioters (India)", inter2=5), "Riots", "Violent demonstration"
    )
    assert (sides.actor1, sides.actor2) == ("Rioters (India)", police)
    mob = _complete(
        Sides(actor1=police, inter1=1, actor2="Rioters (India)", inter2=5), "Riots", "Mob violence"
    )
    assert mob.actor1 == police  # police firing at a mob stay side 1


def test_the_dead_of_a_battle_are_not_its_other_side(resources):
    side1, side2 = _sides(resources, "There was a firefight near the bridge and four villagers were killed.")
    assert CIVILIANS not in side1 + side2
