"""Whole-pipeline throughput: articles per second and peak memory, in one process and with
--workers. Uses the Wikinews texts of ../shared/data/geo/GeoVirus.xml when present (news of
realistic length), else the bundled samples repeated.

    .venv/bin/python bench/bench_pipeline.py [--n 200] [--workers 2]
"""

from __future__ import annotations

import argparse
import resource
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from dateline.pipeline import process_many, process_parallel
from dateline.read.sources import read_paths
from dateline.read.text import read_text
from dateline.records import Article
from dateline.resources import Resources

ROOT = Path(__file__).resolve().parent.parent
GEOVIRUS = ROOT.parent / "shared" / "data" / "geo" / "GeoVirus.xml"


def articles(n: int) -> list[Article]:
    if GEOVIRUS.exists():
        texts = [a.findtext("text") or "" for a in ET.parse(GEOVIRUS).getroot().iter("article")]
        return [read_text(t, published="2015-06-01") for t in texts[:n]]
    base = [a for a in read_paths([str(ROOT / "samples")]) if isinstance(a, Article)]
    return [base[i % len(base)] for i in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=120)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    docs = articles(args.n)
    words = sum(len(a.text.split()) for a in docs)
    resources = Resources()
    list(process_many(docs[:2], resources))  # load the model and the gazetteer outside the timing
    start = time.perf_counter()
    events = sum(len(r.events) for r in process_many(docs, resources))
    single = time.perf_counter() - start
    print(
        f"1 process:  {len(docs)} articles ({words / len(docs):.0f} words avg), {events} events, "
        f"{len(docs) / single:.1f} articles/s, {words / single:.0f} words/s"
    )
    if args.workers > 1:
        start = time.perf_counter()
        list(process_parallel(docs, args.workers))
        multi = time.perf_counter() - start
        print(f"{args.workers} processes: {len(docs) / multi:.1f} articles/s (including worker start-up)")
    print(f"peak RSS (this process): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
