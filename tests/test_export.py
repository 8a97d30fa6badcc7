"""Export formats: JSONL round-trip, JSON, ACLED-compatible CSV, GeoJSON (ACLED's types and
Parquet: tests/test_export_acled.py)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from dateline.export import (
    ACLED_COLUMNS,
    CSV_COLUMNS,
    EVENT_FIELDS,
    acled_row,
    disorder_type,
    interaction,
    region,
    write_events,
)
from dateline.records import Event


def ev(event_id: str, **kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = dict.fromkeys(EVENT_FIELDS)
    base.update(
        event_id=event_id,
        event_date="2019-01-10",
        time_precision=1,
        event_type="Violence against civilians",
        sub_event_type="Attack",
        actor1="Unidentified Armed Group (Syria)",
        actor2="Civilians (Syria)",
        inter1=3,
        inter2=7,
        country="Syria",
        iso3="SYR",
        location="Idlib",
        latitude=35.93,
        longitude=36.63,
        geo_precision=1,
        fatalities=None,
        certainty="reported",
        source="Middle East Monitor; The Guardian",
        notes='Gunmen killed a shepherd, "reports" say.',
        article_ids=["a1", "a2"],
        evidence=[
            {"field": "actor1", "article_id": "a1", "start": 0, "end": 6, "text": "Gunmen"},
            {"field": "location", "article_id": "a2", "start": 10, "end": 15, "text": "Idlib"},
        ],
    )
    base.update(kw)
    return base


EVENTS = [
    ev("e1"),
    ev("e2", latitude=None, longitude=None, iso3="IRQ", country="Iraq", event_type="Protests",
       sub_event_type="Peaceful protest", actor1="Protesters (Iraq)", actor2=None, inter1=6, inter2=None,
       fatalities=0),
]  # fmt: skip


def test_event_fields_contract() -> None:
    assert EVENT_FIELDS[0] == "event_id" and EVENT_FIELDS[-3:] == ["evidence", "claims", "tolls"]
    assert len(EVENT_FIELDS) == len(set(EVENT_FIELDS)) == 40


def test_jsonl_round_trip() -> None:
    out = io.StringIO()
    assert write_events(iter(EVENTS), "jsonl", out) == 2
    lines = out.getvalue().splitlines()
    assert [json.loads(line) for line in lines] == EVENTS


def test_event_records_and_their_dicts_export_alike() -> None:
    records = [Event.from_dict(e) for e in EVENTS]
    for fmt in ("jsonl", "csv", "geojson"):
        from_records, from_dicts = io.StringIO(), io.StringIO()
        write_events(records, fmt, from_records, timestamp=1700000000)
        write_events([r.to_dict() for r in records], fmt, from_dicts, timestamp=1700000000)
        assert from_records.getvalue() == from_dicts.getvalue()
    out = io.StringIO()
    write_events(records, "jsonl", out)
    assert [json.loads(line) for line in out.getvalue().splitlines()] == [r.to_dict() for r in records]


def test_json_array() -> None:
    out = io.StringIO()
    assert write_events(EVENTS, "json", out) == 2
    assert json.loads(out.getvalue()) == EVENTS


def test_csv_header_order_exact() -> None:
    out = io.StringIO()
    assert write_events(EVENTS, "csv", out) == 2
    header = out.getvalue().splitlines()[0].split(",")
    assert header[: len(ACLED_COLUMNS)] == [
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
        "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
        "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
        "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
        "fatalities", "tags", "timestamp",
    ]  # fmt: skip
    assert header[len(ACLED_COLUMNS) :] == [
        "event_id", "event_date_end", "plover_type", "plover_mode", "cameo_root", "certainty", "attribution",
        "fatalities_low", "fatalities_high", "fatalities_known", "inter1_code", "inter2_code", "interaction_code",
        "country_local", "admin1_local", "admin2_local", "geonameid", "iso3", "num_sources", "num_articles",
        "article_ids", "evidence",
    ]  # fmt: skip
    assert header == CSV_COLUMNS


def test_csv_values() -> None:
    out = io.StringIO()
    write_events(EVENTS, "csv", out, timestamp=1700000000)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    r1, r2 = rows
    assert r1["event_id_cnty"].startswith("SYR") and r1["event_id_cnty"][3:].isdigit()
    assert r1["year"] == "2019"
    assert r1["disorder_type"] == "Political violence"
    assert (r1["inter1"], r1["inter2"]) == ("Political militia", "Civilians")  # ACLED's current scheme
    assert r1["interaction"] == "Political militia-Civilians" and r1["interaction_code"] == "37"
    assert r1["civilian_targeting"] == "Civilian targeting"
    assert r1["iso"] == "760"
    assert r1["region"] == "Middle East"
    assert r1["fatalities"] == "0" and r1["fatalities_known"] == "false"  # None becomes 0, flagged
    assert r1["timestamp"] == "1700000000"
    assert r1["notes"] == EVENTS[0]["notes"]
    assert r1["article_ids"] == "a1;a2"
    assert json.loads(r1["evidence"]) == EVENTS[0]["evidence"]
    assert r1["event_id"] == "e1"
    assert r1["admin1"] == "" and r1["tags"] == ""
    assert r2["disorder_type"] == "Demonstrations"
    assert r2["interaction"] == "Protesters only" and r2["interaction_code"] == "60"
    assert r2["fatalities_known"] == "true"  # a reported zero
    assert r2["civilian_targeting"] == ""
    assert r2["iso"] == "368"


def test_csv_is_stable_given_a_timestamp() -> None:
    a, b = io.StringIO(), io.StringIO()
    write_events(EVENTS, "csv", a, timestamp=1700000000)
    write_events(EVENTS, "csv", b, timestamp=1700000000)
    assert a.getvalue() == b.getvalue()
    assert acled_row(EVENTS[0], 1700000000)["timestamp"] == 1700000000
    assert acled_row({**EVENTS[0], "timestamp": 1600000000}, 1700000000)["timestamp"] == 1600000000


def test_geojson_structure() -> None:
    out = io.StringIO()
    assert write_events(EVENTS, "geojson", out) == 2
    fc = json.loads(out.getvalue())
    assert fc["type"] == "FeatureCollection"
    feat, unplaced = fc["features"]
    # e2 has no coordinates: kept with null geometry (OGC API Features), as the API writes it
    assert unplaced["geometry"] is None and unplaced["id"] == unplaced["properties"]["event_id"] == "e2"
    assert feat["type"] == "Feature"
    assert feat["geometry"] == {"type": "Point", "coordinates": [36.63, 35.93]}  # lon, lat
    props = feat["properties"]
    assert "evidence" not in props
    assert props["evidence_count"] == 2
    assert props["event_id"] == "e1" and props["article_ids"] == ["a1", "a2"]


def test_one_geojson_builder_and_one_disorder_rule() -> None:
    """The API's GeoJSON is the export's, feature for feature; the disorder sets are regions'."""
    pytest.importorskip("fastapi")
    from dateline import export, regions
    from dateline.serve.formats import geojson
    from dateline.store import derived

    out = io.StringIO()
    write_events(EVENTS, "geojson", out)
    assert geojson([dict(e) for e in EVENTS]) == json.loads(out.getvalue())
    assert derived.DISORDER_TYPES is regions.DISORDER_TYPES
    assert (
        set(derived.BOTH) == regions.DISORDER_BOTH
        and set(derived.DEMONSTRATIONS) == regions.DEMONSTRATION_TYPES
    )
    assert set(derived.POLITICAL_VIOLENCE) == regions.POLITICAL_VIOLENCE_TYPES
    assert not any(hasattr(export, n) for n in ("_BOTH", "_DEMONSTRATIONS", "_POLITICAL_VIOLENCE"))


def test_unknown_format() -> None:
    with pytest.raises(ValueError):
        write_events(EVENTS, "xml", io.StringIO())


@pytest.mark.parametrize(
    ("etype", "sub", "expected"),
    [
        ("Battles", "Armed clash", "Political violence"),
        ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Political violence"),
        ("Riots", "Violent demonstration", "Demonstrations"),
        ("Protests", "Excessive force against protesters", "Political violence; Demonstrations"),
        ("Riots", "Mob violence", "Political violence; Demonstrations"),
        ("Strategic developments", "Arrests", "Strategic developments"),
        (None, None, ""),
    ],
)
def test_disorder_type(etype: str | None, sub: str | None, expected: str) -> None:
    assert disorder_type(etype, sub) == expected


def test_interaction_and_region() -> None:
    assert interaction(7, 1) == 17
    assert interaction(2, 2) == 22
    assert interaction(None, 4) == 40
    assert interaction(None, None) is None
    assert region("TUR") == "Middle East"
    assert region("NGA") == "Western Africa"
    assert region("FRA") == "Europe"
    assert region("BRA") == "South America"
    assert region(None) == ""
