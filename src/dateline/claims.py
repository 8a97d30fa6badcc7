"""Linking claims: whereabouts claims about one actor that put it in different places are
kept side by side; the one the text presents as newer marks the older as superseded."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .extract.claims import ClaimMention
from .lookup.places import SAME_PLACE_KM, distance_km, same_place
from .records import Article, Claim, Evidence, Place

RECENCY_RANK = {"earlier": 0, "unstated": 1, "current": 2}


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


@dataclass
class LinkedClaim:
    """A claim as stored and served, with what linking and attaching it to events need: the
    mention it was found as and the place it names (None when the gazetteer had none)."""

    claim: Claim
    mention: ClaimMention
    place: Place | None

    @property
    def sentence(self) -> tuple[int, int]:
        return self.mention.sentence


def claim_id(article: Article, claim: ClaimMention) -> str:
    key = f"{article.article_id}:{claim.cue[0]}:{claim.place[0]}"
    return "cl-" + hashlib.sha256(key.encode()).hexdigest()[:16]


def claim_evidence(article: Article, claim: ClaimMention) -> list[Evidence]:
    """The spans that make the claim (subject, verb, place, certainty and recency cues), as
    evidence for the field "claims", in text order."""
    spans = [claim.subject_span, claim.cue, claim.place, claim.certainty_cue, claim.recency_cue]
    return [
        Evidence("claims", article.article_id, s, e, article.text[s:e])
        for s, e in sorted({span for span in spans if span is not None})
    ]


def link_claims(
    article: Article, claims: list[ClaimMention], places: dict[tuple[int, int], Place]
) -> list[LinkedClaim]:
    """The article's claims with ``status`` (current | superseded | conflicting) and links:
    claims about one subject more than SAME_PLACE_KM apart conflict; the one the text presents
    as newer supersedes the other."""
    linked = []
    for mention in claims:
        place = places.get(mention.place)
        claim = Claim(
            claim_id=claim_id(article, mention),
            subject=mention.subject,
            location=mention.place_text,
            iso3=place.iso3 if place else None,
            latitude=place.latitude if place else None,
            longitude=place.longitude if place else None,
            certainty=mention.certainty,
            recency=mention.recency,
            evidence=claim_evidence(article, mention),
        )
        linked.append(LinkedClaim(claim, mention, place))
    for a in linked:
        for b in linked:
            if a is b or a.claim.subject != b.claim.subject or a.place is None or b.place is None:
                continue
            if same_place(a.place, b.place):
                continue
            a.claim.conflicts_with.append(b.claim.claim_id)
            newer = RECENCY_RANK[b.claim.recency] > RECENCY_RANK[a.claim.recency]
            if newer:
                a.claim.status, a.claim.superseded_by = "superseded", b.claim.claim_id
            elif (
                a.claim.status == "current" and RECENCY_RANK[b.claim.recency] == RECENCY_RANK[a.claim.recency]
            ):
                a.claim.status = "conflicting"
    return linked
