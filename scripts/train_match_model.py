"""Learn the cross-article match decision (merge/match_model.py) and compare it with the hand rules
(merge/across.py ``same_event``) gold by gold, leave-one-gold-out.

    PYTHONPATH=src python scripts/train_match_model.py [--cache DIR] [--write]

Data: the DEV incidents of the team's first seven dedup golds (``GOLDS``: tests/resources/gold/dedup,
dedup-second … dedup-seventh); the locked incidents' reports are dropped before any text is read, as
``eval dedup --split dev`` does. The eighth gold's dev half (``CHECK``, blind, judge-shaped, run
once by the lead in the thirteenth session) is never trained on: it is scored, in aggregate only,
as a check out of sample of the model (not of the pipeline: later in that session the place fixes
read its READ sub-half's errors, so its pipeline figures are partly in-sample). Each gold's dev
reports run through the pipeline once (``--cache`` keeps
the results), in publication order. A gold that lists judge-shaped ``scenarios`` (the seventh,
the eighth) also gets their checks (``evaluate/dedup_scenarios.py``) on its dev scenarios.

Pairs: each gold's results are stored, in publication order, in a fresh store with Dateline's
blocking and a decision that records every (stored, new) pair the store compares and merges
nothing: every cross-article pair inside a block, as ``same_event`` sees them (both ``prepare``d).
A pair is labelled when both are their report's first event (the event ``eval dedup`` scores):
1 when their reports are of one gold incident. A recipe keeps the pairs it is fitted on: ``crisp``,
those the rules' crisp constraints let through (``match_model.crisp``: the only pairs the model
decides in the store), or ``gate``, those the place gate lets through (``match_model.vetoed``; the
first model's, trained before the constraints).

Model: a class-balanced, L2-regularised logistic regression (numpy) over a recipe's features (a
subset of ``match_model.FEATURES``); its threshold is chosen inside the training golds only (leave
one of them out in turn, the summed B-cubed F1 + CoNLL F1 of the held-out training golds' merges;
of tied thresholds the middle one). ``RECIPES``: ``old`` (the shipped file's recipe: gate pairs,
``toll_ratio``), ``gate_toll`` (gate pairs, ``toll_known`` and ``toll_agree`` in its place) and
``crisp_toll`` (crisp pairs, the same toll features).

Leave-one-gold-out: for each gold, each recipe trained (and its threshold chosen) on the other
six's pairs merges that gold's dev reports through the real store, as ``eval dedup --split dev``
does; the rules and the shipped model file merge them too (the rules were written reading these
dev halves: in-sample; the shipped file learnt from the first four). ``--write`` saves the recipe
that passes the ship rule (``ships``, set before the run), trained on all seven golds, to
src/dateline/data/match_model.json; none passing, the file stays.
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
from dateline.evaluate import dedup, dedup_scenarios
from dateline.ingest import open_store
from dateline.merge import across, match_model

ROOT = Path(__file__).resolve().parents[1]
GOLDS = ("dedup", "dedup-second", "dedup-third", "dedup-fourth", "dedup-fifth", "dedup-sixth",
         "dedup-seventh")  # fmt: skip
CHECK = "dedup-eighth"
OUT = ROOT / "src/dateline/data" / match_model.MODEL_FILE
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
L2 = 1.0
# The features the first model weighs: the compact set beat all of match_model.FEATURES
# leave-one-gold-out (docs/across.md, "A learned match decision"). (place_apart is the gate's,
# match_model.vetoed: no pair the model weighs has it)
OLD_NAMES = ("type_same", "date_overlap", "day_gap", "weak", "place_one", "shared_place", "actors_agree",
             "shared_party", "notes_sim", "toll_ratio", "follow_up", "copy")  # fmt: skip
# The same, a missing toll told apart from two tolls far apart (issue 16's review)
NAMES = tuple(n for n in OLD_NAMES if n != "toll_ratio") + ("toll_known", "toll_agree")
# which pairs each recipe is fitted on, over which features: ``old`` is the shipped file's recipe
# (the baseline, and the first candidate: the same recipe on more golds), then the two others
# named before the thirteenth session's run, in the order the ship rule breaks ties by
RECIPES: dict[str, tuple[str, tuple[str, ...]]] = {
    "old": ("gate", OLD_NAMES),
    "gate_toll": ("gate", NAMES),
    "crisp_toll": ("crisp", NAMES),
}


def scenarios(gold: str) -> list[dict[str, Any]]:
    """The gold's dev judge-shaped scenarios (``dedup_scenarios``; none for the older golds)."""
    data = json.loads((ROOT / "tests/resources/gold" / gold / "clusters.json").read_text(encoding="utf-8"))
    return [s for s in dedup_scenarios.scenarios_of(data) if not s["locked"]]


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
    results: list[tuple[str, Any]], dev: list[dict[str, Any]], config: Config, keep: str = "crisp"
) -> tuple[list, list]:
    """Features and labels of every labelled cross-article pair inside a block that ``keep`` lets
    through: ``crisp`` (``match_model.crisp``), ``gate`` (``match_model.vetoed``) or ``all``."""
    incident = {r: i["id"] for i in dev for r in i["reports"]}
    first = {res.events[0].event_id: incident.get(rid) for rid, res in results if res.events}
    xs, ys = [], []

    def record(stored: dict[str, Any], new: dict[str, Any]) -> None:
        a, b = first.get(stored.get("event_id")), first.get(new.get("event_id"))
        if not (a and b) or set(stored.get("article_ids") or ()) & set(new.get("article_ids") or ()):
            return
        f = match_model.features(stored, new, config)
        if keep == "crisp" and not match_model.crisp(stored, new, config):
            return
        if not match_model.vetoed(f, gate=keep == "gate"):
            xs.append(f)
            ys.append(int(a == b))

    replay(results, lambda stored, new: record(stored, new))
    return xs, ys


