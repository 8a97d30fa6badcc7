"""``dateline eval certainty [PATH...]``: score factuality against MEANTIME-style event mentions.

MEANTIME (CAT XML) marks event mentions on tokens with ``certainty`` (CERTAIN, PROBABLE,
POSSIBLE, UNDERSPECIFIED), ``polarity`` (POS, NEG, UNDERSPECIFIED) and ``time`` (FUTURE,
NON_FUTURE, UNDERSPECIFIED). Each annotated sentence is detokenised, parsed with
``build_nlp()`` as its own ``Doc``, and every event mention whose first anchored token starts
a spaCy token is assessed with ``extract.factuality.assess`` on that token (the head of the
mention if it spans several). Dateline's labels map onto MEANTIME's:

* certainty: confirmed -> CERTAIN; reported, believed -> PROBABLE; possible -> POSSIBLE;
  denied -> CERTAIN (MEANTIME puts negation on polarity, the source is sure it did not happen);
* polarity: denied, or not reportable because negated -> NEG; otherwise POS;
* time: not reportable because future, hypothetical, conditional or governed by an intention
  ("plans to", "expected to") or an infinitive -> FUTURE; otherwise NON_FUTURE.

MEANTIME's certainty is the *source's* commitment: "officials said the plant closed" is CERTAIN
there, while Dateline calls it "reported" (the author only relays it). A second figure,
``certainty_source_macro_f1``, scores with reported -> CERTAIN to show that difference.

Gold mentions labelled UNDERSPECIFIED (or unlabelled) are left out of that attribute's score.
A document present in several corpus folders is scored once, in the version with the most
event mentions. Without PATH: MEANTIME in ../shared when present, then the committed gold, each on
its own (the committed gold last: its held-out figure is the last line).
"""

from __future__ import annotations

import argparse
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .gold import default_folders

# Each level of extract.factuality.CERTAINTY_ORDER in MEANTIME's labels (a test checks they match).
MEANTIME_CERTAINTY = {
    "confirmed": "CERTAIN",
    "reported": "PROBABLE",
    "believed": "PROBABLE",
    "possible": "POSSIBLE",
    "denied": "CERTAIN",  # the source is sure it did not happen; the negation is on polarity
}
CERTAINTY_CLASSES = ["CERTAIN", "PROBABLE", "POSSIBLE"]
POLARITY_CLASSES = ["POS", "NEG"]
FUTURE_REASONS = ("future", "hypothetical", "conditional", "governed", "infinitive")
NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", ")", "]", "%", "'s", "n't", "'re", "'ve", "'ll", "'d", "'m"}
NO_SPACE_AFTER = {"(", "[", "$", "US$", "#"}


@dataclass
class Mention:
    start: int  # char offsets in the sentence text
    end: int
    certainty: str
    polarity: str
    time: str


@dataclass
class Sentence:
    text: str
    mentions: list[Mention]


def read_cat(root: ET.Element) -> list[Sentence]:
    """Annotated sentences of one CAT document, detokenised, with their event mentions."""
    words: dict[str, list[tuple[str, str]]] = {}
    for tok in root.iter("token"):
        words.setdefault(tok.get("sentence", ""), []).append((tok.get("t_id", ""), tok.text or ""))
    where: dict[str, tuple[str, int, int]] = {}
    texts: dict[str, str] = {}
    for sent, toks in words.items():
        text, prev = "", ""
        for tid, word in toks:
            if text and word not in NO_SPACE_BEFORE and prev not in NO_SPACE_AFTER:
                text += " "
            where[tid] = (sent, len(text), len(text) + len(word))
            text += word
            prev = word
        texts[sent] = text
    found: dict[str, list[Mention]] = {}
    for em in root.iter("EVENT_MENTION"):
        anchors = [where[a.get("t_id", "")] for a in em.iter("token_anchor") if a.get("t_id") in where]
        if not anchors:
            continue
        sent = anchors[0][0]
        spans = [(s, e) for sid, s, e in anchors if sid == sent]
        label = Mention(
            min(s for s, _ in spans),
            max(e for _, e in spans),
            em.get("certainty") or "",
            em.get("polarity") or "",
            em.get("time") or "",
        )
        found.setdefault(sent, []).append(label)
    return [Sentence(texts[s], ms) for s, ms in found.items()]


def load(paths: list[Path]) -> list[Sentence]:
    files: list[Path] = []
    for p in paths:
        files += sorted(p.rglob("*.xml")) if p.is_dir() else [p]
    best: dict[str, list[Sentence]] = {}
    for f in files:
        try:
            root = ET.parse(f).getroot()
        except ET.ParseError:
            continue
        if root.tag != "Document":
            continue
        sents = read_cat(root)
        docid = root.get("doc_id") or f.stem
        if sum(len(s.mentions) for s in sents) > sum(len(s.mentions) for s in best.get(docid, [])):
            best[docid] = sents
    return [s for sents in best.values() for s in sents]


