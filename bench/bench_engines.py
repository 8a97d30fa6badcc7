"""The three engines on the same real articles: articles/s in one process, a pool of N processes
(``--workers N``) and Dask (a LocalCluster of N one-thread processes), model start-up included
(each engine loads its models in its own processes), the ratios to one process, and whether the
three give the same events. Uses the first ``--n`` articles of
../shared/data/events/india-police-events/dev.jsonl (real Indian news scrapes); skips without it.

    PYTHONPATH=src .venv/bin/python bench/bench_engines.py [--n 100] [--workers 2]
"""

from __future__ import annotations

import os

# as the dateline command does (cli.py): one OpenBLAS thread per process, so that one process is
# timed on one core, as a user runs it, and a pool's workers do not each start a thread per core
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import json
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from dateline.config import load_config
from dateline.engines import process_dask
from dateline.pipeline import process_many, process_parallel
from dateline.read.jsonl import read_jsonl
from dateline.records import Article, Result
from dateline.resources import Resources

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "data" / "events" / "india-police-events" / "dev.jsonl"


def articles(n: int) -> list[Article]:
    lines = DEV.read_text(encoding="utf-8").split("\n")[:n]
    return [a for a in read_jsonl("\n".join(lines), source_path=str(DEV)) if isinstance(a, Article)]


def timed(name: str, run: Callable[[], Iterator[Result]], base: float | None) -> tuple[float, list[str]]:
    start = time.perf_counter()
    out: list[str] = []
    first = 0.0  # start-up: the models loaded (in every worker) and the first shard done
    for result in run():
        first = first or time.perf_counter() - start
        out.extend(json.dumps(e.to_dict(), sort_keys=True) for e in result.events)
    seconds = time.perf_counter() - start
    ratio = f", {base / seconds:.2f}x one process" if base else ""
    steady = (N - 1) / max(seconds - first, 1e-9)
    print(
        f"{name:<10} {N / seconds:5.2f} articles/s ({seconds:.1f} s, {len(out)} events){ratio}; "
        f"first result after {first:.1f} s, then {steady:.2f} articles/s",
        flush=True,
    )
    return seconds, out


def main() -> None:
    global N
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not DEV.exists():
        print(f"skipped: {DEV} not found")
        return
    docs = articles(args.n)
    N = len(docs)
    config = load_config()
    print(f"{N} articles, model start-up included in every figure")
    one, expected = timed("1 process", lambda: process_many(docs, Resources(config)), None)
    _, pooled = timed(
        f"pool {args.workers}", lambda: process_parallel(docs, args.workers, config=config), one
    )
    _, dasked = timed(f"dask {args.workers}", lambda: process_dask(docs, config, workers=args.workers), one)
    same = pooled == expected and dasked == expected
    print(f"same events from all three: {same}")
    sys.exit(0 if same else 1)


N = 0

if __name__ == "__main__":
    main()
