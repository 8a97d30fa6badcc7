#!/usr/bin/env python
"""Reproducible training of the event-typing models shipped in src/dateline/data/event_model/.

    .venv/bin/python scripts/train_event_model.py generate   # templates -> training/generated.tsv
    .venv/bin/python scripts/train_event_model.py acled      # generated + handwritten -> acled.npz
    .venv/bin/python scripts/train_event_model.py all

Needs scikit-learn (training only; inference is numpy). Seeds are fixed: the same files give the same
models. The CASE dev file is read only for the dev examples (``--no-dev`` leaves them out).

``acled.npz`` is the word model over TF-IDF features; event_typing.vote averages it with the
fine-tuned MPNet of scripts/finetune_event_model.py, which has the same labels.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
TRAINING = ROOT / "src" / "dateline" / "data" / "training"
MODEL_DIR = ROOT / "src" / "dateline" / "data" / "event_model"
NGEC = ROOT.parent / "shared" / "data" / "events" / "ngec_synthetic_events.csv"
CASE_DEV = ROOT.parent / "shared" / "data" / "events" / "case2021_task2_dev.tsv"
DEV_REPEAT = 3  # each real dev snippet counts as this many examples among the ~14,000 written ones
DEV_FOLDS = 2  # cross-validation folds for the honest dev figure (scripts/cv_event_model.py)
SEED = 20211
PER_TEMPLATE_CLASS = 300  # generated examples per class (before hand-written ones are added)
FRAME = True  # wrap some generated examples in reporting frames
CONTEXT_SHARE = 0.3  # share of generated examples given a neutral background sentence

sys.path.insert(0, str(ROOT / "src"))
from dateline.evaluate.events import read_case  # noqa: E402
from dateline.evaluate.plover import split_ngec  # noqa: E402
from dateline.extract.event_typing import ACLED_CODES, features  # noqa: E402

_CHOICE = re.compile(r"\[([^\[\]]*)\]")
_SLOT = re.compile(r"\{([A-Z_]+)\}")


def read_slots(path: Path) -> dict[str, list[str]]:
    slots: dict[str, list[str]] = defaultdict(list)
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("@"):
            name, _, values = line[1:].partition(":")
            slots[name.strip()] += [v.strip() for v in values.split(" | ") if v.strip()]
    return dict(slots)


def read_templates(path: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    code = None
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("## "):
            code = line[3:].strip()
        elif line.strip() and not line.startswith("#") and code:
            out[code].append(line.strip())
    return dict(out)


def expand(template: str, slots: dict[str, list[str]], rng: random.Random) -> str:
    text = template
    for _ in range(20):
        new = _SLOT.sub(lambda m: rng.choice(slots[m.group(1)]), text)
        new = _CHOICE.sub(lambda m: rng.choice(m.group(1).split("|")), new)
        if new == text:
            break
        text = new
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.;])", r"\1", text).replace(",,", ",").replace(", .", ".").replace(",.", ".")
    text = re.sub(r"\b(a|A) ([aeiouAEIOU])", lambda m: f"{m.group(1)}n {m.group(2)}", text)
    text = re.sub(r"\b(an|An) ([^aeiouAEIOU\W])", lambda m: f"{m.group(1)[0]} {m.group(2)}", text)
    text = re.sub(r"\b(\w+) \1\b", r"\1", text)
    return text[0].upper() + text[1:]


def frame(text: str, slots: dict[str, list[str]], rng: random.Random) -> str:
    """Sometimes wrap an example in a reporting frame: "According to X, ...", "X said ...", headline."""
    roll = rng.random()
    body = text[0].lower() + text[1:] if not text[:2].isupper() else text
    if roll < 0.12:
        return f"According to {expand('{SOURCE}', slots, rng).lower()}, {body}"
    if roll < 0.22:
        return expand("{SOURCE}", slots, rng).capitalize() + f" said {body}"
    if roll < 0.27:
        return expand("{SOURCE}", slots, rng).capitalize() + f" reported that {body}"
    if roll < 0.32:
        head = text.split(",")[0].rstrip(".")
        return f"{head} {expand('{DAY}', slots, rng).capitalize()}, {body}" if len(head) < 80 else text
    return text


def _shingles(text: str) -> set[str]:
    w = re.findall(r"\w+", text.lower())
    return {" ".join(w[i : i + 3]) for i in range(len(w) - 2)}


def generate(n_per_class: int = PER_TEMPLATE_CLASS, seed: int = SEED) -> list[tuple[str, str]]:
    """Examples from the templates; near-duplicates (3-gram Jaccard >= 0.6 within a template) dropped."""
    slots = read_slots(TRAINING / "slots.txt")
    templates = read_templates(TRAINING / "templates.txt")
    rows: list[tuple[str, str]] = []
    for code in ACLED_CODES:
        rng = random.Random(f"{seed}-{code}")
        kept: dict[int, list[set[str]]] = defaultdict(list)
        seen: set[str] = set()
        tries = 0
        got = 0
        while got < n_per_class and tries < n_per_class * 60:
            tries += 1
            k = rng.randrange(len(templates[code]))
            text = expand(templates[code][k], slots, rng)
            if FRAME:
                text = frame(text, slots, rng)
            if rng.random() < 0.15:
                text = f"{expand('{DATELINE}', slots, rng)} {text}"
            roll = rng.random()
            if roll < CONTEXT_SHARE / 3:
                text = f"{expand('{CONTEXT}', slots, rng)} {text}"
            elif roll < CONTEXT_SHARE:
                text = f"{text} {expand('{CONTEXT}', slots, rng)}"
            if rng.random() < CONTEXT_SHARE / 3:
                text = f"{text} {expand('{CONTEXT}', slots, rng)}"

            sh = _shingles(text)
            if text in seen or any(len(sh & o) / max(len(sh | o), 1) >= 0.6 for o in kept[k]):
                continue
            seen.add(text)
            kept[k].append(sh)
            rows.append((text, code))
            got += 1
    return rows


def read_tsv(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [(r["text"], r["code"]) for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)]


def write_tsv(path: Path, rows: list[tuple[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("text\tcode\n")
        for text, code in rows:
            fh.write(f"{text}\t{code}\n")


def fit_words(texts: list[str], labels: list[str], c: float = 10.0, min_df: int = 2):
    """TF-IDF over ``features`` + multinomial logistic regression: (vectoriser, classifier)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(analyzer=features, sublinear_tf=True, min_df=min_df, dtype=np.float32)
    x = vec.fit_transform(texts)
    clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced", random_state=SEED)
    clf.fit(x, labels)
    return vec, clf


