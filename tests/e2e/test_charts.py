"""The charts in headless Chromium (web/e2e-charts.mjs): the stacked timeline's count axis and its domain
that ignores a lone 1960 event, the brush kept in the URL across a reload, top actors and places, and the
actor and place views opened by a click.

Its own small database: synthetic events over 2015–2024, the invented ferry attack, and one event dated
1960. Skips, saying why, like test_web.py. Screenshots go to $DATELINE_SHOTS (default: a temporary
directory; ``DATELINE_SHOTS=docs/img`` refreshes the documentation's charts.png, timeline.png and
actor-view.png)."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e_support import WEB, node_and_browser, serve

OLD_DATE = "1960-03-01"
SYNTHETIC = 4000
NO_COORDS = [
    ("e2e-nocoords-inside", "2020-03-10", None),
    ("e2e-nocoords-straddle", "2019-12-20", "2020-01-10"),
]


def build_db(path: Path) -> None:
    from make_db import build, rich_result

    from dateline.store import Store

    build(path, SYNTHETIC)
    res = rich_result()  # the same text stored again as another article, its event dated 1960
    aid = "e2e-old"
    ev = res.events[0]
    old = dataclasses.replace(ev, event_id="e2e-old-1960", event_date=OLD_DATE, article_ids=[aid],
                              evidence=[dataclasses.replace(e, article_id=aid) for e in ev.evidence])  # fmt: skip
    art = dataclasses.replace(res.article, article_id=aid, published="1960-03-02")
    with Store(str(path)) as s:
        assert s.add_result(dataclasses.replace(res, article=art, events=[old]))
        # Two events with no coordinates (nor place): one inside the test's brush (2020-01..06), listed
        # apart; one whose dates straddle the brush's start, which the brush must count as the bars do.
        for eid, start, end in NO_COORDS:
            aid = f"e2e-{eid}"
            spans = [dataclasses.replace(e, article_id=aid) for e in res.events[0].evidence]
            ev = dataclasses.replace(res.events[0], event_id=eid, event_date=start, event_date_end=end,
                                     latitude=None, longitude=None, location=None, geonameid=None, admin1=None,
                                     article_ids=[aid], evidence=spans)  # fmt: skip
            art = dataclasses.replace(res.article, article_id=aid, published=start)
            assert s.add_result(dataclasses.replace(res, article=art, events=[ev]))


@pytest.fixture(scope="module")
def charts_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("charts") / "charts.db"
    build_db(path)
    with serve(path) as base:
        yield base


def test_charts_end_to_end(charts_server: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    node, browser = node_and_browser()
    shots = os.environ.get("DATELINE_SHOTS") or str(tmp_path_factory.mktemp("chart-shots"))
    env = {**os.environ, "BASE_URL": charts_server, "SHOTS": shots, "CHROMIUM": browser, "OLD_DATE": OLD_DATE,
           "NO_COORDS": NO_COORDS[0][0]}  # fmt: skip
    proc = subprocess.run(
        [node, "e2e-charts.mjs"], cwd=WEB, env=env, capture_output=True, text=True, timeout=240
    )
    print(proc.stdout, proc.stderr, f"screenshots: {shots}", sep="\n")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    assert summary["ok"] and summary["events_loaded"] >= SYNTHETIC + 2 + len(NO_COORDS)


def test_timeline_domain_and_bins() -> None:
    """timeline.js's pure functions under node: the outlier rule, calendar bins and axis steps."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    script = """
    import { robustDomain, binEdges, niceStep, dayOf } from './src/timeline.js';
    const dom = (a, all) => robustDomain(Float64Array.from(a.map(dayOf)).sort(), all);
    const iso = (y, d) => new Date(Date.UTC(y, 0, d)).toISOString().slice(0, 10);
    const days = Array.from({ length: 400 }, (_, i) => iso(2020, 1 + i * 3));
    const tail = Array.from({ length: 40 }, (_, i) => iso(2019, 1 + i * 9));
    console.log(JSON.stringify({
      lone: dom([...days, '1960-03-01']), lone_all: dom([...days, '1960-03-01'], true),
      late: dom([...days, '2099-01-01']), tail: dom([...tail, ...days]), two: dom(['1960-03-01', '2024-01-01']),
      first: dayOf(days[0]), last: dayOf(days[days.length - 1]), tail_first: dayOf(tail[0]), old: dayOf('1960-03-01'),
      units: [binEdges(0, 30).unit, binEdges(0, 400).unit, binEdges(0, 4000).unit, binEdges(0, 20000).unit],
      month_edges: binEdges(dayOf('2022-01-15'), dayOf('2024-12-20')).edges.length,
      steps: [niceStep(46, 4), niceStep(3, 4), niceStep(9000, 4)],
    }));
    """
    proc = subprocess.run(
        [node, "--input-type=module", "-e", script], cwd=WEB, capture_output=True, text=True, timeout=30
    )
    assert proc.returncode == 0, proc.stderr
    r = json.loads(proc.stdout)
    assert r["lone"] == {"lo": r["first"], "hi": r["last"], "before": 1, "after": 0}
    assert r["lone_all"] == {"lo": r["old"], "hi": r["last"], "before": 0, "after": 0}
    assert r["late"]["hi"] == r["last"] and r["late"]["after"] == 1
    assert r["tail"] == {
        "lo": r["tail_first"],
        "hi": r["last"],
        "before": 0,
        "after": 0,
    }  # a continuous tail stays
    assert r["two"]["before"] == r["two"]["after"] == 0  # nothing to tell which of two dates is wrong
    assert r["units"] == ["day", "week", "month", "year"]
    assert r["month_edges"] == 37  # January 2022 to December 2024, plus the end edge
    assert r["steps"] == [20, 1, 5000]
