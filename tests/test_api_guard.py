"""The API under hostile requests: the Host allow-list, security headers on every response, the
per-query time budget (503 E060), and an unexpected exception that leaves the connection open."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402
from sqlalchemy import text  # noqa: E402
from test_api import EVENTS, TEXT  # noqa: E402

from dateline.ingest import open_store  # noqa: E402
from dateline.records import Article, Event, Result  # noqa: E402
from dateline.serve import create_app  # noqa: E402
from dateline.serve.guard import HEADERS, allowed_hosts  # noqa: E402

FOREVER = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("guard") / "guard.db")
    with open_store(path) as s:
        s.add_result(Result(article=Article(article_id="a1", text=TEXT), segments=[],
                            events=[Event.from_dict(e) for e in EVENTS], problems=[]))  # fmt: skip
    return path


def test_allowed_hosts() -> None:
    assert allowed_hosts("127.0.0.1") == ["localhost", "127.0.0.1", "[::1]", "::1"]
    assert allowed_hosts("0.0.0.0", ["Maps.Example.org"])[-1] == "maps.example.org"  # a wildcard adds nothing
    assert allowed_hosts("::1") == allowed_hosts(None) and allowed_hosts("10.0.0.5")[-1] == "10.0.0.5"
    assert allowed_hosts("fe80::1")[-1] == "[fe80::1]"


def test_host_allow_list(db: str) -> None:
    c = TestClient(create_app(db, ui=False, hosts=allowed_hosts("127.0.0.1", ["maps.example.org"])))
    for host in ("127.0.0.1:8000", "localhost", "LOCALHOST:1", "[::1]:8000", "maps.example.org"):
        assert c.get("/events", headers={"host": host}).status_code == 200, host
    for host in ("evil.example", "127.0.0.1.evil.example", "www.localhost", "", "localhost:x:y"):
        r = c.get("/events", headers={"host": host})
        assert r.status_code == 400, host
        assert r.json()["error"]["code"] == "host_not_allowed" and "E061" in r.json()["error"]["message"]
        assert r.headers["x-frame-options"] == "DENY"
    # the default app (no ``hosts``): any Host, for an app mounted behind a proxy that checks it
    assert (
        TestClient(create_app(db, ui=False)).get("/health", headers={"host": "x.example"}).status_code == 200
    )


def _static(tmp_path: Path) -> Path:
    for name in ("index.html", "app.js", "app.css", "countries.json"):
        (tmp_path / name).write_text("<!doctype html><title>x</title>" if name == "index.html" else "{}")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.html").write_text("<!doctype html><title>docs</title>")
    return tmp_path


def test_security_headers_on_every_response(db: str, tmp_path: Path) -> None:
    c = TestClient(create_app(db, static=_static(tmp_path)), raise_server_exceptions=False)
    for url in ("/", "/docs", "/static/app.js", "/events", "/events?format=ndjson", "/events?format=csv",
                "/events/nope", "/events?limit=0", "/nowhere", "/openapi.json"):  # fmt: skip
        r = c.get(url)
        for name, value in HEADERS:
            assert r.headers.get(name.decode()) == value.decode(), (url, name)
    csp = c.get("/").headers["content-security-policy"]
    assert "script-src 'self';" in csp and "frame-ancestors 'none'" in csp and "http" not in csp
    assert c.get("/docs").text.endswith("<title>docs</title>")
    assert c.post("/events").headers["x-content-type-options"] == "nosniff"


def test_docs_need_the_bundle(db: str) -> None:
    assert TestClient(create_app(db, ui=False)).get("/docs").status_code == 404


def test_query_budget_interrupts_a_long_query(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(db, ui=False, query_budget=0.2)
    store = app.state.store

    def slow_stats() -> dict[str, Any]:
        with store.engine.connect() as conn:
            conn.execute(text(FOREVER))
        raise AssertionError("not interrupted")

    monkeypatch.setattr(store, "stats", slow_stats)
    t = time.monotonic()
    r = TestClient(app).get("/stats")
    assert time.monotonic() - t < 5
    assert r.status_code == 503 and r.headers["retry-after"]
    assert r.json()["error"]["code"] == "query_timeout" and "E060" in r.json()["error"]["message"]
    # the connection goes back to the pool without its deadline: the next query runs normally
    assert TestClient(app).get("/events").status_code == 200


def _serve(app: Any) -> Iterator[int]:
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="critical"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.02)
    yield port
    server.should_exit = True
    thread.join(10)


def _response(sock: socket.socket) -> tuple[int, bytes]:
    """Status and body of one HTTP/1.1 response with a Content-Length, read from ``sock``."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, "the server closed the connection"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        int(h.split(b":")[1]) for h in head.split(b"\r\n") if h.lower().startswith(b"content-length")
    )
    while len(body) < length:
        body += sock.recv(65536)
    return int(head.split(b" ")[1]), body


def test_an_unexpected_error_keeps_the_connection_alive(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(db, ui=False)

    def boom(*a: Any, **k: Any) -> None:
        raise RuntimeError("secret detail")

    monkeypatch.setattr(app.state.store, "places", boom)
    for port in _serve(app):
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            for path, status in (("/places", 500), ("/events?since=0001-01-01", 200), ("/places", 500),
                                 ("/health", 200)):  # fmt: skip
                sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
                got, body = _response(sock)
                assert got == status, (path, body)
                assert b"secret" not in body


def test_a_query_the_text_index_refuses_is_422(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from dateline.store import sqlite_index

    monkeypatch.setattr(sqlite_index, "fts_match", lambda q: '"unterminated')
    r = TestClient(create_app(db, ui=False)).get("/events", params={"q": "anything"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_query"


def test_serve_takes_allowed_hosts(monkeypatch: pytest.MonkeyPatch, db: str) -> None:
    import dateline.serve as serve
    from dateline import cli

    seen: dict[str, Any] = {}
    monkeypatch.setattr(serve, "run", lambda db, **kw: seen.update(kw))
    monkeypatch.setattr(cli, "resources_of", lambda args: type("R", (), {"kb": None})())
    argv = [
        "serve",
        "--db",
        db,
        "--host",
        "0.0.0.0",
        "--allowed-host",
        "a.example",
        "--allowed-host",
        "b.example",
    ]
    assert cli.main(argv) == 0
    assert seen["allowed_host"] == ["a.example", "b.example"] and seen["host"] == "0.0.0.0"
