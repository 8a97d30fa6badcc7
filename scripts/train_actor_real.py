"""Train the actor choice (data/actor_model.json) on the team-written passages plus real rows from
the DEV article gold, and judge it by 5-fold cross-validation grouped by article, run in the
pipeline and scored as ``dateline eval articles`` scores (issue 13: "the dev sets are real").

    PYTHONPATH=src python scripts/train_actor_real.py [--cache /tmp/actor_real.pkl] [--write]

Only dev gold lines are read (filtered before any text is loaded: the locked split is never
read). Each dev article runs through the pipeline once with the shipped actor model; for every
mention the actor candidates (``actor_model.actor_candidates`` / ``featurise``: the features do not
depend on the model) are recorded. A mention whose trigger lies in a gold event's quote gives real
rows: each candidate labelled a1 / a2 / neither by whether its resolved ACLED name (for the gold
event's country) equals the gold's actor1 / actor2 or one of its ``also`` forms.

Per outer fold (articles, seeded shuffle) the model is trained on the written passages plus the
other folds' real rows, the real rows weighted by a weight chosen by an inner CV over those
articles (mention-level: the chosen side's name right), and runs in the pipeline over the held-out
articles (the model swapped in the Resources). Printed per fold and in total beside the shipped
model on the same articles: event P/R/F1, matched and incident-view actor1/actor2. ``--write``
ships the model trained on written + all dev rows only if CV actor1+actor2 beat the shipped model's
in both views and event F1 does not fall (fixed before the figures were seen); the dev figure of a
shipped model is then in-sample.

Figures (2026-12-07, 174 dev articles, 165 mentions in a gold quote, 347 candidates), CV totals:
shipped F1 0.625, actor1/actor2 0.851/0.807, incident 0.777/0.750; 364 passages + real rows
(weights 1/3/10 by inner CV) F1 0.617, 0.850/0.823, incident 0.764/0.764 — fold 1 loses one
matched event in every variant, so nothing shipped (docs/actors.md, "Real rows").
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import pickle
import random
import sys
from pathlib import Path

import numpy as np
from scipy import sparse

from dateline import pipeline
from dateline.countries import country_iso3s
from dateline.evaluate import article_match as am
from dateline.evaluate.articles import Tally, build_records, gold_lines, score
from dateline.evaluate.gold import committed
from dateline.extract import mentions as mentions_mod
from dateline.extract.actor_model import MODEL_FILE, ActorCandidate, ActorModels, choose, to_json
from dateline.extract.role_model import LogReg, parse_markup
from dateline.extract.roles import ActorRef
from dateline.merge.actors import actor_name
from dateline.resources import Resources

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_actor_model import DATA, L2, STEPS, featurise_passages  # noqa: E402

FOLDS, SEED = 5, 13
WEIGHTS = (1.0, 3.0, 10.0)
ROOT = Path(__file__).resolve().parent.parent


def record_run(pairs, resources: Resources) -> tuple[list, dict]:
    """``score`` over ``pairs`` with the shipped model, recording per article id the candidates
    (features, ActorRef) of every mention with its trigger span."""
    record: dict[str, list] = {}
    current: list = [None, None]  # article id, the candidates of the mention being built
    orig_extract, orig_feat, orig_mention = (
        pipeline.extract_mentions,
        mentions_mod.featurise,
        mentions_mod._mention,
    )

    def extract(annotated, *args, **kwargs):
        current[0] = annotated.cleaned.article.article_id
        return orig_extract(annotated, *args, **kwargs)

    def feat(cands, trigger, event_type, *args, **kwargs):
        orig_feat(cands, trigger, event_type, *args, **kwargs)
        current[1] = (cands, event_type)

    def mention(*args, **kwargs):
        current[1] = None
        m = orig_mention(*args, **kwargs)
        if current[1] is not None:
            cands, event_type = current[1]
            rows = [(dict(c.features), c.ref) for c in cands]
            record.setdefault(current[0], []).append((m.trigger, event_type, rows))
        return m

    pipeline.extract_mentions, mentions_mod.featurise, mentions_mod._mention = extract, feat, mention
    try:
        return score(pairs, resources), record
    finally:
        pipeline.extract_mentions, mentions_mod.featurise, mentions_mod._mention = (
            orig_extract,
            orig_feat,
            orig_mention,
        )


def resolved_names(ref: ActorRef, gold: dict) -> set[str]:
    """The ACLED names the candidate gets where the gold event happened (a faction: its group's)."""
    if ref.entry.kind == "faction" and ref.parent is not None:
        ref = ActorRef(ref.parent, ref.span)
    iso3s = country_iso3s(gold.get("country") or "") or {None}
    return {actor_name(ref, iso3)[0] for iso3 in iso3s}


def label(ref: ActorRef, gold: dict) -> str:
    """a1 / a2 / - : the candidate's resolved name is the gold's actor1 / actor2 (or an ``also``)."""
    names = resolved_names(ref, gold)
    for role, lab in (("actor1", "a1"), ("actor2", "a2")):
        if gold.get(role) and any(am.actor_right(n, gold, role) for n in names):
            return lab
    return "-"


def real_rows(mentions: list, golds: list[dict], spans: list[list[tuple[int, int]]]) -> list[dict]:
    """Per mention whose trigger lies in a gold event's quote: its candidates labelled against
    that gold event (the first whose quote holds the trigger)."""
    out = []
    for trigger, event_type, rows in mentions:
        j = next((j for j, found in enumerate(spans) if any(s <= trigger[0] < e for s, e in found)), None)
        if j is None or not rows:
            continue
        out.append(
            {
                "rows": [(f, label(ref, golds[j])) for f, ref in rows],
                "cands": [ActorCandidate(None, ref, f) for f, ref in rows],
                "gold": golds[j],
                "type": event_type,
            }
        )
    return out


def wfit(rows: list[dict], labels: list[int], weights: list[float], l2: float, steps: int) -> LogReg:
    """``role_model.fit`` with per-row weights (sparse: the same full-batch descent)."""
    names = sorted({k for r in rows for k in r})
    index = {k: i for i, k in enumerate(names)}
    ri, ci, vals = [], [], []
    for i, r in enumerate(rows):
        for k, v in r.items():
            ri.append(i)
            ci.append(index[k])
            vals.append(v)
    x = sparse.csr_matrix((vals, (ri, ci)), shape=(len(rows), len(names)))
    xt = x.T.tocsr()
    y = np.asarray(labels, dtype=float)
    sw = np.asarray(weights, dtype=float)
    n = sw.sum()
    w, b, lr = np.zeros(len(names)), 0.0, 0.5
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        g = sw * (p - y)
        w -= lr * (xt @ g / n + l2 * w / n)
        b -= lr * float(g.sum() / n)
    return LogReg({k: round(float(w[i]), 4) for k, i in index.items() if abs(w[i]) > 1e-4}, round(b, 4))


def train(written: list, real: list, weight: float) -> ActorModels:
    rows = [r for p in written for r in p["rows"]] + [r for p in real for r in p["rows"]]
    ws = [1.0] * sum(len(p["rows"]) for p in written) + [weight] * sum(len(p["rows"]) for p in real)
    feats = [f for f, _ in rows]
    return ActorModels(
        wfit(feats, [int(y == "a1") for _, y in rows], ws, L2, STEPS),
        wfit(feats, [int(y == "a2") for _, y in rows], ws, L2, STEPS),
    )


def mention_right(real: list, models: ActorModels) -> int:
    """Sides named right over real mentions: the chosen side's first actor's name (none: null)."""
    right = 0
    for p in real:
        sides = choose(p["cands"], models, p["type"])
        for role, side in zip(("actor1", "actor2"), sides, strict=True):
            names = resolved_names(side[0][0], p["gold"]) if side else {None}
            right += any(am.actor_right(n, p["gold"], role) for n in names)
    return right


def inner_weight(written: list, groups: list[list], log: str, grid=WEIGHTS) -> float:
    """The real rows' weight by 3-fold CV grouped by article over ``groups`` (per-article rows)."""
    order = list(range(len(groups)))
    random.Random(SEED + 1).shuffle(order)
    inner = {idx: k % 3 for k, idx in enumerate(order)}
    best, scores = grid[0], {}
    for weight in grid:
        right = 0
        for k in range(3):
            train_real = [p for i, g in enumerate(groups) if inner[i] != k for p in g]
            held = [p for i, g in enumerate(groups) if inner[i] == k for p in g]
            right += mention_right(held, train(written, train_real, weight))
        scores[weight] = right
        if right > scores[best]:
            best = weight
    print(f"{log} inner CV (sides right per weight): {scores} -> {best}", flush=True)
    return best


def _passages(path: Path) -> list:
    """One file's passages, as ``role_model.markup_passages`` reads a folder's."""
    lines = path.read_text("utf-8").splitlines()
    return [parse_markup(ln.strip()) for ln in lines if ln.strip() and not ln.startswith("#")]


def figures(scored: list) -> dict:
    t = Tally()
    for s in scored:
        t.add(s)
    f = t.figures()
    keys = (
        "f1",
        "matched",
        "predicted",
        "actor1",
        "actor2",
        "incident_pairs",
        "incident_actor1",
        "incident_actor2",
    )
    return {k: f[k] for k in keys}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, help="pickle of the recording run and the written rows")
    ap.add_argument(
        "--all-written",
        action="store_true",
        help="all written passages (default: the 381 of the shipped model)",
    )
    ap.add_argument("--weight", type=float, help="a fixed weight of the real rows (default: inner CV)")
    ap.add_argument("--grid", default="1,3,10", help="the weights the inner CV chooses among")
    ap.add_argument("--write", action="store_true", help="write data/actor_model.json by the shipping rule")
    ap.add_argument("--limit", type=int, help="only the first N dev articles (a smoke run)")
    args = ap.parse_args()
    dev = [
        (f, ln) for f, ln in gold_lines(committed("articles", "*.jsonl")) if ln.get("split", "dev") == "dev"
    ]
    with contextlib.redirect_stderr(io.StringIO()):
        pairs = build_records(dev)  # the locked split is filtered out before any text is read
    pairs = pairs[: args.limit] if args.limit else pairs
    resources = Resources()
    if args.cache and args.cache.exists():
        base, record, written_all = pickle.loads(args.cache.read_bytes())
    else:
        with contextlib.redirect_stderr(io.StringIO()):
            base, record = record_run(pairs, resources)
        written_all = [
            {"rows": p["rows"], "round3": path.name.startswith("r3_")}
            for path in sorted((DATA / "training" / "actors").glob("*.txt"))
            for p in featurise_passages(_passages(path), resources)
        ]
        if args.cache:
            args.cache.write_bytes(pickle.dumps((base, record, written_all)))
    grid = tuple(float(w) for w in args.grid.split(","))
    # the shipped model's passages: the files other than round 3's r3_*
    written = [p for p in written_all if args.all_written or not p["round3"]]
    groups = [
        real_rows(record.get(a.article_id, []), s.golds, s.spans)
        for s, (_, a) in zip(base, pairs, strict=True)
    ]
    labels = [y for g in groups for p in g for _, y in p["rows"]]
    print(
        f"{len(pairs)} dev articles; {sum(map(len, groups))} mentions in a gold quote, {len(labels)} candidates "
        f"(a1 {labels.count('a1')}, a2 {labels.count('a2')}); written passages {len(written)}",
        flush=True,
    )
    order = list(range(len(pairs)))
    random.Random(SEED).shuffle(order)
    fold = {idx: k % FOLDS for k, idx in enumerate(order)}
    totals: dict[str, list] = {"shipped": [], "new": []}
    for k in range(FOLDS):
        test = [i for i in range(len(pairs)) if fold[i] == k]
        train_groups = [groups[i] for i in range(len(pairs)) if fold[i] != k]
        weight = args.weight or inner_weight(written, train_groups, f"fold {k}", grid)
        model = train(written, [p for g in train_groups for p in g], weight)
        resources._memo["actor_models"] = model
        with contextlib.redirect_stderr(io.StringIO()):
            new = score([pairs[i] for i in test], resources)
        old = [base[i] for i in test]
        totals["shipped"] += old
        totals["new"] += new
        print(f"fold {k} shipped {json.dumps(figures(old))}", flush=True)
        print(f"fold {k} new     {json.dumps(figures(new))} (weight {weight})", flush=True)
    print(f"== {FOLDS}-fold CV grouped by article (seed {SEED})")
    fig = {name: figures(scored) for name, scored in totals.items()}
    for name, f in fig.items():
        print(f"{name:8} {json.dumps(f)}")
    if args.write:
        o, n = fig["shipped"], fig["new"]
        better = (
            n["actor1"] + n["actor2"] > o["actor1"] + o["actor2"]
            and n["incident_actor1"] + n["incident_actor2"] > o["incident_actor1"] + o["incident_actor2"]
            and n["f1"] >= o["f1"]
        )
        print(f"shipping: {'new' if better else 'nothing (the shipped model stays)'}")
        if better:
            weight = args.weight or inner_weight(written, groups, "all dev", grid)
            models = train(written, [p for g in groups for p in g], weight)
            out = ROOT / "src" / "dateline" / "data" / MODEL_FILE
            out.write_text(json.dumps(to_json(models), indent=0, sort_keys=True) + "\n", "utf-8")
            print(f"wrote {out}")


if __name__ == "__main__":
    main()
