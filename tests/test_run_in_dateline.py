"""A flattened wire story: headline and byline run into the dateline (made-up texts)."""

from __future__ import annotations

import pytest

from dateline.pipeline import process
from dateline.read.text import read_text
from dateline.resolve.context import dateline_mention


@pytest.mark.parametrize(
    "text, town",
    [
        ("Farmers block highway By JANE DOE MAPUTO, Mozambique (AP) — Hundreds of farmers", "MAPUTO"),
        ("Strike spreads to ports By Sam McKAY DURBAN, October 4 (ANA) - Dock workers", "DURBAN"),
        ("Court hears appeal NAIROBI (AFP) — Judges heard", "NAIROBI"),
    ],
)
def test_run_in_dateline_is_the_report_town(resources, text, town):
    found = dateline_mention(text, resources.gazetteer)
    assert found is not None and found.text == town and text[found.start : found.end] == town


def test_run_in_headline_gives_no_event_and_the_body_is_placed_at_the_dateline(resources):
    text = (
        "Protesters clash with police in capital By JANE DOE MAPUTO, Mozambique (AP) — Police fired "
        "tear gas at hundreds of protesters on Tuesday, officials said."
    )
    result = process(read_text(text, published="2024-05-07"), resources)
    assert len(result.events) == 1
    event = result.events[0]
    assert event.location == "Maputo"
    # nothing comes from the headline
    head_end = text.index("MAPUTO")
    assert all(ev.start >= head_end for ev in event.evidence)


def test_without_a_dateline_the_lede_town_places_the_events_that_name_none(resources):
    # made up: the lede names the town in a sentence with no event of its own
    article = read_text(
        "Nurses in Bulawayo have not been paid for three months, their union said on Monday. "
        "On Tuesday hundreds of them marched to the provincial offices in protest.",
        published="2024-05-07",
    )
    result = process(article, resources)
    assert [e.location for e in result.events] == ["Bulawayo"]
    place_evidence = [ev for ev in result.events[0].evidence if ev.field == "location"]
    assert [article.text[ev.start : ev.end] for ev in place_evidence] == ["Bulawayo"]
