"""The terms two reports of one event are compared by (docs/across.md, "The decision"): their
date intervals (``reach``), whether a report is weakly placed, the place score, whether actors
agree, what ties two reports of unsure places (``corroborated``), a follow-up naming the other's
town, one incident blamed on two parties. Both deciders use them: the hand rules
(``across.same_event``) and the learned decision (``match_model``, within ``match_model.crisp``),
so they live here rather than as one decider's private helpers.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from rapidfuzz import fuzz

from ..config import Config
from ..extract.place_names import NEAR_WORDS
from ..lookup.places import distance_km, same_place
from ..records import Place
from .across_words import fold, names_town, place_words, renamed, revised, revision_told, sentences

# Event types that one outlet may code differently from another for one real event: an attack on
# villagers is a "clash" for one, an "attack" for another; a protest turns into a riot.
FAMILIES: dict[str, str] = {"Battles": "violence", "Explosions/Remote violence": "violence",
                             "Violence against civilians": "violence", "Protests": "demonstrations",
                             "Riots": "demonstrations", "Strategic developments": "strategic"}  # fmt: skip
# Actors that name nobody in particular: they contradict no named actor.
GENERIC = re.compile(r"^(unidentified|civilians|protesters|rioters|unknown)\b", re.I)
# State forces name a category, not a party: two incidents in one country share them.
CATEGORY = re.compile(r"^(police|military|security|armed) forces\b|^government\b", re.I)


def one_family(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether the two reports' event types are one, or of one family (``FAMILIES``)."""
    ta, tb = a.get("event_type"), b.get("event_type")
    family = FAMILIES.get(ta or "")
    return ta == tb or (family is not None and family == FAMILIES.get(tb or ""))


