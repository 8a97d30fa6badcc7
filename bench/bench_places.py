"""Gazetteer build and load time, memory, and toponyms resolved per second.

Builds the index into a temporary cache directory (so the timing is a real first use), loads it,
then resolves the gold toponym spans of the shared geo dev data (../shared/data/geo, given-names
mode) or, when that is absent, generated news-like sentences.
Usage: python bench/bench_places.py [FILE.xml ...] [--repeat N] [--keep-cache]
"""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
from pathlib import Path

PIECES = [
    ("Shelling hit the town of Hajin in Deir ez-Zor province, near the Euphrates.", ["Hajin", "Deir ez-Zor"]),
    ("Officials in Paris, Texas said the storm moved toward Dallas.", ["Paris", "Texas", "Dallas"]),
    ("Troops left Kabul for Kandahar, the Afghan defence ministry said.", ["Kabul", "Kandahar"]),
    ("Protests spread from Khartoum to Omdurman and across Sudan.", ["Khartoum", "Omdurman", "Sudan"]),
    ("An airstrike in Idlib killed five, a monitor in Britain said.", ["Idlib", "Britain"]),
]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def workload(paths: list[str]) -> list[tuple[str, list[dict]]]:
    from dateline.evaluate.gold import shared

    files = [Path(p) for p in paths] or sorted(p for d in shared("geo") for p in d.glob("*.xml"))
    if files:
        from dateline.evaluate.geo import read_corpus

        return [
            (
                text,
                [{"start": g.start, "end": g.end, "text": text[g.start : g.end], "hint": None} for g in gold],
            )
            for f in files
            for text, gold in read_corpus(f)
        ]
    rnd = random.Random(7)
    docs = []
    for _ in range(300):
        text, mentions = "", []
        for _ in range(6):
            piece, names = rnd.choice(PIECES)
            for n in names:
                i = piece.index(n)
                mentions.append(
                    {"start": len(text) + i, "end": len(text) + i + len(n), "text": n, "hint": None}
                )
            text += piece + " "
        docs.append((text, mentions))
    return docs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--keep-cache", action="store_true", help="use the normal cache (no fresh build)")
    args = ap.parse_args()
    from dateline.config import load_config
    from dateline.lookup import gazetteer
    from dateline.lookup.gazetteer_build import build
    from dateline.lookup.places import resolve_toponyms

    tmp = None
    folder = load_config().cache_dir
    if not args.keep_cache:
        tmp = tempfile.TemporaryDirectory()
        folder = Path(tmp.name)
    path = gazetteer.index_path(folder)
    if not path.exists():
        t = time.perf_counter()
        build(path)
        print(f"build: {time.perf_counter() - t:.1f} s, index {path.stat().st_size / 1e6:.0f} MB")
    rss0 = rss_mb()
    t = time.perf_counter()
    gaz = gazetteer.open_gazetteer(folder)
    print(f"load: {time.perf_counter() - t:.3f} s, max RSS {rss_mb():.0f} MB")
    docs = workload(args.paths)
    n = sum(len(m) for _, m in docs)
    resolve_toponyms(docs[0][0], docs[0][1], gaz)
    for rep in range(args.repeat):
        t = time.perf_counter()
        for text, mentions in docs:
            resolve_toponyms(text, mentions, gaz)
        secs = time.perf_counter() - t
        print(
            f"run {rep + 1}: {n} toponyms in {len(docs)} articles, {secs:.2f} s, {n / secs:,.0f} toponyms/s"
            + (" (cold name cache)" if rep == 0 else "")
        )
    print(f"max RSS: {rss_mb():.0f} MB (before loading: {rss0:.0f} MB, includes the build when run)")
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