def _head(doc, start: int, end: int):
    toks = [t for t in doc if start <= t.idx < end]
    if not toks or toks[0].idx != start:
        return None
    inside = {t.i for t in toks}
    return next((t for t in toks if t.head.i not in inside or t.head.i == t.i), toks[0])


def predict(fact, source_relative: bool = False) -> tuple[str, str, str]:
    """(certainty, polarity, time) in MEANTIME's labels for a Dateline ``Factuality``."""
    negated = fact.certainty == "denied" or fact.reason.startswith("negated")
    table = {**MEANTIME_CERTAINTY, "reported": "CERTAIN"} if source_relative else MEANTIME_CERTAINTY
    certainty = "CERTAIN" if negated else table[fact.certainty]
    future = not fact.reportable and any(w in fact.reason for w in FUTURE_REASONS)
    return certainty, "NEG" if negated else "POS", "FUTURE" if future else "NON_FUTURE"


def evaluate(sentences: list[Sentence], nlp=None) -> tuple[Counter, int, int]:
    """Confusion counts keyed (attribute, gold, predicted); mentions aligned and in total."""
    from ..annotate import build_nlp
    from ..extract.factuality import assess

    nlp = nlp or build_nlp()
    counts: Counter = Counter()
    aligned = total = 0
    for sent, doc in zip(sentences, nlp.pipe(s.text for s in sentences), strict=True):
        for m in sent.mentions:
            total += 1
            tok = _head(doc, m.start, m.end)
            if tok is None:
                continue
            aligned += 1
            fact = assess(tok, tok.sent)
            pred = predict(fact)
            golds = (m.certainty, m.polarity, m.time)
            for attr, gold, p in zip(("certainty", "polarity", "time"), golds, pred, strict=True):
                counts[attr, gold, p] += 1
            counts["certainty_source", m.certainty, predict(fact, source_relative=True)[0]] += 1
    return counts, aligned, total


def table(counts: Counter, attr: str, classes: list[str]) -> tuple[list[str], float]:
    lines, f1s = [], []
    for c in classes:
        tp = counts[attr, c, c]
        fp = sum(n for (a, g, p), n in counts.items() if a == attr and p == c and g != c and g in classes)
        fn = sum(n for (a, g, p), n in counts.items() if a == attr and g == c and p != c)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        if tp + fp + fn:
            f1s.append(f1)  # a class neither in gold nor predicted is left out of the macro average
        lines.append(f"  {c:<10}{prec:7.3f}{rec:7.3f}{f1:7.3f}   n={tp + fn}")
    return lines, sum(f1s) / len(f1s) if f1s else 0.0


def main(argv: list[str] | None = None, resources=None) -> int:
    parser = argparse.ArgumentParser(prog="dateline eval certainty")
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        help="MEANTIME CAT XML files or directories, scored together (default: ../shared MEANTIME "
        "when present, then the committed gold, each on its own)",
    )
    args = parser.parse_args(argv)
    if args.paths:
        groups = [args.paths]
    else:
        groups = [[p] for p in default_folders("certainty", "*.xml", "time/meantime-en")]
    if not groups or not all(p.exists() for g in groups for p in g):
        print(
            f"no MEANTIME-style data at {', '.join(map(str, args.paths)) or 'the default paths'}; nothing to score"
        )
        return 0
    for paths in groups:
        if len(groups) > 1:
            print(f"== {' '.join(map(str, paths))}")
        score(paths, resources)
    return 0


def score(paths: list[Path], resources=None) -> None:
    """Score the documents under ``paths`` together; the last line printed is machine-readable."""
    sentences = load(paths)
    counts, aligned, total = evaluate(sentences, resources.nlp if resources else None)
    print(f"{len(sentences)} sentences, {total} event mentions, {aligned} aligned to a token")
    macro = {}
    for attr, classes in (("certainty", CERTAINTY_CLASSES), ("polarity", POLARITY_CLASSES)):
        lines, macro[attr] = table(counts, attr, classes)
        print(f"{attr:<12}{'P':>7}{'R':>7}{'F1':>7}")
        print("\n".join(lines))
        print(f"  macro F1 {macro[attr]:.3f}")
    timed = {(g, p): n for (a, g, p), n in counts.items() if a == "time" and g in ("FUTURE", "NON_FUTURE")}
    right = sum(n for (g, p), n in timed.items() if g == p)
    time_acc = right / sum(timed.values()) if timed else 0.0
    future_lines, _ = table(counts, "time", ["FUTURE", "NON_FUTURE"])
    print(f"time (future/hypothetical vs past-or-present): accuracy {time_acc:.3f}")
    print("\n".join(future_lines))
    _, source_macro = table(counts, "certainty_source", CERTAINTY_CLASSES)
    print(
        f"certainty with reported -> CERTAIN (MEANTIME's source-relative reading): macro F1 {source_macro:.3f}"
    )
    print(
        f"certainty_macro_f1={macro['certainty']:.3f} polarity_macro_f1={macro['polarity']:.3f} "
        f"time_accuracy={time_acc:.3f} certainty_source_macro_f1={source_macro:.3f}"
    )
