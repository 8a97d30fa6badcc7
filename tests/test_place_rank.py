"""The learned place ranker: its conditional-logit fit on made-up candidate sets, the features it
reads from texts written for these tests, its use by resolve_toponyms, and the held-out
evaluation functions (grouped folds, leave-one-corpus-out) on the tiny test corpora."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import shared_resources

from dateline.evaluate import geo_cv
from dateline.lookup import place_rank, places
from dateline.lookup.gazetteer import normalize
from dateline.lookup.place_rank import RULE_FEATURE, PlaceRanker, candidate_features, fit

GEO = Path(__file__).resolve().parent / "resources" / "geo"


def gaz():
    return shared_resources().gazetteer


def mentions(text: str, *names: str) -> list[dict]:
    out = []
    for name in names:
        start = text.index(name)
        out.append({"start": start, "end": start + len(name), "text": name, "hint": None})
    return out


def test_fit_learns_which_feature_marks_the_right_candidate() -> None:
    # in every set the right candidate has "a"; "b" is noise on a wrong one, "c" on both kinds
    groups = []
    for i in range(30):
        feats = [{"a": 1.0, "c": float(i % 2)}, {"b": 1.0, "c": 1.0}, {"c": float(i % 3 == 0)}]
        groups.append((feats, [True, False, False]))
    model = fit(groups, steps=300)
    assert model.weights["a"] > 0 > model.weights.get("b", 0.0)
    unseen = [{"b": 1.0}, {"a": 1.0, "c": 1.0}, {}]
    assert max(range(3), key=lambda j: model.score(unseen[j])) == 1
    assert fit(groups, steps=300) == model  # deterministic
    dropped = fit(groups, steps=300, drop=frozenset({"a"}))
    assert "a" not in dropped.weights


def test_a_names_weight_counts_as_that_many_copies_of_it() -> None:
    # two kinds of name pull "pop" opposite ways; weighting the second kind 3 is repeating it 3 times
    big = ([{"pop": 1.0}, {"ctx": 1.0}], [True, False])
    local = ([{"pop": 1.0}, {"ctx": 1.0}], [False, True])
    skipped = ([{"pop": 1.0}], [True])  # one candidate: teaches nothing, its weight must not shift the rest
    weighted = fit([big, skipped, local], steps=200, weights=[2, 7, 3])
    copies = fit([big, big, local, local, local], steps=200)
    assert weighted.weights == pytest.approx(copies.weights, abs=1e-3)
    assert weighted.weights["ctx"] > weighted.weights["pop"]
    assert fit([big, local], steps=200, weights=[3, 2]).weights["pop"] > 0


def test_training_counts_each_names_toponyms(tiny_docs) -> None:
    for d in tiny_docs:
        assert len(d.mentions) == len(d.examples)
        assert sum(d.mentions) == len(d.gold)


def test_fit_without_a_learnable_set_is_empty() -> None:
    assert fit([([{"a": 1.0}], [True]), ([{"a": 1.0}, {"b": 1.0}], [False, False])]).weights == {}


def test_ranker_json_round_trip_and_shipped_file_loads() -> None:
    model = PlaceRanker({"exact": 1.5, RULE_FEATURE: 0.25})
    assert PlaceRanker.from_json(model.to_json()) == model
    assert place_rank.shipped_ranker().weights  # the shipped file parses and has weights


def test_features_read_the_comma_holder_and_the_other_places() -> None:
    text = "Flooding hit Springfield, Illinois, on Monday. Peoria and Decatur closed schools."
    tables = places.rule_tables(text, mentions(text, "Springfield", "Peoria", "Decatur"), gaz())
    rows = candidate_features(tables)[normalize("Springfield")]
    assert len(rows) > 1  # a name with namesakes
    illinois = [f for e, f in rows if e.iso3 == "USA" and e.admin1 == "Illinois"]
    elsewhere = [f for e, f in rows if e.admin1 != "Illinois"]
    assert illinois and elsewhere
    assert all(f.get("comma_holder") == 1.0 for f in illinois)
    assert not any(f.get("comma_holder") for f in elsewhere)
    assert max(f["others_same_admin1"] for f in illinois) > max(f["others_same_admin1"] for f in elsewhere)
    assert sum(f[RULE_FEATURE] for _, f in rows) == 1.0  # exactly one rules' pick


def test_resolve_toponyms_follows_the_ranker_it_is_given() -> None:
    text = "Paris was quiet."
    ms = mentions(text, "Paris")
    by_rules = places.resolve_toponyms(text, ms, gaz(), ranker=places.RULES)[0]
    assert by_rules is not None and by_rules.iso3 == "FRA"
    # a ranker that wants the least populous namesake picks another Paris than the rules
    small = places.resolve_toponyms(text, ms, gaz(), ranker=PlaceRanker({"pop_vs_top": -5.0}))[0]
    assert small is not None and small.geonameid != by_rules.geonameid
    only_rule = places.resolve_toponyms(text, ms, gaz(), ranker=PlaceRanker({RULE_FEATURE: 1.0}))[0]
    assert only_rule == by_rules


@pytest.fixture(scope="module")
def tiny_docs() -> list[geo_cv.Doc]:
    return geo_cv.load_docs([GEO / "tiny-lgl.xml", GEO / "tiny-geovirus.xml"], gaz())


def test_training_examples_mark_the_gold_candidate(tiny_docs) -> None:
    assert {d.corpus for d in tiny_docs} == {"tiny-lgl", "tiny-geovirus"}
    examples = [x for d in tiny_docs for x in d.examples]
    assert examples and all(len(f) == len(y) for f, y in examples)
    assert sum(any(y) for _, y in examples) >= len(examples) - 1
    assert all(0 < d.covered <= len(d.gold) for d in tiny_docs)


def test_grouped_folds_and_leave_one_corpus_out_score_every_toponym(tiny_docs) -> None:
    n = {c: sum(len(d.gold) for d in tiny_docs if d.corpus == c) for c in ("tiny-lgl", "tiny-geovirus")}
    for results in (geo_cv.cross_validate(tiny_docs, gaz()), geo_cv.leave_one_corpus_out(tiny_docs, gaz())):
        assert set(results) == set(geo_cv.VARIANTS)
        for variant in geo_cv.VARIANTS:
            assert {c: len(e) for c, e in results[variant].items()} == n
    # the rules need no training: their figure is the same whichever way the articles are split
    assert geo_cv.acc161(geo_cv.cross_validate(tiny_docs, gaz())["rules"]["tiny-lgl"]) == 1.0
