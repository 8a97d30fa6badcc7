"""``dateline eval timeml [PATH...]``: score the temporal tagger on TimeML / MEANTIME CAT files.

Reads inline TimeML (``<DCT><TIMEX3 …>`` plus ``<TIMEX3>`` inside ``<TEXT>``) and MEANTIME CAT
XML (tokens + TIMEX3 markables anchored on tokens; the DCT is the TIMEX3 whose
functionInDocument is CREATION_TIME). Rebuilds the raw text, tags it against the DCT and
prints TempEval-3 style figures. MEANTIME annotates only the first sentences of each article,
so a CAT document is scored up to the last sentence carrying any markable. The DCT itself is
not scored; a system expression that
overlaps an in-text DCT markable is ignored too, as it would be annotated as the DCT.
Directories in which no file carries a TIMEX3 other than the DCT are not annotated for time
expressions (e.g. the SemEval-2015 event-only tracks) and are skipped with a note; a document
id seen twice (the same article in two corpus versions) is scored once. A document without a
DCT (two in MEANTIME) is tagged against the first full date near its top (the dateline).
Without PATH: tbaq dev, tbaq locked and MEANTIME in ../shared when present, then the committed
gold, each scored on its own (the held-out sets after the dev part; the committed gold last: its
held-out figure is the last line).

``--corpus tbaq`` scores TimeBank + AQUAINT (TempEval-3's training data, ``../shared/data/time/
tbaq-cleaned``), the corpus the tagger is developed on. It is split by document: every
``LOCK_EVERY``-th document by sorted file name is locked (held out, scored only to report,
never read for errors); the rest is dev. ``--part`` picks dev (the default), locked or both
(dev first, the locked figure last). ``--corpus meantime`` scores MEANTIME, held out from the
tbaq development: ``--errors`` is refused on it and on the locked part.
"""

from __future__ import annotations

import argparse
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .gold import default_folders, shared

Gold = tuple[int, int, str, str]  # start, end, type, value


@dataclass
class Doc:
    name: str
    text: str
    dct: str | None
    gold: list[Gold] = field(default_factory=list)
    dct_span: tuple[int, int] | None = None
    limit: int | None = None  # end of the annotated part of the text (None: all of it)


def read_timeml(root: ET.Element, name: str) -> Doc:
    dct = None
    for t in root.iter("TIMEX3"):
        if t.get("functionInDocument") == "CREATION_TIME":
            dct = t.get("value")
            break
    text_el = root.find("TEXT")
    parts: list[str] = []
    gold: list[Gold] = []
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        start = pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)
        if el.tag == "TIMEX3" and el.get("functionInDocument") != "CREATION_TIME":
            gold.append((start, pos, el.get("type", ""), el.get("value", "")))
        if el.tag == "s":
            parts.append("\n")
            pos += 1

    if text_el is not None:
        walk(text_el)
    return Doc(name, "".join(parts), dct, gold)


def cat_tokens(root: ET.Element) -> tuple[str, dict[str, tuple[int, int]], dict[str, str], dict[str, int]]:
    """A CAT file's text (tokens joined by spaces, sentences by newlines), each token's span and
    sentence by its ``t_id``, and where each sentence ends (also evaluate/dedup_meantime.py)."""
    parts: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    sent_end: dict[str, int] = {}
    tok_sent: dict[str, str] = {}
    pos, sent = 0, None
    for tok in root.iter("token"):
        if parts:
            sep = "\n" if tok.get("sentence") != sent else " "
            parts.append(sep)
            pos += 1
        sent = tok.get("sentence")
        word = tok.text or ""
        spans[tok.get("t_id", "")] = (pos, pos + len(word))
        parts.append(word)
        pos += len(word)
        sent_end[sent or ""] = pos
        tok_sent[tok.get("t_id", "")] = sent or ""
    return "".join(parts), spans, tok_sent, sent_end


def read_cat(root: ET.Element, name: str) -> Doc:
    text, spans, tok_sent, sent_end = cat_tokens(root)
    doc = Doc(name, text, None)
    # MEANTIME annotates only the first sentences of each article: score up to the last
    # sentence that carries any markable (event, entity or time).
    marked = [tok_sent[a.get("t_id", "")] for a in root.iter("token_anchor") if a.get("t_id") in tok_sent]
    doc.limit = max((sent_end[s] for s in marked), default=None)
    for t in root.iter("TIMEX3"):
        anchors = [spans[a.get("t_id", "")] for a in t.iter("token_anchor") if a.get("t_id") in spans]
        span = (min(a[0] for a in anchors), max(a[1] for a in anchors)) if anchors else None
        if t.get("functionInDocument") == "CREATION_TIME":
            doc.dct, doc.dct_span = t.get("value"), span
        elif span:
            doc.gold.append((span[0], span[1], t.get("type", ""), t.get("value", "")))
    return doc


