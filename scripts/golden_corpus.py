"""The golden corpus: Dateline's event JSON over a fixed, varied set of articles, for checking
that a refactor changes nothing.

    python scripts/golden_corpus.py OUT_DIR [--shared ../shared]

writes ``OUT_DIR/corpus.jsonl`` (the articles built from ``../shared``; never commit it: the
texts are not ours), ``OUT_DIR/events.jsonl`` (every event, keys sorted, one per line, in
input order), ``OUT_DIR/store.txt`` (the same articles ingested into a fresh SQLite file and
read back with ``dateline events``, ``export --format csv`` and ``problems``) and
``OUT_DIR/summary.txt``. It runs the public command (``dateline extract``),
so it does not depend on any internal API and can run on an old and a new checkout alike:

    python scripts/golden_corpus.py /tmp/golden-before   # on the old checkout
    python scripts/golden_corpus.py /tmp/golden-after    # on the new one
    diff /tmp/golden-before/events.jsonl /tmp/golden-after/events.jsonl
    diff /tmp/golden-before/store.txt /tmp/golden-after/store.txt

The corpus: the bundled samples, the example page (with its publisher), and 240 articles from
``../shared``: 60 from the GLOCON stream, 60 Times of India reports, 40 each from TR-News and
GeoVirus, 40 synthetic NGEC stories (the first ones of each file, so the set is fixed).
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = "examples/memo-2019-02-08-daesh-leader-flees-coup-attempt.txt"


def _jsonl(path: Path, limit: int, make) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if len(rows) >= limit:
                break
            rows.append(make(json.loads(line)))
    return rows


def _geo_xml(path: Path, limit: int, prefix: str) -> list[dict]:
    rows = []
    for article in ET.parse(path).getroot().iter("article"):
        if len(rows) >= limit:
            break
        text = (article.findtext("text") or "").strip()
        rows.append(
            {
                "url": f"{prefix}:{article.get('docid') or len(rows)}",
                "title": (article.findtext("title") or "").strip() or None,
                "published": (article.findtext("dltime") or "").strip() or None,
                "text": text,
            }
        )
    return rows


def _ngec(path: Path, limit: int) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for n, row in enumerate(csv.DictReader(handle)):
            if len(rows) >= limit:
                break
            rows.append({"url": f"ngec:{n}", "title": row.get("title") or None, "text": row["text"]})
    return rows


def build_corpus(shared: Path) -> list[dict]:
    data = shared / "data"
    corpus = _jsonl(
        data / "events/glocon-sample/documents.jsonl",
        60,
        lambda r: {"url": f"glocon:{r['id']}", "text": r["text"]},
    )
    corpus += _jsonl(
        data / "events/india-police-events/dev.jsonl",
        60,
        lambda r: {"url": r["url"], "published": r.get("published"), "text": r["text"]},
    )
    corpus += _geo_xml(data / "geo/TR-News.xml", 40, "trnews")
    corpus += _geo_xml(data / "geo/GeoVirus.xml", 40, "geovirus")
    corpus += _ngec(data / "events/ngec_synthetic_events.csv", 40)
    return corpus


def extract(dateline: str, paths: list[str], *extra: str) -> list[str]:
    run = subprocess.run(
        [dateline, "extract", *paths, "--format", "jsonl", *extra],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = [json.dumps(json.loads(line), sort_keys=True) for line in run.stdout.splitlines() if line]
    # the run's own messages only: library warnings name the venv's path, which differs by checkout
    said = [line for line in run.stderr.splitlines() if line.startswith("dateline")]
    return lines + [f"# stderr: {line}" for line in said]


def stored(dateline: str, db: Path, batches: list[tuple[list[str], tuple[str, ...]]]) -> list[str]:
    """Ingest every batch into a fresh SQLite file, then read it back through the CLI: the
    events (keys sorted), the ACLED CSV export and the problems."""
    for paths, extra in batches:
        subprocess.run([dateline, "ingest", *paths, "--db", str(db), *extra], capture_output=True, check=True)
    out = []
    for command in (["events", "--format", "jsonl"], ["export", "--format", "csv"], ["problems"]):
        run = subprocess.run(
            [dateline, *command, "--db", str(db)], capture_output=True, text=True, check=True
        )
        lines = run.stdout.splitlines()
        if command[0] == "events":
            lines = [json.dumps(json.loads(line), sort_keys=True) for line in lines if line]
        out += [f"## {' '.join(command)}", *lines]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--dateline", default=str(ROOT / ".venv/bin/dateline"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    corpus = build_corpus(args.shared)
    corpus_path = args.out / "corpus.jsonl"
    with corpus_path.open("w", encoding="utf-8") as handle:
        for row in corpus:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    samples = sorted(str(p) for p in (ROOT / "samples").iterdir() if p.name != "README.md")
    lines = extract(args.dateline, samples)
    lines += extract(args.dateline, [str(args.shared / EXAMPLE)], "--publisher", "Middle East Monitor")
    lines += extract(args.dateline, [str(corpus_path)])
    (args.out / "events.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = args.out / "golden.db"
    db.unlink(missing_ok=True)
    batches = [(samples, ()), ([str(args.shared / EXAMPLE)], ("--publisher", "Middle East Monitor"))]
    store_lines = stored(args.dateline, db, [*batches, ([str(corpus_path)], ())])
    (args.out / "store.txt").write_text("\n".join(store_lines) + "\n", encoding="utf-8")
    events = [line for line in lines if not line.startswith("#")]
    summary = f"{len(corpus) + len(samples) + 1} articles, {len(events)} events\n"
    (args.out / "summary.txt").write_text(summary, encoding="utf-8")
    sys.stdout.write(summary)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
