"""An event's place as an article-level choice: every resolved place of the article is a
candidate for the place of one event, with features of how the text relates it to the event's
sentence (same sentence, distance, relation, order, dateline, lede, mentions) and of the place
itself (kind, population, containment, the actors' country), plus the rules' pick
(``resolve.context``) as one feature. A conditional logit (``lookup.place_rank.fit``) scores
them, the choice limited to the places that can be one event's place with the rules'
(``lookup.places.same_place``: it refines the rules' place, never moves the event off it);
``scripts/train_event_place.py`` trains and cross-validates it on the dev split of the article
gold (docs/event-place.md has the figures).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cache
from importlib import resources as package_files

from ..extract.mentions import Mention
from ..extract.place_mentions import NOT_WHERE, PlaceMention
from ..lookup.place_rank import PlaceRanker
from ..lookup.places import distance_km, same_place
from ..records import Place

RELATIONS = ("in", "near", "container", "border", "other")
KINDS = ("city", "feature", "admin2", "admin1", "region", "country")
_LOG_CHARS = math.log(20_000.0)
_LOG_EARTH = math.log(20_039.0)  # half the earth's circumference, km
WINDOW = 2000  # characters each side of the trigger: a place mentioned within is a candidate
MODEL_FILE = "event_place.json"
UNPLACED = (*NOT_WHERE, "modifier")  # relations whose mention is no candidate (the rules' pick is)


@cache
def _shipped_text() -> str:
    # the shipped weights' text, read once per process (a read-only shipped table)
    return (package_files.files("dateline") / "data" / MODEL_FILE).read_text("utf-8")


def shipped_model() -> PlaceRanker:
    """The shipped conditional logit (a fresh object each call; the file is read once)."""
    return PlaceRanker.from_json(json.loads(_shipped_text()))


def learns(model: PlaceRanker) -> bool:
    """Whether ``model`` chooses at all: a positive ``rule_pick`` alone is the rules' choice."""
    return not (set(model.weights) <= {"rule_pick"} and model.weights.get("rule_pick", 0.0) > 0)


def place_key(place: Place) -> tuple:
    """One candidate per gazetteer entry (a curated entry has no geonameid: name, kind, point)."""
    if place.geonameid is not None:
        return ("g", place.geonameid)
    return ("n", place.name, place.kind, round(place.latitude, 2), round(place.longitude, 2))


def precision_of(relation: str, place: Place) -> int:
    """ACLED's geo_precision of an event placed at ``place`` in this relation ("in" or "near")."""
    if place.kind in ("country", "admin1", "region"):
        return 3
    if relation == "near" or place.kind == "admin2":
        return 2
    return 1


@dataclass
class Candidate:
    """One place the event may be at, its precision if chosen and its features."""

    place: Place
    precision: int
    mentions: list[PlaceMention] = field(default_factory=list)
    features: dict[str, float] = field(default_factory=dict)


def _contains(outer: Place, inner: Place) -> bool:
    if outer is inner or not outer.iso3 or outer.iso3 != inner.iso3:
        return False
    if outer.kind == "country":
        return inner.kind != "country"
    if outer.kind == "admin1":
        return inner.kind not in ("country", "admin1") and bool(inner.admin1) and inner.admin1 == outer.admin1
    if outer.kind == "admin2":  # a district holds the towns GeoNames puts in it
        return (
            inner.kind in ("city", "feature")
            and bool(inner.admin2)
            and (inner.admin1, inner.admin2) == (outer.admin1, outer.admin2)
        )
    return False


def _km_apart(a: Place, b: Place) -> float:
    """Kilometres between two places, 0 when one holds the other."""
    if _contains(a, b) or _contains(b, a):
        return 0.0
    return distance_km((a.latitude, a.longitude), (b.latitude, b.longitude))


