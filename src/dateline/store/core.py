"""The store: articles, their segments, events with evidence, claims and problems.

SQLAlchemy 2 ORM over embedded SQLite by default (WAL, foreign keys on); the schema uses only
portable types so the same code runs on PostgreSQL given a ``postgresql://`` URL. Each event is kept
twice: as scalar columns for filtering and as its whole JSON record, which is what reads return.
Domain rules (how a re-reported event merges, which claim supersedes) come from the caller as
:class:`Rules`. See ``docs/store.md``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import delete, func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..errors import DatelineError
from ..records import Article, Drop, Problem, Result, gated
from . import aggregates, query
from .engine import DEFAULT_TIMEOUT, db_error, make_engine, shown, url_of
from .filters import EventFilters, make_filters
from .migrations import WRITE_LOCK, ensure_schema
from .rules import Rules
from .schema import (
    ArticleRow,
    ClaimRow,
    DropRow,
    EventRow,
    EvidenceRow,
    ProblemRow,
    SegmentRow,
)
from .writes import add_claims, article_row, delete_event, drop_row, merge_events, upsert_event


def _now() -> datetime:
    return datetime.now(UTC)


def _storable(text: str) -> str:
    """``text`` as SQLite can store it: a lone surrogate (from a broken input) is written as its
    escape instead of failing the write."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


