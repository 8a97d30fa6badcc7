"""``dateline eval articles [GOLD.jsonl|DIR ...] [--split dev|locked|all] [--source NAME] [--explain]``:
Dateline's records on real articles against the article gold (docs/coding-guidelines.md).

Each gold line names a document; its JSON Lines record (``evaluate/sources.py``) is read as
``dateline ingest`` reads one and run through the pipeline (one ``Resources``). Event precision
(matched / predicted events in gold articles), recall (matched / gold events) and F1, with the
accuracy of the fields over matched events (``article_match.py`` defines the match), then the
diagnostic incident view (evidence overlapping a gold quote, whatever the type, place or date).
Printed per source and split, dev first and ``locked`` LAST (held out: never read for errors);
the last line is a JSON object with the figures of the last split printed (the locked one when
there is one). Without a path: every ``tests/resources/gold/articles/*.jsonl``; sources other than
``team`` are read from ``../shared/data`` and skipped with a message when it is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DatelineError
from ..read.jsonl import read_record
from ..records import Article, Event, gated
from . import article_match as am
from . import sources
from .gold import committed

SPLITS = ("dev", "locked")  # the order printed: held-out last


@dataclass
class Scored:
    """One gold article with Dateline's events for it and the two matchings."""

    source: str
    doc: str
    split: str
    golds: list[am.GoldEvent]
    preds: list[Event]
    spans: list[list[am.Span]]
    pairs: list[tuple[int, int]] = field(default_factory=list)
    incidents: list[tuple[int, int]] = field(default_factory=list)
    unfound: list[str] = field(default_factory=list)  # gold quotes not in the article text
    failed: bool = False  # the pipeline reported a problem for the article (its events are missed)
    gated: bool = False  # the relevance gate skipped it (not annotated)


@dataclass
class Tally:
    """Counts over a group of scored articles."""

    articles: int = 0
    gold: int = 0
    pred: int = 0
    matched: int = 0
    right: dict[str, list[int]] = field(default_factory=dict)  # field -> [right, scored]
    incidents: int = 0
    incident_right: dict[str, list[int]] = field(default_factory=dict)
    unfound: int = 0
    failed: int = 0

    def add(self, s: Scored) -> None:
        self.articles += 1
        self.gold += len(s.golds)
        self.pred += len(s.preds)
        self.matched += len(s.pairs)
        self.incidents += len(s.incidents)
        self.unfound += len(s.unfound)
        self.failed += s.failed
        for pairs, right, names in (
            (s.pairs, self.right, am.FIELDS),
            (s.incidents, self.incident_right, ("event_type", *am.FIELDS)),
        ):
            for i, j in pairs:
                for name in names:
                    ok = am.field_right(name, s.preds[i], s.golds[j])
                    if ok is not None:
                        cell = right.setdefault(name, [0, 0])
                        cell[0] += ok
                        cell[1] += 1

    def prf(self) -> tuple[float, float, float]:
        p = self.matched / self.pred if self.pred else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def figures(self) -> dict[str, Any]:
        p, r, f = self.prf()
        out: dict[str, Any] = {
            "articles": self.articles,
            "gold_events": self.gold,
            "predicted": self.pred,
            "matched": self.matched,
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(f, 3),
            "failed_articles": self.failed,
        }
        out.update({k: _acc(self.right, k) for k in am.FIELDS})
        out["incident_pairs"] = self.incidents
        out.update({f"incident_{k}": _acc(self.incident_right, k) for k in ("event_type", *am.FIELDS)})
        return out


def _acc(right: dict[str, list[int]], name: str) -> float | None:
    ok, n = right.get(name, [0, 0])
    return round(ok / n, 3) if n else None


def _accs(right: dict[str, list[int]], names: tuple[str, ...]) -> str:
    cells = []
    for name in names:
        ok, n = right.get(name, [0, 0])
        cells.append(f"{name} {ok / n:.3f} ({ok}/{n})" if n else f"{name} -")
    return ", ".join(cells)


