"""Matching Dateline's events to the article gold and scoring their fields (issue 13's definition),
as pure functions over ``records.Event`` and gold event dicts (docs/coding-guidelines.md):
``dateline eval articles`` (``evaluate/articles.py``) runs the pipeline and reports.

A predicted and a gold event *match* when the ACLED event type is the same, the place is within
25 km or the same unit at the gold's precision (3: same admin1 or within 25 km; 4: same country)
and the date is within the gold's precision (1: ±1 day; 2: ±7 days; 3: same month; no gold date:
any). Pairs are chosen one to one, greedily: evidence overlapping the gold quote first, then the
nearest. The diagnostic *incident* view pairs events whose evidence overlaps a gold quote, whatever
their type, place and date.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

from ..countries import admin1_names, countries_by_iso3, country_iso3s
from ..lookup.places import distance_km
from ..merge.across import iso_day
from ..records import Event

GoldEvent = dict[str, Any]
Span = tuple[int, int]
NEAR_KM = 25.0
# The guidelines' certainty words outside Dateline's scale (records.CERTAINTY_ORDER): a party's
# claim is a report by that party; an allegation is what Dateline calls "believed".
CERTAINTY_AS_DATELINE = {"claimed": "reported", "alleged": "believed"}
FIELDS = ("sub_event_type", "actor1", "actor2", "place", "date", "fatalities", "certainty")
# Words that name a unit's kind rather than the unit: "Ankara Province" is "Ankara".
_UNIT_WORDS = re.compile(
    r"\b(?:province|governorate|state|region|oblast|district|division|department|county|"
    r"prefecture|of|the)\b"
)


def normalise(name: str | None) -> str:
    """A place or country name folded for comparison: no accents, case, punctuation or unit word."""
    if not name:
        return ""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return " ".join(_UNIT_WORDS.sub(" ", re.sub(r"[^a-z0-9]+", " ", folded)).split())


def _iso3_of(country: str | None) -> str | None:
    key = normalise(country)
    for iso3, row in countries_by_iso3().items():
        if key and key in (normalise(row.get("name")), iso3.lower()):
            return iso3
    return None


def km_apart(pred: Event, gold: GoldEvent) -> float | None:
    """Great-circle km between the event's and the gold's coordinates (None when one lacks them)."""
    if None in (pred.latitude, pred.longitude, gold.get("latitude"), gold.get("longitude")):
        return None
    return distance_km((pred.latitude, pred.longitude), (gold["latitude"], gold["longitude"]))


def same_country(pred: Event, gold: GoldEvent) -> bool:
    if not gold.get("country"):
        return False
    if normalise(pred.country) == normalise(gold["country"]):
        return True
    iso3 = _iso3_of(gold["country"])
    return pred.iso3 is not None and (iso3 == pred.iso3 or pred.iso3 in country_iso3s(gold["country"]))


def same_admin1(pred: str | None, gold: str) -> bool:
    """The same admin1 area under its English or local name ('North Kivu' = 'Nord-Kivu')."""
    want = normalise(gold)
    return bool(pred) and any(normalise(n) == want for n in admin1_names(pred or ""))


def acled_precision(gold: GoldEvent) -> int | None:
    """The gold's geo precision on ACLED's scale, which Dateline writes: the guidelines' 4 (only the
    country) is ACLED's 3 (a region or the country, coded at its point)."""
    precision = gold.get("geo_precision")
    return 3 if precision == 4 else precision


def place_matches(pred: Event, gold: GoldEvent) -> bool:
    """Within 25 km, or the same unit at the gold's precision (3: admin1, 4: country)."""
    km = km_apart(pred, gold)
    if km is not None and km <= NEAR_KM:
        return True
    precision = gold.get("geo_precision") or 1
    if precision >= 4:
        return same_country(pred, gold)
    if precision == 3:
        return bool(gold.get("admin1")) and same_admin1(pred.admin1, gold["admin1"])
    return False


def date_matches(pred: Event, gold: GoldEvent) -> bool:
    """Within the gold's time precision (1: ±1 day, 2: ±7 days, 3: same month; no gold date: any)."""
    want = iso_day(gold.get("event_date"))
    if want is None:
        return True
    got = iso_day(pred.event_date)
    if got is None:
        return False
    precision = gold.get("time_precision") or 1
    if precision >= 3:
        return (got.year, got.month) == (want.year, want.month)
    return abs((got - want).days) <= (1 if precision == 1 else 7)


