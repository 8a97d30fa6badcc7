"""Store: idempotent ingest, event upsert, filters, problems; the schema follows records.Event;
the store imports no stage."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect

from dateline.ingest import open_store
from dateline.records import Article, Event, Problem, Result, Segment
from dateline.store import Store


def make_event(event_id: str, article_id: str = "a1", **kw: Any) -> dict[str, Any]:
    ev: dict[str, Any] = {
        "event_id": event_id,
        "event_date": "2019-01-10",
        "event_date_end": None,
        "time_precision": 1,
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "plover_type": "ASSAULT",
        "plover_mode": "aerial",
        "actor1": "Military Forces of Syria",
        "assoc_actor_1": None,
        "actor2": "Civilians (Syria)",
        "assoc_actor_2": None,
        "inter1": 1,
        "inter2": 7,
        "country": "Syria",
        "iso3": "SYR",
        "admin1": "Idlib",
        "admin2": None,
        "location": "Idlib",
        "latitude": 35.93,
        "longitude": 36.63,
        "geo_precision": 1,
        "geonameid": 169389,
        "fatalities": 5,
        "fatalities_low": 5,
        "fatalities_high": 5,
        "certainty": "reported",
        "attribution": "SOHR",
        "source": "Middle East Monitor",
        "source_scale": None,
        "notes": "Five killed in an air strike.",
        "article_ids": [article_id],
        "evidence": [{"field": "fatalities", "article_id": article_id, "start": 0, "end": 4, "text": "Five"}],
    }
    ev.update(kw)
    return ev


def make_result(
    article_id: str, events: list[dict[str, Any]], problems: list[Problem] | None = None
) -> Result:
    text = "Five people were killed.\n\nPhoto: AP"
    art = Article(
        article_id=article_id, text=text, title="Strike", published="2019-01-11", meta_spans={"title": (0, 4)}
    )
    segs = [Segment(0, 24, "body"), Segment(26, 35, "photo_credit", removed=True, reason="credit line")]
    return Result(
        article=art, segments=segs, events=[Event.from_dict(e) for e in events], problems=problems or []
    )


@pytest.fixture
def store(db_url: str) -> Store:
    """Each test below on SQLite and on PostgreSQL (tests/conftest.py ``db_url``)."""
    s = open_store(db_url)
    yield s
    s.close()


def test_tables_and_indexes(store: Store) -> None:
    insp = inspect(store.engine)
    assert {"articles", "segments", "events", "evidence", "problems"} <= set(insp.get_table_names())
    indexed = {c for ix in insp.get_indexes("events") for c in ix["column_names"]}
    assert {"event_date", "iso3", "event_type"} <= indexed
    if store.engine.dialect.name != "sqlite":
        return
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_add_result_is_idempotent(store: Store) -> None:
    res = make_result("a1", [make_event("e1"), make_event("e2")], [Problem("a1", "no_date", "no date")])
    assert store.has_article("a1") is False
    assert store.add_result(res) is True
    assert store.has_article("a1")
    before = store.counts()
    assert before == {"articles": 1, "events": 2, "problems": 1}
    assert store.add_result(res) is False
    assert store.counts() == before
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM evidence").scalar() == 2
        assert conn.exec_driver_sql("SELECT count(*) FROM segments").scalar() == 2


def test_reopen_keeps_data(tmp_path: Path) -> None:
    path = str(tmp_path / "x.db")
    with Store(path) as s:
        s.add_result(make_result("a1", [make_event("e1")]))
    with Store(f"sqlite:///{path}") as s:
        assert s.has_article("a1")
        assert [e["event_id"] for e in s.events()] == ["e1"]
        assert s.add_result(make_result("a1", [make_event("e1")])) is False


def test_event_upsert_merges_sources_and_evidence(store: Store) -> None:
    store.add_result(make_result("a1", [make_event("e1", "a1")]))
    second = make_event("e1", "a2", source="The Guardian", fatalities=6)
    assert store.add_result(make_result("a2", [second])) is True
    assert store.counts()["events"] == 1
    (ev,) = store.events()
    assert ev["article_ids"] == ["a1", "a2"]
    assert ev["source"] == "Middle East Monitor; The Guardian"
    assert ev["fatalities"] == 6
    assert {e["article_id"] for e in ev["evidence"]} == {"a1", "a2"}
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM evidence").scalar() == 2
        assert conn.exec_driver_sql("SELECT fatalities FROM events").scalar() == 6


def test_article_round_trip(store: Store) -> None:
    store.add_result(make_result("a1", []))
    art = store.article("a1")
    assert art is not None
    assert art["text"].startswith("Five people")
    assert art["published"] == "2019-01-11"
    assert art["meta_spans"] == {"title": (0, 4)}
    assert art["segments"] == [
        {"start": 0, "end": 24, "kind": "body", "removed": False, "reason": None},
        {"start": 26, "end": 35, "kind": "photo_credit", "removed": True, "reason": "credit line"},
    ]
    assert store.article("missing") is None


def _filled(store: Store) -> None:
    events = [
        make_event("e1", event_date="2019-01-10"),
        make_event("e2", event_date="2019-01-01", event_date_end="2019-01-31", time_precision=3),
        make_event(
            "e3", event_date="2019-02-05", country="Iraq", iso3="IRQ",
            event_type="Protests", sub_event_type="Peaceful protest", plover_type="PROTEST",
        ),
        make_event("e4", event_date=None, time_precision=None),
        make_event("e0", event_date="2019-01-10"),
    ]  # fmt: skip
    store.add_result(make_result("a1", events))


def ids(events: list[dict[str, Any]]) -> list[str]:
    return [e["event_id"] for e in events]


def test_order_and_limit(store: Store) -> None:
    _filled(store)
    assert ids(store.events()) == ["e2", "e0", "e1", "e3", "e4"]
    assert ids(store.events(limit=2)) == ["e2", "e0"]


def test_country_filter_by_name_or_iso3(store: Store) -> None:
    _filled(store)
    assert ids(store.events(country="iraq")) == ["e3"]
    assert ids(store.events(country="IRQ")) == ["e3"]
    assert ids(store.events(country="syr")) == ["e2", "e0", "e1", "e4"]
    assert store.events(country="Yemen") == []


def test_type_filters_each_match_one_column(store: Store) -> None:
    """As the API's parameters: ``event_type`` is the ACLED type only, and so on."""
    _filled(store)
    assert ids(store.events(event_type="Protests")) == ["e3"]
    assert ids(store.events(event_type="peaceful protest")) == []
    assert ids(store.events(sub_event_type="peaceful protest")) == ["e3"]
    assert ids(store.events(plover_type="protest")) == ["e3"]
    assert store.events(event_type="PROTEST") == []
    assert len(store.events(sub_event_type="Air/drone strike")) == 4


