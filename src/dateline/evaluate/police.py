"""``dateline eval police [dev.jsonl]``: the India police-events document questions — did police
kill, arrest, use force, fail to act, do anything — answered from Dateline's records, beside a
keyword baseline.

Each line (``doc_id``, ``url``, ``published``, ``text``, ``labels`` ⊆ KILL, ARREST, FORCE, FAIL,
ANY_ACTION) is read as ``dateline ingest`` reads a JSON Lines record and run through the pipeline.
Dateline's answers come ONLY from its records for that document (``answers``): KILL, ARREST and
FORCE from its events, ANY_ACTION from its events AND its recorded police activity (drops with the
reason ``police_activity``: the police deployed, searched, registered a case, arrested outside a
conflict — acts ACLED codes no event for, kept as findings, extract/police_activity.py). An event
is the police's when actor1 is a police force (an actor name containing "Police") or, for a
protest met with intervention or excessive force, actor2 is. A protest with intervention answers
ARREST and/or FORCE as the words the record gives as evidence of its type say (arrests, or force
short of lethal). FAIL has no kind of record, so Dateline does not answer it (printed as not
answered, not guessed). Per question: precision, recall and F1 of Dateline and of the keyword
baseline; the last line is a JSON object of the F1s. Default file: the dev set in
``../shared/data/events/india-police-events``.

When a learned model file is shipped (data/police_model.json, trained on the dev reports'
sentence labels), Dateline's dev figures are in-sample for it and are printed as such; the last
column is ``scripts/train_police_model.py``'s 5-fold cross-validation by report (stored in the
model file): the F1 of what ships for the question (the rules, with the model's part where it
won), the dev figure to quote, and in brackets the rules alone's in the same folds (the rules
learn nothing from the folds, so theirs is their dev figure: in-sample, they were written
reading dev).

A third of the documents is **locked** (``split_of``): those whose id hashes to 0 mod 3, and every
report the article gold codes in its locked split. Dev figures print first, the locked (held-out)
ones last; ``--explain`` lists Dateline's wrong answers on dev documents only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from pathlib import Path

from ..errors import DatelineError
from ..read.jsonl import read_record
from ..records import Article, Drop, Event
from .gold import committed, shared

QUESTIONS = ("KILL", "ARREST", "FORCE", "FAIL", "ANY_ACTION")
ANSWERED = ("KILL", "ARREST", "FORCE", "ANY_ACTION")  # FAIL: no Dateline record says it
DEFAULT = "events/india-police-events/dev.jsonl"

# Sub-event types in which police acting means force; with deaths, a killing.
# (Riots: police firing on a mob is coded as a riot with the police as actor1.)
FORCE_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})
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


# ACLED's "Protest with intervention" is a protest met with arrests or with force short of
# lethal: which one the record says is in the words it gives as evidence of its type.
INTERVENTION = "Protest with intervention"
ARREST_EVIDENCE = re.compile(r"\b(?:arrest|detain|detention|custody|nabbed|held|taken|rounded|picked)", re.I)
FORCE_EVIDENCE = re.compile(
    r"\b(?:lathi|tear.?gas|teargas|fired|firing|fire|shot|baton|cane|caned|water.?cannon|beat|"
    r"rubber|pellet|charge|dispers|shell)",
    re.I,
)


def _type_words(e: Event) -> list[str]:
    return [ev.text for ev in e.evidence if ev.field in ("event_type", "sub_event_type")]


def answers(events: list[Event], drops: list[Drop] = ()) -> set[str]:  # type: ignore[assignment]
    """The questions Dateline answers yes for a document, from its events for it and (ANY_ACTION
    only) its recorded police activity."""
    yes: set[str] = {"ANY_ACTION"} if any(d.reason == "police_activity" for d in drops) else set()
    for e in filter(police_event, events):
        yes.add("ANY_ACTION")
        words = _type_words(e) if e.sub_event_type == INTERVENTION else []
        if e.sub_event_type == "Arrests" or any(ARREST_EVIDENCE.search(w) for w in words):
            yes.add("ARREST")
        forced = e.sub_event_type != INTERVENTION or any(FORCE_EVIDENCE.search(w) for w in words)
        if (e.event_type in FORCE_TYPES or e.sub_event_type in FORCE_SUBTYPES) and forced:
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


def gold_locked() -> set[str]:
    """The reports of this corpus that the article gold holds out (its ``locked`` split)."""
    out = set()
    for path in committed("articles", "india-police.jsonl"):
        for line in path.read_text("utf-8").splitlines():
            if line.strip() and (d := json.loads(line)).get("split") == "locked":
                out.add(str(d["doc"]))
    return out


def split_of(doc_id: object, locked: set[str]) -> str:
    """``locked`` for a third of the documents (by a hash of the id) and the article gold's locked
    reports; ``dev`` for the rest."""
    key = str(doc_id)
    digest = int(hashlib.sha256(key.encode()).hexdigest(), 16)
    return "locked" if key in locked or digest % 3 == 0 else "dev"


def read_docs(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def dateline_answers(docs: list[dict], resources=None, events: list | None = None) -> list[set[str]]:
    """Run the pipeline over the documents (read as JSON Lines records) and answer from its events
    (each document's events are appended to ``events`` when given)."""
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
    kept: list[list[Event]] = [[] for _ in docs]
    for n, result in zip(readable, pipeline.process_many(articles, resources), strict=True):
        out[n] = answers(result.events, result.drops)
        kept[n] = result.events
    if events is not None:
        events.extend(kept)
    return out


def report(
    gold: list[set[str]],
    dateline: list[set[str]],
    keyword: list[set[str]],
    cv: dict[str, float] | None = None,
) -> dict[str, float]:
    """The per-question table; with ``cv`` (the shipped model's cross-validated F1s, dev only) a
    last column gives each question's figure to quote."""
    print(
        f"{'question':11} {'n':>4} | {'Dateline P':>10} {'R':>6} {'F1':>6} | {'keyword P':>9} {'R':>6} {'F1':>6}"
        + (" | CV F1 shipped (rules alone), 5 folds by report" if cv else "")
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
        key, rules = f"dateline_{q.lower()}_f1", f"rules_{q.lower()}_f1"
        last = f" | {cv[key]:.3f}" if cv and key in cv else ""
        last += f" ({cv[rules]:.3f})" if last and rules in cv else ""
        print(f"{q:11} {n:4d} | {ours} | {kp:9.3f} {kr:6.3f} {kf:6.3f}{last}")
    return final


def main(argv: list[str], resources=None) -> int:
    ap = argparse.ArgumentParser(prog="dateline eval police", description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", type=Path, help=f"default: ../shared/data/{DEFAULT}")
    ap.add_argument("--split", choices=("dev", "locked", "all"), default="all")
    ap.add_argument("--explain", action="store_true", help="list wrong answers (dev documents only)")
    args = ap.parse_args(argv)
    path = args.file or next(iter(shared(DEFAULT)), None)
    if path is None or not path.is_file():
        print(f"no police-events file given or found (../shared/data/{DEFAULT})", file=sys.stderr)
        return 2
    from ..resources import default_resources

    locked = gold_locked()
    docs = [d for d in read_docs(path) if args.split in ("all", split_of(d.get("doc_id"), locked))]
    start = time.perf_counter()
    events: list[list[Event]] = []
    ours = dateline_answers(docs, default_resources(resources), events)
    secs = time.perf_counter() - start
    final: dict[str, float] = {}
    for split in ("dev", "locked"):
        idx = [n for n, d in enumerate(docs) if split_of(d.get("doc_id"), locked) == split]
        if not idx:
            continue
        held = " (HELD OUT: never read for errors)" if split == "locked" else ""
        print(f"== split {split}{held}: {len(idx)} documents")
        gold = [set(docs[n].get("labels") or []) for n in idx]
        keyword = [keyword_answers(docs[n].get("text") or "") for n in idx]
        cv = in_sample_note() if split == "dev" else {}
        table = report(gold, [ours[n] for n in idx], keyword, {k[3:]: v for k, v in cv.items()})
        final = {"split": split, "documents": len(idx), **table, **cv}
        if args.explain and split == "dev":
            explain([docs[n] for n in idx], gold, [ours[n] for n in idx], [events[n] for n in idx])
        print(json.dumps(final, sort_keys=True))  # one line per split: the held-out one last
    print(f"{len(docs)} documents ({path.name}) in {secs:.1f}s; keyword baseline written once, untuned")
    return 0


def in_sample_note() -> dict[str, float]:
    """With a shipped model learnt from the dev reports, the dev figures above are in-sample: print
    its report-grouped cross-validated ones, of what ships and of the rules alone (returned as
    ``cv_dateline_*`` and ``cv_rules_*`` keys for the JSON line)."""
    from ..extract.police_model import load_model

    model = load_model()
    if model is None:
        return {}
    # (a file of the older format names its questions left to the rules, with no CV figure)
    ruled = {f"dateline_{q.lower()}_f1" for q in model.cv.get("rules_only", [])}
    cv = {k: v for k, v in model.cv.items() if k.endswith("_f1") and k not in ruled}
    keys = [f"dateline_{q.lower()}_f1" for q in ANSWERED]
    figures = " / ".join(f"{cv[k]:.3f}" if k in cv else "-" for k in keys)
    rules = [f"rules_{q.lower()}_f1" for q in ANSWERED]
    if any(k in cv for k in rules):
        figures += (
            " (the rules alone, in-sample: "
            + " / ".join(f"{cv[k]:.3f}" if k in cv else "-" for k in rules)
            + ")"
        )
    alone = [f"alone_{q.lower()}_f1" for q in ANSWERED]
    if any(k in cv for k in alone):  # (the model's own held-out figure: what it adds is read from it)
        figures += " (the model alone: " + " / ".join(f"{cv[k]:.3f}" if k in cv else "-" for k in alone) + ")"
    print(
        "  the shipped police model (data/police_model.json) learnt from these dev reports: Dateline's"
        " figures below are IN-SAMPLE, the last column cross-validated. Cross-validated (5 folds by report,"
        " scripts/train_police_model.py,"
        f" {model.cv.get('reports', '?')} reports) F1 kill / arrest / force / any action: {figures}"
        + (
            f" ({', '.join(model.cv['rules_only'])}: the rules', no model part, no CV figure)"
            if model.cv.get("rules_only")
            else ""
        )
    )
    # (the dateline_* keys stay in-sample: CI's floors; a question left to the rules has no CV figure)
    return {f"cv_{k}": v for k, v in cv.items()}


def explain(docs: list[dict], gold: list[set[str]], ours: list[set[str]], events: list[list[Event]]) -> None:
    """Each dev document Dateline answers wrongly: the questions missed and wrongly said, its events."""
    for d, g, o, evs in zip(docs, gold, ours, events, strict=True):
        g, o = g & set(ANSWERED), o & set(ANSWERED)
        if g == o:
            continue
        print(f"-- doc {d.get('doc_id')}: missed {sorted(g - o)} wrongly said {sorted(o - g)}")
        for e in evs:
            print(
                f"   event: {e.event_type} / {e.sub_event_type} | {e.actor1} vs {e.actor2} | deaths {e.fatalities}"
            )
