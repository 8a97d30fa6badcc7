"""Issue 17's "cheap relevance first" at the paragraph level, measured, not shipped: how many
paragraphs a cheap classifier could keep from spaCy, and how many gold dev events that loses.

The classifier is the relevance gate's own (``relevance.py``: hashed word and word-pair TF-IDF,
logistic regression, no spaCy), trained on documents exactly as scripts/train_relevance.py trains
it, and applied to each paragraph (the title and the usable paragraphs annotation parses). In a
5-fold CV grouped by document, each fold's threshold is chosen on its training folds only (inner
CV scores of their gold dev paragraphs): the largest that loses at most ``--target`` of their
gold events, an event lost when every paragraph that quotes it (its ``quote`` and ``quotes``) is
below the threshold. The held-out folds give the figures: paragraphs (and characters: spaCy's time
goes with them) that would be skipped among the articles the article-level gate passes, and gold
dev events lost, for the READ and CHECK halves of the article gold's dev split (by document id) and
the GLOCON documents held out. Only aggregate figures are printed. ``--split locked`` does not
exist here: the locked documents are never read.

    PYTHONPATH=src .venv/bin/python bench/bench_paragraph_gate.py [--target 0.005]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import train_relevance as tr  # noqa: E402

from dateline.evaluate.articles import build_records, gold_lines  # noqa: E402
from dateline.evaluate.gold import committed  # noqa: E402
from dateline.evaluate.halves import half  # noqa: E402
from dateline.relevance import counts, load_model  # noqa: E402


def gold_events() -> dict[str, list[list[str]]]:
    """{group: each gold event's quotes} of the article gold's dev documents."""
    lines = gold_lines(committed("articles", "*.jsonl"))
    dev = [(f, line) for f, line in lines if line.get("split", "dev") == "dev"]
    out = {}
    for line, _ in build_records(dev):
        quotes = [[e["quote"], *e.get("quotes", [])] for e in line.get("events") or []]
        out[f"gold:{line['source']}:{line['doc']}"] = [
            [" ".join(q.split()) for q in qs if q] for qs in quotes
        ]
    return out


def where(events: list[list[str]], paras: list[str]) -> list[list[int]]:
    """Each event's paragraphs: those holding one of its quotes (whitespace normalised)."""
    flat = [" ".join(p.split()) for p in paras]
    return [[k for k, p in enumerate(flat) if any(q in p for q in qs)] for qs in events]


def lost(scores: list[np.ndarray], located: list[list[list[int]]], t: float) -> tuple[int, int]:
    """(events lost, events) at threshold ``t``: lost when all its paragraphs score below it
    (an event no paragraph quotes is counted as kept: the gate cannot be judged on it)."""
    n = sum(len(ev) for ev in located)
    gone = sum(1 for s, ev in zip(scores, located, strict=True) for ps in ev if ps and max(s[ps]) < t)
    return gone, n


def choose(scores, located, target: float) -> float:
    """The largest threshold losing at most ``target`` of the events (scores of training folds)."""
    cands = sorted({float(max(s[ps])) for s, ev in zip(scores, located, strict=True) for ps in ev if ps})
    best = 0.0
    for c in cands:
        gone, n = lost(scores, located, c + 1e-9)
        if gone / max(n, 1) > target:
            break
        best = c + 1e-9
    return best


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--target", type=float, default=0.005)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=17)
    args = ap.parse_args()
    docs = tr.load(600, args.seed)
    feats = [counts(d["text"], tr.DIM) for d in docs]
    quotes = gold_events()
    paras = [d["text"].split("\n") for d in docs]  # gate_text: the title and usable paragraphs
    pfeats = [[counts(p, tr.DIM) for p in ps] for ps in paras]
    located = [where(quotes.get(d["group"], []), ps) for d, ps in zip(docs, paras, strict=True)]
    unlocated = sum(1 for ev in located for ps in ev if not ps)
    print(
        f"{len(docs)} documents; gold dev events {sum(map(len, located))}, {unlocated} quoted in no paragraph"
    )
    everything = np.arange(len(docs))
    pscore: list[np.ndarray] = [np.zeros(len(p)) for p in paras]
    dscore = np.zeros(len(docs))
    thresh = np.zeros(len(docs))
    for k, part in enumerate(tr.folds_of(len(docs), args.folds, args.seed)):
        rest = np.setdiff1d(everything, part)
        gold_rest = [i for i in rest if docs[i]["corpus"] == "gold"]
        inner: dict[int, np.ndarray] = {}
        for sub in tr.folds_of(len(rest), args.folds, args.seed + 1 + k):
            model = tr.fit(feats, docs, np.setdiff1d(rest, rest[sub]))
            for i in rest[sub]:
                if docs[i]["corpus"] == "gold":
                    inner[i] = np.array([model.score_counts(*c) for c in pfeats[i]])
        t = choose([inner[i] for i in gold_rest], [located[i] for i in gold_rest], args.target)
        model = tr.fit(feats, docs, rest)
        for i in part:
            pscore[i] = np.array([model.score_counts(*c) for c in pfeats[i]])
            dscore[i] = model.score_counts(*feats[i])
            thresh[i] = t
        print(f"fold {k}: paragraph threshold {t:.4f} (chosen on its training folds)", file=sys.stderr)
    shipped = load_model()
    article_t = shipped.threshold if shipped is not None else 0.0
    print(f"(the article gate: the shipped threshold {article_t:.4f} on each fold's held-out model scores)")
    groups = {
        "gold READ": [i for i, d in enumerate(docs) if d["corpus"] == "gold" and half(d["group"]) == "READ"],
        "gold CHECK": [
            i for i, d in enumerate(docs) if d["corpus"] == "gold" and half(d["group"]) == "CHECK"
        ],
        "GLOCON (held out)": [i for i, d in enumerate(docs) if d["corpus"] == "glocon"],
    }
    for name, idx in groups.items():
        passed = [i for i in idx if dscore[i] >= article_t]  # what the article gate lets through
        n_par = sum(len(paras[i]) for i in passed)
        skip = sum(int((pscore[i] < thresh[i]).sum()) for i in passed)
        chars = sum(len(p) for i in passed for p in paras[i])
        skip_chars = sum(
            len(p) for i in passed for p, s in zip(paras[i], pscore[i], strict=True) if s < thresh[i]
        )
        by_article = sum(len(located[i]) for i in idx if dscore[i] < article_t)
        gone = sum(lost([pscore[i]], [located[i]], thresh[i])[0] for i in passed)
        n = sum(len(located[i]) for i in idx)
        # documents the corpus labels positive (GLOCON: a protest) that pass the article gate and
        # have every paragraph skipped: what the paragraph gate would lose where no quote says
        positive = [i for i in passed if docs[i]["y"]]
        emptied = sum(1 for i in positive if len(pscore[i]) and (pscore[i] < thresh[i]).all())
        print(
            f"| {name} | {len(passed)}/{len(idx)} articles pass the article gate | paragraphs skipped "
            f"{skip}/{n_par} = {skip / max(n_par, 1):.1%}; characters {skip_chars / max(chars, 1):.1%} | "
            f"gold events lost: by the article gate {by_article}/{n}, by the paragraph gate after it "
            f"{gone}/{n} = {gone / max(n, 1):.2%}; positive documents passed whose every paragraph is "
            f"skipped {emptied}/{len(positive)} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
