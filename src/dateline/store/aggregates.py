"""Counts over the filtered events: ``/aggregate``'s buckets (period × group, imprecise events apart)
and the summaries of one actor or one place. Every query takes the one filter path
(``filters.conditions``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, Select, and_, func, literal, null, or_, select

from . import derived
from .filters import ActorNames, EventFilters, admin1_is, ci_equals, conditions, country_is
from .schema import EventRow

E = EventRow.__table__.c
PERIODS: tuple[str, ...] = ("day", "week", "month", "year")
#: ``group`` values of :func:`aggregate` and the column (or rule) each counts under.
GROUPS: dict[str, Any] = {
    "country": E.country,
    "admin1": E.admin1,
    "admin2": E.admin2,
    "event_type": E.event_type,
    "sub_event_type": E.sub_event_type,
    "disorder_type": None,  # derived.disorder_type()
    "actor": None,  # actor1 and actor2, each under its name
}
_ROLES = (E.actor1, E.actor2, E.assoc_actor_1, E.assoc_actor_2)


def _dead(col: Any = E.fatalities) -> Any:
    return func.coalesce(func.sum(col), 0)


def _rows(conn: Any, f: EventFilters, by: str, group: str | None, actor_names: ActorNames | None) -> Any:
    """Subquery: one row per event (per side for ``actor``): its start and end periods, group, toll."""
    dialect = conn.dialect.name
    start = derived.period(dialect, by, E.event_date).label("p0")
    end = derived.period(dialect, by, func.coalesce(E.event_date_end, E.event_date)).label("p1")
    where = [*conditions(conn, f, actor_names=actor_names), E.event_date.is_not(None)]

    def part(grp: Any, *extra: Any) -> Select[Any]:
        return select(start, end, grp.label("grp"), E.fatalities.label("dead")).where(*where, *extra)

    if group == "actor":  # each side once; an event with neither side under NULL
        first = part(E.actor1, or_(E.actor1.is_not(None), E.actor2.is_(None)))
        second = part(E.actor2, E.actor2.is_not(None), E.actor2 != func.coalesce(E.actor1, ""))
        return first.union_all(second).subquery()
    grp = derived.disorder_type() if group == "disorder_type" else GROUPS[group] if group else null()
    return part(grp).subquery()


def aggregate(engine: Engine, f: EventFilters, by: str, group: str | None, limit: int,
              actor_names: ActorNames | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:  # fmt: skip
    """Buckets ``{period, group, events, fatalities}`` (up to ``limit + 1``) of the events whose whole
    interval lies in one period; and ``{group, events, fatalities}`` of the others (imprecise)."""
    with engine.connect() as conn:
        u = _rows(conn, f, by, group, actor_names)
        keys = (u.c.p0, u.c.grp) if group else (u.c.p0,)  # PostgreSQL refuses a constant in ORDER BY
        grp = u.c.grp if group else literal(None).label("grp")
        q = select(u.c.p0, grp, func.count().label("n"), _dead(u.c.dead).label("dead"))
        q = q.where(u.c.p0 == u.c.p1).group_by(*keys).order_by(*keys).limit(limit + 1)
        buckets = [
            {"period": r.p0, "group": r.grp, "events": r.n, "fatalities": int(r.dead)}
            for r in conn.execute(q)
        ]
        gkeys = (u.c.grp,) if group else ()
        q = select(grp, func.count().label("n"), _dead(u.c.dead).label("dead")).where(u.c.p0 != u.c.p1)
        q = q.group_by(*gkeys).order_by(*gkeys) if group else q
        imprecise = [
            {"group": r.grp, "events": r.n, "fatalities": int(r.dead)} for r in conn.execute(q) if r.n
        ]
    return buckets, imprecise


def _counts(conn: Any, where: list[Any], col: Any, top: int) -> list[tuple[Any, int, int]]:
    """(value, events, fatalities) of ``col`` over the events matching ``where``, most events first."""
    n = func.count()
    q = (
        select(col, n, _dead())
        .where(*where, col.is_not(None))
        .group_by(col)
        .order_by(n.desc(), col)
        .limit(top)
    )
    return [(v, c, int(d)) for v, c, d in conn.execute(q)]


def _sides(conn: Any, where: list[Any], pairs: list[tuple[Any, Any]], top: int) -> list[dict[str, Any]]:
    """Names counted by event: for each (condition, column), the column's value where it holds."""
    parts = [
        select(col.label("name"), E.event_id).where(*where, cond, col.is_not(None)) for cond, col in pairs
    ]
    u = parts[0].union(*parts[1:]).subquery() if len(parts) > 1 else parts[0].subquery()
    n = func.count(func.distinct(u.c.event_id))
    q = select(u.c.name, n).group_by(u.c.name).order_by(n.desc(), u.c.name).limit(top)
    return [{"name": name, "events": c} for name, c in conn.execute(q)]


def _places(conn: Any, where: list[Any], top: int) -> list[dict[str, Any]]:
    cols = (E.location, E.admin1, E.country, E.geonameid)
    n = func.count()
    q = select(*cols, n).where(*where, E.location.is_not(None)).group_by(*cols).order_by(n.desc(), E.location)
    return [{"location": r[0], "admin1": r[1], "country": r[2], "geonameid": r[3], "events": r[4]}
            for r in conn.execute(q.limit(top))]  # fmt: skip