def fit_export(texts: list[str], labels: list[str], out: Path, c: float, min_df: int = 2) -> None:
    """``fit_words``, saved as plain arrays."""
    vec, clf = fit_words(texts, labels, c, min_df)
    vocab = sorted(vec.vocabulary_, key=vec.vocabulary_.__getitem__)
    assert all("\n" not in f for f in vocab)
    coef = clf.coef_.T.astype(np.float16)
    np.savez_compressed(
        out,
        labels=np.array(clf.classes_, dtype=str),
        vocab=np.array("\n".join(vocab)),
        idf=vec.idf_.astype(np.float32),
        coef=coef,
        intercept=clf.intercept_.astype(np.float32),
    )
    print(
        f"{out.name}: {len(texts)} examples, {len(clf.classes_)} labels, {len(vocab)} features, "
        f"{out.stat().st_size / 1e6:.1f} MB"
    )


# NGEC (PLOVER type, mode) pairs whose stories are clean enough to add as weak ACLED examples (--ngec).
NGEC_TO_ACLED = {
    ("ASSAULT", "AERIAL"): "AIR_STRIKE",
    ("ASSAULT", "DRONE"): "AIR_STRIKE",
    ("ASSAULT", "SUICIDE-ATTACK"): "SUIC_BOMB",
    ("ASSAULT", "SEXUAL"): "SEX_VIOL",
    ("ASSAULT", "ABDUCT"): "ABDUCT_DISSAP",
    ("CONSULT", "VISIT"): "DIPLO",
    ("CONSULT", "PHONE"): "DIPLO",
    ("CONSULT", "MULTILATERAL"): "DIPLO",
    ("SANCTION", "EXPEL"): "DIPLO",
    ("PROTEST", "DEMO"): "PEACE_PROTEST",
    ("PROTEST", "STRIKE"): "PEACE_PROTEST",
    ("PROTEST", "RIOT"): "VIOL_DEMONSTR",
    ("RETREAT", "CEASEFIRE"): "AGREEMENT",
    ("RETREAT", "DISARM"): "AGREEMENT",
    ("MOBILIZE", "TROOPS"): "CHANGE_TO_GROUP_ACT",
    ("RETREAT", "WITHDRAW"): "CHANGE_TO_GROUP_ACT",
}


