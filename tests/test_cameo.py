"""CAMEO root codes: the table, the lookup, and the field through store, export, API and migration."""

from __future__ import annotations

import csv
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT, SAMPLES, SHARED

from dateline.cli import main
from dateline.export import CSV_COLUMNS, DATELINE_COLUMNS, EVENT_FIELDS
from dateline.extract.cameo import CAMEO_ROOTS, _table, cameo_root
from dateline.extract.triggers import load_triggers
from dateline.ingest import open_store
from dateline.store import SCALAR_FIELDS, Store

TSV = ROOT / "src" / "dateline" / "data" / "cameo_roots.tsv"
SOURCE = SHARED / "docs" / "reference" / "CAMEO2PLOVER-2021.txt"
SCRIPT = ROOT / "scripts" / "build_cameo_roots.py"


def test_root_names() -> None:
    assert list(CAMEO_ROOTS) == [f"{n:02d}" for n in range(1, 21)]
    assert CAMEO_ROOTS["01"] == "MAKE PUBLIC STATEMENT" and CAMEO_ROOTS["14"] == "PROTEST"
    assert CAMEO_ROOTS["19"] == "FIGHT" and CAMEO_ROOTS["20"] == "ENGAGE IN UNCONVENTIONAL MASS VIOLENCE"


def test_table_cites_its_source_and_licence() -> None:
    lines = TSV.read_text(encoding="utf-8").splitlines()
    comments = [line for line in lines if line.startswith("#")]
    assert lines[0].startswith("#")
    text = " ".join(comments)
    assert "CAMEO2PLOVER-2021.txt" in text and "openeventdata/PLOVER" in text and "CC BY-SA 4.0" in text
    assert next(line for line in lines if not line.startswith("#")).split("\t") == [
        "scheme", "type", "mode", "cameo_root", "basis",
    ]  # fmt: skip


def test_table_covers_every_plover_type_and_mode_in_the_trigger_lexicon() -> None:
    plover, _ = _table()
    used = {(k.plover_type, k.plover_mode or "") for k in load_triggers() if k.plover_type}
    assert used, "no PLOVER types in event_triggers.yaml"
    missing_types = sorted({t for t, _ in used} - {t for t, m in plover if m == ""})
    assert not missing_types, f"PLOVER types without a row in cameo_roots.tsv: {missing_types}"
    missing_pairs = sorted(used - set(plover))
    assert not missing_pairs, f"(type, mode) pairs without a row in cameo_roots.tsv: {missing_pairs}"
    for ptype, mode in used:
        assert cameo_root(ptype, mode or None, None) in CAMEO_ROOTS, (ptype, mode)


def test_table_covers_every_acled_sub_event_type_in_the_trigger_lexicon() -> None:
    _, acled = _table()
    subs = {
        k.sub_event_type for k in load_triggers() if k.sub_event_type and not k.sub_event_type.startswith("@")
    }
    subs |= {"Peaceful protest", "Protest with intervention", "Excessive force against protesters",
             "Government regains territory", "Non-state actor overtakes territory"}  # decided in merge/kind.py  # fmt: skip
    assert not sorted(s for s in subs if s.lower() not in acled)


@pytest.mark.parametrize(
    ("ptype", "mode", "root"),
    [
        ("ASSAULT", None, "18"),
        ("PROTEST", None, "14"),
        ("COERCE", None, "17"),
        ("AGREE", None, "03"),
        ("ACCUSE", None, "11"),
        ("ACCUSE", "investigate", "09"),
        ("MOBILIZE", None, "15"),
        ("RETREAT", "withdraw", "08"),
        ("SANCTION", None, "16"),
        ("ASSAULT", "firearms", "19"),
        ("ASSAULT", "heavy-weapons", "19"),
        ("ASSAULT", "aerial", "19"),  # curated: CAMEO 195
        ("ASSAULT", "explosives", "18"),
        ("ASSAULT", "suicide-attack", "18"),
        ("ASSAULT", "abduct", "18"),
        ("ASSAULT", "unconventional", "20"),
        ("ASSAULT", "crowd-control", "17"),  # curated: CAMEO 175
        ("ASSAULT", "destroy", "17"),  # curated: CAMEO 1712
        ("COERCE", "arrest", "17"),
        ("COERCE", "seize", "17"),
        ("PROTEST", "riot", "14"),
        ("assault", "Firearms", "19"),  # case does not matter
        ("ASSAULT", "no-such-mode", "18"),  # an unknown mode falls back to the type
    ],
)
def test_plover_mappings(ptype: str, mode: str | None, root: str) -> None:
    assert cameo_root(ptype, mode, None) == root


