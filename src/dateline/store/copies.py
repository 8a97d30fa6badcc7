"""The store's side of near-duplicate articles (``dateline.copies`` finds them): a copy stored with
its text and its link to the original, the original's events citing the copy, and the kept
library of originals' MinHash signatures.

A copy is not extracted. It is stored for good (``status`` 'done', its text kept, no segments or
events of its own) with a ``copies`` row (``copy_of``, ``jaccard``), and every event with evidence in
the original gains it as a source through ``Rules.merge_event`` with a record that adds only the
copy's id to ``article_ids`` and its publisher to ``source``: the evidence stays the original's
(offsets into the original's text), never duplicated. ``attach_copies`` does the same after the
original's own result is stored (the copy may be stored first: an earlier article of the same
run, or an original that failed and is retried), so the order of writes does not matter.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from ..records import Article
from .schema import ArticleRow, CopyRow, EventRow, EvidenceRow, SignatureRow
from .writes import article_row, upsert_event

if TYPE_CHECKING:
    from .core import Store


def _cite(
    s: Session, store: Store, original_id: str, copies: list[tuple[str, str | None]], now: datetime
) -> int:
    """Make every event with evidence in ``original_id`` cite the ``copies`` (id, publisher) it does
    not cite yet; returns how many events changed."""
    ids = s.scalars(select(EvidenceRow.event_id).where(EvidenceRow.article_id == original_id).distinct())
    changed = 0
    for event_id in sorted(ids):
        row = s.get(EventRow, event_id)
        if row is None:
            continue
        record = json.loads(row.record)
        new = [(c, p) for c, p in copies if c not in (record.get("article_ids") or [])]
        if not new:
            continue
        publishers = "; ".join(p for _, p in new if p)
        addition = {
            **record,
            "article_ids": [c for c, _ in new],
            "source": publishers or None,
            "evidence": [],
        }
        upsert_event(s, store.rules, addition, now)
        changed += 1
    return changed


def add_copy(store: Store, article: Article, original_id: str, jaccard: float) -> bool:
    """Store ``article`` as a copy of ``original_id`` (text kept, not extracted) and make the
    original's stored events cite it, in one transaction. False, changing nothing, when the article
    is already stored for good; a failed attempt at it is forgotten first."""
    now = datetime.now(UTC)
    try:
        with store._tx() as s:  # (the store's write transaction: one writer at a time)
            old = s.scalar(select(ArticleRow.status).where(ArticleRow.article_id == article.article_id))
            if old == "done":
                return False
            if old is not None:  # failed before: that attempt goes
                store._forget(s, article.article_id)
            s.add(article_row(article, now, "done"))
            s.merge(CopyRow(article_id=article.article_id, copy_of=original_id, jaccard=jaccard, at=now))
            s.flush()
            _cite(s, store, original_id, [(article.article_id, article.publisher)], now)
    except IntegrityError:
        if store.has_article(article.article_id):  # another writer stored it first
            return False
        raise
    return True


def attach_copies(store: Store, original_id: str) -> int:
    """Make the original's events cite each of its stored copies (after the original's result is
    stored); returns how many events changed (0 when there is no copy: one indexed read)."""
    with store._tx() as s:
        rows = s.execute(
            select(CopyRow.article_id, ArticleRow.publisher)
            .join(ArticleRow, ArticleRow.article_id == CopyRow.article_id)
            .where(CopyRow.copy_of == original_id)
            .order_by(CopyRow.at, CopyRow.article_id)
        ).all()
        return _cite(s, store, original_id, [(a, p) for a, p in rows], datetime.now(UTC)) if rows else 0


def copies_of(store: Store, article_id: str) -> list[dict[str, Any]]:
    """The stored copies of an original, oldest first: ``article_id``, ``jaccard``, ``publisher``,
    ``published``, ``url``, ``title`` (the number of reports of its events is 1 + their count)."""
    q = (
        select(
            CopyRow.article_id,
            CopyRow.jaccard,
            ArticleRow.publisher,
            ArticleRow.published,
            ArticleRow.url,
            ArticleRow.title,
        )  # fmt: skip
        .join(ArticleRow, ArticleRow.article_id == CopyRow.article_id)
        .where(CopyRow.copy_of == article_id)
        .order_by(CopyRow.at, CopyRow.article_id)
    )
    with Session(store.engine) as s:
        return [row._asdict() for row in s.execute(q)]


def copy_of(store: Store, article_id: str) -> dict[str, Any] | None:
    """``{"copy_of": original id, "jaccard": estimate}`` when the article was stored as a copy."""
    with Session(store.engine) as s:
        row = s.get(CopyRow, article_id)
        return None if row is None else {"copy_of": row.copy_of, "jaccard": row.jaccard}


def copy_pairs(store: Store, limit: int | None = None) -> list[dict[str, Any]]:
    """Every stored (copy, original) pair, oldest first, with both publishers and titles."""
    copy, original = aliased(ArticleRow), aliased(ArticleRow)
    q = (
        select(
            CopyRow.article_id.label("copy"),
            CopyRow.copy_of.label("original"),
            CopyRow.jaccard,
            copy.publisher.label("copy_publisher"),
            original.publisher.label("original_publisher"),
            copy.title.label("copy_title"),
            original.title.label("original_title"),
        )  # fmt: skip
        .join(copy, copy.article_id == CopyRow.article_id)
        .outerjoin(original, original.article_id == CopyRow.copy_of)
        .order_by(CopyRow.at, CopyRow.article_id)
        .limit(limit)
    )
    with Session(store.engine) as s:
        return [row._asdict() for row in s.execute(q)]


def copy_count(store: Store) -> int:
    """How many stored articles are copies."""
    with Session(store.engine) as s:
        return s.scalar(select(func.count()).select_from(CopyRow)) or 0


def _originals():
    """Done articles that are not copies."""
    return select(ArticleRow.article_id).where(
        ArticleRow.status == "done", ArticleRow.article_id.not_in(select(CopyRow.article_id))
    )


def signatures(store: Store, params: str, batch: int = 5000) -> Iterator[tuple[str, bytes, list[str]]]:
    """The saved signatures made with ``params`` of the stored originals: (id, hashes, figures)."""
    last = ""
    while True:  # by id, in batches: a large store is not read into memory at once
        q = (
            select(SignatureRow.article_id, SignatureRow.hashes, SignatureRow.figures)
            .where(SignatureRow.params == params, SignatureRow.article_id > last)
            .where(SignatureRow.article_id.in_(_originals()))
            .order_by(SignatureRow.article_id)
            .limit(batch)
        )
        with Session(store.engine) as s:
            rows = s.execute(q).all()
        if not rows:
            return
        for article_id, hashes, figures in rows:
            yield article_id, hashes, json.loads(figures or "[]")
        last = rows[-1][0]


def unsigned(store: Store, params: str, batch: int = 500) -> Iterator[Article]:
    """Stored originals without a signature made with ``params`` (stored before copies were
    looked for, or with other settings), as articles, to be signed from their stored text."""
    signed = select(SignatureRow.article_id).where(SignatureRow.params == params)
    last = ""
    while True:
        q = (
            select(ArticleRow.article_id, ArticleRow.text, ArticleRow.meta_spans)
            .where(ArticleRow.article_id.in_(_originals()), ArticleRow.article_id.not_in(signed))
            .where(ArticleRow.article_id > last)
            .order_by(ArticleRow.article_id)
            .limit(batch)
        )
        with Session(store.engine) as s:
            rows = s.execute(q).all()
        if not rows:
            return
        for article_id, text, spans in rows:
            meta = {k: tuple(v) for k, v in json.loads(spans or "{}").items()}
            yield Article(article_id=article_id, text=text, meta_spans=meta)
        last = rows[-1][0]


def put_signatures(store: Store, params: str, items: Iterable[tuple[str, bytes, Iterable[str]]]) -> None:
    """Save (id, hashes, figures) signatures made with ``params``, replacing older ones (``merge``
    reads then writes: in the store's write transaction, one writer at a time)."""
    with store._tx() as s:
        for article_id, hashes, figures in items:
            s.merge(
                SignatureRow(
                    article_id=article_id, params=params, hashes=hashes, figures=json.dumps(sorted(figures))
                )
            )
