"""Train the police-action sentence recogniser (extract/police_model.py) on the India police-events
DEV reports only, and measure by 5-fold cross-validation grouped by report, from the records,
what it adds to the rules: each fold's model (trained on the other four folds' sentence labels,
its thresholds chosen by an inner cross-validation on those four folds only, never on the test
fold) runs the whole extraction over the held-out fold's reports, and the document answers come
from their events (evaluate/police.answers). Four arms in the same folds: the rules alone
(they learn nothing, so their figure is the same in every fold — and IN-SAMPLE: they were
written reading these dev reports; held out they kept precision and lost half their recall),
the model alone (a report is yes where a sentence at which an added action would be coded
reaches the fold's add threshold), rules ∪ model (a report is yes when the rules' events say so
OR the model codes a sentence it is sure of: an added action that the pipeline codes as the
record ACLED would), and the keyword baseline.

    PYTHONPATH=src python scripts/train_police_model.py [--write] [--written PATH | --no-written]

The inner CV picks, per label, the threshold at or above which a sentence the rules did not code
becomes the police's record by the MODEL ALONE (``choose_add``: its best inner-CV F1 at precision
>= ``MIN_PRECISION``; weighed against the rules' in-sample recall, adding always lost), scoring
a report yes only where such a sentence would come out as a record answering the label
(``police_cv.Corpus.codable``: an added arrest outside a conflict, or force with no crowd, codes
no event). Written sentences (``--written``, default
``data/training/police/written.jsonl``: invented, read by ``police_model.read_written``) join
EVERY fold's training, never a test fold, at the weight (``WEIGHTS``) the inner CV scores best.
Training sentences are mojibake-repaired as the readers repair a scrape. Police activity
(ANY_ACTION, ``police_activity`` drops): the rule alone, the rule's findings kept only where the
model agrees (``and``), or the rule's and any sentence naming the police the model is sure of
(``or``), chosen by the same inner CV. The outer CV is also printed for the READ and CHECK halves.

``--write`` saves ``src/dateline/data/police_model.json``, trained on all dev reports with
thresholds by CV over them. The criterion, set before the figures were seen: a label's add
ships when, in the outer CV, the model alone's F1 is at least the keyword baseline's and its
precision at least ``MIN_PRECISION``, and rules ∪ model keep precision >= ``MIN_PRECISION`` (no
figure of the rules': theirs are in-sample); ANY_ACTION's activity mode ships where rules with the model beat the
rule alone (F1 and recall, precision >= ``MIN_PRECISION``) and the keyword baseline. The file's
``cv`` holds, per question, the outer CV F1 of what ships (the shipped parts together, re-run
over the held-out folds), the rules alone's and the model alone's, which
``dateline eval police`` prints as its last column. No veto is learnt (held out, the rules'
precision was 1.0: what they lack is recall).
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
from police_cv import SEED, Corpus, average_precision, fit, halves, load, probs

from dateline.evaluate.police import answers, keyword_answers, prf
from dateline.extract.police_model import ACTIVITY, LABELS, TRAINED, PoliceModel, read_written
from dateline.resources import Resources

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/dateline/data/police_model.json"
WRITTEN = ROOT / "src/dateline/data/training/police/written.jsonl"  # invented sentences (their README)
WEIGHTS = (0.0, 0.5, 1.0)  # a written sentence's weight beside a real one's 1 (inner CV picks)
QUESTIONS = ("KILL", "ARREST", "FORCE", "ANY_ACTION")
ADD_GRID = (0.98, 0.95, 0.9, 0.8, 0.7, 0.6, 0.5)  # (from the strictest: a tie keeps the stricter)
MODES = ("and", "or")
MIN_PRECISION = 0.85  # a part that buys recall below this precision does not ship


def activity_yes(act, n: int, p: list[float], mode: str, t: float) -> bool:
    """ANY_ACTION for report ``n`` as the pipeline answers it with an activity ``mode`` and
    threshold ``t`` (``p``: each sentence's ANY_ACTION probability)."""
    events_yes, gated, fixed, named = act[n]
    if events_yes or fixed:
        return True
    if mode == "rule":
        return bool(gated)
    if mode == "and":
        return any(p[i] >= t for i in gated)
    return bool(gated) or any(p[i] >= t for i in named)


def choose(corpus, idx, labelled, rules_yes, codable, gold, act, written=()) -> PoliceModel:
    """A model trained on ``idx``'s sentences (and the written ones, at a weight per label) with
    thresholds chosen by a 5-fold CV within ``idx``. Each label's written weight is the one whose
    inner-CV decisions score best on that question, ties broken by the label's sentence-level
    average precision on the held-in reports' real sentences, then by the smaller weight."""
    grid = WEIGHTS if written else (0.0,)
    folds = np.array_split(np.random.default_rng(SEED + len(idx)).permutation(idx), 5)
    sp: dict[float, dict[int, list[dict]]] = {w: {} for w in grid}  # each report's sentences' p
    sents: dict[float, list[tuple[dict, set[str]]]] = {w: [] for w in grid}  # (p, real labels)
    for k in range(5):
        rest = [n for j in range(5) if j != k for n in folds[j]]
        for w in grid:
            inner = fit(rest, labelled, corpus, written, w)
            for n in folds[k]:
                sp[w][n] = [probs(inner, t) for *_, t in corpus.sents[n]] or [dict.fromkeys(TRAINED, 0.0)]
                sents[w] += [(probs(inner, t), lab) for t, lab in labelled[corpus.docs[n]["doc_id"]]]
    scored = {w: decide(idx, sp[w], codable, rules_yes, gold, act)[1] for w in grid}
    weight = {}
    for label in TRAINED:
        ap = {w: average_precision([p[label] for p, _ in sents[w]], [label in lab for _, lab in sents[w]])
              for w in grid}  # fmt: skip
        weight[label] = max(grid, key=lambda w: (round(scored[w][label], 9), ap[w], -w))
    mix = {n: [{lab: sp[weight[lab]][n][i][lab] for lab in TRAINED} for i in range(len(sp[grid[0]][n]))]
           for n in idx}  # fmt: skip
    decided, _ = decide(idx, mix, codable, rules_yes, gold, act)
    fitted = {w: fit(idx, labelled, corpus, written, w) for w in set(weight.values())}
    model = fitted[weight[LABELS[0]]]
    model.weights = {lab: fitted[weight[lab]].weights[lab] for lab in TRAINED}
    model.bias = {lab: fitted[weight[lab]].bias[lab] for lab in TRAINED}
    model.add, model.veto, model.activity = decided.add, {}, decided.activity
    model.written = weight  # type: ignore[attr-defined]
    return model


def model_alone(n: int, sp, codable, label: str, t: float | None) -> bool:
    """Whether the model alone says ``label`` for report ``n``: a sentence where an added action
    would be coded (``codable``) reaches ``t`` (None: the model says nothing)."""
    return t is not None and any(sp[n][i][label] >= t for i in codable[n][label])


def choose_add(idx, sp, codable, gold, label: str) -> tuple[float | None, float]:
    """(the add threshold, its F1) for a rule label, chosen by the MODEL ALONE on the out-of-fold
    probabilities ``sp``: the best model-alone F1 among the thresholds whose model-alone precision
    is at least ``MIN_PRECISION`` (a tie keeps the stricter; None when none reaches it). The rules
    take no part: their recall on dev is in-sample (they were written reading dev), so weighing an
    add against them in any dev fold always favours adding nothing; held out, they keep half."""
    g = [gold[n] for n in idx]
    best: tuple[float | None, float] = (None, 0.0)
    for t in ADD_GRID:
        pred = [{label} if model_alone(n, sp, codable, label, t) else set() for n in idx]
        p, _, f = prf(g, pred, label)
        if p >= MIN_PRECISION and f > best[1] + 1e-9:
            best = (t, f)
    return best


def decide(idx, sp, codable, rules_yes, gold, act) -> tuple[PoliceModel, dict]:
    """(the add and activity decisions, each question's best inner F1) from out-of-fold sentence
    probabilities ``sp``: a rule label's add threshold and F1 by the model alone (``choose_add``),
    ANY_ACTION's activity mode by the rule with the model."""
    model = PoliceModel(0, {}, {}, dict.fromkeys(LABELS), {})

    def f1(q, pred):
        return prf([gold[n] for n in idx], [pred[n] for n in idx], q)[2]

    best_q = {q: f1(q, rules_yes) for q in QUESTIONS}
    for label in LABELS:
        model.add[label], best_q[label] = choose_add(idx, sp, codable, gold, label)
    actp = {n: [p[ACTIVITY] for p in sp[n]] for n in idx}
    for mode in MODES:
        for t in ADD_GRID:
            pred = {n: {ACTIVITY} if activity_yes(act, n, actp[n], mode, t) else set() for n in idx}
            if (score := f1(ACTIVITY, pred)) > best_q[ACTIVITY] + 1e-9:
                model.activity, best_q[ACTIVITY] = {"mode": mode, "threshold": t}, score
    return model, best_q


def shipped_parts(model: PoliceModel, wins: dict[str, bool]) -> PoliceModel:
    """``model`` with only the parts whose question won the outer CV."""
    add = {lab: (t if wins[lab] else None) for lab, t in model.add.items()}
    activity = model.activity if wins[ACTIVITY] else {"mode": "rule", "threshold": None}
    return replace(model, add=add, veto={}, activity=activity)


def cross_validate(corpus, every, labelled, rules_yes, gold, act, written, write_all: bool):
    """The outer CV: (each report's answers through the records with its fold's model, the fold
    models, the held-out reports of each fold)."""
    folds = [[int(n) for n in f] for f in np.array_split(np.random.default_rng(SEED).permutation(every), 5)]
    learned: dict[int, set[str]] = {}
    alone: dict[int, set[str]] = {}  # the model alone: its add thresholds, no rule
    models = []
    for k in range(5):
        train_idx = [n for j in range(5) if j != k for n in folds[j]]
        # where an added action would be coded, by this fold's model (the test fold not read)
        first = fit(train_idx, labelled, corpus, written, 0.5 if written else 0.0)
        codable = corpus.codable(train_idx, first)
        model = choose(corpus, train_idx, labelled, rules_yes, codable, gold, act, written)
        print(
            f"fold {k}: add {model.add} activity {model.activity} written weight {model.written}", flush=True
        )
        held = corpus.run(folds[k], model)
        learned.update({n: answers(evs, drops) for n, (evs, drops) in held.items()})
        # (where an added action would be coded reads the held-out text, never its labels)
        where = corpus.codable(folds[k], model)
        sp = {n: [probs(model, t) for *_, t in corpus.sents[n]] for n in folds[k]}
        for n in folds[k]:
            alone[n] = {lab for lab in LABELS if model_alone(n, sp, where, lab, model.add[lab])}
        models.append(model)
    return learned, alone, models, folds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help=f"save the model to {OUT.name}")
    ap.add_argument("--out", type=Path, default=OUT, help="where --write saves it (a smoke test elsewhere)")
    ap.add_argument("--limit", type=int, help="only the first N dev reports (a smoke test, not a figure)")
    ap.add_argument(
        "--written",
        type=Path,
        default=WRITTEN if WRITTEN.is_file() else None,
        help="written sentences added to every fold's training (default: the shipped file)",
    )
    ap.add_argument(
        "--no-written", dest="written", action="store_const", const=None, help="real sentences only"
    )
    args = ap.parse_args()  # fmt: skip
    start = time.perf_counter()
    written = read_written(args.written) if args.written else []
    print(f"written sentences: {len(written)}" + (f" from {args.written}" if written else ""))
    docs, labelled = load()
    docs = docs[: args.limit] if args.limit else docs
    corpus = Corpus(docs, Resources())
    print(f"{len(docs)} dev reports annotated in {time.perf_counter() - start:.0f}s", flush=True)
    every = list(range(len(docs)))
    gold = {n: set(d.get("labels") or []) for n, d in enumerate(docs)}
    rules_events = corpus.run(every, None)
    rules_yes = {n: answers(evs, drops) for n, (evs, drops) in rules_events.items()}
    # per report: (events say ANY_ACTION, rule-activity sentences, uncoded-action sentences, named)
    act = {
        n: (ACTIVITY in answers(evs), *corpus.activity_sents(n, drops), corpus.named[n])
        for n, (evs, drops) in rules_events.items()
    }
    keyword = {n: keyword_answers(d.get("text") or "") for n, d in enumerate(docs)}
    learned, alone, models, folds = cross_validate(
        corpus, every, labelled, rules_yes, gold, act, written, args.write
    )
    g = [gold[n] for n in every]
    print(
        "outer CV, 5 folds by report. The rules' columns are IN-SAMPLE (the rules were written reading"
        " these dev reports; held out they kept their precision and lost half their recall)."
    )
    print(
        f"{'question':11} | {'rules (in-sample)':>17} | {'model alone':>17} | {'rules∪model':>17} | {'keyword':>17}"
    )
    print(f"{'':11}" + " | {:>5} {:>5} {:>5}".format("P", "R", "F1") * 4)
    wins, fig = {}, {}
    for q in QUESTIONS:
        arms = [rules_yes, alone, learned, keyword]
        fig[q] = [prf(g, [arm[n] for n in every], q) for arm in arms]
        (_, rr, rf), (ap_, _, af), (lp, lr, lf), (_, _, kf) = fig[q]
        if q in LABELS:  # the criterion set before the figures (never the rules' in-sample F1)
            wins[q] = af >= kf and ap_ >= MIN_PRECISION and lp >= MIN_PRECISION
        else:  # the activity mode: as before, against the rule (whose precision held out)
            wins[q] = lf > rf + 1e-9 and lf > kf and lr > rr + 1e-9 and lp >= MIN_PRECISION
        cells = [" | {:5.3f} {:5.3f} {:5.3f}".format(*f) for f in fig[q]]
        cells[1] = cells[1] if q in LABELS else f" | {'-':>17}"  # (no model-alone activity arm)
        print(f"{q:11}" + "".join(cells)
              + ("  (ships)" if wins[q] else ""))  # fmt: skip
    # what ships, together: the winning parts of each fold's model re-run over its held-out fold
    shipped: dict[int, set[str]] = {}
    for k, model in enumerate(models):
        held = corpus.run(folds[k], shipped_parts(model, wins))
        shipped.update({n: answers(evs, drops) for n, (evs, drops) in held.items()})
    for q in QUESTIONS:
        print(
            f"{q}: shipped parts together, CV P/R/F1 "
            + " ".join(f"{x:.3f}" for x in prf(g, [shipped[n] for n in every], q))
        )
    arms = {"rules (in-sample)": rules_yes, "model alone": alone, "rules∪model": learned, "keyword": keyword}
    halves(docs, gold, arms, QUESTIONS)
    if args.write:
        save(args.out, corpus, every, labelled, rules_yes, gold, act, written, wins, shipped, alone)
    print(f"{time.perf_counter() - start:.0f}s")