@pytest.mark.parametrize(
    ("sub", "root"),
    [
        ("Armed clash", "19"),
        ("Air/drone strike", "19"),
        ("Shelling/artillery/missile attack", "19"),
        ("Suicide bomb", "18"),
        ("Chemical weapon", "20"),
        ("Attack", "18"),
        ("Abduction/forced disappearance", "18"),
        ("Sexual violence", "18"),
        ("Peaceful protest", "14"),
        ("Violent demonstration", "14"),
        ("Mob violence", "14"),
        ("Arrests", "17"),
        ("Looting/property destruction", "17"),
        ("Agreement", "05"),
        ("Headquarters or base established", "15"),
        ("Other", None),
        ("Change to group/activity", None),
        ("Not an ACLED type", None),
        (None, None),
    ],
)
def test_acled_fallback_without_a_plover_type(sub: str | None, root: str | None) -> None:
    assert cameo_root(None, None, sub) == root


def test_plover_wins_over_acled_and_unknown_plover_types_fall_back() -> None:
    assert cameo_root("PROTEST", "demo", "Arrests") == "14"
    assert cameo_root("COERCE", None, "Other") == "17"
    assert cameo_root("FIGHT", None, "Armed clash") == "19"  # FIGHT is not a PLOVER 2021 type


def test_every_root_in_the_table_is_a_cameo_root() -> None:
    plover, acled = _table()
    assert set(plover.values()) | set(acled.values()) <= set(CAMEO_ROOTS) | {None}


def test_field_is_in_the_contract_the_store_and_the_csv() -> None:
    assert EVENT_FIELDS[EVENT_FIELDS.index("plover_mode") + 1] == "cameo_root"
    assert DATELINE_COLUMNS[DATELINE_COLUMNS.index("plover_mode") + 1] == "cameo_root"
    assert "cameo_root" in SCALAR_FIELDS and "cameo_root" in CSV_COLUMNS


# -- end to end: ingest the sample articles, then store, export and API ----------------------------


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cameo") / "dateline.db"
    assert main(["ingest", str(SAMPLES), "--db", str(path)]) == 0
    return path


def test_ingested_events_have_cameo_root_in_the_store(db: Path) -> None:
    with Store(str(db)) as store:
        events = store.events()
    assert len(events) >= 3
    for ev in events:
        assert ev["cameo_root"] in CAMEO_ROOTS, ev["notes"]
        assert ev["cameo_root"] == cameo_root(ev["plover_type"], ev["plover_mode"], ev["sub_event_type"])
        cited = {(e["start"], e["end"]) for e in ev["evidence"] if e["field"] == "cameo_root"}
        if ev["plover_type"]:
            assert cited == {(e["start"], e["end"]) for e in ev["evidence"] if e["field"] == "plover_type"}
        assert cited, f"cameo_root has no evidence in {ev['notes']}"
    with sqlite3.connect(db) as conn:
        column = dict(conn.execute("SELECT event_id, cameo_root FROM events"))
    assert column == {ev["event_id"]: ev["cameo_root"] for ev in events}
    ambush = next(ev for ev in events if "Menaka" in (ev["notes"] or ""))
    assert (ambush["sub_event_type"], ambush["cameo_root"]) == ("Armed clash", "19")


