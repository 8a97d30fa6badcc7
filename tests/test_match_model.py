"""The learned "same event across reports" decision (merge/match_model.py, ``across_match =
"model"``): the pair features on crafted records, the shipped model on a clear same and a clear
different pair, and the option wired into the store's rules. Records are invented (CC0); no
pipeline model loads."""

from __future__ import annotations

import json
from importlib import resources as package_files
from typing import Any

import pytest

from dateline.config import Config, load_config
from dateline.errors import DatelineError
from dateline.ingest import open_store
from dateline.merge import across, match_model
from dateline.records import Article, Event, Result, Segment

MUBI = {"country": "Nigeria", "iso3": "NGA", "admin1": "Adamawa", "admin2": "Mubi North", "location": "Mubi",
        "latitude": 10.27, "longitude": 13.26, "geo_precision": 1, "geonameid": 2331140}  # fmt: skip
# a town of the same country some 230 km away
GOMBE = {"country": "Nigeria", "iso3": "NGA", "admin1": "Gombe", "admin2": "Gombe", "location": "Gombe",
         "latitude": 10.29, "longitude": 11.17, "geo_precision": 1, "geonameid": 2340451}  # fmt: skip


def bombing(event_id: str, article_id: str, **kw: Any) -> dict[str, Any]:
    text = "A suicide bomber killed 11 people at the cattle market in Mubi on Saturday."
    ev: dict[str, Any] = {
        "event_id": event_id, "event_date": "2026-07-11", "time_precision": 1,
        "event_type": "Explosions/Remote violence", "sub_event_type": "Suicide bomb",
        "actor1": "Boko Haram", "actor2": "Civilians (Nigeria)", **MUBI, "fatalities": 11,
        "source": "Lake Chad Wire", "confidence": 0.6, "notes": text, "article_ids": [article_id],
        "evidence": [{"field": "notes", "article_id": article_id, "start": 0, "end": len(text), "text": text}],
    }  # fmt: skip
    ev.update(kw)
    return across.prepare(ev, "2026-07-12")


def other_attack(event_id: str, article_id: str) -> dict[str, Any]:
    """Another attack four days later, 230 km away, by another party, with another toll."""
    text = "Gunmen killed three farmers in a village outside Gombe on Wednesday."
    return bombing(
        event_id, article_id, event_date="2026-07-15", event_type="Violence against civilians",
        sub_event_type="Attack", actor1="Fulani Ethnic Militia (Nigeria)", **GOMBE, fatalities=3,
        source="Savanna Courier", notes=text,
        evidence=[{"field": "notes", "article_id": article_id, "start": 0, "end": len(text), "text": text}],
    )  # fmt: skip


def test_features_of_a_crafted_pair():
    cfg = Config()
    f = match_model.features(bombing("a", "art1"), bombing("b", "art2", fatalities=19, source="Courier"), cfg)
    assert set(f) == set(match_model.FEATURES)
    assert all(0.0 <= v <= 1.0 for v in f.values())
    assert f["type_same"] == f["date_overlap"] == f["same_country"] == f["place_one"] == 1.0
    assert f["day_gap"] == f["place_apart"] == f["km_log"] == 0.0
    assert f["actors_agree"] == f["shared_party"] == f["copy"] == 1.0
    assert f["toll_equal"] == 0.0 and f["toll_ratio"] == pytest.approx(11 / 19)
    g = match_model.features(bombing("a", "art1"), other_attack("c", "art3"), cfg)
    assert g["place_apart"] == 1.0 and g["place_one"] == 0.0 and g["km_log"] > 0.7
    assert g["type_same"] == g["date_overlap"] == g["actors_agree"] == g["shared_party"] == 0.0
    assert g["day_gap"] == pytest.approx(4 / 7) and g["same_admin1"] == 0.0
    assert g["copy"] < 0.6 and g["toll_ratio"] == pytest.approx(3 / 11)


def test_the_shipped_model_decides_a_clear_pair_each_way():
    cfg = Config()
    model = match_model.shipped()
    assert set(model["weights"]) <= set(match_model.FEATURES) and 0.0 < model["threshold"] < 1.0
    same = match_model.same_event(bombing("a", "art1"), bombing("b", "art2", source="Courier"), cfg)
    assert same is not None and model["threshold"] <= same <= 1.0
    assert match_model.same_event(bombing("a", "art1"), other_attack("c", "art3"), cfg) is None
    # one article's events were told apart by the merge stage: never one event here
    assert match_model.same_event(bombing("a", "art1"), bombing("b", "art1"), cfg) is None


