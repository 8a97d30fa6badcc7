"""The REST API (dateline.serve): filters, keyset pages, formats, detail views, feeds, errors."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402
from support import get_json  # noqa: E402

from dateline.export import CSV_COLUMNS  # noqa: E402
from dateline.ingest import open_store  # noqa: E402
from dateline.records import Article, Event, Problem, Result, Segment  # noqa: E402
from dateline.serve import BundleMissing, create_app  # noqa: E402
from dateline.store import Store  # noqa: E402

TEXT = "Daily Herald — news you trust\n\nSoldiers killed five militants near Gao on Monday, officials said.\n\nRead: Other story"


def event(eid: str, **kw: Any) -> dict[str, Any]:
    ev: dict[str, Any] = dict.fromkeys(
        [
            "event_date_end",
            "plover_mode",
            "assoc_actor_1",
            "assoc_actor_2",
            "inter1",
            "inter2",
            "admin2",
            "geonameid",
            "fatalities_low",
            "fatalities_high",
            "attribution",
            "source_scale",
        ]  # fmt: skip
    )
    ev.update(event_id=eid, event_date="2023-03-13", time_precision=1, event_type="Battles",
              sub_event_type="Armed clash", plover_type="FIGHT", actor1="Military Forces of Mali",
              actor2="Islamic State", country="Mali", iso3="MLI", admin1="Gao", location="Gao",
              latitude=16.27, longitude=-0.04, geo_precision=2, fatalities=5, certainty="reported",
              source="Daily Herald", notes="Soldiers killed five militants near Gao.", article_ids=["a1"],
              evidence=[{"field": "fatalities", "article_id": "a1", "start": 31, "end": 66,
                         "text": TEXT[31:66]}])  # fmt: skip
    ev.update(kw)
    return ev


EVENTS = [
    event("e1"),
    event(
        "e2",
        event_date="2023-03-01",
        event_date_end="2023-03-31",
        time_precision=3,
        certainty="possible",
        country="Syria",
        iso3="SYR",
        admin1="Idlib",
        location="Idlib",
        latitude=35.9,
        longitude=36.6,
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        plover_type="ASSAULT",
        actor1="Military Forces of Syria",
        actor2="Civilians (Syria)",
        fatalities=12,
        notes="Air strike on a market in Idlib.",
        article_ids=["a1", "a2"],
    ),  # fmt: skip
    event(
        "e3",
        event_date="2022-12-31",
        country="Fiji",
        iso3="FJI",
        admin1="Western",
        location="Lautoka",
        latitude=-17.6,
        longitude=179.5,
        event_type="Protests",
        sub_event_type="Peaceful protest",
        plover_type="PROTEST",
        actor1="Protesters (Fiji)",
        actor2=None,
        fatalities=0,
        certainty="confirmed",
        geo_precision=1,
        notes="Teachers marched in Lautoka.",
    ),  # fmt: skip
    event("e4", event_date=None, time_precision=None, latitude=None, longitude=None, notes="Undated report."),
    event("e5", event_date=None, time_precision=None, notes="Another undated one."),
]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The API's store, on an SQLite file and on a PostgreSQL database (each test runs on both)."""
    if request.param == "sqlite":
        path = str(tmp_path_factory.mktemp("api") / "api.db")
    else:
        path = request.getfixturevalue("pg_module_url")
    with open_store(path) as s:
        art = Article(article_id="a1", text=TEXT, title="Clash near Gao", published="2023-03-14",
                      publisher="Daily Herald")  # fmt: skip
        segs = [Segment(0, 29, "masthead", removed=True, reason="site tagline"), Segment(31, 97, "body"),
                Segment(99, 116, "teaser", removed=True, reason="link to another story")]  # fmt: skip
        s.add_result(
            Result(article=art, segments=segs, events=[Event.from_dict(e) for e in EVENTS], problems=[])
        )
        again = [event("e1", article_ids=["a9"])]  # e1 reported again, by a9: the records merge
        s.add_result(
            Result(
                article=Article(article_id="a9", text="x"),
                segments=[],
                events=[Event.from_dict(e) for e in again],
                problems=[],
            )
        )
    return path


