"""Event pages as JSON, NDJSON (streamed), CSV (ACLED columns), GeoJSON or Parquet."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from ..export import CSV_COLUMNS, feature_collection, write_events
from .errors import ApiError

FORMATS = ("json", "ndjson", "csv", "geojson", "parquet")
MEDIA = {
    "json": "application/json",
    "ndjson": "application/x-ndjson",
    "csv": "text/csv; charset=utf-8",
    "geojson": "application/geo+json",
    "parquet": "application/vnd.apache.parquet",
}
_ACCEPT = {
    "application/x-ndjson": "ndjson", "application/jsonl": "ndjson", "application/ndjson": "ndjson",
    "text/csv": "csv", "application/geo+json": "geojson", "application/vnd.apache.parquet": "parquet",
    "application/x-parquet": "parquet", "application/json": "json",
}  # fmt: skip


def negotiate(fmt: str | None, request: Request) -> str:
    """``format=`` wins; otherwise the first Accept media type we serve; JSON by default."""
    if fmt:
        return fmt
    for part in request.headers.get("accept", "").split(","):
        media = part.split(";")[0].strip().lower()
        if media in _ACCEPT:
            return _ACCEPT[media]
    return "json"


def _jsonable(rows: Iterable[dict[str, Any]], batch: int = 1000) -> Iterator[bytes]:
    """NDJSON in chunks of ``batch`` lines (the store's page size). Starlette runs a sync iterator
    one ``next()`` per worker-thread hop: a chunk per row made every row wait for a thread and the
    event loop behind every other client's (20 clients: p99 x22 of alone; per page: see bench_api)."""
    lines: list[str] = []
    for r in rows:
        lines.append(json.dumps(r, ensure_ascii=False))
        if len(lines) >= batch:
            yield ("\n".join(lines) + "\n").encode()
            lines = []
    if lines:
        yield ("\n".join(lines) + "\n").encode()


def geojson(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The export's FeatureCollection (one builder: unplaced events with null geometry)."""
    return feature_collection(rows)


def ogc_links(
    self_url: str | None, next_url: str | None, collection_url: str | None = None
) -> list[dict[str, str]]:
    """OGC API Features' ``links`` list of a GeoJSON page: self, next (when there is one), collection."""
    geo, js = MEDIA["geojson"], MEDIA["json"]
    links = [
        ("self", self_url, geo, "this page"),
        ("next", next_url, geo, "the next page"),
        ("collection", collection_url, js, "the events collection"),
    ]
    return [{"href": h, "rel": rel, "type": t, "title": title} for rel, h, t, title in links if h]


def parquet(rows: list[dict[str, Any]], fields: list[str] | None) -> bytes:
    """The export's typed columns (``frame.write_parquet``, as ``dateline export --format parquet``):
    ACLED's first, then Dateline's; ``fields`` keeps those of them (in the export's order)."""
    from ..frame import write_parquet

    columns = None
    if fields is not None:
        absent = [f for f in fields if f not in CSV_COLUMNS]
        if absent:
            raise ApiError(
                422,
                "fields_not_supported",
                f"format=parquet has the export columns; not {', '.join(absent)} (use JSON)",
            )
        columns = [c for c in CSV_COLUMNS if c in fields]
    buf = io.BytesIO()
    write_parquet(rows, buf, columns=columns)
    return buf.getvalue()


def render(
    fmt: str,
    rows: list[dict[str, Any]] | None,
    stream: Iterator[dict[str, Any]] | None,
    fields: list[str] | None,
    next_token: str | None,
    next_url: str | None,
    self_url: str | None = None,
    collection_url: str | None = None,
) -> Response:
    headers = {"Link": f'<{next_url}>; rel="next"', "X-Next-Token": next_token or ""} if next_url else {}
    if fmt == "ndjson":
        assert stream is not None
        return StreamingResponse(_jsonable(stream), media_type=MEDIA[fmt], headers=headers)
    assert rows is not None
    if fmt == "json":
        body = {"events": rows, "count": len(rows), "next": next_token, "links": {"next": next_url}}
        return JSONResponse(body, headers=headers)
    if fmt == "geojson":
        body = {**geojson(rows), "numberReturned": len(rows), "next": next_token,
                "links": ogc_links(self_url, next_url, collection_url)}  # fmt: skip
        return JSONResponse(body, media_type=MEDIA[fmt], headers=headers)
    if fmt == "csv":
        if fields is not None:
            raise ApiError(
                422, "fields_not_supported", "format=csv always has the ACLED columns; drop fields="
            )
        out = io.StringIO()
        write_events(rows, "csv", out)
        return Response(out.getvalue(), media_type=MEDIA[fmt], headers=headers)
    return Response(parquet(rows, fields), media_type=MEDIA[fmt], headers=headers)
