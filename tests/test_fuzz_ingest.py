"""The fuzz test of issue 14: ≥ 10,000 malformed items of every kind the issue lists, mixed with good
articles, through the real ``dateline ingest`` into a temporary SQLite database. Per kind: no
crash, rc 0, every good article stored once with the very events it gives alone, every bad item
recorded as a problem (naming it or its file) or read as an article, and the problem codes seen
are the ones docs/reliability.md lists for that kind. The corpus: tests/fuzz_corpus.py."""

from __future__ import annotations

import json
import random
import re
import sqlite3
import tempfile
from datetime import date
from pathlib import Path

import fuzz_corpus as corpus
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from support import ROOT

from dateline.cli import main

WORLD_POPULATION = 8_300_000_000  # no event kills more people than there are
PLAUSIBLE_YEARS = range(1900, date.today().year + 2)
RELIABILITY = ROOT / "docs" / "reliability.md"
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 and C1 controls but tab and newline


def ingest(paths: list[Path], db: Path, resources) -> int:
    return main(["ingest", *map(str, paths), "--db", str(db)], resources=resources)


def contents(db: Path) -> dict:
    """What the database holds: articles (id -> source, published), events by article, problems."""
    with sqlite3.connect(db) as con:
        articles = {
            a: (s, p) for a, s, p in con.execute("SELECT article_id, source_path, published FROM articles")
        }
        events: dict[str, dict[str, dict]] = {}
        for (record,) in con.execute("SELECT record FROM events"):
            event = json.loads(record)
            event.pop("timestamp", None)  # when the store wrote it: differs between runs
            for article_id in event.get("article_ids") or []:
                events.setdefault(article_id, {})[event["event_id"]] = event
        problems = list(con.execute("SELECT source, code FROM problems"))
        messages = [m for (m,) in con.execute("SELECT source || ' ' || message FROM problems")]
    return {"articles": articles, "events": events, "problems": problems, "messages": messages}


def write_goods_alone(goods: list[corpus.Good], out: Path) -> None:
    """The kind's good articles again, each in the form it had, with no poison beside them."""
    out.mkdir()
    lines = [json.dumps(g.record) for g in goods if g.form == "jsonl"]
    if lines:
        (out / "goods.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    records = []
    for number, good in enumerate((g for g in goods if g.form == "warc"), start=1):
        records.append(
            corpus.warc_record(
                corpus.http_response(corpus.page_html(good.record)),
                corpus.response_headers(number, good.record["url"].encode()),
            )
        )
    if records:
        (out / "goods.warc").write_bytes(b"".join(records))
    for number, good in enumerate(g for g in goods if g.form == "text"):
        (out / f"good-{number}.txt").write_text(good.record["text"], encoding="utf-8")


def reference(goods: list[corpus.Good], tmp: Path, resources) -> dict:
    write_goods_alone(goods, tmp / "goods")
    assert ingest([tmp / "goods"], tmp / "goods.db", resources) == 0
    ref = contents(tmp / "goods.db")
    assert len(ref["articles"]) == len(goods), "each good article is read on its own"
    assert all(ref["events"].get(a) for a in ref["articles"]), "each good article reports an event"
    return ref


def accounted(item: corpus.Item, problems: set[str], stored: set[str]) -> bool:
    source, file, expect = item.source, item.file, item.expect

    def named(names: set[str]) -> bool:
        return source in names or any(n.startswith((source + "#", source + ":")) for n in names)

    if expect == "article":
        return named(stored)
    if expect == "problem":
        return named(problems) or file in problems
    return named(problems) or file in problems or named(stored)


def documented_codes() -> dict[str, set[str]]:
    """docs/reliability.md's fuzz table: kind -> the codes its row lists."""
    rows = re.findall(r"^\| `(\w+)` \|(.*)\|\s*$", RELIABILITY.read_text(encoding="utf-8"), re.M)
    return {kind: set(re.findall(r"E\d{3}", rest.rsplit("|", 1)[-1])) for kind, rest in rows}


def check_goods(ref: dict, got: dict) -> list[str]:
    errors = []
    for article_id in ref["articles"]:
        if article_id not in got["articles"]:
            errors.append(f"good article (alone: {ref['articles'][article_id][0]}) not stored")
        elif got["events"].get(article_id) != ref["events"].get(article_id):
            errors.append(
                f"good article {got['articles'][article_id][0]}: events differ from its events alone"
            )
    return errors


def check_values(kind: str, built: corpus.Built, got: dict) -> list[str]:
    """Absurd tolls and dates never reach the stored records; a refused date is recorded."""
    # a problem's source and message reach terminals: no raw control character from the input
    errors = [f"control characters in a problem: {m[:120]!r}" for m in got["messages"] if UNSAFE.search(m)][
        :3
    ]
    poison = {i.source for i in built.items}
    problems = {s for s, _ in got["problems"]}
    for article_id, (source, published) in got["articles"].items():
        if source not in poison:
            continue
        for event in got["events"].get(article_id, {}).values():
            tolls = [event.get(k) for k in ("fatalities", "fatalities_low", "fatalities_high")]
            if any(t is not None and t > WORLD_POPULATION for t in tolls):
                errors.append(f"{source}: toll {tolls} stored")
            for key in ("event_date", "event_date_end"):
                if event.get(key) and int(event[key][:4]) not in PLAUSIBLE_YEARS:
                    errors.append(f"{source}: {key} {event[key]} stored")
        if published and int(published[:4]) not in PLAUSIBLE_YEARS:
            errors.append(f"{source}: published {published} stored")
        if kind == "absurd_dates" and not published and source not in problems:
            errors.append(f"{source}: its absurd published date was dropped silently (no problem recorded)")
    return errors


@pytest.mark.parametrize("kind", sorted(corpus.KINDS))
def test_a_poison_kind_never_sinks_the_batch(kind, tmp_path, resources):
    built = corpus.build(kind, tmp_path / "in")
    assert built.goods and built.items
    ref = reference(built.goods, tmp_path, resources)
    rc = ingest([tmp_path / "in"], tmp_path / "fuzz.db", resources)
    got = contents(tmp_path / "fuzz.db")
    errors = check_goods(ref, got)
    problems = {s for s, _ in got["problems"]}
    stored = {s or "" for s, _ in got["articles"].values()}
    wanted = {
        "problem": "a recorded problem",
        "article": "a stored article",
        "either": "a problem or an article",
    }
    for expect, what in wanted.items():
        lost = [i.source for i in built.items if i.expect == expect and not accounted(i, problems, stored)]
        if lost:
            errors.append(f"{len(lost)} item(s) should be {what} and are not: {lost[:5]}")
    known = {i.source for i in built.items} | {g.source for g in built.goods}
    phantom = [
        s for s in stored if s not in known and not any(s.startswith((k + "#", k + ":")) for k in known)
    ]
    errors += [f"stored an article from nowhere: {s}" for s in phantom[:5]]
    errors += check_values(kind, built, got)
    assert rc == 0 and not errors, f"rc {rc}; " + "\n".join(errors)
    check_codes(kind, got)


def check_codes(kind: str, got: dict) -> None:
    seen = {code for _, code in got["problems"]}
    listed = documented_codes().get(kind)
    assert listed is not None and seen <= listed, (
        f"docs/reliability.md: the row of `{kind}` must list the codes seen: {sorted(seen)} (lists {listed})"
    )


# -- hypothesis-driven variants: random JSON records and random files, each beside a good article ----

GOOD = corpus.good_record(random.Random(corpus.SEED), 1)
ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=60)
JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | ANY_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ANY_TEXT, inner, max_size=4),
    max_leaves=12,
)
RECORD = st.dictionaries(
    st.sampled_from(["text", "html", "title", "url", "published", "publisher", "date"]), JSON_VALUE
)
SUFFIXES = [".txt", ".html", ".jsonl", ".xml", ".warc", ".warc.gz", ".rss"]
_REFERENCE: dict[str, dict] = {}