@pytest.fixture(scope="module")
def client(db: str) -> TestClient:
    return TestClient(create_app(db, ui=False), raise_server_exceptions=False)


def ids(client: TestClient, **params: Any) -> list[str]:
    return [e["event_id"] for e in get_json(client, "/events", **params)["events"]]


def test_order_and_undated_last(client: TestClient) -> None:
    assert ids(client) == ["e3", "e2", "e1", "e4", "e5"]


FILTER_CASES = [
    ({"country": "mali"}, ["e1", "e4", "e5"]),
    ({"country": "SYR"}, ["e2"]),
    ({"since": "2023-03-13"}, ["e2", "e1"]),  # e2's range overlaps
    ({"until": "2022"}, ["e3"]),
    ({"datetime": "2023-03-02/.."}, ["e2", "e1"]),
    ({"datetime": "../2023-03-01"}, ["e3", "e2"]),
    ({"datetime": "2023-03"}, ["e2", "e1"]),
    ({"admin1": "idlib"}, ["e2"]),
    ({"event_type": "Protests"}, ["e3"]),
    ({"sub_event_type": "air/drone strike"}, ["e2"]),
    ({"plover_type": "FIGHT"}, ["e1", "e4", "e5"]),
    ({"actor": "Daesh"}, ["e1", "e4", "e5"]),  # alias of Islamic State
    ({"actor": "army"}, ["e2", "e1", "e4", "e5"]),  # generic: Military Forces of {country}
    ({"bbox": "-5,10,5,20"}, ["e1", "e5"]),
    ({"bbox": "170,-20,-170,-10"}, ["e3"]),  # crosses the antimeridian
    ({"bbox": "-5,10,5,20", "since": "2023-03-13", "until": "2023-03-13"}, ["e1"]),
    ({"min_certainty": "reported"}, ["e3", "e1", "e4", "e5"]),
    ({"max_time_precision": 1}, ["e3", "e1"]),
    ({"max_geo_precision": 1}, ["e3"]),
    ({"min_sources": 2}, ["e2", "e1"]),  # e1 gained a9 when reported again
    ({"q": "market"}, ["e2"]),
    ({"q": "lauto"}, ["e3"]),  # prefix
    ({"q": "undated report"}, ["e4"]),
    ({"q": "idlib"}, ["e2"]),  # place column
    ({"cameo_root": "19", "updated_since": "2000-01-01"}, []),
]


@pytest.mark.parametrize(("params", "expected"), FILTER_CASES)
def test_filters(client: TestClient, params: dict[str, Any], expected: list[str]) -> None:
    assert ids(client, **params) == expected


@pytest.mark.parametrize(("params", "expected"), FILTER_CASES)
def test_cli_and_store_give_the_api_answer(
    db: str, capsys: pytest.CaptureFixture[str], params: dict[str, Any], expected: list[str]
) -> None:
    """One filter path: the parameters that give ``expected`` from the API (``test_filters``) give
    it from ``Store.events`` and ``dateline events`` too (options named as the parameters, ``-``
    for ``_``)."""
    from dateline.cli import main

    with open_store(db) as store:
        assert [e["event_id"] for e in store.events(**params)] == expected
    argv = [f"--{k.replace('_', '-')}={v}" for k, v in params.items()]
    assert main(["events", "--db", db, *argv]) == 0
    assert [json.loads(line)["event_id"] for line in capsys.readouterr().out.splitlines()] == expected