def test_every_api_filter_works_from_the_store(store: Store) -> None:
    _filled(store)
    assert ids(store.events(admin1="idlib", country="IRQ")) == ["e3"]
    assert ids(store.events(bbox="36,35,37,36", max_time_precision=1)) == ["e0", "e1", "e3"]
    assert ids(store.events(datetime="2019-02/..")) == ["e3"]
    assert ids(store.events(q="air strike", since="2019-01-11")) == ["e2", "e3"]
    assert ids(store.events(min_certainty="confirmed")) == []
    assert ids(store.events(actor="syria", limit=1)) == ["e2"]
    with pytest.raises(ValueError, match="bbox"):
        store.events(bbox="1,2,3")


def test_date_filters_overlap(store: Store) -> None:
    _filled(store)
    # e2 spans the whole of January, so it overlaps a range that starts after it began.
    assert ids(store.events(since="2019-01-15")) == ["e2", "e3"]
    assert ids(store.events(until="2019-01-09")) == ["e2"]
    assert ids(store.events(since="2019-01-10", until="2019-01-10")) == ["e2", "e0", "e1"]
    assert ids(store.events(since="2019-02-01", until="2019-02-05")) == ["e3"]
    assert ids(store.events(since="2019-02-06")) == []
    assert ids(store.events(since="2019-02")) == ["e3"]  # month bounds widen
    assert ids(store.events(until="2019-01")) == ["e2", "e0", "e1"]
    assert ids(store.events(country="SYR", since="2019-01-11")) == ["e2"]
    with pytest.raises(ValueError):
        store.events(since="last week")


