"""``dateline eval events [FILE.tsv...] [--confusion N] [--no-rules]``: event typing on CASE 2021 task 2.

Reads a TSV with a header and the columns ``id``, ``EventSnippet``, ``SubType`` (``text``/``code`` are
accepted too), classifies each snippet with :mod:`dateline.extract.event_typing` and prints per-class
precision/recall/F1, then weighted and macro F1 over all codes and, on the LAST line, exactly
``weighted_f1=0.xxx``: weighted F1 over the gold snippets of the 25 ACLED codes (predictions of an
out-of-scope code count as errors there, as in CASE 2021). ``--confusion N`` adds the confusions of
the N worst classes. Without FILE: the CASE 2021 dev snippets in ../shared when present (a
training figure: the shipped models learnt from them), then the committed gold (held-out, last).
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from pathlib import Path

from ..extract import event_typing as et
from .gold import default_paths


def read_case(path: str | Path) -> list[tuple[str, str]]:
    """(snippet, gold code) pairs from a CASE-format TSV."""
    csv.field_size_limit(1 << 24)
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [
        ((r.get("EventSnippet") or r.get("text") or "").strip(), (r.get("SubType") or r.get("code")).strip())
        for r in rows
    ]


def prf(gold: list[str], pred: list[str], labels: list[str]) -> dict[str, tuple[float, float, float, int]]:
    """Per label: precision, recall, F1, support."""
    out = {}
    for lab in labels:
        tp = sum(g == lab and p == lab for g, p in zip(gold, pred, strict=True))
        n_pred = sum(p == lab for p in pred)
        n_gold = sum(g == lab for g in gold)
        prec = tp / n_pred if n_pred else 0.0
        rec = tp / n_gold if n_gold else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[lab] = (prec, rec, f1, n_gold)
    return out


def averages(scores: dict[str, tuple[float, float, float, int]]) -> tuple[float, float]:
    """(weighted F1, macro F1) over the labels that have gold support."""
    present = {k: v for k, v in scores.items() if v[3]}
    total = sum(v[3] for v in present.values()) or 1
    weighted = sum(v[2] * v[3] for v in present.values()) / total
    macro = sum(v[2] for v in present.values()) / (len(present) or 1)
    return weighted, macro


# Files the shipped ACLED models were trained on: their figures are training figures.
TRAINED_ON = {"case2021_task2_dev.tsv"}


def main(argv: list[str], resources=None) -> int:
    ap = argparse.ArgumentParser(prog="dateline eval events", description=__doc__.splitlines()[0])
    ap.add_argument(
        "files",
        nargs="*",
        type=Path,
        help="CASE 2021 task 2 TSV (id, EventSnippet, SubType); default: ../shared CASE dev when "
        "present, then the committed gold",
    )
    ap.add_argument(
        "--confusion", type=int, default=0, metavar="N", help="show the confusions of the N worst classes"
    )
    ap.add_argument(
        "--no-rules", action="store_true", help="model probabilities only, without the crisp rules"
    )
    ap.add_argument(
        "--words-only",
        action="store_true",
        help="the word (TF-IDF) model alone, without the fine-tuned MPNet",
    )
    args = ap.parse_args(argv)
    from ..resources import default_resources

    resources = default_resources(resources)
    files = args.files or default_paths("events", "*.tsv", "events/case2021_task2_dev.tsv")
    if not files:
        print("no CASE gold files given or found", file=sys.stderr)
        return 2
    for path in files:
        data = read_case(path)
        if not data:
            print(f"no snippets in {path}", file=sys.stderr)
            return 2
        if len(files) > 1:
            print(f"== {path}")
        if path.name in TRAINED_ON:
            print("note: the shipped models were trained on these snippets: a training figure")
        score(data, args, resources)
    return 0


def score(data: list[tuple[str, str]], args: argparse.Namespace, resources=None) -> None:
    texts, gold = [t for t, _ in data], [g for _, g in data]
    start = time.perf_counter()
    if args.no_rules:
        labels, probs = et.acled_proba(texts, args.words_only, resources)
        pred = [labels[int(row.argmax())] for row in probs]
    else:
        pred = [code for code, _ in et.classify_many(texts, args.words_only, resources)]
    secs = time.perf_counter() - start
    report(gold, pred, args.confusion)
    print(f"{len(gold)} snippets in {secs:.2f}s ({len(gold) / max(secs, 1e-9):.0f}/s)")
    print(final_lines(gold, pred))


def report(gold: list[str], pred: list[str], confusion: int = 0) -> None:
    """Per-class precision, recall and F1, and the confusions of the ``confusion`` worst classes."""
    labels = sorted(set(gold) | set(pred))
    scores = prf(gold, pred, labels)
    print(f"{'code':32} {'P':>6} {'R':>6} {'F1':>6} {'n':>4}")
    for lab in labels:
        p, r, f, n = scores[lab]
        scope = " (out of scope)" if lab in et.OUT_OF_SCOPE else ""
        print(f"{lab:32} {p:6.3f} {r:6.3f} {f:6.3f} {n:4d}{scope}")
    if confusion:
        worst = sorted((v[2], k) for k, v in scores.items() if v[3])[:confusion]
        print(f"confusions of the {len(worst)} worst classes (gold -> predicted x count):")
        for f, lab in worst:
            conf = Counter(p for g, p in zip(gold, pred, strict=True) if g == lab and p != lab)
            print(f"  {lab} (F1 {f:.3f}): " + ", ".join(f"{p} x{n}" for p, n in conf.most_common(5)))


def final_lines(gold: list[str], pred: list[str]) -> str:
    """Accuracy, then weighted and macro F1 over the 25 ACLED codes and over all codes, and last
    ``weighted_f1=…`` over the ACLED codes."""
    acled = [i for i, g in enumerate(gold) if g not in et.OUT_OF_SCOPE]
    in_scope = prf([gold[i] for i in acled], [pred[i] for i in acled], sorted({gold[i] for i in acled}))
    w_all, m_all = averages(prf(gold, pred, sorted(set(gold) | set(pred))))
    w_in, m_in = averages(in_scope)
    acc = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)
    return (
        f"accuracy {acc:.3f}\n"
        f"acled_codes: weighted_f1={w_in:.3f} macro_f1={m_in:.3f} ({len(acled)} snippets)\n"
        f"all_codes: weighted_f1={w_all:.3f} macro_f1={m_all:.3f} ({len(gold)} snippets)\n"
        f"weighted_f1={w_in:.3f}"
    )
