"""Reads over the events through the one filter path: keyset pages, the full list, aggregates,
place and actor counts, the changes feed and the value lists behind ``/stats``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, Select, bindparam, func, or_, select, tuple_
from sqlalchemy.orm import Session

from . import sqlite_index
from .filters import ActorNames, EventFilters, ci_contains, conditions, country_is, like_pattern
from .schema import SCALAR_FIELDS, ChangeRow, EventRow, RedirectRow

E = EventRow.__table__.c
Cursor = tuple[Any, str]  # (sort key, event_id) of the last row of a page; the key None: keyless rows
#: The column each ``sort`` orders by (``timestamp``: when the store last wrote the event).
SORT_COLUMNS = {"event_date": E.event_date, "fatalities": E.fatalities, "timestamp": E.timestamp}


def _columns(fields: list[str] | None, key: Any) -> tuple[list[Any], bool]:
    """Columns to select (the sort key as ``sort_key``), and whether the JSON record is needed."""
    if fields is not None and all(f in SCALAR_FIELDS for f in fields):
        names = dict.fromkeys(["event_id", "event_date", *fields])
        return [*(E[n] for n in names), key.label("sort_key")], False
    return [E.event_id, E.event_date, E.record, key.label("sort_key")], True


def _row_dict(row: Any, whole: bool, fields: list[str] | None) -> dict[str, Any]:
    rec = json.loads(row.record) if whole else dict(row._mapping)
    return {f: rec.get(f) for f in fields} if fields is not None else rec


def _after(q: Select[Any], after: Cursor | None, key: Any = E.event_date, desc: bool = False) -> Select[Any]:
    if after is None:
        return q
    here = tuple_(key, E.event_id)
    there = tuple_(bindparam("d", after[0], type_=key.type), bindparam("i", after[1]))
    return q.where(here < there if desc else here > there)


def _sorted(q: Select[Any], key: Any, desc: bool) -> Select[Any]:
    return q.order_by(key.desc(), E.event_id.desc()) if desc else q.order_by(key, E.event_id)


def event_page(engine: Engine, f: EventFilters, *, fields: list[str] | None, limit: int, after: Cursor | None,
               actor_names: ActorNames | None = None) -> tuple[list[dict[str, Any]], Cursor | None]:  # fmt: skip
    """One page in ``f.sort`` order (default (event_date, event_id)), rows without the sort key last
    (by event_id); and the next page's key."""
    desc, name = f.sort.startswith("-"), f.sort.lstrip("-")
    key = SORT_COLUMNS[name]
    cols, whole = _columns(fields, key)
    dated = after is None or after[0] is not None
    rows: list[Any] | None = None
    with engine.connect() as conn:
        # the R*Tree walk runs in day order: for the default sort only
        sqlite_box = engine.dialect.name == "sqlite" and f.bbox is not None and f.sort == "event_date"
        dense = sqlite_box and sqlite_index.is_dense(conn, f.bbox, f.since, f.until)  # type: ignore[arg-type]
        where = conditions(conn, f, rtree=not dense, actor_names=actor_names)
        if dated and sqlite_box and not dense:
            plain = conditions(conn, f, rtree=False, actor_names=actor_names)

            def page(ids: list[str]) -> list[Any]:
                q = select(*cols).where(*plain, E.event_id.in_(ids), E.event_date.is_not(None))
                return list(
                    conn.execute(_after(q, after).order_by(E.event_date, E.event_id).limit(limit + 1))
                )

            after_date = after[0] if after is not None else None
            rows = sqlite_index.boxed_rows(conn, f.bbox, f.since, f.until, limit, after_date, page)  # type: ignore[arg-type]
        if dated and rows is None:
            q = _after(select(*cols).where(*where, key.is_not(None)), after, key, desc)
            rows = list(conn.execute(_sorted(q, key, desc).limit(limit + 1)))
        rows = rows or []
        # undated events match no date filter: no need to look for them then
        if len(rows) <= limit and not (name == "event_date" and (f.since or f.until)):
            q = select(*cols).where(*where, key.is_(None))
            if after is not None and after[0] is None:
                q = q.where(E.event_id > after[1])
            rows += conn.execute(q.order_by(E.event_id).limit(limit + 1 - len(rows)))
    more = len(rows) > limit
    rows = rows[:limit]
    nxt = (rows[-1].sort_key, rows[-1].event_id) if more and rows else None
    return [_row_dict(r, whole, fields) for r in rows], nxt