def test_problems_recorded_once(store: Store) -> None:
    store.add_problem(Problem("feed.xml", "parse_error", "bad XML"))
    store.add_problem(Problem("feed.xml", "parse_error", "bad XML again"))
    store.add_problem(Problem("feed.xml", "empty", "no items"))
    store.add_result(make_result("a1", [], [Problem("feed.xml", "empty", "no items")]))
    probs = store.problems()
    assert [(p["source"], p["code"], p["message"]) for p in probs] == [
        ("feed.xml", "parse_error", "bad XML"),
        ("feed.xml", "empty", "no items"),
    ]
    assert all(p["at"] for p in probs)
    assert store.counts()["problems"] == 2


def test_in_memory_store() -> None:
    with Store(":memory:") as s:
        assert s.add_result(make_result("a1", [make_event("e1")]))
        assert s.counts() == {"articles": 1, "events": 1, "problems": 0}


def test_failed_result_changes_nothing(store: Store) -> None:
    result = make_result("a1", [make_event("e0"), make_event("e1")])
    result.events[1].evidence = [{"field": "actor1"}]  # malformed evidence: the whole article rolls back
    with pytest.raises(KeyError):
        store.add_result(result)
    assert store.counts() == {"articles": 0, "events": 0, "problems": 0}
    assert store.has_article("a1") is False


def test_plain_store_replaces_events_and_links_no_claims(tmp_path: Path) -> None:
    """Without Dateline's rules (``open_store``) the store keeps plain upsert semantics."""
    with Store(str(tmp_path / "plain.db")) as s:
        s.add_result(make_result("a1", [make_event("e1", "a1")]))
        s.add_result(make_result("a2", [make_event("e1", "a2", source="The Guardian")]))
        (ev,) = s.events()
    assert ev["article_ids"] == ["a2"] and ev["source"] == "The Guardian"


def test_event_row_follows_the_event_record() -> None:
    """The ORM row has one column per scalar field of records.Event (but RECORD_ONLY), typed from
    the field's hint, and nothing else but the store's own ``record`` and ``updated_at``."""
    import typing

    from sqlalchemy import Float, Integer, String, Text

    from dateline.records import EVENT_SCALAR_FIELDS, Event
    from dateline.store import RECORD_ONLY, SCALAR_FIELDS
    from dateline.store.schema import EventRow

    assert RECORD_ONLY == ("confidence",)  # in the JSON record only: nothing filters on it
    assert SCALAR_FIELDS == tuple(f for f in EVENT_SCALAR_FIELDS if f not in RECORD_ONLY)
    cols = EventRow.__table__.columns
    assert [c.name for c in cols] == [*SCALAR_FIELDS, "record", "updated_at"]
    hints = typing.get_type_hints(Event)
    expected = {str: (String, Text), int: (Integer,), float: (Float,)}
    for name in SCALAR_FIELDS:
        base = next(a for a in typing.get_args(hints[name]) or [hints[name]] if a is not type(None))
        assert isinstance(cols[name].type, expected[base]), name
        assert cols[name].nullable == (name != "event_id"), name
    assert cols["event_date"].type.length == 10 and cols["iso3"].type.length == 3


def test_the_store_imports_no_stage() -> None:
    """The store knows nothing of extraction: importing it loads no stage or domain module."""
    import subprocess
    import sys

    code = (
        "import sys, dateline.store; "
        "print(sorted(m for m in sys.modules if m.split('.')[1:2] and m.split('.')[1] in "
        "('extract', 'resolve', 'merge', 'claims', 'annotate', 'pipeline', 'clean', 'read')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout


def test_an_old_file_without_a_backfill_gains_an_empty_column(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "old.db"
    with Store(str(path)) as s:
        s.add_result(make_result("a1", [make_event("e1")]))
    with sqlite3.connect(path) as conn:
        conn.execute("ALTER TABLE events DROP COLUMN cameo_root")
    with Store(str(path)) as s:
        assert [e.get("cameo_root") for e in s.events()] == [None]
