"""One event across articles: which stored event a newly coded one reports too, and the merged
record (docs/across.md).

The store applies these as its ``Rules`` (``ingest.rules``): ``prepare`` readies an incoming
record, ``block`` names the one indexed query for its possible duplicates (same country, same
family of event types, event dates within reach), ``same_event`` decides and scores a match, and
``combine`` merges two records of one event. They work on the records' dict form; thresholds are
``Config`` fields (``across_*``). The terms a pair is compared by (dates, place, actors, what ties
two reports, the crisp constraints) are ``across_terms``', shared with ``match_model``.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from rapidfuzz import fuzz

from ..config import Config
from ..records import CERTAINTY_ORDER
from .across_terms import (
    FAMILIES,
    actors_agree,
    corroborated,
    crisp,
    interval,
    iso_day,
    named,
    one_family,
    place_score,
    reach,
    sources_of,
    two_articles,
    weakly_placed,
    where,
)
from .across_words import best_toll, place_words, renamed, revised

# The pair terms live in across_terms (match_model weighs them too); these names stay readable
# from here, where the rules that use them are described.
__all__ = [
    "FAMILIES", "actors_agree", "block", "combine", "corroborated", "iso_day", "place_score", "place_words",
    "prepare", "reach", "renamed", "revised", "same_event", "sources_of", "weakly_placed",
]  # fmt: skip

# Fields taken together from one report.
PLACE_FIELDS = ("country", "iso3", "admin1", "admin2", "location", "latitude", "longitude",
                "geo_precision", "geonameid")  # fmt: skip
DATE_FIELDS = ("event_date", "event_date_end", "time_precision")
ACTOR_FIELDS = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "inter1", "inter2")
TYPE_FIELDS = ("event_type", "sub_event_type", "plover_type", "plover_mode", "cameo_root")
CERTAINTY_FIELDS = ("certainty", "attribution")
MAX_CONFIDENCE = 0.99


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


BlockKey = tuple[str | None, tuple[str, ...], str, str, int, str | None, bool]


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


def same_event(stored: dict[str, Any], new: dict[str, Any], config: Config) -> float | None:
    """Whether ``new`` reports the event ``stored`` holds, as a score (higher: better), else None.

    Both must come from different articles (one article's events were told apart already), have
    event types of one family, date intervals at most ``across_date_slack_days`` apart (``reach``),
    places that are one or contained (``place_score``) and actors that agree (or, blaming different
    parties, type, first day and town are one: ``one_incident``). When they are not in
    one country (one has none, or they differ and one is only a country: ``weakly_placed``), the
    place cannot decide: something must tie them instead (``corroborated``), and the place counts
    as unknown. The score adds the place score (twice), 1 for the
    same first day and the wording's similarity (notes)."""
    if not (two_articles(stored, new) and one_family(stored, new)):
        return None
    place = crisp(stored, new, config, where(stored, new, config))
    if place is None:
        return None
    words = fuzz.token_set_ratio(stored.get("notes") or "", new.get("notes") or "") / 100.0
    same_type = stored.get("event_type") == new.get("event_type")
    return 2 * place + (stored.get("event_date") == new.get("event_date")) + words + same_type


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
    if len(named(new)) > len(named(old)):
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
