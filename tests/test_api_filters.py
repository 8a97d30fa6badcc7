"""ACLED- and GDELT-style filters, sorting, aggregates, per-actor and per-place summaries and OGC API
Features, on SQLite and PostgreSQL; the one filter path (API = ``Store.events`` = ``dateline
events``), checked against the CSV's own derivations (``export.acled_row``)."""

from __future__ import annotations

import argparse
import json
import re
import shlex
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402
from support import ROOT, get_json  # noqa: E402
from test_api import event  # noqa: E402

from dateline import export, regions  # noqa: E402
from dateline.cli import build_parser, main  # noqa: E402
from dateline.cli_options import EXAMPLES, dash_values  # noqa: E402
from dateline.ingest import open_store  # noqa: E402
from dateline.records import Article, Event, Result  # noqa: E402
from dateline.serve import create_app  # noqa: E402
from dateline.store.filters import make_filters  # noqa: E402

TODAY = datetime.now(UTC).date()


def _ago(days: int) -> str:
    return (TODAY - timedelta(days=days)).isoformat()


def _ev(eid: str, **kw: Any) -> dict[str, Any]:
    return event(eid, article_ids=["a1"], **kw)


# fmt: off
EVENTS = [
    _ev("f01", event_date="2024-05-30", event_date_end="2024-06-02", time_precision=2, fatalities=3,
        inter1=1, inter2=2, iso3="MLI", country="Mali"),
    _ev("f02", event_date="2024-06-10", fatalities=0, event_type="Protests", sub_event_type="Peaceful protest",
        actor1="Protesters (Kenya)", actor2=None, inter1=6, inter2=None, iso3="KEN", country="Kenya",
        admin1="Nairobi", location="Nairobi", latitude=-1.28, longitude=36.82),
    _ev("f03", event_date="2024-06-11", fatalities=12, event_type="Violence against civilians",
        sub_event_type="Attack", actor1="Islamic State", actor2="Civilians (Iraq)", inter1=2, inter2=7,
        iso3="IRQ", country="Iraq", admin1="Nineveh", location="Mosul", latitude=36.34, longitude=43.13,
        geonameid=99072),
    _ev("f04", event_date="2024-07-01", fatalities=None, event_type="Riots", sub_event_type="Mob violence",
        actor1="Rioters (Kenya)", actor2="Civilians (Kenya)", inter1=5, inter2=7, iso3="KEN", country="Kenya",
        admin1="Nairobi", location="Nairobi", latitude=-1.28, longitude=36.82),
    _ev("f05", event_date="2024-04-02", fatalities=7, event_type="Strategic developments",
        sub_event_type="Looting/property destruction", actor1="Islamic State", actor2=None, inter1=2,
        inter2=None, iso3="IRQ", country="Iraq", admin1="Nineveh", location="Mosul", latitude=36.34,
        longitude=43.13, geonameid=99072),
    _ev("f06", event_date=_ago(3), fatalities=40, actor1="Military Forces of Mali", actor2="Islamic State",
        inter1=1, inter2=2, iso3="MLI", country="Mali"),
    _ev("f07", event_date=_ago(40), event_date_end=_ago(38), time_precision=2, fatalities=1,
        event_type="Explosions/Remote violence", sub_event_type="Air/drone strike", inter1=8, inter2=7,
        actor1="Military Forces of France", actor2="Civilians (Mali)", iso3="MLI", country="Mali"),
    _ev("f08", event_date=None, time_precision=None, fatalities=2, inter1=3, inter2=4, iso3="FRA",
        country="France", admin1="Ile-de-France", location="Paris", latitude=48.85, longitude=2.35),
    _ev("f09", event_date="2024-06-20", event_date_end="2024-06-25", time_precision=2, fatalities=5,
        actor1="Islamic State", actor2="Islamic State", inter1=2, inter2=2, iso3="IRQ", country="Iraq",
        admin1="Nineveh", location="Mosul", latitude=36.34, longitude=43.13, geonameid=99072),
]
# fmt: on
IDS = [e["event_id"] for e in EVENTS]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "sqlite":
        path = str(tmp_path_factory.mktemp("filters") / "f.db")
    else:
        path = request.getfixturevalue("pg_module_url")
    with open_store(path) as s:
        s.add_result(Result(article=Article(article_id="a1", text="x" * 200), segments=[],
                            events=[Event.from_dict(e) for e in EVENTS], problems=[]))  # fmt: skip
    return path


