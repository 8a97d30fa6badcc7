"""``dateline eval plover [FILE...] [--all]``: the PLOVER type and mode of the events Dateline extracts,
on NGEC synthetic stories (CSV) or PLOVER GSR records (JSON).

Each story or record runs through the pipeline (``dateline extract``: ``pipeline.process_many``)
and is scored by the (plover_type, plover_mode) of its **main event**: the first event in text
order (news stories lead with their main event). A story with no event counts as a miss (no type,
no mode). Events take their PLOVER pair from the trigger lexicon (``data/event_triggers.yaml``), or
from ``extract.cameo.PLOVER_OF_SUB_EVENT`` when the ACLED sub-event type was refined; Dateline
extracts conflict events, so stories of the other PLOVER types (CONCEDE, SUPPORT, ACCUSE, ...) are
mostly misses: that is what the figure measures.

* NGEC CSV (``text, label, mode``): the 20 % split (shuffled with seed 20211) that the earlier
  PLOVER classifier was not trained on, so figures stay comparable; nothing in the pipeline was
  fitted to NGEC. ``--all`` scores every row.
* PLOVER GSR JSON (PLOVER 0.5 records with ``text``, ``event``, ``mode``): the older types are mapped
  to the 16 NGEC types (DEMAND->REQUEST, DISAPPROVE/INVESTIGATE->ACCUSE, FIGHT->ASSAULT); mode accuracy
  counts the records whose gold mode has an NGEC counterpart.

Modes compare case-insensitively, with NGEC's spellings SIEZE and PRIMATIVE read as SEIZE and
PRIMITIVE. Prints per-type P/R/F1, type accuracy, macro F1 (over the gold types) and mode accuracy;
the last line is ``plover_type_f1=0.xxx type_acc=0.xxx mode_acc=0.xxx events=0.xxx`` (events: the
share of texts with at least one event). Without FILE: NGEC and GSR in ../shared when present,
then the committed gold, all of it (held-out, printed last).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from pathlib import Path

from .events import prf
from .gold import committed, shared

SEED = 20211  # the split of the earlier classifier (scripts/train_event_model.py)
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
    "primitive": "PRIMITIVE",
    "restrict": "RESTRICT",
    "violence": "VIOLENCE",
}


def split_ngec(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """NGEC rows as (train, held-out test), each in file order: ``TEST_SHARE`` of them, shuffled with
    ``SEED``. scripts/train_event_model.py trains on the first part (``--ngec``)."""
    idx = list(range(len(rows)))
    random.Random(SEED).shuffle(idx)
    test = set(idx[: int(len(rows) * TEST_SHARE)])
    return [r for i, r in enumerate(rows) if i not in test], [r for i, r in enumerate(rows) if i in test]


def read_ngec(path: Path, held_out: bool = True) -> list[tuple[str, str, str | None]]:
    """(text, type, mode) rows; with ``held_out`` only the 20 % test split."""
    csv.field_size_limit(1 << 24)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if held_out:
        rows = split_ngec(rows)[1]
    return [(r["text"], r["label"], r["mode"] or "") for r in rows]


def read_gsr(path: Path) -> list[tuple[str, str, str | None]]:
    out = []
    for rec in json.loads(path.read_text("utf-8")):
        if not rec.get("text") or rec.get("event") in (None, "DOCUMENT"):
            continue
        mode = rec.get("mode")
        out.append((rec["text"], GSR_TYPES.get(rec["event"], rec["event"]), GSR_MODES.get(mode or "", None)))
    return out


NGEC_SPELLING = {"SIEZE": "SEIZE", "PRIMATIVE": "PRIMITIVE"}


def _mode(mode: str | None) -> str:
    upper = (mode or "").upper()
    return NGEC_SPELLING.get(upper, upper)


def main_event_plover(texts: list[str], resources=None) -> list[tuple[str | None, str | None] | None]:
    """For each text, the (plover_type, plover_mode) of the main event the pipeline extracts
    from it (the first in text order), or None when it extracts no event."""
    from ..pipeline import process_many
    from ..records import Article

    articles = [Article(f"eval-plover-{i}", text) for i, text in enumerate(texts)]
    out: list[tuple[str | None, str | None] | None] = []
    for result in process_many(articles, resources):
        events = result.events
        main = events[0] if events else None
        out.append(None if main is None else (main.plover_type, main.plover_mode))
    return out


def main(argv: list[str], resources=None) -> int:
    ap = argparse.ArgumentParser(prog="dateline eval plover", description=__doc__.splitlines()[0])
    ap.add_argument(
        "files",
        nargs="*",
        type=Path,
        help="NGEC-style CSV or PLOVER GSR JSON; default: ../shared NGEC (held-out split) and GSR "
        "when present, then the committed gold (every row)",
    )
    ap.add_argument("--all", action="store_true", help="NGEC CSV: score every row, not only the 20%% split")
    args = ap.parse_args(argv)
    if args.files:
        runs = [(path, not args.all) for path in args.files]
    else:  # the committed gold is not a split of a larger corpus: all of it, last
        runs = [
            (p, not args.all)
            for p in shared("events/ngec_synthetic_events.csv", "events/PLOVER_GSR_CAMEO.json")
        ]
        runs += [(p, False) for p in committed("plover", "*.csv")]
    if not runs:
        print("no PLOVER gold files given or found")
        return 1
    from ..resources import default_resources

    resources = default_resources(resources)
    for path, held_out in runs:
        score(path, held_out, resources)
    return 0


def score(path: Path, held_out: bool, resources=None) -> None:
    """Score one file and print its figures; the last line is machine-readable."""
    is_json = path.suffix.lower() == ".json"
    data = read_gsr(path) if is_json else read_ngec(path, held_out=held_out)
    found = main_event_plover([t for t, _, _ in data], resources)
    gold = [g for _, g, _ in data]
    pred = [(p[0] or "") if p else "" for p in found]
    labels = sorted(set(gold) | {p for p in pred if p})
    scores = prf(gold, pred, labels)
    present = [v for v in scores.values() if v[3]]
    macro = sum(v[2] for v in present) / (len(present) or 1)
    acc = sum(g == p for g, p in zip(gold, pred, strict=True)) / (len(gold) or 1)
    for lab in labels:
        p, r, f, n = scores[lab]
        print(f"{lab:12} {p:6.3f} {r:6.3f} {f:6.3f} {n:4d}")
    modes = [
        (_mode(gm), _mode(p[1]) if p else None)
        for (_, _, gm), p in zip(data, found, strict=True)
        if gm is not None
    ]
    mode_acc = sum(g == p for g, p in modes) / (len(modes) or 1)
    with_event = sum(p is not None for p in found) / (len(found) or 1)
    split = f"held-out {TEST_SHARE:.0%} split, seed {SEED}" if held_out and not is_json else "all rows"
    print(
        f"{path.name}: {len(data)} texts ({split}), {with_event:.1%} with an event; type accuracy "
        f"{acc:.3f}, macro F1 {macro:.3f}; mode accuracy {mode_acc:.3f} over {len(modes)} texts with a "
        "gold mode"
    )
    print(f"plover_type_f1={macro:.3f} type_acc={acc:.3f} mode_acc={mode_acc:.3f} events={with_event:.3f}")
