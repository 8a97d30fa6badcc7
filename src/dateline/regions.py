"""ACLED's regions and actor categories (inter codes), as tables the store's filters can use (the
store imports base modules only); the export writes its ``region`` and inter columns from them.
"""

from __future__ import annotations

from functools import cache

from .countries import countries_by_iso3

__all__ = [
    "DISORDER_BOTH",
    "DISORDER_TYPES",
    "DEMONSTRATION_TYPES",
    "POLITICAL_VIOLENCE_TYPES",
    "INTER_NAMES",
    "REGION_CODES",
    "inter_code",
    "region",
    "region_iso3s",
    "region_name",
    "region_names",
]

# ACLED regions by ISO3; countries not listed fall back to their continent's region below.
_REGIONS: dict[str, str] = {
    **dict.fromkeys("BHR IRN IRQ ISR JOR KWT LBN OMN PSE QAT SAU SYR TUR ARE YEM".split(), "Middle East"),
    **dict.fromkeys("DZA EGY LBY MAR SDN TUN ESH".split(), "Northern Africa"),
    **dict.fromkeys(
        "BEN BFA CPV CIV GMB GHA GIN GNB LBR MLI MRT NER NGA SEN SLE TGO SHN".split(), "Western Africa"
    ),
    **dict.fromkeys("CMR CAF TCD COG COD GNQ GAB STP".split(), "Middle Africa"),
    **dict.fromkeys("BDI COM DJI ERI ETH KEN MUS MYT REU RWA SYC SOM SSD TZA UGA".split(), "Eastern Africa"),
    # ACLED's Southern Africa is wider than the UN's: Angola, Mozambique, Madagascar, Malawi, Zambia
    # and Zimbabwe are in it
    **dict.fromkeys("AGO BWA SWZ LSO MDG MWI MOZ NAM ZAF ZMB ZWE".split(), "Southern Africa"),
    **dict.fromkeys("AFG BGD BTN IND MDV NPL PAK LKA".split(), "South Asia"),
    **dict.fromkeys("BRN KHM IDN LAO MYS MMR PHL SGP THA TLS VNM".split(), "Southeast Asia"),
    **dict.fromkeys("CHN HKG MAC JPN MNG PRK KOR TWN".split(), "East Asia"),
    **dict.fromkeys("ARM AZE GEO KAZ KGZ TJK TKM UZB".split(), "Caucasus and Central Asia"),
    **dict.fromkeys("BLZ CRI SLV GTM HND MEX NIC PAN".split(), "Central America"),
    **dict.fromkeys(
        "ABW AIA ATG BES BHS BLM BRB CUB CUW CYM DMA DOM GLP GRD HTI JAM KNA LCA MAF MSR MTQ PRI SXM TCA TTO"
        " VCT VGB VIR".split(),
        "Caribbean",
    ),
}
_CONTINENT_REGIONS = {
    "EU": "Europe",
    "NA": "North America",
    "SA": "South America",
    "OC": "Oceania",
    "AN": "Antarctica",
    "AF": "Africa",
    "AS": "Asia",
}

#: ACLED's actor categories by inter code, current names (singular) first, then other spellings.
INTER_NAMES: dict[int, tuple[str, ...]] = {
    1: ("State forces",),
    2: ("Rebel group", "Rebel groups"),
    3: ("Political militia", "Political militias"),
    4: ("Identity militia", "Identity militias", "Communal militia", "Communal militias"),
    5: ("Rioters",),
    6: ("Protesters",),
    7: ("Civilians",),
    8: ("External/Other forces", "Other forces", "Other"),
}
_INTER_BY_NAME = {n.lower(): code for code, names in INTER_NAMES.items() for n in names}


def inter_code(value: str | int) -> int | None:
    """The inter code of ``value``: a code 1–8 (as text or int) or a category name; None if neither."""
    v = str(value).strip()
    if v.isdigit():
        return int(v) if 1 <= int(v) <= 8 else None
    return _INTER_BY_NAME.get(v.lower())


def region(iso3: str | None) -> str:
    """ACLED-style region: a fixed table, else the geonames continent's name, else ''."""
    code = (iso3 or "").upper()
    if code in _REGIONS:
        return _REGIONS[code]
    c = countries_by_iso3().get(code)
    return _CONTINENT_REGIONS.get(c["continentcode"], "") if c else ""


@cache
def _by_region() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for iso3 in set(countries_by_iso3()) | set(_REGIONS):
        if name := region(iso3):
            out.setdefault(name.lower(), set()).add(iso3)
    return {k: frozenset(v) for k, v in out.items()}


def region_names() -> list[str]:
    """Every region name, sorted."""
    return sorted(set(_REGIONS.values()) | set(_CONTINENT_REGIONS.values()))


# The numbers ACLED's API takes for its regions (``region=1``).
REGION_CODES: dict[int, str] = {
    1: "Western Africa", 2: "Middle Africa", 3: "Eastern Africa", 4: "Southern Africa", 5: "Northern Africa",
    7: "South Asia", 9: "Southeast Asia", 11: "Middle East", 12: "Europe", 13: "Caucasus and Central Asia",
    14: "Central America", 15: "South America", 16: "Caribbean", 17: "East Asia", 18: "North America",
    19: "Oceania", 20: "Antarctica",
}  # fmt: skip


def region_name(value: str) -> str | None:
    """The region ``value`` names: a name (any case) or ACLED's number for it; None if neither."""
    v = value.strip()
    if v.isdigit():
        return REGION_CODES.get(int(v))
    return next((name for name in region_names() if name.lower() == v.lower()), None)


def region_iso3s(name: str) -> frozenset[str] | None:
    """The ISO3 codes of region ``name`` (a name in any case, or ACLED's number); None for an
    unknown region."""
    canonical = region_name(name)
    return _by_region().get(canonical.lower()) if canonical else None


#: ACLED's disorder types, from the event type; an event of a sub-event type in ``DISORDER_BOTH`` is
#: the first two at once. One definition for the CSV (``export.disorder_type``) and the SQL filters
#: and aggregates (``store.derived``).
DISORDER_TYPES: tuple[str, ...] = ("Political violence", "Demonstrations", "Strategic developments")
POLITICAL_VIOLENCE_TYPES: frozenset[str] = frozenset(
    {"Battles", "Explosions/Remote violence", "Violence against civilians"}
)
DEMONSTRATION_TYPES: frozenset[str] = frozenset({"Protests", "Riots"})
DISORDER_BOTH: frozenset[str] = frozenset({"Excessive force against protesters", "Mob violence"})