def two_articles(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether the reports come from different articles (one article's events were told apart by
    the merge stage: never one event across articles)."""
    return not set(a.get("article_ids") or ()) & set(b.get("article_ids") or ())


def sources_of(record: dict[str, Any]) -> list[str]:
    """The record's outlets (``source`` is ``; ``-separated), in order, without repeats."""
    out: list[str] = []
    for s in (record.get("source") or "").split(";"):
        if s.strip() and s.strip().lower() not in (o.lower() for o in out):
            out.append(s.strip())
    return out


def outlets(a: dict[str, Any], b: dict[str, Any]) -> set[str]:
    """Both reports' outlets, folded: an outlet's name ("the Hajin Herald") names no place."""
    return {fold(o) for r in (a, b) for o in sources_of(r)}


def country_words(a: dict[str, Any], b: dict[str, Any]) -> set[str]:
    """The words of both reports' country names, folded: a country both name ties nothing."""
    return {w for r in (a, b) for w in re.findall(r"\w+", fold(r.get("country") or ""))}


def iso_day(value: str | None) -> date | None:
    """The day of an ISO date or datetime string (None when there is none or it is not a date)."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def interval(record: dict[str, Any], slack: int) -> tuple[date, date] | None:
    """The days the record says the event happened on, widened by ``slack`` days on each side (a
    report's "last night" and another's date of the morning after); None when undated."""
    first = iso_day(record.get("event_date"))
    if first is None:
        return None
    last = iso_day(record.get("event_date_end")) or first
    try:
        return first - timedelta(days=slack), max(first, last) + timedelta(days=slack)
    except OverflowError:
        return None


def reach(record: dict[str, Any], config: Config, slack: int | None = None) -> tuple[date, date] | None:
    """``interval`` widened by ``slack`` (default ``across_date_slack_days``), and for a follow-up
    that revises a toll (``revised``) by ``across_revision_days`` more before: it may be dated by
    the revision ("more bodies were found on Monday"), days after the event it revises."""
    span = interval(record, config.across_date_slack_days if slack is None else slack)
    if span is None or not revised(record):
        return span
    try:
        return span[0] - timedelta(days=config.across_revision_days), span[1]
    except OverflowError:
        return span


def dates_meet(stored: dict[str, Any], new: dict[str, Any], config: Config) -> bool:
    """Whether the stored report's interval, widened by the slack, meets the new one's (the slack
    once, not on both sides: "late on Saturday" meets "early on Sunday", but two precise days two
    apart, a protest on Monday and another on Wednesday, are two events)."""
    ia, ib = reach(stored, config), reach(new, config, slack=0)
    return not (ia is None or ib is None or ia[1] < ib[0] or ib[1] < ia[0])


def weakly_placed(record: dict[str, Any]) -> bool:
    """No country, or a country and nothing below it: the report's place was missed or may be the
    wrong country ("Congo" read as the Republic of the Congo), so its country cannot block."""
    if not record.get("iso3"):
        return True
    location = record.get("location")
    return (not record.get("admin1") and (not location or location == record.get("country"))) or renamed(
        record
    )


def _place(r: dict[str, Any]) -> Place | None:
    if not r.get("location") and not r.get("admin1"):
        return None
    if r.get("location") and r.get("location") == r.get("country"):
        kind = "country"
    elif r.get("geo_precision") == 3 or (r.get("location") and r.get("location") == r.get("admin1")):
        kind = "admin1"
    else:
        kind = "city"
    lat, lon = r.get("latitude"), r.get("longitude")
    return Place(name=r.get("location") or r.get("admin1") or "", geonameid=r.get("geonameid"),
                 latitude=lat if lat is not None else 0.0, longitude=lon if lon is not None else 0.0,
                 country=r.get("country"), iso3=r.get("iso3"), admin1=r.get("admin1"),
                 admin2=r.get("admin2"), kind=kind)  # fmt: skip


def district_holds(area: dict[str, Any], town: dict[str, Any]) -> bool:
    """Whether ``area`` is placed at a district below the first-level division (its location is
    its own ``admin2``, at precision 2: "Djibo, capital of Soum province" coded at Soum) holding
    ``town`` (same country, admin1 and admin2), whose point may lie beyond ``across_same_km``."""
    name, keys = area.get("location"), ("iso3", "admin1", "admin2")
    same = name == area.get("admin2") and all(area.get(k) == town.get(k) for k in keys)
    # "near Kohat" (place_names.NEAR_WORDS, cited as geo_precision): a town, no district
    said = {
        fold(e.get("text") or "") for e in area.get("evidence") or () if e.get("field") == "geo_precision"
    }
    return bool(name and area.get("geo_precision") == 2 and same and not said & NEAR_WORDS)


def place_score(a: dict[str, Any], b: dict[str, Any], config: Config) -> float | None:
    """1 for one place (the same gazetteer entry, or points within ``across_same_km``), 0.5 for an
    area holding the other's place (Hajin inside Deir ez-Zor: ``same_place``), 0.25 when one report
    names no place in the country; None for two different places."""
    pa, pb = _place(a), _place(b)
    if pa is None or pb is None:
        return 0.25
    if pa.geonameid is not None and pa.geonameid == pb.geonameid:
        return 1.0
    if district_holds(a, b) or district_holds(b, a):
        return 0.5
    if pa.kind == "city" and pb.kind == "city":
        if None in (a.get("latitude"), b.get("latitude")):
            return 1.0 if pa.name.lower() == pb.name.lower() else None
        km = distance_km((pa.latitude, pa.longitude), (pb.latitude, pb.longitude))
        return 1.0 if km <= config.across_same_km else None
    return 0.5 if same_place(pa, pb) else None


def named(r: dict[str, Any]) -> list[str]:
    """The record's actors that name someone (not ``GENERIC``)."""
    names = (r.get(k) for k in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2"))
    return [n for n in names if n and not GENERIC.match(n)]


def actors_agree(a: dict[str, Any], b: dict[str, Any], config: Config) -> bool:
    """Whether the actors contradict nothing: when both reports name actors, one of one report's
    is one of the other's (names as similar as ``across_actor_similarity``, token-set ratio)."""
    na, nb = named(a), named(b)
    if not na or not nb:
        return True
    need = 100.0 * config.across_actor_similarity
    return any(fuzz.token_set_ratio(x.lower(), y.lower()) >= need for x in na for y in nb)


def place_tie(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """A place both name (``place_words``: the countries' own names and the outlets aside), or one
    report's town named in the other's sentences (``names_town``)."""
    seen = outlets(a, b)
    shared = (place_words(a) & place_words(b)) - country_words(a, b) - seen
    return bool(shared) or names_town(a, b, seen) or names_town(b, a, seen)


def party_tie(a: dict[str, Any], b: dict[str, Any], config: Config) -> bool:
    """A party both name: not a generic actor nor a bare category such as "Police Forces", names
    as similar as ``across_actor_similarity`` (token-sort ratio, stricter than ``actors_agree``)."""
    need = 100.0 * config.across_actor_similarity
    na = [n for n in named(a) if not CATEGORY.match(n)]
    nb = [n for n in named(b) if not CATEGORY.match(n)]
    return any(fuzz.token_sort_ratio(x.lower(), y.lower()) >= need for x in na for y in nb)


def copy_ratio(a: dict[str, Any], b: dict[str, Any]) -> float | None:
    """The best rapidfuzz ratio (0–100) of an event sentence of each report, accents and case
    folded (a syndicated or lightly edited copy is near 100); None when one report has none."""
    sa, sb = [fold(x) for x in sentences(a)], [fold(y) for y in sentences(b)]
    return max((fuzz.ratio(x, y) for x in sa for y in sb), default=None)


def corroborated(a: dict[str, Any], b: dict[str, Any], config: Config) -> str:
    """What ties two weakly placed reports (``weakly_placed``) to one event beyond type, dates and
    compatible actors ("" when nothing): a place both name (``place_tie``), a party both name
    (``party_tie``), or nearly the same event sentence (``across_copy_similarity``, a syndicated or
    lightly edited copy)."""
    if place_tie(a, b):
        return "place"
    if party_tie(a, b, config):
        return "actor"
    ratio = copy_ratio(a, b)
    if ratio is not None and ratio >= 100.0 * config.across_copy_similarity:
        return "copy"
    return ""


def follow_up_names(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether one report is a follow-up whose revision sentence (``revision_told``) names the
    other's town or a place its sentences name (``place_words``: "a police post in Elwak", missed by
    the gazetteer), not its own town: "the toll from Friday's bombing in Kohat rose to 19" tells
    which event it revises, its own place read from elsewhere (a bureau's dateline, Peshawar)."""
    seen, countries = outlets(a, b), country_words(a, b)
    # a province both lie in ("the toll from Sunday's attack in Borno rose") tells no one event
    areas = {fold(r[k]) for r in (a, b) for k in ("admin1",) if r.get(k)}
    for x, y in ((a, b), (b, a)):
        told = revision_told(y)
        if not told["evidence"] or names_town(y, told, seen):
            continue
        if names_town(x, told, seen) or (place_words(told) & place_words(x)) - countries - seen - areas:
            return True
    return False


def one_incident(a: dict[str, Any], b: dict[str, Any], where: float) -> bool:
    """Whether two reports that blame different parties still tell one incident: the same event
    type on the same first day at one town (``where`` 1: the same entry or within
    ``across_same_km``, or one report naming the other's town: ``names_town``). Outlets often
    disagree on who attacked ("Boko Haram" for one, "ISWAP" for another); ACLED's unit is type,
    place and day. Only one side may differ: when both reports name two parties (other sides
    altogether), they stay two."""
    if a.get("event_type") != b.get("event_type") or a.get("event_date") != b.get("event_date"):
        return False
    if min(len(named(a)), len(named(b))) > 1:
        return False
    seen = outlets(a, b)
    return where == 1.0 or names_town(a, b, seen) or names_town(b, a, seen)


def where(stored: dict[str, Any], new: dict[str, Any], config: Config) -> float | None:
    """The pair's place as both deciders read it: ``place_score`` when both are in one country,
    else 0.25 (unknown: the country cannot decide; ``corroborated`` must tie them)."""
    if stored.get("iso3") and stored.get("iso3") == new.get("iso3"):
        return place_score(stored, new, config)
    return 0.25


def crisp(stored: dict[str, Any], new: dict[str, Any], config: Config, place: float | None) -> float | None:
    """What the hand rules hold without exception (docs/across.md, "The decision", 3–5), given the
    pair's ``place`` (``where``): the place they hold the pair at (0.25 when a follow-up names the
    other's town, or the country cannot decide), else None. Date intervals that meet
    (``dates_meet``); one place of one country unless a follow-up names the other's
    (``follow_up_names``); another country only when one report is weakly placed and something
    ties them (``corroborated``); actors that contradict nothing, or one incident blamed on two
    parties (``one_incident``)."""
    if not dates_meet(stored, new, config):
        return None
    if stored.get("iso3") and stored.get("iso3") == new.get("iso3"):
        if place is None and follow_up_names(stored, new):
            place = 0.25  # placed elsewhere (its bureau, say), but it names the event's town
    elif (stored.get("iso3") and new.get("iso3") and not (weakly_placed(stored) or weakly_placed(new))) or (
        not corroborated(stored, new, config)
    ):
        return None  # two countries' places, or nothing but type and day in common
    else:
        place = 0.25
    if place is None or not (actors_agree(stored, new, config) or one_incident(stored, new, place)):
        return None
    return place