def test_dense_plan_gives_the_same_pages(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from dateline.store import sqlite_index

    params = {"bbox": "-10,-20,40,40", "since": "2023-01", "until": "2023-12", "fields": "event_id"}
    sparse = ids(client, **params)
    monkeypatch.setattr(sqlite_index, "DENSE", 1)  # walk the date index instead of the R*Tree
    assert ids(client, **params) == sparse == ["e2", "e1"]
    assert ids(client, **params, limit=1) == ["e2"]


def test_updated_since(client: TestClient) -> None:
    assert len(ids(client, updated_since="2000-01-01T00:00:00Z")) == 5
    assert ids(client, updated_since="2999-01-01") == []


def test_fields_projection(client: TestClient) -> None:
    body = client.get("/events", params={"fields": "event_id,fatalities", "limit": 1}).json()
    assert body["events"] == [{"event_id": "e3", "fatalities": 0}]
    body = client.get("/events", params={"fields": "article_ids", "country": "SYR"}).json()
    assert body["events"] == [{"article_ids": ["a1", "a2"]}]


def test_keyset_pages_cover_everything_once(client: TestClient) -> None:
    seen, token, pages = [], None, 0
    while True:
        params: dict[str, Any] = {"limit": 2, "fields": "event_id"}
        if token:
            params["next"] = token
        r = client.get("/events", params=params)
        body = r.json()
        seen += [e["event_id"] for e in body["events"]]
        token, pages = body["next"], pages + 1
        if token is None:
            break
        assert r.headers["link"].endswith('rel="next"') and f"next={token}" in body["links"]["next"]
    assert seen == ["e3", "e2", "e1", "e4", "e5"] and pages == 3


def test_limit_is_bounded(client: TestClient) -> None:
    assert client.get("/events", params={"limit": 10_000}).status_code == 200
    assert client.get("/events", params={"limit": 10_001}).status_code == 422


def test_formats(client: TestClient) -> None:
    r = client.get("/events", params={"format": "csv"})
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0] == CSV_COLUMNS and len(rows) == 6
    r = client.get("/events", headers={"Accept": "application/x-ndjson"})
    assert r.headers["content-type"] == "application/x-ndjson"
    assert [json.loads(x)["event_id"] for x in r.text.splitlines()] == ["e3", "e2", "e1", "e4", "e5"]
    r = client.get("/events", params={"format": "ndjson", "limit": 2})
    assert len(r.text.splitlines()) == 2 and r.headers["x-next-token"]
    gj = client.get("/events", params={"format": "geojson"}).json()
    assert gj["type"] == "FeatureCollection" and gj["features"][0]["geometry"]["coordinates"] == [
        179.5,
        -17.6,
    ]
    assert gj["features"][0]["properties"]["evidence_count"] == 1
    pq = pytest.importorskip("pyarrow.parquet")
    r = client.get("/events", headers={"Accept": "application/vnd.apache.parquet"})
    table = pq.read_table(io.BytesIO(r.content))
    assert table.num_rows == 5 and table.column("article_ids").to_pylist()[1] == ["a1", "a2"]


def test_event_detail_places_evidence_in_paragraphs(client: TestClient) -> None:
    ev = client.get("/events/e1").json()
    (item,) = [e for e in ev["evidence"] if e["field"] == "fatalities"]
    assert item["text"] == TEXT[item["start"] : item["end"]] == "Soldiers killed five militants near"
    assert item["segment"]["kind"] == "body" and item["context"].startswith("Soldiers killed five militants")
    assert ev["articles"][0] == {"article_id": "a1", "found": True, "title": "Clash near Gao",
                                 "publisher": "Daily Herald", "published": "2023-03-14", "url": None}  # fmt: skip
    ev2 = client.get("/events/e2").json()
    assert ev2["articles"][1]["article_id"] == "a2" and ev2["articles"][1]["found"] is False


def test_article_marks_removed_spans(client: TestClient) -> None:
    art = client.get("/articles/a1").json()
    assert art["text"] == TEXT
    assert [(g["kind"], g["text"]) for g in art["removed"]] == [
        ("masthead", "Daily Herald — news you trust"), ("teaser", "Read: Other story")]  # fmt: skip
    assert art["events"] == ["e1", "e2", "e3", "e4", "e5"]


