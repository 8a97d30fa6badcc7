"""Learn the cross-article match decision (merge/match_model.py) and compare it with the hand rules
(merge/across.py ``same_event``) gold by gold, leave-one-gold-out.

    PYTHONPATH=src python scripts/train_match_model.py [--cache DIR] [--write]

Data: the DEV incidents of the team's four dedup golds (tests/resources/gold/dedup, dedup-second,
dedup-third, dedup-fourth); the locked incidents' reports are dropped before any text is read, as
``eval dedup --split dev`` does. Each gold's dev reports run through the pipeline once (``--cache``
keeps the results), in publication order.

Pairs: each gold's results are stored, in publication order, in a fresh store with Dateline's
blocking and a decision that records every (stored, new) pair the store compares and merges
nothing: every cross-article pair inside a block, as ``same_event`` sees them (both ``prepare``d).
A pair is labelled when both are their report's first event (the event ``eval dedup`` scores):
1 when their reports are of one gold incident.

Model: a class-balanced, L2-regularised logistic regression (numpy) over ``NAMES`` (a subset of
``match_model.FEATURES``), fitted on the pairs the gate (``match_model.vetoed``) lets through; its
threshold is chosen inside the training golds only (leave one of them out in turn, the summed
B-cubed F1 + CoNLL F1 of the held-out training golds' merges; of tied thresholds the middle one).

Leave-one-gold-out: for each gold, the model trained (and its threshold chosen) on the other
three's pairs merges that gold's dev reports through the real store, as ``eval dedup --split
dev`` does; the rules merge them too. The rules were written while reading these very dev
halves: their figures are in-sample; the model's are out-of-sample. ``--write`` saves the model
trained on all four golds (threshold chosen leave-one-gold-out over the four) to
src/dateline/data/match_model.json.
"""

from __future__ import annotations

import argparse
import json
import pickle
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from dateline.config import Config
from dateline.evaluate import dedup
from dateline.ingest import open_store
from dateline.merge import across, match_model

ROOT = Path(__file__).resolve().parents[1]
GOLDS = ("dedup", "dedup-second", "dedup-third", "dedup-fourth")
OUT = ROOT / "src/dateline/data" / match_model.MODEL_FILE
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
L2 = 1.0
# The features the model weighs (``--features`` tries others): the compact set beat all of
# match_model.FEATURES leave-one-gold-out (docs/across.md, "A learned match decision").
# (place_apart is the gate's, match_model.vetoed: no pair the model weighs has it)
NAMES = ["type_same", "date_overlap", "day_gap", "weak", "place_one", "shared_place", "actors_agree", "shared_party",
         "notes_sim", "toll_ratio", "follow_up", "copy"]  # fmt: skip


def collect(gold: str, cache: Path | None) -> tuple[list[tuple[str, Any]], list[dict[str, Any]]]:
    """(report id, pipeline result) of the gold's dev reports in publication order, and its dev
    incidents."""
    records, incidents = dedup.load(ROOT / "tests/resources/gold" / gold)
    dev = [i for i in incidents if not i["locked"]]
    keep = {r for i in dev for r in i["reports"]}
    path = cache / f"{gold}.pkl" if cache else None
    if path and path.is_file():
        return pickle.loads(path.read_bytes()), dev
    from dateline import pipeline
    from dateline.read.jsonl import read_record
    from dateline.resources import default_resources

    order = sorted(
        (r for r in records if str(r.get("id")) in keep), key=lambda r: str(r.get("published") or "")
    )
    arts = [(str(r.get("id")), read_record(r, f"dedup:{r.get('id')}")) for r in order]
    results = pipeline.process_many([a for _, a in arts], default_resources(None))
    out = [(rid, res) for (rid, _), res in zip(arts, results, strict=True)]
    if path:
        path.write_bytes(pickle.dumps(out))
    return out, dev


def replay(results: list[tuple[str, Any]], decide: Any) -> dict[str, tuple[str, dict]]:
    """Report id → (stored event of its first event, its record), storing ``results`` in order
    with Dateline's rules but ``decide(stored, new)`` as ``same_event`` (``dedup.system_labels``)."""
    from dateline.resources import default_resources

    res = default_resources(None)
    with (
        tempfile.TemporaryDirectory() as tmp,
        open_store(Path(tmp) / "m.db", kb=res.kb, config=res.config) as store,
    ):
        store.rules = replace(store.rules, same_event=decide)
        first = {}
        for rid, result in results:
            store.add_result(result)
            first[rid] = result.events[0].event_id if result.events else None
        out = {}
        for rid, eid in first.items():
            rec = store.event(eid) if eid else None
            out[rid] = (rec["event_id"], rec) if rec else (f"none:{rid}", {})
    return out