def test_csv_export_has_cameo_root(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    assert main(["export", "--db", str(db), "--format", "csv", "--out", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and all(r["cameo_root"] in CAMEO_ROOTS for r in rows)
    with Store(str(db)) as store:
        assert {r["event_id"]: r["cameo_root"] for r in rows} == {
            e["event_id"]: e["cameo_root"] for e in store.events()
        }


def test_api_filters_and_returns_cameo_root(db: Path) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from dateline.serve import create_app

    client = TestClient(create_app(str(db), ui=False), raise_server_exceptions=False)
    every = client.get("/events").json()["events"]
    fights = client.get("/events", params={"cameo_root": "19"}).json()["events"]
    assert fights and {e["event_id"] for e in fights} == {
        e["event_id"] for e in every if e["cameo_root"] == "19"
    }
    scalar = client.get("/events", params={"cameo_root": "19", "fields": "event_id,cameo_root"}).json()
    assert {e["cameo_root"] for e in scalar["events"]} == {"19"}
    assert client.get("/events", params={"cameo_root": "21"}).status_code == 422
    assert "cameo_root" in client.get("/openapi.json").json()["components"]["schemas"]["Event"]["properties"]


def test_older_database_gains_the_column_filled_in(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    record = {f: None for f in EVENT_FIELDS if f != "cameo_root"}
    record.update(event_id="e1", event_type="Protests", sub_event_type="Peaceful protest",
                  plover_type="PROTEST", plover_mode="demo", article_ids=["a1"], evidence=[])  # fmt: skip
    bare = {**record, "event_id": "e2", "plover_type": None, "plover_mode": None, "sub_event_type": "Arrests"}
    from dateline.records import Article, Event, Result

    with Store(str(path)) as store:
        events = [Event.from_dict(record), Event.from_dict(bare)]
        store.add_result(Result(article=Article(article_id="a1", text="x"), segments=[], events=events))
    with sqlite3.connect(path) as conn:  # as a file written before cameo_root existed
        conn.execute("ALTER TABLE events DROP COLUMN cameo_root")
        for eid, raw in list(conn.execute("SELECT event_id, record FROM events")):
            old = {k: v for k, v in json.loads(raw).items() if k != "cameo_root"}
            conn.execute("UPDATE events SET record = ? WHERE event_id = ?", (json.dumps(old), eid))
    with open_store(str(path)) as store:  # Dateline's rules fill the new column in
        assert {e["event_id"]: e["cameo_root"] for e in store.events()} == {"e1": "14", "e2": "17"}
    with sqlite3.connect(path) as conn:
        assert dict(conn.execute("SELECT event_id, cameo_root FROM events")) == {"e1": "14", "e2": "17"}
    with Store(str(path)) as store:  # opening again changes nothing
        assert store.counts()["events"] == 2


# -- the committed table is what the script makes from the shared source ----------------------------


@pytest.mark.shared
def test_committed_table_is_regenerated_from_the_shared_source(tmp_path: Path) -> None:
    if not SOURCE.is_file():
        pytest.skip(f"{SOURCE} not found: the CAMEO→PLOVER table is only present in the Dateline workplace")
    out = tmp_path / "cameo_roots.tsv"
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--source", str(SOURCE), "--out", str(out)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == TSV.read_text(encoding="utf-8"), (
        "src/dateline/data/cameo_roots.tsv is stale: run scripts/build_cameo_roots.py"
    )


def test_the_shipped_triggers_are_read_by_libyaml_into_the_same_data(monkeypatch) -> None:
    from importlib import resources

    import yaml

    text = resources.files("dateline.data").joinpath("event_triggers.yaml").read_text("utf-8")
    loaders: list = []
    real = yaml.load
    monkeypatch.setattr(
        yaml, "load", lambda text, Loader: loaders.append(Loader) or real(text, Loader=Loader)
    )
    load_triggers.cache_clear()
    try:
        fast = load_triggers()
    finally:
        load_triggers.cache_clear()
    assert loaders == [getattr(yaml, "CSafeLoader", yaml.SafeLoader)]
    monkeypatch.setattr(yaml, "load", lambda text, Loader: real(text, Loader=yaml.SafeLoader))
    slow = load_triggers()
    load_triggers.cache_clear()
    assert fast == slow and len(slow) == len(yaml.safe_load(text)) > 10
