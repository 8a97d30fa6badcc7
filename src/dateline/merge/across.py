"""One event across articles: which stored event a newly coded one reports too, and the merged
record (docs/across.md).

The store applies these as its ``Rules`` (``ingest.rules``): ``prepare`` readies an incoming
record, ``block`` names the one indexed query for its possible duplicates (same country, same
family of event types, event dates within reach), ``same_event`` decides and scores a match, and
``combine`` merges two records of one event. They work on the records' dict form; thresholds are
``Config`` fields (``across_*``).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from rapidfuzz import fuzz

from ..config import Config
from ..extract.place_names import NEAR_WORDS
from ..lookup.places import distance_km, same_place
from ..records import CERTAINTY_ORDER, Place
from .across_words import best_toll, fold, names_town, place_words, renamed, revised, revision_told, sentences

# Event types that one outlet may code differently from another for one real event: an attack on
# villagers is a "clash" for one, an "attack" for another; a protest turns into a riot.
FAMILIES: dict[str, str] = {"Battles": "violence", "Explosions/Remote violence": "violence",
                             "Violence against civilians": "violence", "Protests": "demonstrations",
                             "Riots": "demonstrations", "Strategic developments": "strategic"}  # fmt: skip
# Actors that name nobody in particular: they contradict no named actor.
_GENERIC = re.compile(r"^(unidentified|civilians|protesters|rioters|unknown)\b", re.I)
# Fields taken together from one report.
PLACE_FIELDS = ("country", "iso3", "admin1", "admin2", "location", "latitude", "longitude",
                "geo_precision", "geonameid")  # fmt: skip
DATE_FIELDS = ("event_date", "event_date_end", "time_precision")
ACTOR_FIELDS = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "inter1", "inter2")
TYPE_FIELDS = ("event_type", "sub_event_type", "plover_type", "plover_mode", "cameo_root")
CERTAINTY_FIELDS = ("certainty", "attribution")
MAX_CONFIDENCE = 0.99


def sources_of(record: dict[str, Any]) -> list[str]:
    """The record's outlets (``source`` is ``; ``-separated), in order, without repeats."""
    out: list[str] = []
    for s in (record.get("source") or "").split(";"):
        if s.strip() and s.strip().lower() not in (o.lower() for o in out):
            out.append(s.strip())
    return out


def prepare(record: dict[str, Any], published: str | None) -> dict[str, Any]:
    """An incoming record as stored: its report's toll in ``tolls`` (with the article's publication
    date, so that a later revision can win), ``num_articles`` and ``num_sources`` set."""
    out = dict(record)
    ids = list(out.get("article_ids") or [])
    if not out.get("tolls") and out.get("fatalities") is not None and ids:
        out["tolls"] = [
            {"article_id": ids[0], "published": published, "best": out["fatalities"],
             "low": out.get("fatalities_low"), "high": out.get("fatalities_high"),
             "source": out.get("source")}
        ]  # fmt: skip
    out["num_articles"] = len(ids)
    out["num_sources"] = len(sources_of(out))
    return out


