"""One event across articles (merge/across.py through the store's rules): reports of one clash
merge into the oldest event, a later toll wins, other clashes stay apart, absorbed ids redirect,
the changes feed says so, re-ingesting changes nothing. Records are made up; no models load."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from dateline.config import Config
from dateline.export import write_events
from dateline.ingest import open_store
from dateline.merge import across
from dateline.records import Article, Event, Result, Segment
from dateline.store import Store

HAJIN = {"location": "Hajin", "admin1": "Deir ez-Zor", "latitude": 34.69, "longitude": 40.83,
         "geo_precision": 1, "geonameid": 170017}  # fmt: skip
PROVINCE = {"location": "Deir ez-Zor", "admin1": "Deir ez-Zor", "latitude": 35.0, "longitude": 40.5,
            "geo_precision": 3, "geonameid": 170792}  # fmt: skip
RAQQA = {"location": "Raqqa", "admin1": "Raqqa", "latitude": 35.95, "longitude": 39.01,
         "geo_precision": 1, "geonameid": 163915}  # fmt: skip


def clash(event_id: str, article_id: str, **kw: Any) -> dict[str, Any]:
    ev: dict[str, Any] = {
        "event_id": event_id, "event_date": "2019-01-10", "time_precision": 1, "event_type": "Battles",
        "sub_event_type": "Armed clash", "actor1": "Syrian Democratic Forces", "actor2": "Islamic State",
        "inter1": 2, "inter2": 2, "country": "Syria", "iso3": "SYR", **HAJIN, "fatalities": 9,
        "fatalities_low": 9, "fatalities_high": 9, "certainty": "reported", "source": "Outlet A",
        "confidence": 0.6, "notes": "Fighters clashed near Hajin; nine were killed.",
        "article_ids": [article_id],
        "evidence": [{"field": "fatalities", "article_id": article_id, "start": 0, "end": 4, "text": "nine"}],
    }  # fmt: skip
    ev.update(kw)
    return ev


def result(article_id: str, events: list[dict[str, Any]], published: str = "2019-01-11") -> Result:
    art = Article(article_id=article_id, text="nine were killed", published=published)
    return Result(art, [Segment(0, 16, "body")], [Event.from_dict(e) for e in events])


@pytest.fixture
def store(db_url: str) -> Store:
    """Each test on SQLite and on PostgreSQL (tests/conftest.py ``db_url``)."""
    s = open_store(db_url)
    yield s
    s.close()


def test_two_outlets_one_event(store: Store) -> None:
    store.add_result(result("a1", [clash("e1", "a1")]))
    store.add_result(result("a2", [clash("e2", "a2", source="Outlet B", notes="Clashes in Hajin.")]))
    (ev,) = store.events()
    assert ev["event_id"] == "e1"  # the oldest id stays
    assert ev["article_ids"] == ["a1", "a2"] and ev["num_articles"] == 2 and ev["num_sources"] == 2
    assert ev["source"] == "Outlet A; Outlet B"
    assert {e["article_id"] for e in ev["evidence"]} == {"a1", "a2"}
    # two independent outlets raise confidence (noisy-or of 0.6 and 0.6)
    assert ev["confidence"] == pytest.approx(0.84)
    assert store.event("e2") == ev  # the absorbed id redirects
    kinds = [(c["event_id"], c["kind"], c["into"]) for c in store.changes()]
    assert kinds == [("e1", "created", None), ("e2", "merged", "e1"), ("e1", "updated", None)]


def test_same_outlet_again_adds_no_corroboration(store: Store) -> None:
    store.add_result(result("a1", [clash("e1", "a1")]))
    store.add_result(result("a2", [clash("e2", "a2")]))
    (ev,) = store.events()
    assert ev["num_articles"] == 2 and ev["num_sources"] == 1 and ev["confidence"] == 0.6


def test_revised_toll_wins_and_earlier_stays_a_claim(store: Store) -> None:
    # the follow-up is ingested first: publication order decides, not arrival
    follow = clash("e2", "a2", source="Outlet B", fatalities=14, fatalities_low=14, fatalities_high=14)
    store.add_result(result("a2", [follow], published="2019-01-13"))
    store.add_result(result("a1", [clash("e1", "a1")], published="2019-01-11"))
    (ev,) = store.events()
    assert ev["event_id"] == "e2"
    assert (ev["fatalities"], ev["fatalities_low"], ev["fatalities_high"]) == (14, 9, 14)
    assert [(t["article_id"], t["best"], t["published"]) for t in ev["tolls"]] == [
        ("a1", 9, "2019-01-11"),
        ("a2", 14, "2019-01-13"),
    ]
    assert Event.from_dict(ev).tolls[0].source == "Outlet A"  # the record contract holds


def test_other_clash_same_day_other_province_stays_apart(store: Store) -> None:
    store.add_result(result("a1", [clash("e1", "a1")]))
    store.add_result(result("a2", [clash("e2", "a2", source="Outlet B", **RAQQA)]))
    assert sorted(e["event_id"] for e in store.events()) == ["e1", "e2"]
    assert store.event("e2")["source"] == "Outlet B"  # not absorbed


def test_town_inside_province_merges_and_keeps_the_precise_place(store: Store) -> None:
    store.add_result(
        result("a1", [clash("e1", "a1", **PROVINCE, time_precision=2, event_date_end="2019-01-12")])
    )
    store.add_result(result("a2", [clash("e2", "a2", source="Outlet B")]))
    (ev,) = store.events()
    assert (ev["event_id"], ev["location"], ev["geo_precision"]) == ("e1", "Hajin", 1)
    assert (ev["event_date"], ev["event_date_end"], ev["time_precision"]) == ("2019-01-10", None, 1)


@pytest.mark.parametrize(
    "other",
    [
        {"event_date": "2019-01-20"},  # a week later
        {"actor1": "Turkish Armed Forces", "actor2": "Kurdistan Workers Party"},  # other sides
        {"event_type": "Protests", "sub_event_type": "Peaceful protest"},  # another family
        {"iso3": "IRQ", "country": "Iraq"},  # another country
    ],
)
def test_incompatible_reports_stay_apart(store: Store, other: dict[str, Any]) -> None:
    store.add_result(result("a1", [clash("e1", "a1")]))
    store.add_result(result("a2", [clash("e2", "a2", source="Outlet B", **other)]))
    assert len(store.events()) == 2
    assert store.event("e2")["event_id"] == "e2"


def test_one_articles_events_never_merge(store: Store) -> None:
    store.add_result(result("a1", [clash("e1", "a1"), clash("e2", "a1", notes="A second clash.")]))
    assert len(store.events()) == 2


def test_generic_actor_contradicts_nothing(store: Store) -> None:
    store.add_result(result("a1", [clash("e1", "a1")]))
    store.add_result(result("a2", [clash("e2", "a2", actor1="Unidentified Armed Group", actor2=None)]))
    (ev,) = store.events()
    assert ev["actor1"] == "Syrian Democratic Forces"  # the report naming more actors


def test_reingest_changes_nothing(store: Store) -> None:
    store.add_result(result("a1", [clash("e1", "a1")]))
    store.add_result(result("a2", [clash("e2", "a2", source="Outlet B")]))
    before, feed = store.events(), store.changes()
    assert store.add_result(result("a2", [clash("e2", "a2", source="Outlet B")])) is False
    assert store.events() == before and store.changes() == feed


def test_deletion_in_the_feed_and_timestamp_in_csv(store: Store) -> None:
    store.add_result(result("a1", [clash("e1", "a1")]))
    out = io.StringIO()
    write_events(store.events(), "csv", out)
    header, row = out.getvalue().splitlines()[:2]
    cells = dict(zip(header.split(","), row.split(","), strict=False))
    assert int(cells["timestamp"]) == store.event("e1")["timestamp"] > 1_500_000_000
    assert cells["num_sources"] == "1" and cells["num_articles"] == "1"
    assert store.delete_event("e1") and store.event("e1") is None and not store.delete_event("e1")
    assert store.changes()[-1]["kind"] == "deleted"


def test_blocking_query_uses_the_index(store: Store) -> None:
    """The candidates come from one indexed range query, never a scan of the events table."""
    key = across.block(clash("e1", "a1"), Config())
    assert key is not None
    iso3, types, first, last, *_ = key
    # 31 days' reach and 1 day's slack back; forward the slack, and 3 days for a stored follow-up
    # dated by its revision (across.reach)
    assert (first, last) == ("2018-12-09", "2019-01-14")
    sqlite = store.engine.dialect.name == "sqlite"
    p = "?" if sqlite else "%s"  # the driver's placeholder
    marks = ",".join([p] * len(types))
    where = f"FROM events WHERE iso3 = {p} AND event_type IN ({marks}) AND event_date BETWEEN {p} AND {p}"
    with store.engine.connect() as conn:
        if not sqlite:  # an empty table is cheapest to scan: ask whether the index can serve it
            conn.exec_driver_sql("SET enable_seqscan = off")
        explain = "EXPLAIN QUERY PLAN" if sqlite else "EXPLAIN"
        rows = conn.exec_driver_sql(f"{explain} SELECT * {where}", (iso3, *types, first, last))
        plan = " ".join(str(r[-1]) for r in rows)
    assert "ix_events_block" in plan and "SCAN events" not in plan and "Seq Scan" not in plan


def test_undated_events_are_not_matched_and_countryless_ones_search_any_country() -> None:
    assert across.block(clash("e1", "a1", event_date=None), Config()) is None
    # tests/test_across_block.py: the second block and its stricter decision
    assert across.block(clash("e1", "a1", iso3=None), Config())[0] is None
    a, b = clash("e1", "a1"), clash("e2", "a2", event_date=None)
    assert across.same_event(a, b, Config()) is None


def test_api_serves_the_merged_event_under_an_absorbed_id_and_the_feed(tmp_path: Path) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from dateline.serve import create_app

    db = str(tmp_path / "api.db")
    with open_store(db) as s:
        s.add_result(result("a1", [clash("e1", "a1")]))
        s.add_result(
            result("a2", [clash("e2", "a2", source="Outlet B", fatalities=11)], published="2019-01-12")
        )
    client = TestClient(create_app(db, ui=False), headers={"host": "localhost"})
    got = client.get("/events/e2")
    assert got.status_code == 200
    body = got.json()
    assert body["event_id"] == "e1" and body["num_sources"] == 2 and body["fatalities"] == 11
    assert [t["best"] for t in body["tolls"]] == [9, 11]
    feed = client.get("/changes").json()
    assert {"event_id": "e2", "kind": "merged", "into": "e1"}.items() <= feed["changes"][1].items()


def test_merging_two_stored_events_moves_their_redirects(store: Store) -> None:
    store.add_result(result("a1", [clash("e1", "a1")]))
    store.add_result(result("a2", [clash("e2", "a2", source="Outlet B", **RAQQA)]))
    store.add_result(result("a3", [clash("e3", "a3", source="Outlet C", **RAQQA)]))  # into e2
    assert store.event("e3")["event_id"] == "e2"
    assert store.merge_events("e1", "e2") and not store.merge_events("e1", "e2")
    (ev,) = store.events()
    assert ev["event_id"] == "e1" and ev["num_articles"] == 3 and ev["num_sources"] == 3
    assert store.event("e2")["event_id"] == store.event("e3")["event_id"] == "e1"
    assert [(c["event_id"], c["kind"], c["into"]) for c in store.changes()][-2:] == [
        ("e2", "merged", "e1"),
        ("e1", "updated", None),
    ]


def test_a_denial_joins_the_event_it_denies_without_corroborating_it(store: Store) -> None:
    store.add_result(result("a1", [clash("e1", "a1")]))
    denial = clash("e2", "a2", source="Outlet B", certainty="denied", notes="The army denied any clash.")
    store.add_result(result("a2", [denial], published="2019-01-12"))
    (ev,) = store.events()
    # linked: the denial's article and evidence are the event's, its id leads to the event
    assert ev["event_id"] == "e1" and ev["article_ids"] == ["a1", "a2"]
    assert store.event("e2") == ev
    # the event stays as certain as its most certain report, and a denial raises no confidence
    assert ev["certainty"] == "reported" and ev["confidence"] == 0.6
