"""``dateline eval dedup [FOLDER]``: one event across reports — do reports of one incident end in
one stored event, and reports of different incidents in different ones?

FOLDER (default: the committed gold ``tests/resources/gold/dedup``) holds the reports as JSON Lines
(``id``, ``url``, ``title``, ``published``, ``publisher``, ``text``: read as ``dateline ingest``
reads them) and ``clusters.json``: the incidents, each with its report ids (the first list of
strings among ``reports``, ``report_ids``, ``articles``, ``ids``), optionally its best toll
(``best_toll``, ``toll``, ``fatalities`` or ``fatalities.best``) and ``"split": "locked"``.

Every report runs through the pipeline and is stored, in publication order, in a fresh store with
Dateline's rules (``ingest.open_store``: cross-article merging on). A report's system cluster is
the stored event its first event ended in (after merges); a report with no event is alone. Printed:
B-cubed P/R/F1, MUC, CEAF-e and the CoNLL F1 over reports (``evaluate/coref.py``), and how many
incidents' merged event carries the gold best toll; dev incidents first, then the locked ones; the
last line is a JSON object of the figures on all incidents. ``--split dev`` runs and prints the dev
incidents only (what development uses: the locked ones are the lead's, once). ``--corpus meantime``
scores MEANTIME's cross-document event chains instead (``evaluate/dedup_meantime.py``).
``--errors`` lists what went wrong on the dev incidents (``errors``), never on the locked ones.
A gold that lists ``scenarios`` (five reports of two events, the shape of issue 16's held-out judge)
also gets their seven checks per scenario (``evaluate/dedup_scenarios.py``).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from ..errors import DatelineError
from ..read.jsonl import read_record
from ..records import Article
from . import dedup_scenarios
from .coref import b_cubed, conll, partition
from .gold import committed

_REPORT_KEYS = ("reports", "report_ids", "articles", "ids")
_TOLL_KEYS = ("best_toll", "toll", "fatalities")


def incidents_of(data: Any) -> list[dict[str, Any]]:
    """The incidents of a ``clusters.json`` (a list, or an object holding one under
    ``incidents``/``clusters``, or an object of incidents by id), each with ``id``, ``reports``,
    ``toll`` (or None) and ``locked``."""
    if isinstance(data, dict):
        inner = data.get("incidents", data.get("clusters"))
        if inner is None:
            inner = [
                {"id": k, **v} if isinstance(v, dict) else {"id": k, "reports": v} for k, v in data.items()
            ]
        data = inner if isinstance(inner, list) else [{"id": k, **v} for k, v in inner.items()]
    out = []
    for n, inc in enumerate(data):
        reports = next((inc[k] for k in _REPORT_KEYS if isinstance(inc.get(k), list)), [])
        ids = [r if isinstance(r, str) else r.get("id") for r in reports]
        toll = next((inc[k] for k in _TOLL_KEYS if isinstance(inc.get(k), int)), None)
        if toll is None and isinstance(inc.get("fatalities"), dict):  # {"best": 14, "low": 9, ...}
            toll = inc["fatalities"].get("best")
        out.append({"id": str(inc.get("id", inc.get("incident", n))), "reports": [i for i in ids if i], "toll": toll,
                    "locked": inc.get("split") == "locked"})  # fmt: skip
    return out


def load(folder: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The report records (JSON Lines files of ``folder``) and the incidents."""
    records = [json.loads(line) for p in sorted(folder.glob("*.jsonl"))
               for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]  # fmt: skip
    incidents = incidents_of(json.loads((folder / "clusters.json").read_text(encoding="utf-8")))
    return records, incidents


