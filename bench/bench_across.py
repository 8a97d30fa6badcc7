"""How cross-article merging scales with the number of stored events (issue 16): each new event is
compared only with the stored events of its block (same country, family of event types, dates
within reach; one indexed query), so storing N events should take about N times a constant.

Synthetic events (60 countries, five event types, towns on a grid) arrive at a steady 40 a day, so
the dataset grows over time as a real one does; a third are further reports of an event already
stored (another outlet, the same day and town), which the rules merge. Each size is stored into a
fresh SQLite file through the store's own write path (``writes.upsert_event`` with Dateline's rules,
``ingest.rules``), one transaction per 1,000 events. Prints, per size: CPU seconds of this process
(SQLite runs in it; CPU time, not wall time, because the machine is shared and wall time measures
the neighbours), microseconds per event, events stored after merging, and the time and size ratios
against the previous size.
Usage: python bench/bench_across.py [--sizes 10000 20000 40000 80000] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from dateline.ingest import rules
from dateline.lookup.actors import load_kb
from dateline.store import Store
from dateline.store.writes import upsert_event

TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots"]
PER_DAY = 40


def synthetic(n: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    start = date(2000, 1, 1)
    out: list[dict[str, Any]] = []
    for i in range(n):
        if out and rng.random() < 1 / 3:  # another outlet's report of a recent event
            ev = dict(out[rng.randrange(max(0, len(out) - 200), len(out))])
            ev.update(event_id=f"e{i}", article_ids=[f"a{i}"], source=f"Outlet {rng.randrange(50)}")
            out.append(ev)
            continue
        iso = rng.randrange(60)
        x, y = rng.randrange(100), rng.randrange(100)
        out.append({
            "event_id": f"e{i}", "event_date": (start + timedelta(days=i // PER_DAY)).isoformat(),
            "time_precision": 1, "event_type": rng.choice(TYPES), "iso3": f"C{iso:02d}",
            "country": f"Country {iso}", "admin1": f"Province {x // 20}", "location": f"Town {x}-{y}",
            "latitude": x * 0.5, "longitude": y * 0.5, "geo_precision": 1, "geonameid": iso * 10**4 + x * 100 + y,
            "actor1": f"Group {rng.randrange(30)}", "fatalities": rng.randrange(10), "source": f"Outlet {rng.randrange(50)}",
            "confidence": 0.5, "notes": f"Report {i}.", "article_ids": [f"a{i}"], "evidence": [],
        })  # fmt: skip
    return out


def run(events: list[dict[str, Any]], db: Path) -> tuple[float, int]:
    store = Store(db, rules=rules(load_kb()))
    t0 = time.process_time()
    now = datetime.now(UTC)
    for k in range(0, len(events), 1000):
        with Session(store.engine) as s, s.begin():
            for ev in events[k : k + 1000]:
                upsert_event(s, store.rules, ev, now, ev["event_date"])
    took = time.process_time() - t0
    stored = store.counts()["events"]
    store.close()
    return took, stored


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 20_000, 40_000, 80_000])
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    print(f"{'events':>9} {'cpu s':>8} {'us/event':>9} {'stored':>8} {'x time':>7} {'x size':>7}")
    prev: tuple[int, float] | None = None
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            took, stored = run(synthetic(n, args.seed), Path(tmp) / "bench.db")
        ratios = f"{took / prev[1]:7.2f} {n / prev[0]:7.2f}" if prev else f"{'':>7} {'':>7}"
        print(f"{n:>9} {took:8.1f} {took / n * 1e6:9.0f} {stored:>8} {ratios}", flush=True)
        prev = (n, took)


if __name__ == "__main__":
    main()
