"""``dateline eval protest [FOLDER] [--half read|check|all] [--explain]``: protests found, placed and dated
on the india-protest-folia reports that no gold of the team uses (issue 13's fresh measure).

The reports' own token annotations are the gold (``evaluate/folia.py``). A report with an annotated
protest trigger is one gold protest. It is *found* when Dateline gives a Protests or Riots event
whose event evidence overlaps a trigger or lies in a sentence holding one; *placed right* when such
an event's point is within 25 km of an annotated event place (resolved in India through the
gazetteer; the dateline town when no event place is annotated or resolves), or the annotated place
is a state and the event is in it; *dated right* when its date is within a day of an annotated
event time read against the report's timestamp (reports with no such time are not scored).

The reports that the article gold (``tests/resources/gold/articles/india-protest.jsonl``) codes, dev
or locked, are left out: only their ids are read. ``--half`` keeps the reports whose
sha1(doc id) starts with an even (read) or odd (check) hex digit; ``--explain`` prints the misses
of the read half only.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..records import Event, Place
from . import halves
from .article_match import NEAR_KM, same_admin1
from .folia import FoliaDoc, Span, read_folia, time_of
from .gold import committed
from .sources import shared_data

PROTEST_TYPES = ("protests", "riots")
COUNTRY = "IND"


def half(doc: str) -> str:
    """'read' or 'check': ``evaluate/halves.half`` in the lower case of ``--half``."""
    return halves.half(doc).lower()


def coded_docs() -> set[str]:
    """The ids of the reports the article gold codes (any split): never scored here."""
    ids = set()
    for path in committed("articles", "india-protest.jsonl"):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                ids.add(str(json.loads(line)["doc"]))
    return ids


def fresh_docs(folder: Path, exclude: set[str]) -> list[FoliaDoc]:
    """The FoLiA reports of ``folder`` whose ids are not in ``exclude``."""
    paths = sorted(folder.glob("*.folia.xml"))
    return [read_folia(p) for p in paths if p.name.removesuffix(".folia.xml") not in exclude]


def gold_places(doc: FoliaDoc, gaz) -> list[Place]:
    """The annotated event places resolved in India, each the namesake nearest the report's
    dateline town ("sagar" in a Shimoga report is the Karnataka town, not the Madhya Pradesh one);
    the dateline town itself when no event place resolves."""
    from ..lookup.places import distance_km, resolve_name, to_place

    pubs = [resolve_name(s.text, COUNTRY, gaz) for s in doc.place_pub]
    pubs = [p for p in pubs if p is not None and p.iso3 == COUNTRY]
    found = []
    for span in doc.places:
        named = [e for e, score in gaz.lookup(span.text) if score >= 0.95 and e.iso3 == COUNTRY]
        if named and pubs:
            anchor = (pubs[0].latitude, pubs[0].longitude)
            found.append(to_place(min(named, key=lambda e: distance_km((e.lat, e.lon), anchor))))
        elif named:
            found.append(resolve_name(span.text, COUNTRY, gaz))
    return [p for p in found if p is not None] or pubs


def _overlaps(a: tuple[int, int], b: Span) -> bool:
    return min(a[1], b.end) > max(a[0], b.start)


def protest_events(doc: FoliaDoc, events: list[Event], shift: int = 0) -> list[Event]:
    """Dateline's Protests/Riots events whose event evidence overlaps an annotated trigger or lies
    in a sentence holding one (``shift``: where ``doc.text`` starts in the pipeline's text)."""
    held = {doc.sentence_of(t.start) for t in doc.triggers} - {None}
    out = []
    for event in events:
        if (event.event_type or "").lower() not in PROTEST_TYPES:
            continue
        spans = [(e.start - shift, e.end - shift) for e in event.evidence if e.field == "event_type"]
        spans = spans or [(e.start - shift, e.end - shift) for e in event.evidence]
        if any(_overlaps(s, t) for s in spans for t in doc.triggers) or any(
            doc.sentence_of(s[0]) in held for s in spans
        ):
            out.append(event)
    return out


def placed_right(event: Event, places: list[Place]) -> bool:
    """Within 25 km of an annotated place, or in the annotated state."""
    from ..lookup.places import distance_km

    for place in places:
        if place.kind in ("admin1", "country", "region"):
            if event.iso3 == place.iso3 and (
                place.kind == "country" or same_admin1(event.admin1, place.admin1 or "")
            ):
                return True
        elif event.latitude is not None and event.longitude is not None:
            if distance_km((event.latitude, event.longitude), (place.latitude, place.longitude)) <= NEAR_KM:
                return True
    return False


def dated_right(event: Event, days: list) -> bool:
    from ..merge.across import iso_day

    got = iso_day(event.event_date)
    return got is not None and any(abs((got - d).days) <= 1 for d in days)


@dataclass
class Outcome:
    """One report's gold protest and what Dateline did with it."""

    doc: FoliaDoc
    half: str
    found: list[Event]
    places: list[Place]
    days: list
    all_events: list[Event]
    drops: list = field(default_factory=list)  # the pipeline's uncoded candidates (--explain)
    shift: int = 0  # where the report's text starts in the pipeline's

    @property
    def placed(self) -> bool:
        return any(placed_right(e, self.places) for e in self.found)

    @property
    def dated(self) -> bool:
        return any(dated_right(e, self.days) for e in self.found)


def score(docs: list[FoliaDoc], resources) -> list[Outcome]:
    """Run the pipeline on each report (its record as ``sources`` gives it) and score it."""
    from .. import pipeline
    from ..read.jsonl import read_record

    gaz = resources.gazetteer
    url = {d.doc: d.doc.replace("https__", "https://", 1).replace("_", "/") for d in docs}
    articles = [
        read_record({"url": url[d.doc], "title": None, "published": None, "text": d.text}, d.doc)
        for d in docs
    ]
    out = []
    for doc, result in zip(docs, pipeline.process_many(articles, resources), strict=True):
        shift = result.article.text.find(doc.text[:80]) if doc.text else 0
        if shift < 0:  # the stored text does not start with the FoLiA text: offsets may be off
            print(f"warning: {doc.doc}: trigger offsets not aligned with the stored text", file=sys.stderr)
        events = result.events
        found = protest_events(doc, events, max(shift, 0))
        days = [d for d in (time_of(t.text, doc.published) for t in doc.times) if d]
        outcome = Outcome(
            doc, half(doc.doc), found, gold_places(doc, gaz), days, events, result.drops, max(shift, 0)
        )
        out.append(outcome)
    return out


def _line(label: str, group: list[Outcome]) -> dict:
    gold = [o for o in group if o.doc.triggers]
    found = [o for o in gold if o.found]
    placed = [o for o in found if o.placed]
    timed = [o for o in found if o.days]
    dated = [o for o in timed if o.dated]
    actor = [o for o in found if any(e.actor1 for e in o.found)]
    # looser: a Protests/Riots event anywhere in the report (the annotators mark some mentions only)
    anywhere = [o for o in gold if any((e.event_type or "").lower() in PROTEST_TYPES for e in o.all_events)]
    print(
        f"{label}: {len(group)} reports, {len(gold)} protests; found {len(found)}/{len(gold)}, "
        f"placed right {len(placed)}/{len(found)} found ({len(placed)}/{len(gold)} of all), dated right "
        f"{len(dated)}/{len(timed)} found with an annotated day, actor1 given {len(actor)}/{len(found)}; "
        f"a protest event anywhere in the report {len(anywhere)}/{len(gold)}"
    )
    return {
        "reports": len(group),
        "protests": len(gold),
        "found": len(found),
        "placed": len(placed),
        "timed": len(timed),
        "dated": len(dated),
        "actor1": len(actor),
        "anywhere": len(anywhere),
    }


def _explain(o: Outcome) -> None:
    def where(e: Event) -> str:
        return f"{e.location}, {e.admin1} ({e.latitude}, {e.longitude}) geo {e.geo_precision}"

    if o.found and o.placed and (o.dated or not o.days):
        return
    print(f"-- {o.doc.doc}")
    print(f"   triggers: {[t.text for t in o.doc.triggers][:6]}")
    print(f"   places: {[p.text for p in o.doc.places]} pub {[p.text for p in o.doc.place_pub]} -> ")
    print(f"      {[(p.name, p.admin1, p.kind) for p in o.places]}")
    print(f"   times: {[t.text for t in o.doc.times]} -> {o.days}")
    for e in o.found or o.all_events:
        tag = "found" if o.found else "other"
        print(f"   {tag}: {e.event_type}/{e.sub_event_type} | {where(e)} | {e.event_date} | {e.actor1}")
    if not o.found:
        text = o.doc.text
        for d in o.drops:
            at = d.trigger[0] - o.shift if d.trigger else None
            word = text[at : d.trigger[1] - o.shift] if at is not None else ""
            print(f"   drop: {d.stage}/{d.reason} {d.event_type} {word!r} {d.detail[:80]}")


def main(argv: list[str], resources=None) -> int:
    ap = argparse.ArgumentParser(prog="dateline eval protest", description=__doc__.splitlines()[0])
    ap.add_argument(
        "folder",
        nargs="?",
        type=Path,
        help="a folder of FoLiA reports; default: ../shared's india-protest-folia",
    )
    ap.add_argument("--half", choices=("read", "check", "all"), default="all")
    ap.add_argument("--explain", action="store_true", help="print the misses (read half only)")
    args = ap.parse_args(argv)
    data = shared_data()
    folder = args.folder or (data / "events" / "india-protest-folia" if data else None)
    if folder is None or not folder.is_dir():
        print(
            f"skipping: {folder or '../shared/data/events/india-protest-folia'} is not here", file=sys.stderr
        )
        return 2
    coded = coded_docs()
    if not coded:  # fail closed: without the gold's ids its locked reports would be scored and explained
        print("error: the article gold's india-protest ids were not found; nothing scored", file=sys.stderr)
        return 2
    docs = [d for d in fresh_docs(folder, coded) if args.half in ("all", half(d.doc))]
    from ..resources import default_resources

    outcomes = score(docs, default_resources(resources))
    if args.explain:
        for o in outcomes:
            if o.half == "read":
                _explain(o)
    figures = {}
    for name in ("read", "check"):
        group = [o for o in outcomes if o.half == name]
        if group:
            figures[name] = _line(f"  {name} half", group)
    figures["all"] = _line("  all fresh reports", outcomes)
    print(json.dumps(figures, sort_keys=True))
    return 0