def read_file(path: Path) -> tuple[str, Doc] | None:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError:
        return None
    if root.tag == "Document":
        return root.get("doc_id") or path.stem, read_cat(root, path.name)
    if root.find("TEXT") is not None:
        docid = root.findtext("DOCID") or path.stem
        return docid.strip(), read_timeml(root, path.name)
    return None


def load_docs(paths: list[str]) -> tuple[list[Doc], list[str]]:
    """Documents to score, plus notes on what was skipped."""
    files: list[Path] = []
    for p in map(Path, paths):
        files += sorted(f for f in p.rglob("*") if f.suffix in (".tml", ".xml")) if p.is_dir() else [p]
    by_dir: dict[Path, list[tuple[str, Doc]]] = defaultdict(list)
    for f in files:
        got = read_file(f)
        if got:
            by_dir[f.parent].append(got)
    docs, notes, seen = [], [], set()
    for d, items in by_dir.items():
        if not any(doc.gold for _, doc in items):
            notes.append(f"skipped {d} ({len(items)} files): no TIMEX3 annotated beyond the DCT")
            continue
        for docid, doc in items:
            if docid in seen:
                notes.append(f"skipped duplicate document {docid} in {d}")
                continue
            seen.add(docid)
            docs.append(doc)
    return docs, notes


def _infer_dct(text: str) -> str | None:
    """A document without a DCT: take the first full date near the top (the dateline)."""
    from dateline.resolve.dates import tag_times

    for t in tag_times(text[:300], None):
        if t.precision == 1 and t.date_start:
            return t.date_start
    return None


@dataclass
class Counts:
    gold: int = 0
    sys: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0
    errors: list[str] = field(default_factory=list)


def score_doc(doc: Doc, c: Counts) -> None:
    from dateline.resolve.dates import tag_times

    dct = doc.dct or _infer_dct(doc.text)
    ds = doc.dct_span
    sys_ = [
        t
        for t in tag_times(doc.text, dct)
        if not (ds and t.start < ds[1] and ds[0] < t.end) and (doc.limit is None or t.start < doc.limit)
    ]
    c.gold += len(doc.gold)
    c.sys += len(sys_)
    used: set[int] = set()
    for gs, ge, gt, gv in doc.gold:
        cands = [i for i, t in enumerate(sys_) if i not in used and t.start < ge and gs < t.end]
        if not cands:
            c.errors.append(f"MISS {doc.name} [{doc.text[gs:ge]}] {gt} {gv} (dct {dct})")
            continue
        i = min(cands, key=lambda i: (sys_[i].start, sys_[i].end) != (gs, ge))
        used.add(i)
        t = sys_[i]
        c.relaxed += 1
        c.strict += (t.start, t.end) == (gs, ge)
        c.type_ok += t.type == gt
        c.value_ok += t.value == gv
        if t.value != gv or t.type != gt:
            c.errors.append(
                f"VAL  {doc.name} [{doc.text[gs:ge]}] {gt} {gv} != [{t.text}] {t.type} {t.value} (dct {dct})"
            )
    for i, t in enumerate(sys_):
        if i not in used:
            ctx = doc.text[max(0, t.start - 30) : t.end + 20].replace("\n", " ")
            c.errors.append(f"FP   {doc.name} [{t.text}] {t.type} {t.value} ... {ctx}")


def _prf(hit: int, sys: int, gold: int) -> tuple[float, float, float]:
    p = hit / sys if sys else 0.0
    r = hit / gold if gold else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="dateline eval timeml", description=__doc__.splitlines()[0])
    ap.add_argument(
        "paths",
        nargs="*",
        help="TimeML (.tml) or MEANTIME CAT (.xml) files or directories, scored together (default: "
        "../shared tbaq dev and locked and MEANTIME when present, then the committed gold, each on its own)",
    )
    ap.add_argument("--errors", action="store_true", help="list misses, false positives and wrong values")
    ap.add_argument("--corpus", choices=sorted(CORPORA), help="a named corpus in ../shared (instead of PATH)")
    ap.add_argument(
        "--part",
        choices=("dev", "locked", "both"),
        default="dev",
        help="with --corpus tbaq: the dev part (default), the locked part, or both (locked last)",
    )
    args = ap.parse_args(argv)
    if args.corpus:
        return main_corpus(args.corpus, args.part, args.errors)
    if args.paths:
        groups = [args.paths]
    else:
        if args.errors:
            print("--errors needs PATH or --corpus tbaq: the default corpora are held out but tbaq dev")
            return 2
        # tbaq dev, then the held-out sets: tbaq locked, MEANTIME, the committed gold (last line)
        for corpus, part in (("tbaq", "both"), ("meantime", "dev")):
            if shared(CORPORA[corpus]) and main_corpus(corpus, part, False):
                return 1
        groups = [[str(p)] for p in default_folders("time", "*.tml")]
    if not groups:
        print("no annotated documents given or found")
        return 1
    for paths in groups:
        if len(groups) > 1:
            print(f"== {' '.join(paths)}")
        if not score(paths, args.errors):
            return 1
    return 0


