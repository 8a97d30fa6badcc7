"""ACLED's derived columns as SQL expressions over the stored ones, so that filters and aggregates
can use them on SQLite and PostgreSQL alike without a stored column (nothing to migrate, nothing to
keep current): ``disorder_type``, ``interaction``, civilian targeting, region, and the periods of
``/aggregate``. The rules are the CSV's (``export.disorder_type``, ``export.interaction``,
``regions.region``); ``tests/test_api_filters.py`` checks the SQL against them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Date, and_, case, cast, func, literal, or_

from ..regions import DEMONSTRATION_TYPES, DISORDER_BOTH, DISORDER_TYPES, POLITICAL_VIOLENCE_TYPES
from .schema import EventRow

E = EventRow.__table__.c

__all__ = [
    "DISORDER_TYPES",
    "as_int",
    "civilian_targeting",
    "disorder_is",
    "disorder_type",
    "interaction",
    "period",
]
# the sets as sorted tuples: IN lists in a stable order (the same SQL text each time)
POLITICAL_VIOLENCE, DEMONSTRATIONS, BOTH = (
    tuple(sorted(s)) for s in (POLITICAL_VIOLENCE_TYPES, DEMONSTRATION_TYPES, DISORDER_BOTH)
)


def disorder_type() -> ColumnElement[Any]:
    """The CSV's ``disorder_type`` text ('' when the event type has none)."""
    return case(
        (E.sub_event_type.in_(BOTH), literal("Political violence; Demonstrations")),
        (E.event_type.in_(POLITICAL_VIOLENCE), literal("Political violence")),
        (E.event_type.in_(DEMONSTRATIONS), literal("Demonstrations")),
        (E.event_type == "Strategic developments", literal("Strategic developments")),
        else_=literal(""),
    )


def disorder_is(value: str) -> ColumnElement[bool]:
    """Events of disorder type ``value`` (one of :data:`DISORDER_TYPES`, any case)."""
    v = value.strip().lower()
    if v == "political violence":
        return or_(E.sub_event_type.in_(BOTH), E.event_type.in_(POLITICAL_VIOLENCE))
    if v == "demonstrations":
        return or_(E.sub_event_type.in_(BOTH), E.event_type.in_(DEMONSTRATIONS))
    return and_(E.event_type == "Strategic developments", func.coalesce(E.sub_event_type, "").not_in(BOTH))


def civilian_targeting() -> ColumnElement[bool]:
    """ACLED's "Civilian targeting": political violence against civilians (``inter2`` 7)."""
    return and_(disorder_is("political violence"), func.coalesce(E.inter2, 0) == 7)


def interaction() -> ColumnElement[Any]:
    """Both inter codes, smaller first (17), or a lone code x10 (60); NULL with neither."""
    a, b = func.coalesce(E.inter1, 0), func.coalesce(E.inter2, 0)
    return case(
        (and_(a > 0, b > 0, a <= b), a * 10 + b),
        (and_(a > 0, b > 0), b * 10 + a),
        (a > 0, a * 10),
        (b > 0, b * 10),
        else_=None,
    )


def period(dialect: str, by: str, col: Any) -> ColumnElement[Any]:
    """The first day (ISO text) of the day, week (from Monday), month or year holding ISO date ``col``."""
    if dialect == "sqlite":
        return {
            "day": col,
            "week": func.date(col, "-6 days", "weekday 1"),
            "month": func.substr(col, 1, 7).concat("-01"),
            "year": func.substr(col, 1, 4).concat("-01-01"),
        }[by]
    return func.to_char(func.date_trunc(by, cast(col, Date)), "YYYY-MM-DD")


def as_int(cond: ColumnElement[bool]) -> ColumnElement[int]:
    """1 where ``cond`` holds, else 0 (a sum of it counts rows)."""
    return case((cond, 1), else_=0)