def _common(conn: Any, where: list[Any], top: int) -> dict[str, Any]:
    """What both summaries have: totals, dates, by type, by month."""
    n, dead, first, last = conn.execute(
        select(
            func.count(),
            _dead(),
            func.min(E.event_date),
            func.max(func.coalesce(E.event_date_end, E.event_date)),
        ).where(*where)
    ).one()
    month = derived.period(conn.dialect.name, "month", E.event_date)
    by_month = conn.execute(
        select(month, func.count(), _dead())
        .where(*where, E.event_date.is_not(None))
        .group_by(month)
        .order_by(month)
    )
    return {
        "events": n, "fatalities": int(dead), "first_date": first, "last_date": last,
        "by_type": [{"event_type": t, "events": c, "fatalities": d} for t, c, d in _counts(conn, where, E.event_type, top)],
        "by_month": [{"period": p, "events": c, "fatalities": int(d)} for p, c, d in by_month],
    }  # fmt: skip


def actor_summary(engine: Engine, f: EventFilters, names: list[str], top: int,
                  actor_names: ActorNames | None = None) -> dict[str, Any]:  # fmt: skip
    """Events with any of ``names`` (whole, any case) in any role, over ``f``."""

    def named(col: Any) -> Any:
        return or_(*(ci_equals(col, n) for n in names))

    with engine.connect() as conn:
        where = [*conditions(conn, f, actor_names=actor_names), or_(*(named(c) for c in _ROLES))]
        out = _common(conn, where, top)
        roles = conn.execute(
            select(*(func.sum(derived.as_int(named(c))) for c in (E.actor1, E.actor2)),
                   func.sum(derived.as_int(or_(named(E.assoc_actor_1), named(E.assoc_actor_2))))).where(*where)
        ).one()  # fmt: skip
        out["roles"] = dict(
            zip(("actor1", "actor2", "assoc_actor"), (int(r or 0) for r in roles), strict=True)
        )
        sides = [(or_(named(E.actor1), named(E.assoc_actor_1)), E.actor2),
                 (or_(named(E.actor2), named(E.assoc_actor_2)), E.actor1)]  # fmt: skip
        out["partners"] = [p for p in _sides(conn, where, sides, top + len(names))
                           if p["name"].lower() not in {n.lower() for n in names}][:top]  # fmt: skip
        out["places"] = _places(conn, where, top)
    return out


def place_match(conn: Any, f: EventFilters, key: str,
                actor_names: ActorNames | None = None) -> tuple[str, list[Any]] | None:  # fmt: skip
    """The level ``key`` names (geonameid, country, admin1, admin2, location) and its condition: the
    widest unit of that name with an event matching ``f`` (a state's events, not only those placed
    at the state as a whole); a GeoNames id is exact. None when no event matches."""
    base = conditions(conn, f, actor_names=actor_names)
    k = key.strip()
    levels: list[tuple[str, Any]] = (
        [("geonameid", E.geonameid == int(k))]
        if k.isdigit() and len(k) < 12
        else [
            ("country", country_is(k)),
            ("admin1", admin1_is(k)),
            ("admin2", ci_equals(E.admin2, k)),
            ("location", ci_equals(E.location, k)),
        ]  # fmt: skip
    )
    # one scan says which levels have an event (a probe per level was a scan each)
    found = conn.execute(
        select(*(func.max(derived.as_int(cond)) for _, cond in levels)).where(
            *base, or_(*(c for _, c in levels))
        )
    ).one()
    return next(
        ((level, [*base, cond]) for (level, cond), hit in zip(levels, found, strict=True) if hit), None
    )


def place_summary(engine: Engine, f: EventFilters, key: str, top: int,
                  actor_names: ActorNames | None = None) -> dict[str, Any] | None:  # fmt: skip
    """The events at place ``key`` over ``f``; None when none matches."""
    with engine.connect() as conn:
        found = place_match(conn, f, key, actor_names)
        if found is None:
            return None
        level, where = found
        cols = (E.location, E.admin2, E.admin1, E.country, E.geonameid)
        n = func.count()
        where_place = and_(*where)
        top_place = conn.execute(
            select(*cols, func.avg(E.latitude), func.avg(E.longitude)).where(where_place)
            .group_by(*cols).order_by(n.desc(), E.location).limit(1)
        ).one()  # fmt: skip
        name = {"geonameid": top_place[0], "location": top_place[0], "admin2": top_place[1],
                "admin1": top_place[2], "country": top_place[3]}[level]  # fmt: skip
        out = {"key": key, "level": level, "name": name, "country": top_place[3], "admin1": top_place[2],
               "admin2": top_place[1], "geonameid": top_place[4], "latitude": top_place[5],
               "longitude": top_place[6], **_common(conn, where, top)}  # fmt: skip
        sides = [(E.actor1.is_not(None), E.actor1), (E.actor2.is_not(None), E.actor2)]
        out["actors"] = _sides(conn, where, sides, top)
        out["places"] = _places(conn, where, top)
    return out


def extent(engine: Engine) -> dict[str, Any]:
    """The events' bounding box ``[minlon, minlat, maxlon, maxlat]`` (None when none is placed) and
    first and last date (OGC API Features' collection extent)."""
    with engine.connect() as conn:
        w, s, e, n, first, last = conn.execute(
            select(func.min(E.longitude), func.min(E.latitude), func.max(E.longitude), func.max(E.latitude),
                   func.min(E.event_date), func.max(func.coalesce(E.event_date_end, E.event_date)))
        ).one()  # fmt: skip
    return {"bbox": None if w is None else [w, s, e, n], "first_date": first, "last_date": last}
