"""A live server for the end-to-end tests: 127.0.0.1, a free port, a database built for the run."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(scope="session")
def e2e_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from make_db import build

    path = tmp_path_factory.mktemp("e2e") / "e2e.db"
    build(path, int(os.environ.get("DATELINE_E2E_EVENTS", "50000")))
    return path


@pytest.fixture(scope="session")
def live_server(e2e_db: Path) -> Iterator[str]:
    """Base URL of ``dateline.serve.run`` over the e2e database (needs the built page bundle)."""
    from e2e_support import serve

    with serve(e2e_db) as base:
        yield base