def stream_events(engine: Engine, f: EventFilters, fields: list[str] | None, limit: int | None,
                  after: Cursor | None, actor_names: ActorNames | None = None) -> Iterator[dict[str, Any]]:  # fmt: skip
    """The same rows as :func:`event_page`, page after page (``limit`` None: all of them)."""
    left, cursor = limit, after
    while left is None or left > 0:
        size = 1000 if left is None else min(left, 1000)
        batch, cursor = event_page(
            engine, f, fields=fields, limit=size, after=cursor, actor_names=actor_names
        )
        yield from batch
        if left is not None:
            left -= len(batch)
        if cursor is None:
            return


def actor_counts(engine: Engine, q: str | None, country: str | None, limit: int) -> list[tuple[str, int]]:
    """Actor names in any role with their number of events, most frequent first."""
    parts = []
    for col in (E.actor1, E.actor2, E.assoc_actor_1, E.assoc_actor_2):
        s = select(col.label("name"), E.event_id).where(col.is_not(None), col != "")
        if country:
            s = s.where(country_is(country))
        parts.append(s)
    u = parts[0].union_all(*parts[1:]).subquery()
    stmt = select(u.c.name, func.count(func.distinct(u.c.event_id)).label("n")).group_by(u.c.name)
    if q:
        stmt = stmt.where(ci_contains(u.c.name, like_pattern(q)))
    stmt = stmt.order_by(func.count(func.distinct(u.c.event_id)).desc(), u.c.name).limit(limit)
    with engine.connect() as conn:
        return [(name, n) for name, n in conn.execute(stmt)]


def places(engine: Engine, q: str | None, country: str | None, limit: int) -> list[dict[str, Any]]:
    """Resolved places with their mean coordinates and number of events, most frequent first."""
    cols = (E.country, E.iso3, E.admin1, E.admin2, E.location, E.geonameid)
    stmt = select(*cols, func.avg(E.latitude).label("lat"), func.avg(E.longitude).label("lon"),
                  func.count().label("n"), func.min(E.geo_precision).label("prec"))  # fmt: skip
    stmt = stmt.where(E.location.is_not(None))
    if country:
        stmt = stmt.where(country_is(country))
    if q:
        pattern = like_pattern(q)
        stmt = stmt.where(or_(*(ci_contains(c, pattern) for c in (E.location, E.admin1, E.admin2))))
    stmt = stmt.group_by(*cols).order_by(func.count().desc(), E.location).limit(limit)
    with engine.connect() as conn:
        return [
            {
                "location": r.location,
                "admin2": r.admin2,
                "admin1": r.admin1,
                "country": r.country,
                "iso3": r.iso3,
                "geonameid": r.geonameid,
                "latitude": r.lat,
                "longitude": r.lon,
                "geo_precision": r.prec,
                "events": r.n,
            }  # fmt: skip
            for r in conn.execute(stmt)
        ]


def iso(at: datetime) -> str:
    """ISO 8601 in UTC (SQLite hands back naive datetimes; they were written in UTC)."""
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).isoformat()


def changes(
    engine: Engine, *, since_seq: int | None, since_at: datetime | None, limit: int
) -> list[dict[str, Any]]:
    """Change rows after ``since_seq`` or at/after ``since_at`` (UTC), oldest first."""
    q = select(ChangeRow).order_by(ChangeRow.seq).limit(limit)
    if since_seq is not None:
        q = q.where(ChangeRow.seq > since_seq)
    if since_at is not None:  # stored naive, in UTC
        q = q.where(ChangeRow.at >= since_at.astimezone(UTC).replace(tzinfo=None))
    with Session(engine) as s:
        return [
            {"seq": c.seq, "event_id": c.event_id, "kind": c.kind, "into": c.into_id, "at": iso(c.at)}
            for c in s.scalars(q)
        ]


def value_counts(engine: Engine) -> dict[str, Any]:
    """First and last event date, events per type and per country (at most 300 countries)."""
    with engine.connect() as conn:
        first, last = conn.execute(select(func.min(E.event_date), func.max(E.event_date))).one()
        types = conn.execute(
            select(E.event_type, func.count()).group_by(E.event_type).order_by(func.count().desc())
        )
        countries = conn.execute(
            select(E.country, func.count()).group_by(E.country).order_by(func.count().desc()).limit(300)
        )
        return {
            "first_date": first, "last_date": last,
            "event_types": {t or "": n for t, n in types}, "countries": {c or "": n for c, n in countries},
        }  # fmt: skip


def event(engine: Engine, event_id: str) -> dict[str, Any] | None:
    """The event record, following a redirect: an id absorbed by a merge gives its event."""
    with Session(engine) as s:
        row = s.get(EventRow, event_id)
        if row is None and (redirect := s.get(RedirectRow, event_id)) is not None:
            row = s.get(EventRow, redirect.event_id)
        return None if row is None else json.loads(row.record)