def gold_lines(paths: list[Path]) -> list[tuple[Path, dict[str, Any]]]:
    """(gold file, line) for every line of the gold files (a folder: its ``*.jsonl``)."""
    out = []
    for path in paths:
        for file in sorted(path.glob("*.jsonl")) if path.is_dir() else [path]:
            for line in file.read_text("utf-8").splitlines():
                if line.strip():
                    out.append((file, json.loads(line)))
    return out


def build_records(lines: list[tuple[Path, dict[str, Any]]]) -> list[tuple[dict[str, Any], Article]]:
    """(gold line, article read from its source record as ``dateline ingest`` reads a JSON Lines
    line) for each line whose text can be read; says on stderr why the others cannot."""
    corpora: dict[str, dict | None] = {}
    out = []
    for file, line in lines:
        source, doc = line["source"], str(line["doc"])
        if source == "team":
            try:
                out.append((line, sources.team_record(file, line)))
            except FileNotFoundError as exc:
                print(f"skipping team:{doc} ({file.name}): {exc}", file=sys.stderr)
            continue
        if source not in corpora:
            try:
                corpora[source] = sources.records(source)
            except (FileNotFoundError, KeyError) as exc:
                print(f"skipping source {source}: {exc}", file=sys.stderr)
                corpora[source] = None
        corpus = corpora[source]
        if corpus is None:
            continue
        if doc not in corpus:
            print(f"skipping {source}:{doc} ({file.name}): no such document", file=sys.stderr)
            continue
        out.append((line, corpus[doc]))
    articles = []
    for line, record in out:
        where = f"{line['source']}:{line['doc']}"
        try:
            articles.append((line, read_record(record, where)))
        except DatelineError as exc:
            print(f"skipping {where}: [{exc.code}] {exc.message}", file=sys.stderr)
    return articles


def score(pairs: list[tuple[dict[str, Any], Article]], resources=None) -> list[Scored]:
    """Run the pipeline over the gold articles and match each one's events to its gold."""
    from .. import pipeline

    out = []
    results = pipeline.process_many([a for _, a in pairs], resources)
    for (line, _), result in zip(pairs, results, strict=True):
        for problem in result.problems:  # the article still counts: its events are missed
            print(f"problem: {problem}", file=sys.stderr)
        text = result.article.text
        golds = list(line.get("events") or [])
        spans, unfound = [], []
        for g in golds:
            found = []
            for quote in [g.get("quote"), *(g.get("quotes") or [])]:
                if quote:
                    span = am.locate(text, quote)
                    if span:
                        found.append(span)
                    else:
                        unfound.append(quote)
            spans.append(found)
        s = Scored(line["source"], str(line["doc"]), line.get("split", "dev"), golds, result.events, spans)
        s.unfound = unfound
        s.failed = bool(result.problems)
        s.gated = gated(result)
        s.pairs = am.match_events(s.preds, golds, spans)
        s.incidents = am.match_incidents(s.preds, golds, spans)
        out.append(s)
    return out


def _print_tally(label: str, t: Tally) -> None:
    p, r, f = t.prf()
    print(
        f"{label}: {t.articles} articles, {t.gold} gold events, {t.pred} predicted, {t.matched} matched: "
        f"P {p:.3f} R {r:.3f} F1 {f:.3f}"
        + (f" ({t.unfound} gold quotes not found in the text)" if t.unfound else "")
    )
    print(f"    matched events: {_accs(t.right, am.FIELDS)}")
    print(f"    incident view ({t.incidents} pairs): {_accs(t.incident_right, ('event_type', *am.FIELDS))}")


def _describe(e: Event | am.GoldEvent) -> str:
    get = e.get if isinstance(e, dict) else lambda k: getattr(e, k, None)
    return (
        f"{get('event_type')} / {get('sub_event_type')} | {get('actor1')} vs {get('actor2')} | "
        f"{get('location')}, {get('admin1')}, {get('country')} (geo {get('geo_precision')}) | "
        f"{get('event_date')} (time {get('time_precision')}) | deaths {get('fatalities')} | {get('certainty')}"
    )


