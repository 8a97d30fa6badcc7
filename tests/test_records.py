"""The typed event record is the one contract: export columns and the API model are derived
from ``records.Event`` and fail here when they drift; the record round-trips through its dict."""

from __future__ import annotations

import dataclasses
import pickle

from test_layers import imports_of, modules

from dateline import export
from dateline.records import EVENT_FIELDS, Claim, Event, Evidence, Fatalities


def _event() -> Event:
    claim = Claim(
        claim_id="cl-1",
        subject="Ahmed Salim",
        location="Gao",
        iso3="MLI",
        latitude=16.27,
        longitude=-0.04,
        certainty="believed",
        recency="current",
        conflicts_with=["cl-2"],
    )
    return Event(
        event_id="ev-1",
        event_date="2021-03-01",
        event_type="Battles",
        inter1=2,
        latitude=16.27,
        confidence=0.75,
        notes="Armed clash in Gao.",
        article_ids=["a1"],
        evidence=[Evidence("notes", "a1", 0, 5, "Rebel"), Evidence("claims", "a1", 6, 9, "Gao")],
        claims=[claim],
    )


def test_the_dict_follows_the_records_fields_in_order() -> None:
    assert list(_event().to_dict()) == list(EVENT_FIELDS)


def test_export_columns_follow_the_record() -> None:
    assert export.EVENT_FIELDS == list(EVENT_FIELDS)
    # every record field is a CSV column or left out on purpose, and Dateline's own columns
    # are record fields (ACLED's are derived from them: docs/store.md)
    csv_fields = set(export.CSV_COLUMNS) & set(EVENT_FIELDS)
    assert set(EVENT_FIELDS) == csv_fields | set(export.CSV_OMITTED), "a record field has no CSV column"
    assert not set(export.CSV_OMITTED) & set(export.CSV_COLUMNS)
    copied = set(export.DATELINE_COLUMNS) - set(export.DERIVED_COLUMNS)
    assert copied <= set(EVENT_FIELDS), "a Dateline CSV column is neither a record field nor derived"


def test_api_model_follows_the_record() -> None:
    from dateline.serve import models

    fields = models.Event.model_fields
    assert list(fields) == list(EVENT_FIELDS)
    assert all(not f.is_required() and f.default is None for f in fields.values())  # fields= selects keys
    assert list(models.Evidence.model_fields) == [f.name for f in dataclasses.fields(Evidence)]
    claim_fields = [f.name for f in dataclasses.fields(Claim) if f.name != "evidence"]
    assert list(models.EventClaim.model_fields) == claim_fields
    stored_claim = [f.name for f in dataclasses.fields(Claim)] + ["article_id", "published"]
    assert list(models.Claim.model_fields) == stored_claim
    # a stored record validates and dumps back unchanged
    data = _event().to_dict()
    assert models.Event.model_validate(data).model_dump() == data


def test_event_round_trips_through_its_dict_and_pickle() -> None:
    event = _event()
    assert Event.from_dict(event.to_dict()) == event
    assert pickle.loads(pickle.dumps(event)) == event


def test_an_events_claims_keep_their_spans_in_the_events_evidence() -> None:
    event = _event()
    event.claims[0].evidence.append(Evidence("claims", "a1", 6, 9, "Gao"))
    data = event.to_dict()
    assert "evidence" not in data["claims"][0]
    assert data["claims"][0]["conflicts_with"] == ["cl-2"]
    stored = event.claims[0].to_dict()
    assert stored["evidence"] == [
        {"field": "claims", "article_id": "a1", "start": 6, "end": 9, "text": "Gao"}
    ]
    assert Claim.from_dict(stored) == event.claims[0]


def test_fatalities_is_the_records_type() -> None:
    from dateline.extract import fatalities, mentions

    assert fatalities.Fatalities is Fatalities
    hints = {f.name: f.type for f in dataclasses.fields(mentions.Mention)}
    assert "Fatalities" in hints["fatalities"]


def test_merge_does_not_import_export_or_the_store() -> None:
    mods = modules()
    for name, path in mods.items():
        if name.split(".")[0] == "merge":
            found = {m for m in imports_of(name, path, set(mods)) if m.split(".")[0] in ("export", "store")}
            assert not found, f"{name} imports {found}"


def test_records_imports_no_stage() -> None:
    mods = modules()
    found = imports_of("records", mods["records"], set(mods))
    assert not found, found
