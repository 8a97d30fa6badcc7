"""Checks shaped like issue 16's held-out judge: **five reports of two events** (three outlets and a
follow-up revising the toll for one, two outlets for the other), scored as seven pass/fail checks per
scenario, the way the judge counted ("3 of 7 checks pass").

A gold folder lists its scenarios in ``clusters.json`` under ``scenarios``: ``{"id", "main",
"other"}``, incident ids; ``main`` is the incident with the follow-up. A scenario is locked when
either incident is. The seven checks (our reading of the judge; its own list is not published):

1. ``main_one``: every report of the main incident ended in one stored event;
2. ``main_toll``: that event's best toll is the gold best toll (the follow-up's revision);
3. ``main_sources``: that event counts at least as many articles as the incident has reports
   that are no copy (``copy_of``);
4. ``other_one``: every report of the other incident ended in one stored event;
5. ``other_sources``: the same for the other incident;
6. ``apart``: no report of one incident shares a stored event with a report of the other;
7. ``types``: both incidents' events (their first report's) have the gold event type.

A report that gave no event fails every check that needs its event.
"""

from __future__ import annotations

from typing import Any

CHECKS = ("main_one", "main_toll", "main_sources", "other_one", "other_sources", "apart", "types")


def scenarios_of(data: Any) -> list[dict[str, Any]]:
    """The scenarios of a ``clusters.json`` object, each joined to its two gold incidents
    (``main`` and ``other``: the raw incident objects, with ``reports``, ``toll`` and ``locked``
    read as ``dedup.incidents_of`` reads them, whatever shape the file gives them in)."""
    if not isinstance(data, dict) or not isinstance(data.get("scenarios"), list):
        return []
    from .dedup import incidents_of  # dedup imports this module

    raw = [i for i in data.get("incidents") or [] if isinstance(i, dict)]
    read = incidents_of({"incidents": raw})
    by_id = {n["id"]: {**r, "reports": n["reports"], "toll": n["toll"], "locked": n["locked"]}
             for r, n in zip(raw, read, strict=True)}  # fmt: skip
    out = []
    for s in data["scenarios"]:
        main, other = by_id.get(str(s.get("main"))), by_id.get(str(s.get("other")))
        if main is None or other is None:
            raise ValueError(f"scenario {s.get('id')!r} names an incident clusters.json does not have")
        # locked when either incident is: a dev run must never read a locked incident's gold
        locked = main["locked"] or other["locked"]
        out.append({"id": str(s.get("id")), "main": main, "other": other, "locked": locked})
    return out


def _originals(incident: dict[str, Any]) -> int:
    """Reports of the incident that are no syndicated copy (``copy_of``): a copy is linked to its
    original and may not add to the article count."""
    copies = incident.get("copy_of") or {}
    return sum(r not in copies for r in incident["reports"])


def checks(scenario: dict[str, Any], labels: dict[str, tuple[str, dict]]) -> dict[str, bool]:
    """The seven checks of one scenario, given report id → (stored event id, its record); a report
    without an event is labelled ``none:ID`` with an empty record (``dedup.system_labels``)."""
    main, other = scenario["main"]["reports"], scenario["other"]["reports"]

    def one(reports: list[str]) -> tuple[bool, dict]:
        got = [labels.get(r, (f"none:{r}", {})) for r in reports]
        ids = {eid for eid, _ in got}
        ok = len(ids) == 1 and not next(iter(ids)).startswith("none:")
        return ok, (got[0][1] if ok else {})

    main_ok, main_rec = one(main)
    other_ok, other_rec = one(other)
    main_ids = {labels.get(r, (f"none:{r}", {}))[0] for r in main}
    other_ids = {labels.get(r, (f"none:{r}", {}))[0] for r in other}

    def typed(reports: list[str], gold: dict[str, Any]) -> bool:
        rec = labels.get(reports[0], ("", {}))[1] if reports else {}
        return bool(rec) and rec.get("event_type") == gold.get("event_type")

    best = scenario["main"]["toll"]
    return {
        "main_one": main_ok,
        "main_toll": main_ok and best is not None and (main_rec.get("fatalities") or 0) == best,
        "main_sources": main_ok and (main_rec.get("num_articles") or 0) >= _originals(scenario["main"]),
        "other_one": other_ok,
        "other_sources": other_ok and (other_rec.get("num_articles") or 0) >= _originals(scenario["other"]),
        "apart": not (main_ids & other_ids),
        "types": typed(main, scenario["main"]) and typed(other, scenario["other"]),
    }


def tally(scenarios: list[dict[str, Any]], labels: dict[str, tuple[str, dict]]) -> dict[str, int]:
    """Checks passed and possible over the scenarios, scenarios with all seven, and each check's count."""
    results = [checks(s, labels) for s in scenarios]
    out = {"scenarios": len(results), "judge_checks": sum(sum(r.values()) for r in results),
           "judge_checks_of": len(CHECKS) * len(results), "judge_all7": sum(all(r.values()) for r in results)}  # fmt: skip
    out.update({c: sum(r[c] for r in results) for c in CHECKS})
    return out


def line(name: str, t: dict[str, int]) -> str:
    """The printed line of a ``tally``."""
    per = " ".join(f"{c} {t[c]}" for c in CHECKS)
    return (f"{name} judge-shaped scenarios: {t['scenarios']}, checks passed {t['judge_checks']}/"
            f"{t['judge_checks_of']}, all 7 in {t['judge_all7']} | {per}")  # fmt: skip
