"""How near-copy detection scales with the number of articles (issue 16): signing each article
(MinHash of its word shingles) and the LSH query + insert of each into the index of originals,
1k → 100k synthetic articles, per article and against a baseline in the same run (a SHA-1 of each
folded body in a dict: exact copies only, the cheapest thing that scales). Near-linear total time
means a flat time per article and a flat ratio.

Then the kept library (``--store N``): N articles' signatures saved in a SQLite store, and the
time to open it as ``dateline ingest`` does (read the saved signatures into the index) against
signing every stored text again (what a store without saved signatures costs once).

Times are the process's CPU time (``time.process_time``), not wall time: the bench machines are
shared, and CPU time is what another process's load changes least.

Articles: 300 words drawn from a 5,000-word vocabulary (Zipf-like), every 10th a copy of an
earlier one with a new headline, one sentence cut and one word changed; the script checks that
the copies are found and says how many originals were taken for copies.
Usage: python bench/bench_copies.py [--sizes 1000 10000 100000] [--store 10000] [--seed 1]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import tempfile
import time
from pathlib import Path

from dateline.config import Config
from dateline.copies import CopyIndex
from dateline.copy_library import CopyLibrary
from dateline.read.common import build_article
from dateline.records import Article
from dateline.store import Store
from dateline.store import copies as stored


def corpus(n: int, seed: int) -> tuple[list[Article], dict[int, int]]:
    """The articles, and each copy's index → the index of the article it copies."""
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(5000)]
    weights = [1 / (i + 1) for i in range(5000)]
    bodies: list[list[str]] = []
    copies: dict[int, int] = {}
    for i in range(n):
        if i % 10 == 9:
            copies[i] = rng.randrange(i)
            sentences = list(bodies[copies[i]])
            del sentences[rng.randrange(1, len(sentences))]  # one sentence cut
            sentences[0] = " ".join(rng.choices(vocab, weights, k=8)) + "."  # another headline
        else:
            words = rng.choices(vocab, weights, k=300)
            sentences = [" ".join(words[j : j + 20]) + "." for j in range(0, 300, 20)]
        bodies.append(sentences)
    return [
        build_article("\n\n".join(b), url=f"https://example.org/{i}") for i, b in enumerate(bodies)
    ], copies


def run_index(articles: list[Article], config: Config) -> tuple[float, float, set[int]]:
    index = CopyIndex(config)
    t0 = time.process_time()
    sigs = [index.hasher.signature(a) for a in articles]
    t1 = time.process_time()
    found = set()
    for i, (a, sig) in enumerate(zip(articles, sigs, strict=True)):
        if index.find(a.article_id, sig) is None:
            index.add(a.article_id, sig)
        else:
            found.add(i)
    return t1 - t0, time.process_time() - t1, found


def run_baseline(articles: list[Article]) -> float:
    t0 = time.process_time()
    seen: dict[str, str] = {}
    for a in articles:
        key = hashlib.sha1(re.sub(r"\s+", " ", a.text.lower()).encode()).hexdigest()
        seen.setdefault(key, a.article_id)
    return time.process_time() - t0


def run_store(n: int, seed: int, config: Config) -> None:
    articles, _ = corpus(n, seed)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.db")
        from dateline.records import Result

        for a in articles:
            store.add_result(Result(a, [], [], []))
        t0 = time.process_time()
        first = CopyLibrary(store, config)  # signs every stored text, saves the signatures
        t1 = time.process_time()
        second = CopyLibrary(store, config)  # reads the saved signatures
        t2 = time.process_time()
        size = sum(len(h) for _, h, _ in stored.signatures(store, next(iter(_params(config)))))
        store.close()
    print(f"store of {n} articles: signing every text {t1 - t0:.2f} s ({first.signed} signed), "
          f"opening from saved signatures {t2 - t1:.2f} s ({second.loaded} loaded), "
          f"ratio {(t1 - t0) / (t2 - t1):.1f}x; signatures {size / n:.0f} bytes per article")  # fmt: skip


def _params(config: Config) -> list[str]:
    from dateline.copies import params_key

    return [params_key(config)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--store", type=int, default=10000, help="articles in the kept-library timing (0: skip)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    config = Config()
    print(
        f"{'articles':>9} {'sign s':>8} {'lsh s':>8} {'us/article':>11} {'baseline s':>11} {'ratio':>7}  copies found"
    )
    for n in args.sizes:
        articles, copies = corpus(n, args.seed)
        sign, lsh, found = run_index(articles, config)
        base = run_baseline(articles)
        per = (sign + lsh) / n * 1e6
        print(
            f"{n:>9} {sign:>8.2f} {lsh:>8.2f} {per:>11.0f} {base:>11.3f} {(sign + lsh) / base:>7.0f}  "
            f"{len(found & set(copies))}/{len(copies)}, {len(found - set(copies))}"
        )
        missed = set(copies) - found
        chained = sum(copies[i] in copies for i in missed)
        print(f"{'':>9} missed: {len(missed)}, of which copies of a copy: {chained}")
    if args.store:
        run_store(args.store, args.seed, config)


if __name__ == "__main__":
    main()
