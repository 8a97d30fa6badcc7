#!/usr/bin/env python
"""The honest CASE dev figure for event typing, by cross-validation over the dev snippets.

The shipped ACLED models learn from the CASE dev snippets as well as the written examples, so
``dateline eval events`` on the dev file scores snippets they were trained on. This script gives the
figure to quote: the dev snippets are split into ``DEV_FOLDS`` stratified folds (fixed seed); each fold
is classified by a word model retrained here without it and by the fine-tuned MPNet trained without
it, with the shipped vote weight and rules, and the predictions of all folds are scored together.

    # once per fold, in the fine-tuning venv (about 20 minutes each on two cores):
    .venv-finetune/bin/python scripts/finetune_event_model.py --hold-out 0 --out cv/acled_mpnet_hold0.onnx
    .venv-finetune/bin/python scripts/finetune_event_model.py --hold-out 1 --out cv/acled_mpnet_hold1.onnx
    .venv/bin/python scripts/cv_event_model.py cv/ [--confusion 10] [--words-only] [--no-rules]

Needs scikit-learn (requirements-train.lock) and ../shared.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "src"))
from train_event_model import DEV_FOLDS, case_dev, dev_folds, fit_words, training_rows  # noqa: E402

from dateline.evaluate.events import final_lines, report  # noqa: E402
from dateline.extract import event_typing as et  # noqa: E402


def fold_proba(
    k: int, texts: list[str], model_dir: Path | None, weight: float
) -> tuple[list[str], np.ndarray]:
    """Probabilities for ``texts`` (dev fold ``k``) from models that never saw that fold."""
    rows = training_rows(dev=True, hold_out=k)
    vec, clf = fit_words([t for t, _ in rows], [c for _, c in rows])
    labels = [str(c) for c in clf.classes_]
    words = clf.predict_proba(vec.transform(texts))
    if model_dir is None:
        return labels, words
    path = model_dir / f"acled_mpnet_hold{k}.onnx"
    if not path.exists():
        sys.exit(f"{path} not found: train it with finetune_event_model.py --hold-out {k} --out {path}")
    meaning = et.FineTunedModel(path.with_suffix(".labels.txt").read_text("utf-8").split(), str(path))
    assert meaning.labels == labels, f"{path}: labels differ from the word model's"
    return labels, weight * words + (1 - weight) * meaning.proba(texts)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model_dir", type=Path, help="folder with acled_mpnet_hold{0..} .onnx files")
    ap.add_argument("--confusion", type=int, default=0, metavar="N")
    ap.add_argument("--no-rules", action="store_true", help="model probabilities only")
    ap.add_argument("--words-only", action="store_true", help="the word model alone")
    ap.add_argument(
        "--word-weight",
        type=float,
        default=et.WORD_WEIGHT["acled"],
        help="the word model's share of the vote",
    )
    args = ap.parse_args(argv)
    snippets = case_dev()
    texts, gold = [t for t, _ in snippets], [c for _, c in snippets]
    folds = dev_folds(gold)
    pred = [""] * len(texts)
    for k in range(DEV_FOLDS):
        idx = [i for i, f in enumerate(folds) if f == k]
        model_dir = None if args.words_only else args.model_dir
        labels, probs = fold_proba(k, [texts[i] for i in idx], model_dir, args.word_weight)
        for i, row in zip(idx, probs, strict=True):
            p = dict(zip(labels, row.tolist(), strict=True))
            if not args.no_rules:
                p = et.apply_rules(texts[i], p)
            pred[i] = max(p, key=p.__getitem__)
        print(f"fold {k}: {len(idx)} snippets", file=sys.stderr)
    report(gold, pred, args.confusion)
    print(f"{DEV_FOLDS}-fold cross-validation over {len(gold)} CASE dev snippets")
    print(final_lines(gold, pred))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
