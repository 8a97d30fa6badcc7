"""The pipeline on real news (issue 13's speed budget): Times of India scrapes and TR-News
articles from ../shared, read as a user's JSON Lines ingest would read them.

Prints, in the same run, the time spaCy alone takes over the same paragraphs (the baseline: the
model every run pays for) and the whole pipeline's time, and their ratio, so that a change in the
pipeline's own cost shows as a change in the ratio whatever the machine's load.

    .venv/bin/python bench/bench_real_news.py [--n 60]
"""

from __future__ import annotations

import argparse
import time

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


def spacy_only(docs: list[Article], resources: Resources) -> float:
    texts = [a.text[s.start : s.end] for a in docs for s in clean(a).segments if s.usable]
    start = time.perf_counter()
    for _ in resources.nlp.pipe(texts, batch_size=resources.config.spacy_batch_size):
        pass
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=60)
    args = parser.parse_args()
    docs = articles(args.n)
    resources = Resources()
    list(process_many(docs[:2], resources))  # load models and the gazetteer outside the timing
    classify_snippet("Gunmen killed six people.", resources)  # and the event-typing encoder
    base = spacy_only(docs, resources)
    start = time.perf_counter()
    results = list(process_many(docs, resources))
    whole = time.perf_counter() - start
    events = sum(len(r.events) for r in results)
    print(f"{len(docs)} real articles, {events} events")
    print(f"spaCy alone: {base:.1f} s   pipeline: {whole:.1f} s   ratio pipeline/spaCy: {whole / base:.2f}")


if __name__ == "__main__":
    main()
