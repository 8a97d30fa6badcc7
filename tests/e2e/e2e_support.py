"""Paths and lookups shared by the browser tests (imported by name; fixtures are in conftest.py)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "web"


def chromium() -> str | None:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    return path if path and os.path.exists(path) else None


def node_and_browser() -> tuple[str, str]:
    """``node`` and Chromium for the browser tests; skips, saying why, when either (or
    web/node_modules' playwright-core) is missing."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    if not (WEB / "node_modules" / "playwright-core").is_dir():
        pytest.skip("web/node_modules is missing: run (cd web && npm ci)")
    browser = chromium()
    if browser is None:
        pytest.skip("Chromium is not installed (apt-get install chromium, or set CHROMIUM=/path)")
    return node, browser


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(db: Path, tiles: str | None = None) -> Iterator[str]:
    """Base URL of ``dateline.serve.run`` over ``db`` on 127.0.0.1 (skips without the built page
    bundle); ``tiles``: the ``basemap_tiles`` setting of that server."""
    from dateline.serve.app import BundleMissing, check_bundle

    try:
        check_bundle()
    except BundleMissing as exc:
        pytest.skip(str(exc))
    port = free_port()
    code = (
        "from dateline.config import Config; from dateline.serve import run; "
        f"run({str(db)!r}, '127.0.0.1', {port}, config=Config(basemap_tiles={tiles or ''!r}))"
    )
    log = open(db.with_name(f"{db.stem}-{port}.log"), "wb")  # closed below; one per server
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(200):
            try:
                if httpx.get(base + "health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            raise RuntimeError("the server did not start")
        yield base
    finally:
        proc.terminate()
        proc.wait(10)
        log.close()
