"""``dateline eval attribution [FILE]``: score speaker, cue and outlet detection per sentence.

Without FILE: ``gold.jsonl`` (the rules were written against it), then ``heldout.jsonl``
(annotated after them), so the held-out figure is the last line.

The gold file (JSON Lines, one paragraph per record, see ``tests/resources/attribution/README.md``)
gives for each paragraph the attributed statements as character spans: ``cue``, ``source``
(speaker or ``null``), ``outlet`` (news outlet or ``null``) and ``content``. Each paragraph is
parsed with ``build_nlp()`` and run through ``extract.attribution.for_sentences``; a gold
statement belongs to every sentence that any of its spans touches. Per sentence:

* statement detection: the sentence is attributed (gold: some statement belongs to it);
* source / cue / outlet: the predicted span equals (``exact``) or overlaps (``overlap``) the
  matching span of one of the sentence's gold statements. A wrong span is a false positive
  and, when gold has one, a false negative.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

Span = tuple[int, int] | None
GOLD_NAME = Path("tests") / "resources" / "attribution" / "gold.jsonl"
METRICS = [
    "detection",
    "source_exact",
    "source_overlap",
    "cue_exact",
    "cue_overlap",
    "outlet_exact",
    "outlet_overlap",
]


def default_gold() -> Path:
    repo = Path(__file__).resolve().parents[3]
    for base in (repo, Path.cwd()):
        if (base / GOLD_NAME).is_file():
            return base / GOLD_NAME
    return repo / GOLD_NAME


def load(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _overlaps(a: Span, b: Span) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _same(a: Span, b: Span) -> bool:
    return a is not None and b is not None and tuple(a) == tuple(b)


def _count(counts: Counter, name: str, pred: Span, golds: list[Span], match) -> bool:
    golds = [g for g in golds if g is not None]
    hit = pred is not None and any(match(pred, g) for g in golds)
    if hit:
        counts[name, "tp"] += 1
    else:
        counts[name, "fp"] += pred is not None
        counts[name, "fn"] += bool(golds)
    return hit


def score_doc(doc, statements: list[dict], counts: Counter, errors: list[str] | None = None) -> None:
    """Add one parsed paragraph's sentence-level counts to ``counts``."""
    from ..extract.attribution import for_sentences

    for sent, pred in zip(doc.sents, for_sentences(doc), strict=True):
        here = (sent.start_char, sent.end_char)
        gold = [
            g
            for g in statements
            if any(_overlaps(here, g[k]) for k in ("cue", "source", "outlet", "content"))
        ]
        _count(counts, "detection", (0, 1) if pred else None, [(0, 1)] if gold else [], _same)
        ok = bool(pred) == bool(gold)
        for field, attr in (("source", "speaker"), ("cue", "cue"), ("outlet", "outlet")):
            span = getattr(pred, attr) if pred else None
            spans = [g[field] for g in gold]
            hit = _count(counts, f"{field}_exact", span, spans, _same)
            _count(counts, f"{field}_overlap", span, spans, _overlaps)
            ok &= hit or (span is None and not any(spans))
        if errors is not None and not ok:
            show = lambda s: repr(doc.text[s[0] : s[1]]) if s else "-"  # noqa: E731
            said = f"{show(pred.speaker)}/{show(pred.outlet)}/{show(pred.cue)}" if pred else "none"
            want = (
                "; ".join(f"{show(g['source'])}/{show(g['outlet'])}/{show(g['cue'])}" for g in gold) or "none"
            )
            errors.append(f"{sent.text.strip()[:90]!r}\n    predicted {said}\n    gold      {want}")


def prf(counts: Counter, name: str) -> tuple[float, float, float]:
    tp, fp, fn = (counts[name, k] for k in ("tp", "fp", "fn"))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def evaluate(records: list[dict], nlp=None, errors: list[str] | None = None) -> Counter:
    from ..annotate import build_nlp

    nlp = nlp or build_nlp()
    counts: Counter = Counter()
    docs = nlp.pipe(r["text"] for r in records)
    for record, doc in zip(records, docs, strict=True):
        score_doc(doc, record["statements"], counts, errors)
    return counts


def main(argv: list[str] | None = None, resources=None) -> int:
    parser = argparse.ArgumentParser(prog="dateline eval attribution")
    parser.add_argument(
        "file",
        nargs="?",
        type=Path,
        default=None,
        help="gold JSON Lines file (default: gold.jsonl, then heldout.jsonl)",
    )
    parser.add_argument("--errors", action="store_true", help="list the sentences scored wrong")
    args = parser.parse_args(argv)
    paths = [args.file] if args.file else [default_gold(), default_gold().with_name("heldout.jsonl")]
    for path in paths:
        if not path.is_file():
            print(f"no attribution gold file at {path}")
            return 1
    for path in paths:  # the held-out file last: its figure is the last line
        score(path, args.errors, resources)
    return 0


def score(path: Path, with_errors: bool, resources=None) -> None:
    records = load(path)
    errors: list[str] | None = [] if with_errors else None
    counts = evaluate(records, resources.nlp if resources else None, errors=errors)
    for line in errors or []:
        print(line)
    statements = sum(len(r["statements"]) for r in records)
    print(f"{path.name}: {len(records)} paragraphs, {statements} gold statements")
    print(f"{'metric':<16}{'P':>7}{'R':>7}{'F1':>7}   tp/fp/fn")
    for name in METRICS:
        p, r, f = prf(counts, name)
        tally = "/".join(str(counts[name, k]) for k in ("tp", "fp", "fn"))
        print(f"{name:<16}{p:7.3f}{r:7.3f}{f:7.3f}   {tally}")
    f1 = {name: prf(counts, name)[2] for name in METRICS}
    print(
        f"attribution_source_f1={f1['source_exact']:.3f} source_overlap_f1={f1['source_overlap']:.3f} "
        f"cue_f1={f1['cue_exact']:.3f} outlet_f1={f1['outlet_exact']:.3f} detection_f1={f1['detection']:.3f}"
    )
