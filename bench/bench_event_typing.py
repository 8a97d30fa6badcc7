"""Event typing speed: model load time, snippets per second, model size on disk.

Classifies the CASE dev snippets (../shared/data/events/case2021_task2_dev.tsv) when present,
else sentences built from a few hand-written pieces, ``--repeat`` times after a fresh load.
``--skip-below P``: also time the pipeline's cascade (config ``typing_skip_below``: MPNet only where
the word model's reading is at least P sure) and print the share of snippets it skips.
Usage: python bench/bench_event_typing.py [FILE.tsv] [--repeat N] [--skip-below P]
"""

from __future__ import annotations

import argparse
import random
import time
from importlib import resources
from pathlib import Path

PIECES = [
    "Warplanes struck a market in the north of the province on Tuesday, killing nine people.",
    "Police fired tear gas to disperse hundreds of students protesting against fee increases.",
    "The army said it had retaken the town from the rebels after three days of fighting.",
    "A roadside bomb hit a police patrol near the border, wounding four officers.",
    "The two leaders met in the capital to discuss trade, the foreign ministry said.",
]


def workload(path: str | None) -> list[str]:
    from dateline.evaluate.gold import shared

    file = Path(path) if path else next(iter(shared("events/case2021_task2_dev.tsv")), None)
    if file is not None and file.exists():
        from dateline.evaluate.events import read_case

        return [t for t, _ in read_case(file)]
    rnd = random.Random(7)
    return [" ".join(rnd.sample(PIECES, rnd.randint(1, 3))) for _ in range(1000)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("file", nargs="?")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-below", type=float, default=0.0)
    args = ap.parse_args()
    from dateline.extract import event_typing as et
    from dateline.resources import Resources

    res = Resources()  # the models load once, into this

    folder = resources.files("dateline.data").joinpath("event_model")
    sizes = {f.name: f.stat().st_size for f in Path(str(folder)).glob("*.npz")}
    print("model files: " + ", ".join(f"{k} {v / 1e6:.1f} MB" for k, v in sorted(sizes.items())))
    t = time.perf_counter()
    et.model("acled.npz", res)
    print(f"load acled.npz: {time.perf_counter() - t:.2f} s")
    texts = workload(args.file)
    chars = sum(map(len, texts)) / len(texts)
    skips = [0.0, args.skip_below] if args.skip_below else [0.0]
    for i in range(args.repeat):
        for skip in skips:  # with and without the cascade in turn, so load changes fall on both
            t = time.perf_counter()
            got = et.classify_many(texts, resources=res, skip_below=skip)
            secs = time.perf_counter() - t
            skipped = sum(p < skip for _, p in got)
            print(
                f"run {i + 1}{f' (skip below {skip}: {skipped / len(texts):.0%} skipped)' if skip else ''}: "
                f"{len(texts)} snippets (mean {chars:.0f} chars) in {secs:.2f} s = {len(texts) / secs:.0f} snippets/s"
            )


if __name__ == "__main__":
    main()
