"""Learn the cross-article match decision (merge/across.py ``same_event`` is a hand rule) and compare
it with the rule by grouped cross-validation, on the clustering each yields.

    PYTHONPATH=src python scripts/train_match_model.py [--cache FILE] [--write]

Data: the DEV incidents of the team gold (tests/resources/gold/dedup; the locked incidents' reports
are dropped before any text is read) and MEANTIME's in-scope cross-document mentions
(evaluate/dedup_meantime.py). Each report runs through the pipeline; its first event stands for it
(as in ``eval dedup``). A pair is two reports' events from different articles inside one block
(merge/across.py ``block``: blocking is kept as it is); its label: one incident (one MEANTIME
instance). Features: ``pair_features`` below.

Cross-validation: incidents (MEANTIME: topics) in 4 folds, 5 seeds. Each fold's model is fitted on
the other folds' pairs; the held-out fold's reports are then stored in publication order by a
simulation of the store (block, the best-scoring match above the threshold joins, ``combine``
merges), once with the rule and once with the model, and B-cubed / CoNLL are computed over all
held-out reports. ``--write`` saves src/dateline/data/match_model.json (all dev pairs) only when the
model beat the rule.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from datetime import date
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from dateline.config import Config
from dateline.evaluate import dedup, dedup_meantime
from dateline.evaluate.coref import b_cubed, conll, partition
from dateline.extract.role_model import LogReg, fit, logregs_json
from dateline.merge import across

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests/resources/gold/dedup"
OUT = ROOT / "src/dateline/data/match_model.json"
FOLDS, SEEDS = 4, (1, 2, 3, 4, 5)
_WORD = re.compile(r"[a-z0-9]+")


def collect() -> list[dict[str, Any]]:
    """Reports as {id, group, label, published, event}: team gold dev reports, then MEANTIME's."""
    from dateline import pipeline
    from dateline.read.jsonl import read_record
    from dateline.resources import default_resources

    res = default_resources(None)
    records, incidents = dedup.load(GOLD)
    label = {r: i["id"] for i in incidents if not i["locked"] for r in i["reports"]}
    records = [r for r in records if str(r.get("id")) in label]  # locked reports never read
    out = []
    arts = [read_record(r, f"dedup:{r.get('id')}") for r in records]
    for r, a, result in zip(records, arts, pipeline.process_many(arts, res), strict=True):
        if result.events:
            inc = label[str(r["id"])]
            out.append({"id": r["id"], "group": f"gold:{inc}", "label": inc, "published": a.published,
                        "event": result.events[0].to_dict()})  # fmt: skip
    docs = dedup_meantime.load()
    cross = dedup_meantime.chains(docs)
    arts = [dedup_meantime.article(d) for d in docs]
    for d, a, result in zip(docs, arts, pipeline.process_many(arts, res), strict=True):
        for ev in result.events:
            inst = dedup_meantime.instance_of([e.to_dict() for e in ev.evidence], d, cross)
            if inst is not None:
                out.append({"id": ev.event_id, "group": f"meantime:{d.topic}", "label": inst,
                            "published": a.published, "event": ev.to_dict()})  # fmt: skip
                break
    return out


def _words(r: dict[str, Any]) -> set[str]:
    return {w for e in r.get("evidence") or [] for w in _WORD.findall((e.get("text") or "").lower())}


def _day(r: dict[str, Any]) -> date | None:
    return across.iso_day(r.get("event_date"))


