"""``dateline explain FILE``: what the pipeline found in an article, sentence by sentence, how each
event was coded (its sentences, each field with the words that support it) and why every other
candidate was dropped (``records.Drop``, reasons in ``records.DROP_REASONS``, docs/drops.md).

It explains a ``Result`` of the pipeline (``pipeline.process_many``, the code ``extract`` and
``ingest`` run): nothing here decides anything, so the explanation cannot drift from the records.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import IO, Any

from .records import DROP_REASONS, EVENT_SCALAR_FIELDS, Result

# The fields an analyst checks, in the order shown; the others are in ``--format json``.
SHOWN_FIELDS: tuple[str, ...] = (
    "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "location",
    "admin1", "country", "geo_precision", "event_date", "event_date_end", "time_precision",
    "fatalities", "certainty", "attribution", "source",
)  # fmt: skip
Span = tuple[int, int]


def drop_summary(counts: Mapping[str, int]) -> str:
    """'12 candidate(s) dropped (other_sense 7, not_reportable 3, out_of_scope 2)'."""
    total = sum(counts.values())
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    detail = f" ({', '.join(f'{reason} {n}' for reason, n in ranked)})" if total else ""
    return f"{total} candidate(s) dropped{detail}"


def count_drops(results: Iterable[Result]) -> Counter[str]:
    return Counter(d.reason for r in results for d in r.drops)


def _sentence_of(span: Span, sentences: list[Span]) -> int | None:
    return next((i for i, (a, b) in enumerate(sentences) if a <= span[0] < b), None)


def explain(result: Result) -> dict[str, Any]:
    """The explanation of one article as JSON-ready values (offsets into ``article.text``)."""
    article, text = result.article, result.article.text
    spans: set[Span] = {d.sentence for d in result.drops if d.sentence}
    for event in result.events:
        spans |= {(ev.start, ev.end) for ev in event.evidence if ev.field == "notes"}
    sentences = sorted(spans)
    rows: list[dict[str, Any]] = [
        {"sentence": i + 1, "start": a, "end": b, "text": text[a:b], "events": [], "drops": []}
        for i, (a, b) in enumerate(sentences)
    ]
    events = []
    for n, event in enumerate(result.events, 1):
        own = sorted({(ev.start, ev.end) for ev in event.evidence if ev.field == "notes"})
        numbers = [i + 1 for i in (_sentence_of(s, sentences) for s in own) if i is not None]
        for i in numbers:
            rows[i - 1]["events"].append(n)
        record = event.to_dict()
        fields = {}
        for name in EVENT_SCALAR_FIELDS:
            cited = [
                {"start": ev.start, "end": ev.end, "text": ev.text, "sentence": _number(ev, sentences)}
                for ev in event.evidence
                if ev.field == name and name != "notes"
            ]
            if record[name] not in (None, "") or cited:
                fields[name] = {"value": record[name], "evidence": cited}
        events.append({"event": n, "event_id": event.event_id, "sentences": numbers, "fields": fields,
                       "notes": event.notes})  # fmt: skip
    drops = []
    for d in result.drops:
        i = _sentence_of(d.sentence, sentences) if d.sentence else None
        drops.append(
            {
                **d.to_dict(),
                "meaning": DROP_REASONS.get(d.reason, ""),
                "trigger_text": text[slice(*d.trigger)] if d.trigger else None,
                "sentence_number": None if i is None else i + 1,
            }
        )
        if i is not None:
            rows[i]["drops"].append(len(drops) - 1)
    return {
        "article_id": article.article_id,
        "title": article.title,
        "published": article.published,
        "source": article.source_path or article.url,
        "problems": [p.to_dict() for p in result.problems],
        "removed": [
            {
                "start": g.start,
                "end": g.end,
                "kind": g.kind,
                "reason": g.reason,
                "text": text[g.start : g.end],
            }
            for g in result.segments
            if g.removed
        ],
        "sentences": rows,
        "events": events,
        "drops": drops,
        "drop_counts": dict(count_drops([result])),
    }


def _number(ev: Any, sentences: list[Span]) -> int | None:
    i = _sentence_of((ev.start, ev.end), sentences)
    return None if i is None else i + 1


def _short(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _drop_line(d: Mapping[str, Any]) -> str:
    what = f'"{d["trigger_text"]}"' if d["trigger_text"] else "a candidate"
    kind = " / ".join(x for x in (d["event_type"], d["sub_event_type"]) if x)
    kind = f" ({kind})" if kind else ""
    detail = f" [{d['detail']}]" if d["detail"] else ""
    return f"dropped {what}{kind} at {d['stage']}: {d['reason']}, {d['meaning']}{detail}"


def render_text(x: Mapping[str, Any]) -> str:
    """The explanation for a person: sentences, then events, then a summary line."""
    out = [f"ARTICLE {x['article_id']}" + (f"  {x['source']}" if x["source"] else "")]
    out += [f"  title: {x['title']}"] if x["title"] else []
    out.append(f"  published: {x['published'] or 'unknown (dates are resolved against nothing)'}")
    out += [f"  problem [{p['code']}]: {p['message']}" for p in x["problems"]]
    out += [f"  removed before reading ({g['kind']}): \"{_short(g['text'], 80)}\" {g['reason'] or ''}".rstrip()
            for g in x["removed"]]  # fmt: skip
    out.append("")
    if not x["sentences"]:
        out.append("No sentence reports an event: no trigger word was found in the text.")
    for row in x["sentences"]:
        out.append(f"S{row['sentence']} [{row['start']}-{row['end']}] {_short(row['text'])}")
        out += [f"    -> coded as event E{n}" for n in row["events"]]
        out += [f"    -> {_drop_line(x['drops'][i])}" for i in row["drops"]]
    out += [f"{_drop_line(d)} (no sentence)" for d in x["drops"] if not d["sentence_number"]]
    for event in x["events"]:
        fields = event["fields"]
        out += ["", f"EVENT E{event['event']} {event['event_id']}: from sentence(s) "
                + ", ".join(f"S{n}" for n in event["sentences"])]  # fmt: skip
        for name in SHOWN_FIELDS:
            if name not in fields:
                continue
            value, cited = fields[name]["value"], fields[name]["evidence"]
            said = "; ".join(f'"{_short(c["text"], 60)}"' + (f" (S{c['sentence']})" if c["sentence"] else "")
                             for c in cited)  # fmt: skip
            out.append(f"  {name:<15} {'' if value is None else value}" + (f"  <- {said}" if said else ""))
        out.append(f"  {'notes':<15} {event['notes']}")
    out += ["", f"{len(x['events'])} event(s), {drop_summary(x['drop_counts'])}"]
    return "\n".join(out)


def write_explanations(results: Iterable[Result], fmt: str, out: IO[str]) -> Counter[str]:
    """Each result explained (``text``, or one JSON object per line with ``json``); the drop
    counts of them all."""
    counts: Counter[str] = Counter()
    for i, result in enumerate(results):
        x = explain(result)
        counts.update(x["drop_counts"])
        if fmt == "json":
            print(json.dumps(x, ensure_ascii=False), file=out)
        else:
            print(("\n" if i else "") + render_text(x), file=out)
    return counts


def write_drops(rows: Iterable[Mapping[str, Any]], fmt: str, out: IO[str]) -> int:
    """Stored drops (``Store.drops``) one a line: JSON, or text a person reads."""
    n = 0
    for row in rows:
        n += 1
        if fmt == "jsonl":
            print(json.dumps(row, ensure_ascii=False), file=out)
            continue
        where = f' in "{_short(row["sentence_text"], 120)}"' if row.get("sentence_text") else ""
        trigger = f'"{row["trigger_text"]}"' if row.get("trigger_text") else "-"
        detail = f" [{row['detail']}]" if row["detail"] else ""
        print(
            f"{row['article_id']}  {row['stage']:<7} {row['reason']:<14} {trigger}{where}{detail}", file=out
        )
    return n
