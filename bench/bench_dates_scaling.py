"""How the temporal tagger scales with text length: the bisection overlap check and day linking
against the linear scans they replaced (issue 14: 10 MB of paragraphs took over two minutes).

Both versions run in the same process on the same generated texts; the script checks they give
the same expressions and prints the time of each and the ratio old / new per size. The old code
is kept here, verbatim but for names, as the reference.
The one-token texts (``--token``) time the link pattern of ``lower_cased`` (quadratic in a long
token before issue 14: 200,000 characters of one token took 113 s).
Usage: python bench/bench_dates_scaling.py [--paragraphs 100 200 400 800] [--token 10000 20000 40000] [--repeat 1]
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import re
import time
from collections.abc import Callable
from contextlib import contextmanager

from bench_dates import PIECES as DATE_PIECES  # run as a script: bench/ is on sys.path

from dateline.records import TimeExpr
from dateline.resolve.dates import tag_times, tagger

PIECES = [*DATE_PIECES, "Shelling resumed at 6 am and lasted until noon on the same day, residents said."]


def old_select(cands: list[tuple[int, int, int, tagger.Res]]) -> list[tuple[int, int, tagger.Res]]:
    cands = sorted(cands, key=lambda x: (x[0] - x[1], x[2], x[0]))
    taken: list[tuple[int, int]] = []
    kept = []
    for s, e, _, res in cands:
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        kept.append((s, e, res))
    return kept


def old_link(text: str, out: list[TimeExpr]) -> list[TimeExpr]:
    days = [t for t in out if t.type == "DATE" and re.fullmatch(r"\d{4}-\d\d-\d\d", t.value)]
    absorbed: set[int] = set()
    between = tagger._between
    for t in out:
        if t.value == "THE_DAY":
            prev = [d for d in days if d.end <= t.start]
            d = prev[-1].value if prev else t.date_start or ""
            t.value, t.date_start, t.date_end = d, d, d
        elif t.type == "TIME" and re.match(r"\d{4}-\d\d-\d\dT\d", t.value):
            near = [d for d in days if not re.search(r"[.!?]\s|\n", between(text, d, t))]
            if near:
                day = min(near, key=lambda d: abs(d.start - t.start))
            else:  # the day named last before it in its paragraph (tagger._narrative_day)
                prev = [d for d in days if d.end <= t.start]
                if not prev or t.start - prev[-1].end > tagger.NARRATIVE_REACH:
                    continue
                if re.search(r"\n[ \t]*\n", text[prev[-1].end : t.start]):
                    continue
                day = prev[-1]
            t.value = day.value + t.value[10:]
            t.date_start = t.date_end = day.value
            t.anchored = t.anchored and day.anchored
            if tagger._GAP.match(between(text, day, t)):
                absorbed.add(id(day))
                t.start, t.end = min(t.start, day.start), max(t.end, day.end)
                t.text = text[t.start : t.end]
    return [t for t in out if id(t) not in absorbed]


# the link pattern lower_cased used: "\S+://" tried every start inside a long token
OLD_NOT_PROSE = re.compile(r"\S+://\S+|\b[A-Z]{2,}\b")


@contextmanager
def old_code():
    saved = tagger.select_longest, tagger._link, tagger._NOT_PROSE
    tagger.select_longest, tagger._link, tagger._NOT_PROSE = old_select, old_link, OLD_NOT_PROSE
    try:
        yield
    finally:
        tagger.select_longest, tagger._link, tagger._NOT_PROSE = saved


def text_of(paragraphs: int, seed: int = 7) -> str:
    rnd = random.Random(seed)
    return "\n\n".join(" ".join(rnd.choice(PIECES) for _ in range(5)) for _ in range(paragraphs))


def timed(fn: Callable[[], list[TimeExpr]], repeat: int) -> tuple[float, list[TimeExpr]]:
    best, out = float("inf"), []
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--paragraphs", type=int, nargs="+", default=[100, 200, 400, 800])
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument(
        "--token",
        type=int,
        nargs="*",
        default=[10_000, 20_000, 40_000],
        help="one-token texts of these lengths",
    )
    args = ap.parse_args()
    print(f"{'chars':>9} {'exprs':>6} {'old s':>8} {'new s':>8} {'old/new':>8}")
    texts = [text_of(n) for n in args.paragraphs] + [PIECES[0] + " " + "a" * n for n in args.token]
    for text in texts:
        new_s, new = timed(lambda text=text: tag_times(text, "2019-02-08"), args.repeat)
        with old_code():
            old_s, old = timed(lambda text=text: tag_times(text, "2019-02-08"), args.repeat)
        same = [dataclasses.asdict(t) for t in old] == [dataclasses.asdict(t) for t in new]
        print(
            f"{len(text):>9,} {len(new):>6} {old_s:>8.2f} {new_s:>8.2f} {old_s / new_s:>8.1f}"
            + ("" if same else "  DIFFERENT OUTPUT")
        )
        if not same:
            raise SystemExit("old and new tagger disagree")


if __name__ == "__main__":
    main()
