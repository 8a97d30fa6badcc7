"""PostgreSQL's spatial index (PostGIS), the counterpart of SQLite's R*Tree (``sqlite_index``).

When the server has PostGIS, ``install`` creates the extension (if the user may) and a GiST index on
each event's point, an expression over ``longitude``/``latitude``: no extra column, nothing to keep
in step on writes. A bounding box then also tests the point against ``ST_MakeEnvelope``, which that
index serves; the plain latitude/longitude ranges stay as well, so the answer is the same with or
without PostGIS (docs/store.md). Without PostGIS the box is the ranges alone, on the
``ix_events_lat_lon`` B-tree.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, and_, func, literal_column, text
from sqlalchemy.sql.elements import ColumnElement

#: The indexed expression; the filter must spell it the same for the planner to use the index.
POINT = "ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)"
_INDEX = f"CREATE INDEX IF NOT EXISTS ix_events_point ON events USING gist (({POINT}))"


def available(conn: Connection) -> bool:
    """Whether PostGIS is installed in this database (cached per DBAPI connection)."""
    info = conn.connection.info if hasattr(conn.connection, "info") else {}
    if "dateline_postgis" not in info:
        found = conn.execute(text("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")).first()
        info["dateline_postgis"] = found is not None
    return bool(info["dateline_postgis"])


def install(conn: Connection) -> None:
    """Create PostGIS (when the server has it and the user may) and the point index; in the caller's
    transaction, under the schema lock. A server without PostGIS gets neither: boxes use ranges."""
    offered = conn.execute(text("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'")).first()
    if offered is None:
        return
    if not available(conn):
        # a savepoint: a user without the right to create extensions leaves the transaction usable
        try:
            with conn.begin_nested():
                conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS postgis")
        except Exception:  # noqa: BLE001 - no privilege: the plain ranges serve, docs/store.md
            return
        conn.connection.info.pop("dateline_postgis", None)
    conn.exec_driver_sql(_INDEX)


def box(conn: Any, w: float, s: float, e: float, n: float) -> list[ColumnElement[bool]]:
    """The index-served term for a box that does not cross the antimeridian; [] without PostGIS."""
    if w > e or not available(conn):
        return []
    envelope = func.ST_MakeEnvelope(w, s, e, n, 4326)
    return [and_(literal_column(POINT).op("&&")(envelope))]
