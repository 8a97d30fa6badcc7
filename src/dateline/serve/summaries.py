"""Summaries over the events: counts per period and group, actors, places."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Date, Engine, Select, cast, func, literal_column, or_, select

from ..resolve.actors import load_kb
from .params import EventFilters
from .queries import E, _ci, _like, conditions

_PERIOD_SQLITE = {
    "day": E.event_date,
    "week": func.date(E.event_date, "-6 days", "weekday 1"),
    "month": func.substr(E.event_date, 1, 7).concat("-01"),
}
GROUPS = {"country": E.country, "admin1": E.admin1, "event_type": E.event_type}


def aggregate_stmt(dialect: str, by: str, group: str | None, limit: int) -> Select[Any]:
    if dialect == "sqlite":
        period: Any = _PERIOD_SQLITE[by]
    else:
        period = func.to_char(func.date_trunc(by, cast(E.event_date, Date)), "YYYY-MM-DD")
    g = GROUPS[group] if group else literal_column("NULL")
    cols = (period.label("period"), g.label("grp"), func.count().label("n"),
            func.coalesce(func.sum(E.fatalities), 0).label("dead"))  # fmt: skip
    return (
        select(*cols)
        .where(E.event_date.is_not(None))
        .group_by(period, g)
        .order_by(period, g)
        .limit(limit + 1)
    )


def aggregate(
    engine: Engine, f: EventFilters, by: str, group: str | None, limit: int
) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        q = aggregate_stmt(engine.dialect.name, by, group, limit).where(*conditions(conn, f))
        return [
            {"period": r.period, "group": r.grp, "events": r.n, "fatalities": int(r.dead)}
            for r in conn.execute(q)
        ]


def actors(engine: Engine, q: str | None, country: str | None, limit: int) -> list[dict[str, Any]]:
    parts = []
    for col in (E.actor1, E.actor2, E.assoc_actor_1, E.assoc_actor_2):
        s = select(col.label("name"), E.event_id).where(col.is_not(None), col != "")
        if country:
            s = s.where(or_(_ci(E.country, country), E.iso3 == country.strip().upper()))
        parts.append(s)
    u = parts[0].union_all(*parts[1:]).subquery()
    stmt = select(u.c.name, func.count(func.distinct(u.c.event_id)).label("n")).group_by(u.c.name)
    if q:
        stmt = stmt.where(u.c.name.ilike(_like(q), escape="\\"))
    stmt = stmt.order_by(func.count(func.distinct(u.c.event_id)).desc(), u.c.name).limit(limit)
    kb = load_kb()
    out = []
    with engine.connect() as conn:
        for name, n in conn.execute(stmt):
            entry = kb.lookup(name)
            out.append({
                "name": name, "events": n,
                "kind": entry.kind if entry else None, "inter": entry.inter if entry else None,
                "aliases": list(entry.aliases) if entry else [],
            })  # fmt: skip
    return out


def places(engine: Engine, q: str | None, country: str | None, limit: int) -> list[dict[str, Any]]:
    cols = (E.country, E.iso3, E.admin1, E.admin2, E.location, E.geonameid)
    stmt = select(*cols, func.avg(E.latitude).label("lat"), func.avg(E.longitude).label("lon"),
                  func.count().label("n"), func.min(E.geo_precision).label("prec"))  # fmt: skip
    stmt = stmt.where(E.location.is_not(None))
    if country:
        stmt = stmt.where(or_(_ci(E.country, country), E.iso3 == country.strip().upper()))
    if q:
        stmt = stmt.where(or_(*(c.ilike(_like(q), escape="\\") for c in (E.location, E.admin1, E.admin2))))
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
