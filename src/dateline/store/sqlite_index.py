"""SQLite only: the R*Tree and FTS5 indexes over events, and every query that uses them.

``event_rtree`` holds (longitude, latitude, day range) and ``event_fts`` the notes, actors and places
of each event, both keyed by ``event_keys.k`` and kept current by triggers on ``events``, whoever
writes. ``event_stats`` keeps the longest event date span, which turns "ends on or after X" into an
index range on ``event_date``. Other databases use plain column comparisons instead (``filters``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, text
from sqlalchemy.exc import OperationalError

from .schema import EventRow

E = EventRow.__table__.c
DENSE = 20_000  # R*Tree hits above which the date index drives a bbox query
Box = tuple[float, float, float, float]


def day(expr: str) -> str:
    """SQL for the day number (days since 1970-01-01) of an ISO date expression or bind parameter."""
    return f"CAST(julianday({expr}) - 2440587.5 AS INTEGER)"


# -- DDL: tables, triggers and the one-off indexing of files written before them ---------------------


def _index_rows(e: str, where: str) -> tuple[str, str]:
    """INSERT … SELECT statements adding the R*Tree and FTS rows of events ``e`` (a row alias)."""

    def cat(*cols: str) -> str:
        return " || ' ' || ".join(f"coalesce({e}.{c}, '')" for c in cols)

    rtree = (
        f"INSERT INTO event_rtree SELECT k.k, {e}.longitude, {e}.longitude, {e}.latitude, {e}.latitude,"
        f" coalesce({day(f'{e}.event_date')}, 0),"
        f" coalesce({day(f'coalesce({e}.event_date_end, {e}.event_date)')}, 0)"
        f" {where} AND {e}.latitude IS NOT NULL AND {e}.longitude IS NOT NULL"
    )
    fts = (
        f"INSERT INTO event_fts (rowid, notes, actors, place) SELECT k.k, coalesce({e}.notes, ''),"
        f" {cat('actor1', 'assoc_actor_1', 'actor2', 'assoc_actor_2')},"
        f" {cat('location', 'admin2', 'admin1', 'country', 'iso3')} {where}"
    )
    return rtree, fts


_SPAN = "CAST(julianday(coalesce({e}.event_date_end, {e}.event_date)) - julianday({e}.event_date) AS INTEGER)"
# The longest [event_date, event_date_end] span, in days (never lowered).
_MAX_SPAN = (
    "INSERT INTO event_stats (name, value) SELECT 'max_span_days', coalesce(max({span}), 0) {src}"
    " ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)"
)
_NEW = _index_rows("new", "FROM event_keys k WHERE k.event_id = new.event_id")
_ALL = _index_rows("e", "FROM events e JOIN event_keys k ON k.event_id = e.event_id WHERE 1")
_ADD = (
    "INSERT OR IGNORE INTO event_keys (event_id) VALUES (new.event_id); "
    + "; ".join(_NEW)
    + "; "
    + _MAX_SPAN.format(span=_SPAN.format(e="new"), src="WHERE true")
    + ";"
)
_OLD_KEY = "(SELECT k FROM event_keys WHERE event_id = old.event_id)"
_DROP = f"DELETE FROM event_rtree WHERE k = {_OLD_KEY}; DELETE FROM event_fts WHERE rowid = {_OLD_KEY};"
DDL: tuple[str, ...] = (
    "CREATE TABLE IF NOT EXISTS event_keys (k INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE)",
    "CREATE TABLE IF NOT EXISTS event_stats (name TEXT PRIMARY KEY, value INTEGER NOT NULL)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS event_rtree USING rtree(k, min_lon, max_lon, min_lat, max_lat,"
    " min_day, max_day)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS event_fts USING fts5(notes, actors, place,"
    " tokenize = 'unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER IF NOT EXISTS events_ix_ai AFTER INSERT ON events BEGIN {_ADD} END",
    f"CREATE TRIGGER IF NOT EXISTS events_ix_au AFTER UPDATE ON events BEGIN {_DROP} {_ADD} END",
    f"CREATE TRIGGER IF NOT EXISTS events_ix_ad AFTER DELETE ON events BEGIN {_DROP}"
    " DELETE FROM event_keys WHERE event_id = old.event_id; END",
)
# For files written before the triggers existed: index every event once.
BACKFILL: tuple[str, ...] = (
    "INSERT OR IGNORE INTO event_keys (event_id) SELECT event_id FROM events",
    "DELETE FROM event_rtree",
    "DELETE FROM event_fts",
    *_ALL,
    _MAX_SPAN.format(span=_SPAN.format(e="e"), src="FROM events e WHERE true"),
)


def install(conn: Connection) -> None:
    """Create the indexes and triggers if missing; index existing events when the triggers are new."""
    had = conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'events_ix_ad'").first()
    for ddl in DDL:
        conn.exec_driver_sql(ddl)
    if had is None:
        for ddl in BACKFILL:
            conn.exec_driver_sql(ddl)


# -- queries -------------------------------------------------------------------------------------------


def fts_match(q: str) -> str | None:
    """An FTS5 MATCH expression: every word (at most 20) as a prefix, all required."""
    words = re.findall(r"\w+", q)
    return " AND ".join(f'"{w}"*' for w in words[:20]) or None


def rtree_sql(bbox: Box, since: str | None, until: str | None, select_: str) -> tuple[str, dict[str, Any]]:
    """``SELECT select_ FROM event_rtree r`` over a box (``w > e`` crosses the antimeridian) and dates."""
    w, s, e, n = bbox
    lon = "r.max_lon >= :w AND r.min_lon <= :e" if w <= e else "(r.max_lon >= :w OR r.min_lon <= :e)"
    join = " JOIN event_keys k ON k.k = r.k" if "k." in select_ else ""
    sql = f"SELECT {select_} FROM event_rtree r{join} WHERE {lon}"
    sql += " AND r.max_lat >= :s AND r.min_lat <= :n"
    params: dict[str, Any] = {"w": w, "s": s, "e": e, "n": n}
    if since:
        sql += f" AND r.max_day >= {day(':d0')}"
        params["d0"] = since
    if until:
        sql += f" AND r.min_day <= {day(':d1')}"
        params["d1"] = until
    return sql, params


def is_dense(conn: Connection, bbox: Box, since: str | None, until: str | None) -> bool:
    """Whether the box and dates hold many events: then walking the date index and testing the box
    finds a page sooner than sorting every R*Tree hit."""
    sql, params = rtree_sql(bbox, since, until, "1")
    return conn.execute(text(f"SELECT count(*) FROM ({sql} LIMIT {DENSE})"), params).scalar_one() >= DENSE


def date_floor(conn: Connection, since: str) -> str | None:
    """``since`` minus the longest stored event span: a lower bound on event_date the index can use."""
    try:
        span = conn.execute(text("SELECT value FROM event_stats WHERE name = 'max_span_days'")).scalar()
    except OperationalError:
        return None
    if span is None:
        return None
    try:
        return (date.fromisoformat(since) - timedelta(days=int(span))).isoformat()
    except OverflowError:  # before year 1: every dated event may still end after ``since``
        return None


def index_conditions(bbox: Box | None, since: str | None, until: str | None, q: str | None,
                     rtree: bool) -> list[ColumnElement[bool]]:  # fmt: skip
    """``event_id IN (…)`` terms: the box through the R*Tree (if ``rtree``), ``q`` through FTS5."""
    out: list[ColumnElement[bool]] = []
    if bbox is not None and rtree:
        sql, params = rtree_sql(bbox, since, until, "k.event_id")
        out.append(E.event_id.in_(text(sql).bindparams(**params)))
    match = fts_match(q) if q else None
    if match:
        sql = "SELECT k.event_id FROM event_fts f JOIN event_keys k ON k.k = f.rowid WHERE event_fts MATCH :m"
        out.append(E.event_id.in_(text(sql).bindparams(m=match)))
    return out


def boxed_rows(conn: Connection, bbox: Box, since: str | None, until: str | None, limit: int,
               after_date: str | None, page: Callable[[list[str]], Sequence[Any]]) -> list[Any] | None:  # fmt: skip
    """Dated rows in a bounding box: R*Tree hits in day order, a growing prefix of whole days at a
    time, so only about a page of events is looked up (``page(ids)`` fetches up to ``limit + 1`` rows
    among those ids, after the cursor). None when the prefix grows too long."""
    sql, params = rtree_sql(bbox, since, until, "r.k, r.min_day")
    if after_date is not None:
        sql += f" AND r.min_day >= {day(':ad')}"
        params["ad"] = after_date
    sql = f"SELECT c.min_day AS day, k.event_id AS id FROM ({sql} ORDER BY r.min_day LIMIT :m) c"
    sql += " JOIN event_keys k ON k.k = c.k ORDER BY c.min_day"
    m = 4 * (limit + 1)
    while m <= 4 * DENSE:
        cand = conn.execute(text(sql), {**params, "m": m}).all()
        complete = len(cand) < m
        ids = [c.id for c in cand if complete or c.day < cand[-1].day]  # whole days only
        rows = list(page(ids))
        if complete or len(rows) > limit:
            return rows
        m *= 4
    return None