def pairs(
    results: list[tuple[str, Any]], dev: list[dict[str, Any]], config: Config, gate: bool = True
) -> tuple[list, list]:
    """Features and labels of every labelled cross-article pair inside a block that the gate
    (``match_model.vetoed``, when ``gate``) lets through (module doc)."""
    incident = {r: i["id"] for i in dev for r in i["reports"]}
    first = {res.events[0].event_id: incident.get(rid) for rid, res in results if res.events}
    xs, ys = [], []

    def record(stored: dict[str, Any], new: dict[str, Any]) -> None:
        a, b = first.get(stored.get("event_id")), first.get(new.get("event_id"))
        if a and b and not set(stored.get("article_ids") or ()) & set(new.get("article_ids") or ()):
            f = match_model.features(stored, new, config)
            if not match_model.vetoed(f, gate):  # the model weighs only the pairs the gate lets through
                xs.append(f)
                ys.append(int(a == b))

    replay(results, lambda stored, new: record(stored, new))
    return xs, ys


def fit(xs: list[dict[str, float]], ys: list[int], steps: int = 3000) -> dict[str, Any]:
    """Class-balanced L2 logistic regression by full-batch gradient descent (deterministic), over
    ``NAMES`` (the other features weigh 0)."""
    x = np.array([[f[k] for k in NAMES] for f in xs])
    l2 = L2
    y = np.asarray(ys, dtype=float)
    pos = max(y.sum(), 1.0)
    neg = max(len(y) - y.sum(), 1.0)
    sw = np.where(y == 1, len(y) / (2 * pos), len(y) / (2 * neg))
    w, b = np.zeros(x.shape[1]), 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        g = sw * (p - y)
        w -= 0.5 * (x.T @ g / len(y) + l2 * w / len(y))
        b -= 0.5 * float(np.mean(g))
    return {"bias": round(b, 4), "weights": {k: round(float(w[i]), 4) for i, k in enumerate(NAMES)}}


def score(results: list, dev: list, decide: Any) -> dict[str, float]:
    return dedup.score(dev, replay(results, decide))


def model_decision(model: dict[str, Any], config: Config) -> Any:
    return lambda stored, new: match_model.same_event(stored, new, config, model)


def train(golds: list[str], data: dict[str, Any], config: Config) -> dict[str, Any]:
    """The model fitted on ``golds``' pairs, its threshold chosen by leaving each of them out."""
    xs = [x for g in golds for x in data[g]["xs"]]
    ys = [y for g in golds for y in data[g]["ys"]]
    model = fit(xs, ys)
    totals = []
    for t in THRESHOLDS:
        total = 0.0
        for held in golds:
            inner = fit([x for g in golds if g != held for x in data[g]["xs"]],
                        [y for g in golds if g != held for y in data[g]["ys"]])  # fmt: skip
            s = score(
                data[held]["results"], data[held]["dev"], model_decision({**inner, "threshold": t}, config)
            )
            total += s["b3_f1"] + s["conll_f1"]
        totals.append(total)
    # of the thresholds tied at the best, the middle one: not the edge of the plateau
    tied = [t for t, total in zip(THRESHOLDS, totals, strict=True) if total > max(totals) - 1e-9]
    best_t = tied[len(tied) // 2]
    return {**model, "threshold": best_t}


def line(name: str, s: dict[str, float]) -> str:
    return (f"{name}: B3 P {s['b3_p']:.3f} R {s['b3_r']:.3f} F1 {s['b3_f1']:.3f} | CoNLL {s['conll_f1']:.3f}"
            f" | toll {s['tolls_right']}/{s['tolls']}")  # fmt: skip


def main() -> int:
    global L2, NAMES
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", help="a folder for the pipeline results of each gold's dev reports")
    ap.add_argument("--write", action="store_true", help="save the model trained on all four golds")
    ap.add_argument("--l2", type=float, default=L2, help="the L2 penalty")
    ap.add_argument("--features", help="a comma-separated subset of match_model.FEATURES (default: NAMES)")
    ap.add_argument(
        "--no-gate",
        action="store_true",
        help="train also on pairs of two places (vetoed off; match_model.crisp still keeps them apart)",
    )
    args = ap.parse_args()
    L2 = args.l2
    if args.features:
        NAMES = [k for k in match_model.FEATURES if k in args.features.split(",")]
    print(f"features {','.join(NAMES)}; L2 {L2}")
    cache = Path(args.cache) if args.cache else None
    if cache:
        cache.mkdir(parents=True, exist_ok=True)
    config = Config()
    data: dict[str, Any] = {}
    for g in GOLDS:
        results, dev = collect(g, cache)
        xs, ys = pairs(results, dev, config, gate=not args.no_gate)
        data[g] = {"results": results, "dev": dev, "xs": xs, "ys": ys}
        print(
            f"{g}: {len(results)} dev reports, {len(xs)} labelled pairs in blocks, {sum(ys)} of one incident"
        )
    print("leave-one-gold-out (rules: in-sample, written reading these dev halves; model: out-of-sample)")
    for g in GOLDS:
        model = train([o for o in GOLDS if o != g], data, config)
        rules = score(data[g]["results"], data[g]["dev"], lambda s, n: across.same_event(s, n, config))
        learned = score(data[g]["results"], data[g]["dev"], model_decision(model, config))
        print(f"{g} | {line('rules', rules)} || {line('model', learned)} (threshold {model['threshold']})")
    final = train(list(GOLDS), data, config)
    print("all four golds:", json.dumps(final))
    if args.write:
        OUT.write_text(json.dumps(final, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
