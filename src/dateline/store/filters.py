"""The one filter → query path: :class:`EventFilters`, built from CLI options and API query
parameters alike by :func:`make_filters`, and :func:`conditions`, its SQL. Same names, same meaning.

On SQLite the bounding box and date range go through the R*Tree and ``q`` through FTS5
(``sqlite_index``); other databases fall back to column comparisons and ``ILIKE``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, literal, literal_column, not_, or_

from ..countries import admin1_names, country_iso3s
from ..records import CERTAINTY_ORDER
from ..regions import region_iso3s
from . import derived, pg_index, sqlite_index
from .engine import fold, fold_like
from .schema import EventRow
from .values import (
    TIMESPAN,
    FilterError,
    count_value,
    disorder_value,
    geonameid_value,
    inter_value,
    interaction_value,
    region_value,
    since_of_span,
    truth_value,
)

__all__ = [
    "CERTAINTY",
    "PATTERNS",
    "SORTS",
    "EventFilters",
    "FilterError",
    "conditions",
    "date_bound",
    "make_filters",
    "parse_instant",
]

E = EventRow.__table__.c
#: Certainty levels from least to most certain; ``min_certainty=reported`` keeps reported and confirmed.
# records.CERTAINTY_ORDER (the one scale) weakest first, for "at least this certain" filters
CERTAINTY: tuple[str, ...] = tuple(reversed(CERTAINTY_ORDER))
_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_NUM = r"-?\d+(\.\d+)?"
#: The shape each of these parameters must have: checked by :func:`make_filters` (so by the CLI and
#: ``Store.events``), and by the API's query validation before it.
PATTERNS: dict[str, str] = {
    "since": _DATE,
    "until": _DATE,
    "bbox": rf"^{_NUM},{_NUM},{_NUM},{_NUM}$",
    "cameo_root": r"^(0[1-9]|1[0-9]|20)$",
    "timespan": TIMESPAN,
}
#: ``sort`` values: a key, ``-`` for descending (ties by event_id in the same direction).
SORTS: tuple[str, ...] = ("event_date", "-event_date", "fatalities", "-fatalities", "timestamp", "-timestamp")
#: Other names an actor filter value stands for (aliases → canonical names; ``{country}`` in a name
#: matches any text). Passed in by the caller: the store knows no actor knowledge base.
ActorNames = Callable[[str], Iterable[str]]


@dataclass(frozen=True)
class EventFilters:
    """Every filter the events can be queried by (all that are set must hold). Dates are ISO days."""

    since: str | None = None
    until: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None  # equality, case-insensitive
    location: str | None = None  # equality, case-insensitive (``q`` searches words)
    geonameid: int | None = None  # the resolved place, exactly
    event_type: str | None = None
    sub_event_type: str | None = None
    plover_type: str | None = None
    cameo_root: str | None = None
    actor: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    min_certainty: str | None = None
    max_time_precision: int | None = None
    max_geo_precision: int | None = None
    min_sources: int | None = None
    q: str | None = None
    updated_since: datetime | None = None
    min_fatalities: int | None = None
    max_fatalities: int | None = None
    inter: int | None = None  # ACLED inter code 1–8, in inter1 or inter2
    interaction: int | None = None
    disorder_type: str | None = None  # one of derived.DISORDER_TYPES
    civilian_targeting: bool | None = None
    region: str | None = None  # an ACLED region, as regions.region derives it
    sort: str = "event_date"  # one of SORTS: how pages are ordered (and keyed)


def date_bound(value: str | date, last: bool) -> str:
    """An ISO date bound; ``YYYY`` or ``YYYY-MM`` widen to the first (or last) day."""
    if isinstance(value, date):
        return value.isoformat()
    v = value.strip()[:10]
    if len(v) == 4:
        v += "-12-31" if last else "-01-01"
    elif len(v) == 7:
        y, m = int(v[:4]), int(v[5:7])
        if not 1 <= m <= 12:
            raise ValueError(f"month {m} out of range")
        if not last:
            v = date(y, m, 1).isoformat()
        else:  # the day before the next month's first; December's is the 31st (also in 9999)
            v = (date(y, 12, 31) if m == 12 else date(y, m + 1, 1) - timedelta(days=1)).isoformat()
    return date.fromisoformat(v).isoformat()  # raises ValueError on anything else


def _date(value: str | date | None, last: bool, name: str) -> str | None:
    if value is None or value in ("", ".."):
        return None
    try:
        return date_bound(value, last)
    except ValueError:
        raise FilterError(
            "invalid_date", name, f"{name}: not a date (YYYY, YYYY-MM or YYYY-MM-DD)", value
        ) from None


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    try:
        parts = [float(p) for p in value.split(",")]
    except ValueError:
        parts = []
    ok = len(parts) == 4 and all(math.isfinite(p) for p in parts)
    if not ok or not (-180 <= parts[0] <= 180 and -180 <= parts[2] <= 180):
        raise FilterError("invalid_bbox", "bbox", "bbox: minlon,minlat,maxlon,maxlat in degrees", value)
    if not (-90 <= parts[1] <= parts[3] <= 90):
        raise FilterError("invalid_bbox", "bbox", "bbox: need -90 <= minlat <= maxlat <= 90", value)
    return parts[0], parts[1], parts[2], parts[3]


def parse_instant(value: str | None, name: str = "updated_since") -> datetime | None:
    """An ISO 8601 date or date-time, in UTC (naive means UTC)."""
    if value is None:
        return None
    try:
        at = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        # an offset can carry an instant past year 1 or 9999 in UTC: OverflowError
        return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(UTC)
    except ValueError:
        raise FilterError("invalid_datetime", name, f"{name}: an ISO 8601 date or date-time", value) from None
    except OverflowError:
        message = f"{name}: out of range (years 1 to 9999 in UTC)"
        raise FilterError("invalid_datetime", name, message, value) from None


def _check_shape(name: str, value: object, code: str, message: str) -> None:
    if isinstance(value, str) and not re.match(PATTERNS[name], value):
        raise FilterError(code, name, message, value)


def make_filters(
    *,
    since: str | date | None = None,
    until: str | date | None = None,
    datetime: str | None = None,  # noqa: A002 (the API parameter's name)
    country: str | None = None,
    admin1: str | None = None,
    admin2: str | None = None,
    location: str | None = None,
    geonameid: int | str | None = None,
    event_type: str | None = None,
    sub_event_type: str | None = None,
    plover_type: str | None = None,
    cameo_root: str | None = None,
    actor: str | None = None,
    bbox: str | None = None,
    min_certainty: str | None = None,
    max_time_precision: int | None = None,
    max_geo_precision: int | None = None,
    min_sources: int | None = None,
    q: str | None = None,
    updated_since: str | None = None,
    timespan: str | None = None,
    min_fatalities: int | str | None = None,
    max_fatalities: int | str | None = None,
    inter: int | str | None = None,
    interaction: int | str | None = None,
    disorder_type: str | None = None,
    civilian_targeting: bool | str | None = None,
    region: str | None = None,
    sort: str | None = None,
) -> EventFilters:
    """Filters from raw parameter values (strings as typed); ``datetime`` is an OGC range ``a/b``
    (``..`` for an open end) that overrides since/until; ``timespan`` raises ``since`` to the UTC
    clock's now − span. Raises :class:`FilterError`."""
    if sort and sort not in SORTS:
        raise FilterError("invalid_parameter", "sort", "sort: " + ", ".join(SORTS), sort)
    for name, value in (("since", since), ("until", until)):
        _check_shape(name, value, "invalid_date", f"{name}: not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    _check_shape("bbox", bbox, "invalid_bbox", "bbox: minlon,minlat,maxlon,maxlat in degrees")
    _check_shape("cameo_root", cameo_root, "invalid_parameter", "cameo_root: a CAMEO root code, 01 to 20")
    if datetime:
        a, sep, b = datetime.partition("/")
        since, until = (a, b) if sep else (a, a)
    since_day = _date(since, False, "since")
    if timespan:
        span_day = since_of_span(timespan)
        since_day = max(since_day or span_day, span_day)
    return EventFilters(
        since=since_day,
        until=_date(until, True, "until"),
        country=country or None,
        admin1=admin1 or None,
        admin2=admin2 or None,
        location=location or None,
        geonameid=geonameid_value(geonameid),
        event_type=event_type or None,
        sub_event_type=sub_event_type or None,
        plover_type=plover_type or None,
        cameo_root=cameo_root or None,
        actor=actor or None,
        bbox=parse_bbox(bbox),
        min_certainty=min_certainty,
        max_time_precision=max_time_precision,
        max_geo_precision=max_geo_precision,
        min_sources=min_sources,
        q=q or None,
        updated_since=parse_instant(updated_since),
        min_fatalities=count_value(min_fatalities, "min_fatalities"),
        max_fatalities=count_value(max_fatalities, "max_fatalities"),
        inter=inter_value(inter),
        interaction=interaction_value(interaction),
        disorder_type=disorder_value(disorder_type),
        civilian_targeting=truth_value(civilian_targeting, "civilian_targeting"),
        region=region_value(region),
        sort=sort or "event_date",
    )


# An ASCII value keeps the built-in lower()/LIKE (no Python call per row on SQLite): a non-ASCII
# character of the column could equal it only through a casefold expansion (ß → ss), which
# PostgreSQL's lower() does not make either.
def ci_equals(col: Any, value: str) -> ColumnElement[bool]:
    """``col`` equals ``value``, case-insensitively beyond ASCII (``engine.fold``) on every back end."""
    v = value.strip()
    return func.lower(col) == v.lower() if v.isascii() else fold(col) == fold(literal(v))


def ci_contains(col: Any, value_pattern: str) -> ColumnElement[bool]:
    """``col`` matches the LIKE pattern (from :func:`like_pattern`), case-insensitively beyond ASCII."""
    if value_pattern.isascii():
        return col.ilike(value_pattern, escape="\\")
    return fold_like(col, literal(value_pattern))


def like_pattern(value: str) -> str:
    """``%value%`` with LIKE's wildcards in ``value`` escaped (use ``escape="\\\\"``)."""
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def country_is(value: str) -> ColumnElement[bool]:
    """Country name (case-insensitive; English, ACLED's or local: 'palestine', 'Palestinian
    Territory') or ISO3 code."""
    iso3s = sorted(country_iso3s(value) | {value.strip().upper()})
    return or_(ci_equals(E.country, value), E.iso3.in_(iso3s))


def admin1_is(value: str) -> ColumnElement[bool]:
    """admin1 by its English or local name, case-insensitive ('north kivu' finds 'Nord-Kivu' too)."""
    return or_(*(ci_equals(E.admin1, name) for name in sorted(admin1_names(value))))


def _actor(value: str, actor_names: ActorNames | None) -> ColumnElement[bool]:
    """Any role, as a substring; names the value stands for match too."""
    patterns = {like_pattern(value)}
    for name in actor_names(value) if actor_names else ():
        patterns.add(like_pattern(name).replace("{country}", "%"))
    cols = (E.actor1, E.actor2, E.assoc_actor_1, E.assoc_actor_2)
    return or_(*(ci_contains(c, p) for c in cols for p in patterns))


def conditions(conn: Any, f: EventFilters, *, rtree: bool = True,
               actor_names: ActorNames | None = None) -> list[ColumnElement[bool]]:  # fmt: skip
    """WHERE terms for ``f`` (all must hold) on ``conn``'s dialect; on SQLite the box also goes
    through the R*Tree if ``rtree``."""
    dialect = conn.dialect.name
    c: list[ColumnElement[bool]] = []
    if f.since:
        c.append(func.coalesce(E.event_date_end, E.event_date) >= f.since)
        floor = sqlite_index.date_floor(conn, f.since) if dialect == "sqlite" else None
        if floor:
            c.append(E.event_date >= floor)
    if f.until:
        c.append(E.event_date <= f.until)
    if f.country:
        c.append(country_is(f.country))
    if f.admin1:
        c.append(admin1_is(f.admin1))
    if f.geonameid is not None:
        c.append(E.geonameid == f.geonameid)
    for col, value in ((E.admin2, f.admin2), (E.location, f.location), (E.event_type, f.event_type),
                       (E.sub_event_type, f.sub_event_type), (E.plover_type, f.plover_type),
                       (E.cameo_root, f.cameo_root)):  # fmt: skip
        if value:
            c.append(ci_equals(col, value))
    if f.actor:
        c.append(_actor(f.actor, actor_names))
    if f.bbox is not None:
        w, s, e, n = f.bbox
        lon = E.longitude.between(w, e) if w <= e else or_(E.longitude >= w, E.longitude <= e)
        c += [lon, E.latitude.between(s, n)]
        if dialect == "postgresql":  # the same box once more, through the PostGIS index if any
            c += pg_index.box(conn, w, s, e, n)
    if f.min_certainty:
        c.append(E.certainty.in_(CERTAINTY[CERTAINTY.index(f.min_certainty) :]))
    if f.max_time_precision is not None:
        c.append(E.time_precision <= f.max_time_precision)
    if f.max_geo_precision is not None:
        c.append(E.geo_precision <= f.max_geo_precision)
    if f.min_sources:
        n_src = (
            func.json_array_length(E.record, "$.article_ids")
            if dialect == "sqlite"
            else func.json_array_length(literal_column("CAST(events.record AS JSON) -> 'article_ids'"))
        )
        c.append(func.coalesce(n_src, 0) >= f.min_sources)
    c += _acled_conditions(f)
    if f.updated_since is not None:  # SQLite keeps naive UTC datetimes
        at = f.updated_since.astimezone(UTC)
        c.append(E.updated_at >= (at.replace(tzinfo=None) if dialect == "sqlite" else at))
    if dialect == "sqlite":
        c += sqlite_index.index_conditions(f.bbox, f.since, f.until, f.q, rtree)
    elif f.q:
        cols = (
            E.notes,
            E.actor1,
            E.actor2,
            E.assoc_actor_1,
            E.assoc_actor_2,
            E.location,
            E.admin1,
            E.country,
        )
        words = re.findall(r"\w+", f.q)
        c += [or_(*(ci_contains(col, like_pattern(w)) for col in cols)) for w in words[:20]]
    return c


def _acled_conditions(f: EventFilters) -> list[ColumnElement[bool]]:
    """The ACLED API's filters: tolls, inter codes, interaction, disorder type, civilian targeting, region."""
    c: list[ColumnElement[bool]] = []
    if f.min_fatalities is not None:
        c.append(E.fatalities >= f.min_fatalities)
    if f.max_fatalities is not None:
        c.append(E.fatalities <= f.max_fatalities)
    if f.inter is not None:
        c.append(or_(E.inter1 == f.inter, E.inter2 == f.inter))
    if f.interaction is not None:
        c.append(derived.interaction() == f.interaction)
    if f.disorder_type:
        c.append(derived.disorder_is(f.disorder_type))
    if f.civilian_targeting is not None:
        ct = derived.civilian_targeting()
        c.append(ct if f.civilian_targeting else not_(func.coalesce(ct, False)))
    if f.region:
        c.append(E.iso3.in_(sorted(region_iso3s(f.region) or ())))
    return c