def pair_features(a: dict[str, Any], b: dict[str, Any], pa: str | None, pb: str | None,
                  config: Config) -> dict[str, float]:  # fmt: skip
    """Features of a stored record ``a`` and a new one ``b`` (published ``pa``, ``pb``)."""
    f: dict[str, float] = {}
    f["type_same"] = float(a.get("event_type") == b.get("event_type"))
    f["sub_same"] = float(
        bool(a.get("sub_event_type")) and a.get("sub_event_type") == b.get("sub_event_type")
    )
    ia, ib = (
        across.interval(a, config.across_date_slack_days),
        across.interval(b, config.across_date_slack_days),
    )
    overlap = ia is not None and ib is not None and not (ia[1] < ib[0] or ib[1] < ia[0])
    f["date_overlap"] = float(overlap)
    da, db = _day(a), _day(b)
    gap = abs((da - db).days) if da and db else 0
    coarse = max(a.get("time_precision") or 3, b.get("time_precision") or 3) > 1
    f["date_gap"] = min(gap, 14) / 7.0
    f["date_gap_precise"] = f["date_gap"] * (not coarse)
    where = across.place_score(a, b, config)
    f["place_none"] = float(where is None)
    f["place_score"] = where or 0.0
    na, nb = across._named(a), across._named(b)
    f["actors_both"] = float(bool(na and nb))
    f["actor_sim"] = max(
        (fuzz.token_set_ratio(x.lower(), y.lower()) / 100 for x in na for y in nb), default=0.0
    )
    f["actors_agree"] = float(across.actors_agree(a, b, config))
    ta, tb = a.get("fatalities"), b.get("fatalities")
    f["toll_both"] = float(ta is not None and tb is not None)
    f["toll_gap"] = abs(ta - tb) / max(ta, tb, 1) if ta is not None and tb is not None else 0.0
    f["notes_sim"] = fuzz.token_set_ratio(a.get("notes") or "", b.get("notes") or "") / 100.0
    wa, wb = _words(a), _words(b)
    f["evidence_jaccard"] = len(wa & wb) / len(wa | wb) if wa | wb else 0.0
    pda, pdb = across.iso_day(pa), across.iso_day(pb)
    f["published_gap"] = min(abs((pda - pdb).days), 14) / 7.0 if pda and pdb else 0.0
    return f


def in_block(stored: dict[str, Any], new: dict[str, Any], config: Config) -> bool:
    """Whether the store's block query for ``new`` reaches ``stored`` (store/ the Block fields)."""
    key = across.block(new, config)
    if key is None or stored.get("iso3") != key[0] or stored.get("event_type") not in key[1]:
        return False
    return key[2] <= (stored.get("event_date") or "")[:10] <= key[3]


def pairs(rows: list[dict[str, Any]], config: Config) -> tuple[list[dict[str, float]], list[int]]:
    xs, ys = [], []
    for i, a in enumerate(rows):
        for b in rows[i + 1 :]:
            first, second = sorted((a, b), key=lambda r: str(r["published"] or ""))
            if in_block(first["event"], second["event"], config):
                xs.append(pair_features(first["event"], second["event"], first["published"],
                                        second["published"], config))  # fmt: skip
                ys.append(int(a["label"] == b["label"]))
    return xs, ys


def simulate(
    rows: list[dict[str, Any]], config: Config, model: LogReg | None, threshold: float
) -> dict[str, str]:
    """Report id → cluster, storing the rows in publication order as the store does (block, best
    match, combine), deciding by the rule (``model`` None) or by the model's probability."""
    clusters: list[tuple[dict[str, Any], str | None, str]] = []  # merged record, published, cluster id
    out: dict[str, str] = {}
    for r in sorted(rows, key=lambda r: str(r["published"] or "")):
        new = across.prepare(r["event"], r["published"])
        best, where = None, None
        for n, (rec, pub, _) in enumerate(clusters):
            if not in_block(rec, new, config):
                continue
            if model is None:
                s = across.same_event(rec, new, config)
            elif set(rec.get("article_ids") or ()) & set(new.get("article_ids") or ()):
                s = None
            else:
                p = model.probability(pair_features(rec, new, pub, r["published"], config))
                s = p if p >= threshold else None
            if s is not None and (best is None or s > best):
                best, where = s, n
        if where is None:
            clusters.append((new, r["published"], str(r["id"])))
            out[str(r["id"])] = str(r["id"])
        else:
            rec, pub, cid = clusters[where]
            clusters[where] = (across.combine(rec, new), pub, cid)
            out[str(r["id"])] = cid
    return out


