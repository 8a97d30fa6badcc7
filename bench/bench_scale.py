"""Issue 17's table in one run, on a realistic corpus (never copies of one article): 100 Times
of India reports (../shared/data/events/india-police-events/dev.jsonl, conflict news), 100
documents of the GLOCON stream (glocon-sample/documents.jsonl, mostly not conflict) and 100
synthetic NGEC stories (ngec_synthetic_events.csv). Skips without ../shared.

    PYTHONPATH=src .venv/bin/python bench/bench_scale.py [--n 100] [--workers 2] [--corpus OUT.jsonl]
        [--ratios-only [--cascade-off] | --engines-only [--no-dask]]
"""

from __future__ import annotations

import os

# as the dateline command does (cli.py): one OpenBLAS thread per process, so that one process is
# timed on one core, as a user runs it, and a pool's workers do not each start a thread per core
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import csv
import json
import resource
import subprocess
import time
from pathlib import Path

from dateline.read.jsonl import read_jsonl
from dateline.records import Article
from dateline.records import gated as is_gated

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


def events_of(results) -> list[str]:
    return [json.dumps(e.to_dict(), sort_keys=True) for r in results for e in r.events]


def ratio_vs_bare(name: str, docs: list[Article], resources, bare_nlp, goal: str, step: int = 20) -> None:
    """Pipeline ÷ bare ``nlp.pipe`` over the same article texts (the bare model is the same
    en_core_web_sm with the same thinc ops, without Dateline's ruler), interleaved ``step``
    articles at a time so that a change in the machine's load falls on both sides."""
    from dateline.pipeline import process_many

    bare = full = 0.0
    n_events = gated = 0
    for i in range(0, len(docs), step):
        part = docs[i : i + step]
        start = time.perf_counter()
        for _ in bare_nlp.pipe((a.text for a in part), batch_size=resources.config.spacy_batch_size):
            pass
        bare += time.perf_counter() - start
        start = time.perf_counter()
        results = list(process_many(part, resources))
        full += time.perf_counter() - start
        n_events += sum(len(r.events) for r in results)
        gated += sum(map(is_gated, results))
    gate = (
        f"relevance gate on: {len(docs) - gated} of {len(docs)} articles passed"
        if resources.config.relevance_gate
        else "relevance gate off"
    )
    print(
        f"| pipeline ÷ bare nlp.pipe, {name} ({len(docs)} articles, {n_events} events; {gate}) | "
        f"**{bare / full:.2f}×** ({len(docs) / full:.1f} vs {len(docs) / bare:.1f} articles/s) | {goal} |",
        flush=True,
    )


def engine_run(run) -> tuple[float, float, list[str]]:
    """(seconds to the first result, total seconds, events) of one engine, start-up included."""
    start = time.perf_counter()
    first, out = 0.0, []
    for result in run():
        first = first or time.perf_counter() - start
        out.extend(events_of([result]))
    return first, time.perf_counter() - start, out


def typing_rate(resources, n: int) -> tuple[float, int]:
    """Event typing snippets/s as the pipeline calls it (one snippet at a time), over the
    first ``n`` CASE 2021 dev snippets (a development file)."""
    from dateline.evaluate.events import read_case
    from dateline.extract import event_typing as et

    path = EVENTS / "case2021_task2_dev.tsv"
    texts = [t for t, _ in read_case(path)][:n]
    et.classify_snippet(texts[0], resources)  # the session opens outside the timing
    start = time.perf_counter()
    for text in texts:
        et.classify_snippet(text, resources)
    return len(texts) / (time.perf_counter() - start), len(texts)


