"""How the police-action rules (extract/police_actions.candidates) compare with the sentence labels
of the India police-events reports of the DEV split only (evaluate/police.split_of: locked reports
are skipped before their text is read): per kind (arrest, force), the candidates that are labelled
so (precision) and the labelled sentences that have a candidate (recall).

    PYTHONPATH=src python scripts/police_sentences.py [--show]

``--show`` prints the dev sentences behind each wrong candidate and each miss, for error reading.
Nothing is learned from the labels: the rules were written from ACLED's conventions.
"""

from __future__ import annotations

import argparse
import json
import re

from dateline.annotate import annotate_many
from dateline.clean import clean
from dateline.evaluate.gold import shared
from dateline.evaluate.police import gold_locked, split_of
from dateline.extract.police_actions import candidates
from dateline.read.jsonl import read_record
from dateline.resources import Resources

LABEL = {"arrest": "ARREST", "force": "FORCE", "seize": "ANY_ACTION"}  # (seizures: any action)


def norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def load(resources: Resources) -> list[tuple[object, str, set[str], set[str]]]:
    """(report, sentence, labels, the kinds of the rules' candidates) per dev sentence."""
    base = next(iter(shared("events/india-police-events")), None)
    if base is None:
        raise SystemExit("../shared/data/events/india-police-events not found")
    locked = gold_locked()
    docs = {}
    for line in (base / "dev.jsonl").read_text("utf-8").splitlines():
        if line.strip() and split_of((d := json.loads(line)).get("doc_id"), locked) == "dev":
            docs[d["doc_id"]] = d
    labelled: dict[object, list[tuple[str, set[str]]]] = {k: [] for k in docs}
    for line in (base / "dev_sentences.jsonl").read_text("utf-8").splitlines():
        s = json.loads(line)
        if s["doc_id"] in docs:  # (locked reports' sentences are never kept)
            labelled[s["doc_id"]].append((norm(s["sent_text"]), set(s["sent_labels"])))
    ids = sorted(docs)
    articles = [
        read_record({"text": docs[i]["text"], "published": docs[i].get("published")}, str(i)) for i in ids
    ]
    rows = []
    for doc_id, annotated in zip(ids, annotate_many([clean(a) for a in articles], resources), strict=True):
        for _segment, doc in getattr(annotated, "docs", []):  # (a failure has none)
            for sent in doc.sents:
                key = norm(sent.text)[:60]
                labels = set().union(*(lab for text, lab in labelled[doc_id] if key and key in text))
                rows.append((doc_id, sent.text, labels, {LABEL[c.kind] for c in candidates(sent)}))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="print the wrong candidates and the misses")
    args = ap.parse_args()
    rows = load(Resources())
    print(f"{len(rows)} sentences in {len({r[0] for r in rows})} dev reports")
    for label in LABEL.values():
        found = sum(label in c for *_, c in rows)
        right = sum(label in c and label in g for *_, g, c in rows)
        gold = sum(label in g for *_, g, _c in rows)
        print(f"{label:7} candidates {found:4d} precision {right / max(found, 1):.3f} | labelled {gold:4d} "
              f"recall {right / max(gold, 1):.3f}")  # fmt: skip
        if args.show:
            for doc, text, g, c in rows:
                if (label in g) != (label in c):
                    print(f"  {'missed' if label in g else 'wrong '} {doc}: {' '.join(text.split())[:220]}")


if __name__ == "__main__":
    main()