def test_the_model_file_is_small_and_names_known_features():
    raw = (package_files.files("dateline") / "data" / match_model.MODEL_FILE).read_text("utf-8")
    assert len(raw) < 4000 and set(json.loads(raw)) == {"bias", "weights", "threshold"}


def test_across_match_is_validated():
    assert Config().across_match == "model"
    assert load_config(overrides={"across_match": "model"}).across_match == "model"
    with pytest.raises(DatelineError):
        load_config(overrides={"across_match": "learned"})


def _result(ev: dict[str, Any]) -> Result:
    art = Article(article_id=ev["article_ids"][0], text="x", published="2026-07-12")
    return Result(
        art,
        [Segment(0, 1, "body")],
        [Event.from_dict({k: v for k, v in ev.items() if k not in ("tolls", "num_articles", "num_sources")})],
    )


@pytest.mark.parametrize("setting", ["rules", "model"])
def test_the_store_decides_with_the_setting(tmp_path, setting):
    """Both settings merge the clear pair and keep the other attack apart; the store asks the
    model only under ``model`` (its score is a probability, the rules' is above 1)."""
    cfg = Config(across_match=setting)
    with open_store(tmp_path / "m.db", config=cfg) as store:
        seen: list[float | None] = []
        decide = store.rules.same_event
        store.rules = type(store.rules)(
            **{**store.rules.__dict__, "same_event": lambda s, n: seen.append(decide(s, n)) or seen[-1]}
        )
        for ev in (bombing("a", "art1"), bombing("b", "art2", source="Courier"), other_attack("c", "art3")):
            store.add_result(_result(ev))
        assert store.event("b")["event_id"] == "a" and store.event("c")["event_id"] == "c"
    scores = [s for s in seen if s is not None]
    assert scores and all((s <= 1.0) == (setting == "model") for s in scores)


def test_two_places_of_one_country_are_gated_before_the_model():
    """Whatever the model says, two towns 230 km apart in one country are two events, unless a
    follow-up's revision sentence names the other's town."""
    cfg, sure = Config(), {"bias": 10.0, "weights": {}, "threshold": 0.5}
    far = bombing("b", "art2", **{k: v for k, v in GOMBE.items()})
    assert match_model.same_event(bombing("a", "art1"), bombing("b", "art2"), cfg, sure) is not None
    assert match_model.same_event(bombing("a", "art1"), far, cfg, sure) is None
    text = "The death toll from Saturday's bombing at the cattle market in Mubi has risen to 19."
    follow = bombing("c", "art3", **GOMBE, fatalities=19, notes=text, evidence=[
        {"field": "fatalities", "article_id": "art3", "start": 0, "end": len(text), "text": text},
        {"field": "notes", "article_id": "art3", "start": 0, "end": len(text), "text": text}])  # fmt: skip
    assert match_model.same_event(bombing("a", "art1"), follow, cfg, sure) is not None


def test_the_model_setting_keeps_issue_16s_shape(resources: Any, tmp_path) -> None:
    """tests/test_across_judge.py's invented reports, ingested through the real pipeline and a
    store deciding with the model: three outlets and a follow-up of one bombing, two outlets of a
    clash, four reports of a raid (one a follow-up from a bureau) give one event each, with every
    source and the revised toll."""
    from dataclasses import replace

    from test_across_judge import BOMBING, CLASH, RAID

    from dateline import pipeline
    from dateline.read.jsonl import read_record

    reports = BOMBING + CLASH + RAID
    articles = [read_record({"url": f"https://example.org/m/{n}", "title": "", "published": p, "publisher": o,
                             "text": t}, f"m:{n}") for n, (p, o, t) in enumerate(reports)]  # fmt: skip
    articles.sort(key=lambda a: a.published or "")
    cfg = replace(resources.config, across_match="model")
    with open_store(tmp_path / "m.db", kb=resources.kb, config=cfg) as store:
        for res in pipeline.process_many(articles, resources):
            store.add_result(res)
        events = store.events()
    got = sorted((e["iso3"], e["num_articles"], e["num_sources"], e["fatalities"]) for e in events)
    assert got == [("COD", 2, 2, 4), ("KEN", 4, 3, 7), ("NGA", 4, 3, 19)], got


