"""The founding example page, checked as a user would (it lives in ../shared, never in the repo).

The same code runs on every article; nothing here or in src/ knows this page.
"""

from __future__ import annotations

import pytest

from dateline.pipeline import process
from dateline.read.sources import read_paths

EXAMPLE = "examples/memo-2019-02-08-daesh-leader-flees-coup-attempt.txt"


@pytest.fixture(scope="module")
def result(shared, resources):
    path = shared / EXAMPLE
    if not path.exists():
        pytest.skip(f"{path} not present")
    [article] = list(read_paths([str(path)], publisher="Middle East Monitor"))
    return process(article, resources)


def _near(result, word):
    return [
        e.to_dict()
        for e in result.events
        if any(word in ev.text for ev in e.evidence if ev.field == "location")
    ]


def test_publication_date_and_boilerplate(result):
    assert result.article.published == "2019-02-08T13:06:00"
    removed = {s.kind for s in result.segments if s.removed}
    assert {"masthead", "teaser", "photo_credit", "duplicate"} <= removed


def test_coup_clash(result):
    [clash] = _near(result, "Hajin")
    assert (clash["event_type"], clash["sub_event_type"]) == ("Battles", "Armed clash")
    assert clash["event_date"] == "2019-01-10" and clash["time_precision"] == 1
    assert clash["country"] == "Syria" and clash["admin1"].startswith("D")
    assert clash["fatalities"] == 2
    assert clash["actor1"] == clash["actor2"] == "Islamic State"
    assert "Foreign fighters" in clash["assoc_actor_1"]
    assert clash["certainty"] in ("reported", "believed")
    assert "intelligence official" in clash["attribution"]
    assert "The Guardian" in clash["source"]


def test_flight_near_hasakah(result):
    [flight] = _near(result, "Hasakah")
    assert flight["geo_precision"] == 2 and flight["actor1"] == "Islamic State"
    assert flight["time_precision"] == 2  # no date in the sentence: never the publication day


def test_caption_patrol_is_a_caption_not_an_event(result):
    # issue 13: a photo caption describing a patrol is not an event; it is dropped with its reason
    assert _near(result, "Darbasiyah") == []
    text = result.article.text
    patrols = [d for d in result.drops if d.reason == "caption" and "Darbasiyah" in text[slice(*d.sentence)]]
    assert patrols and all(text[slice(*d.trigger)] == "patrol" for d in patrols)


def test_nothing_from_teasers_or_forecasts(result):
    removed = [(s.start, s.end) for s in result.segments if s.removed]
    for event in result.events:
        for ev in event.evidence:
            assert not any(a <= ev.start < b for a, b in removed)
    assert len(result.events) == 2  # the coup clash and the flight (the caption patrol is dropped)


def test_dates_on_the_page_resolve_against_publication(shared):
    from dateline.resolve.dates import tag_times

    text = (shared / EXAMPLE).read_text(encoding="utf-8")
    found = {t.text: t for t in tag_times(text, "2019-02-08T13:06:00")}
    assert found["10 January"].value == "2019-01-10" and found["10 January"].precision == 1
    last_month = found["last month"]
    assert (last_month.value, last_month.date_start, last_month.date_end, last_month.precision) == (
        "2019-01",
        "2019-01-01",
        "2019-01-31",
        3,
    )
    assert found["Wednesday"].value == "2019-02-06"
    assert found["November 4, 2018"].value == found["4 November, 2018"].value == "2018-11-04"


def test_afghanistan_report_is_an_older_superseded_claim(result):
    [flight] = _near(result, "Hasakah")
    claims = {c["location"]: c for c in flight["claims"]}
    assert claims["Afghanistan"]["status"] == "superseded"
    assert claims["Afghanistan"]["superseded_by"] == claims["Hasakah"]["claim_id"]
    assert claims["Hasakah"]["status"] == "current"


def test_confidence_and_source_scale(result):
    [clash] = _near(result, "Hajin")
    assert 0 < clash["confidence"] < 0.9  # reported by unnamed officials
    assert clash["source_scale"] == "Regional-International"
