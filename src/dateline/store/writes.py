"""The store's writes of one article's events and claims, inside the caller's transaction
(``Store.add_result``): events upserted by id through ``Rules.merge_event`` (or absorbed by the
stored event ``Rules.block`` + ``Rules.same_event`` find: cross-article merging, the absorbed id
redirecting), claims linked through ``Rules.newer_claim``; deletions."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from ..records import Article, Drop
from .rules import Block, Rules
from .schema import (
    SCALAR_FIELDS,
    ArticleRow,
    ChangeRow,
    ClaimRow,
    DropRow,
    EventRow,
    EvidenceRow,
    RedirectRow,
)


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


def _candidates(s: Session, block: Block) -> list[EventRow]:
    """The stored events of a block, earliest first, at most ``block.limit``: the country's and
    those without a country (two searches of ``ix_events_block``, since one OR of both would make
    the planner read every country's events of those days), or, when ``block.iso3`` is None, any
    country's (one search of ``ix_events_block_any``); with ``block.near_first`` also any
    country's of the narrow window (``ix_events_block_any``), only those placed by a country alone
    when ``block.near_weak_only`` (a placed report meets a report of the wrong country as that
    report meets it: the decision does not depend on which arrives first)."""
    types = EventRow.event_type.in_(block.event_types)
    common = [types, EventRow.event_date >= block.first, EventRow.event_date <= block.last]
    countries = [[]] if block.iso3 is None else [[EventRow.iso3 == block.iso3], [EventRow.iso3.is_(None)]]
    searches = [[*c, *common] for c in countries]
    if block.near_first is not None and block.iso3 is not None:
        near = [types, EventRow.event_date >= block.near_first, EventRow.event_date <= block.last]
        if block.near_weak_only:
            location = or_(EventRow.location.is_(None), EventRow.location == EventRow.country)
            near += [EventRow.iso3 != block.iso3, EventRow.admin1.is_(None), location]
        searches.append(near)
    order = (EventRow.event_date, EventRow.event_id)
    first, *more = [select(EventRow).where(*w).order_by(*order).limit(block.limit) for w in searches]
    rows: list[EventRow] = list(s.scalars(first))
    if more:
        seen = {r.event_id for r in rows}
        with s.no_autoflush:  # the first search flushed the session: another flush only costs time
            for q in more:
                found = [r for r in s.scalars(q) if r.event_id not in seen]
                seen.update(r.event_id for r in found)
                rows.extend(found)
        rows.sort(key=lambda r: (r.event_date or "", r.event_id))
    return rows[: block.limit]


def _match(s: Session, rules: Rules, ev: dict[str, Any]) -> EventRow | None:
    """The stored event ``ev`` reports too: the best ``rules.same_event`` score among the events
    of its block (``_candidates``: indexed searches on iso3 — or none — event_type and an
    event_date range), ties to the earliest."""
    block = rules.block(ev)
    if block is None:
        return None
    best, best_score = None, None
    for row in _candidates(s, block):
        score = rules.same_event(json.loads(row.record), ev)
        if score is not None and (best_score is None or score > best_score):
            best, best_score = row, score
    return best


def upsert_event(
    s: Session, rules: Rules, ev: dict[str, Any], now: datetime, published: str | None = None
) -> str:
    """Store one incoming event; return the id it is stored under. An id absorbed before goes to
    its event; a new id that ``rules`` match to a stored event is absorbed by it (a ``merged``
    change, a redirect), else it is created."""
    ev = rules.prepare_event(ev, published)
    redirect = s.get(RedirectRow, ev["event_id"])
    row = s.get(EventRow, redirect.event_id if redirect is not None else ev["event_id"])
    if row is None and (row := _match(s, rules, ev)) is not None:
        s.add(RedirectRow(absorbed_id=ev["event_id"], event_id=row.event_id, at=now))
        s.add(ChangeRow(event_id=ev["event_id"], kind="merged", into_id=row.event_id, at=now))
    s.add(
        ChangeRow(
            event_id=row.event_id if row else ev["event_id"],
            kind="created" if row is None else "updated",
            at=now,
        )
    )
    record = rules.merge_event(json.loads(row.record), ev) if row is not None else dict(ev)
    if row is not None:
        record["event_id"] = row.event_id  # the stored (older) id stays
    record["timestamp"] = int(now.timestamp())
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
    return row.event_id


def merge_events(s: Session, rules: Rules, keep: str, absorb: str, now: datetime) -> bool:
    """Merge two stored events (a curator's call, or a later finding): ``keep`` absorbs ``absorb``
    through ``rules.merge_event``; ``absorb`` and the ids redirected to it redirect to ``keep``.
    False when either is missing or they are one."""
    row, gone = s.get(EventRow, keep), s.get(EventRow, absorb)
    if row is None or gone is None or keep == absorb:
        return False
    record = json.loads(gone.record)
    s.execute(delete(EvidenceRow).where(EvidenceRow.event_id == absorb))
    s.delete(gone)
    s.execute(update(RedirectRow).where(RedirectRow.event_id == absorb).values(event_id=keep))
    s.add(RedirectRow(absorbed_id=absorb, event_id=keep, at=now))
    s.add(ChangeRow(event_id=absorb, kind="merged", into_id=keep, at=now))
    s.flush()
    upsert_event(s, rules, {**record, "event_id": keep}, now)
    return True


def delete_event(s: Session, event_id: str, now: datetime) -> bool:
    """Delete a stored event (its evidence cascades; ids redirected to it go too) with a
    ``deleted`` change; False when there is none."""
    row = s.get(EventRow, event_id)
    if row is None:
        return False
    s.execute(delete(EvidenceRow).where(EvidenceRow.event_id == event_id))
    s.execute(delete(RedirectRow).where(RedirectRow.event_id == event_id))
    s.delete(row)
    s.add(ChangeRow(event_id=event_id, kind="deleted", at=now))
    return True


def drop_row(d: Drop) -> DropRow:
    sentence, trigger = d.sentence or (None, None), d.trigger or (None, None)
    return DropRow(
        article_id=d.article_id, stage=d.stage, reason=d.reason, detail=d.detail or "",
        sentence_start=sentence[0], sentence_end=sentence[1], trigger_start=trigger[0], trigger_end=trigger[1],
        event_type=d.event_type, sub_event_type=d.sub_event_type,
    )  # fmt: skip


def article_row(a: Article, now: datetime, status: str) -> ArticleRow:
    """The stored row of an article (its text and metadata) with ``status`` 'done' or 'failed'."""
    return ArticleRow(
        article_id=a.article_id, text=a.text, title=a.title, published=a.published, publisher=a.publisher,
        url=a.url, source_path=a.source_path, input_format=a.input_format,
        meta_spans=json.dumps({k: list(v) for k, v in a.meta_spans.items()}), ingested_at=now, status=status,
    )  # fmt: skip
