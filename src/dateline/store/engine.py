"""Engines: embedded SQLite (WAL, foreign keys on) for paths, any SQLAlchemy URL otherwise; and the
coded errors a database can raise (docs/errors.md, E040 and E044–E047). Also the case-insensitive
comparisons of the filters (:func:`fold`, :func:`fold_like`): SQLite's ``lower()`` and ``LIKE`` fold
ASCII only, so on SQLite they go through Python's ``str.casefold``, registered on each connection."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Engine, String, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.pool import StaticPool
from sqlalchemy.sql.functions import FunctionElement

from ..errors import DatelineError

#: Seconds a statement waits for another writer's lock before giving up (E045).
DEFAULT_TIMEOUT = 30.0
#: The SQL name of ``str.casefold`` on SQLite connections.
CASEFOLD = "dateline_casefold"


def _casefold(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


class fold(FunctionElement[str]):  # noqa: N801 (an SQL function, named as one)
    """``fold(x)``: ``x`` case-folded, Unicode-wide: ``lower(x)`` (PostgreSQL's is the locale's, not
    ASCII only), ``dateline_casefold(x)`` on SQLite. Compare folded with folded."""

    type = String()
    inherit_cache = True


class fold_like(FunctionElement[bool]):  # noqa: N801
    """``fold_like(x, pattern)``: ``x ILIKE pattern ESCAPE '\\'``, Unicode-wide on SQLite too."""

    type = Boolean()
    inherit_cache = True


@compiles(fold)
def _fold(element: fold, compiler: Any, **kw: Any) -> str:
    return f"lower({compiler.process(element.clauses, **kw)})"


@compiles(fold, "sqlite")
def _fold_sqlite(element: fold, compiler: Any, **kw: Any) -> str:
    return f"{CASEFOLD}({compiler.process(element.clauses, **kw)})"


@compiles(fold_like)
def _fold_like(element: fold_like, compiler: Any, **kw: Any) -> str:
    col, pattern = (compiler.process(c, **kw) for c in element.clauses)
    return f"({col} ILIKE {pattern} ESCAPE '\\')"


@compiles(fold_like, "sqlite")
def _fold_like_sqlite(element: fold_like, compiler: Any, **kw: Any) -> str:
    col, pattern = (compiler.process(c, **kw) for c in element.clauses)
    return f"({CASEFOLD}({col}) LIKE {CASEFOLD}({pattern}) ESCAPE '\\')"


def sqlite_path(url_or_path: str | os.PathLike[str]) -> str | None:
    """The file of a SQLite path or ``sqlite:///`` URL; None for memory and other databases."""
    s = os.fspath(url_or_path)
    if s.startswith("sqlite:///"):
        s = s[len("sqlite:///") :].split("?", 1)[0]
    elif "://" in s:
        return None
    return None if s in ("", ":memory:") or s.startswith("file:") else s


def shown(url_or_path: str | os.PathLike[str]) -> str:
    """The database as messages name it: a URL without its password."""
    s = os.fspath(url_or_path)
    if "://" not in s:
        return s
    try:
        return make_url(s).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - not a URL SQLAlchemy can parse: say only its scheme
        return s.split("://", 1)[0] + "://…"


def url_of(url_or_path: str | os.PathLike[str], create: bool = True) -> str:
    """A SQLAlchemy URL: strings with ``://`` as they are, paths as SQLite files. ``create``: the
    file's directory is created when missing; else a missing file is E040 (read commands create
    nothing)."""
    s = os.fspath(url_or_path)
    path = sqlite_path(s)
    if path is not None:
        if not create and not os.path.exists(path):
            raise DatelineError("E040", f"no database at {path}; run 'dateline ingest' first")
        _refuse_other_file(path)
        if create:
            try:
                Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatelineError("E047", f"cannot create the database's directory: {exc}") from exc
    return s if "://" in s else f"sqlite:///{s}"


_SQLITE_MAGIC = b"SQLite format 3\x00"


def _refuse_other_file(path: str) -> None:
    """E044 for a file that holds something other than a SQLite database. SQLite itself takes a
    file shorter than its 100-byte header for an empty database and would write the schema over
    it, so a 1-byte text file named by --db would be lost. An empty file is left to SQLite."""
    try:
        with open(os.path.expanduser(path), "rb") as file:
            head = file.read(len(_SQLITE_MAGIC))
    except OSError:
        return  # missing, a directory, unreadable: opening it gives the coded reason (E040, E047)
    if head and head != _SQLITE_MAGIC:
        raise DatelineError("E044", f"{path} is not a Dateline (SQLite) database; it was not changed")


