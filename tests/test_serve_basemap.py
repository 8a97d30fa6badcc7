"""serve/basemap.py: the place labels' box query over a small invented gazetteer index, the tile URL
check (E052), its origin in the CSP's img-src only, and /basemap/config.json."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from dateline.config import Config  # noqa: E402
from dateline.errors import DatelineError  # noqa: E402
from dateline.ingest import open_store  # noqa: E402
from dateline.lookup.gazetteer import index_path  # noqa: E402
from dateline.serve import create_app  # noqa: E402
from dateline.serve.basemap import Places, tile_origin  # noqa: E402

TILES = "https://tiles.example.org/{z}/{x}/{y}.png"
# name, lat, lon, population, kind
ROWS = [
    ("Bigtown", 10.0, 20.0, 900_000, "city"),
    ("Midtown", 10.5, 20.5, 50_000, "city"),
    ("Hamlet", 10.2, 20.1, 600, "city"),
    ("Farville", -40.0, 100.0, 2_000_000, "city"),
    ("Eastisle", -17.0, 179.5, 30_000, "city"),
    ("Westisle", -17.2, -179.5, 20_000, "city"),
    ("Someprovince", 10.1, 20.2, 5_000_000, "admin1"),  # not a populated place: never a label
]


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder holding a tiny index with the gazetteer's ``places`` table (no real build)."""
    folder = tmp_path_factory.mktemp("cache")
    db = sqlite3.connect(index_path(folder))
    db.execute(
        "CREATE TABLE places (pid INTEGER PRIMARY KEY, name TEXT, geonameid INTEGER, lat REAL, lon REAL,"
        " cc TEXT, iso3 TEXT, country TEXT, admin1 TEXT, admin2 TEXT, a1code TEXT, kind TEXT, population INTEGER)"
    )
    db.executemany(
        "INSERT INTO places (name, lat, lon, population, kind, cc, admin1) VALUES (?,?,?,?,?,'XX','A')", ROWS
    )
    db.commit()
    db.close()
    return folder


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("store") / "b.db")
    open_store(path).close()
    return path


def test_places_in_a_box_come_largest_first_and_only_populated_places(cache: Path) -> None:
    places = Places(Config(cache=str(cache)))
    names = [p["name"] for p in places.within(19, 9, 21, 11, 10)]
    assert names == ["Bigtown", "Midtown", "Hamlet"]
    assert [p["name"] for p in places.within(19, 9, 21, 11, 1)] == ["Bigtown"]  # the limit keeps the largest
    assert places.within(0, 0, 1, 1, 10) == []


def test_a_box_across_the_antimeridian(cache: Path) -> None:
    places = Places(Config(cache=str(cache)))
    assert {p["name"] for p in places.within(179, -18, -179, -16, 10)} == {"Eastisle", "Westisle"}


def test_places_route_folds_longitudes_and_checks_its_box(cache: Path, db: str) -> None:
    c = TestClient(create_app(db, ui=False, config=Config(cache=str(cache))))
    box = {"west": 379, "south": 9, "east": 381, "north": 11}  # 20° once round the world
    r = c.get("/basemap/places", params=box)
    assert r.status_code == 200 and [p["name"] for p in r.json()["places"]] == [
        "Bigtown",
        "Midtown",
        "Hamlet",
    ]
    bad = c.get("/basemap/places", params={**box, "south": 12})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_parameter"
    assert c.get("/basemap/places", params={**box, "limit": 100_000}).status_code == 422
    assert "/basemap/places" not in c.get("/openapi.json").json()["paths"]  # page plumbing, not API


def test_tile_url_is_checked() -> None:
    assert tile_origin(TILES) == "https://tiles.example.org"
    assert tile_origin("http://localhost:8080/t/{z}/{x}/{y}.png") == "http://localhost:8080"
    for bad in (
        "tiles.example.org/{z}/{x}/{y}.png",
        "https://tiles.example.org/{z}/{x}.png",
        "javascript:{z}{x}{y}",
    ):
        with pytest.raises(DatelineError) as exc:
            tile_origin(bad)
        assert exc.value.code == "E052"


def test_offline_by_default_and_the_tile_origin_allowed_for_images_only(cache: Path, db: str) -> None:
    off = TestClient(create_app(db, ui=False, config=Config(cache=str(cache))))
    assert off.get("/basemap/config.json").json() == {"tiles": None, "attribution": None}
    assert "tiles.example.org" not in off.get("/health").headers["content-security-policy"]
    on = TestClient(create_app(db, ui=False, config=Config(cache=str(cache), basemap_tiles=TILES)))
    assert on.get("/basemap/config.json").json() == {"tiles": TILES, "attribution": "tiles.example.org"}
    csp = dict(
        part.strip().split(" ", 1) for part in on.get("/health").headers["content-security-policy"].split(";")
    )
    assert csp["img-src"] == "'self' data: https://tiles.example.org"
    assert all("tiles.example.org" not in v for k, v in csp.items() if k != "img-src")
    with pytest.raises(DatelineError):
        create_app(db, ui=False, config=Config(cache=str(cache), basemap_tiles="ftp://x/{z}/{x}/{y}"))
