"""What stands between a hostile request and the handlers: the ``Host`` allow-list, the security
headers of every response, the per-query time budget and the last-resort 500.

Pure ASGI middlewares (no ``BaseHTTPMiddleware``: it buffers streams and hides context). Order, from
the outside in: :class:`SecurityHeaders` → :class:`HostCheck` → GZip → :class:`CatchAll` → the app.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import envelope

log = logging.getLogger("dateline.serve")

#: Hosts a local server answers to by default (DNS rebinding: a page on evil.example whose name
#: now points at 127.0.0.1 sends ``Host: evil.example``).
LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]", "::1")
#: Per query (one page of a stream, one aggregate), in seconds; then SQLite is interrupted: E060.
QUERY_BUDGET = 10.0
# Same-origin everything; no CDN. Inline ``style=""`` attributes are allowed (the map page and
# Leaflet set colours and positions that way), inline scripts and <style> elements are not.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


def allowed_hosts(host: str | None, extra: Iterable[str] = ()) -> list[str]:
    """The local names, the address the server listens on (unless a wildcard) and ``extra``."""
    names = [*LOCAL_HOSTS, *extra]
    if host and host not in ("0.0.0.0", "::", ""):
        names.append(f"[{host}]" if ":" in host and not host.startswith("[") else host)
    return list(dict.fromkeys(n.strip().lower() for n in names if n.strip()))


class HostCheck:
    """Starlette's ``TrustedHostMiddleware``, answering a refused ``Host`` with the error envelope
    (E061) instead of its plain-text 400."""

    def __init__(self, app: ASGIApp, allowed: list[str]) -> None:
        async def passed(scope: Scope, receive: Receive, send: Send) -> None:
            scope["dateline.host_ok"] = True
            await app(scope, receive, send)

        self.trusted = TrustedHostMiddleware(passed, allowed_hosts=allowed, www_redirect=False)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.trusted(scope, receive, send)
            return
        refused = False

        async def _send(message: Message) -> None:
            nonlocal refused
            if message["type"] == "http.response.start" and not scope.get("dateline.host_ok"):
                refused = True
                msg = "[E061] this server does not answer to that Host (see `dateline serve --allowed-host`)"
                await envelope(400, "host_not_allowed", msg)(scope, receive, send)
            elif not refused:
                await send(message)

        await self.trusted(scope, receive, _send)


class SecurityHeaders:
    """CSP, X-Frame-Options, nosniff and Referrer-Policy on every response, errors included."""

    def __init__(self, app: ASGIApp, img_src: tuple[str, ...] = ()) -> None:
        self.app = app
        # img_src: extra origins the page may load images from (the user's map tiles, basemap.py)
        self.headers = HEADERS if not img_src else tuple(
            (k, CSP.replace("img-src 'self' data:", " ".join(("img-src 'self' data:", *img_src))).encode())
            if k == b"content-security-policy" else (k, v)
            for k, v in HEADERS
        )  # fmt: skip

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def _send(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, _send)


def _failure(exc: Exception) -> tuple[int, str, str] | None:
    """Status, code and message for an expected kind of failure; None for a bug."""
    interrupted = isinstance(exc, OperationalError) and "interrupt" in str(exc.orig).lower()
    interrupted |= getattr(getattr(exc, "orig", None), "sqlstate", None) == "57014"  # PostgreSQL's timeout
    if interrupted or (isinstance(exc, sqlite3.OperationalError) and "interrupt" in str(exc).lower()):
        return 503, "query_timeout", "[E060] the query took longer than its time budget; narrow the filters"
    fts = ("fts5", "unterminated string", "syntax error", "no such column")  # FTS5's query errors
    matching = isinstance(exc, OperationalError) and " MATCH " in (exc.statement or "")
    if matching and any(m in str(exc.orig).lower() for m in fts):  # type: ignore[union-attr]
        # unexpected (``q`` goes in as quoted prefix terms), but the client's query, not a server fault
        return 422, "invalid_query", "[E063] q: not a query the full-text index can run"
    if isinstance(exc, PoolTimeout):
        return 503, "busy", "[E062] every database connection is busy; retry shortly"
    return None


class CatchAll:
    """An exception escaping a handler becomes an envelope here, so that Starlette's outermost
    middleware never re-raises it to uvicorn, which then closes the keep-alive connection. A
    stream that fails after its first bytes can only be cut short."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def _send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, _send)
        except Exception as exc:
            known = _failure(exc)
            if known is None:
                log.exception("unhandled error on %s", scope.get("path"))
            if started:
                raise
            status, code, message = known or (500, "internal_error", "internal server error")
            headers = {"Retry-After": "5"} if status == 503 else {}
            resp = envelope(status, code, message)
            resp.headers.update(headers)
            await resp(scope, receive, send)


def install_budget(engine: Engine, seconds: float) -> None:
    """Interrupt any SQLite statement of ``engine`` running longer than ``seconds`` after its
    connection was checked out (``sqlite3.OperationalError: interrupted`` → :func:`_failure`)."""
    if engine.dialect.name == "postgresql" and seconds > 0:  # the server's own statement_timeout

        @event.listens_for(engine, "connect")
        def _timeout(dbapi_conn: Any, _record: Any) -> None:
            with dbapi_conn.cursor() as cur:
                cur.execute(f"SET statement_timeout = {max(1, int(seconds * 1000))}")
            dbapi_conn.commit()

    if engine.dialect.name != "sqlite" or seconds <= 0:
        return

    @event.listens_for(engine, "checkout")
    def _deadline(dbapi_conn: Any, _record: Any, _proxy: Any) -> None:
        deadline = time.monotonic() + seconds
        raw = getattr(dbapi_conn, "driver_connection", dbapi_conn)
        # called every 10k SQLite VM steps; a true value aborts the running statement
        raw.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)

    @event.listens_for(engine, "checkin")
    def _clear(dbapi_conn: Any, _record: Any) -> None:
        raw = getattr(dbapi_conn, "driver_connection", dbapi_conn)
        raw.set_progress_handler(None, 0)
