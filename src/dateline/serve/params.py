"""Query parameters of the event endpoints, validated into the store's :class:`EventFilters`
(by ``store.filters.make_filters``, as the CLI options are)."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime
from typing import Annotated, Literal

from fastapi import Query

from ..export import EVENT_FIELDS
from ..regions import region_names
from ..store.derived import DISORDER_TYPES
from ..store.filters import CERTAINTY, PATTERNS, SORTS, EventFilters, FilterError, make_filters, parse_instant
from .errors import ApiError

__all__ = ["CERTAINTY", "EventFilters", "event_filters", "instant", "parse_fields"]
MAX_LIMIT = 10_000
_DATE, _BBOX, _CAMEO = PATTERNS["since"], PATTERNS["bbox"], PATTERNS["cameo_root"]
_REGIONS = ", ".join(f"`{r}`" for r in region_names())
FIELDS_PATTERN = r"^[a-z0-9_]+(,[a-z0-9_]+)*$"


def _api_error(exc: FilterError) -> ApiError:
    return ApiError(422, exc.code, exc.message, exc.value)


def instant(value: str | None, name: str = "updated_since") -> datetime | None:
    try:
        return parse_instant(value, name)
    except FilterError as exc:
        raise _api_error(exc) from None


def event_filters(
    since: Annotated[
        str | None,
        Query(
            pattern=_DATE,
            description="Inclusive start: YYYY, YYYY-MM or YYYY-MM-DD; keeps events whose date range overlaps",
        ),
    ] = None,  # noqa: E501
    until: Annotated[
        str | None, Query(pattern=_DATE, description="Inclusive end (YYYY, YYYY-MM, YYYY-MM-DD)")
    ] = None,  # noqa: E501
    datetime_: Annotated[
        str | None,
        Query(
            alias="datetime",
            max_length=100,  # two RFC 3339 date-times with fractions and offsets
            description="OGC style range `a/b` (`..` for an open end); overrides since/until",
        ),
    ] = None,  # noqa: E501
    country: Annotated[
        str | None, Query(max_length=128, description="Country name or ISO3 code (case-insensitive)")
    ] = None,  # noqa: E501
    admin1: Annotated[str | None, Query(max_length=128)] = None,
    admin2: Annotated[str | None, Query(max_length=128, description="Equality, case-insensitive")] = None,
    location: Annotated[
        str | None,
        Query(max_length=200, description="The place's name, whole (case-insensitive); `q` searches words"),
    ] = None,
    geonameid: Annotated[
        int | None, Query(ge=1, le=2**31 - 1, description="The resolved place's GeoNames id, exactly")
    ] = None,
    event_type: Annotated[str | None, Query(max_length=64, description="ACLED event type")] = None,
    sub_event_type: Annotated[str | None, Query(max_length=64)] = None,
    plover_type: Annotated[str | None, Query(max_length=64)] = None,
    cameo_root: Annotated[str | None, Query(pattern=_CAMEO, description="CAMEO root code, 01 to 20")] = None,
    actor: Annotated[
        str | None,
        Query(max_length=128, description="In any role; aliases resolve through the actor knowledge base"),
    ] = None,  # noqa: E501
    bbox: Annotated[
        str | None,
        Query(
            max_length=100,
            pattern=_BBOX,
            description="minlon,minlat,maxlon,maxlat (minlon > maxlon crosses the antimeridian)",
        ),
    ] = None,  # noqa: E501
    min_certainty: Annotated[
        Literal[CERTAINTY] | None, Query(description="denied < possible < believed < reported < confirmed")
    ] = None,  # noqa: E501
    max_time_precision: Annotated[int | None, Query(ge=1, le=3)] = None,
    max_geo_precision: Annotated[int | None, Query(ge=1, le=3)] = None,
    min_sources: Annotated[
        int | None, Query(ge=0, le=10_000, description="Minimum number of articles")
    ] = None,  # noqa: E501
    q: Annotated[
        str | None,
        Query(max_length=200, description="Full text over notes, actors and places (words, prefix match)"),
    ] = None,  # noqa: E501
    updated_since: Annotated[
        str | None, Query(max_length=40, description="Events written at or after this ISO 8601 instant")
    ] = None,  # noqa: E501
    timespan: Annotated[
        str | None,
        Query(
            pattern=PATTERNS["timespan"],
            description="GDELT-style span back from now (server's UTC clock), by event date: 24h, 7d, 2w, 3m, 1y",
        ),
    ] = None,
    min_fatalities: Annotated[int | None, Query(ge=0, le=10**9, description="Toll at least this")] = None,
    max_fatalities: Annotated[int | None, Query(ge=0, le=10**9, description="Toll at most this")] = None,
    inter: Annotated[
        str | None,
        Query(
            max_length=64,
            description="inter1 or inter2: ACLED code 1-8 or name (State forces, Rebel group, Political militia,"
            " Identity militia, Rioters, Protesters, Civilians, External/Other forces)",
        ),
    ] = None,
    interaction: Annotated[
        str | None,
        Query(
            max_length=64, description="ACLED interaction code (17, 60) or names A-B (State forces-Civilians)"
        ),
    ] = None,
    disorder_type: Annotated[
        str | None, Query(max_length=64, description="One of " + ", ".join(DISORDER_TYPES) + " (any case)")
    ] = None,
    civilian_targeting: Annotated[
        bool | None, Query(description="Political violence against civilians (inter2 = 7), or not")
    ] = None,
    region: Annotated[str | None, Query(max_length=64, description="ACLED region: " + _REGIONS)] = None,
    sort: Annotated[
        Literal[SORTS] | None,
        Query(description="Order of the pages (`-` descending); ties by event_id; rows without the key last"),
    ] = None,
) -> EventFilters:
    try:
        return make_filters(
            since=since, until=until, datetime=datetime_, country=country, admin1=admin1,
            admin2=admin2, location=location, geonameid=geonameid,
            event_type=event_type, sub_event_type=sub_event_type, plover_type=plover_type,
            cameo_root=cameo_root, actor=actor, bbox=bbox, min_certainty=min_certainty,
            max_time_precision=max_time_precision, max_geo_precision=max_geo_precision,
            min_sources=min_sources, q=q, updated_since=updated_since, timespan=timespan,
            min_fatalities=min_fatalities, max_fatalities=max_fatalities, inter=inter,
            interaction=interaction, disorder_type=disorder_type,
            civilian_targeting=civilian_targeting, region=region, sort=sort,
        )  # fmt: skip
    except FilterError as exc:
        raise _api_error(exc) from None


def parse_fields(fields: str | None) -> list[str] | None:
    if not fields:
        return None
    names = [f.strip() for f in fields.split(",") if f.strip()]
    unknown = [f for f in names if f not in EVENT_FIELDS]
    if unknown or not names:
        raise ApiError(
            422, "invalid_fields", "fields: unknown field names", {"unknown": unknown, "known": EVENT_FIELDS}
        )
    return names


# -- keyset cursor: opaque to clients (base64url JSON of the last row's sort key) -------------------


def encode_cursor(sort: str, key: str | int | None, event_id: str) -> str:
    """The next page's token: the sort and the last row's (key, event_id)."""
    raw = json.dumps([sort, key, event_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(token: str | None, sort: str = "event_date") -> tuple[str | int | None, str] | None:
    """(key, event_id) from a token issued for the same ``sort``; else 422 ``invalid_cursor``."""
    if not token:
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        s, d, i = json.loads(raw)
        text_key = sort.lstrip("-") == "event_date"
        # an integer key (toll, epoch seconds) within SQL's 64 bits
        ok_key = d is None or (isinstance(d, str) if text_key else type(d) is int and abs(d) < 2**63)
        if s == sort and ok_key and isinstance(i, str):
            return d, i
    except (binascii.Error, ValueError, TypeError):
        pass
    raise ApiError(422, "invalid_cursor", "next: not a token this API issued (for this sort)", token)