class Store:
    """Persistent store of processed articles, events, claims and problems."""

    def __init__(self, url_or_path: str | os.PathLike[str], *, read_only: bool = False,
                 rules: Rules | None = None, create: bool | None = None,
                 timeout: float = DEFAULT_TIMEOUT) -> None:  # fmt: skip
        """Open, creating the schema or upgrading it (once, under the write lock); ``read_only``
        then refuses every write. ``create`` (default: not ``read_only``): a missing SQLite file
        is created, else it is E040. ``timeout``: seconds to wait for another writer's lock.
        A database that cannot be used raises a coded ``DatelineError`` (E044–E047)."""
        self.where = f"database {shown(url_or_path)}"
        self.timeout = timeout
        self.rules = rules or Rules()
        self.engine = None
        try:
            self.url = url_of(url_or_path, create=not read_only if create is None else create)
            self.engine = make_engine(self.url, timeout=timeout)
            ensure_schema(self.engine, self.rules.backfill, timeout)
            if read_only:
                self.engine.dispose()
                self.engine = make_engine(self.url, read_only=True, timeout=timeout)
        except Exception as exc:
            if self.engine is not None:
                self.engine.dispose()
            coded = self.db_error(exc)
            if coded is None:
                raise
            raise coded from exc

    def db_error(self, exc: BaseException) -> DatelineError | None:
        """The coded error when ``exc`` means this database cannot be used at all (not a database,
        locked past the timeout, read-only, cannot be opened); None for an error of one record."""
        return db_error(exc, self.where, self.timeout)

    def check_writable(self) -> None:
        """Raise the coded error (E045 locked, E046 read-only, ...) now if this store cannot be
        written, rather than after the first article is processed."""
        try:
            with self.engine.connect() as conn:
                if self.engine.dialect.name == "sqlite":
                    conn.exec_driver_sql("BEGIN IMMEDIATE")  # takes the write lock
                    version = conn.exec_driver_sql("PRAGMA user_version").scalar()
                    conn.exec_driver_sql(f"PRAGMA user_version = {int(version or 0)}")  # a write...
                    conn.exec_driver_sql("ROLLBACK")  # ...undone
        except Exception as exc:
            coded = self.db_error(exc)
            if coded is None:
                raise
            raise coded from exc

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _tx(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            if self.engine.dialect.name == "postgresql":
                # one writer at a time, as on SQLite: matching reads then writes (docs/store.md)
                session.execute(text(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})"))
            yield session

    # -- writing ---------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        """Whether the article is stored for good (a failed one is not: it is to be tried again)."""
        return self.status(article_id) == "done"

    def status(self, article_id: str) -> str | None:
        """'done', 'failed' or 'gated' (schema.ARTICLE_STATUSES says when each is tried again) or None."""
        with Session(self.engine) as s:
            return s.scalar(select(ArticleRow.status).where(ArticleRow.article_id == article_id))

    def add_result(self, result: Result) -> bool:
        """Store an article with its segments, events, claims, problems and drops in one transaction.

        A result with problems and no events is stored as failed (``status``): not counted by
        ``has_article``, replaced (with its problems) when stored again; one the relevance gate
        skipped (``records.gated``) as gated, likewise. False, changing nothing: stored for good."""
        return self._write(result)

    def _write(self, result: Result) -> bool:
        a = result.article
        status = "failed" if result.problems and not result.events else "gated" if gated(result) else "done"
        try:
            with self._tx() as s:
                old = s.scalar(select(ArticleRow.status).where(ArticleRow.article_id == a.article_id))
                if old == "done":
                    return False
                if old is not None:  # failed or gated before: forget that attempt
                    self._forget(s, a.article_id)
                now = _now()
                s.add(article_row(a, now, status))
                s.flush()  # the article row must exist before its segments (foreign key)
                s.add_all(
                    SegmentRow(
                        article_id=a.article_id,
                        start=g.start,
                        end=g.end,
                        kind=g.kind,
                        removed=g.removed,
                        reason=g.reason,
                    )  # fmt: skip
                    for g in result.segments
                )
                for ev in result.events:
                    upsert_event(s, self.rules, ev.to_dict(), now, a.published)
                add_claims(s, self.rules, a.article_id, a.published, [c.to_dict() for c in result.claims])
                for p in result.problems:
                    self._add_problem(s, p, now, a.article_id)
                s.add_all(drop_row(d) for d in result.drops)
        except IntegrityError:
            if self.has_article(a.article_id):  # another writer stored it first
                return False
            raise
        return True

    def _forget(self, s: Session, article_id: str) -> None:
        """Remove a failed attempt at an article: its row (segments and drops cascade), claims
        and problems."""
        s.execute(delete(ProblemRow).where(ProblemRow.article_id == article_id))
        s.execute(delete(ClaimRow).where(ClaimRow.article_id == article_id))
        s.execute(delete(ArticleRow).where(ArticleRow.article_id == article_id))

    def add_failed(self, article: Article, problem: Problem) -> None:
        """Record an article that could not be processed or stored as failed, with its problem;
        when even the bare article cannot be stored, the problem alone (either way the next
        ingest tries the article again)."""
        try:
            self._write(Result(article, [], [], [problem]))
        except Exception as exc:
            if self.db_error(exc) is not None:
                raise
            self.add_problem(problem)

    def failed_articles(self, statuses: tuple[str, ...] = ("failed",)) -> list[dict[str, Any]]:
        """The articles stored with one of ``statuses``, oldest first, each as ``records.Article``
        fields (so that ``Article(**row)`` is the article again, to retry from its stored text)."""
        q = select(ArticleRow).where(ArticleRow.status.in_(statuses))
        with Session(self.engine) as s:
            return [
                {
                    "article_id": r.article_id,
                    "text": r.text,
                    "title": r.title,
                    "published": r.published,
                    "publisher": r.publisher,
                    "url": r.url,
                    "source_path": r.source_path,
                    "input_format": r.input_format,
                    "meta_spans": {k: tuple(v) for k, v in json.loads(r.meta_spans or "{}").items()},
                }  # fmt: skip
                for r in s.scalars(q.order_by(ArticleRow.ingested_at, ArticleRow.article_id))
            ]

    def failed_count(self) -> int:
        """How many articles are stored as failed."""
        with Session(self.engine) as s:
            q = select(func.count()).select_from(ArticleRow).where(ArticleRow.status == "failed")
            return s.scalar(q) or 0

    def _add_problem(self, s: Session, p: Problem, now: datetime, article_id: str | None = None) -> None:
        source, message = _storable(p.source), _storable(p.message)
        exists = s.scalar(select(ProblemRow.id).where(ProblemRow.source == source, ProblemRow.code == p.code))
        if exists is None:
            s.add(ProblemRow(source=source, code=p.code, message=message, at=now, article_id=article_id))
            s.flush()

    def add_problem(self, problem: Problem) -> None:
        """Record a problem once per (source, code); later repeats are ignored."""
        try:
            with self._tx() as s:
                self._add_problem(s, problem, _now())
        except IntegrityError:  # a concurrent writer recorded the same one
            pass

    # -- reading events (one filter path: ``filters.EventFilters``) ---------------------------

    def events(self, filters: EventFilters | None = None, *, limit: int | None = None,
               **params: str | date | int | None) -> list[dict[str, Any]]:  # fmt: skip
        """Event records matching every filter, in ``sort`` order (event_date, undated last) then event_id.

        ``filters``, or the same filters as keyword parameters (``country=``, ``since=``, … as
        :func:`filters.make_filters` takes them; bad values raise ``FilterError``, a ValueError)."""
        if filters is not None and params:
            raise TypeError("events(): pass an EventFilters or keyword filters, not both")
        f = filters if filters is not None else make_filters(**params)  # type: ignore[arg-type]
        return list(self.stream_events(f, fields=None, limit=limit, after=None))

    def event_page(self, filters: EventFilters, *, fields: list[str] | None, limit: int,
                   after: query.Cursor | None) -> tuple[list[dict[str, Any]], query.Cursor | None]:  # fmt: skip
        """One keyset page (records, or only ``fields``) and the cursor of the next, if any."""
        return query.event_page(self.engine, filters, fields=fields, limit=limit, after=after,
                                actor_names=self.rules.actor_names)  # fmt: skip

    def stream_events(self, filters: EventFilters, *, fields: list[str] | None, limit: int | None,
                      after: query.Cursor | None) -> Iterator[dict[str, Any]]:  # fmt: skip
        """The rows of successive pages, in page order."""
        return query.stream_events(self.engine, filters, fields, limit, after, self.rules.actor_names)

    def aggregate(
        self, filters: EventFilters, by: str, group: str | None, limit: int
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Buckets (up to ``limit + 1``) and imprecise counts: ``aggregates.aggregate``."""
        return aggregates.aggregate(self.engine, filters, by, group, limit, self.rules.actor_names)

    def actor_summary(self, filters: EventFilters, names: list[str], top: int) -> dict[str, Any]:
        """An actor's events (any of ``names``, any role): ``aggregates.actor_summary``."""
        return aggregates.actor_summary(self.engine, filters, names, top, self.rules.actor_names)

    def place_summary(self, filters: EventFilters, key: str, top: int) -> dict[str, Any] | None:
        """A place's events (GeoNames id or name): ``aggregates.place_summary``."""
        return aggregates.place_summary(self.engine, filters, key, top, self.rules.actor_names)

    def event(self, event_id: str) -> dict[str, Any] | None:
        """The event record; an id absorbed by a merge gives the event that holds it now."""
        return query.event(self.engine, event_id)

    def merge_events(self, keep: str, absorb: str) -> bool:
        """``keep`` absorbs ``absorb`` (``Rules.merge_event``; ``absorb`` redirects to ``keep``)."""
        with self._tx() as s:
            return merge_events(s, self.rules, keep, absorb, _now())

    def delete_event(self, event_id: str) -> bool:
        """Delete an event (a ``deleted`` change in the feed); False when there is none."""
        with self._tx() as s:
            return delete_event(s, event_id, _now())

    def citing_events(self, article_id: str) -> list[str]:
        """Ids of the events with evidence in the article, sorted."""
        q = select(EvidenceRow.event_id).where(EvidenceRow.article_id == article_id).distinct()
        with Session(self.engine) as s:
            return sorted(s.scalars(q))

    def actors(self, q: str | None, country: str | None, limit: int) -> list[tuple[str, int]]:
        """(name, number of events) for actors in any role, most frequent first."""
        return query.actor_counts(self.engine, q, country, limit)

    def places(self, q: str | None, country: str | None, limit: int) -> list[dict[str, Any]]:
        return query.places(self.engine, q, country, limit)

    def changes(self, *, since_seq: int | None = None, since_at: datetime | None = None,
                limit: int = 1000) -> list[dict[str, Any]]:  # fmt: skip
        """The changes feed after a ``seq`` (or at/after an instant), oldest first."""
        return query.changes(self.engine, since_seq=since_seq, since_at=since_at, limit=limit)

    def stats(self) -> dict[str, Any]:
        """Counts, first/last event date, events per type and per country."""
        return {**self.counts(), **query.value_counts(self.engine)}

    # -- reading the rest ------------------------------------------------------------------

    def claims(self, subject: str | None = None) -> list[dict[str, Any]]:
        """Stored claims (oldest publication first), with their cross-article status."""
        with Session(self.engine) as s:
            q = select(ClaimRow).order_by(ClaimRow.published, ClaimRow.claim_id)
            if subject:
                q = q.where(func.lower(ClaimRow.subject) == subject.lower())
            return [
                {
                    **json.loads(r.record),
                    "article_id": r.article_id,
                    "published": r.published,
                    "status": r.status,
                    "superseded_by": r.superseded_by,
                }  # fmt: skip
                for r in s.scalars(q)
            ]

    def article(self, article_id: str) -> dict[str, Any] | None:
        """The stored article as a dict, with ``segments`` in text order."""
        with Session(self.engine) as s:
            row = s.get(ArticleRow, article_id)
            if row is None:
                return None
            segs = s.scalars(
                select(SegmentRow).where(SegmentRow.article_id == article_id).order_by(SegmentRow.id)
            )
            return {
                "article_id": row.article_id, "text": row.text, "title": row.title, "published": row.published,
                "publisher": row.publisher, "url": row.url, "source_path": row.source_path,
                "input_format": row.input_format,
                "meta_spans": {k: tuple(v) for k, v in json.loads(row.meta_spans or "{}").items()},
                "ingested_at": row.ingested_at.isoformat(),
                "segments": [
                    {"start": g.start, "end": g.end, "kind": g.kind, "removed": g.removed, "reason": g.reason}
                    for g in segs
                ],
            }  # fmt: skip

    def counts(self) -> dict[str, int]:
        with Session(self.engine) as s:
            return {
                name: s.scalar(select(func.count()).select_from(table)) or 0
                for name, table in (("articles", ArticleRow), ("events", EventRow), ("problems", ProblemRow))
            }

    def problems(self) -> list[dict[str, Any]]:
        with Session(self.engine) as s:
            rows = s.scalars(select(ProblemRow).order_by(ProblemRow.id))
            return [
                {
                    "source": p.source,
                    "code": p.code,
                    "message": p.message,
                    "at": p.at.isoformat(),
                    "article_id": p.article_id,
                }  # fmt: skip
                for p in rows
            ]

    def drops(self, article_id: str | None = None, reason: str | None = None,
              limit: int | None = None) -> list[dict[str, Any]]:  # fmt: skip
        """Stored drops (``records.Drop.to_dict()`` plus ``sentence_text`` and ``trigger_text``
        from the article), in the order written; of one article and/or one reason."""
        q = select(DropRow, ArticleRow.text).join(ArticleRow, ArticleRow.article_id == DropRow.article_id)
        if article_id is not None:
            q = q.where(DropRow.article_id == article_id)
        if reason is not None:
            q = q.where(DropRow.reason == reason)
        out = []
        with Session(self.engine) as s:
            for d, text in s.execute(q.order_by(DropRow.id).limit(limit)):
                sentence = None if d.sentence_start is None else (d.sentence_start, d.sentence_end)
                trigger = None if d.trigger_start is None else (d.trigger_start, d.trigger_end)
                drop = Drop(d.article_id, d.stage, d.reason, d.detail, sentence, trigger, d.event_type,
                            d.sub_event_type)  # fmt: skip
                out.append(
                    {
                        **drop.to_dict(),
                        "sentence_text": text[slice(*sentence)] if sentence else None,
                        "trigger_text": text[slice(*trigger)] if trigger else None,
                    }
                )
        return out

    def drop_counts(self, article_id: str | None = None) -> dict[str, int]:
        """Stored drops per reason (of one article, or all), most frequent first."""
        q = select(DropRow.reason, func.count()).group_by(DropRow.reason)
        if article_id is not None:
            q = q.where(DropRow.article_id == article_id)
        with Session(self.engine) as s:
            rows = s.execute(q).all()
        return dict(sorted(((r, n) for r, n in rows), key=lambda x: (-x[1], x[0])))