@pytest.fixture(scope="module")
def client(db: str) -> TestClient:
    return TestClient(create_app(db, ui=False), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def stored(db: str) -> list[dict[str, Any]]:
    with open_store(db) as s:
        return s.events()


def ids(client: TestClient, **params: Any) -> list[str]:
    return [e["event_id"] for e in get_json(client, "/events", limit=1000, **params)["events"]]


# -- filters: the API's answer is the CSV derivation's, and the CLI's and the store's -----------------

# the export's derivations (functions, not CSV cells: the CSV's cell formats may change)
ACLED = {
    e["event_id"]: {
        "disorder_type": export.disorder_type(e["event_type"], e["sub_event_type"]),
        "interaction": export.interaction(e["inter1"], e["inter2"]),
        "region": export.region(e["iso3"]),
        "civilian_targeting": export.acled_row(e)["civilian_targeting"] == "Civilian targeting",
    }
    for e in EVENTS
}


def _where(pred: Any) -> set[str]:
    return {eid for eid in IDS if pred(ACLED[eid], next(e for e in EVENTS if e["event_id"] == eid))}


CASES: list[tuple[dict[str, Any], set[str]]] = [
    ({"min_fatalities": 5}, _where(lambda a, e: e["fatalities"] is not None and e["fatalities"] >= 5)),
    ({"max_fatalities": 2}, _where(lambda a, e: e["fatalities"] is not None and e["fatalities"] <= 2)),
    ({"min_fatalities": 0}, _where(lambda a, e: e["fatalities"] is not None)),  # unknown toll: no match
    ({"inter": 7}, _where(lambda a, e: 7 in (e["inter1"], e["inter2"]))),
    ({"inter": "civilians"}, _where(lambda a, e: 7 in (e["inter1"], e["inter2"]))),
    ({"inter": "State forces"}, _where(lambda a, e: 1 in (e["inter1"], e["inter2"]))),
    ({"inter": "rebel groups"}, _where(lambda a, e: 2 in (e["inter1"], e["inter2"]))),
    ({"inter": "External/Other forces"}, {"f07"}),
    ({"interaction": 27}, _where(lambda a, e: a["interaction"] == 27)),
    ({"interaction": "Civilians-Rebel group"}, _where(lambda a, e: a["interaction"] == 27)),
    ({"interaction": 60}, _where(lambda a, e: a["interaction"] == 60)),
    ({"interaction": "protesters"}, _where(lambda a, e: a["interaction"] == 60)),
    ({"interaction": "Protesters only"}, _where(lambda a, e: a["interaction"] == 60)),  # the export's text
    ({"interaction": 22}, {"f09"}),
    (
        {"disorder_type": "Political violence"},
        _where(lambda a, e: "Political violence" in a["disorder_type"]),
    ),
    ({"disorder_type": "demonstrations"}, _where(lambda a, e: "Demonstrations" in a["disorder_type"])),
    ({"disorder_type": "Strategic developments"}, {"f05"}),
    ({"civilian_targeting": "true"}, _where(lambda a, e: a["civilian_targeting"])),
    ({"civilian_targeting": "false"}, _where(lambda a, e: not a["civilian_targeting"])),
    ({"region": "Middle East"}, _where(lambda a, e: a["region"] == "Middle East")),
    ({"region": "eastern africa"}, _where(lambda a, e: a["region"] == "Eastern Africa")),
    ({"region": "3"}, _where(lambda a, e: a["region"] == "Eastern Africa")),  # ACLED's number for it
    ({"region": "Europe"}, {"f08"}),
    ({"geonameid": 99072}, _where(lambda a, e: e["geonameid"] == 99072)),
    ({"location": "NAIROBI"}, _where(lambda a, e: e["location"] == "Nairobi")),
    ({"location": "mosul", "country": "iraq"}, _where(lambda a, e: e["location"] == "Mosul")),
    ({"timespan": "7d"}, {"f06"}),
    ({"timespan": "6w"}, {"f06", "f07"}),
    ({"timespan": "100d", "until": _ago(10)}, {"f07"}),  # the fixed 2024 dates lie further back
    ({"timespan": "3650d", "since": _ago(20)}, {"f06"}),  # the later bound wins
]


def test_cases_are_not_trivial() -> None:
    """Each expectation picks some events and leaves others (a filter that is ignored fails)."""
    for params, expected in CASES:
        assert expected and set(IDS) - expected, params


@pytest.mark.parametrize(("params", "expected"), CASES)
def test_filter_matches_the_csv_derivation(
    client: TestClient, params: dict[str, Any], expected: set[str]
) -> None:
    assert set(ids(client, **params)) == expected


@pytest.mark.parametrize(("params", "expected"), CASES[::3])
def test_cli_and_store_give_the_api_answer(
    db: str, capsys: pytest.CaptureFixture[str], params: dict[str, Any], expected: set[str]
) -> None:
    with open_store(db) as store:
        assert {e["event_id"] for e in store.events(**params)} == expected
    argv = [f"--{k.replace('_', '-')}={v}" for k, v in params.items()]
    assert main(["events", "--db", db, *argv]) == 0
    assert {json.loads(line)["event_id"] for line in capsys.readouterr().out.splitlines()} == expected


@pytest.mark.parametrize(
    ("param", "value"),
    [("inter", "9"), ("inter", "pirates"), ("interaction", "71"), ("interaction", "19"), ("interaction", "Civilians-Aliens"),
     ("interaction", "Civilians-Rioters-Protesters"),
     ("disorder_type", "Violence"), ("region", "Atlantis"), ("region", "6"), ("timespan", "7x"), ("timespan", "d"),
     ("min_fatalities", "-1"), ("geonameid", "Mosul"), ("geonameid", "0"), ("geonameid", str(2**31)),
     ("civilian_targeting", "maybe"), ("sort", "actor1")],
)  # fmt: skip
def test_bad_values_are_422_and_cli_usage_errors(
    client: TestClient, db: str, capsys: pytest.CaptureFixture[str], param: str, value: str
) -> None:
    assert get_json(client, "/events", 422, **{param: value})["error"]["status"] == 422
    with pytest.raises(SystemExit) as exit:
        main(["events", "--db", db, f"--{param.replace('_', '-')}={value}"])
    assert exit.value.code == 2


def test_place_filters_are_whole_names(client: TestClient) -> None:
    """``location`` and ``admin2`` compare the whole name (``q`` is the word search)."""
    assert ids(client, location="Mosu") == [] and ids(client, location="Nairobi City") == []
    assert set(ids(client, q="Mosul")) == set(ids(client, location="Mosul")) != set()


def test_sort_descending_as_a_separate_argument(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """``--sort -fatalities`` as the help's example writes it (argparse alone refuses the value)."""
    assert main(["events", "--db", db, "--sort", "-fatalities", "--min-fatalities", "1"]) == 0
    tolls = [json.loads(line)["fatalities"] for line in capsys.readouterr().out.splitlines()]
    assert len(tolls) > 2 and tolls == sorted(tolls, reverse=True)
    for example in EXAMPLES["events"] + EXAMPLES["export"]:  # every query example parses
        build_parser().parse_args(dash_values(shlex.split(example)[1:]))
    assert dash_values(["ingest", "--", "--sort", "-x"]) == ["ingest", "--", "--sort", "-x"]


def test_every_region_name_finds_exactly_its_countries() -> None:
    for name in regions.region_names():
        iso3s = regions.region_iso3s(name.upper()) or set()
        assert all(regions.region(c) == name for c in iso3s), name


def test_inter_names_and_codes() -> None:
    assert [regions.inter_code(n[0]) for n in regions.INTER_NAMES.values()] == list(range(1, 9))
    assert (
        regions.inter_code("3") == 3 and regions.inter_code("0") is None and regions.inter_code("9") is None
    )


# -- sort: every order, pages keyed by the sort, correct across page boundaries -------------------------


def _expected_order(stored: list[dict[str, Any]], sort: str) -> list[str]:
    name, desc = sort.lstrip("-"), sort.startswith("-")
    keyed = [e for e in stored if e.get(name) is not None]
    keyed.sort(key=lambda e: (e[name], e["event_id"]), reverse=desc)
    rest = sorted(e["event_id"] for e in stored if e.get(name) is None)
    return [e["event_id"] for e in keyed] + rest


@pytest.mark.parametrize(
    "sort", ["event_date", "-event_date", "fatalities", "-fatalities", "timestamp", "-timestamp"]
)
@pytest.mark.parametrize("box", [None, "-180,-90,180,90"])
def test_sorted_keyset_pages(
    client: TestClient, stored: list[dict[str, Any]], sort: str, box: str | None
) -> None:
    expected = _expected_order(stored, sort)
    assert len(expected) == len(EVENTS)
    extra = {"bbox": box} if box else {}
    if box:  # a box drops the unplaced event(s)
        expected = [
            i for i in expected if next(e for e in stored if e["event_id"] == i)["latitude"] is not None
        ]
    assert ids(client, sort=sort, **extra) == expected
    got, token = [], None
    for _ in range(20):
        params = {
            "sort": sort,
            "limit": 2,
            "fields": "event_id",
            **extra,
            **({"next": token} if token else {}),
        }
        body = get_json(client, "/events", **params)
        got += [e["event_id"] for e in body["events"]]
        token = body["next"]
        if not token:
            break
    assert got == expected


def test_a_token_is_for_its_sort(client: TestClient) -> None:
    token = get_json(client, "/events", sort="-fatalities", limit=2)["next"]
    assert get_json(client, "/events", 422, next=token)["error"]["code"] == "invalid_cursor"
    assert get_json(client, "/events", 200, sort="-fatalities", next=token)["events"]


# -- /aggregate --------------------------------------------------------------------------------------


@pytest.mark.parametrize("by", ["day", "week", "month", "year"])
def test_aggregate_counts_each_event_once_in_a_bucket_or_as_imprecise(client: TestClient, by: str) -> None:
    body = get_json(client, "/aggregate", by=by)
    total = sum(b["events"] for b in body["buckets"]) + sum(g["events"] for g in body["imprecise"])
    assert total == len([e for e in EVENTS if e["event_date"]])
    dead = sum(b["fatalities"] for b in body["buckets"]) + sum(g["fatalities"] for g in body["imprecise"])
    assert dead == sum(e["fatalities"] or 0 for e in EVENTS if e["event_date"])


def test_since_gives_no_bucket_before_it(client: TestClient) -> None:
    body = get_json(client, "/aggregate", by="month", since="2024-06", until="2024-06")
    assert body["buckets"] and all(b["period"] >= "2024-06-01" for b in body["buckets"])
    assert body["buckets"] == [{"period": "2024-06-01", "group": None, "events": 3, "fatalities": 17}]
    assert body["imprecise"] == [{"group": None, "events": 1, "fatalities": 3}]  # f01: May 30 to June 2
    weeks = get_json(client, "/aggregate", by="week", since="2024-06", until="2024-06")
    # no bucket before the week that holds June 1 (f01, Thursday to Sunday); f09 spans two weeks
    assert [(b["period"], b["events"]) for b in weeks["buckets"]] == [("2024-05-27", 1), ("2024-06-10", 2)]
    assert weeks["imprecise"] == [{"group": None, "events": 1, "fatalities": 5}]


def test_aggregate_groups(client: TestClient) -> None:
    year = {(b["period"], b["group"]): b["events"] for b in get_json(client, "/aggregate", by="year", group="disorder_type",
                                                                  until="2024-12")["buckets"]}  # fmt: skip
    assert year == {("2024-01-01", "Political violence"): 3, ("2024-01-01", "Demonstrations"): 1,
                    ("2024-01-01", "Political violence; Demonstrations"): 1,
                    ("2024-01-01", "Strategic developments"): 1}  # fmt: skip
    actors = get_json(client, "/aggregate", by="year", group="actor", until="2024-12")
    counted = {(b["group"]): b["events"] for b in actors["buckets"]}
    in_2024 = [e for e in EVENTS if (e["event_date"] or "9")[:4] == "2024"]
    # each side once (f09 has Islamic State on both sides: counted once); f04 under each of its two sides
    assert (
        counted["Islamic State"] == sum("Islamic State" in (e["actor1"], e["actor2"]) for e in in_2024) == 4
    )
    assert counted["Rioters (Kenya)"] == counted["Civilians (Kenya)"] == 1
    assert counted["Protesters (Kenya)"] == 1 and None not in counted
    admin = {b["group"] for b in get_json(client, "/aggregate", by="year", group="admin1")["buckets"]}
    assert {"Nineveh", "Nairobi"} <= admin
    assert get_json(client, "/aggregate", 422, group="actor1")["error"]["code"] == "invalid_parameter"


def test_aggregate_takes_the_new_filters(client: TestClient) -> None:
    body = get_json(client, "/aggregate", by="year", group="country", min_fatalities=10, region="Middle East")
    assert body["buckets"] == [{"period": "2024-01-01", "group": "Iraq", "events": 1, "fatalities": 12}]


# -- per-actor and per-place summaries ------------------------------------------------------------------


def test_actor_summary(client: TestClient) -> None:
    s = get_json(client, "/actors/daesh")  # an alias: the canonical name's summary
    mine = [e for e in EVENTS if "Islamic State" in (e["actor1"], e["actor2"])]
    assert s["name"] == "Islamic State" and "Daesh" in s["aliases"] and s["inter"] == 2
    assert s["events"] == len(mine) and s["fatalities"] == sum(e["fatalities"] or 0 for e in mine)
    assert s["first_date"] == min(e["event_date"] for e in mine if e["event_date"])
    assert s["roles"] == {"actor1": sum(e["actor1"] == "Islamic State" for e in EVENTS),
                          "actor2": sum(e["actor2"] == "Islamic State" for e in EVENTS), "assoc_actor": 0}  # fmt: skip
    partners: dict[str, int] = {}
    for e in mine:  # the other side, each event once; never the actor itself
        other = e["actor2"] if e["actor1"] == "Islamic State" else e["actor1"]
        if other and other != "Islamic State":
            partners[other] = partners.get(other, 0) + 1
    assert {p["name"]: p["events"] for p in s["partners"]} == partners and len(partners) == 2
    assert s["places"][0] == {"location": "Mosul", "admin1": "Nineveh", "country": "Iraq", "geonameid": 99072,
                              "events": 3}  # fmt: skip
    assert sum(t["events"] for t in s["by_type"]) == s["events"]
    assert [m["period"] for m in s["by_month"]] == sorted(m["period"] for m in s["by_month"])
    assert get_json(client, "/actors/Islamic State", since="2024-06-15", until="2024-06-30")["events"] == 1
    assert get_json(client, "/actors/Nobody at all", 404)["error"]["code"] == "actor_not_found"


def test_place_summary(client: TestClient) -> None:
    by_id = get_json(client, "/places/99072")
    assert by_id["level"] == "geonameid" and by_id["name"] == "Mosul" and by_id["events"] == 3
    assert {a["name"] for a in by_id["actors"]} == {"Islamic State", "Civilians (Iraq)"}
    assert get_json(client, "/places/mosul")["level"] == "location"
    kenya = get_json(client, "/places/KEN")
    assert kenya["level"] == "country" and kenya["events"] == 2 and kenya["fatalities"] == 0
    assert get_json(client, "/places/nairobi")["level"] == "admin1"  # Nairobi county holds Nairobi city
    assert get_json(client, "/places/Mali", 404, since="2099")["error"]["code"] == "place_not_found"
    assert get_json(client, "/places/Atlantis", 404)["error"]["code"] == "place_not_found"


def _store_with(url: str, events: list[dict[str, Any]]) -> None:
    with open_store(url) as s:
        s.add_result(Result(article=Article(article_id="a1", text="x" * 200), segments=[],
                            events=[Event.from_dict(e) for e in events], problems=[]))  # fmt: skip


_INDIA = {"country": "India", "iso3": "IND", "admin1": "Gujarat"}


def test_a_place_name_finds_the_widest_unit_it_names(db_url: str) -> None:
    """A state-level event placed at "Gujarat" does not hide the state's other events."""
    _store_with(db_url, [
        _ev("g1", location="Ahmedabad", geonameid=1279233, geo_precision=1, **_INDIA),
        _ev("g2", location="Surat", geonameid=1255364, geo_precision=1, **_INDIA),
        _ev("g3", location="Gujarat", geonameid=1270770, geo_precision=3, **_INDIA),
    ])  # fmt: skip
    with open_store(db_url) as store:
        state = store.place_summary(make_filters(), "gujarat", 10)
        assert state is not None and (state["level"], state["events"]) == ("admin1", 3)
        exact = store.place_summary(make_filters(), "1270770", 10)  # a GeoNames id stays exact
        assert exact is not None and (exact["level"], exact["events"]) == ("geonameid", 1)
        city = store.place_summary(make_filters(), "SURAT", 10)
        assert city is not None and (city["level"], city["name"], city["events"]) == ("location", "Surat", 1)
        india = store.place_summary(make_filters(), "india", 10)
        assert india is not None and (india["level"], india["events"]) == ("country", 3)


def test_case_folds_beyond_ascii(db_url: str) -> None:
    """SQLite's lower() and LIKE fold ASCII only; the filters fold like PostgreSQL's."""
    _store_with(db_url, [
        _ev("u1", actor1="Forces Armées Maliennes", actor2="Ansar Dine", location="Ségou", admin1="Ségou",
            admin2="Ségou Cercle", country="Mali", iso3="MLI"),
        _ev("u2", actor1="Military Forces of Mali", location="Gao", admin1="Gao", country="Mali", iso3="MLI"),
    ])  # fmt: skip
    with open_store(db_url) as store:
        for params in ({"actor": "FORCES ARMÉES"}, {"actor": "forces armées"}, {"location": "SÉGOU"},
                       {"admin2": "ségou cercle"}, {"admin1": "SÉGOU"}):  # fmt: skip
            assert [e["event_id"] for e in store.events(**params)] == ["u1"], params
        assert store.actors("ARMÉES", None, 10) == [("Forces Armées Maliennes", 1)]
        assert [p["location"] for p in store.places("SÉG", None, 10)] == ["Ségou"]
        assert store.place_summary(make_filters(), "SÉGOU", 10)["events"] == 1
        assert store.events(actor="FORCES_ARM") == []  # LIKE's wildcards stay escaped


# -- OGC API Features (Part 1 core requirements that can be checked offline) --------------------------


def test_ogc_landing_conformance_collections(client: TestClient) -> None:
    landing = get_json(client, "/ogc")
    rels = {link["rel"] for link in landing["links"]}
    assert {"self", "service-desc", "conformance", "data"} <= rels  # /req/core/root-success
    assert all({"href", "rel", "type", "title"} <= set(link) for link in landing["links"])
    conf = get_json(client, "/conformance")["conformsTo"]
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in conf
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson" in conf
    cols = get_json(client, "/collections")
    assert [c["id"] for c in cols["collections"]] == ["events"]
    one = get_json(client, "/collections/events")
    assert one["itemType"] == "feature" and {link["rel"] for link in one["links"]} >= {"self", "items"}
    w, s, e, n = one["extent"]["spatial"]["bbox"][0]
    assert -180 <= w <= e <= 180 and -90 <= s <= n <= 90
    first, last = one["extent"]["temporal"]["interval"][0]
    assert first == min(ev["event_date"] for ev in EVENTS if ev["event_date"]) and last >= first


def test_ogc_items(client: TestClient) -> None:
    r = client.get("/collections/events/items", params={"limit": 3, "bbox": "-180,-90,180,90"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/geo+json")
    body = r.json()
    assert body["type"] == "FeatureCollection" and body["numberReturned"] == len(body["features"]) == 3
    assert "numberMatched" not in body  # more pages: not counted
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", body["timeStamp"])
    rels = {link["rel"]: link for link in body["links"]}
    assert set(rels) == {"self", "next", "collection"} and rels["next"]["type"] == "application/geo+json"
    seen = [f["id"] for f in body["features"]]
    url = rels["next"]["href"]
    while url:  # follow the next links to the end
        page = client.get(url).json()
        seen += [f["id"] for f in page["features"]]
        url = next((link["href"] for link in page["links"] if link["rel"] == "next"), None)
    placed = [e["event_id"] for e in EVENTS if e["latitude"] is not None]
    assert sorted(seen) == sorted(placed)
    small = get_json(client, "/collections/events/items", datetime="2024-06-01/2024-06-30", limit=100)
    assert small["numberMatched"] == small["numberReturned"] == 4  # f01, f02, f03, f09
    # RFC 3339 date-times, as OGC clients (QGIS) send them: the same days, on both routes
    stamps = "2024-06-01T00:00:00.000+00:00/2024-06-30T23:59:59.999+00:00"
    assert get_json(client, "/collections/events/items", datetime=stamps, limit=100)["numberReturned"] == 4
    assert len(ids(client, datetime=stamps)) == 4
    assert get_json(client, "/collections/events/items", limit=10**9)["numberReturned"] == len(
        EVENTS
    )  # capped
    too_long = {"bbox": "1," * 60}  # past the parameter's max_length: FastAPI's check, still a 400
    for bad in (
        {"foo": "1"},
        {"bbox": "1,2,3"},
        {"limit": "0"},
        {"datetime": "yesterday"},
        {"next": "xx"},
        too_long,
    ):
        assert get_json(client, "/collections/events/items", 400, **bad)["error"]["status"] == 400, bad
    feature = get_json(client, "/collections/events/items/f03")
    assert feature["type"] == "Feature" and feature["id"] == "f03"
    assert feature["geometry"] == {"type": "Point", "coordinates": [43.13, 36.34]}
    assert get_json(client, "/collections/events/items/nope", 404)["error"]["code"] == "event_not_found"


def test_events_geojson_carries_the_ogc_links(client: TestClient) -> None:
    body = get_json(client, "/events", format="geojson", limit=2)
    assert body["numberReturned"] == 2 and body["next"]
    assert [link["rel"] for link in body["links"]] == ["self", "next", "collection"]
    assert all({"href", "rel", "type", "title"} <= set(link) for link in body["links"])


# -- parity: every API filter has its CLI twin and is documented ------------------------------------------

PAGE_PARAMS = {"fields", "limit", "next", "format"}


def _cli_options(command: str) -> set[str]:
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return {o for a in sub.choices[command]._actions for o in a.option_strings}


def test_every_api_filter_has_a_cli_twin_and_docs(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    api = {
        p["name"] for p in spec["paths"]["/events"]["get"]["parameters"] if p["in"] == "query"
    } - PAGE_PARAMS
    assert {
        "min_fatalities",
        "inter",
        "disorder_type",
        "civilian_targeting",
        "region",
        "sort",
        "timespan",
    } <= api
    import inspect

    assert api == set(inspect.signature(make_filters).parameters), "API filters and make_filters differ"
    agg = {p["name"] for p in spec["paths"]["/aggregate"]["get"]["parameters"] if p["in"] == "query"}
    assert api <= agg, f"/aggregate lacks {api - agg}"
    api_md = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    filters_table = api_md.split("### `/events` filters", 1)[1].split("Order:", 1)[0]
    cli_md = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for command in ("events", "export"):
        options = _cli_options(command)
        missing = sorted(p for p in api if f"--{p.replace('_', '-')}" not in options)
        assert not missing, f"API filters without a `dateline {command}` option: {missing}"
    undocumented = sorted(p for p in api if not re.search(rf"`{p}[`=,]", filters_table))
    assert not undocumented, f"API filters not in docs/api.md's filter table: {undocumented}"
    not_in_cli = sorted(p for p in api if f"`--{p.replace('_', '-')}" not in cli_md)
    assert not not_in_cli, f"filters not in docs/cli.md: {not_in_cli}"


def test_timespan_is_relative_to_the_utc_clock() -> None:
    before = datetime.now(UTC)
    day, fortnight, year = (make_filters(timespan=t).since for t in ("24h", "2w", "1y"))
    after = datetime.now(UTC)
    assert day in {(t - timedelta(hours=24)).date().isoformat() for t in (before, after)}
    assert fortnight in {(t - timedelta(days=14)).date().isoformat() for t in (before, after)}
    assert year in {(t - timedelta(days=365)).date().isoformat() for t in (before, after)}


def test_acled_region_numbers_and_southern_africa() -> None:
    """ACLED's API numbers its regions (1 Western Africa … 4 Southern Africa, 11 Middle East); its
    Southern Africa holds Mozambique, Zimbabwe, Angola, Malawi, Zambia and Madagascar."""
    assert regions.region_name("4") == "Southern Africa" and regions.region_name("11") == "Middle East"
    assert regions.region_name("8") is None and regions.region_name("southern AFRICA") == "Southern Africa"
    assert {regions.region(c) for c in ("MOZ", "ZWE", "AGO", "MWI", "ZMB", "MDG", "ZAF")} == {
        "Southern Africa"
    }
    assert regions.region("KEN") == "Eastern Africa" and regions.region("COD") == "Middle Africa"
