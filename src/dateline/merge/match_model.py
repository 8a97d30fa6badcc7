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
import re
from functools import lru_cache
from importlib import resources as package_files
from typing import Any

from rapidfuzz import fuzz

from ..config import Config
from ..lookup.places import distance_km
from . import across
from .across_words import fold, names_town, place_words, revised, sentences

MODEL_FILE = "match_model.json"
# Whether ``vetoed`` applies (scripts/train_match_model.py --no-gate turns it off to compare).
GATE = True
# The features, in the order the model file lists them (a test checks the file against them).
FEATURES = (
    "type_same", "date_overlap", "day_gap", "same_country", "weak", "place_one", "place_contained",
    "place_unknown", "place_apart", "km_log", "same_admin1", "shared_place", "actors_agree",
    "shared_party", "notes_sim", "toll_equal", "toll_ratio", "follow_up", "follow_up_names", "copy",
)  # fmt: skip


def _country_words(a: dict[str, Any], b: dict[str, Any]) -> set[str]:
    return {w for r in (a, b) for w in re.findall(r"\w+", fold(r.get("country") or ""))}


def features(stored: dict[str, Any], new: dict[str, Any], config: Config) -> dict[str, float]:
    """The pair's features, each in [0, 1] (why each: docs/across.md). Place features are read only
    when both are in one country (else the place is unknown, as for the rules)."""
    f = dict.fromkeys(FEATURES, 0.0)
    f["type_same"] = float(stored.get("event_type") == new.get("event_type"))
    # the date test of the rules (the stored interval widened by the slack, the new one not;
    # a follow-up's reaching back), and the first days' gap
    ia, ib = across.reach(stored, config), across.reach(new, config, slack=0)
    f["date_overlap"] = float(ia is not None and ib is not None and not (ia[1] < ib[0] or ib[1] < ia[0]))
    da, db = across.iso_day(stored.get("event_date")), across.iso_day(new.get("event_date"))
    f["day_gap"] = min(abs((da - db).days), 7) / 7.0 if da and db else 1.0
    one_country = bool(stored.get("iso3")) and stored.get("iso3") == new.get("iso3")
    f["same_country"] = float(one_country)
    f["weak"] = float(across.weakly_placed(stored) or across.weakly_placed(new))
    where = across.place_score(stored, new, config) if one_country else 0.25
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
    outlets = {fold(o) for r in (stored, new) for o in across.sources_of(r)}
    shared = (place_words(stored) & place_words(new)) - _country_words(stored, new) - outlets
    f["shared_place"] = float(
        bool(shared) or names_town(stored, new, outlets) or names_town(new, stored, outlets)
    )
    f["actors_agree"] = float(across.actors_agree(stored, new, config))
    # a named party both blame (``corroborated``'s test: no generic actor, no bare state category)
    na, nb = ([n for n in across._named(r) if not across._CATEGORY.match(n)] for r in (stored, new))
    need = 100.0 * config.across_actor_similarity
    f["shared_party"] = float(
        any(fuzz.token_sort_ratio(x.lower(), y.lower()) >= need for x in na for y in nb)
    )
    f["notes_sim"] = fuzz.token_set_ratio(stored.get("notes") or "", new.get("notes") or "") / 100.0
    ta, tb = stored.get("fatalities"), new.get("fatalities")
    if ta is not None and tb is not None:
        f["toll_equal"] = float(ta == tb)
        f["toll_ratio"] = min(ta, tb) / max(ta, tb) if max(ta, tb) > 0 else 1.0
    f["follow_up"] = float(revised(stored) or revised(new))
    f["follow_up_names"] = float(across._follow_up_names(stored, new))
    sa, sb = [fold(x) for x in sentences(stored)], [fold(y) for y in sentences(new)]
    f["copy"] = max((fuzz.ratio(x, y) / 100.0 for x in sa for y in sb), default=0.0)
    return f


def vetoed(f: dict[str, float]) -> bool:
    """Whether the pair's features rule one event out before the model weighs them: two different
    places of one country (``place_score`` None: towns farther apart than ``across_same_km``, two
    provinces), unless one report is a follow-up naming the other's place (``_follow_up_names``).
    ACLED's unit is one place, and the four golds' dev halves hold too few such pairs for the
    model to learn how strongly a second place decides (``GATE`` off in training compares)."""
    return GATE and bool(f["place_apart"]) and not f["follow_up_names"]


def crisp(stored: dict[str, Any], new: dict[str, Any], config: Config) -> bool:
    """What the rules hold without exception, kept under the model whatever ``GATE`` says: date
    intervals that meet (``across.reach``: two precise days two apart are two events), one place
    of one country unless a follow-up names the other's (``_follow_up_names``), another country
    only when one report is weakly placed and something ties them (``across.corroborated``), and
    actors that contradict nothing or one incident blamed on two parties (``_one_incident``)."""
    ia, ib = across.reach(stored, config), across.reach(new, config, slack=0)
    if ia is None or ib is None or ia[1] < ib[0] or ib[1] < ia[0]:
        return False
    if stored.get("iso3") and stored.get("iso3") == new.get("iso3"):
        where = across.place_score(stored, new, config)
        if where is None:  # two places: one event only when a follow-up names the other's
            if not across._follow_up_names(stored, new):
                return False
            where = 0.25
    elif (
        stored.get("iso3")
        and new.get("iso3")
        and not (across.weakly_placed(stored) or across.weakly_placed(new))
    ) or not across.corroborated(stored, new, config):
        return False
    else:
        where = 0.25
    return across.actors_agree(stored, new, config) or across._one_incident(stored, new, where)


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
    if set(stored.get("article_ids") or ()) & set(new.get("article_ids") or ()):
        return None
    ta, tb = stored.get("event_type"), new.get("event_type")
    if ta != tb and (
        across.FAMILIES.get(ta or "") is None
        or across.FAMILIES.get(ta or "") != across.FAMILIES.get(tb or "")
    ):
        return None
    # the rules' constraints (the place gate among them) before any feature is computed: most
    # pairs of a block are two places
    if not crisp(stored, new, config):
        return None
    m = model or shipped()
    p = probability(m, features(stored, new, config))
    return p if p >= m["threshold"] else None