def strict_match(pred: Event, gold: GoldEvent) -> bool:
    """Same ACLED event type, place and date as the issue defines a match."""
    return (
        (pred.event_type or "").lower() == (gold.get("event_type") or "").lower()
        and place_matches(pred, gold)
        and date_matches(pred, gold)
    )


def overlap(pred: Event, spans: Iterable[Span]) -> int:
    """Characters shared by the event's evidence and the gold quote spans."""
    return sum(max(0, min(e.end, end) - max(e.start, start)) for e in pred.evidence for start, end in spans)


def _pair(
    preds: list[Event],
    golds: list[GoldEvent],
    key: Callable[[Event, GoldEvent, list[Span]], tuple | None],
    spans: list[list[Span]],
) -> list[tuple[int, int]]:
    """(pred index, gold index) pairs, one to one, best ``key`` first (None: not a candidate)."""
    cands = []
    for i, pred in enumerate(preds):
        for j, gold in enumerate(golds):
            k = key(pred, gold, spans[j])
            if k is not None:
                cands.append((k, i, j))
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in sorted(cands):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def _strict_key(pred: Event, gold: GoldEvent, spans: list[Span]) -> tuple | None:
    if not strict_match(pred, gold):
        return None
    km = km_apart(pred, gold)
    return (overlap(pred, spans) == 0, km if km is not None else float("inf"))


def _incident_key(pred: Event, gold: GoldEvent, spans: list[Span]) -> tuple | None:
    shared = overlap(pred, spans)
    return (-shared,) if shared else None


def match_events(
    preds: list[Event], golds: list[GoldEvent], spans: list[list[Span]]
) -> list[tuple[int, int]]:
    """The strict one-to-one matching; ``spans[j]``: where gold event j's quotes are in the text."""
    return _pair(preds, golds, _strict_key, spans)


def match_incidents(
    preds: list[Event], golds: list[GoldEvent], spans: list[list[Span]]
) -> list[tuple[int, int]]:
    """The diagnostic matching: evidence overlapping a gold quote, most shared characters first."""
    return _pair(preds, golds, _incident_key, spans)


def _fold(value: object) -> str | None:
    return " ".join(str(value).lower().split()) if value not in (None, "") else None


def _actor_fold(value: object) -> str | None:
    # "Police Forces of the Democratic Republic of Congo" and "... of Democratic Republic of
    # Congo" name one actor: a country's article is a spelling, not a different side
    folded = _fold(value)
    return None if folded is None else folded.replace(" of the ", " of ")


def actor_right(pred: str | None, gold: GoldEvent, role: str) -> bool:
    """Case-insensitive equality with the gold name or a name in its ``also`` (a country's "the"
    aside); null == null."""
    names = {_actor_fold(gold.get(role))} | {_actor_fold(n) for n in (gold.get("also") or {}).get(role) or []}
    return _actor_fold(pred) in names


def field_right(name: str, pred: Event, gold: GoldEvent) -> bool | None:
    """Whether ``pred`` has field ``name`` right; None when the gold does not score it (no date)."""
    if name in ("actor1", "actor2"):
        return actor_right(getattr(pred, name), gold, name)
    if name == "certainty":
        want = _fold(gold.get(name))
        return _fold(pred.certainty) == CERTAINTY_AS_DATELINE.get(want or "", want)
    if name in ("sub_event_type", "event_type"):
        return _fold(getattr(pred, name)) == _fold(gold.get(name))
    if name == "fatalities":  # ACLED writes 0 when none are reported; Dateline may leave it empty
        return (pred.fatalities or 0) == (gold.get("fatalities") or 0)
    if name == "place":
        km = km_apart(pred, gold)
        return km is not None and km <= NEAR_KM and pred.geo_precision == acled_precision(gold)
    if name == "date":
        want, got = iso_day(gold.get("event_date")), iso_day(pred.event_date)
        if want is None:
            return None
        if got is None:
            return False
        precision = gold.get("time_precision") or 1
        if precision >= 3:
            return (got.year, got.month) == (want.year, want.month)
        return abs((got - want).days) <= (0 if precision == 1 else 7)
    raise ValueError(f"unknown field {name!r}")


def locate(text: str, quote: str) -> Span | None:
    """Where a gold quote is in the article text: verbatim, else ignoring case (a reader that
    re-cases nothing keeps offsets; lower() keeps the length of the texts scored here)."""
    at = text.find(quote)
    if at < 0 and len(text.lower()) == len(text):
        at = text.lower().find(quote.lower())
    return (at, at + len(quote)) if at >= 0 else None