def event_candidates(
    places: list[tuple[PlaceMention, Place]],
    trigger: tuple[int, int],
    sentence: tuple[int, int],
    rule: tuple[Place, int] | None,
    dateline: PlaceMention | None = None,
    lede: PlaceMention | None = None,
    actors: frozenset[str] = frozenset(),
) -> list[Candidate]:
    """The article's resolved places (``places``: each mention with its place, in text order)
    within ``WINDOW`` of the trigger, the dateline's and the lede's, as candidates for the event
    whose trigger and sentence are given; ``rule``: the rules' place and precision (a candidate
    even when no mention resolves to it); ``actors``: the ISO3 codes of the event's actors."""
    groups: dict[tuple, Candidate] = {}
    anchors = {m.start for m in (dateline, lede) if m is not None}
    for mention, place in places:
        if abs(mention.start - trigger[0]) > WINDOW and mention.start not in anchors:
            continue
        if mention.relation in UNPLACED and mention.start not in anchors:
            # a state acting or speaking ("accuses Moscow of"), a group's base, a name that only
            # describes a noun ("Enga, home to the Porgera gold mine"): never where an event was
            continue
        cand = groups.setdefault(place_key(place), Candidate(place, 0))
        cand.mentions.append(mention)
    rule_key = place_key(rule[0]) if rule else None
    if rule is not None and rule_key not in groups:
        groups[rule_key] = Candidate(rule[0], rule[1])
    cands = list(groups.values())
    order = sorted(
        range(len(cands)), key=lambda i: min((m.start for m in cands[i].mentions), default=1 << 30)
    )
    rank = {i: r for r, i in enumerate(order)}
    for i, c in enumerate(cands):
        inside = [m for m in c.mentions if sentence[0] <= m.start < sentence[1]]
        near = min(c.mentions, key=lambda m: abs(m.start - trigger[0]), default=None)
        relation = (inside[0] if inside else near).relation if (inside or near) else "in"
        if place_key(c.place) == rule_key and rule is not None:
            c.precision = rule[1]
        else:
            c.precision = precision_of("near" if relation == "near" else "in", c.place)
        f: dict[str, float] = {
            "rule_pick": float(place_key(c.place) == rule_key),
            "same_sentence": float(bool(inside)),
            "order_first": float(rank[i] == 0),
            "order": rank[i] / max(1, len(cands) - 1),
            "mentions": math.log1p(len(c.mentions)),
            "dateline": float(dateline is not None and any(m.start == dateline.start for m in c.mentions)),
            "lede": float(lede is not None and any(m.start == lede.start for m in c.mentions)),
            "log_pop": math.log10(c.place.population + 10) / 7.0,
            "contains_other": float(any(_contains(c.place, o.place) for o in cands)),
            "contained": float(any(_contains(o.place, c.place) for o in cands)),
            "actor_country": float(c.place.iso3 in actors),
            f"kind_{c.place.kind}": 1.0,
            f"precision_{c.precision}": 1.0,
        }
        if rule is not None:  # how the candidate lies to the rules' place (it holds it, is in it)
            f["holds_rule"] = float(_contains(c.place, rule[0]))
            f["in_rule"] = float(_contains(rule[0], c.place))
        others = [o.place for o in cands if o is not c]
        if others:  # a place far from the article's other places is less often the event's
            km = sorted(_km_apart(c.place, o) for o in others)
            f["log_km_others"] = math.log1p(km[len(km) // 2]) / _LOG_EARTH
        if near is not None:
            dist = abs(near.start - trigger[0])
            f["log_distance"] = math.log1p(dist) / _LOG_CHARS
            f["before_trigger"] = float(near.start < trigger[0])
        else:
            f["no_mention"] = 1.0
        for m in inside:
            f[f"sent_{m.relation}"] = 1.0
            if m.score is not None:
                f["role_score"] = max(f.get("role_score", 0.0), m.score)
        c.features = f
    return cands


def choose(cands: list[Candidate], model: PlaceRanker) -> Candidate | None:
    """The likeliest candidate (a tie goes to the rules' pick); None without candidates."""
    if not cands:
        return None
    return max(cands, key=lambda c: (model.score(c.features), c.features["rule_pick"]))


def model_where(
    places: list[tuple[PlaceMention, Place]],
    trigger: tuple[int, int],
    sentence: tuple[int, int],
    rule: tuple[Place, int] | None,
    dateline: PlaceMention | None,
    lede: PlaceMention | None,
    actors: frozenset[str],
    model: PlaceRanker,
) -> tuple[PlaceMention, Place, int] | None:
    """The model's place for one event mention when it is not the rules' pick: (the candidate's
    mention nearest the trigger, its place, its precision); None keeps the rules' answer."""
    if not learns(model):
        return None  # the rules' choice: nothing to compute
    cands = event_candidates(places, trigger, sentence, rule, dateline, lede, actors)
    # a place the rules' cannot be one event's place with (``same_place``) is never chosen: the
    # rules' place groups mentions and ties reports of one incident across articles, so the model
    # refines it (a town inside the rules' province, a point beside it), it does not move it
    best = choose([c for c in cands if rule is None or same_place(c.place, rule[0])], model)
    if best is None or best.features["rule_pick"] or not best.mentions:
        return None
    near = min(best.mentions, key=lambda m: abs(m.start - trigger[0]))
    return near, best.place, best.precision


def mention_where(
    places: list[tuple[PlaceMention, Place]],
    mention: Mention,
    rule: tuple[Place, int],
    dateline: PlaceMention | None,
    lede: PlaceMention | None,
    model: PlaceRanker,
) -> tuple[PlaceMention, Place, int] | None:
    """``model_where`` for one event mention, its actors' countries read off the mention."""
    refs = [r for r, _ in mention.actor1 + mention.actor2]
    actors = frozenset(c for r in refs for c in (r.country_hint, r.entry.country) if c)
    return model_where(places, mention.trigger, mention.sentence, rule, dateline, lede, actors, model)
