"""The store never loses work and never fails without a code: failed articles are stored as failed
and replaced by a retry; a record that cannot be written changes nothing; an unusable database is
a coded error; concurrent first opens of a new file create its schema once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy.exc import DataError
from test_store import make_event, make_result

from dateline.errors import DatelineError
from dateline.records import Problem
from dateline.store import Store
from dateline.store.migrations import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parent.parent


def test_a_failed_article_is_stored_as_failed_and_a_retry_replaces_it(db_url: str) -> None:
    with Store(db_url) as store:
        failed = make_result("a1", [], [Problem("in.jsonl:1", "E100", "processing failed: boom")])
        assert store.add_result(failed)
        assert store.status("a1") == "failed" and not store.has_article("a1") and store.failed_count() == 1
        assert [p["article_id"] for p in store.problems()] == ["a1"]
        [row] = store.failed_articles()
        assert row["text"] == failed.article.text and row["meta_spans"] == {"title": (0, 4)}
        assert store.add_result(make_result("a1", [make_event("e1")]))  # the retry, after a fix
        assert store.status("a1") == "done" and store.failed_count() == 0
        assert store.problems() == [] and store.counts() == {"articles": 1, "events": 1, "problems": 0}
        assert len(store.article("a1")["segments"]) == 2  # the retry's, not both attempts'
        assert not store.add_result(make_result("a1", [make_event("e1")]))  # done: never again


def test_a_result_that_cannot_be_written_changes_nothing_and_is_recorded(db_url: str) -> None:
    with Store(db_url) as store:
        store.add_result(make_result("a0", [make_event("e0", "a0")]))
        before = store.counts()
        poison = make_result("a1", [make_event("e1", fatalities=10**30)])
        # SQLite's driver refuses the int before sending it; PostgreSQL says "integer out of range"
        with pytest.raises((OverflowError, DataError)) as caught:
            store.add_result(poison)
        assert store.db_error(caught.value) is None  # one record's problem, not the database's
        assert store.counts() == before and store.status("a1") is None
        store.add_failed(poison.article, Problem("in.jsonl:2", "E043", "storing failed"))
        assert store.status("a1") == "failed" and store.counts()["problems"] == before["problems"] + 1


def test_an_article_that_cannot_be_stored_at_all_leaves_its_problem(db_url: str) -> None:
    with Store(db_url) as store:
        broken = make_result("a1", [])
        broken.article.text = "lone \ud800 surrogate"  # SQLite cannot encode it
        store.add_failed(broken.article, Problem("in\ud800.txt", "E043", "bad \udcff text"))
        assert store.status("a1") is None  # not stored: the next ingest of its input tries it again
        [problem] = store.problems()
        assert problem["source"] == "in\\ud800.txt" and problem["message"] == "bad \\udcff text"


def test_read_opens_create_nothing(tmp_path: Path) -> None:
    with pytest.raises(DatelineError) as caught:
        Store(tmp_path / "typo" / "x.db", create=False)
    assert caught.value.code == "E040" and not (tmp_path / "typo").exists()
    with pytest.raises(DatelineError) as caught:
        Store(tmp_path / "x.db", read_only=True)
    assert caught.value.code == "E040" and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"hello, not a database\n" * 10, "E044"), (b"SQLite format 3\x00" + b"\xff" * 200, "E044")],
)
def test_a_file_that_is_not_a_database_is_a_coded_error(tmp_path: Path, content: bytes, code: str) -> None:
    path = tmp_path / "x.db"
    path.write_bytes(content)
    with pytest.raises(DatelineError) as caught:
        Store(path)
    assert caught.value.code == code and path.read_bytes() == content  # and it was left alone


def test_a_directory_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(DatelineError) as caught:
        Store(tmp_path)
    assert caught.value.code == "E047"


def test_a_locked_database_waits_then_is_a_coded_error(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    Store(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    try:
        with Store(path, timeout=0.3) as store:
            assert store.counts()["articles"] == 0  # reading still works (WAL)
            started = time.monotonic()
            with pytest.raises(DatelineError) as caught:
                store.check_writable()
            assert caught.value.code == "E045" and time.monotonic() - started >= 0.25
            with pytest.raises(Exception) as raw:
                store.add_result(make_result("a1", []))
            assert store.db_error(raw.value).code == "E045"
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_read_only_database_is_a_coded_error_for_writes(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    Store(path).close()  # a read-only connection (the file's mode does not stop root, the URI does)
    with Store(f"sqlite:///file:{path}?mode=ro&uri=true") as store:
        assert store.counts()["articles"] == 0
        with pytest.raises(DatelineError) as caught:
            store.check_writable()
        assert caught.value.code == "E046"


def test_an_old_file_gains_the_status_column_its_articles_done(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with Store(path) as store:
        store.add_result(make_result("a1", [make_event("e1")]))
    with sqlite3.connect(path) as conn:  # as written before the columns existed
        conn.execute("ALTER TABLE articles DROP COLUMN status")
        conn.execute("ALTER TABLE problems DROP COLUMN article_id")
        conn.execute("PRAGMA user_version = 0")
    with Store(path) as store:
        assert store.status("a1") == "done" and store.has_article("a1")
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)


def test_a_file_whose_index_triggers_were_dropped_is_indexed_again(tmp_path: Path) -> None:
    """An up-to-date version number alone does not make a file current: a file whose triggers were
    dropped (as a bulk loader does) and whose search indexes are out of step is re-indexed on open."""
    path = tmp_path / "bulk.db"
    with Store(path) as store:
        store.add_result(make_result("a1", [make_event("e1")]))
    with sqlite3.connect(path) as conn:
        conn.executescript(
            "DROP TRIGGER events_ix_ai; DROP TRIGGER events_ix_au; DROP TRIGGER events_ix_ad;"
            "DELETE FROM event_fts; DELETE FROM event_rtree; DELETE FROM event_keys;"
        )
    Store(path).close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").fetchone() == (3,)
        assert conn.execute("SELECT count(*) FROM event_fts").fetchone() == (1,)


_OPEN = """
import os, sys, time
from dateline.store import Store
open(sys.argv[2] + f".ready-{os.getpid()}", "w").close()
while not os.path.exists(sys.argv[2]):
    time.sleep(0.005)
