"""The command line as a user runs it: formats, ingest twice, bad inputs, exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from support import RESOURCES, SAMPLES, shared_resources

from dateline.cli import main
from dateline.export import ACLED_COLUMNS


def run(capsys, *argv):
    code = main(list(argv), resources=shared_resources())  # the suite's models, loaded once
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def db(tmp_path_factory, resources):
    path = tmp_path_factory.mktemp("db") / "dateline.db"
    assert main(["ingest", str(SAMPLES), "--db", str(path)], resources=resources) == 0
    return path


def test_extract_jsonl_from_a_file(capsys):
    code, out, err = run(capsys, "extract", str(SAMPLES / "sahel-convoy-ambush.txt"))
    assert code == 0
    events = [json.loads(line) for line in out.splitlines()]
    assert events and all(e["evidence"] for e in events)
    assert "1 article(s) read" in err


def test_extract_reads_stdin_with_overrides(capsys, monkeypatch):
    text = "Police arrested 14 protesters in Harare on Tuesday, a rights group said."
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    code, out, _ = run(capsys, "extract", "-", "--published", "2019-01-17", "--publisher", "Sample Post")
    [event] = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and event["event_date"] == "2019-01-15" and event["source"] == "Sample Post"


def test_geojson_output(capsys):
    code, out, _ = run(capsys, "extract", str(SAMPLES), "--format", "geojson")
    data = json.loads(out)
    assert code == 0 and data["type"] == "FeatureCollection" and data["features"]
    lon, lat = data["features"][0]["geometry"]["coordinates"]
    assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_bad_inputs_are_named_and_the_rest_goes_through(capsys):
    code, out, err = run(capsys, "extract", str(RESOURCES / "bad"), str(SAMPLES / "nairobi-protest.html"))
    assert code == 0 and out.strip()
    assert "binary.txt: [E002]" in err and "empty.txt: [E003]" in err and "mixed.jsonl:2: [E005]" in err


def test_nothing_readable_is_an_error(capsys):
    code, out, err = run(capsys, "extract", "/no/such/file.txt")
    assert code == 1 and out == "" and "[E001]" in err


def test_ingest_twice_adds_nothing(capsys, db):
    code, _, err = run(capsys, "ingest", str(SAMPLES), "--db", str(db))
    assert code == 0 and "0 new, 0 new event(s)" in err


def test_events_filters(capsys, db):
    _, out, _ = run(capsys, "events", "--db", str(db), "--country", "KEN")
    assert [json.loads(line)["country"] for line in out.splitlines()] == ["Kenya"]
    _, out, _ = run(capsys, "events", "--db", str(db), "--since", "2023-01-01", "--event-type", "Battles")
    assert [json.loads(line)["iso3"] for line in out.splitlines()] == ["MLI"]
    _, out, _ = run(capsys, "events", "--db", str(db), "--format", "table")
    assert "Protest with intervention" in out


def test_events_has_the_api_filters(capsys, db):
    every = [json.loads(line) for line in run(capsys, "events", "--db", str(db))[1].splitlines()]
    assert len(every) >= 3
    for option, field in (("--sub-event-type", "sub_event_type"), ("--plover-type", "plover_type"),
                          ("--cameo-root", "cameo_root"), ("--admin1", "admin1")):  # fmt: skip
        value = next(e[field] for e in every if e[field])
        _, out, _ = run(
            capsys, "events", "--db", str(db), option, value.lower() if field != "cameo_root" else value
        )
        got = [json.loads(line)["event_id"] for line in out.splitlines()]
        assert got == [e["event_id"] for e in every if (e[field] or "").lower() == value.lower()], option
    _, out, _ = run(
        capsys, "events", "--db", str(db), "--min-certainty", "confirmed", "--max-geo-precision", "3"
    )
    assert [json.loads(line)["event_id"] for line in out.splitlines()] == [
        e["event_id"] for e in every if e["certainty"] == "confirmed" and (e["geo_precision"] or 9) <= 3
    ]
    _, out, _ = run(capsys, "export", "--db", str(db), "--format", "jsonl", "--datetime", "2999/..")
    assert out == ""


@pytest.mark.parametrize(
    "argv",
    [["--since", "last week"], ["--until", "2023-02-30"], ["--bbox=1,2,3"], ["--bbox=1,2,3,200"],
     ["--cameo-root", "21"], ["--updated-since", "yesterday"], ["--min-certainty", "sure"], ["--type", "Battles"],
     ["--limit", "-1"], ["--limit", "0"]],
)  # fmt: skip
def test_bad_filter_values_are_usage_errors(capsys, db, argv):
    with pytest.raises(SystemExit) as exit:
        main(["events", "--db", str(db), *argv])
    assert exit.value.code == 2 and "error: " in capsys.readouterr().err


def test_export_csv_has_acled_columns_first(capsys, db, tmp_path):
    target = tmp_path / "events.csv"
    code, _, _ = run(capsys, "export", "--db", str(db), "--format", "csv", "--out", str(target))
    rows = list(csv.reader(target.open(encoding="utf-8")))
    assert code == 0 and rows[0][: len(ACLED_COLUMNS)] == ACLED_COLUMNS
    assert "evidence" in rows[0] and len(rows) > 3


def test_query_without_database_is_a_coded_error(capsys, tmp_path):
    code, _, err = run(capsys, "events", "--db", str(tmp_path / "none.db"))
    assert code == 2 and "[E040]" in err


def test_console_script_runs():
    out = subprocess.run([sys.executable, "-m", "dateline.cli", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("dateline ")


def test_workers_give_the_same_events_in_the_same_order(capsys):
    _, one, _ = run(capsys, "extract", str(SAMPLES))
    _, two, _ = run(capsys, "extract", str(SAMPLES), "--workers", "2")
    assert one == two and one.strip()
