"""A live server for the end-to-end tests: 127.0.0.1, a free port, a database built for the run."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def e2e_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from make_db import build

    path = tmp_path_factory.mktemp("e2e") / "e2e.db"
    build(path, int(os.environ.get("DATELINE_E2E_EVENTS", "50000")))
    return path


@pytest.fixture(scope="session")
def live_server(e2e_db: Path) -> Iterator[str]:
    """Base URL of ``dateline.serve.run`` over the e2e database (needs the built page bundle)."""
    from dateline.serve.app import BundleMissing, check_bundle

    try:
        check_bundle()
    except BundleMissing as exc:
        pytest.skip(str(exc))
    port = free_port()
    code = f"from dateline.serve import run; run({str(e2e_db)!r}, '127.0.0.1', {port})"
    log = open(e2e_db.with_suffix(".log"), "wb")  # closed below
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