def model_in_git() -> tuple[float, float, int]:
    """(MB of the event model files at HEAD, MB of every version of them in history, commits
    that touched them): what a clone carries."""
    folder = "src/dateline/data/event_model"
    head = subprocess.run(
        ["git", "ls-tree", "-r", "-l", "HEAD", folder], cwd=ROOT, capture_output=True, text=True
    ).stdout.split("\n")
    now = sum(int(line.split()[3]) for line in head if line.strip())
    objects = subprocess.run(
        ["git", "rev-list", "--objects", "--all", "--", folder], cwd=ROOT, capture_output=True, text=True
    ).stdout.split("\n")
    blobs = [line.split(" ", 1) for line in objects if " " in line]
    check = subprocess.run(
        ["git", "cat-file", "--batch-check=%(objecttype) %(objectsize)"],
        cwd=ROOT,
        input="\n".join(sha for sha, _ in blobs),
        capture_output=True,
        text=True,
    ).stdout.split("\n")
    total = sum(int(line.split()[1]) for line in check if line.startswith("blob"))
    commits = subprocess.run(
        ["git", "rev-list", "--count", "HEAD", "--", folder], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return now / 1e6, total / 1e6, int(commits or 0)


class TypingCount:
    """Counts the events the pipeline types and the texts MPNet reads (the cascade's skip share)."""

    def __init__(self) -> None:
        from dateline.extract import typing_models
        from dateline.merge import build

        self.events = self.mpnet = 0
        group, proba = build.classify_group, typing_models.FineTunedModel.proba

        def counted_group(*args):
            self.events += 1
            return group(*args)

        def counted_proba(model, texts, resources):
            self.mpnet += len(texts)
            return proba(model, texts, resources)

        build.classify_group = counted_group
        typing_models.FineTunedModel.proba = counted_proba

    def row(self, label: str) -> None:
        skipped = self.events - self.mpnet
        print(f"|   typing ({label}): {self.events} events typed, MPNet skipped on {skipped} "
              f"({skipped / max(self.events, 1):.0%}) | | |", flush=True)  # fmt: skip
        self.events = self.mpnet = 0


def ratios(config, conflict: list[Article], mixed: list[Article], cascade_off: bool = False) -> None:
    """The ÷ bare ``nlp.pipe`` rows with the relevance gate on, then off (the same models);
    ``cascade_off``: each row also with the typer's cascade off (``typing_skip_below`` 0), in
    the same run, right after it."""
    from dataclasses import replace

    from dateline.nlp import load_nlp
    from dateline.pipeline import process_many
    from dateline.resources import Resources

    on = Resources(replace(config, relevance_gate=True))
    list(process_many(conflict[:2], on))  # every model loaded
    off = Resources(replace(config, relevance_gate=False))
    off._memo = on._memo
    bare = load_nlp()
    list(bare.pipe(["Warm-up."]))
    count = TypingCount()
    for gated in (on, off):
        variants = [("cascade on", gated)]
        if cascade_off:
            full = Resources(replace(gated.config, typing_skip_below=0.0))
            full._memo = on._memo
            variants.append(("cascade off", full))
        for name, docs, goal in (
            ("conflict news (Times of India + NGEC synthetic)", conflict, "≥ 1.0×"),
            ("mixed stream (GLOCON, mostly not conflict)", mixed, "≥ 3×"),
        ):
            for label, resources in variants:
                ratio_vs_bare(name, docs, resources, bare, goal)
                count.row(label)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100, help="articles of each of the three parts")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--snippets", type=int, default=100)
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument(
        "--ratios-only", action="store_true", help="only the rows ÷ bare nlp.pipe, relevance gate on and off"
    )
    parser.add_argument(
        "--cascade-off",
        action="store_true",
        help="with --ratios-only: each row also with typing_skip_below 0",
    )
    parser.add_argument(
        "--engines-only",
        action="store_true",
        help="only the pool (and Dask unless --no-dask) ÷ one process and the peak RSS rows",
    )
    args = parser.parse_args()
    if not EVENTS.exists():
        print(f"skipped: {EVENTS} not found")
        return
    from dateline.config import load_config
    from dateline.engines import process_dask
    from dateline.nlp import load_nlp
    from dateline.pipeline import process_many, process_parallel
    from dateline.resources import Resources

    rows = corpus_rows(args.n)
    parts = {name: articles(r) for name, r in rows.items()}
    conflict, mixed = parts["police"] + parts["ngec"], parts["glocon"]
    stream = parts["police"] + parts["glocon"] + parts["ngec"]
    config = load_config()
    load = os.getloadavg()
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, load {load[0]:.1f}")
    print("| measure | now | goal |\n|---|---|---|")
    if args.ratios_only:
        ratios(config, conflict, mixed, args.cascade_off)
        return
    # the pool and Dask first, from a parent with no model loaded (workers are forked from it,
    # so their peak RSS is their own); every run builds its models in its own process(es)
    engines = [(f"--workers {args.workers}", lambda: process_parallel(stream, args.workers, config=config))]
    if not args.no_dask:
        engines.append(("Dask", lambda: process_dask(stream, config, workers=args.workers)))
    runs = [(name, engine_run(run)) for name, run in engines]
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    first1, one, expected = engine_run(lambda: process_many(stream, Resources(config)))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # models + the 300 articles
    print(
        f"| one process, {len(stream)} articles, model start-up included | {len(stream) / one:.2f} "
        f"articles/s ({one:.1f} s; first result after {first1:.1f} s) | — |",
        flush=True,
    )
    for name, (first, total, got) in runs:
        steady1 = (len(stream) - 1) / max(one - first1, 1e-9)
        steady = (len(stream) - 1) / max(total - first, 1e-9)
        print(
            f"| {name} ÷ one process | **{one / total:.2f}×** start-up included ({total:.1f} s; first "
            f"result after {first:.1f} s); **{steady / steady1:.2f}×** after the first result | ≥ 1.9×; "
            f"same events as one process: {got == expected} |",
            flush=True,
        )
    print(f"| peak RSS, largest worker process | {child:.0f} MiB | ≤ 1.0 GB |")
    if args.engines_only:
        print(f"| peak RSS, one process ({len(stream)} articles, models loaded) | {rss:.0f} MiB | ≤ 1.0 GB |")
        return
    resources = Resources(config)
    list(process_many(stream[:2], resources))  # every model loaded
    bare = load_nlp()
    list(bare.pipe(["Warm-up."]))
    ratio_vs_bare("conflict news (Times of India + NGEC synthetic)", conflict, resources, bare, "≥ 1.0×")
    ratio_vs_bare("mixed stream (GLOCON, mostly not conflict)", mixed, resources, bare, "≥ 3×")
    rate, n = typing_rate(resources, args.snippets)
    print(
        f"| event typing, one snippet at a time ({n} CASE dev snippets) | {rate:.0f} snippets/s | ≥ 100/s |"
    )
    print(f"| peak RSS, one process ({len(stream)} articles, models loaded) | {rss:.0f} MiB | ≤ 1.0 GB |")
    now, history, versions = model_in_git()
    print(
        f"| event model in git | {now:.0f} MB at HEAD; {history:.0f} MB in the history ({versions} commits "
        f"touched the model files) | ≤ 30 MB |"
    )


if __name__ == "__main__":
    main()
