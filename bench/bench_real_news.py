"""The pipeline on real news (issue 13's speed budget): Times of India scrapes and TR-News
articles from ../shared, read as a user's JSON Lines ingest would read them.

Prints, in the same run, the time spaCy alone takes over the same paragraphs (the baseline: the
model every run pays for) and the whole pipeline's time, and their ratio, so that a change in the
pipeline's own cost shows as a change in the ratio whatever the machine's load.

``--compare`` also runs the pipeline with the event-typing encoder in float32 (config
``embed_precision``: the way before the int8 products), rounds interleaved (spaCy, float32, int8,
...), so that both ratios see the same load; it prints each round and the medians.
``--cpu`` times them in this process's CPU time (steadier on a shared machine). ``--jsonl FILE``
reads the articles from a JSON Lines file instead.

    .venv/bin/python bench/bench_real_news.py [--n 60] [--jsonl FILE] [--compare [--cpu]] [--rounds 2]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from dataclasses import replace

from dateline.clean import clean
from dateline.evaluate.sources import records, shared_data
from dateline.extract.event_typing import classify_snippet
from dateline.pipeline import process_many
from dateline.read.jsonl import read_record
from dateline.records import Article
from dateline.resources import Resources


def articles(n: int) -> list[Article]:
    if shared_data() is None:
        raise SystemExit("bench_real_news needs ../shared/data (real news); it is not here")
    docs: list[Article] = []
    for source in ("india-police", "tr-news"):
        for doc, record in list(records(source).items())[: n // 2]:
            docs.append(read_record(record, f"{source}:{doc}"))
    return docs


def jsonl_articles(path: str) -> list[Article]:
    with open(path, encoding="utf-8") as fh:
        return [read_record(json.loads(line), f"bench:{i}") for i, line in enumerate(fh) if line.strip()]


def spacy_only(docs: list[Article], resources: Resources, clock=time.perf_counter) -> float:
    texts = [a.text[s.start : s.end] for a in docs for s in clean(a).segments if s.usable]
    start = clock()
    for _ in resources.nlp.pipe(texts, batch_size=resources.config.spacy_batch_size):
        pass
    return clock() - start


def warm(docs: list[Article], resources: Resources) -> None:
    """Load models and the gazetteer outside the timing (and the event-typing encoder)."""
    list(process_many(docs[:2], resources))
    classify_snippet("Gunmen killed six people.", resources)


def pipeline(docs: list[Article], resources: Resources, clock=time.perf_counter) -> tuple[float, int]:
    start = clock()
    results = list(process_many(docs, resources))
    return clock() - start, sum(len(r.events) for r in results)


def compare(docs: list[Article], rounds: int, cpu: bool = False) -> None:
    """float32 encoder (the way before) vs the configured one, interleaved in one process."""
    new = Resources()
    old = Resources(replace(new.config, embed_precision="float32"))
    warm(docs, new)
    warm(docs, old)
    ratios: dict[str, list[float]] = {"float32": [], new.config.embed_precision: []}
    # the clock: wall time, as the other benches; on a shared machine the CPU time of this process
    # (one thread throughout with the default config) is the steadier measure
    clock = time.process_time if cpu else time.perf_counter
    for i in range(rounds):
        base = spacy_only(docs, new, clock)
        for name, resources in (("float32", old), (new.config.embed_precision, new)):
            whole, events = pipeline(docs, resources, clock)
            ratios[name].append(whole / base)
            print(f"round {i + 1} {name}: {events} events, spaCy {base:.1f} s, pipeline {whole:.1f} s, "
                  f"ratio {whole / base:.2f}", flush=True)  # fmt: skip
    medians = {name: statistics.median(r) for name, r in ratios.items()}
    kind = "CPU" if cpu else "wall"
    print(
        f"median ratio pipeline/spaCy ({kind} time): " + ", ".join(f"{n} {m:.2f}" for n, m in medians.items())
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=60)
    parser.add_argument("--jsonl", help="read the articles from this JSON Lines file")
    parser.add_argument("--compare", action="store_true", help="float32 encoder vs the configured one")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--cpu", action="store_true", help="--compare in CPU time instead of wall time")
    args = parser.parse_args()
    docs = jsonl_articles(args.jsonl) if args.jsonl else articles(args.n)
    if args.compare:
        compare(docs, args.rounds, args.cpu)
        return
    resources = Resources()
    warm(docs, resources)
    base = spacy_only(docs, resources)
    whole, events = pipeline(docs, resources)
    print(f"{len(docs)} real articles, {events} events")
    print(f"spaCy alone: {base:.1f} s   pipeline: {whole:.1f} s   ratio pipeline/spaCy: {whole / base:.2f}")


if __name__ == "__main__":
    main()
