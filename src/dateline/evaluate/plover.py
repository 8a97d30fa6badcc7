"""``dateline eval plover FILE``: PLOVER type and mode on NGEC synthetic stories (CSV) or PLOVER GSR (JSON).

* NGEC CSV (``text, label, mode``): only the held-out split is scored (20 %, shuffled with the fixed
  seed of ``scripts/train_event_model.py``; the shipped model never saw it). ``--all`` scores every row.
* PLOVER GSR JSON (PLOVER 0.5 records with ``text``, ``event``, ``mode``): the older types are mapped
  to the 16 NGEC types (DEMAND->REQUEST, DISAPPROVE/INVESTIGATE->ACCUSE, FIGHT->ASSAULT); mode accuracy
  counts the records whose gold mode has an NGEC counterpart.

Prints type accuracy, macro F1 and mode accuracy; the last line is
``plover_type_f1=0.xxx type_acc=0.xxx mode_acc=0.xxx``.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from pathlib import Path

from ..extract import event_typing as et
from .events import prf

SEED = 20211  # as in scripts/train_event_model.py
TEST_SHARE = 0.2
GSR_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
GSR_MODES = {
    "strike-hun": "HUNGER",
    "strike-gen": "STRIKE",
    "obstruct": "OBSTRUCT",
    "demo-org": "DEMO",
    "demo-spon": "DEMO",
    "riot-spon": "RIOT",
    "riot": "RIOT",
    "visit": "VISIT",
    "phone": "PHONE",
    "third-party": "THIRD-PARTY",
    "multilateral": "MULTILATERAL",
    "curfew": "CURFEW",
    "martial-law": "MARTIAL-LAW",
    "ban": "BAN",
    "censor": "CENSOR",
    "torture": "TORTURE",
    "beat": "BEAT",
    "sexual": "SEXUAL",
    "assassinate": "ASSASSINATE",
    "suicide-attack": "SUICIDE-ATTACK",
    "explosives": "EXPLOSIVES",
    "destroy": "DESTROY",
    "relations": "RELATIONS",
    "arrest": "ARREST",
    "detain": "ARREST",
    "police": "POLICE",
    "weapons": "WEAPONS",
    "primitive": "PRIMATIVE",
    "restrict": "RESTRICT",
    "violence": "VIOLENCE",
}


def read_ngec(path: Path, held_out: bool = True) -> list[tuple[str, str, str | None]]:
    """(text, type, mode) rows; with ``held_out`` only the test split the model was not trained on."""
    csv.field_size_limit(1 << 24)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    idx = list(range(len(rows)))
    random.Random(SEED).shuffle(idx)
    keep = set(idx[: int(len(rows) * TEST_SHARE)]) if held_out else set(idx)
    return [(r["text"][:600], r["label"], r["mode"] or "") for i, r in enumerate(rows) if i in keep]


def read_gsr(path: Path) -> list[tuple[str, str, str | None]]:
    out = []
    for rec in json.loads(path.read_text("utf-8")):
        if not rec.get("text") or rec.get("event") in (None, "DOCUMENT"):
            continue
        mode = rec.get("mode")
        out.append((rec["text"], GSR_TYPES.get(rec["event"], rec["event"]), GSR_MODES.get(mode or "", None)))
    return out


def main(argv: list[str], resources=None) -> int:
    ap = argparse.ArgumentParser(prog="dateline eval plover", description=__doc__.splitlines()[0])
    ap.add_argument("file", help="ngec_synthetic_events.csv or PLOVER_GSR_CAMEO.json")
    ap.add_argument("--all", action="store_true", help="NGEC: score every row, not only the held-out split")
    args = ap.parse_args(argv)
    path = Path(args.file)
    is_json = path.suffix.lower() == ".json"
    data = read_gsr(path) if is_json else read_ngec(path, held_out=not args.all)
    preds = et.plover_many([t for t, _, _ in data], resources)
    gold = [g for _, g, _ in data]
    pred = [p for p, _ in preds]
    labels = sorted(set(gold) | {p for p in pred if p})
    scores = prf(gold, [p or "" for p in pred], labels)
    present = [v for v in scores.values() if v[3]]
    macro = sum(v[2] for v in present) / (len(present) or 1)
    acc = sum(g == p for g, p in zip(gold, pred, strict=True)) / (len(gold) or 1)
    for lab in labels:
        p, r, f, n = scores[lab]
        print(f"{lab:12} {p:6.3f} {r:6.3f} {f:6.3f} {n:4d}")
    modes = [(gm, pm or "") for (_, _, gm), (_, pm) in zip(data, preds, strict=True) if gm is not None]
    mode_acc = sum(g == p for g, p in modes) / (len(modes) or 1)
    split = "all rows" if (args.all or is_json) else f"held-out {TEST_SHARE:.0%} split, seed {SEED}"
    print(
        f"{path.name}: {len(data)} texts ({split}); type accuracy {acc:.3f}, macro F1 {macro:.3f}; "
        f"mode accuracy {mode_acc:.3f} over {len(modes)} texts with a gold mode"
    )
    print(f"plover_type_f1={macro:.3f} type_acc={acc:.3f} mode_acc={mode_acc:.3f}")
    return 0
