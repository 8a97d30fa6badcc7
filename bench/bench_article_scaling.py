"""How one article's processing time grows with its length, stage by stage (issue 14: 10 MB of
paragraphs took over two minutes; a stage that is quadratic in the article shows as a ratio that
doubles when the paragraphs double, instead of staying flat).

Prints seconds per stage (clean, annotate, analyse) and microseconds per character for articles
of growing paragraph counts, and the seconds spent tagging dates and marking duplicate
paragraphs (the two stages that were quadratic) on their own.
Usage: python bench/bench_article_scaling.py [--paragraphs 50 100 200 400] [--poison]
``--poison`` times the made-up poison shapes too (one long paragraph, many short paragraphs,
"said said said", one long token), cut at the default max_paragraph_chars.
"""

from __future__ import annotations

import argparse
import random
import time

from bench_dates import PIECES  # run as a script: bench/ is on sys.path

from dateline.annotate import annotate_many
from dateline.clean import clean
from dateline.pipeline import analyse
from dateline.read.text import read_text
from dateline.resolve.dates import tag_times
from dateline.resources import Resources

EXTRA = [
    "Gunmen killed two farmers near the town of Gao on Monday, police said.",
    "Protesters blocked the main road in Bamako on Saturday, demanding the release of a journalist.",
]


def text_of(paragraphs: int, seed: int = 7) -> str:
    rnd = random.Random(seed)
    pool = PIECES + EXTRA
    return "\n\n".join(" ".join(rnd.choice(pool) for _ in range(4)) for _ in range(paragraphs))


def poisons() -> dict[str, str]:
    rnd = random.Random(3)
    words = ["alpha", "bravo", "charlie", "delta", "echo", "fox", "golf", "hotel"]
    return {
        "one paragraph 200k": " ".join(rnd.choice(PIECES + EXTRA) for _ in range(2_500)),
        "20k short paragraphs": "\n\n".join(" ".join(rnd.choices(words, k=3)) + "." for _ in range(20_000)),
        "said x 40k": "said " * 40_000,
        "one token 200k": "a" * 200_000,
    }


def run(name: str, text: str, resources: Resources) -> None:
    article = read_text(text, published="2019-02-08")
    t0 = time.perf_counter()
    cleaned = clean(article, resources.config.max_paragraph_chars)
    t1 = time.perf_counter()
    (annotated,) = list(annotate_many([cleaned], resources))
    t2 = time.perf_counter()
    events, _ = analyse(annotated, resources)
    t3 = time.perf_counter()
    tag_times(article.text, "2019-02-08")
    t4 = time.perf_counter()
    total = t3 - t0
    print(
        f"{name:>22} {len(text):>9,} {len(cleaned.segments):>6} {t1 - t0:>7.2f} {t2 - t1:>8.2f}"
        f" {t3 - t2:>8.2f} {t4 - t3:>6.2f} {1e6 * total / len(text):>7.1f} {len(events):>6}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--paragraphs", type=int, nargs="+", default=[50, 100, 200, 400])
    ap.add_argument("--poison", action="store_true")
    args = ap.parse_args()
    resources = Resources()
    run("warm-up", text_of(5), resources)  # loads the models
    print(
        f"{'article':>22} {'chars':>9} {'segs':>6} {'clean':>7} {'annotate':>8} {'analyse':>8}"
        f" {'dates':>6} {'us/char':>7} {'events':>6}"
    )
    for n in args.paragraphs:
        run(f"{n} paragraphs", text_of(n), resources)
    if args.poison:
        for name, text in poisons().items():
            run(name, text, resources)


if __name__ == "__main__":
    main()
