"""Issue 17's table in one run, on a realistic corpus (never copies of one article): 100 Times
of India reports (../shared/data/events/india-police-events/dev.jsonl, conflict news), 100
documents of the GLOCON stream (glocon-sample/documents.jsonl, mostly not conflict) and 100
synthetic NGEC stories (ngec_synthetic_events.csv). Skips without ../shared.

    PYTHONPATH=src .venv/bin/python bench/bench_scale.py [--n 100] [--workers 2] [--corpus OUT.jsonl]
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from dateline.read.jsonl import read_jsonl
from dateline.records import Article

ROOT = Path(__file__).resolve().parent.parent
EVENTS = ROOT.parent / "shared" / "data" / "events"


def _jsonl(path: Path, n: int) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if len(rows) >= n:
                break
            if line.strip():
                rows.append(json.loads(line))
    return rows


def corpus_rows(n: int) -> dict[str, list[dict]]:
    """The three parts, ``n`` rows each (the first ones of each file, so the set is fixed), as
    JSON Lines records for ``read_jsonl`` / ``dateline extract``."""
    police = [
        {"url": r["url"], "published": r.get("published"), "text": r["text"]}
        for r in _jsonl(EVENTS / "india-police-events" / "dev.jsonl", n)
    ]
    glocon = [
        {"url": f"glocon:{r['id']}", "text": r["text"]}
        for r in _jsonl(EVENTS / "glocon-sample" / "documents.jsonl", n)
    ]
    ngec = []
    with (EVENTS / "ngec_synthetic_events.csv").open(encoding="utf-8", newline="") as handle:
        for i, row in enumerate(csv.DictReader(handle)):
            if i >= n:
                break
            ngec.append({"url": f"ngec:{i}", "title": row.get("title") or None, "text": row["text"]})
    return {"police": police, "glocon": glocon, "ngec": ngec}


def articles(rows: list[dict]) -> list[Article]:
    text = "\n".join(json.dumps(r) for r in rows)
    return [a for a in read_jsonl(text, source_path="bench") if isinstance(a, Article)]
