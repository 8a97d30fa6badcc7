"""The store's writes of one article's events and claims, inside the caller's transaction
(``Store.add_result``): events upserted by id through ``Rules.merge_event``, claims linked through
``Rules.newer_claim``."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from .rules import Rules
from .schema import SCALAR_FIELDS, ChangeRow, ClaimRow, EventRow, EvidenceRow


def add_claims(
    s: Session, rules: Rules, article_id: str, published: str | None, claims: list[dict[str, Any]]
) -> None:
    """Store the article's claims and link them to stored claims about the same subject from
    other articles with ``rules.newer_claim``: the newer supersedes; neither is overwritten."""
    for claim in claims:
        if s.get(ClaimRow, claim["claim_id"]) is not None:
            continue
        row = ClaimRow(
            claim_id=claim["claim_id"], article_id=article_id, subject=claim["subject"],
            location=claim["location"], latitude=claim["latitude"], longitude=claim["longitude"],
            published=published, recency=claim["recency"], status=claim["status"],
            superseded_by=claim["superseded_by"], record=json.dumps(claim),
        )  # fmt: skip
        others = s.scalars(
            select(ClaimRow).where(ClaimRow.subject == row.subject, ClaimRow.article_id != row.article_id)
        ).all()
        for other in others:
            newer = rules.newer_claim(row, other)
            if newer is None:
                continue
            older = other if newer is row else row
            if older.status != "superseded":
                older.status, older.superseded_by = "superseded", newer.claim_id
        s.add(row)


def upsert_event(s: Session, rules: Rules, ev: dict[str, Any], now: datetime) -> None:
    row = s.get(EventRow, ev["event_id"])
    s.add(ChangeRow(event_id=ev["event_id"], kind="created" if row is None else "updated", at=now))
    record = rules.merge_event(json.loads(row.record), ev) if row is not None else dict(ev)
    values = {f: record.get(f) for f in SCALAR_FIELDS}
    if row is None:
        row = EventRow(**values)
        s.add(row)
    else:
        for k, v in values.items():
            setattr(row, k, v)
        s.execute(delete(EvidenceRow).where(EvidenceRow.event_id == row.event_id))
    row.record = json.dumps(record, ensure_ascii=False, sort_keys=True)
    row.updated_at = now
    s.flush()
    s.add_all(
        EvidenceRow(
            event_id=row.event_id,
            field=e["field"],
            article_id=e["article_id"],
            start=e["start"],
            end=e["end"],
            text=e["text"],
        )  # fmt: skip
        for e in record.get("evidence") or []
    )