def explain(s: Scored) -> None:
    """The unmatched gold and predicted events of one dev article."""
    lone_g = [j for j in range(len(s.golds)) if j not in {j for _, j in s.pairs}]
    lone_p = [i for i in range(len(s.preds)) if i not in {i for i, _ in s.pairs}]
    wrong = [
        (i, j, [n for n in am.FIELDS if am.field_right(n, s.preds[i], s.golds[j]) is False])
        for i, j in s.pairs
    ]
    wrong = [w for w in wrong if w[2]]
    if not (lone_g or lone_p or s.unfound or wrong):
        return
    print(f"-- {s.source}:{s.doc}")
    for i, j, names in wrong:
        print(f"   matched, wrong {', '.join(names)}:\n      gold: {_describe(s.golds[j])}")
        print(f"      Dateline: {_describe(s.preds[i])}")
    for j in lone_g:
        print(f"   missed gold: {_describe(s.golds[j])}\n      quote: {s.golds[j].get('quote')!r}")
    for i in lone_p:
        ev = ", ".join(repr(e.text) for e in s.preds[i].evidence if e.field == "event_type")[:200]
        print(f"   unmatched predicted: {_describe(s.preds[i])}\n      evidence: {ev}")
    for quote in s.unfound:
        print(f"   gold quote not in the text: {quote!r}")


def report(scored: list[Scored], explaining: bool = False, gate: bool = False) -> dict[str, Any]:
    """Per split (dev first, locked last and labelled held out) and source; the last split's figures.
    ``gate``: the relevance gate ran, and it was trained on the dev split: the dev figures say so."""
    last: dict[str, Any] = {}
    for split in sorted({s.split for s in scored}, key=lambda x: (x == "locked", x)):
        group = [s for s in scored if s.split == split]
        held = " (HELD OUT: never read for errors)" if split == "locked" else ""
        print(f"== split {split}{held}")
        if gate and split == "dev":
            shut = [s for s in group if s.gated]
            print(
                f"  note: the relevance gate is on and was trained on the dev split (in-sample here):"
                f" {len(shut)} article(s) gated, {sum(len(s.golds) for s in shut)} gold event(s) in them;"
                " its grouped cross-validated loss is in docs/config.md (relevance_threshold);"
                " DATELINE_RELEVANCE_GATE=false scores without it"
            )
        if explaining and split != "locked":
            for s in group:
                explain(s)
        total = Tally()
        names = sorted({s.source for s in group})
        for source in names:
            t = Tally()
            for s in group:
                if s.source == source:
                    t.add(s)
                    total.add(s)
            if len(names) > 1:
                _print_tally(f"  {source}", t)
        _print_tally(f"  all {split} ({', '.join(names)})", total)
        last = {"split": split, **total.figures()}
    return last


def main(argv: list[str], resources=None) -> int:
    ap = argparse.ArgumentParser(prog="dateline eval articles", description=__doc__.splitlines()[0])
    ap.add_argument(
        "paths", nargs="*", type=Path, help="gold JSON Lines files or folders; default: the committed gold"
    )
    ap.add_argument("--split", choices=("dev", "locked", "all"), default="all")
    ap.add_argument("--source", help="only this source (tr-news, geovirus, case2021, team, ...)")
    ap.add_argument(
        "--explain", action="store_true", help="print each unmatched gold and predicted event (dev only)"
    )
    args = ap.parse_args(argv)
    if args.explain and args.split == "locked":
        print("--explain refuses the locked split: only dev errors may be read", file=sys.stderr)
        return 2
    paths = args.paths or committed("articles", "*.jsonl")
    lines = [
        (f, line)
        for f, line in gold_lines(paths)
        if (args.split == "all" or line.get("split", "dev") == args.split)
        and (args.source is None or line["source"] == args.source)
    ]
    if not lines:
        print("no article gold given or found", file=sys.stderr)
        return 2
    from ..relevance import gate_active
    from ..resources import default_resources

    pairs = build_records(lines)
    if not pairs:
        print("none of the gold articles' texts is available", file=sys.stderr)
        return 2
    start = time.perf_counter()
    resources = default_resources(resources)
    scored = score(pairs, resources)
    if args.explain:
        print("explaining the dev articles only (the locked split is held out)")
    last = report(scored, args.explain, gate_active(resources.config))
    print(f"{len(scored)} articles in {time.perf_counter() - start:.1f}s")
    print(json.dumps(last, sort_keys=True))
    return 0