def system_labels(
    records: list[dict[str, Any]], resources: Any, db: Path, why: dict[str, str] | None = None
) -> dict[str, tuple[str, dict]]:
    """Report id → (the stored event its first event ended in, that event's record), after
    storing every report in publication order; ``why`` (when given) gets each report's first
    event as extracted, or the reasons its candidates were dropped (``errors``)."""
    from .. import pipeline
    from ..ingest import open_store

    order = sorted(records, key=lambda r: str(r.get("published") or ""))
    articles: list[tuple[str, Article]] = []
    for r in order:
        try:
            articles.append((str(r.get("id")), read_record(r, f"dedup:{r.get('id')}")))
        except DatelineError as exc:
            print(f"dedup:{r.get('id')}: [{exc.code}] {exc.message}", file=sys.stderr)
    first: dict[str, str | None] = {}
    with open_store(db, kb=resources.kb, config=resources.config) as store:
        results = pipeline.process_many([a for _, a in articles], resources)
        for (rid, _), result in zip(articles, results, strict=True):
            store.add_result(result)
            first[rid] = result.events[0].event_id if result.events else None
            if why is not None:
                why[rid] = _first_or_drops(result)
        out = {}
        for rid, eid in first.items():
            rec = store.event(eid) if eid else None
            out[rid] = (rec["event_id"], rec) if rec else (f"none:{rid}", {})
    return out


def _first_or_drops(result: Any) -> str:
    """A report's first event in brief (type, date, place, toll), or why it has none."""
    if result.events:
        e = result.events[0]
        return (f"{len(result.events)} event(s), first {e.event_type} {e.event_date} "
                f"{e.location or e.country or '-'} toll {e.fatalities}")  # fmt: skip
    reasons = Counter(d.reason for d in result.drops if d.stage in ("extract", "merge"))
    return "no event; drops: " + (", ".join(f"{k} x{n}" for k, n in reasons.most_common()) or "none")


def errors(
    incidents: list[dict[str, Any]], labels: dict[str, tuple[str, dict]], why: dict[str, str]
) -> list[str]:
    """The dev incidents that went wrong, one block each: split apart (the system clusters of
    its reports), joined with another incident's reports, or the best toll missed; each report
    with ``why``. Locked incidents are never listed (held out)."""
    dev = [i for i in incidents if not i["locked"] and i["reports"]]
    gold = {r: i["id"] for i in dev for r in i["reports"]}
    members: dict[str, set[str]] = {}
    for r in gold:
        members.setdefault(labels.get(r, (f"none:{r}", {}))[0], set()).add(r)
    lines = []
    for inc in dev:
        clusters = {labels.get(r, (f"none:{r}", {}))[0] for r in inc["reports"]}
        joined = sorted({gold[o] for c in clusters for o in members.get(c, ()) if gold[o] != inc["id"]})
        first = labels.get(inc["reports"][0], ("", {}))[1]
        toll_wrong = inc["toll"] is not None and not _toll_right(first, inc["toll"])
        if len(clusters) == 1 and not joined and not toll_wrong:
            continue
        got = (first or {}).get("fatalities") if first else "no event"
        lines.append(f"{inc['id']}: {len(clusters)} system cluster(s)"
                     + (f"; joined with {', '.join(joined)}" if joined else "")
                     + (f"; best toll {got}, gold {inc['toll']}" if toll_wrong else ""))  # fmt: skip
        for r in inc["reports"]:
            lines.append(f"  {r} -> {labels.get(r, ('none', {}))[0]}: {why.get(r, '?')}")
    return lines


def _toll_right(event: dict, toll: int) -> bool:
    # an event without a toll is ACLED's 0, as in `eval articles` (a protest without deaths); a
    # report that gave no event has no toll at all
    return bool(event) and (event.get("fatalities") or 0) == toll


def score(incidents: list[dict[str, Any]], labels: dict[str, tuple[str, dict]]) -> dict[str, float]:
    key = [set(i["reports"]) for i in incidents if i["reports"]]
    reports = {r for c in key for r in c}
    response = partition((r, labels.get(r, (f"none:{r}", {}))[0]) for r in sorted(reports))
    s = conll(key, response)
    p, r, f = b_cubed(key, response)
    tolls = [i for i in incidents if i["toll"] is not None and i["reports"]]
    right = sum(_toll_right(labels.get(i["reports"][0], ("", {}))[1], i["toll"]) for i in tolls)
    return {"b3_p": p, "b3_r": r, "b3_f1": f, "muc_f1": s["muc"][2], "ceafe_f1": s["ceafe"][2],  # type: ignore[index]
            "conll_f1": float(s["conll_f1"]), "tolls_right": right, "tolls": len(tolls),
            "incidents": len(key), "reports": len(reports)}  # fmt: skip