def figures(rows: list[dict[str, Any]], labels: dict[str, str]) -> tuple[float, float, float, float]:
    key = partition((str(r["id"]), r["label"]) for r in rows)
    response = partition((str(r["id"]), labels[str(r["id"])]) for r in rows)
    p, rec, f = b_cubed(key, response)
    return p, rec, f, float(conll(key, response)["conll_f1"])  # type: ignore[arg-type]


def diagnose(rows: list[dict[str, Any]], config: Config) -> None:
    """Where the rule loses recall: pairs of one event outside the block (why), and in the block
    but refused by the rule."""
    why: dict[str, int] = {}
    for i, a in enumerate(rows):
        for b in rows[i + 1 :]:
            if a["label"] != b["label"]:
                continue
            x, y = sorted((a["event"], b["event"]), key=lambda e: str(e.get("event_date") or ""))
            if in_block(x, y, config) or in_block(y, x, config):
                reason = (
                    "in block, rule merges" if across.same_event(x, y, config) else "in block, rule refuses"
                )
            elif not x.get("iso3") or not y.get("iso3"):
                reason = "outside the block: a report without a country"
            elif x["iso3"] != y["iso3"]:
                reason = "outside the block: two countries"
            elif across.FAMILIES.get(x.get("event_type") or "") != across.FAMILIES.get(
                y.get("event_type") or ""
            ):
                reason = "outside the block: two type families"
            else:
                reason = "outside the block: dates"
            why[reason] = why.get(reason, 0) + 1
    print("pairs of one event:", json.dumps(dict(sorted(why.items()))))


def cross_validate(
    rows: list[dict[str, Any]], config: Config, threshold: float = 0.5
) -> dict[str, list[float]]:
    """Mean B-cubed P, R, F1 and CoNLL F1 of the rule and of the model, printed and returned."""
    groups = sorted({r["group"] for r in rows})
    means: dict[str, list[float]] = {}
    for name in ("rule", "model"):
        tot = []
        for seed in SEEDS:
            order = groups[:]
            random.Random(seed).shuffle(order)
            fold_of = {g: i % FOLDS for i, g in enumerate(order)}
            labels: dict[str, str] = {}
            for k in range(FOLDS):
                test = [r for r in rows if fold_of[r["group"]] == k]
                train = [r for r in rows if fold_of[r["group"]] != k]
                model = None
                if name == "model":
                    xs, ys = pairs(train, config)
                    model = fit(xs, ys) if xs else LogReg({}, -5.0)  # no pair: never merge
                labels.update({i: f"{k}:{c}" for i, c in simulate(test, config, model, threshold).items()})
            tot.append(figures(rows, labels))
        mean = means[name] = [sum(t[i] for t in tot) / len(tot) for i in range(4)]
        print(f"{name}: grouped CV ({FOLDS} folds x {len(SEEDS)} seeds, {len(rows)} reports, {len(groups)} "
              f"groups) B3 P {mean[0]:.3f} R {mean[1]:.3f} F1 {mean[2]:.3f} | CoNLL F1 {mean[3]:.3f}")  # fmt: skip
    return means


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", help="a JSON file of the collected reports (written when absent)")
    ap.add_argument("--write", action="store_true", help="save the model fitted on all dev pairs")
    args = ap.parse_args()
    cache = Path(args.cache) if args.cache else None
    if cache and cache.is_file():
        rows = json.loads(cache.read_text())
    else:
        rows = collect()
        if cache:
            cache.write_text(json.dumps(rows))
    config = Config()
    xs, ys = pairs(rows, config)
    print(f"{len(rows)} reports ({sum(r['group'].startswith('meantime') for r in rows)} from MEANTIME), "
          f"{len(xs)} pairs in blocks, {sum(ys)} of one event")  # fmt: skip
    diagnose(rows, config)
    means = cross_validate(rows, config)
    better = means["model"][2] > means["rule"][2] and means["model"][3] > means["rule"][3]
    print("the model beats the rule" if better else "the model does not beat the rule: not written")
    if args.write and better:
        OUT.write_text(json.dumps(logregs_json(match=fit(xs, ys)), indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
