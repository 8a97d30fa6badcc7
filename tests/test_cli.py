"""The command line as a user runs it: formats, ingest twice, bad inputs, exit codes."""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import subprocess
import sys

import pytest
from support import RESOURCES, SAMPLES, shared_resources

from dateline.cli import build_parser, main
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
    placed = [f for f in data["features"] if f["geometry"]]
    assert placed and all(f["geometry"] is None for f in data["features"] if f not in placed)
    lon, lat = placed[0]["geometry"]["coordinates"]
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


# -- exit codes, coded database errors, failed articles, terminal safety --------------------------

READ_COMMANDS = [["problems"], ["events"], ["export"], ["drops"], ["events", "--format", "table"], ["serve"]]


@pytest.mark.parametrize("argv", READ_COMMANDS)
def test_read_commands_create_nothing_and_exit_2(capsys, tmp_path, argv):
    code, out, err = run(capsys, *argv, "--db", str(tmp_path / "typo" / "x.db"))
    assert code == 2 and out == "" and "[E040]" in err and not (tmp_path / "typo").exists()


@pytest.mark.parametrize("argv", [*READ_COMMANDS, ["ingest", str(SAMPLES / "nairobi-protest.html")]])
def test_a_file_that_is_not_a_database_exits_2_for_every_command(capsys, tmp_path, argv):
    path = tmp_path / "notes.db"
    path.write_text("not a database\n" * 20)
    code, out, err = run(capsys, *argv, "--db", str(path))
    assert code == 2 and out == "" and "[E044]" in err and "Traceback" not in err
    assert path.read_text() == "not a database\n" * 20


def test_exit_codes_of_the_reading_commands(capsys, tmp_path):
    db = str(tmp_path / "x.db")
    for command in (["extract"], ["explain"], ["ingest", "--db", db]):
        assert run(capsys, *command, "/no/such/file.txt")[0] == 1  # nothing could be read
        assert run(capsys, "--set", "workers=0", *command, "/no/such/file.txt")[0] == 2  # cannot run
    with pytest.raises(SystemExit) as exit:  # neither PATH nor --retry-failed
        main(["ingest", "--db", db])
    assert exit.value.code == 2


def test_ingest_into_a_locked_database_stops_with_a_code(capsys, tmp_path):
    import sqlite3

    path = tmp_path / "x.db"
    assert run(capsys, "ingest", str(RESOURCES / "bad" / "empty.txt"), "--db", str(path))[0] == 1
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        code, _, err = run(capsys, "ingest", str(SAMPLES), "--db", str(path), "--set", "db_timeout=0.2")
    finally:
        other.close()
    assert code == 2 and "[E045]" in err and "article(s) read" not in err  # stopped before reading


def test_ingest_into_a_read_only_database_stops_with_a_code(capsys, tmp_path):
    path = tmp_path / "x.db"
    assert run(capsys, "ingest", str(RESOURCES / "bad" / "empty.txt"), "--db", str(path))[0] == 1
    read_only = f"sqlite:///file:{path}?mode=ro&uri=true"  # (file modes do not stop root)
    code, _, err = run(capsys, "ingest", str(SAMPLES), "--db", read_only)
    assert code == 2 and "[E046]" in err and "article(s) read" not in err
    assert run(capsys, "problems", "--db", read_only)[0] == 0  # reading it is fine