def iso_day(value: str | None) -> date | None:
    """The day of an ISO date or datetime string (None when there is none or it is not a date)."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
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


BlockKey = tuple[str | None, tuple[str, ...], str, str, int, str | None, bool]


def weakly_placed(record: dict[str, Any]) -> bool:
    """No country, or a country and nothing below it: the report's place was missed or may be the
    wrong country ("Congo" read as the Republic of the Congo), so its country cannot block."""
    if not record.get("iso3"):
        return True
    location = record.get("location")
    return (not record.get("admin1") and (not location or location == record.get("country"))) or renamed(
        record
    )


def block(record: dict[str, Any], config: Config) -> BlockKey | None:
    """Where the record's duplicates can be (the store's ``Block`` fields): an event type of its
    family, at most ``across_max_candidates``; its iso3's events — stored events without a country
    included — with a first day from ``across_window_days`` before its interval (events spanning up
    to that long) to its end; and any country's events over a narrow window, from
    ``across_date_slack_days`` before its interval (one-day events that can overlap it; the block
    then holds every country's events of those days): all of them for a weakly placed record
    (``weakly_placed``; with no country, iso3 None, that is its whole block), only those placed by a
    country alone for a placed one (so either report finds the other, whichever arrives first)."""
    span = reach(record, config)
    if span is None or not record.get("event_type"):
        return None
    family = FAMILIES.get(record["event_type"])
    types = tuple(t for t, f in FAMILIES.items() if f == family) if family else (record["event_type"],)
    iso3 = record.get("iso3") or None
    # a stored one-day event whose interval, widened by the slack too, meets the new one's
    days = [config.across_date_slack_days if iso3 is None else config.across_window_days]
    days.append(config.across_date_slack_days)
    firsts = []
    for back in days:
        try:
            firsts.append((span[0] - timedelta(days=back)).isoformat())
        except OverflowError:
            firsts.append(date.min.isoformat())
    near_weak_only = not weakly_placed(record)
    try:  # a stored follow-up dated by its revision, days after this event (``reach``)
        last = (span[1] + timedelta(days=config.across_revision_days)).isoformat()
    except OverflowError:
        last = span[1].isoformat()
    return (
        iso3,
        types,
        firsts[0],
        last,
        config.across_max_candidates,
        firsts[1],
        near_weak_only,
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


def _district_holds(area: dict[str, Any], town: dict[str, Any]) -> bool:
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
    if _district_holds(a, b) or _district_holds(b, a):
        return 0.5
    if pa.kind == "city" and pb.kind == "city":
        if None in (a.get("latitude"), b.get("latitude")):
            return 1.0 if pa.name.lower() == pb.name.lower() else None
        km = distance_km((pa.latitude, pa.longitude), (pb.latitude, pb.longitude))
        return 1.0 if km <= config.across_same_km else None
    return 0.5 if same_place(pa, pb) else None


def _named(r: dict[str, Any]) -> list[str]:
    names = (r.get(k) for k in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2"))
    return [n for n in names if n and not _GENERIC.match(n)]


def actors_agree(a: dict[str, Any], b: dict[str, Any], config: Config) -> bool:
    """Whether the actors contradict nothing: when both reports name actors, one of one report's
    is one of the other's (names as similar as ``across_actor_similarity``, token-set ratio)."""
    na, nb = _named(a), _named(b)
    if not na or not nb:
        return True
    need = 100.0 * config.across_actor_similarity
    return any(fuzz.token_set_ratio(x.lower(), y.lower()) >= need for x in na for y in nb)


# State forces name a category, not a party: two incidents in one country share them.
_CATEGORY = re.compile(r"^(police|military|security|armed) forces\b|^government\b", re.I)


def corroborated(a: dict[str, Any], b: dict[str, Any], config: Config) -> str:
    """What ties two weakly placed reports (``weakly_placed``) to one event beyond type, dates and
    compatible actors ("" when nothing): a place both name (``place_words``: the countries' own
    names and the outlets aside), a party both name (not a
    generic actor nor a bare category such as "Police Forces": names as similar as
    ``across_actor_similarity``, token-sort ratio), or nearly the same event sentence
    (``across_copy_similarity``, a syndicated or lightly edited copy)."""
    countries = {w for r in (a, b) for w in re.findall(r"\w+", fold(r.get("country") or ""))}
    outlets = {fold(o) for r in (a, b) for o in sources_of(r)}
    shared = (place_words(a) & place_words(b)) - countries - outlets
    if shared or names_town(a, b, outlets) or names_town(b, a, outlets):
        return "place"
    need = 100.0 * config.across_actor_similarity
    na = [n for n in _named(a) if not _CATEGORY.match(n)]
    nb = [n for n in _named(b) if not _CATEGORY.match(n)]
    if any(fuzz.token_sort_ratio(x.lower(), y.lower()) >= need for x in na for y in nb):
        return "actor"
    copy = 100.0 * config.across_copy_similarity
    sa, sb = [fold(x) for x in sentences(a)], [fold(y) for y in sentences(b)]
    if any(fuzz.ratio(x, y) >= copy for x in sa for y in sb):
        return "copy"
    return ""


def _follow_up_names(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether one report is a follow-up whose revision sentence (``revision_told``) names the
    other's town or a place its sentences name (``place_words``: "a police post in Elwak", missed by
    the gazetteer), not its own town: "the toll from Friday's bombing in Kohat rose to 19" tells
    which event it revises, its own place read from elsewhere (a bureau's dateline, Peshawar)."""
    outlets = {fold(o) for r in (a, b) for o in sources_of(r)}
    countries = {w for r in (a, b) for w in re.findall(r"\w+", fold(r.get("country") or ""))}
    # a province both lie in ("the toll from Sunday's attack in Borno rose") tells no one event
    areas = {fold(r[k]) for r in (a, b) for k in ("admin1",) if r.get(k)}
    for x, y in ((a, b), (b, a)):
        told = revision_told(y)
        if not told["evidence"] or names_town(y, told, outlets):
            continue
        if names_town(x, told, outlets) or (place_words(told) & place_words(x)) - countries - outlets - areas:
            return True
    return False


def _one_incident(a: dict[str, Any], b: dict[str, Any], where: float) -> bool:
    """Whether two reports that blame different parties still tell one incident: the same event
    type on the same first day at one town (the same entry or within ``across_same_km``, or one
    report naming the other's town: ``names_town``). Outlets often disagree on who attacked
    ("Boko Haram" for one, "ISWAP" for another); ACLED's unit is type, place and day. Only one
    side may differ: when both reports name two parties (other sides altogether), they stay two."""
    if a.get("event_type") != b.get("event_type") or a.get("event_date") != b.get("event_date"):
        return False
    if min(len(_named(a)), len(_named(b))) > 1:
        return False
    outlets = {fold(o) for r in (a, b) for o in sources_of(r)}
    return where == 1.0 or names_town(a, b, outlets) or names_town(b, a, outlets)


def same_event(stored: dict[str, Any], new: dict[str, Any], config: Config) -> float | None:
    """Whether ``new`` reports the event ``stored`` holds, as a score (higher: better), else None.

    Both must come from different articles (one article's events were told apart already), have
    event types of one family, date intervals at most ``across_date_slack_days`` apart (``reach``),
    places that are one or contained (``place_score``) and actors that agree (or, blaming different
    parties, type, first day and town are one: ``_one_incident``). When they are not in
    one country (one has none, or they differ and one is only a country: ``weakly_placed``), the
    place cannot decide: something must tie them instead (``corroborated``), and the place counts
    as unknown. The score adds the place score (twice), 1 for the
    same first day and the wording's similarity (notes)."""
    if set(stored.get("article_ids") or ()) & set(new.get("article_ids") or ()):
        return None
    ta, tb = stored.get("event_type"), new.get("event_type")
    family = FAMILIES.get(ta or "")
    if ta != tb and (family is None or family != FAMILIES.get(tb or "")):
        return None
    # the slack once, not on both sides: "late on Saturday" meets "early on Sunday", but two
    # precise days two apart (a protest on Monday, another on Wednesday) are two events
    ia, ib = reach(stored, config), reach(new, config, slack=0)
    if ia is None or ib is None or ia[1] < ib[0] or ib[1] < ia[0]:
        return None
    if stored.get("iso3") and stored.get("iso3") == new.get("iso3"):
        where = place_score(stored, new, config)
        if where is None and _follow_up_names(stored, new):
            where = 0.25  # placed elsewhere (its bureau, say), but it names the event's town
    elif (stored.get("iso3") and new.get("iso3") and not (weakly_placed(stored) or weakly_placed(new))) or (
        not corroborated(stored, new, config)
    ):
        return None  # two countries' places, or nothing but type and day in common
    else:
        where = 0.25
    if where is None or not (actors_agree(stored, new, config) or _one_incident(stored, new, where)):
        return None
    words = fuzz.token_set_ratio(stored.get("notes") or "", new.get("notes") or "") / 100.0
    return 2 * where + (stored.get("event_date") == new.get("event_date")) + words + (ta == tb)


def _rank(value: Any) -> float:
    """A precision code as a rank: lower is more precise; missing is worst."""
    return float(value) if isinstance(value, int | float) else 99.0


def _days(r: dict[str, Any]) -> int:
    span = interval(r, 0)
    return 10**6 if span is None else (span[1] - span[0]).days


def _union(a: list[Any], b: list[Any], key: Any) -> list[Any]:
    seen = {key(x) for x in a}
    return list(a) + [x for x in b if key(x) not in seen and not seen.add(key(x))]  # type: ignore[func-returns-value]


def _take(out: dict[str, Any], src: dict[str, Any], names: tuple[str, ...]) -> None:
    for n in names:
        out[n] = src.get(n)


def combine(old: dict[str, Any], new: dict[str, Any], copy_similarity: float = 0.9) -> dict[str, Any]:
    """Two records of one event as one, keeping ``old``'s id (docs/across.md).

    Place fields from the more precise report (``geo_precision``; a weakly placed one only from
    another such), dates from the more precise
    (``time_precision``, then a report that is no follow-up, ``revised``, then the narrower
    interval), certainty and attribution from the more
    certain, actors from the report naming more of them, types and notes from the first (ties:
    ``old``). Article ids, evidence, claims, outlets and tolls are unioned, nothing lost. The
    toll: ``fatalities`` is the latest-published report's (a revision wins), ``fatalities_low`` /
    ``_high`` the range of all reports, each report's figure kept in ``tolls`` (``best_toll``:
    stale repeats, copies, vague counts and added counts).
    Confidence: the noisy-or of the two when ``new`` adds an outlet (independent sources
    corroborate), else the higher; a record without an outlet, or a denial (``certainty``
    denied), adds none."""
    out = dict(old)
    # a place the text names otherwise (``weakly_placed``: maybe a wrong entry, in a wrong
    # country) never replaces a sure one, however precise it looks
    if (weakly_placed(new), _rank(new.get("geo_precision"))) < (
        weakly_placed(old),
        _rank(old.get("geo_precision")),
    ):
        _take(out, new, PLACE_FIELDS)
    # dates: the more precise, then not a follow-up's (``revised``: maybe the revision's day), then
    # the narrower interval
    if (_rank(new.get("time_precision")), revised(new), _days(new)) < (
        _rank(old.get("time_precision")),
        revised(old),
        _days(old),
    ):
        _take(out, new, DATE_FIELDS)
    order = {c: i for i, c in enumerate(CERTAINTY_ORDER)}
    if order.get(new.get("certainty") or "", 99) < order.get(old.get("certainty") or "", 99):
        _take(out, new, CERTAINTY_FIELDS)
    if len(_named(new)) > len(_named(old)):
        _take(out, new, ACTOR_FIELDS)
    for n in (*TYPE_FIELDS, "notes", "source_scale"):
        if out.get(n) is None:
            out[n] = new.get(n)
    out["article_ids"] = _union(old.get("article_ids") or [], new.get("article_ids") or [], str)
    out["evidence"] = _union(old.get("evidence") or [], new.get("evidence") or [],
                             lambda e: (e["field"], e["article_id"], e["start"], e["end"]))  # fmt: skip
    out["claims"] = _union(old.get("claims") or [], new.get("claims") or [], lambda c: c["claim_id"])
    tolls = _union(old.get("tolls") or [], new.get("tolls") or [], lambda t: t["article_id"])
    out["tolls"] = sorted(tolls, key=lambda t: t.get("published") or "")  # stable: arrival order
    if tolls:
        out["fatalities"], out["fatalities_low"], out["fatalities_high"] = best_toll(
            out["tolls"], out["evidence"], copy_similarity
        )
    elif out.get("fatalities") is None:
        _take(out, new, ("fatalities", "fatalities_low", "fatalities_high"))
    old_sources = sources_of(old)
    sources = _union(old_sources, sources_of(new), str.lower)
    out["source"] = "; ".join(sources) or None
    ca, cb = old.get("confidence"), new.get("confidence")
    # a denial joins the event it denies (its article, outlet and evidence are kept, its id
    # redirects) but does not corroborate it
    denial = "denied" in (old.get("certainty"), new.get("certainty"))
    if ca is not None and cb is not None and len(sources) > len(old_sources) and old_sources and not denial:
        out["confidence"] = round(min(MAX_CONFIDENCE, 1 - (1 - ca) * (1 - cb)), 4)
    elif cb is not None:
        out["confidence"] = max(cb, ca if ca is not None else cb)
    out["num_articles"] = len(out["article_ids"])
    out["num_sources"] = len(sources)
    return out
