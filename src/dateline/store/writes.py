"""The store's writes of one article's events and claims, inside the caller's transaction
(``Store.add_result``): events upserted by id through ``Rules.merge_event`` (or absorbed by the
stored event ``Rules.block`` + ``Rules.same_event`` find: cross-article merging, the absorbed id
redirecting), claims linked through ``Rules.newer_claim``; deletions."""

from __future__ import annotations

import json
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Select, bindparam, delete, func, insert, or_, select, update
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


@lru_cache(maxsize=64)
def _search(n_types: int, with_iso3: bool, null_iso3: bool, weak_only: bool) -> Select:
    """One block search as a statement of bound parameters (``types0``.., ``first``, ``last``,
    ``iso3``, ``limit``), built once per shape: building and keying a statement per event cost more
    than running it. Only the id, day and record are read (no ORM objects are loaded)."""
    types = [bindparam(f"types{i}") for i in range(n_types)]
    where = [EventRow.event_type.in_(types), EventRow.event_date >= bindparam("first"),
             EventRow.event_date <= bindparam("last")]  # fmt: skip
    if null_iso3:
        where.append(EventRow.iso3.is_(None))
    elif with_iso3:
        where.append(EventRow.iso3 == bindparam("iso3"))
    if weak_only:
        location = or_(EventRow.location.is_(None), EventRow.location == EventRow.country)
        where += [EventRow.iso3 != bindparam("iso3"), EventRow.admin1.is_(None), location]
    order = (EventRow.event_date, EventRow.event_id)
    columns = (EventRow.event_id, EventRow.event_date, EventRow.record)
    return select(*columns).where(*where).order_by(*order).limit(bindparam("limit"))


def _candidates(conn: Connection, block: Block) -> list[tuple[str, str | None, str]]:
    """The stored events of a block as (event_id, event_date, record), earliest first, at most
    ``block.limit``: the country's and those without a country (two searches of
    ``ix_events_block``, since one OR of both would make the planner read every country's events
    of those days), or, when ``block.iso3`` is None, any country's (one search of
    ``ix_events_block_any``); with ``block.near_first`` also any country's of the narrow window
    (``ix_events_block_any``), only those placed by a country alone when ``block.near_weak_only``
    (a placed report meets a report of the wrong country as that report meets it: the decision
    does not depend on which arrives first)."""
    n = len(block.event_types)
    params = {f"types{i}": t for i, t in enumerate(block.event_types)}
    params.update(first=block.first, last=block.last, iso3=block.iso3, limit=block.limit)
    if block.iso3 is None:
        searches = [(_search(n, False, False, False), params)]
    else:
        searches = [(_search(n, True, False, False), params), (_search(n, False, True, False), params)]
        if block.near_first is not None:
            near = _search(n, False, False, block.near_weak_only)
            searches.append((near, {**params, "first": block.near_first}))
    (first, p0), *more = searches
    rows = [tuple(r) for r in conn.execute(first, p0)]
    if more:
        seen = {r[0] for r in rows}
        for q, p in more:
            found = [tuple(r) for r in conn.execute(q, p) if r[0] not in seen]
            seen.update(r[0] for r in found)
            rows.extend(found)
        rows.sort(key=lambda r: (r[1] or "", r[0]))
    return rows[: block.limit]  # type: ignore[return-value]


def _match(s: Session, conn: Connection, rules: Rules, ev: dict[str, Any]) -> EventRow | None:
    """The stored event ``ev`` reports too: the best ``rules.same_event`` score among the events
    of its block (``_candidates``: indexed searches on iso3 — or none — event_type and an
    event_date range), ties to the earliest."""
    block = rules.block(ev)
    if block is None:
        return None
    best, best_score = None, None
    for event_id, _, record in _candidates(conn, block):
        score = rules.same_event(json.loads(record), ev)
        if score is not None and (best_score is None or score > best_score):
            best, best_score = event_id, score
    return None if best is None else s.get(EventRow, best)


@lru_cache(maxsize=1)
def _stored_id() -> Select:
    """The stored event an id names: itself, or the event that absorbed it (``:id``)."""
    redirected = select(RedirectRow.event_id).where(RedirectRow.absorbed_id == bindparam("id"))
    target = func.coalesce(redirected.scalar_subquery(), bindparam("id"))
    return select(EventRow.event_id).where(EventRow.event_id == target)


def upsert_event(
    s: Session, rules: Rules, ev: dict[str, Any], now: datetime, published: str | None = None
) -> str:
    """Store one incoming event; return the id it is stored under. An id absorbed before goes to
    its event; a new id that ``rules`` match to a stored event is absorbed by it (a ``merged``
    change, a redirect), else it is created.

    Only the event row goes through the session's unit of work (a caller may hold it); the
    lookups and the append-only rows (changes, redirects, evidence) are plain statements on the
    session's connection, after one flush of what is pending: per event, the ORM's bookkeeping
    cost more than the writes (bench/bench_across.py)."""
    ev = rules.prepare_event(ev, published)
    s.flush()  # what the session holds (a caller's changes) is in the tables the lookups read
    conn = s.connection()
    found = conn.execute(_stored_id(), {"id": ev["event_id"]}).scalar()
    row = s.get(EventRow, found) if found is not None else _match(s, conn, rules, ev)
    changes = []
    if row is not None and found is None:
        conn.execute(
            insert(RedirectRow), [{"absorbed_id": ev["event_id"], "event_id": row.event_id, "at": now}]
        )
        changes.append({"event_id": ev["event_id"], "kind": "merged", "into_id": row.event_id, "at": now})
    changes.append({"event_id": row.event_id if row else ev["event_id"], "into_id": None, "at": now,
                    "kind": "created" if row is None else "updated"})  # fmt: skip
    conn.execute(insert(ChangeRow), changes)
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
            if getattr(row, k) != v:
                setattr(row, k, v)
        conn.execute(delete(EvidenceRow).where(EvidenceRow.event_id == row.event_id))
    row.record = json.dumps(record, ensure_ascii=False, sort_keys=True)
    row.updated_at = now
    s.flush()  # the event row exists before its evidence (a foreign key)
    evidence = [{"event_id": row.event_id, "field": e["field"], "article_id": e["article_id"],
                 "start": e["start"], "end": e["end"], "text": e["text"]}
                for e in record.get("evidence") or []]  # fmt: skip
    if evidence:
        conn.execute(insert(EvidenceRow), evidence)
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
