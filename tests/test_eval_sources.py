"""The readers of the corpora the article gold codes (``evaluate/sources.py``) and the integrity of
the committed gold lines: every quote is in its document's text, fields take the guidelines'
values. Tests that read ../shared skip without it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import SHARED

from dateline.evaluate import sources
from dateline.evaluate.article_match import locate

HERE = Path(__file__).resolve().parent
COMMITTED = HERE / "resources" / "gold" / "articles"
GLOCON = SHARED / "data" / "events" / "glocon-sample" / "documents.jsonl"

SUB_EVENT_TYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Suicide bomb",
        "Grenade",
        "Chemical weapon",
    },
    "Violence against civilians": {"Attack", "Abduction/forced disappearance", "Sexual violence"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    },
}
CERTAINTY = {"confirmed", "reported", "claimed", "alleged", "believed", "denied"}
WHY = {
    "background",
    "biography",
    "forecast",
    "hedged",
    "denied",
    "aggregate",
    "caption",
    "out_of_scope",
    "crime",
}


@pytest.mark.parametrize(
    ("name", "want"),
    [
        ("SAP140527S1814.txt", "2014-05-27"),
        ("SAP20120608S6008.txt", "2012-06-08"),
        ("SAP20100824634.txt", "2010-08-24"),
        ("SAPXIN_20160520192236000_559708.txt", "2016-05-20"),
        ("SAPANA_20171211115526000_3049479.txt", "2017-12-11"),
        ("SAPAI-4a5e744d87-52835.txt", None),
        ("SAP991399S1234.txt", None),  # month 13: not a date
        ("notes.txt", None),
    ],
)
def test_a_wire_file_name_dates_its_story(name: str, want: str | None) -> None:
    assert sources.wire_file_date(name) == want


def test_glocon_records_are_read_with_glocons_own_ids(tmp_path: Path) -> None:
    # a two-line stand-in for GLOCON's file: the reader needs no ../shared to be tested
    folder = tmp_path / "events" / "glocon-sample"
    folder.mkdir(parents=True)
    lines = [
        {"id": "5aa1", "url": "SAP140527S1814.txt", "text": "Residents marched on Monday.", "label": 1},
        {"id": "5aa2", "url": "SAPAI-0f-1.txt", "text": "Shares rose.", "label": 0},
    ]
    (folder / "documents.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    docs = sources.records("glocon", tmp_path)
    assert list(docs) == ["5aa1", "5aa2"]
    assert docs["5aa1"] == {
        "url": "SAP140527S1814.txt",
        "title": None,
        "published": "2014-05-27",
        "text": "Residents marched on Monday.",
    }
    assert docs["5aa2"]["published"] is None


def test_the_shared_glocon_sample_has_one_record_per_document() -> None:
    if not GLOCON.is_file():
        pytest.skip(f"GLOCON's sample is read from ../shared, not found at {GLOCON}")
    docs = sources.records("glocon", SHARED / "data")
    assert len(docs) == sum(1 for line in GLOCON.open(encoding="utf-8") if line.strip())
    assert all(set(r) == {"url", "title", "published", "text"} and r["text"] for r in docs.values())


def _gold_lines() -> list[tuple[str, dict]]:
    return [
        (path.name, json.loads(line))
        for path in sorted(COMMITTED.glob("*.jsonl"))
        for line in path.read_text("utf-8").splitlines()
        if line.strip()
    ]


def test_committed_gold_lines_take_the_guidelines_values() -> None:
    seen = set()
    for name, line in _gold_lines():
        key = (line["source"], line["doc"])
        assert key not in seen, (name, key, "coded twice")
        seen.add(key)
        assert line["source"] in sources.SOURCES and line["split"] in ("dev", "locked"), (name, key)
        for event in line["events"]:
            types = SUB_EVENT_TYPES[event["event_type"]]
            assert event["sub_event_type"] in types, (name, key, event["quote"])
            assert event["certainty"] in CERTAINTY and event["geo_precision"] in (1, 2, 3, 4), (name, key)
            assert isinstance(event["fatalities"], int) and event["fatalities"] >= 0, (name, key)
            assert (event["event_date"] is None) == (event.get("time_precision") is None), (name, key)
            assert -90 <= event["latitude"] <= 90 and -180 <= event["longitude"] <= 180, (name, key)
            assert set(event.get("also") or {}) <= {"actor1", "actor2"}, (name, key)
        assert all(n["why"] in WHY for n in line.get("non_events") or []), (name, key)


def test_committed_gold_quotes_are_in_their_texts() -> None:
    lines = _gold_lines()
    if not (SHARED / "data").is_dir():  # only the team's own texts are in the repository
        lines = [(name, line) for name, line in lines if line["source"] == "team"]
    texts: dict[str, dict[str, sources.Record]] = {}
    for name, line in lines:
        if line["source"] == "team":
            text = sources.team_record(COMMITTED / name, line)["text"] or ""
        else:
            docs = texts.setdefault(line["source"], sources.records(line["source"]))
            text = docs[line["doc"]]["text"] or ""
        quotes = [q for e in line["events"] for q in [e["quote"], *e.get("quotes", [])]]
        quotes += [n["quote"] for n in line.get("non_events") or []]
        missing = [q for q in quotes if locate(text, q) is None]
        assert not missing, (name, line["doc"], missing)
