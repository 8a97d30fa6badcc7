"""Query parameters of the event endpoints, validated into an :class:`EventFilters`."""

from __future__ import annotations

import base64
import binascii
import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import Query

from ..export import EVENT_FIELDS
from ..store import _bound
from .errors import ApiError

#: Certainty levels from least to most certain; ``min_certainty=reported`` keeps reported and confirmed.
CERTAINTY: tuple[str, ...] = ("denied", "possible", "believed", "reported", "confirmed")
MAX_LIMIT = 10_000
_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_NUM = r"-?\d+(\.\d+)?"
_BBOX = rf"^{_NUM},{_NUM},{_NUM},{_NUM}$"
_CAMEO = r"^(0[1-9]|1[0-9]|20)$"
FIELDS_PATTERN = r"^[a-z0-9_]+(,[a-z0-9_]+)*$"


@dataclass(frozen=True)
class EventFilters:
    since: str | None = None
    until: str | None = None
    country: str | None = None
    admin1: str | None = None
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


def _date(value: str | None, last: bool, name: str) -> str | None:
    if value is None or value in ("", ".."):
        return None
    try:
        return _bound(value, last)
    except ValueError:
        raise ApiError(
            422, "invalid_date", f"{name}: not a date (YYYY, YYYY-MM or YYYY-MM-DD)", value
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
        raise ApiError(422, "invalid_bbox", "bbox: minlon,minlat,maxlon,maxlat in degrees", value)
    if not (-90 <= parts[1] <= parts[3] <= 90):
        raise ApiError(422, "invalid_bbox", "bbox: need -90 <= minlat <= maxlat <= 90", value)
    return parts[0], parts[1], parts[2], parts[3]


def instant(value: str | None, name: str = "updated_since") -> datetime | None:
    if value is None:
        return None
    try:
        at = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ApiError(422, "invalid_datetime", f"{name}: an ISO 8601 date or date-time", value) from None
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(UTC)


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
            max_length=40,
            description="OGC style range `a/b` (`..` for an open end); overrides since/until",
        ),
    ] = None,  # noqa: E501
    country: Annotated[
        str | None, Query(max_length=128, description="Country name or ISO3 code (case-insensitive)")
    ] = None,  # noqa: E501
    admin1: Annotated[str | None, Query(max_length=128)] = None,
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
) -> EventFilters:
    if datetime_:
        a, sep, b = datetime_.partition("/")
        since, until = (a, b) if sep else (a, a)
    filters = EventFilters(
        since=_date(since, False, "since"),
        until=_date(until, True, "until"),
        country=country or None,
        admin1=admin1 or None,
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
        updated_since=instant(updated_since),
    )
    return filters


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


def encode_cursor(event_date: str | None, event_id: str) -> str:
    raw = json.dumps([event_date, event_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(token: str | None) -> tuple[str | None, str] | None:
    if not token:
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        d, i = json.loads(raw)
        if (d is None or isinstance(d, str)) and isinstance(i, str):
            return d, i
    except (binascii.Error, ValueError, TypeError):
        pass
    raise ApiError(422, "invalid_cursor", "next: not a token this API issued", token)
