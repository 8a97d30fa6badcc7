"""The end-to-end test's database: two invented articles with evidence and boilerplate, plus synthetic
events (``bench/bench_api.py``'s generator) so the page is exercised at scale."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from dateline.records import Article, Event, Result, Segment
from dateline.store import Store

ROOT = Path(__file__).resolve().parents[2]
MASTHEAD = "The Lakeside Courier | Independent since 1987"
TITLE = "Gunmen storm river ferry in Mopti region"
BODY = (
    "Gunmen killed nine passengers on a river ferry near Konna on Saturday, regional officials said.\n\n"
    "The attackers, believed to belong to an armed group active in central Mali, fled on motorbikes."
)
TEASER = "Read more: Fuel prices rise again"
TEXT = f"{MASTHEAD}\n\n{TITLE}\n\n{BODY}\n\n{TEASER}"


def _span(text: str, needle: str, field: str, article_id: str) -> dict[str, Any]:
    start = text.index(needle, text.index(BODY))
    return {
        "field": field,
        "article_id": article_id,
        "start": start,
        "end": start + len(needle),
        "text": needle,
    }


def rich_result() -> Result:
    aid = "e2e-ferry"
    t = TEXT
    body = t.index(BODY)
    killed = "Gunmen killed nine passengers on a river ferry near Konna on Saturday"
    ev = {
        "event_id": "e2e-ferry-attack", "event_date": "2024-05-18", "event_date_end": None, "time_precision": 1,
        "event_type": "Violence against civilians", "sub_event_type": "Attack", "plover_type": "ASSAULT",
        "plover_mode": None, "actor1": "Unidentified Armed Group (Mali)", "assoc_actor_1": None,
        "actor2": "Civilians (Mali)", "assoc_actor_2": None, "inter1": 3, "inter2": 7, "country": "Mali",
        "iso3": "MLI", "admin1": "Mopti", "admin2": None, "location": "Konna", "latitude": 14.94,
        "longitude": -3.89, "geo_precision": 2, "geonameid": 2455518, "fatalities": 9, "fatalities_low": 9,
        "fatalities_high": 9, "certainty": "reported", "attribution": "regional officials",
        "source": "The Lakeside Courier", "source_scale": None,
        "notes": "Gunmen killed nine passengers on a river ferry near Konna.", "article_ids": [aid],
    }  # fmt: skip
    ev["evidence"] = [
        _span(t, "Gunmen", "actor1", aid), _span(t, "passengers", "actor2", aid),
        _span(t, "killed nine passengers", "fatalities", aid), _span(t, "near Konna", "location", aid),
        _span(t, "Saturday", "event_date", aid), _span(t, "regional officials", "attribution", aid),
        _span(t, "said", "certainty", aid), _span(t, killed, "event_type", aid),
        _span(t, "Konna", "country", aid), _span(t, killed, "notes", aid),
    ]  # fmt: skip
    segs = [
        Segment(0, len(MASTHEAD), "masthead", removed=True, reason="site tagline or masthead"),
        Segment(t.index(TITLE), t.index(TITLE) + len(TITLE), "title"),
        Segment(body, body + BODY.index("\n\n"), "body"),
        Segment(body + BODY.index("The attackers"), body + len(BODY), "body"),
        Segment(t.index(TEASER), len(t), "teaser", removed=True, reason="headline of another story"),
    ]  # fmt: skip
    art = Article(
        article_id=aid, text=t, title=TITLE, published="2024-05-19", publisher="The Lakeside Courier"
    )
    return Result(article=art, segments=segs, events=[Event.from_dict(ev)], problems=[])


def build(path: Path, synthetic: int) -> None:
    if synthetic:
        spec = importlib.util.spec_from_file_location("bench_api", ROOT / "bench" / "bench_api.py")
        assert spec and spec.loader
        bench = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(bench)
        bench.synthesize(path, synthetic)
    with Store(str(path)) as s:
        s.add_result(rich_result())


if __name__ == "__main__":
    import sys

    build(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 50_000)
