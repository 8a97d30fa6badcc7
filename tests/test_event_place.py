"""The article-level choice of an event's place (resolve/event_place.py): the candidates and
features built from made-up place mentions, the choice with the rules' pick as a tie-breaker, the
shipped weights, and the learned place reaching the record through ``merge.code.event_where``
while the rules' place still decides which mentions are one event."""

from __future__ import annotations

import json
from importlib import resources as package_files

from support import extract_with_drops

from dateline.extract.place_mentions import PlaceMention
from dateline.lookup.place_rank import RULE_FEATURE, PlaceRanker
from dateline.merge.code import event_where
from dateline.records import Place
from dateline.resolve import event_place
from dateline.resolve.context import Resolved, Where, resolve_mentions
from dateline.resolve.event_place import WINDOW, choose, event_candidates, model_where

MALI = Place("Mali", 2453866, 17.0, -4.0, "Mali", "MLI", None, None, "country", 19_000_000)
GAO = Place("Gao", 2457163, 16.27, -0.04, "Mali", "MLI", "Gao", None, "city", 87_000)
BAMAKO = Place("Bamako", 2460596, 12.65, -8.0, "Mali", "MLI", "Bamako", None, "city", 1_300_000)


def pm(text: str, start: int, relation: str = "in") -> PlaceMention:
    return PlaceMention(start, start + len(text), text, relation)


def test_candidates_are_the_articles_places_once_each_with_the_rules_pick_flagged() -> None:
    dateline = pm("Bamako", 0)
    places = [(dateline, BAMAKO), (pm("Mali", 40), MALI), (pm("Gao", 60), GAO), (pm("Gao", 300, "near"), GAO)]
    cands = event_candidates(
        places, (50, 56), (30, 100), (MALI, 3), dateline=dateline, actors=frozenset({"MLI"})
    )
    by_name = {c.place.name: c for c in cands}
    assert set(by_name) == {"Bamako", "Mali", "Gao"}
    assert len(by_name["Gao"].mentions) == 2
    assert [c.features[RULE_FEATURE] for c in cands] == [float(c.place is MALI) for c in cands]
    assert by_name["Mali"].precision == 3 and by_name["Gao"].precision == 1
    assert (
        by_name["Gao"].features["same_sentence"] == 1.0 and by_name["Bamako"].features["same_sentence"] == 0
    )
    assert by_name["Bamako"].features["dateline"] == 1.0 and by_name["Bamako"].features["order_first"] == 1.0
    assert by_name["Mali"].features["contains_other"] == 1.0 and by_name["Gao"].features["contained"] == 1.0
    assert by_name["Gao"].features["actor_country"] == 1.0


def test_a_rules_place_no_mention_names_is_a_candidate_and_far_mentions_are_not() -> None:
    far = WINDOW + 500
    cands = event_candidates([(pm("Gao", far), GAO)], (10, 15), (0, 40), (MALI, 3))
    assert [c.place.name for c in cands] == ["Mali"]
    assert cands[0].features["no_mention"] == 1.0 and cands[0].precision == 3


def test_the_choice_prefers_the_model_and_breaks_ties_for_the_rules() -> None:
    places = [(pm("Mali", 40), MALI), (pm("Gao", 60), GAO)]
    cands = event_candidates(places, (50, 56), (30, 100), (MALI, 3))
    assert choose(cands, PlaceRanker({})).place is MALI  # a tie: the rules' pick
    towns = PlaceRanker({"kind_city": 2.0, RULE_FEATURE: 1.0})
    assert choose(cands, towns).place is GAO
    mention, place, precision = model_where(
        places, (50, 56), (30, 100), (MALI, 3), None, None, frozenset(), towns
    )
    assert (mention.start, place, precision) == (60, GAO, 1)
    # the rules alone: nothing computed, the rules' place stays
    rules = PlaceRanker({RULE_FEATURE: 1.0})
    assert model_where(places, (50, 56), (30, 100), (MALI, 3), None, None, frozenset(), rules) is None
    assert choose([], towns) is None


def test_the_shipped_weights_load() -> None:
    raw = json.loads((package_files.files("dateline") / "data" / event_place.MODEL_FILE).read_text("utf-8"))
    model = event_place.shipped_model()
    assert model.weights == {k: float(v) for k, v in raw["weights"].items()}
    assert model.weights.get(RULE_FEATURE, 0.0) > 0  # the rules' answer is one of its features


def test_the_learned_place_is_the_events_and_the_rules_place_groups_mentions(resources) -> None:
    text = "Gunmen killed five soldiers in Mali on Sunday when they attacked a base in Gao, the army said."
    article, mentions, _ = extract_with_drops(resources, text, "2024-05-20")
    assert mentions
    gaz = resources.gazetteer
    rules = resolve_mentions(article, mentions, gaz, place_model=PlaceRanker({RULE_FEATURE: 1.0}))
    assert all(r.learned is None for r in rules) and rules[0].where is not None
    # a model that never takes the rules' pick: the other place named is the learned one
    contrary = PlaceRanker({RULE_FEATURE: -5.0, "same_sentence": 1.0})
    learned = resolve_mentions(article, mentions, gaz, place_model=contrary)
    assert [r.where for r in learned] == [r.where for r in rules]  # the rules' places are kept
    first = learned[0]
    assert first.learned is not None and first.learned.place.name != first.where.place.name
    assert {first.learned.place.name, first.where.place.name} == {"Mali", "Gao"}
    assert event_where([first]) is first.learned


