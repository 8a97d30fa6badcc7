"""Whereabouts claims: kept side by side, the older one marked superseded, never overwritten."""

from __future__ import annotations

from support import shared_resources

from dateline import pipeline
from dateline.read.text import read_text


def process(article):
    return pipeline.process(article, shared_resources())


TEXT = (
    "Militia commander Ahmed Salim is now believed to have fled to the desert near Gao, officials said.\n\n"
    "Earlier reports had suggested that he was hiding in Niamey."
)


def test_newer_claim_supersedes_older_and_both_are_kept():
    result = process(read_text(TEXT, published="2021-03-02"))
    [event] = result.events
    claims = {c.location: c for c in event.claims}
    assert set(claims) == {"Gao", "Niamey"}
    assert claims["Gao"].status == "current" and claims["Gao"].recency == "current"
    assert claims["Niamey"].status == "superseded"
    assert claims["Niamey"].superseded_by == claims["Gao"].claim_id
    assert claims["Niamey"].certainty == "possible"  # "suggested"
    cited = {ev.text for ev in event.evidence if ev.field == "claims"}
    assert {"Gao", "Niamey", "now", "Earlier"} <= cited
    # the article's claims carry their own evidence; in the event's JSON, it is the event's
    assert {c.claim_id for c in result.claims} == {c.claim_id for c in event.claims}
    assert all(c.evidence for c in result.claims) and all("evidence" in c.to_dict() for c in result.claims)
    assert all("evidence" not in c for c in event.to_dict()["claims"])


def test_claims_in_the_same_place_do_not_conflict():
    text = "Commander Ahmed Salim fled to Gao on Monday.\n\nHe was later seen in Gao, residents said."
    [event] = process(read_text(text, published="2021-03-02")).events
    assert all(c.status == "current" and not c.conflicts_with for c in event.claims)


def test_a_later_article_supersedes_an_earlier_ones_claim_in_either_order(tmp_path):
    from dateline.ingest import open_store
    from dateline.pipeline import process_many

    early = read_text(
        "Militia commander Ahmed Salim fled to Niamey on Monday, officials said.", published="2021-03-01"
    )
    late = read_text(
        "Ahmed Salim is now believed to be hiding near Gao, officials said.", published="2021-03-05"
    )
    for order, name in (((early, late), "a.db"), ((late, early), "b.db")):
        store = open_store(str(tmp_path / name))  # with Dateline's claim rule
        for result in process_many(list(order), shared_resources()):
            store.add_result(result)
        claims = {c["location"]: c for c in store.claims("Ahmed Salim")}
        assert set(claims) == {"Niamey", "Gao"}
        assert claims["Niamey"]["status"] == "superseded"
        assert claims["Niamey"]["superseded_by"] == claims["Gao"]["claim_id"]
        assert claims["Gao"]["status"] == "current"
        assert all(c["evidence"] for c in claims.values())


def test_claims_are_served(tmp_path):
    from fastapi.testclient import TestClient

    from dateline.pipeline import process_many
    from dateline.serve import create_app
    from dateline.store import Store

    path = tmp_path / "c.db"
    store = Store(str(path))
    for result in process_many([read_text(TEXT, published="2021-03-02")], shared_resources()):
        store.add_result(result)
    store.close()
    client = TestClient(create_app(str(path), ui=False))
    body = client.get("/claims", params={"subject": "Ahmed Salim"}).json()
    assert {c["location"]: c["status"] for c in body} == {"Gao": "current", "Niamey": "superseded"}
    assert client.get("/claims", params={"limit": 0}).json()["error"]["status"] == 422
