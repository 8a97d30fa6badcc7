"""kill -9 and resume: ``dateline ingest`` killed at a few points (after some articles are committed,
found by polling the database), in one process and with ``--workers 2``, then run again, ends with
the same database as a run that was never interrupted; a killed run's workers do not outlive it.

Costly (each killed run loads the models): two killed runs in subprocesses; the clean run and the
last resume run in this process with the suite's models."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import ROOT, shared_resources

from dateline.cli import main

TOWNS = ["Zamfara", "Kano", "Harare", "Gao", "Mogadishu", "Maiduguri", "Bamako", "Goma"]
ACTS = [
    "Gunmen killed {n} villagers in {town} on Monday, police said.",
    "Police arrested {n} protesters in {town} on Tuesday, a rights group said.",
    "Soldiers clashed with militants near {town} on Sunday, leaving {n} dead, the army said.",
    "A roadside bomb killed {n} soldiers outside {town} on Wednesday, officials said.",
]
ARTICLES = 36
# Volatile columns (row ids, write times) are left out; everything else must be equal.
TABLES = {
    "articles": "article_id, text, title, published, publisher, url, source_path, input_format, meta_spans, status",
    "segments": 'article_id, start, "end", kind, removed, reason',
    "events": "event_id, record",
    "evidence": 'event_id, field, article_id, start, "end", text',
    "claims": "claim_id, article_id, status, superseded_by, record",
    "problems": "source, code, message, article_id",
    "drops": "article_id, stage, reason, detail, sentence_start, sentence_end, trigger_start, trigger_end",
    "changes": "event_id, kind, into_id",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Made-up wire items, one a line, and one broken line (a problem every run records once)."""
    lines = []
    for i in range(ARTICLES):
        text = ACTS[i % len(ACTS)].format(n=i + 3, town=TOWNS[i % len(TOWNS)])
        lines.append(
            json.dumps({"text": text, "published": f"2023-05-{1 + i % 28:02d}", "url": f"https://x.test/{i}"})
        )
    lines.insert(7, '{"text": "a broken line')
    path = tmp_path_factory.mktemp("corpus") / "wire.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def clean(corpus, tmp_path_factory) -> str:
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    assert main(["ingest", str(corpus), "--db", str(db)], resources=shared_resources()) == 0
    assert _articles(db) == ARTICLES
    return checksum(db)


def checksum(db: Path) -> str:
    digest = hashlib.sha256()
    with sqlite3.connect(db) as conn:
        for table, columns in TABLES.items():
            rows = conn.execute(f"SELECT {columns} FROM {table}").fetchall()
            if table == "events":  # the record's timestamp is when it was written: not content
                rows = [
                    (i, json.dumps({**json.loads(r), "timestamp": None}, sort_keys=True)) for i, r in rows
                ]
            rows = sorted(rows, key=repr)
            digest.update(f"{table}:{rows!r}".encode())
    return digest.hexdigest()


def _articles(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM articles WHERE status = 'done'").fetchone()[0]
    except sqlite3.Error:  # not created yet
        return 0


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")  # a zombie has exited (nobody may reap it in a container)


def kill_after(corpus: Path, db: Path, more: int, *flags: str) -> list[int]:
    """Run ``dateline ingest`` in a subprocess, SIGKILL it once ``more`` articles beyond those
    already stored are committed; the pids of its child processes at that moment."""
    start = _articles(db)
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "DATELINE_CHUNK_SIZE": "2",
        "DATELINE_SHARD_SIZE": "2",
    }
    cmd = [sys.executable, "-m", "dateline.cli", "ingest", str(corpus), "--db", str(db), *flags]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline, children = time.monotonic() + 240, []
    while proc.poll() is None and time.monotonic() < deadline:
        if _articles(db) >= start + more:
            children = _children(proc.pid)
            os.kill(proc.pid, signal.SIGKILL)
            break
        time.sleep(0.02)
    err = proc.communicate(timeout=60)[1].decode(errors="replace")
    assert proc.returncode == -signal.SIGKILL, f"not killed mid-run (rc {proc.returncode}): {err[-2000:]}"
    assert start + more <= _articles(db) < ARTICLES  # killed after `more` commits, before the end
    return children


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the workers through /proc (Linux)")
def test_kill_9_single_then_parallel_then_resume_gives_the_clean_database(corpus, clean, tmp_path):
    db = tmp_path / "killed.db"
    kill_after(corpus, db, 2)  # one process, killed after two articles
    workers = kill_after(corpus, db, 4, "--workers", "2")  # resumed in parallel, killed again
    assert len(workers) >= 2
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if _alive(pid)], "workers outlived their killed parent"
    assert main(["ingest", str(corpus), "--db", str(db)], resources=shared_resources()) == 0
    assert _articles(db) == ARTICLES and checksum(db) == clean
    assert main(["ingest", str(corpus), "--db", str(db)], resources=shared_resources()) == 0
    assert checksum(db) == clean  # and once more changes nothing


@pytest.mark.parametrize("poisons", [(5,), (0, 11), (2, 9, 10)])
def test_a_worker_that_dies_costs_its_shard_only(monkeypatch, poisons):
    """A worker killed mid-shard (here: it exits on one article) breaks the pool: the pool is
    restarted, the shards in flight run again one at a time, the one at fault becomes failed
    results (E048) and every other article is processed, in input order. (Fork start: the fake
    reaches the workers; no model loads.)"""
    from dateline import pipeline
    from dateline.config import load_config
    from dateline.read.text import read_text
    from dateline.records import Result

    def fake(articles, resources=None):
        if any("poison" in a.text for a in articles):
            os._exit(1)  # as the OOM killer would
        return [Result(a, [], []) for a in articles]

    monkeypatch.setattr(pipeline, "process_chunk", fake)
    texts = [f"Report {i}." if i not in poisons else f"A poison report {i}." for i in range(12)]
    articles = [read_text(t) for t in texts]
    results = list(pipeline.process_parallel(articles, 2, chunk=2, config=load_config(environ={})))
    assert [r.article.text for r in results] == texts
    # the shards as the pool cuts them (the input's last ones smaller: pipeline.shards)
    shards = [[a.text for a in shard] for shard in pipeline.shards(articles, 2, 2)]
    assert sum(map(len, shards)) == len(texts) and max(map(len, shards)) == 2
    at_fault = [t for shard in shards if any("poison" in t for t in shard) for t in shard]
    assert [r.article.text for r in results if r.problems] == at_fault
    assert {p.code for r in results for p in r.problems} == {"E048"}