with Store(sys.argv[1]) as store:
    store.add_problem(__import__("dateline.records").records.Problem(str(os.getpid()), "E001", "x"))
    print(store.counts()["problems"])
"""


def test_concurrent_first_opens_of_a_new_database_create_it_once(tmp_path: Path) -> None:
    db, go = tmp_path / "new" / "x.db", tmp_path / "go"
    env = {"PYTHONPATH": str(ROOT / "src")}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _OPEN, str(db), str(go)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for _ in range(10)
    ]
    deadline = time.monotonic() + 60
    while len(list(tmp_path.glob("go.ready-*"))) < 10 and time.monotonic() < deadline:
        time.sleep(0.01)  # until all are imported and waiting: then they open the missing file at once
    go.touch()
    outcomes = [(p.wait(60), p.stderr.read()[-400:]) for p in procs]
    failed = [err for rc, err in outcomes if rc != 0]  # each failing process's stderr, in full
    assert not failed, failed
    with Store(db) as store:
        assert store.counts()["problems"] == 10


def test_errors_never_show_a_database_password() -> None:
    with pytest.raises(DatelineError) as caught:
        Store("nosuchdriver://admin:s3cret@db.example/dateline")
    assert caught.value.code == "E047" and "s3cret" not in str(caught.value)
    with pytest.raises(DatelineError) as caught:  # a server that is not there
        Store("postgresql://admin:s3cret@127.0.0.1:9/dateline", timeout=1)
    assert caught.value.code == "E047" and "s3cret" not in str(caught.value)
