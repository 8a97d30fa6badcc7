"""Inter-annotator agreement on the article gold: a second coder's blind codes
(``tests/resources/gold/articles-second/``) scored against the gold with the same matcher and
field rules as ``dateline eval articles`` (``evaluate/article_match.py``), the second coder's
events standing in for Dateline's. Needs ``../shared`` for the texts of third-party sources.

    .venv/bin/python scripts/gold_agreement.py
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from dateline.evaluate import article_match as am
from dateline.evaluate.sources import records, team_record
from dateline.records import Event, Evidence

GOLD = Path(__file__).resolve().parents[1] / "tests" / "resources" / "gold"


def as_event(code: dict, text: str, n: int) -> Event:
    """A coder's event as a record, its quotes as evidence."""
    evidence = []
    for quote in [code.get("quote"), *(code.get("quotes") or [])]:
        span = am.locate(text, quote) if quote else None
        if span:
            evidence.append(Evidence("quote", "second", span[0], span[1], quote))
    keys = ("event_type", "sub_event_type", "actor1", "actor2", "country", "admin1", "location")
    return Event(
        event_id=f"second-{n}",
        **{k: code.get(k) for k in keys},
        latitude=code.get("latitude"),
        longitude=code.get("longitude"),
        geo_precision=code.get("geo_precision"),
        event_date=code.get("event_date"),
        time_precision=code.get("time_precision"),
        fatalities=code.get("fatalities"),
        certainty=am.CERTAINTY_AS_DATELINE.get(code.get("certainty") or "", code.get("certainty")),
        evidence=evidence,
    )


def main() -> None:
    first = {}
    for path in (GOLD / "articles").glob("*.jsonl"):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                first[(d["source"], str(d["doc"]))] = d
    matched = golds = seconds = 0
    right: dict[str, list[int]] = defaultdict(list)
    for path in sorted((GOLD / "articles-second").glob("*.jsonl")):
        corpus = None
        for line in path.read_text("utf-8").splitlines():
            if not line.strip():
                continue
            d = json.loads(line)
            gold = first[(d["source"], str(d["doc"]))]
            if d["source"] == "team":
                text = team_record(GOLD / "articles" / "team.jsonl", d)["text"]
            else:
                corpus = corpus or records(d["source"])
                text = corpus[str(d["doc"])]["text"]
            preds = [as_event(c, text, i) for i, c in enumerate(d["events"])]
            gs = gold["events"]
            spans = [
                [s for q in [g.get("quote"), *(g.get("quotes") or [])] if q and (s := am.locate(text, q))]
                for g in gs
            ]
            pairs = am.match_events(preds, gs, spans)
            golds, seconds, matched = golds + len(gs), seconds + len(preds), matched + len(pairs)
            for i, j in pairs:
                for name in am.FIELDS:
                    ok = am.field_right(name, preds[i], gs[j])
                    if ok is not None:
                        right[name].append(int(ok))
    p, r = matched / max(seconds, 1), matched / max(golds, 1)
    print(f"second coder vs gold: {golds} gold events, {seconds} second-coder events, {matched} matched")
    print(f"event agreement: P {p:.3f} R {r:.3f} F1 {2 * p * r / max(p + r, 1e-9):.3f}")
    print(
        "field agreement over matched: "
        + ", ".join(f"{k} {sum(v) / len(v):.3f}" for k, v in right.items() if v)
    )


if __name__ == "__main__":
    main()