def _good_alone(resources) -> dict:
    if "good" not in _REFERENCE:
        with tempfile.TemporaryDirectory() as tmp:
            good = corpus.Good(GOOD, "", "jsonl")
            _REFERENCE["good"] = reference([good], Path(tmp), resources)
    return _REFERENCE["good"]


def _run_example(kind: str, files: dict[str, bytes], items: list[corpus.Item], resources) -> None:
    ref = _good_alone(resources)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "in"
        root.mkdir()
        for name, data in files.items():
            (root / name).write_bytes(data)
        items = [corpus.Item(str(root / i.source), str(root / i.file), i.expect) for i in items]
        rc = ingest([root], Path(tmp) / "fuzz.db", resources)
        got = contents(Path(tmp) / "fuzz.db")
    problems = {s for s, _ in got["problems"]}
    stored = {s or "" for s, _ in got["articles"].values()}
    lost = [i.source for i in items if not accounted(i, problems, stored)]
    errors = check_goods(ref, got) + [f"lost: {lost[:5]}"] * bool(lost)
    errors += [f"control characters in a problem: {m[:120]!r}" for m in got["messages"] if UNSAFE.search(m)][
        :3
    ]
    assert rc == 0 and not errors, f"rc {rc}; " + "\n".join(errors)
    check_codes(kind, got)


JSON_RECORDS = corpus.HYPOTHESIS_KINDS["hypothesis_json_records"][1:]  # (examples, items each)
RANDOM_FILES = corpus.HYPOTHESIS_KINDS["hypothesis_random_files"][1:]
HYPOTHESIS = settings(
    max_examples=JSON_RECORDS[0],
    derandomize=True,  # the same examples every run
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking (minutes here): a failure shows as drawn
    suppress_health_check=list(HealthCheck),
)


@HYPOTHESIS
@given(records=st.lists(RECORD | JSON_VALUE, min_size=JSON_RECORDS[1], max_size=JSON_RECORDS[1]))
def test_random_json_records_never_sink_the_batch(records, resources):
    lines = [json.dumps(r) for r in records]
    lines = [line if line.strip() else '""' for line in lines]
    body = "\n".join([json.dumps(GOOD), *lines]) + "\n"
    items = [corpus.Item(f"r.jsonl:{n}", "r.jsonl", "either") for n in range(2, len(lines) + 2)]
    _run_example("hypothesis_json_records", {"r.jsonl": body.encode()}, items, resources)


@settings(HYPOTHESIS, max_examples=RANDOM_FILES[0])
@given(
    blobs=st.lists(
        st.tuples(st.sampled_from(SUFFIXES), st.binary(max_size=3000)),
        min_size=RANDOM_FILES[1],
        max_size=RANDOM_FILES[1],
    )
)
def test_random_files_never_sink_the_batch(blobs, resources):
    files = {f"f{n}{suffix}": data for n, (suffix, data) in enumerate(blobs)}
    items = [corpus.Item(name, name, "either") for name in files]
    files["good.jsonl"] = json.dumps(GOOD).encode() + b"\n"
    _run_example("hypothesis_random_files", files, items, resources)