def fit(
    xs: list[dict[str, float]], ys: list[int], names: tuple[str, ...], l2: float = L2, steps: int = 3000
) -> dict[str, Any]:
    """Class-balanced L2 logistic regression by full-batch gradient descent (deterministic), over
    ``names`` (the other features weigh 0)."""
    x = np.array([[f[k] for k in names] for f in xs])
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
    return {"bias": round(b, 4), "weights": {k: round(float(w[i]), 4) for i, k in enumerate(names)}}


def score(results: list, dev: list, decide: Any, scen: list | None = None) -> dict[str, float]:
    """``eval dedup``'s figures of ``decide`` on a gold's dev reports, and its judge checks passed
    (``judge``) and possible (``judge_of``) over ``scen``, the gold's dev scenarios."""
    labels = replay(results, decide)
    checked = dedup_scenarios.tally(scen or [], labels)
    return dedup.score(dev, labels) | {
        "judge": checked["judge_checks"],
        "judge_of": checked["judge_checks_of"],
    }


def model_decision(model: dict[str, Any], config: Config) -> Any:
    return lambda stored, new: match_model.same_event(stored, new, config, model)


def train(
    golds: list[str], data: dict[str, Any], config: Config, recipe: str, l2: float = L2
) -> dict[str, Any]:
    """``recipe``'s model fitted on ``golds``' pairs, its threshold chosen by leaving each of them
    out (``data[gold][recipe]``: its pairs)."""
    names = RECIPES[recipe][1]

    def fitted(on: list[str]) -> dict[str, Any]:
        return fit(
            [x for g in on for x in data[g][recipe][0]],
            [y for g in on for y in data[g][recipe][1]],
            names,
            l2,
        )

    inner = {held: fitted([g for g in golds if g != held]) for held in golds}
    totals = []
    for t in THRESHOLDS:
        total = 0.0
        for held in golds:
            decide = model_decision({**inner[held], "threshold": t}, config)
            s = score(data[held]["results"], data[held]["dev"], decide)
            total += s["b3_f1"] + s["conll_f1"]
        totals.append(total)
    # of the thresholds tied at the best, the middle one: not the edge of the plateau
    tied = [t for t, total in zip(THRESHOLDS, totals, strict=True) if total > max(totals) - 1e-9]
    return {**fitted(golds), "threshold": tied[len(tied) // 2]}


def line(name: str, s: dict[str, float]) -> str:
    return (f"{name}: B3 P {s['b3_p']:.3f} R {s['b3_r']:.3f} F1 {s['b3_f1']:.3f} | CoNLL {s['conll_f1']:.3f}"
            f" | toll {s['tolls_right']}/{s['tolls']}"
            + (f" | judge {s['judge']}/{s['judge_of']}" if s["judge_of"] else ""))  # fmt: skip


def _not_below(mine: dict[str, float], ship: dict[str, float]) -> bool:
    return mine["b3_f1"] >= ship["b3_f1"] - 1e-9 and mine["judge"] >= ship["judge"]


def ships(
    logo: dict[str, list[float]],
    check: dict[str, dict[str, float]],
    fitted: dict[str, dict[str, float]] | None = None,
) -> str | None:
    """The recipe that replaces the shipped file, or None. A candidate (every recipe; ``old`` is
    the shipped recipe on more golds) passes when (a) its leave-one-gold-out mean B-cubed F1 over
    ``GOLDS`` is at least ``old``'s (the shipped recipe retrained the same way) and (b) on the check
    gold's dev half (``check``, trained on all of ``GOLDS``) neither its B-cubed F1 nor its judge
    checks are below the shipped file's (``check["shipped"]``); (a) and (b) were set before the
    thirteenth session's run. (c), added after it (``old`` met (a) by construction and the check
    gold told no recipe apart, yet trained on all seven it lowered the seventh's dev judge checks
    from 9 to 6 of 21): on the training golds' dev halves (``fitted``: mean B-cubed F1 and summed
    judge checks, trained on all of ``GOLDS``, in-sample) neither is below the shipped file's. Of
    several, the highest LOGO mean, then check B-cubed F1, then check judge checks, then
    ``RECIPES``' order."""
    mean = {k: sum(v) / len(v) for k, v in logo.items()}
    passing = [
        k
        for k in RECIPES
        if mean[k] >= mean["old"] - 1e-9
        and _not_below(check[k], check["shipped"])
        and (fitted is None or _not_below(fitted[k], fitted["shipped"]))
    ]
    if not passing:
        return None
    order = list(RECIPES)
    return max(
        passing,
        key=lambda k: (round(mean[k], 9), round(check[k]["b3_f1"], 9), check[k]["judge"], -order.index(k)),
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", help="a folder for the pipeline results of each gold's dev reports")
    ap.add_argument(
        "--write", action="store_true", help="save the new recipe's model when the ship rule holds"
    )
    ap.add_argument("--l2", type=float, default=L2, help="the L2 penalty")
    args = ap.parse_args()
    cache = Path(args.cache) if args.cache else None
    if cache:
        cache.mkdir(parents=True, exist_ok=True)
    config = Config()
    data: dict[str, Any] = {}
    for g in (*GOLDS, CHECK):
        results, dev = collect(g, cache)
        data[g] = {"results": results, "dev": dev, "scen": scenarios(g)}
        for recipe, (keep, _) in RECIPES.items():
            data[g][recipe] = pairs(results, dev, config, keep)
        counts = ", ".join(
            f"{k} {len(data[g][k][1])} pairs ({sum(data[g][k][1])} of one incident)" for k in RECIPES
        )
        print(f"{g}: {len(results)} dev reports; {counts}")
    print(
        f"L2 {args.l2}; rules in-sample; shipped file in-sample on the first four; recipes out-of-sample",
        flush=True,
    )
    shipped = match_model.shipped()
    deciders: dict[str, Any] = {
        "rules": lambda s, n: across.same_event(s, n, config),
        "shipped": model_decision(shipped, config),
    }
    logo: dict[str, list[float]] = {k: [] for k in (*deciders, *RECIPES)}
    for g in GOLDS:
        rest = [o for o in GOLDS if o != g]
        models = {k: train(rest, data, config, k, args.l2) for k in RECIPES}
        held = (data[g]["results"], data[g]["dev"])
        row = {k: score(*held, d, data[g]["scen"]) for k, d in deciders.items()}
        row |= {k: score(*held, model_decision(m, config), data[g]["scen"]) for k, m in models.items()}
        for k, s in row.items():
            logo[k].append(s["b3_f1"])
        thresholds = ", ".join(f"{k} {m['threshold']}" for k, m in models.items())
        print(f"{g} | " + " || ".join(line(k, s) for k, s in row.items()) + f" (thresholds {thresholds})",
              flush=True)  # fmt: skip
    print("LOGO mean B3 F1: " + ", ".join(f"{k} {sum(v) / len(v):.3f}" for k, v in logo.items()))
    final = {k: train(list(GOLDS), data, config, k, args.l2) for k in RECIPES}
    held = (data[CHECK]["results"], data[CHECK]["dev"])
    check = {k: score(*held, d, data[CHECK]["scen"]) for k, d in deciders.items()}
    check |= {k: score(*held, model_decision(m, config), data[CHECK]["scen"]) for k, m in final.items()}
    print(f"{CHECK} dev (aggregate only) | " + " || ".join(line(k, s) for k, s in check.items()))
    for k, m in final.items():
        print(f"{k}, trained on all {len(GOLDS)}:", json.dumps(m))
    fitted: dict[str, dict[str, float]] = {}
    for k, d in {**deciders, **{k: model_decision(m, config) for k, m in final.items()}}.items():
        rows = [score(data[g]["results"], data[g]["dev"], d, data[g]["scen"]) for g in GOLDS]
        fitted[k] = {
            "b3_f1": sum(r["b3_f1"] for r in rows) / len(rows),
            "judge": sum(r["judge"] for r in rows),
        }
    print("in-sample on the training golds (mean B3 F1, judge checks): "
          + ", ".join(f"{k} {f['b3_f1']:.3f} {f['judge']}" for k, f in fitted.items()))  # fmt: skip
    winner = ships({k: logo[k] for k in RECIPES}, check, fitted)
    print("ship rule:", f"{winner} ships" if winner else "the shipped file stays")
    if args.write and winner:
        OUT.write_text(json.dumps(final[winner], indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
