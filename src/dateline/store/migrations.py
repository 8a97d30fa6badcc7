"""Backwards-compatible upgrades of an existing schema, run (idempotently) on every open.

The store knows nothing of extraction: a column added after the first release is filled in for
old events by a function the caller passes in (``Rules.backfill``); see docs/store.md.

Tables added after the first release (``drops``) need no step here: ``Store`` runs
``Base.metadata.create_all`` on open, which creates a missing table and leaves the others alone.
Articles stored before a table existed have no rows in it (their drops were not kept).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, select, update
from sqlalchemy import inspect as sa_inspect

from . import sqlite_index
from .schema import EventRow

# Added after the first release: created with IF NOT EXISTS on every open, so older files gain them.
_PORTABLE_DDL = (
    "CREATE INDEX IF NOT EXISTS ix_events_admin1 ON events (admin1)",
    "CREATE INDEX IF NOT EXISTS ix_events_updated_at ON events (updated_at)",
)
# Without SQLite's R*Tree, bounding boxes use a plain index.
_OTHER_DDL = ("CREATE INDEX IF NOT EXISTS ix_events_lat_lon ON events (latitude, longitude)",)

#: Event columns added after the first release: name -> SQL type. A file that lacks one gains it on
#: open; each stored event's value (column and JSON record) is the record's own if it has the key,
#: else what the caller's backfill function for that column computes from the record, else NULL.
ADDED_COLUMNS: dict[str, str] = {"cameo_root": "VARCHAR(2)"}

Backfill = Mapping[str, Callable[[dict[str, Any]], Any]]


def _add_column(
    conn: Connection, name: str, sql_type: str, fill: Callable[[dict[str, Any]], Any] | None
) -> None:
    conn.exec_driver_sql(f"ALTER TABLE events ADD COLUMN {name} {sql_type}")
    table = EventRow.__table__
    stmt = update(table).where(table.c.event_id == bindparam("id"))
    stmt = stmt.values({name: bindparam("v"), "record": bindparam("rec")})
    last = ""
    while True:  # in batches, by event_id
        q = select(table.c.event_id, table.c.record).where(table.c.event_id > last)
        rows = conn.execute(q.order_by(table.c.event_id).limit(5000)).all()
        if not rows:
            break
        params = []
        for event_id, raw in rows:
            record = json.loads(raw)
            if name not in record:
                record[name] = fill(record) if fill is not None else None
            rec = json.dumps(record, ensure_ascii=False, sort_keys=True)
            params.append({"id": event_id, "v": record[name], "rec": rec})
        conn.execute(stmt, params)
        last = rows[-1][0]


def migrate(engine: Engine, backfill: Backfill) -> None:
    """Bring an existing schema up to date (idempotent)."""
    with engine.begin() as conn:
        for ddl in _PORTABLE_DDL:
            conn.exec_driver_sql(ddl)
        have = {c["name"] for c in sa_inspect(conn).get_columns("events")}
        for name, sql_type in ADDED_COLUMNS.items():
            if name not in have:
                _add_column(conn, name, sql_type, backfill.get(name))
        if engine.dialect.name == "sqlite":
            sqlite_index.install(conn)
        else:
            for ddl in _OTHER_DDL:
                conn.exec_driver_sql(ddl)
