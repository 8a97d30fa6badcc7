"""scripts/build_area_points.py: the shapefile reader and the centroids it writes to
data/area_points.tsv (tested on shapes made here; the packages are not downloaded)."""

from __future__ import annotations

import importlib.util
import struct
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "build_area_points.py"
spec = importlib.util.spec_from_file_location("build_area_points", SCRIPT)
bap = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bap)


def _square(x0: float, y0: float, size: float, clockwise: bool = True) -> list[tuple[float, float]]:
    ring = [(x0, y0), (x0, y0 + size), (x0 + size, y0 + size), (x0 + size, y0), (x0, y0)]
    return ring if clockwise else ring[::-1]


def _shp(records: list[list[list[tuple[float, float]]]]) -> bytes:
    """A polygon shapefile (.shp) of the given records' rings."""
    body = b""
    for n, rings in enumerate(records, 1):
        pts = [p for r in rings for p in r]
        parts, k = [], 0
        for r in rings:
            parts.append(k)
            k += len(r)
        content = struct.pack("<i4dii", 5, 0, 0, 0, 0, len(rings), len(pts))
        content += struct.pack(f"<{len(parts)}i", *parts) + struct.pack(
            f"<{2 * len(pts)}d", *[c for p in pts for c in p]
        )
        body += struct.pack(">ii", n, len(content) // 2) + content
    return b"\0" * 100 + body


def test_shapefile_rings_round_trip() -> None:
    rings = [_square(0, 0, 2), _square(10, 10, 1)]
    assert bap.read_shp(_shp([rings, [_square(5, 5, 1)]])) == [rings, [_square(5, 5, 1)]]


def test_centroid_of_a_square_with_a_hole() -> None:
    # a 4x4 square at the origin with a 1x1 hole in its upper-right corner: the centroid moves away
    outer, hole = _square(0, 0, 4), _square(3, 3, 1, clockwise=False)
    lat, lon, _ = bap.centroid([outer])
    assert (lat, lon) == pytest.approx((2.0, 2.0))
    lat, lon, _ = bap.centroid([outer, hole])
    assert (lat, lon) == pytest.approx((2.0 - 1.5 / 15, 2.0 - 1.5 / 15))


def test_main_part_leaves_far_islands_out() -> None:
    mainland, near, far = _square(-100, 35, 10), _square(-89, 35, 1), _square(-160, 20, 2)
    assert bap.main_part([mainland, near, far]) == [mainland, near]


def test_antimeridian_shapes_stay_on_their_side() -> None:
    lat, lon, _ = bap.centroid([_square(178, -18, 1), _square(-180, -18, 1)])
    assert lat == pytest.approx(-17.5) and (lon > 170 or lon < -170)
