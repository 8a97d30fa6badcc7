"""SQL for the API: event filters, keyset pages, aggregates, actors, places, changes.

On SQLite the bounding box and date range go through the ``event_rtree`` R*Tree and ``q`` through
the ``event_fts`` FTS5 index (both kept by triggers, see ``store.py``); on other databases they fall
back to plain column comparisons and ``ILIKE``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, date, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Select,
    bindparam,
    func,
    literal_column,
    or_,
    select,
    text,
    tuple_,
)
from sqlalchemy.exc import OperationalError

from ..resolve.actors import load_kb
from ..store import SCALAR_FIELDS, EventRow
from .params import CERTAINTY, EventFilters

E = EventRow.__table__.c
_DAY = "CAST(julianday(:{}) - 2440587.5 AS INTEGER)"
DENSE = 20_000  # R*Tree hits above which the date index drives the query


def _ci(col: Any, value: str) -> ColumnElement[bool]:
    return func.lower(col) == value.strip().lower()


def _like(value: str) -> str:
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _actor(value: str) -> ColumnElement[bool]:
    """Any role; an alias in the knowledge base also matches its canonical name (and a generic
    ``{country}`` template matches every country's instance)."""
    patterns = {_like(value)}
    entry = load_kb().lookup(value)
    if entry is not None:
        patterns.add(_like(entry.name).replace("{country}", "%") if entry.template else _like(entry.name))
    cols = (E.actor1, E.actor2, E.assoc_actor_1, E.assoc_actor_2)
    return or_(*(c.ilike(p, escape="\\") for c in cols for p in patterns))


def _fts(q: str) -> str | None:
    words = re.findall(r"\w+", q)
    return " AND ".join(f'"{w}"*' for w in words[:20]) or None


def _rtree(f: EventFilters, select_: str) -> tuple[str, dict[str, Any]]:
    assert f.bbox is not None
    w, s, e, n = f.bbox
    lon = "r.max_lon >= :w AND r.min_lon <= :e" if w <= e else "(r.max_lon >= :w OR r.min_lon <= :e)"
    join = " JOIN event_keys k ON k.k = r.k" if "k." in select_ else ""
    sql = f"SELECT {select_} FROM event_rtree r{join} WHERE {lon}"
    sql += " AND r.max_lat >= :s AND r.min_lat <= :n"
    params: dict[str, Any] = {"w": w, "s": s, "e": e, "n": n}
    if f.since:
        sql += f" AND r.max_day >= {_DAY.format('d0')}"
        params["d0"] = f.since
    if f.until:
        sql += f" AND r.min_day <= {_DAY.format('d1')}"
        params["d1"] = f.until
    return sql, params


def _dense(conn: Connection, f: EventFilters) -> bool:
    """Whether the box and dates hold many events: then walking the date index and testing the box
    finds a page sooner than sorting every R*Tree hit."""
    if f.bbox is None:
        return False
    sql, params = _rtree(f, "1")
    return conn.execute(text(f"SELECT count(*) FROM ({sql} LIMIT {DENSE})"), params).scalar_one() >= DENSE


def _floor(conn: Connection, since: str) -> str | None:
    """``since`` minus the longest stored event span: a lower bound on event_date the index can use."""
    try:
        span = conn.execute(text("SELECT value FROM event_stats WHERE name = 'max_span_days'")).scalar()
    except OperationalError:
        return None
    return None if span is None else (date.fromisoformat(since) - timedelta(days=int(span))).isoformat()


def _sqlite_ids(f: EventFilters, rtree: bool) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if f.bbox is not None and rtree:
        sql, params = _rtree(f, "k.event_id")
        out.append(E.event_id.in_(text(sql).bindparams(**params)))
    match = _fts(f.q) if f.q else None
    if match:
        sql = "SELECT k.event_id FROM event_fts f JOIN event_keys k ON k.k = f.rowid WHERE event_fts MATCH :m"
        out.append(E.event_id.in_(text(sql).bindparams(m=match)))
    return out


def conditions(conn: Connection, f: EventFilters, rtree: bool = True) -> list[ColumnElement[bool]]:
    """WHERE terms for ``f`` (all must hold); on SQLite the box also goes through the R*Tree if ``rtree``."""
    dialect = conn.dialect.name
    c: list[ColumnElement[bool]] = []
    if f.since:
        c.append(func.coalesce(E.event_date_end, E.event_date) >= f.since)
        floor = _floor(conn, f.since) if dialect == "sqlite" else None
        if floor:
            c.append(E.event_date >= floor)
    if f.until:
        c.append(E.event_date <= f.until)
    if f.country:
        c.append(or_(_ci(E.country, f.country), E.iso3 == f.country.strip().upper()))
    for col, value in ((E.admin1, f.admin1), (E.event_type, f.event_type),
                       (E.sub_event_type, f.sub_event_type), (E.plover_type, f.plover_type),
                       (E.cameo_root, f.cameo_root)):  # fmt: skip
        if value:
            c.append(_ci(col, value))
    if f.actor:
        c.append(_actor(f.actor))
    if f.bbox is not None:
        w, s, e, n = f.bbox
        lon = E.longitude.between(w, e) if w <= e else or_(E.longitude >= w, E.longitude <= e)
        c += [lon, E.latitude.between(s, n)]
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
    if f.updated_since is not None:  # SQLite keeps naive UTC datetimes
        at = f.updated_since.astimezone(UTC)
        c.append(E.updated_at >= (at.replace(tzinfo=None) if dialect == "sqlite" else at))
    if dialect == "sqlite":
        c += _sqlite_ids(f, rtree)
    elif f.q:
        words = re.findall(r"\w+", f.q)
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
        c += [or_(*(col.ilike(_like(w), escape="\\") for col in cols)) for w in words[:20]]
    return c


def _columns(fields: list[str] | None) -> tuple[list[Any], bool]:
    """Columns to select, and whether the JSON record is needed."""
    if fields is not None and all(f in SCALAR_FIELDS for f in fields):
        names = dict.fromkeys(["event_id", "event_date", *fields])
        return [E[n] for n in names], False
    return [E.event_id, E.event_date, E.record], True


def _row_dict(row: Any, whole: bool, fields: list[str] | None) -> dict[str, Any]:
    rec = json.loads(row.record) if whole else dict(row._mapping)
    return {f: rec.get(f) for f in fields} if fields is not None else rec


def _after(q: Select[Any], after: tuple[str | None, str] | None) -> Select[Any]:
    if after is None:
        return q
    return q.where(
        tuple_(E.event_date, E.event_id) > tuple_(bindparam("d", after[0]), bindparam("i", after[1]))
    )


def _boxed(conn: Connection, f: EventFilters, cols: list[Any], where: list[Any], limit: int,
           after: tuple[str | None, str] | None) -> list[Any] | None:  # fmt: skip
    """Dated rows in a bounding box: R*Tree hits in day order, a growing prefix of whole days at a
    time, so only about a page of events is looked up. None when the prefix grows too long."""
    sql, params = _rtree(f, "r.k, r.min_day")
    if after is not None and after[0] is not None:
        sql += f" AND r.min_day >= {_DAY.format('ad')}"
        params["ad"] = after[0]
    sql = f"SELECT c.min_day AS day, k.event_id AS id FROM ({sql} ORDER BY r.min_day LIMIT :m) c"
    sql += " JOIN event_keys k ON k.k = c.k ORDER BY c.min_day"
    m = 4 * (limit + 1)
    while m <= 4 * DENSE:
        cand = conn.execute(text(sql), {**params, "m": m}).all()
        complete = len(cand) < m
        ids = [c.id for c in cand if complete or c.day < cand[-1].day]  # whole days only
        q = _after(select(*cols).where(*where, E.event_id.in_(ids), E.event_date.is_not(None)), after)
        rows = list(conn.execute(q.order_by(E.event_date, E.event_id).limit(limit + 1)))
        if complete or len(rows) > limit:
            return rows
        m *= 4
    return None


def event_page(
    engine: Engine,
    f: EventFilters,
    *,
    fields: list[str] | None,
    limit: int,
    after: tuple[str | None, str] | None,
) -> tuple[list[dict[str, Any]], tuple[str | None, str] | None]:
    """One page in (event_date, event_id) order, undated events last; and the next page's key."""
    cols, whole = _columns(fields)
    dated = after is None or after[0] is not None
    rows: list[Any] | None = None
    with engine.connect() as conn:
        sqlite_box = engine.dialect.name == "sqlite" and f.bbox is not None
        dense = sqlite_box and _dense(conn, f)
        where = conditions(conn, f, rtree=not dense)
        if dated and sqlite_box and not dense:
            rows = _boxed(conn, f, cols, conditions(conn, f, rtree=False), limit, after)
        if dated and rows is None:
            q = _after(select(*cols).where(*where, E.event_date.is_not(None)), after)
            rows = list(conn.execute(q.order_by(E.event_date, E.event_id).limit(limit + 1)))
        rows = rows or []
        if len(rows) <= limit and not (f.since or f.until):
            q = select(*cols).where(*where, E.event_date.is_(None))
            if after is not None and after[0] is None:
                q = q.where(E.event_id > after[1])
            rows += conn.execute(q.order_by(E.event_id).limit(limit + 1 - len(rows)))
    more = len(rows) > limit
    rows = rows[:limit]
    nxt = (rows[-1].event_date, rows[-1].event_id) if more and rows else None
    return [_row_dict(r, whole, fields) for r in rows], nxt


def stream_events(engine: Engine, f: EventFilters, fields: list[str] | None, limit: int,
                  after: tuple[str | None, str] | None) -> Iterator[dict[str, Any]]:  # fmt: skip
    """The same rows as :func:`event_page`, yielded in batches (for NDJSON)."""
    left, cursor = limit, after
    while left > 0:
        batch, cursor = event_page(engine, f, fields=fields, limit=min(left, 1000), after=cursor)
        yield from batch
        left -= len(batch)
        if cursor is None:
            return


__all__ = ["E", "conditions", "event_page", "stream_events"]
