"""A learned "same event across reports" decision (issue 16; docs/across.md, "A learned match
decision"): the features of a (stored record, new record) pair as ``across.same_event`` sees them,
and a class-balanced logistic regression over them (``data/match_model.json``, trained by
scripts/train_match_model.py on the dev halves of the team's four dedup golds).

``across_match = "model"`` (config.py, the default) makes the store decide with ``same_event`` below
instead of the hand rules of ``across.same_event``, within the rules' crisp constraints (``crisp``);
blocking (``across.block``) and the merged record (``across.combine``) are the same for both.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources as package_files
from types import EllipsisType
from typing import Any

from rapidfuzz import fuzz

from ..config import Config
from ..lookup.places import distance_km
from . import across_terms as terms
from .across_words import revised

MODEL_FILE = "match_model.json"
# The features, in the order the model file lists them (a test checks the file against them).
FEATURES = (
    "type_same", "date_overlap", "day_gap", "same_country", "weak", "place_one", "place_contained",
    "place_unknown", "place_apart", "km_log", "same_admin1", "shared_place", "actors_agree",
    "shared_party", "notes_sim", "toll_equal", "toll_ratio", "follow_up", "follow_up_names", "copy",
    "toll_known", "toll_agree",
)  # fmt: skip
# ``toll_agree`` when a report has no toll: neither agreement nor conflict (``toll_known`` tells
# the model the toll is missing; ``toll_ratio``, the first model's reading, is 0 then, as if the
# tolls were as far apart as can be).
TOLL_UNKNOWN = 0.5


def features(
    stored: dict[str, Any], new: dict[str, Any], config: Config, place: float | None | EllipsisType = ...
) -> dict[str, float]:
    """The pair's features, each in [0, 1] (why each: docs/across.md). Place features are read only
    when both are in one country (else the place is unknown, as for the rules); ``place`` is the
    pair's ``across_terms.where`` when the caller has it already (computed here when not)."""
    f = dict.fromkeys(FEATURES, 0.0)
    f["type_same"] = float(stored.get("event_type") == new.get("event_type"))
    # the date test of the rules (the stored interval widened by the slack, the new one not;
    # a follow-up's reaching back), and the first days' gap
    f["date_overlap"] = float(terms.dates_meet(stored, new, config))
    da, db = terms.iso_day(stored.get("event_date")), terms.iso_day(new.get("event_date"))
    f["day_gap"] = min(abs((da - db).days), 7) / 7.0 if da and db else 1.0
    one_country = bool(stored.get("iso3")) and stored.get("iso3") == new.get("iso3")
    f["same_country"] = float(one_country)
    f["weak"] = float(terms.weakly_placed(stored) or terms.weakly_placed(new))
    where = terms.where(stored, new, config) if place is ... else place
    f["place_one"] = float(where == 1.0)
    f["place_contained"] = float(where == 0.5)
    f["place_unknown"] = float(where == 0.25)
    f["place_apart"] = float(where is None)
    points = [(r.get("latitude"), r.get("longitude")) for r in (stored, new)]
    if one_country and None not in (*points[0], *points[1]):
        km = distance_km(points[0], points[1])  # type: ignore[arg-type]
        f["km_log"] = min(math.log1p(km) / math.log1p(1000.0), 1.0)
    f["same_admin1"] = float(
        one_country and bool(stored.get("admin1")) and stored.get("admin1") == new.get("admin1")
    )
    f["shared_place"] = float(terms.place_tie(stored, new))
    f["actors_agree"] = float(terms.actors_agree(stored, new, config))
    # a named party both blame (``corroborated``'s test: no generic actor, no bare state category)
    f["shared_party"] = float(terms.party_tie(stored, new, config))
    f["notes_sim"] = fuzz.token_set_ratio(stored.get("notes") or "", new.get("notes") or "") / 100.0
    ta, tb = stored.get("fatalities"), new.get("fatalities")
    f["toll_agree"] = TOLL_UNKNOWN
    if ta is not None and tb is not None:
        f["toll_known"] = 1.0
        f["toll_equal"] = float(ta == tb)
        f["toll_ratio"] = f["toll_agree"] = min(ta, tb) / max(ta, tb) if max(ta, tb) > 0 else 1.0
    f["follow_up"] = float(revised(stored) or revised(new))
    f["follow_up_names"] = float(terms.follow_up_names(stored, new))
    f["copy"] = (terms.copy_ratio(stored, new) or 0.0) / 100.0
    return f


def vetoed(f: dict[str, float], gate: bool = True) -> bool:
    """Whether the pair's features rule one event out before the model weighs them (``gate``
    False: never): two different places of one country (``place_score`` None: towns farther
    apart than ``across_same_km``, two provinces), unless one report is a follow-up naming the
    other's place (``follow_up_names``). ``crisp`` holds the same for the store; the training
    script asks this of a pair's features to choose which pairs to fit on."""
    return gate and bool(f["place_apart"]) and not f["follow_up_names"]


def crisp(
    stored: dict[str, Any], new: dict[str, Any], config: Config, place: float | None | EllipsisType = ...
) -> bool:
    """Whether the pair meets the rules' crisp constraints (``across_terms.crisp``: date intervals
    that meet, one place of one country unless a follow-up names the other's, another country only
    when one report is weakly placed and something ties them, actors that contradict nothing or
    one incident blamed on two parties): the model decides only within them."""
    where = terms.where(stored, new, config) if place is ... else place
    return terms.crisp(stored, new, config, where) is not None


def probability(model: dict[str, Any], f: dict[str, float]) -> float:
    """The logistic regression's probability that the pair is one event."""
    z = model["bias"] + sum(w * f.get(k, 0.0) for k, w in model["weights"].items())
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


@lru_cache(maxsize=1)
def shipped() -> dict[str, Any]:
    """The shipped model: ``bias``, ``weights`` by feature, ``threshold`` (read once)."""
    return json.loads((package_files.files("dateline") / "data" / MODEL_FILE).read_text("utf-8"))


def same_event(
    stored: dict[str, Any], new: dict[str, Any], config: Config, model: dict[str, Any] | None = None
) -> float | None:
    """``across.same_event``'s contract decided by ``model`` (default: the shipped one): the
    probability when it reaches the model's ``threshold``, else None. Two events of one article
    (told apart by the merge stage) or of two type families (never in one block) stay apart."""
    if not (terms.two_articles(stored, new) and terms.one_family(stored, new)):
        return None
    # the rules' constraints (the place gate among them) before any other feature is computed:
    # most pairs of a block are two places; the place is read once for both
    place = terms.where(stored, new, config)
    if not crisp(stored, new, config, place):
        return None
    m = model or shipped()
    p = probability(m, features(stored, new, config, place))
    return p if p >= m["threshold"] else None
