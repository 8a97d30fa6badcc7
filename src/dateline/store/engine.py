"""Engines: embedded SQLite (WAL, foreign keys on) for paths, any SQLAlchemy URL otherwise."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import StaticPool


def url_of(url_or_path: str | os.PathLike[str]) -> str:
    """A SQLAlchemy URL: strings with ``://`` as they are, paths as SQLite files (parents created)."""
    s = os.fspath(url_or_path)
    if "://" in s:
        return s
    if s != ":memory:":
        Path(s).expanduser().parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{s}"


def make_engine(url: str, read_only: bool = False) -> Engine:
    if not url.startswith("sqlite"):
        opts = {"options": "-c default_transaction_read_only=on"} if read_only else {}
        return create_engine(url, pool_pre_ping=True, connect_args=opts)
    memory = url in ("sqlite://", "sqlite:///:memory:") or "mode=memory" in url
    kw: dict[str, Any] = {"connect_args": {"check_same_thread": False, "timeout": 30}}
    if memory:
        kw["poolclass"] = StaticPool  # one shared connection, else each one sees an empty DB
    engine = create_engine(url, **kw)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        if not memory:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        if read_only:
            cur.execute("PRAGMA query_only=ON")
        cur.close()

    return engine
