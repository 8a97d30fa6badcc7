"""PostgreSQL as the store, on a real server (tests/conftest.py starts one, or uses
DATELINE_TEST_PG): the commands over text, JSON Lines, a WARC and a feed give what they give on
SQLite; the database's failures are the same coded errors."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from support import RESOURCES, SAMPLES, shared_resources
from test_store import make_event, make_result

from dateline.cli import main
from dateline.errors import DatelineError
from dateline.store import Store

# written at ingest time: differ between any two runs
_VOLATILE = ("updated_at", "timestamp", "ingested_at")


def _warc(path: Path) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = (SAMPLES / "nairobi-protest.html").read_bytes()
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0"
        )
        record = writer.create_warc_record(
            "https://samples.dateline.invalid/crawl/1",
            "response",
            payload=io.BytesIO(page),
            http_headers=headers,
        )
        writer.write_record(record)
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv), resources=shared_resources()) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def _rows(out: str) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in out.splitlines() if line.strip()]
    for row in rows:
        for key in _VOLATILE:
            row.pop(key, None)
    return rows


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    tmp = tmp_path_factory.mktemp("pg-inputs")
    warc = _warc(tmp / "crawl.warc.gz")
    feed, jsonl = RESOURCES / "wire.rss", RESOURCES / "articles-fixture" / "fixture.jsonl"
    return [str(SAMPLES), str(warc), str(feed), str(jsonl)]


def test_ingest_and_every_read_command_match_sqlite(
    inputs: list[str], pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sqlite = str(tmp_path / "same.db")
    for db in (sqlite, pg_url):
        _run(capsys, "ingest", *inputs, "--db", db)
    queries = [
        ["events", "--format", "jsonl"],
        ["events", "--format", "jsonl", "--q", "police"],
        ["events", "--format", "jsonl", "--bbox=-20,-40,60,40"],
        ["events", "--format", "jsonl", "--since", "2020-01", "--min-certainty", "reported"],
        ["export", "--format", "jsonl"],
        ["drops", "--format", "jsonl"],
    ]
    for argv in queries:
        on_sqlite = _rows(_run(capsys, *argv, "--db", sqlite))
        on_pg = _rows(_run(capsys, *argv, "--db", pg_url))
        assert on_pg == on_sqlite, argv
    assert _run(capsys, "problems", "--db", pg_url) == _run(capsys, "problems", "--db", sqlite)
    events = _rows(_run(capsys, "events", "--format", "jsonl", "--db", pg_url))
    urls = {a for e in events for a in e["article_ids"]}
    assert len(events) >= 3 and len(urls) >= 3  # several inputs gave events (feed, WARC, text…)
    _run(capsys, "ingest", *inputs, "--db", pg_url)  # idempotent: ingesting again adds nothing
    assert _rows(_run(capsys, "events", "--format", "jsonl", "--db", pg_url)) == events


def test_a_locked_table_waits_then_is_e045(pg_url: str) -> None:
    Store(pg_url).close()
    with Store(pg_url) as holder, holder.engine.connect() as conn:
        conn.exec_driver_sql("LOCK TABLE articles IN ACCESS EXCLUSIVE MODE")  # another writer's lock
        with pytest.raises(DatelineError) as caught:
            with Store(pg_url, timeout=0.3) as store:
                try:
                    store.add_result(make_result("a1", [make_event("e1")]))
                except Exception as exc:
                    raise (store.db_error(exc) or exc) from exc
        conn.rollback()
    assert caught.value.code == "E045" and "waited 0.3 s" in str(caught.value)


def test_a_read_only_store_refuses_writes_with_e046(pg_url: str) -> None:
    Store(pg_url).close()
    with Store(pg_url, read_only=True) as store:
        with pytest.raises(DatelineError) as caught:
            try:
                store.add_result(make_result("a1", [make_event("e1")]))
            except Exception as exc:
                raise (store.db_error(exc) or exc) from exc
    assert caught.value.code == "E046"


def test_a_database_that_does_not_exist_is_e047_without_the_password(pg_url: str) -> None:
    from sqlalchemy.engine import make_url

    url = make_url(pg_url).set(database="no_such_db", password="s3cret").render_as_string(hide_password=False)
    with pytest.raises(DatelineError) as caught:
        Store(url, timeout=2)
    assert caught.value.code == "E047" and "s3cret" not in str(caught.value)


def test_a_bbox_uses_the_postgis_index_and_gives_the_ranges_answer(pg_url: str) -> None:
    from dateline.store import pg_index

    with Store(pg_url) as store:
        with store.engine.connect() as conn:
            if not pg_index.available(conn):
                pytest.skip("this PostgreSQL server has no PostGIS (Debian: postgresql-15-postgis-3)")
        for i, (lat, lon) in enumerate([(35.9, 36.6), (16.3, -0.04), (-17.8, 178.0), (-17.8, -179.5)]):
            store.add_result(
                make_result(f"a{i}", [make_event(f"e{i}", f"a{i}", latitude=lat, longitude=lon)])
            )
        boxes = {"30,30,40,40": ["e0"], "-10,0,40,40": ["e0", "e1"], "170,-20,-170,-10": ["e2", "e3"]}
        for bbox, expected in boxes.items():  # the last one crosses the antimeridian: ranges only
            assert sorted(e["event_id"] for e in store.events(bbox=bbox)) == expected
        with store.engine.connect() as conn:
            conn.exec_driver_sql("SET enable_seqscan = off")  # four rows: ask whether the index serves
            plan = " ".join(
                r[0]
                for r in conn.exec_driver_sql(
                    f"EXPLAIN SELECT event_id FROM events WHERE {pg_index.POINT} && ST_MakeEnvelope(30,30,40,40,4326)"
                )
            )
    assert "ix_events_point" in plan


def test_opening_an_up_to_date_database_changes_nothing(pg_url: str) -> None:
    from dateline.store.migrations import _pg_current

    with Store(pg_url) as store, store.engine.connect() as conn:
        assert _pg_current(conn)  # so the next open only reads
        conn.exec_driver_sql("DROP INDEX ix_events_block")
        assert not _pg_current(conn)
        conn.commit()
    with Store(pg_url) as store, store.engine.connect() as conn:
        assert _pg_current(conn)  # an index dropped by hand comes back


def test_concurrent_writers_of_one_event_merge_it_and_fail_no_article(pg_url: str) -> None:
    """Two writers at once whose articles carry the same event ids: each event is stored once
    and no article fails (writers take turns, as on SQLite; without that, both insert the event
    and one article's transaction fails on the primary key)."""
    import threading

    Store(pg_url).close()
    errors: list[BaseException] = []

    def write(prefix: str) -> None:
        try:
            with Store(pg_url) as store:
                for i in range(12):
                    store.add_result(make_result(f"{prefix}{i}", [make_event(f"e{i}", f"{prefix}{i}")]))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(p,)) for p in ("x", "y")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    with Store(pg_url) as store:
        assert store.counts()["articles"] == 24 and store.failed_count() == 0
        events = store.events()
    assert sorted(e["event_id"] for e in events) == sorted(f"e{i}" for i in range(12))


def test_the_api_query_budget_holds_on_postgresql(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi.testclient import TestClient
    from sqlalchemy import text

    from dateline.serve import create_app

    Store(pg_url).close()
    app = create_app(pg_url, ui=False, query_budget=0.2)
    store = app.state.store

    def slow_stats() -> dict[str, Any]:
        with store.engine.connect() as conn:
            conn.execute(text("SELECT pg_sleep(5)"))
        raise AssertionError("not interrupted")

    monkeypatch.setattr(store, "stats", slow_stats)
    r = TestClient(app).get("/stats")
    assert r.status_code == 503 and r.json()["error"]["code"] == "query_timeout"
    assert TestClient(app).get("/events").status_code == 200
