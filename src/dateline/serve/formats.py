"""Event pages as JSON, NDJSON (streamed), CSV (ACLED columns), GeoJSON or Parquet."""

from __future__ import annotations

import io
import json
import types
import typing
from collections.abc import Iterable, Iterator
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from ..export import EVENT_FIELDS, write_events
from ..records import Event
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
    feats = []
    for r in rows:
        lat, lon = r.get("latitude"), r.get("longitude")
        props = {k: v for k, v in r.items() if k != "evidence"}
        if "evidence" in r:
            props["evidence_count"] = len(r["evidence"] or [])
        geom = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
        feats.append({"type": "Feature", "id": r.get("event_id"), "geometry": geom, "properties": props})
    return {"type": "FeatureCollection", "features": feats}


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


def _arrow_type(hint: Any) -> Any:
    """A Parquet column type from an ``Event`` field's hint (as ``store.schema`` derives the row):
    int, float, list[str]; anything else is text."""
    import pyarrow as pa

    if isinstance(hint, types.UnionType):  # X | None → X
        hint = next(a for a in typing.get_args(hint) if a is not type(None))
    if hint == list[str]:
        return pa.list_(pa.string())
    return {int: pa.int64(), float: pa.float64()}.get(hint, pa.string())


def parquet(rows: list[dict[str, Any]], fields: list[str] | None) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    names = fields or EVENT_FIELDS
    hints = typing.get_type_hints(Event)
    schema = pa.schema([(n, _arrow_type(hints[n])) for n in names])
    # lists of objects (evidence, claims): JSON text
    nested = {n for n in names if typing.get_origin(hints[n]) is list and hints[n] != list[str]}
    cols: dict[str, list[Any]] = {n: [] for n in names}
    for r in rows:
        for n in names:
            v = r.get(n)
            cols[n].append(json.dumps(v, ensure_ascii=False) if n in nested and v is not None else v)
    buf = io.BytesIO()
    pq.write_table(pa.Table.from_pydict(cols, schema=schema), buf, compression="zstd")
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