def test_aggregate(client: TestClient) -> None:
    body = client.get("/aggregate", params={"by": "month", "group": "country"}).json()
    assert body["buckets"] == [
        {"period": "2022-12-01", "group": "Fiji", "events": 1, "fatalities": 0},
        {"period": "2023-03-01", "group": "Mali", "events": 1, "fatalities": 5},
        {"period": "2023-03-01", "group": "Syria", "events": 1, "fatalities": 12},
    ]
    assert body["imprecise"] == []  # e2 spans March: inside one month
    weeks = client.get("/aggregate", params={"by": "week", "country": "Mali"}).json()["buckets"]
    assert weeks == [{"period": "2023-03-13", "group": None, "events": 1, "fatalities": 5}]  # a Monday
    weeks = client.get("/aggregate", params={"by": "week", "group": "country"}).json()
    assert weeks["imprecise"] == [{"group": "Syria", "events": 1, "fatalities": 12}]  # e2: not in one week


def test_actors_and_places(client: TestClient) -> None:
    actors = {a["name"]: a for a in client.get("/actors").json()}
    assert actors["Islamic State"]["events"] == 3 and "Daesh" in actors["Islamic State"]["aliases"]
    assert [a["name"] for a in client.get("/actors", params={"q": "fiji"}).json()] == ["Protesters (Fiji)"]
    places = client.get("/places", params={"country": "SYR"}).json()
    assert places == [{"location": "Idlib", "admin2": None, "admin1": "Idlib", "country": "Syria", "iso3": "SYR",
                       "geonameid": None, "latitude": 35.9, "longitude": 36.6, "geo_precision": 2, "events": 1}]  # fmt: skip


def test_changes_feed(client: TestClient) -> None:
    body = client.get("/changes").json()
    kinds = [(c["event_id"], c["kind"], c["into"]) for c in body["changes"]]
    assert kinds == [(e, "created", None) for e in ("e1", "e2", "e3", "e4", "e5")] + [("e1", "updated", None)]
    assert body["next"] == body["changes"][-1]["seq"]
    assert client.get("/changes", params={"since": body["next"]}).json() == {
        "changes": [],
        "next": body["next"],
    }
    assert len(client.get("/changes", params={"since": "2000-01-01T00:00:00Z"}).json()["changes"]) == len(
        kinds
    )
    assert client.get("/changes", params={"since": "2999-01-01"}).json() == {"changes": [], "next": 0}
    assert client.get("/changes", params={"since": 5}).json()["changes"] == body["changes"][5:]
    merged = client.get("/events/e1").json()
    assert merged["article_ids"] == ["a1", "a9"]


# -- errors: one envelope, pinned --------------------------------------------------------------


def test_error_envelope_404(client: TestClient) -> None:
    r = client.get("/events/nope")
    assert r.status_code == 404
    assert r.json() == {"error": {"status": 404, "code": "event_not_found", "message": "no event 'nope'",
                                  "details": None}}  # fmt: skip
    assert client.get("/no/such/route").json() == {
        "error": {"status": 404, "code": "not_found", "message": "Not Found", "details": None}}  # fmt: skip


def test_error_envelope_422(client: TestClient) -> None:
    r = client.get("/events", params={"limit": 0})
    assert r.status_code == 422
    err = r.json()["error"]
    assert (err["status"], err["code"], err["message"]) == (
        422,
        "invalid_parameter",
        "invalid request parameters",
    )
    assert err["details"][0]["loc"] == ["query", "limit"]
    for params, code in (({"bbox": "1,2,3,200"}, "invalid_bbox"), ({"since": "2023-02-30"}, "invalid_date"),
                         ({"next": "garbage!"}, "invalid_cursor"), ({"fields": "nope"}, "invalid_fields"),
                         ({"updated_since": "yesterday"}, "invalid_datetime")):  # fmt: skip
        r = client.get("/events", params=params)
        assert (r.status_code, set(r.json()), r.json()["error"]["code"]) == (422, {"error"}, code)


def test_error_envelope_405_and_read_only(client: TestClient, db: str) -> None:
    r = client.post("/events", json={})
    assert r.status_code == 405 and r.json()["error"]["code"] == "method_not_allowed"
    methods = {m for route in client.app.routes for m in getattr(route, "methods", set())}
    assert methods <= {"GET", "HEAD"}
    with pytest.raises(Exception, match="readonly|read-only"):
        client.app.state.store.add_problem(Problem("x", "y", "z"))