def _print(name: str, figures: dict[str, float]) -> None:
    print(f"{name}: {figures['incidents']} incidents, {figures['reports']} reports | B3 P "
          f"{figures['b3_p']:.3f} R {figures['b3_r']:.3f} F1 {figures['b3_f1']:.3f} | MUC F1 "
          f"{figures['muc_f1']:.3f} CEAF-e F1 {figures['ceafe_f1']:.3f} | CoNLL F1 {figures['conll_f1']:.3f}"
          f" | best toll right {figures['tolls_right']}/{figures['tolls']}")  # fmt: skip


def main(argv: list[str], resources: Any = None) -> int:
    ap = argparse.ArgumentParser(prog="dateline eval dedup", description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "folder", nargs="?", help="reports (*.jsonl) and clusters.json (default: the committed gold)"
    )
    ap.add_argument("--corpus", choices=("gold", "meantime"), default="gold",
                    help="gold: the team's multi-report gold (or FOLDER); meantime: MEANTIME's "
                    "cross-document event chains in ../shared (dev for merging, evaluate/dedup_meantime.py)")  # fmt: skip
    ap.add_argument(
        "--split",
        choices=("dev", "locked", "all"),
        default="all",
        help="which incidents of the gold to print (all: dev, then locked, then all)",
    )
    ap.add_argument("--errors", action="store_true",
                    help="list the dev incidents split apart, joined or with the toll missed, each "
                    "report's first event or why it has none (never the locked ones)")  # fmt: skip
    args = ap.parse_args(argv)
    from ..resources import default_resources

    if args.corpus == "meantime":
        return _meantime(default_resources(resources))
    found = committed("dedup", "clusters.json")
    folder = Path(args.folder) if args.folder else (found[0].parent if found else None)
    if folder is None or not (folder / "clusters.json").is_file():
        raise DatelineError(
            "E042", "eval dedup: no clusters.json (pass a folder of reports and clusters.json)"
        )
    records, incidents = load(folder)
    if args.split == "dev":  # the locked incidents' reports are not even run
        keep = {r for i in incidents if not i["locked"] for r in i["reports"]}
        records = [r for r in records if str(r.get("id")) in keep]
    with tempfile.TemporaryDirectory() as tmp:
        why: dict[str, str] = {}
        labels = system_labels(records, default_resources(resources), Path(tmp) / "dedup.db", why)
    figures: dict[str, float] = {}
    for name, part in (("dev", [i for i in incidents if not i["locked"]]),
                       ("locked", [i for i in incidents if i["locked"]]), ("all", incidents)):  # fmt: skip
        if part and args.split in (name, "all"):
            figures = score(part, labels)
            _print(name, figures)
    scenarios = dedup_scenarios.scenarios_of(
        json.loads((folder / "clusters.json").read_text(encoding="utf-8"))
    )
    for name, part in (("dev", [s for s in scenarios if not s["locked"]]),
                       ("locked", [s for s in scenarios if s["locked"]]), ("all", scenarios)):  # fmt: skip
        if part and args.split in (name, "all"):
            checked = dedup_scenarios.tally(part, labels)
            print(dedup_scenarios.line(name, checked))
            figures.update({k: checked[k] for k in ("judge_checks", "judge_checks_of", "judge_all7")})
    if args.errors:
        print("\n".join(errors(incidents, labels, why)) or "no dev incident went wrong")
    print(json.dumps({k: round(v, 3) for k, v in figures.items()}))
    return 0


def _meantime(resources: Any) -> int:
    from . import dedup_meantime

    docs = dedup_meantime.load()
    if not docs:
        print("MEANTIME skipped: ../shared/data/" + dedup_meantime.FOLDER + " is absent")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        figures = dedup_meantime.score(docs, resources, Path(tmp) / "meantime.db")
    print(dedup_meantime.report(figures))
    print(json.dumps({k: round(v, 3) for k, v in figures.items()}))
    return 0
