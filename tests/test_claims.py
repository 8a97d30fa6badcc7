"""Whereabouts claims: kept side by side, the older one marked superseded, never overwritten."""

from __future__ import annotations

from dateline.pipeline import process
from dateline.read.text import read_text

TEXT = (
    "Militia commander Ahmed Salim is now believed to have fled to the desert near Gao, officials said.\n\n"
    "Earlier reports had suggested that he was hiding in Niamey."
)


def test_newer_claim_supersedes_older_and_both_are_kept():
    result = process(read_text(TEXT, published="2021-03-02"))
    [event] = result.events
    claims = {c["location"]: c for c in event["claims"]}
    assert set(claims) == {"Gao", "Niamey"}
    assert claims["Gao"]["status"] == "current" and claims["Gao"]["recency"] == "current"
    assert claims["Niamey"]["status"] == "superseded"
    assert claims["Niamey"]["superseded_by"] == claims["Gao"]["claim_id"]
    assert claims["Niamey"]["certainty"] == "possible"  # "suggested"
    cited = {ev["text"] for ev in event["evidence"] if ev["field"] == "claims"}
    assert {"Gao", "Niamey", "now", "Earlier"} <= cited


def test_claims_in_the_same_place_do_not_conflict():
    text = "Commander Ahmed Salim fled to Gao on Monday.\n\nHe was later seen in Gao, residents said."
    [event] = process(read_text(text, published="2021-03-02")).events
    assert all(c["status"] == "current" and not c["conflicts_with"] for c in event["claims"])