def test_error_envelope_500(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*a: Any, **k: Any) -> None:
        raise RuntimeError("secret detail")

    monkeypatch.setattr(Store, "event_page", boom)
    r = TestClient(create_app(db, ui=False), raise_server_exceptions=False).get("/events")
    assert r.status_code == 500
    assert r.json() == {"error": {"status": 500, "code": "internal_error", "message": "internal server error",
                                  "details": None}}  # fmt: skip


def test_openapi_documents_the_envelope(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/events", "/events/{event_id}", "/articles/{article_id}", "/aggregate", "/actors", "/places",
            "/changes", "/stats"} <= set(spec["paths"])  # fmt: skip
    for path, ops in spec["paths"].items():
        resp = ops["get"]["responses"]
        if path != "/stats":
            assert resp["422"]["content"]["application/json"]["schema"]["$ref"].endswith("ErrorEnvelope"), (
                path
            )
    assert set(spec["paths"]["/events"]["get"]["responses"]["200"]["content"]) >= {
        "application/json",
        "text/csv",
        "application/x-ndjson",
        "application/geo+json",
        "application/vnd.apache.parquet",
    }


# -- the page bundle and older database files ---------------------------------------------------


def test_missing_bundle_fails_clearly(db: str, tmp_path: Path) -> None:
    with pytest.raises(BundleMissing, match=r"npm ci && npm run build"):
        create_app(db, static=tmp_path)
    for name in ("index.html", "app.js", "app.css", "countries.json"):
        (tmp_path / name).write_text("<!doctype html><title>x</title>" if name == "index.html" else "{}")
    c = TestClient(create_app(db, static=tmp_path))
    assert c.get("/").text.startswith("<!doctype html>") and c.get("/static/app.js").status_code == 200


def test_older_file_gains_indexes_and_changes(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with Store(str(path)) as s:
        s.add_result(Result(article=Article(article_id="a1", text=TEXT), segments=[], events=[Event.from_dict(event("e1"))],
                            problems=[]))  # fmt: skip
    con = sqlite3.connect(path)  # strip everything added after the first release
    con.executescript("DROP TRIGGER events_ix_ai; DROP TRIGGER events_ix_au; DROP TRIGGER events_ix_ad;"
                      "DROP TABLE event_rtree; DROP TABLE event_fts; DROP TABLE event_keys; DROP TABLE changes;")  # fmt: skip
    con.close()
    c = TestClient(create_app(str(path), ui=False))
    assert ids(c, bbox="-5,10,5,20", q="militants") == ["e1"]
    assert c.get("/changes").json() == {"changes": [], "next": 0}


def test_postgresql_statements_compile() -> None:
    """No PostgreSQL server in CI: at least the dialect-specific SQL must compile."""
    from types import SimpleNamespace

    from sqlalchemy import select
    from sqlalchemy.dialects import postgresql

    from dateline.ingest import rules
    from dateline.lookup.actors import load_kb
    from dateline.serve.params import EventFilters, instant
    from dateline.store import derived, filters

    pg = postgresql.dialect()
    f = EventFilters(since="2023-01-01", until="2023-12-31", country="Mali", actor="Daesh", bbox=(170.0, -20.0, -170.0, 0.0),
                     min_certainty="reported", min_sources=2, q="ferry attack", updated_since=instant("2024-01-01"))  # fmt: skip
    where = filters.conditions(SimpleNamespace(dialect=pg), f, actor_names=rules(load_kb()).actor_names)
    sql = str(select(filters.E.event_id).where(*where).compile(dialect=pg))
    assert "ILIKE" in sql and "event_rtree" not in sql and "json_array_length" in sql
    agg = str(select(derived.period("postgresql", "week", filters.E.event_date)).compile(dialect=pg))
    assert "date_trunc" in agg and "CAST(events.event_date AS DATE)" in agg