def test_event_where_takes_the_learned_place_of_the_mention_the_rules_place_is_from() -> None:
    rule = Where(pm("Mali", 40), MALI, 3)
    town = Where(pm("Gao", 60), GAO, 1)
    other = Where(pm("Bamako", 0), BAMAKO, 1)
    first = Resolved(mention=None, where=rule, when=None, learned=town)  # type: ignore[arg-type]
    assert event_where([first]) is town
    # a town from another mention is the event's place by the rules; its own learned choice counts
    second = Resolved(mention=None, where=other, when=None, learned=None)  # type: ignore[arg-type]
    assert event_where([first, second]) is other
    assert event_where([Resolved(mention=None, where=rule, when=None)]) is rule  # type: ignore[arg-type]


def with_and_without_other(resources, text: str, name: str, model: PlaceRanker) -> tuple[list, list]:
    """``text``'s mentions resolved alone and with ``name`` (in another sentence) as ``others``."""
    article, mentions, _ = extract_with_drops(resources, text, "2024-05-20")
    at = article.text.index(name)
    other = PlaceMention(at, at + len(name), name, "in")
    gaz = resources.gazetteer
    alone = resolve_mentions(article, mentions, gaz, place_model=model)
    return alone, resolve_mentions(article, mentions, gaz, place_model=model, others=[other])


def test_other_sentences_places_are_candidates_without_moving_the_rules(resources) -> None:
    text = "Gunmen killed five soldiers in Mali on Sunday, the army said. The attack took place in Gao."
    alone, widened = with_and_without_other(resources, text, "Gao", PlaceRanker({RULE_FEATURE: -5.0}))
    assert alone[0].where is not None and alone[0].where.place.name == "Mali" and alone[0].learned is None
    assert [r.where for r in widened] == [r.where for r in alone]
    assert widened[0].learned is not None and widened[0].learned.place.name == "Gao"


def test_the_learned_choice_never_moves_the_event_off_the_rules_place() -> None:
    # the rules' place ties reports of one incident across articles (merge/across.py): the model
    # may refine it (a town in the rules' country) but not take a place it cannot share
    places = [(pm("Gao", 40), GAO), (pm("Bamako", 60), BAMAKO)]
    towns = PlaceRanker({"kind_city": 1.0, "log_pop": 5.0})  # Bamako, the bigger town, wins freely
    assert choose(event_candidates(places, (50, 56), (30, 100), (GAO, 1)), towns).place is BAMAKO
    assert model_where(places, (50, 56), (30, 100), (GAO, 1), None, None, frozenset(), towns) is None
    refined = model_where(places, (50, 56), (30, 100), (MALI, 3), None, None, frozenset(), towns)
    assert refined is not None and refined[1] is BAMAKO


def test_the_rules_area_is_the_same_with_other_sentences_places(resources) -> None:
    # an event whose town the gazetteer lacks: the rules' fallback area comes from the places they
    # see, not from the other sentences' places handed to the learned choice
    text = "Gunmen raided Kpakpalodi village on Sunday, killing four farmers. The road leads to Bunia."
    alone, widened = with_and_without_other(resources, text, "Bunia", PlaceRanker({RULE_FEATURE: 1.0}))
    assert [r.where for r in widened] == [r.where for r in alone]


def test_a_district_holds_its_towns_and_candidates_say_how_they_lie_to_the_rules_place() -> None:
    district = Place("Northdale", 901, 23.5, 73.0, "India", "IND", "Gujarat", "Northdale", "admin2", 200_000)
    town = Place("Ashford", 902, 23.6, 73.3, "India", "IND", "Gujarat", "Northdale", "city", 6_000)
    near = Place("Carden", 904, 23.55, 73.1, "India", "IND", "Gujarat", "Northdale", "city", 3_000)
    other = Place("Brook", 903, 21.2, 70.4, "India", "IND", "Gujarat", "Westvale", "city", 9_000)
    places = [
        (pm("Ashford", 40), town),
        (pm("Northdale", 55, "container"), district),
        (pm("Brook", 90), other),
        (pm("Carden", 120), near),
    ]
    cands = {c.place.name: c for c in event_candidates(places, (10, 16), (0, 70), (district, 2))}
    assert cands["Northdale"].features["contains_other"] == 1.0
    assert cands["Ashford"].features["contained"] == 1.0 and cands["Ashford"].features["in_rule"] == 1.0
    assert cands["Brook"].features["contained"] == 0.0 and cands["Brook"].features["in_rule"] == 0.0
    # the median distance to the other candidates: a district's own town is nearer than a far one
    assert cands["Ashford"].features["log_km_others"] < cands["Brook"].features["log_km_others"]
