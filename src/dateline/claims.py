"""Linking claims: whereabouts claims about one actor that put it in different places are
kept side by side; the one the text presents as newer marks the older as superseded."""

from __future__ import annotations

import hashlib

from .extract.claims import Claim
from .records import Article, Place
from .resolve.places import distance_km

RECENCY_RANK = {"earlier": 0, "unstated": 1, "current": 2}
SAME_PLACE_KM = 100


def _km(a: Place, b: Place) -> float:
    return distance_km((a.latitude, a.longitude), (b.latitude, b.longitude))


def newer_claim(a, b):
    """Of two claims about one subject from different articles (objects with latitude,
    longitude, published, recency), the newer one when they put the subject in different
    places; None when they agree or cannot be compared."""
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    if distance_km((a.latitude, a.longitude), (b.latitude, b.longitude)) <= SAME_PLACE_KM:
        return None
    key_a = (a.published or "", RECENCY_RANK.get(a.recency, 1))
    key_b = (b.published or "", RECENCY_RANK.get(b.recency, 1))
    if key_a == key_b:
        return None
    return a if key_a > key_b else b


def claim_id(article: Article, claim: Claim) -> str:
    key = f"{article.article_id}:{claim.cue[0]}:{claim.place[0]}"
    return "cl-" + hashlib.sha256(key.encode()).hexdigest()[:16]


def link_claims(article: Article, claims: list[Claim], places: dict[tuple[int, int], Place]) -> list[dict]:
    """Claim records with ``status`` (current | superseded | conflicting) and links."""
    records = []
    for claim in claims:
        place = places.get(claim.place)
        records.append(
            {
                "claim_id": claim_id(article, claim),
                "subject": claim.subject,
                "location": claim.place_text,
                "iso3": place.iso3 if place else None,
                "latitude": place.latitude if place else None,
                "longitude": place.longitude if place else None,
                "certainty": claim.certainty,
                "recency": claim.recency,
                "status": "current",
                "superseded_by": None,
                "conflicts_with": [],
                "sentence": claim.sentence,
                "_claim": claim,
                "_place": place,
            }
        )
    for a in records:
        for b in records:
            if a is b or a["subject"] != b["subject"] or a["_place"] is None or b["_place"] is None:
                continue
            if _km(a["_place"], b["_place"]) <= SAME_PLACE_KM:
                continue
            a["conflicts_with"].append(b["claim_id"])
            newer = RECENCY_RANK[b["recency"]] > RECENCY_RANK[a["recency"]]
            if newer:
                a["status"], a["superseded_by"] = "superseded", b["claim_id"]
            elif a["status"] == "current" and RECENCY_RANK[b["recency"]] == RECENCY_RANK[a["recency"]]:
                a["status"] = "conflicting"
    return records


def claim_evidence(article: Article, record: dict) -> list[dict]:
    claim: Claim = record["_claim"]
    spans = [claim.subject_span, claim.cue, claim.place, claim.certainty_cue, claim.recency_cue]
    return [
        {"field": "claims", "article_id": article.article_id, "start": s, "end": e, "text": article.text[s:e]}
        for s, e in sorted({span for span in spans if span is not None})
    ]


def public(record: dict) -> dict:
    return {k: v for k, v in record.items() if not k.startswith("_") and k != "sentence"}
