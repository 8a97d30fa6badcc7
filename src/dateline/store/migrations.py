"""Creating the schema and upgrading an existing one (idempotent), safely under concurrency.

``ensure_schema`` runs on every open. A SQLite file that is up to date says so in its
``PRAGMA user_version`` (``SCHEMA_VERSION``): then nothing is written. Otherwise one process at a
time creates or upgrades it, holding the write lock (``BEGIN IMMEDIATE``) from the check to the
commit, so processes opening a new file at once never race ("table articles already exists");
on PostgreSQL a transaction-scoped advisory lock does the same.

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

from . import pg_index, sqlite_index
from .engine import make_engine
from .schema import Base, EventRow

#: Bump when a step is added below: files with a lower ``user_version`` are upgraded on open.
SCHEMA_VERSION = 3  # 2: the sort indexes; 3: the any-country block index (ix_events_block_any)
_PG_LOCK = 0x44415445  # any fixed key: one schema change at a time per PostgreSQL database
WRITE_LOCK = 0x44415446  # and one writing transaction at a time (``Store._tx``)

# Added after the first release: created with IF NOT EXISTS on every open, so older files gain them.
_PORTABLE_DDL = (
    "CREATE INDEX IF NOT EXISTS ix_events_admin1 ON events (admin1)",
    "CREATE INDEX IF NOT EXISTS ix_events_updated_at ON events (updated_at)",
    # the blocking query of cross-article merging (``Store`` candidates): country, type, date range
    "CREATE INDEX IF NOT EXISTS ix_events_block ON events (iso3, event_type, event_date)",
    # and its block of any country, for an event whose country is missing or only a country
    "CREATE INDEX IF NOT EXISTS ix_events_block_any ON events (event_type, event_date)",
    # keyset pages in the other sorts (``sort=fatalities``, ``timestamp``, either direction)
    "CREATE INDEX IF NOT EXISTS ix_events_fatalities ON events (fatalities, event_id)",
    "CREATE INDEX IF NOT EXISTS ix_events_timestamp ON events (timestamp, event_id)",
)
# Without SQLite's R*Tree, bounding boxes use a plain index.
_OTHER_DDL = ("CREATE INDEX IF NOT EXISTS ix_events_lat_lon ON events (latitude, longitude)",)

#: Event columns added after the first release: name -> SQL type. A file that lacks one gains it on
#: open; each stored event's value (column and JSON record) is the record's own if it has the key,
#: else what the caller's backfill function for that column computes from the record, else NULL.
ADDED_COLUMNS: dict[str, str] = {
    "cameo_root": "VARCHAR(2)",
    "num_sources": "INTEGER",
    "num_articles": "INTEGER",
    "timestamp": "INTEGER",
}

#: Columns of other tables added after the first release: (table, column) -> SQL type and default.
#: ``articles.status``: 'done', or 'failed' for an article retried by the next ingest (files
#: written before it existed held done articles only); ``problems.article_id``: the article a
#: problem is about, so its problems go when a retry succeeds.
ADDED_PLAIN: dict[tuple[str, str], str] = {
    ("articles", "status"): "VARCHAR(8) NOT NULL DEFAULT 'done'",
    ("problems", "article_id"): "VARCHAR",
}

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


def ddl_names(ddls: tuple[str, ...]) -> set[str]:
    """The names of the objects that ``CREATE … IF NOT EXISTS name …`` statements create."""
    return {ddl.split(" IF NOT EXISTS ", 1)[1].split()[0] for ddl in ddls}


def _current(conn: Connection) -> bool:
    """Whether a SQLite file is up to date: its version, every table and column, the indexes and the
    triggers that keep the R*Tree and full-text indexes current (reads only; a file changed by hand,
    or by another program, is upgraded again, and indexes whose triggers were dropped are rebuilt)."""
    if int(conn.exec_driver_sql("PRAGMA user_version").scalar() or 0) < SCHEMA_VERSION:
        return False
    objects = {str(r[0]) for r in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
    if not ddl_names(_PORTABLE_DDL + sqlite_index.DDL) <= objects:
        return False
    for name, table in Base.metadata.tables.items():
        have = {row[1] for row in conn.exec_driver_sql(f"PRAGMA table_info({name})")}
        if not set(table.columns.keys()) <= have:
            return False
    return True


def _pg_current(conn: Connection) -> bool:
    """Whether a PostgreSQL database is up to date: every table, column and index there (reads only,
    so opening an up-to-date database takes no lock and needs no right to change the schema)."""
    cols = conn.exec_driver_sql(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()"
    ).all()
    have = {(str(t), str(c)) for t, c in cols}
    for name, table in Base.metadata.tables.items():
        if not {(name, c) for c in table.columns.keys()} <= have:
            return False
    indexes = {
        str(r[0]) for r in conn.exec_driver_sql("SELECT indexname FROM pg_indexes WHERE tablename = 'events'")
    }
    wanted = ddl_names(_PORTABLE_DDL + _OTHER_DDL)
    if pg_index.available(conn):
        wanted.add("ix_events_point")
    return wanted <= indexes


def ensure_schema(engine: Engine, backfill: Backfill, timeout: float) -> None:
    """Create the tables of a new database, or bring an older one up to date, once."""
    sqlite = engine.dialect.name == "sqlite"
    if sqlite or engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            if (_current if sqlite else _pg_current)(conn):
                return
    memory = sqlite and engine.url.database in (None, "", ":memory:")
    setup = engine if memory or not sqlite else make_engine(str(engine.url), timeout=timeout, immediate=True)
    try:
        with setup.begin() as conn:  # SQLite: BEGIN IMMEDIATE, i.e. the write lock, first
            if sqlite:
                if _current(conn):
                    return  # another process did it while this one waited for the lock
            elif engine.dialect.name == "postgresql":
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_LOCK})")
            Base.metadata.create_all(conn)
            migrate(conn, backfill)
            if sqlite:
                conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
    finally:
        if setup is not engine:
            setup.dispose()


def migrate(conn: Connection, backfill: Backfill) -> None:
    """Bring an existing schema up to date (idempotent), in the caller's transaction."""
    for ddl in _PORTABLE_DDL:
        conn.exec_driver_sql(ddl)
    inspector = sa_inspect(conn)
    have = {c["name"] for c in inspector.get_columns("events")}
    for name, sql_type in ADDED_COLUMNS.items():
        if name not in have:
            _add_column(conn, name, sql_type, backfill.get(name))
    for (table, name), sql_type in ADDED_PLAIN.items():
        if name not in {c["name"] for c in inspector.get_columns(table)}:
            conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {name} {sql_type}")
    if conn.dialect.name == "sqlite":
        sqlite_index.install(conn)
    else:
        for ddl in _OTHER_DDL:
            conn.exec_driver_sql(ddl)
    if conn.dialect.name == "postgresql":
        pg_index.install(conn)