def make_engine(
    url: str, read_only: bool = False, timeout: float = DEFAULT_TIMEOUT, immediate: bool = False
) -> Engine:
    """An engine; ``immediate`` (SQLite): each transaction takes the write lock when it begins
    (``BEGIN IMMEDIATE``), so that check-then-create runs in one process at a time."""
    if not url.startswith("sqlite"):
        opts: dict[str, Any] = {}
        if url.startswith("postgresql"):
            # a writer waits ``timeout`` for another's row or table lock (then E045), like SQLite's
            # busy timeout; a server that does not answer is E047 after the same time
            lock = f"-c lock_timeout={max(1, int(timeout * 1000))}"
            ro = " -c default_transaction_read_only=on" if read_only else ""
            opts = {"options": lock + ro, "connect_timeout": max(1, int(timeout))}
        try:
            return create_engine(url, pool_pre_ping=True, connect_args=opts)
        except (ArgumentError, NoSuchModuleError, ImportError) as exc:
            scheme = url.split("://", 1)[0]  # (the URL itself may hold a password)
            raise DatelineError("E047", f"cannot use a {scheme}:// database: {exc}") from exc
    memory = url in ("sqlite://", "sqlite:///:memory:") or "mode=memory" in url
    kw: dict[str, Any] = {"connect_args": {"check_same_thread": False, "timeout": timeout}}
    if memory:
        kw["poolclass"] = StaticPool  # one shared connection, else each one sees an empty DB
    engine = create_engine(url, **kw)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        if not memory:
            try:
                cur.execute("PRAGMA journal_mode=WAL")
            except sqlite3.OperationalError as exc:  # a read-only file not in WAL mode can still be read
                if "readonly" not in str(exc):
                    raise
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        # the filters' case-insensitive comparisons (fold, fold_like): Unicode, not ASCII only
        dbapi_conn.create_function(CASEFOLD, 1, _casefold, deterministic=True)
        if read_only:
            cur.execute("PRAGMA query_only=ON")
        cur.close()
        if immediate:  # the sqlite3 module's own BEGIN is deferred: we emit ours (below)
            dbapi_conn.isolation_level = None

    if immediate:

        @event.listens_for(engine, "begin")
        def _begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


# Words of the driver's message → our code. SQLite says "file is not a database", "database disk
# image is malformed", "database is locked", "attempt to write a readonly database", "unable to
# open database file", "disk I/O error", "database or disk is full".
_MEANINGS = (
    (("not a database", "malformed", "encrypted"), "E044", "is not a Dateline database (or is damaged)"),
    (("locked", "busy"), "E045", "is locked by another writer (waited {timeout:g} s)"),
    (("readonly", "read-only", "read only"), "E046", "cannot be written (read-only)"),
)


def db_error(exc: BaseException, where: str, timeout: float = DEFAULT_TIMEOUT) -> DatelineError | None:
    """The coded error for a database that cannot be used at all (not a database, locked, read-only,
    cannot be opened, disk full), or None when ``exc`` is not such an error (e.g. one record that
    breaks a constraint: a problem of that record, not of the database)."""
    if isinstance(exc, DatelineError):
        return exc
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    state = str(getattr(orig, "sqlstate", "") or "")  # PostgreSQL (psycopg): the SQLSTATE decides
    if state:
        return _pg_error(state, orig, where, timeout)
    if not isinstance(orig, sqlite3.DatabaseError) and not isinstance(exc, OperationalError):
        return None
    if isinstance(orig, sqlite3.IntegrityError | sqlite3.DataError | sqlite3.ProgrammingError):
        return None
    detail = " ".join(str(orig).split())[:300]
    for words, code, meaning in _MEANINGS:
        if any(w in detail.lower() for w in words):
            return DatelineError(code, f"{where} {meaning.format(timeout=timeout)}: {detail}")
    if type(orig) is sqlite3.DatabaseError:
        return DatelineError("E044", f"{where} is not a Dateline database (or is damaged): {detail}")
    return DatelineError("E047", f"{where} cannot be opened or used: {detail}")


# PostgreSQL SQLSTATEs (or their class, the first two characters) that mean the database cannot be
# used: locked (lock_not_available, or a lock wait cancelled), read-only, or not reachable, not
# there, not allowed, out of disk or memory. Others (a value out of range, a constraint) are one
# record's problem.
_PG_STATES = (
    (("55P03", "57014", "40P01"), "E045", "is locked by another writer (waited {timeout:g} s)"),
    (("25006",), "E046", "cannot be written (read-only)"),
    (("08", "3D", "28", "53", "57", "58", "XX"), "E047", "cannot be opened or used"),
)


def _pg_error(state: str, orig: BaseException, where: str, timeout: float) -> DatelineError | None:
    detail = " ".join(str(orig).split())[:300]
    for states, code, meaning in _PG_STATES:
        if state in states or state[:2] in states:
            return DatelineError(code, f"{where} {meaning.format(timeout=timeout)}: {detail}")
    return None