def _news(tmp_path, name: str, texts: list[str]):
    path = tmp_path / name
    lines = [json.dumps({"text": t, "published": f"2023-05-0{i + 2}"}) for i, t in enumerate(texts)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


NEWS = [
    "Police arrested 14 protesters in Harare on Tuesday, a rights group said.",
    "Gunmen killed five villagers in Zamfara state on Monday, police said.",
    "Soldiers clashed with militants near Gao on Sunday, the army said.",
]


def test_a_failed_article_is_stored_as_failed_and_retried_after_a_fix(capsys, tmp_path, monkeypatch):
    from dateline import pipeline

    path, db = _news(tmp_path, "news.jsonl", NEWS), str(tmp_path / "x.db")
    real = pipeline.analyse

    def broken(annotated, resources, *args, **kwargs):  # a pipeline bug that hits one article
        if "Zamfara" in annotated.cleaned.article.text:
            raise RuntimeError("a bug")
        return real(annotated, resources, *args, **kwargs)

    monkeypatch.setattr(pipeline, "analyse", broken)
    code, _, err = run(capsys, "ingest", str(path), "--db", db)
    assert code == 0 and "[E100]" in err and "2 new" in err and "1 failed" in err
    code, out, err = run(capsys, "problems", "--db", db)
    assert code == 0 and "[E100]" in out and "1 article(s) stored as failed" in err
    monkeypatch.setattr(pipeline, "analyse", real)  # the fix
    code, _, err = run(capsys, "ingest", str(path), "--db", db)
    assert code == 0 and "1 new" in err and "1 retried" in err and "0 failed" in err
    code, out, err = run(capsys, "problems", "--db", db)
    assert out == "" and "0 problem(s); 0 article(s) stored as failed" in err
    _, out, _ = run(capsys, "events", "--db", db, "--country", "Nigeria")
    assert out.strip()  # the retried article's event is stored


def test_an_article_that_cannot_be_written_is_a_problem_and_the_batch_goes_on(capsys, tmp_path, monkeypatch):
    from dateline.store import Store

    path, db = _news(tmp_path, "news.jsonl", NEWS), str(tmp_path / "x.db")
    real = Store.add_result

    def overflowing(self, result):
        if "Harare" in result.article.text:
            raise OverflowError("Python int too large to convert to SQLite INTEGER")
        return real(self, result)

    monkeypatch.setattr(Store, "add_result", overflowing)
    code, _, err = run(capsys, "ingest", str(path), "--db", db)
    assert code == 0 and "[E043]" in err and "2 new" in err and "1 failed" in err
    monkeypatch.setattr(Store, "add_result", real)
    code, _, err = run(capsys, "ingest", "--retry-failed", "--db", db)  # no PATH: from the stored text
    assert code == 0 and "1 retried" in err and "1 new" in err
    with Store(db) as store:
        assert store.failed_count() == 0 and store.counts()["articles"] == 3 and not store.problems()


def test_problems_are_stored_as_they_happen(capsys, tmp_path, monkeypatch):
    from dateline.store import Store

    path, db = _news(tmp_path, "news.jsonl", NEWS), str(tmp_path / "x.db")
    calls = []
    real = Store.add_result

    def dies(self, result):  # the run is interrupted at its second article
        calls.append(result)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(self, result)

    monkeypatch.setattr(Store, "add_result", dies)
    code, _, err = run(capsys, "ingest", str(RESOURCES / "bad"), str(path), "--db", db)
    assert code == 130 and "interrupted" in err
    monkeypatch.setattr(Store, "add_result", real)
    with Store(db) as store:  # what came before the interruption is kept
        assert {p["code"] for p in store.problems()} >= {"E002", "E003", "E005"}
        assert store.counts()["articles"] == 1
    code, _, err = run(capsys, "ingest", str(RESOURCES / "bad"), str(path), "--db", db)
    new = int(re.search(r"(\d+) new,", err).group(1))
    with Store(db) as store:  # the re-run resumes: the rest is stored, nothing twice
        assert code == 0 and new >= len(NEWS) and store.counts()["articles"] == 1 + new


def test_untrusted_text_is_printed_terminal_safe(capsys, tmp_path):
    bad = tmp_path / "evil\x1b]0;owned\x07.txt"
    bad.write_text("")  # an empty file: its problem names it
    title = "Protest \x1b[2J\x9b31m in \u202eHarare"
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({"text": NEWS[0], "title": title, "publisher": "Post\x1b[31m"}) + "\n")
    db = str(tmp_path / "x.db")
    code, _, err = run(capsys, "ingest", str(bad), str(path), "--db", db)
    assert code == 0 and "\\x1b]0;owned\\x07" in err
    outputs = [run(capsys, "problems", "--db", db)]
    for fmt in ("table", "jsonl", "json", "geojson"):
        outputs.append(run(capsys, "events", "--db", db, "--format", fmt))
    outputs.append(run(capsys, "drops", "--db", db))
    outputs.append(run(capsys, "extract", str(path)))
    outputs.append(run(capsys, "explain", str(path)))
    for code, out, err in outputs:
        assert code == 0
        for raw in ("\x1b", "\x07", "\x9b", "\u202e"):
            assert raw not in out and raw not in err
    [record] = [json.loads(line) for line in outputs[2][1].splitlines()]
    # the reader stores a control character of metadata as U+FFFD (docs/errors.md, "Untrusted
    # input"); JSON output gives back exactly what was stored
    assert "Post\ufffd[31m" in record["source"]


def test_a_reader_that_fails_outright_loses_only_the_rest_of_its_input(capsys, monkeypatch):
    from dateline.read import sources

    real = sources.read_paths

    def crashing(paths, **kw):  # a reader bug that hits one file after its first article
        for i, item in enumerate(real(paths, **kw)):
            if i == 1 and paths[0].endswith(".jsonl"):
                raise RecursionError("maximum recursion depth exceeded")
            yield item

    monkeypatch.setattr(sources, "read_paths", crashing)
    code, out, err = run(capsys, "extract", str(SAMPLES))
    assert code == 0 and "wire.jsonl: [E049]" in err and "RecursionError" in err
    assert "3 article(s) read" in err  # the jsonl's first, and the two other files


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {"": parser, **sub.choices}


@pytest.mark.parametrize("name", list(_commands()))
def test_help_has_examples_defaults_and_help_for_every_option(name):
    """Every command's --help ends with examples of that command, every option has help text,
    and every option with a default (not None/False/empty) shows it."""
    parser = _commands()[name]
    text = parser.format_help()
    examples = text.split("examples:\n", 1)[1] if "examples:\n" in text else ""
    assert f"dateline {name}".strip() in examples, f"dateline {name}: no example in --help"
    for action in parser._actions:
        if action.help == argparse.SUPPRESS or isinstance(action, argparse._SubParsersAction):
            continue
        assert (action.help or "").strip(), f"dateline {name} {action.option_strings or action.dest}: no help"
        if action.option_strings and action.default not in (None, False, [], argparse.SUPPRESS):
            shown = f"(default: {action.default})"
            assert shown in " ".join(text.split()), (
                f"dateline {name} {action.option_strings}: default not shown"
            )
