"""OGC API Features (Part 1: Core, GeoJSON) over the events: one collection, ``events``. The landing
page is ``/ogc`` because ``/`` is the map page; the rest is where the standard puts it. Parameters
are checked here, not by FastAPI, so that a bad or unknown one is the 400 the standard asks for
(in the error envelope), not the rest of the API's 422; FastAPI's own length checks answer 400 on
these routes too (``errors.BAD_REQUEST_TAG``)."""

from __future__ import annotations

import inspect
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse

from ..store.aggregates import extent
from ..store.filters import FilterError, make_filters
from .errors import BAD_REQUEST_TAG, ERROR_RESPONSES, ApiError
from .formats import MEDIA, geojson, ogc_links
from .params import MAX_LIMIT, decode_cursor, encode_cursor

router = APIRouter(tags=[BAD_REQUEST_TAG])
CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
]
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
GEO, JSON = MEDIA["geojson"], MEDIA["json"]
DEFAULT_LIMIT = 100
# the /events filters by their query names (every make_filters parameter) and the page's own
_FILTERS = frozenset(inspect.signature(make_filters).parameters)
_PAGE = frozenset({"limit", "next", "f"})


class GeoJSONResponse(JSONResponse):
    """JSON as ``application/geo+json`` (so the OpenAPI document says what the items are)."""

    media_type = "application/geo+json"


# 200 is GeoJSON; errors are the JSON envelope (a response_class would document them as GeoJSON too)
_GEO_RESPONSES: dict[int | str, dict[str, Any]] = {200: {"content": {GEO: {}}}, **ERROR_RESPONSES}


def _link(href: str, rel: str, type_: str, title: str) -> dict[str, str]:
    return {"href": href, "rel": rel, "type": type_, "title": title}


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def _bad(message: str, value: Any = None) -> ApiError:
    return ApiError(400, "invalid_parameter", message, value)


@router.get("/ogc", responses=ERROR_RESPONSES, summary="OGC API Features landing page")
def landing(request: Request) -> dict[str, Any]:
    b = _base(request)
    return {
        "title": "Dateline events",
        "description": "Events coded from news reports, each field with its evidence (OGC API Features)",
        "links": [
            _link(f"{b}/ogc", "self", JSON, "this document"),
            _link(
                f"{b}/openapi.json",
                "service-desc",
                "application/vnd.oai.openapi+json;version=3.0",
                "the API definition",
            ),  # fmt: skip
            _link(f"{b}/docs", "service-doc", "text/html", "the API documentation"),
            _link(f"{b}/conformance", "conformance", JSON, "conformance classes"),
            _link(f"{b}/collections", "data", JSON, "the collections"),
        ],
    }


@router.get("/conformance", responses=ERROR_RESPONSES, summary="OGC API Features conformance classes")
def conformance() -> dict[str, Any]:
    return {"conformsTo": CONFORMANCE}


def _collection(request: Request) -> dict[str, Any]:
    b, ext = _base(request), extent(request.app.state.store.engine)
    return {
        "id": "events",
        "title": "Events",
        "description": "ACLED-style event records; geometry: the resolved place (null when unplaced)",
        "itemType": "feature",
        "crs": [CRS84],
        "extent": {
            "spatial": {"bbox": [ext["bbox"] or [-180.0, -90.0, 180.0, 90.0]], "crs": CRS84},
            "temporal": {
                "interval": [[ext["first_date"], ext["last_date"]]],
                "trs": "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian",
            },  # fmt: skip
        },
        "links": [
            _link(f"{b}/collections/events", "self", JSON, "this collection"),
            _link(f"{b}/collections/events/items", "items", GEO, "the events"),
        ],
    }


@router.get("/collections", responses=ERROR_RESPONSES, summary="OGC API Features collections (one: events)")
def collections(request: Request) -> dict[str, Any]:
    b = _base(request)
    return {"links": [_link(f"{b}/collections", "self", JSON, "the collections")],
            "collections": [_collection(request)]}  # fmt: skip


@router.get(
    "/collections/events", responses=ERROR_RESPONSES, summary="The events collection: extent and links"
)
def collection(request: Request) -> dict[str, Any]:
    return _collection(request)


def _limit(value: str | None) -> int:
    """1 or more; above the maximum means the maximum (the standard: not an error)."""
    if value is None:
        return DEFAULT_LIMIT
    if not value.isdigit() or int(value) < 1:
        raise _bad("limit: a whole number, 1 or more", value)
    return min(int(value[:12]), MAX_LIMIT)


@router.get("/collections/events/items", responses=_GEO_RESPONSES,
            summary="Events as a GeoJSON FeatureCollection (OGC API Features items)")  # fmt: skip
def items(
    request: Request,
    bbox: Annotated[
        str | None, Query(max_length=100, description="minlon,minlat,maxlon,maxlat (CRS84)")
    ] = None,
    datetime_: Annotated[
        str | None,
        Query(alias="datetime", max_length=100, description="An instant or interval a/b (.. open)"),
    ] = None,  # fmt: skip
    limit: Annotated[
        str | None, Query(max_length=20, description=f"1 to {MAX_LIMIT} (default {DEFAULT_LIMIT})")
    ] = None,
    next: Annotated[str | None, Query(max_length=600, description="Token from the previous page")] = None,
) -> GeoJSONResponse:
    """Every ``/events`` filter is accepted too; an unknown parameter is a 400."""
    params = request.query_params
    unknown = sorted(k for k in params if k not in _FILTERS and k not in _PAGE)
    if unknown:
        raise _bad(f"unknown parameter(s): {', '.join(unknown)}", unknown)
    try:
        f = make_filters(**{k: params[k] for k in params if k in _FILTERS})
    except FilterError as exc:
        raise ApiError(400, exc.code, exc.message, exc.value) from None
    size = _limit(limit)
    try:
        after = decode_cursor(next, f.sort)
    except ApiError as exc:
        raise ApiError(400, exc.code, exc.message, next) from None
    rows, cursor = request.app.state.store.event_page(f, fields=None, limit=size, after=after)
    token = encode_cursor(f.sort, *cursor) if cursor else None
    next_url = str(request.url.include_query_params(next=token)) if token else None
    body: dict[str, Any] = geojson(rows)
    if after is None and token is None:  # all of them on this page: counted for free
        body["numberMatched"] = len(rows)
    body |= {
        "numberReturned": len(rows),
        "timeStamp": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "links": ogc_links(str(request.url), next_url, f"{_base(request)}/collections/events"),
    }
    return GeoJSONResponse(body)


@router.get("/collections/events/items/{event_id}", responses=_GEO_RESPONSES,
            summary="One event as a GeoJSON Feature")  # fmt: skip
def item(request: Request, event_id: Annotated[str, Path(max_length=200)]) -> GeoJSONResponse:
    rec = request.app.state.store.event(event_id)
    if rec is None:
        raise ApiError(404, "event_not_found", f"no event {event_id!r}")
    (feature,) = geojson([rec])["features"]
    b = _base(request)
    feature["links"] = [
        _link(str(request.url), "self", GEO, "this event"),
        _link(f"{b}/collections/events", "collection", JSON, "the events collection"),
    ]
    return GeoJSONResponse(feature)
