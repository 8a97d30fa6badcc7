from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from support import SHARED, shared_resources  # noqa: E402


@pytest.fixture(scope="session")
def resources():
    """One Resources for the whole suite, so the models load once (tests that need another
    configuration build their own)."""
    return shared_resources()


@pytest.fixture(scope="session")
def nlp(resources):
    return resources.nlp


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "data").is_dir():
        pytest.skip(f"shared data not found at {SHARED} (only present in the Dateline workplace)")
    return SHARED


# -- PostgreSQL: a real server (scripts/pg-test-server), a fresh database per test ------------------
# DATELINE_TEST_PG (set by scripts/test) names a running server; without it the session starts its
# own when the server binaries are here, and the PG variants skip with the reason when not.
_PG: dict[str, object] = {"url": None, "reason": "", "ran": 0, "dir": None, "n": 0}
_PG_SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "pg-test-server"


def _pg_server() -> str | None:
    import os
    import subprocess
    import tempfile

    if _PG["url"] is None and not _PG["reason"]:
        url = os.environ.get("DATELINE_TEST_PG", "")
        if not url:
            where = tempfile.mkdtemp(prefix="dateline-pg-")
            run = subprocess.run(
                [str(_PG_SCRIPT), "start", where], capture_output=True, text=True, timeout=90
            )
            if run.returncode == 0:
                url, _PG["dir"] = run.stdout.strip(), where
            else:
                _PG["reason"] = run.stderr.strip() or "scripts/pg-test-server failed"
        _PG["url"] = url or None
    return _PG["url"]  # type: ignore[return-value]


def pytest_sessionfinish(session, exitstatus) -> None:
    import subprocess

    if _PG["dir"]:
        subprocess.run([str(_PG_SCRIPT), "stop", str(_PG["dir"])], capture_output=True, timeout=60)


def pytest_terminal_summary(terminalreporter) -> None:
    if _PG["ran"] or _PG["reason"]:
        said = f"{_PG['ran']} tests passed on a real PostgreSQL server"
        terminalreporter.write_line(
            f"PostgreSQL: {said}" + (f"; skipped: {_PG['reason']}" if _PG["reason"] else "")
        )


def _pg_database():
    """A new, empty database on the test server; its URL, then dropped (a generator)."""
    import psycopg
    from sqlalchemy.engine import make_url

    server = _pg_server()
    if server is None:
        pytest.skip(f"no PostgreSQL server for the PG tests: {_PG['reason']}")
    _PG["n"] = int(_PG["n"]) + 1  # type: ignore[call-overload]
    url = make_url(server)
    name = f"t{os.getpid()}_{_PG['n']}"
    dsn = url.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    yield url.set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def pg_url() -> str:
    """The URL of a new, empty PostgreSQL database on the test server (dropped after the test)."""
    yield from _pg_database()


@pytest.fixture(scope="module")
def pg_module_url() -> str:
    """A new PostgreSQL database shared by one test module."""
    yield from _pg_database()


def pytest_runtest_logreport(report) -> None:
    if report.when == "call" and report.passed and "postgres" in report.nodeid:
        _PG["ran"] = int(_PG["ran"]) + 1  # type: ignore[call-overload]


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path: Path) -> str:
    """The same test on an SQLite file and on a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "sub" / "dateline.db")
    return request.getfixturevalue("pg_url")