def ngec_acled_rows() -> list[tuple[str, str]]:
    """Lead sentences (<= 350 characters) of the NGEC training split for the pairs in NGEC_TO_ACLED."""
    train, _ = ngec_split()
    out = []
    for r in train:
        code = NGEC_TO_ACLED.get((r["label"], r["mode"]))
        if code:
            lead = " ".join(re.split(r"(?<=[.!?])\s+", " ".join(r["text"].split()))[:2])[:350]
            out.append((lead, code))
    return out


def case_dev(path: Path = CASE_DEV) -> list[tuple[str, str]]:
    """(snippet, code) pairs of the CASE 2021 task 2 dev file (read from ../shared, never copied)."""
    if not path.exists():
        sys.exit(f"CASE dev file not found at {path}; train with --no-dev to leave it out")
    return read_case(path)


def dev_folds(codes: list[str], k: int = DEV_FOLDS, seed: int = SEED) -> list[int]:
    """A fold number for each dev snippet: stratified by code, shuffled with the fixed seed."""
    rng = random.Random(seed)
    by_code: dict[str, list[int]] = defaultdict(list)
    for i, code in enumerate(codes):
        by_code[code].append(i)
    fold = [0] * len(codes)
    for _, idx in sorted(by_code.items()):
        rng.shuffle(idx)
        offset = rng.randrange(k)
        for j, i in enumerate(idx):
            fold[i] = (j + offset) % k
    return fold


def training_rows(dev: bool = False, hold_out: int | None = None) -> list[tuple[str, str]]:
    """generated.tsv, handwritten.tsv and every written/*.tsv, in a fixed order; with ``dev``, the
    CASE dev snippets too (``DEV_REPEAT`` times each), except those of fold ``hold_out``."""
    rows = read_tsv(TRAINING / "generated.tsv") + read_tsv(TRAINING / "handwritten.tsv")
    for path in sorted((TRAINING / "written").glob("*.tsv")):
        rows += read_tsv(path)
    if dev:
        snippets = case_dev()
        folds = dev_folds([code for _, code in snippets])
        rows += [r for r, f in zip(snippets, folds, strict=True) if f != hold_out] * DEV_REPEAT
    return rows


def train_acled(c: float = 10.0, ngec: bool = False, dev: bool = True) -> None:
    rows = training_rows(dev)
    if ngec:
        rows += ngec_acled_rows()
    bad = {code for _, code in rows} - set(ACLED_CODES)
    assert not bad, f"unknown codes {bad}"
    texts, labels = [t for t, _ in rows], [c_ for _, c_ in rows]
    fit_export(texts, labels, MODEL_DIR / "acled.npz", c)
    # its partner in the vote is the fine-tuned MPNet: scripts/finetune_event_model.py


def ngec_split(path: Path = NGEC) -> tuple[list[dict], list[dict]]:
    """NGEC rows split into (train, held-out test): the split ``dateline eval plover`` scores on."""
    with path.open(encoding="utf-8", newline="") as fh:
        return split_ngec(list(csv.DictReader(fh)))


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["generate", "acled", "all"])
    ap.add_argument(
        "--ngec", action="store_true", help="add mapped NGEC lead sentences to the ACLED training"
    )
    ap.add_argument("-C", type=float, default=10.0, help="inverse regularisation of the ACLED model")
    ap.add_argument("--no-dev", action="store_true", help="leave the CASE dev snippets out of training")
    args = ap.parse_args(argv)
    MODEL_DIR.mkdir(parents=True, exist_ok=True)
    if args.what in ("generate", "all"):
        rows = generate()
        write_tsv(TRAINING / "generated.tsv", rows)
        print(f"generated.tsv: {len(rows)} examples")
    if args.what in ("acled", "all"):
        train_acled(args.C, args.ngec, not args.no_dev)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
