"""The learned toll and place choices (extract/role_model.py, extract/candidates.py) on sentences
written for these tests (none of them is in the training passages), and their training data."""

from __future__ import annotations

from importlib import resources as package_files

import pytest
from support import sentence

from dateline.extract.candidates import toll_candidates
from dateline.extract.fatalities import speaks_of_death
from dateline.extract.place_mentions import PlaceMention, sentence_places
from dateline.extract.role_model import MODEL_FILE, fit, learned_fatalities, load_models, parse_markup
from dateline.records import Place
from dateline.resolve.context import _learned_where, _rule_where

ROLES = package_files.files("dateline") / "data" / "training" / "roles"


def _passages() -> list[str]:
    return [
        line
        for path in ROLES.iterdir()
        if path.name.endswith(".txt")
        for line in path.read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def test_markup_gives_plain_text_and_spans():
    text, spans = parse_markup("Drones hit [Sumy]{place}, killing [two]{toll} people.")
    assert text == "Drones hit Sumy, killing two people."
    assert [(text[a:b], label) for a, b, label in spans] == [("Sumy", "place"), ("two", "toll")]


def test_training_passages_are_many_and_well_formed():
    lines = _passages()
    assert len(lines) >= 600
    assert len(set(lines)) == len(lines)  # no passage twice
    for line in lines:
        text, spans = parse_markup(line)
        assert "[" not in text and "]{" not in text, line
        assert {label for _, _, label in spans} <= {"place", "toll"}, line


def test_fit_separates_a_separable_problem():
    rows = [{"a": 1.0}, {"a": 1.0, "c": 1.0}, {"b": 1.0}, {"b": 1.0, "c": 1.0}]
    model = fit(rows, [1, 1, 0, 0], l2=0.01, steps=500)
    assert model.probability({"a": 1.0}) > 0.7 > 0.3 > model.probability({"b": 1.0})


def test_the_model_ships_small_and_loads_once(resources):
    assert (package_files.files("dateline") / "data" / MODEL_FILE).stat().st_size < 1_000_000
    assert load_models(resources) is load_models(resources)


@pytest.mark.parametrize(
    "text,best",
    [
        ("Gunmen shot dead four traders at a market in Gusau on Friday, police said.", 4),
        ("Two policemen and a driver were killed when their truck hit a mine.", 3),
        ("Corporal Amina Bello was killed in the ambush, and a second soldier died alongside her.", 2),
        ("Between six and ten villagers were killed in the raid.", 6),
        ("Dozens of fighters were killed in the battle for the airport.", 12),
    ],
)
def test_learned_tolls(resources, nlp, text, best):
    found = learned_fatalities(sentence(nlp, text), load_models(resources).toll)
    assert found is not None and found.best == best


@pytest.mark.parametrize(
    "text",
    [
        "Nineteen people were wounded when the grenade went off at the bus stop.",
        "The rebellion has killed more than 20,000 people over twelve years.",
        "Gunmen kidnapped 45 passengers from a bus on the highway.",
    ],
)
def test_counts_that_are_not_the_events_dead(resources, nlp, text):
    assert learned_fatalities(sentence(nlp, text), load_models(resources).toll) is None


def test_candidates_carry_their_value_and_tokens(nlp):
    [count] = [
        c for c in toll_candidates(sentence(nlp, "At least 12 civilians were killed.")) if c.value == 12
    ]
    assert "12" in [t.text for t in count.tokens] and count.features.get("victim_of_kill") == 1.0


def _scores(resources, nlp, text) -> dict[str, float]:
    sent = sentence(nlp, text)
    places = sentence_places(sent, resources.kb, resources.gazetteer, load_models(resources).place)
    return {p.text: p.score for p in places}


def test_the_shelling_country_is_not_the_place(resources, nlp):
    scores = _scores(resources, nlp, "Turkey shelled villages near Kobani on Thursday.")
    assert scores["Kobani"] > 0.5 > scores["Turkey"]


def test_the_speakers_base_is_not_the_place(resources, nlp):
    scores = _scores(
        resources, nlp, "The Paris-based group said troops killed five people in Kidal on Monday."
    )
    assert scores["Kidal"] > 0.5 > scores["Paris"]


def test_without_a_model_places_have_no_score(resources, nlp):
    sent = sentence(nlp, "Troops clashed with rebels in Kidal.")
    assert all(p.score is None for p in sentence_places(sent, resources.kb, resources.gazetteer))


def _place(name: str, kind: str) -> Place:
    return Place(name=name, geonameid=None, latitude=0.0, longitude=0.0, kind=kind)


def test_resolution_takes_the_likeliest_place_and_its_container():
    town = PlaceMention(30, 36, "Rubaya", "in", "town", score=0.9)
    actor = PlaceMention(0, 4, "Iran", "in", None, score=0.1)
    province = PlaceMention(40, 50, "North Kivu", "container", "province", score=0.6)
    by_span = {
        (0, 4): _place("Iran", "country"),
        (30, 36): _place("Rubaya", "city"),
        (40, 50): _place("Nord-Kivu", "admin1"),
    }
    where = _learned_where([actor, town, province], by_span)
    assert where.mention is town and where.precision == 1 and where.container is province
    # the rules' fallback (nothing likely enough) keeps out what the model rules out
    assert _rule_where([actor], by_span, []) is None
    assert _rule_where([actor, town], by_span, []).mention is town


def test_unscored_places_fall_back_to_the_rules():
    near = PlaceMention(10, 15, "Gao", "near")
    by_span = {(10, 15): _place("Gao", "city")}
    assert _learned_where([near], by_span) is None
    assert _rule_where([near], by_span, []).precision == 2


def test_a_sentence_that_tells_of_no_death_has_no_toll(nlp):
    for text in (
        "Councillors brought two goats to the meeting of the town board on Monday.",
        "Students demanded that 5 per cent of the posts be reserved for them.",
    ):
        assert not speaks_of_death(sentence(nlp, text)), text
    for text in (
        "Three farmers were gunned down near the ford.",
        "Two men were burnt alive by the mob.",
        "The flood claimed 14 lives in the valley.",
        "Four bodies were found in the canal.",
    ):
        assert speaks_of_death(sentence(nlp, text)), text
