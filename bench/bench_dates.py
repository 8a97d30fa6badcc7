"""Throughput of the temporal tagger: expressions and characters per second.

Runs ``tag_times`` over the shared MEANTIME / TimeML dev texts when they are present
(../shared/data/time beside the checkout), else over generated news-like text.
Usage: python bench/bench_dates.py [PATH...] [--repeat N]
"""

from __future__ import annotations

import argparse
import random
import time

from dateline.evaluate.gold import shared
from dateline.evaluate.timeml import load_docs
from dateline.resolve.dates import tag_times

PIECES = [
    "Rebels attacked the town on Wednesday, killing 12 people, officials said today.",
    "The ceasefire agreed on 4 November 2018 collapsed last month after six weeks of talks.",
    "Aid convoys have been blocked since 10 January and will resume next week, the UN said.",
    "Fighting has displaced 40,000 people over the past year, up from 500 in 2014.",
    "At 1:06 pm on Monday a car bomb exploded; police recently arrested two suspects.",
    "The government plans to hold elections in December, about six to 12 months from now.",
]


def corpus(paths: list[str]) -> list[tuple[str, str | None]]:
    paths = paths or [str(p) for p in shared("time/meantime-en/intra-doc_annotation")]
    if paths:
        docs, _ = load_docs(paths)
        return [(d.text, d.dct) for d in docs]
    rnd = random.Random(7)
    return [(" ".join(rnd.choice(PIECES) for _ in range(20)), "2019-02-08") for _ in range(200)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    docs = corpus(args.paths)
    chars = sum(len(t) for t, _ in docs)
    n = 0
    t0 = time.perf_counter()
    for _ in range(args.repeat):
        for text, dct in docs:
            n += len(tag_times(text, dct))
    dt = time.perf_counter() - t0
    print(f"documents {len(docs) * args.repeat}  expressions {n}  seconds {dt:.2f}")
    print(
        f"expressions/s {n / dt:,.0f}  documents/s {len(docs) * args.repeat / dt:,.0f}  "
        f"chars/s {chars * args.repeat / dt:,.0f}"
    )


if __name__ == "__main__":
    main()