def test_the_model_decides_only_within_the_rules_crisp_constraints():
    """Whatever the weights, a week apart, two countries, other sides or two towns are two events:
    a model that would merge everything still keeps them apart (``match_model.crisp``)."""
    eager = {"bias": 30.0, "weights": {}, "threshold": 0.0}
    cfg = Config()
    first = bombing("a", "art1", actor2="Nigerian Army")
    same = bombing("b", "art2", source="Courier", actor2="Nigerian Army")
    assert match_model.same_event(first, same, cfg, eager) is not None
    week = bombing("b", "art2", source="Courier", actor2="Nigerian Army", event_date="2026-07-18")
    abroad = bombing("b", "art2", source="Courier", actor2="Nigerian Army", iso3="IRQ", country="Iraq")
    sides = bombing("b", "art2", source="Courier", actor1="Ansaru", actor2="Vigilante Group")
    gombe = bombing("b", "art2", source="Courier", actor2="Nigerian Army", **GOMBE)
    for other in (week, abroad, sides, gombe):
        assert match_model.same_event(first, other, cfg, eager) is None
        assert not match_model.crisp(first, other, cfg)


def test_the_gate_is_an_argument_of_vetoed():
    """The training script chooses whether the place gate filters its pairs by an argument, not by
    flipping a module flag: two towns 230 km apart are vetoed with the gate and weighed without."""
    cfg = Config()
    far = match_model.features(bombing("a", "art1"), bombing("b", "art2", **GOMBE), cfg)
    near = match_model.features(bombing("a", "art1"), bombing("b", "art2", source="Courier"), cfg)
    assert match_model.vetoed(far, gate=True) and match_model.vetoed(far)
    assert not match_model.vetoed(far, gate=False)
    assert not match_model.vetoed(near, gate=True)
    assert not hasattr(match_model, "GATE")


def test_the_place_is_scored_once_per_pair(monkeypatch):
    """``crisp`` and the features read one place score (``across_terms.where``), not one each."""
    import importlib

    calls: list[int] = []
    for name in ("dateline.merge.across", "dateline.merge.across_terms"):
        try:  # wherever the place score lives, every call is counted
            module = importlib.import_module(name)
        except ImportError:
            continue
        score = module.place_score
        monkeypatch.setattr(module, "place_score", lambda a, b, c, f=score: calls.append(1) or f(a, b, c))
    sure = {"bias": 10.0, "weights": {}, "threshold": 0.5}
    got = match_model.same_event(bombing("a", "art1"), bombing("b", "art2", source="Courier"), Config(), sure)
    assert got is not None and len(calls) == 1


def test_toll_known_on_a_crafted_pair():
    """Two reports each with a toll: ``toll_known`` 1 and ``toll_agree`` the smaller over the
    larger (11 and 19), as ``toll_ratio``."""
    f = match_model.features(
        bombing("a", "art1"), bombing("b", "art2", fatalities=19, source="Courier"), Config()
    )
    assert f["toll_known"] == 1.0
    assert f["toll_agree"] == f["toll_ratio"] == pytest.approx(11 / 19)


@pytest.mark.parametrize("missing", ["stored", "new", "both"])
def test_a_missing_toll_is_not_read_as_tolls_far_apart(missing):
    """A report with no toll says nothing of the other's: ``toll_known`` 0 and ``toll_agree``
    neutral (``TOLL_UNKNOWN``), between two tolls as far apart as can be (0) and equal ones (1);
    ``toll_ratio`` keeps the first model's reading (0) for the file trained on it."""
    cfg = Config()
    a = bombing("a", "art1", fatalities=None if missing in ("stored", "both") else 11)
    b = bombing("b", "art2", source="Courier", fatalities=None if missing in ("new", "both") else 11)
    f = match_model.features(a, b, cfg)
    far = match_model.features(bombing("a", "art1", fatalities=1), bombing("b", "art2", fatalities=90), cfg)
    assert f["toll_known"] == 0.0 and f["toll_equal"] == 0.0 and f["toll_ratio"] == 0.0
    assert far["toll_agree"] < f["toll_agree"] < 1.0
    assert f["toll_agree"] == match_model.TOLL_UNKNOWN
