"""The read-only REST API (all GET)."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response

from ..records import DROP_REASONS
from ..store import Store
from ..store.aggregates import GROUPS, PERIODS
from . import models, ogc, summaries
from .errors import ERROR_RESPONSES, ApiError
from .formats import FORMATS, MEDIA, negotiate, render
from .params import (
    FIELDS_PATTERN,
    MAX_LIMIT,
    EventFilters,
    decode_cursor,
    encode_cursor,
    event_filters,
    instant,
    parse_fields,
)

router = APIRouter()
STREAM_BATCH = 1000  # rows per store page in ``Store.stream_events``
Filters = Annotated[EventFilters, Depends(event_filters)]
_ALT = {MEDIA[f].split(";")[0]: {} for f in FORMATS if f != "json"}


def _store(request: Request) -> Store:
    return request.app.state.store


@router.get(
    "/events",
    response_model=models.EventPage,
    responses={
        200: {"content": _ALT, "description": "A page of events; `next` (and the `Link` header) continue it"},
        **ERROR_RESPONSES,
    },  # fmt: skip
    summary="Events matching every filter, in (event_date, event_id) order, undated last",
)
def list_events(
    request: Request,
    filters: Filters,
    fields: Annotated[
        str | None,
        Query(max_length=1000, pattern=FIELDS_PATTERN, description="Comma-separated record fields"),
    ] = None,  # noqa: E501
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size")] = 100,
    next: Annotated[str | None, Query(max_length=600, description="Token from the previous page")] = None,
    format: Annotated[Literal[FORMATS] | None, Query(description="Overrides the Accept header")] = None,
) -> Response:
    fmt = negotiate(format, request)
    names = parse_fields(fields)
    after = decode_cursor(next, filters.sort)
    store = _store(request)
    # a long NDJSON page: find its extent from the keys alone, then stream the records in batches
    # (a page of one batch is read at once: a second query would only cost time)
    streamed = fmt == "ndjson" and limit > STREAM_BATCH
    key_only = ["event_id"] if streamed else names
    rows, cursor = store.event_page(filters, fields=key_only, limit=limit, after=after)
    token = encode_cursor(filters.sort, *cursor) if cursor else None
    url = str(request.url.include_query_params(next=token)) if token else None
    if fmt == "ndjson":
        stream = (
            store.stream_events(filters, fields=names, limit=len(rows), after=after)
            if streamed
            else iter(rows)
        )
        return render(fmt, None, stream, names, token, url)
    return render(
        fmt, rows, None, names, token, url, str(request.url), f"{request.base_url}collections/events"
    )


def _segment(article: dict[str, Any] | None, start: int) -> dict[str, Any] | None:
    segs = article["segments"] if article is not None else []
    return next((g for g in segs if g["start"] <= start < g["end"]), None)


@router.get("/events/{event_id}", response_model=models.EventDetail, responses=ERROR_RESPONSES,
            summary="One event with its evidence placed in the article paragraphs")  # fmt: skip
def get_event(request: Request, event_id: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
    store = _store(request)
    rec = store.event(event_id)
    if rec is None:
        raise ApiError(404, "event_not_found", f"no event {event_id!r}")
    ids = list(dict.fromkeys([*(rec.get("article_ids") or []),
                              *(e["article_id"] for e in rec.get("evidence") or [])]))  # fmt: skip
    arts = {a: art for a in ids if (art := store.article(a)) is not None}
    for ev in rec.get("evidence") or []:
        art = arts.get(ev["article_id"])
        seg = _segment(art, ev["start"])
        ev["segment"] = seg
        ev["context"] = (
            art["text"][seg["start"] : seg["end"]] if art is not None and seg is not None else None
        )
    rec["articles"] = [
        {
            "article_id": a,
            "found": a in arts,
            **({k: arts[a][k] for k in ("title", "publisher", "published", "url")} if a in arts else {}),
        }  # fmt: skip
        for a in ids
    ]
    return rec


@router.get("/articles/{article_id}", response_model=models.Article, responses=ERROR_RESPONSES,
            summary="The stored article text, its segments, removed spans and the events citing it")  # fmt: skip
def get_article(request: Request, article_id: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
    store = _store(request)
    art = store.article(article_id)
    if art is None:
        raise ApiError(404, "article_not_found", f"no article {article_id!r}")
    text = art["text"]
    art["removed"] = [{**g, "text": text[g["start"] : g["end"]]} for g in art["segments"] if g["removed"]]
    art["events"] = store.citing_events(article_id)
    return art


@router.get("/aggregate", response_model=models.Aggregate, responses=ERROR_RESPONSES,
            summary="Event counts and fatalities per period (and group), over the same filters as /events")  # fmt: skip
def aggregate(
    request: Request,
    filters: Filters,
    by: Annotated[Literal[PERIODS], Query(description="Period; weeks start on Monday")] = "month",  # type: ignore[valid-type]
    group: Annotated[
        Literal[tuple(GROUPS)] | None,  # type: ignore[valid-type]
        Query(description="actor: each event under its actor1 and its actor2"),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Maximum buckets")] = 5000,
) -> dict[str, Any]:
    buckets, imprecise = _store(request).aggregate(filters, by, group, limit)
    return {"by": by, "group": group, "buckets": buckets[:limit], "truncated": len(buckets) > limit,
            "imprecise": imprecise}  # fmt: skip


@router.get("/actors", response_model=list[models.Actor], responses=ERROR_RESPONSES,
            summary="Actors in any role, by number of events, with knowledge-base details")  # fmt: skip
def list_actors(
    request: Request,
    q: Annotated[str | None, Query(max_length=128, description="Substring of the name")] = None,
    country: Annotated[str | None, Query(max_length=128)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[dict[str, Any]]:
    return summaries.actors(_store(request), request.app.state.kb, q, country, limit)


@router.get("/actors/{name:path}", response_model=models.ActorSummary, responses=ERROR_RESPONSES,
            summary="One actor's events over the /events filters: totals, by type and month, partners, places")  # fmt: skip
def get_actor(request: Request, filters: Filters, name: Annotated[str, Path(max_length=200)],
              top: Annotated[int, Query(ge=1, le=200, description="Longest list")] = 20) -> dict[str, Any]:  # fmt: skip
    out = summaries.actor(_store(request), request.app.state.kb, filters, name, top)
    if out is None:
        raise ApiError(404, "actor_not_found", f"no event of actor {name!r}")
    return out


@router.get("/places/{key:path}", response_model=models.PlaceSummary, responses=ERROR_RESPONSES,
            summary="One place's events (GeoNames id or name) over the /events filters")  # fmt: skip
def get_place(request: Request, filters: Filters, key: Annotated[str, Path(max_length=200)],
              top: Annotated[int, Query(ge=1, le=200, description="Longest list")] = 20) -> dict[str, Any]:  # fmt: skip
    out = _store(request).place_summary(filters, key, top)
    if out is None:
        raise ApiError(404, "place_not_found", f"no event at place {key!r}")
    return out


@router.get("/places", response_model=list[models.Place], responses=ERROR_RESPONSES,
            summary="Resolved places, by number of events")  # fmt: skip
def list_places(
    request: Request,
    q: Annotated[str | None, Query(max_length=128, description="Substring of location/admin names")] = None,
    country: Annotated[str | None, Query(max_length=128)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[dict[str, Any]]:
    return _store(request).places(q, country, limit)


@router.get("/claims", response_model=list[models.Claim], responses=ERROR_RESPONSES,
            summary="Whereabouts claims, oldest first, with their status across articles")  # fmt: skip
def list_claims(
    request: Request,
    subject: Annotated[str | None, Query(max_length=200, description="Actor the claims are about")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[dict[str, Any]]:
    return _store(request).claims(subject)[:limit]


@router.get("/drops", response_model=models.Drops, responses=ERROR_RESPONSES,
            summary="Event candidates that were not coded, with their reasons; counts by reason")  # fmt: skip
def list_drops(
    request: Request,
    article_id: Annotated[str | None, Query(max_length=200, description="Only this article's")] = None,
    reason: Annotated[Literal[tuple(DROP_REASONS)] | None, Query(description="Only this reason")] = None,  # type: ignore[valid-type]
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 1000,
) -> dict[str, Any]:
    store = _store(request)
    return {"drops": store.drops(article_id, reason, limit), "counts": store.drop_counts(article_id)}


@router.get("/changes", response_model=models.Changes, responses=ERROR_RESPONSES,
            summary="Event writes (created, updated) after a sequence number or instant")  # fmt: skip
def list_changes(
    request: Request,
    since: Annotated[
        str, Query(max_length=40, description="A `seq` from a previous call, or an ISO 8601 instant")
    ] = "0",  # noqa: E501
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 1000,
) -> dict[str, Any]:
    seq = since if re.fullmatch(r"[0-9]{1,18}", since) else None
    at = None if seq is not None else instant(since, "since")
    out = _store(request).changes(since_seq=int(seq) if seq is not None else None, since_at=at, limit=limit)
    return {"changes": out, "next": out[-1]["seq"] if out else (int(seq) if seq else 0)}


@router.get("/stats", response_model=models.Stats, summary="Counts and value lists (for filter menus)")
def stats(request: Request) -> dict[str, Any]:
    return _store(request).stats()


@router.get("/health", include_in_schema=False)
def health() -> dict[str, str]:
    return {"status": "ok"}


router.include_router(ogc.router)  # /ogc, /conformance, /collections…
