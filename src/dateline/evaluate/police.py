"""``dateline eval police [dev.jsonl]``: the India police-events document questions — did police
kill, arrest, use force, fail to act, do anything — answered from Dateline's records, beside a
keyword baseline.

Each line (``doc_id``, ``url``, ``published``, ``text``, ``labels`` ⊆ KILL, ARREST, FORCE, FAIL,
ANY_ACTION) is read as ``dateline ingest`` reads a JSON Lines record and run through the pipeline.
Dateline's answers come ONLY from its events for that document (``answers``): an event is the
police's when actor1 is a police force (an actor name containing "Police") or, for a protest met
with intervention or excessive force, actor2 is. FAIL has no kind of record, so Dateline does not
answer it (printed as not answered, not guessed). Per question: precision, recall and F1 of
Dateline and of the keyword baseline; the last line is a JSON object of the F1s. Default file: the dev set in
``../shared/data/events/india-police-events``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from ..errors import DatelineError
from ..read.jsonl import read_record
from ..records import Article, Event
from .gold import shared

QUESTIONS = ("KILL", "ARREST", "FORCE", "FAIL", "ANY_ACTION")
ANSWERED = ("KILL", "ARREST", "FORCE", "ANY_ACTION")  # FAIL: no Dateline record says it
DEFAULT = "events/india-police-events/dev.jsonl"

# Sub-event types in which police acting means force; with deaths, a killing.
FORCE_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
FORCE_SUBTYPES = frozenset({"Protest with intervention", "Excessive force against protesters"})

# The keyword baseline: one obvious pattern per question, written once from general knowledge of
# the task before scoring and NOT tuned on this file's errors (do not iterate it: it is the
# reference Dateline must beat). The texts are lower-cased scrapes, so matching ignores case.
KEYWORDS: dict[str, re.Pattern[str]] = {
    "KILL": re.compile(
        r"\bpolice\b[^.]{0,80}\b(?:fired|firing|shot|killed|gunned down)\b|"
        r"\b(?:killed|shot dead|died)\b[^.]{0,40}\bpolice (?:firing|encounter)\b|\bencounter\b",
        re.I,
    ),
    "ARREST": re.compile(r"\b(?:arrest\w*|detain\w*|held|nabbed|taken into custody)\b", re.I),
    "FORCE": re.compile(
        r"\b(?:lathi\w*|tear ?gas|fired|firing|baton\w*|canes?|caned|water cannons?)\b", re.I
    ),
    "FAIL": re.compile(r"\b(?:failed to|mute spectators?|inaction|did not act|no action|negligence)\b", re.I),
}
KEYWORDS["ANY_ACTION"] = re.compile("|".join(KEYWORDS[q].pattern for q in ("KILL", "ARREST", "FORCE")), re.I)


def is_police(actor: str | None) -> bool:
    return bool(actor) and "police" in actor.lower()


def police_event(e: Event) -> bool:
    """Whether the police acted in this event (actor1, or actor2 of a protest they met with force)."""
    return is_police(e.actor1) or (e.sub_event_type in FORCE_SUBTYPES and is_police(e.actor2))


def answers(events: list[Event]) -> set[str]:
    """The questions Dateline answers yes for a document, from its events for it only."""
    yes: set[str] = set()
    for e in filter(police_event, events):
        yes.add("ANY_ACTION")
        if e.sub_event_type == "Arrests":
            yes.add("ARREST")
        if e.event_type in FORCE_TYPES or e.sub_event_type in FORCE_SUBTYPES:
            yes.add("FORCE")
            if (e.fatalities or 0) > 0:
                yes.add("KILL")
    return yes


def keyword_answers(text: str) -> set[str]:
    return {q for q, pattern in KEYWORDS.items() if pattern.search(text)}


def prf(gold: list[set[str]], pred: list[set[str]], question: str) -> tuple[float, float, float]:
    tp = sum(question in g and question in p for g, p in zip(gold, pred, strict=True))
    n_pred = sum(question in p for p in pred)
    n_gold = sum(question in g for g in gold)
    prec = tp / n_pred if n_pred else 0.0
    rec = tp / n_gold if n_gold else 0.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def read_docs(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def dateline_answers(docs: list[dict], resources=None) -> list[set[str]]:
    """Run the pipeline over the documents (read as JSON Lines records) and answer from its events."""
    from .. import pipeline

    articles: list[Article] = []
    readable: list[int] = []  # a report that cannot be read (no text) gets no answer
    for n, d in enumerate(docs):
        record = {"url": d.get("url"), "published": d.get("published"), "text": d.get("text")}
        try:
            articles.append(read_record(record, f"police:{d.get('doc_id')}"))
            readable.append(n)
        except DatelineError as exc:
            print(f"police:{d.get('doc_id')}: [{exc.code}] {exc.message}", file=sys.stderr)
    out: list[set[str]] = [set() for _ in docs]
    for n, result in zip(readable, pipeline.process_many(articles, resources), strict=True):
        out[n] = answers(result.events)
    return out


def report(gold: list[set[str]], dateline: list[set[str]], keyword: list[set[str]]) -> dict[str, float]:
    print(
        f"{'question':11} {'n':>4} | {'Dateline P':>10} {'R':>6} {'F1':>6} | {'keyword P':>9} {'R':>6} {'F1':>6}"
    )
    final: dict[str, float] = {}
    for q in QUESTIONS:
        n = sum(q in g for g in gold)
        kp, kr, kf = prf(gold, keyword, q)
        final[f"keyword_{q.lower()}_f1"] = round(kf, 3)
        if q in ANSWERED:
            dp, dr, df = prf(gold, dateline, q)
            final[f"dateline_{q.lower()}_f1"] = round(df, 3)
            ours = f"{dp:10.3f} {dr:6.3f} {df:6.3f}"
        else:
            ours = f"{'not answered (no record)':>24}"
        print(f"{q:11} {n:4d} | {ours} | {kp:9.3f} {kr:6.3f} {kf:6.3f}")
    return final


def main(argv: list[str], resources=None) -> int:
    ap = argparse.ArgumentParser(prog="dateline eval police", description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", type=Path, help=f"default: ../shared/data/{DEFAULT}")
    args = ap.parse_args(argv)
    path = args.file or next(iter(shared(DEFAULT)), None)
    if path is None or not path.is_file():
        print(f"no police-events file given or found (../shared/data/{DEFAULT})", file=sys.stderr)
        return 2
    from ..resources import default_resources

    docs = read_docs(path)
    gold = [set(d.get("labels") or []) for d in docs]
    start = time.perf_counter()
    ours = dateline_answers(docs, default_resources(resources))
    secs = time.perf_counter() - start
    final = report(gold, ours, [keyword_answers(d.get("text") or "") for d in docs])
    print(f"{len(docs)} documents ({path.name}) in {secs:.1f}s; keyword baseline written once, untuned")
    print(json.dumps({"documents": len(docs), **final}, sort_keys=True))
    return 0