CORPORA = {"tbaq": "time/tbaq-cleaned", "meantime": "time/meantime-en/intra-doc_annotation"}
LOCK_EVERY = 4  # every 4th tbaq document by sorted file name is locked (held out)


def split_tbaq(docs: list[Doc]) -> dict[str, list[Doc]]:
    """TimeBank + AQUAINT by document: every ``LOCK_EVERY``-th by sorted file name is locked."""
    ordered = sorted(docs, key=lambda d: d.name)
    locked = [d for i, d in enumerate(ordered) if i % LOCK_EVERY == LOCK_EVERY - 1]
    dev = [d for i, d in enumerate(ordered) if i % LOCK_EVERY != LOCK_EVERY - 1]
    return {"dev": dev, "locked": locked}


def main_corpus(corpus: str, part: str, errors: bool) -> int:
    """Score a named corpus of ../shared; held-out sets are never listed for errors."""
    if errors and (corpus == "meantime" or part != "dev"):
        print("--errors is refused on held-out data (MEANTIME, tbaq locked): develop on tbaq dev")
        return 2
    found = shared(CORPORA[corpus])
    if not found:
        print(f"{CORPORA[corpus]} not found under ../shared/data")
        return 1
    docs, notes = load_docs([str(found[0])])
    if corpus == "meantime":
        groups = [("MEANTIME (HELD OUT: never read for errors)", docs)]
    else:
        parts = split_tbaq(docs)
        names = ["dev", "locked"] if part == "both" else [part]
        groups = [
            (f"tbaq {n}" + (" (HELD OUT: never read for errors)" if n == "locked" else ""), parts[n])
            for n in names
        ]
    for label, group in groups:
        print(f"== {label}")
        if not score_docs(group, notes, errors):
            return 1
    return 0


def score(paths: list[str], errors: bool) -> bool:
    """Score the documents under ``paths`` together and print the figures; False if there are none."""
    docs, notes = load_docs(paths)
    return score_docs(docs, notes, errors)


def score_docs(docs: list[Doc], notes: list[str], errors: bool) -> bool:
    """Score ``docs`` together and print the figures; False if there are none."""
    for n in notes:
        if not n.startswith("skipped duplicate"):
            print(f"note: {n}")
    if not docs:
        print("no annotated documents found")
        return False
    c = Counts()
    for doc in docs:
        score_doc(doc, c)
    if errors:
        print("\n".join(sorted(c.errors)))
    sp, sr, sf = _prf(c.strict, c.sys, c.gold)
    rp, rr, rf = _prf(c.relaxed, c.sys, c.gold)
    type_acc = c.type_ok / c.relaxed if c.relaxed else 0.0
    value_acc = c.value_ok / c.relaxed if c.relaxed else 0.0
    vp, vr = rp * value_acc, rr * value_acc
    vf = 2 * vp * vr / (vp + vr) if vp + vr else 0.0
    dup = sum(n.startswith("skipped duplicate") for n in notes)
    print(f"documents {len(docs)} (duplicates skipped {dup})  gold {c.gold}  system {c.sys}")
    print(f"strict   P {sp:.3f}  R {sr:.3f}  F1 {sf:.3f}")
    print(f"relaxed  P {rp:.3f}  R {rr:.3f}  F1 {rf:.3f}")
    print(f"type accuracy {type_acc:.3f}  value accuracy {value_acc:.3f}  (over {c.relaxed} relaxed matches)")
    print(f"value    P {vp:.3f}  R {vr:.3f}  F1 {vf:.3f}")
    print(
        f"strict_f1={sf:.3f} relaxed_f1={rf:.3f} type_acc={type_acc:.3f} value_acc={value_acc:.3f} "
        f"value_f1={vf:.3f}"
    )
    return True


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