def save(out, corpus, every, labelled, rules_yes, gold, act, written, wins, shipped, alone) -> None:
    """Train on all dev reports and write the file with the parts that won (or remove it)."""
    first = fit(every, labelled, corpus, written, 0.5 if written else 0.0)
    model = choose(corpus, every, labelled, rules_yes, corpus.codable(every, first), gold, act, written)
    print(f"shipped model's written weight per label: {model.written}")
    model = replace(shipped_parts(model, wins), cv={"reports": len(every), "seed": SEED, "folds": 5,
                    "written": len(written), "written_weight": model.written})  # fmt: skip
    g = [gold[n] for n in every]
    for q in QUESTIONS:  # the figures to quote: what ships (CV), and the rules alone (the same folds)
        model.cv[f"dateline_{q.lower()}_f1"] = round(prf(g, [shipped[n] for n in every], q)[2], 3)
        model.cv[f"rules_{q.lower()}_f1"] = round(prf(g, [rules_yes[n] for n in every], q)[2], 3)
        if q in LABELS:
            model.cv[f"alone_{q.lower()}_f1"] = round(prf(g, [alone[n] for n in every], q)[2], 3)
    if not any(t is not None for t in model.add.values()) and model.activity["mode"] == "rule":
        out.unlink(missing_ok=True)  # (the pipeline runs the rules alone without the file)
        print(f"the rules won every question: no model shipped ({out.name} removed)")
        return
    out.write_text(json.dumps(model.to_json(), separators=(",", ":")), "utf-8")
    print(f"wrote {out} ({out.stat().st_size // 1024} KB): add {model.add} activity {model.activity}")


if __name__ == "__main__":
    main()
