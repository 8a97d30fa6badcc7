"""The store: articles, their segments, events with evidence, and problems.

SQLAlchemy 2 ORM over embedded SQLite by default (WAL, foreign keys on); the schema uses
only portable types so the same code runs on PostgreSQL given a ``postgresql://`` URL.
Each event is kept twice: as scalar columns for filtering and as its whole JSON record,
which is what :meth:`Store.events` returns. See ``docs/store.md``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    or_,
    select,
    update,
)
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.pool import StaticPool

from .records import Problem, Result

__all__ = ["Store", "SCALAR_FIELDS", "CHANGE_KINDS"]

#: What ``changes`` rows say happened to an event.
CHANGE_KINDS: tuple[str, ...] = ("created", "updated", "deleted", "merged")


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
    __tablename__ = "articles"
    article_id: Mapped[str] = mapped_column(String, primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(40))
    publisher: Mapped[str | None] = mapped_column(String)
    url: Mapped[str | None] = mapped_column(Text)
    source_path: Mapped[str | None] = mapped_column(Text)
    input_format: Mapped[str] = mapped_column(String(16))
    meta_spans: Mapped[str] = mapped_column(Text, default="{}")  # JSON: field -> [start, end]
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SegmentRow(Base):
    __tablename__ = "segments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.article_id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    removed: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str | None] = mapped_column(Text)


class EventRow(Base):
    __tablename__ = "events"
    event_id: Mapped[str] = mapped_column(String, primary_key=True)
    event_date: Mapped[str | None] = mapped_column(String(10))  # ISO YYYY-MM-DD; ix_events_date_id
    event_date_end: Mapped[str | None] = mapped_column(String(10))
    time_precision: Mapped[int | None] = mapped_column(Integer)
    event_type: Mapped[str | None] = mapped_column(String(64), index=True)
    sub_event_type: Mapped[str | None] = mapped_column(String(64))
    plover_type: Mapped[str | None] = mapped_column(String(64))
    plover_mode: Mapped[str | None] = mapped_column(String(64))
    cameo_root: Mapped[str | None] = mapped_column(String(2))
    actor1: Mapped[str | None] = mapped_column(Text)
    assoc_actor_1: Mapped[str | None] = mapped_column(Text)
    actor2: Mapped[str | None] = mapped_column(Text)
    assoc_actor_2: Mapped[str | None] = mapped_column(Text)
    inter1: Mapped[int | None] = mapped_column(Integer)
    inter2: Mapped[int | None] = mapped_column(Integer)
    country: Mapped[str | None] = mapped_column(String(128))
    iso3: Mapped[str | None] = mapped_column(String(3), index=True)
    admin1: Mapped[str | None] = mapped_column(String(128))
    admin2: Mapped[str | None] = mapped_column(String(128))
    location: Mapped[str | None] = mapped_column(Text)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    geonameid: Mapped[int | None] = mapped_column(Integer)
    fatalities: Mapped[int | None] = mapped_column(Integer)
    fatalities_low: Mapped[int | None] = mapped_column(Integer)
    fatalities_high: Mapped[int | None] = mapped_column(Integer)
    certainty: Mapped[str | None] = mapped_column(String(16))
    attribution: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    source_scale: Mapped[str | None] = mapped_column(String(64))
    notes: Mapped[str | None] = mapped_column(Text)
    record: Mapped[str] = mapped_column(Text)  # the whole event as JSON
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class EvidenceRow(Base):
    __tablename__ = "evidence"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.event_id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(64))
    article_id: Mapped[str] = mapped_column(String, index=True)  # no FK: merged events may cite others
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class ProblemRow(Base):
    __tablename__ = "problems"
    __table_args__ = (UniqueConstraint("source", "code", name="uq_problems_source_code"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(String)
    code: Mapped[str] = mapped_column(String(64))
    message: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ChangeRow(Base):
    """One row per event write, in order: the feed behind ``GET /changes``."""

    __tablename__ = "changes"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String, index=True)
    kind: Mapped[str] = mapped_column(String(16))  # one of CHANGE_KINDS
    into_id: Mapped[str | None] = mapped_column(String)  # for "merged": the surviving event
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class ClaimRow(Base):
    """A whereabouts claim ("X is in P"), kept as said; ``status`` and ``superseded_by`` link
    it to newer claims about the same subject, from this article or later ones."""

    __tablename__ = "claims"
    claim_id: Mapped[str] = mapped_column(String, primary_key=True)
    article_id: Mapped[str] = mapped_column(String, index=True)
    subject: Mapped[str] = mapped_column(String, index=True)
    location: Mapped[str] = mapped_column(String)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    published: Mapped[str | None] = mapped_column(String)
    recency: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    superseded_by: Mapped[str | None] = mapped_column(String)
    record: Mapped[str] = mapped_column(Text)  # the claim as extracted, with its evidence


Index("ix_events_date_id", EventRow.event_date, EventRow.event_id)

# Added after the first release: created with IF NOT EXISTS on every open, so older files gain them.
_PORTABLE_DDL = (
    "CREATE INDEX IF NOT EXISTS ix_events_admin1 ON events (admin1)",
    "CREATE INDEX IF NOT EXISTS ix_events_updated_at ON events (updated_at)",
)
# Without SQLite's R*Tree, bounding boxes use a plain index.
_OTHER_DDL = ("CREATE INDEX IF NOT EXISTS ix_events_lat_lon ON events (latitude, longitude)",)


def _index_rows(e: str, where: str) -> tuple[str, str]:
    """INSERT … SELECT statements adding the R*Tree and FTS rows of events ``e`` (a row alias)."""
    day = "CAST(julianday({}) - 2440587.5 AS INTEGER)"  # days since 1970-01-01

    def cat(*cols: str) -> str:
        return " || ' ' || ".join(f"coalesce({e}.{c}, '')" for c in cols)

    rtree = (
        f"INSERT INTO event_rtree SELECT k.k, {e}.longitude, {e}.longitude, {e}.latitude, {e}.latitude,"
        f" coalesce({day.format(f'{e}.event_date')}, 0),"
        f" coalesce({day.format(f'coalesce({e}.event_date_end, {e}.event_date)')}, 0)"
        f" {where} AND {e}.latitude IS NOT NULL AND {e}.longitude IS NOT NULL"
    )
    fts = (
        f"INSERT INTO event_fts (rowid, notes, actors, place) SELECT k.k, coalesce({e}.notes, ''),"
        f" {cat('actor1', 'assoc_actor_1', 'actor2', 'assoc_actor_2')},"
        f" {cat('location', 'admin2', 'admin1', 'country', 'iso3')} {where}"
    )
    return rtree, fts


_SPAN = "CAST(julianday(coalesce({e}.event_date_end, {e}.event_date)) - julianday({e}.event_date) AS INTEGER)"
# The longest [event_date, event_date_end] span, in days (never lowered): lets "ends on or after X"
# become the index range "starts on or after X minus that span".
_MAX_SPAN = (
    "INSERT INTO event_stats (name, value) SELECT 'max_span_days', coalesce(max({span}), 0) {src}"
    " ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)"
)
_NEW = _index_rows("new", "FROM event_keys k WHERE k.event_id = new.event_id")
_ALL = _index_rows("e", "FROM events e JOIN event_keys k ON k.event_id = e.event_id WHERE 1")
_ADD = (
    "INSERT OR IGNORE INTO event_keys (event_id) VALUES (new.event_id); "
    + "; ".join(_NEW)
    + "; "
    + _MAX_SPAN.format(span=_SPAN.format(e="new"), src="WHERE true")
    + ";"
)
_OLD_KEY = "(SELECT k FROM event_keys WHERE event_id = old.event_id)"
_DROP = f"DELETE FROM event_rtree WHERE k = {_OLD_KEY}; DELETE FROM event_fts WHERE rowid = {_OLD_KEY};"
# SQLite only: an R*Tree over (longitude, latitude, day range) and an FTS5 index over notes, actors
# and places, both keyed by event_keys.k and kept current by triggers, whoever writes the events.
_SQLITE_DDL = (
    "CREATE TABLE IF NOT EXISTS event_keys (k INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE)",
    "CREATE TABLE IF NOT EXISTS event_stats (name TEXT PRIMARY KEY, value INTEGER NOT NULL)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS event_rtree USING rtree(k, min_lon, max_lon, min_lat, max_lat,"
    " min_day, max_day)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS event_fts USING fts5(notes, actors, place,"
    " tokenize = 'unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER IF NOT EXISTS events_ix_ai AFTER INSERT ON events BEGIN {_ADD} END",
    f"CREATE TRIGGER IF NOT EXISTS events_ix_au AFTER UPDATE ON events BEGIN {_DROP} {_ADD} END",
    f"CREATE TRIGGER IF NOT EXISTS events_ix_ad AFTER DELETE ON events BEGIN {_DROP}"
    " DELETE FROM event_keys WHERE event_id = old.event_id; END",
)
# For files written before the triggers existed: index every event once.
_SQLITE_BACKFILL = (
    "INSERT OR IGNORE INTO event_keys (event_id) SELECT event_id FROM events",
    "DELETE FROM event_rtree",
    "DELETE FROM event_fts",
    *_ALL,
    _MAX_SPAN.format(span=_SPAN.format(e="e"), src="FROM events e WHERE true"),
)


def _cameo_root(record: dict[str, Any]) -> str | None:
    from .extract.cameo import cameo_root

    return cameo_root(record.get("plover_type"), record.get("plover_mode"), record.get("sub_event_type"))


# Event columns added after the first release: (name, SQL type, value for a stored record). A file
# that lacks one gains it on open, filled in (column and JSON record) from each event's record.
_ADDED_COLUMNS = (("cameo_root", "VARCHAR(2)", _cameo_root),)


def _add_columns(conn: Any) -> None:
    have = {c["name"] for c in sa_inspect(conn).get_columns("events")}
    table = EventRow.__table__
    for name, sql_type, fill in _ADDED_COLUMNS:
        if name in have:
            continue
        conn.exec_driver_sql(f"ALTER TABLE events ADD COLUMN {name} {sql_type}")
        stmt = update(table).where(table.c.event_id == bindparam("id"))
        stmt = stmt.values({name: bindparam("v"), "record": bindparam("rec")})
        last = ""
        while True:  # in batches, by event_id
            q = select(table.c.event_id, table.c.record).where(table.c.event_id > last)
            rows = conn.execute(q.order_by(table.c.event_id).limit(5000)).all()
            if not rows:
                break
            params = []
            for event_id, raw in rows:
                record = json.loads(raw)
                record[name] = record[name] if name in record else fill(record)
                rec = json.dumps(record, ensure_ascii=False, sort_keys=True)
                params.append({"id": event_id, "v": record[name], "rec": rec})
            conn.execute(stmt, params)
            last = rows[-1][0]


def _migrate(engine: Engine) -> None:
    """Backwards-compatible additions to an existing schema (idempotent)."""
    with engine.begin() as conn:
        for ddl in _PORTABLE_DDL:
            conn.exec_driver_sql(ddl)
        _add_columns(conn)
        if engine.dialect.name != "sqlite":
            for ddl in _OTHER_DDL:
                conn.exec_driver_sql(ddl)
            return
        had = conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'events_ix_ad'").first()
        for ddl in _SQLITE_DDL:
            conn.exec_driver_sql(ddl)
        if had is None:
            for ddl in _SQLITE_BACKFILL:
                conn.exec_driver_sql(ddl)


#: Event contract fields stored as their own columns (everything but article_ids and evidence).
SCALAR_FIELDS: tuple[str, ...] = tuple(
    c.name for c in EventRow.__table__.columns if c.name not in ("record", "updated_at")
)


def _url(url_or_path: str | os.PathLike[str]) -> str:
    s = os.fspath(url_or_path)
    if "://" in s:
        return s
    if s != ":memory:":
        Path(s).expanduser().parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{s}"


def _make_engine(url: str, read_only: bool = False) -> Engine:
    if not url.startswith("sqlite"):
        opts = {"options": "-c default_transaction_read_only=on"} if read_only else {}
        return create_engine(url, pool_pre_ping=True, connect_args=opts)
    memory = url in ("sqlite://", "sqlite:///:memory:") or "mode=memory" in url
    kw: dict[str, Any] = {"connect_args": {"check_same_thread": False, "timeout": 30}}
    if memory:
        kw["poolclass"] = StaticPool  # one shared connection, else each one sees an empty DB
    engine = create_engine(url, **kw)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        if not memory:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        if read_only:
            cur.execute("PRAGMA query_only=ON")
        cur.close()

    return engine


def _bound(value: str | date, last: bool) -> str:
    """An ISO date bound; ``YYYY`` or ``YYYY-MM`` widen to the first (or last) day."""
    if isinstance(value, date):
        return value.isoformat()
    v = value.strip()[:10]
    if len(v) == 4:
        v += "-12-31" if last else "-01-01"
    elif len(v) == 7:
        y, m = int(v[:4]), int(v[5:7])
        nxt = date(y + m // 12, m % 12 + 1, 1)
        v = (date.fromordinal(nxt.toordinal() - 1) if last else date(y, m, 1)).isoformat()
    return date.fromisoformat(v).isoformat()  # raises ValueError on anything else


def _now() -> datetime:
    return datetime.now(UTC)


def _merge(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Upsert rule: the new record's scalars win; article_ids, evidence and sources are unioned."""
    merged = dict(new)
    ids = list(old.get("article_ids") or [])
    merged["article_ids"] = ids + [a for a in new.get("article_ids") or [] if a not in ids]
    seen = {(e["field"], e["article_id"], e["start"], e["end"]) for e in old.get("evidence") or []}
    extra = [
        e
        for e in new.get("evidence") or []
        if (e["field"], e["article_id"], e["start"], e["end"]) not in seen
    ]
    merged["evidence"] = list(old.get("evidence") or []) + extra
    sources = [s.strip() for s in (old.get("source") or "").split(";") if s.strip()]
    sources += [
        s.strip() for s in (new.get("source") or "").split(";") if s.strip() and s.strip() not in sources
    ]
    merged["source"] = "; ".join(sources) or new.get("source")
    return merged


class Store:
    """Persistent store of processed articles, events and problems."""

    def __init__(self, url_or_path: str | os.PathLike[str], *, read_only: bool = False) -> None:
        """Open (creating or upgrading the schema); ``read_only`` then refuses every write."""
        self.url = _url(url_or_path)
        self.engine = _make_engine(self.url)
        Base.metadata.create_all(self.engine)
        _migrate(self.engine)
        if read_only:
            self.engine.dispose()
            self.engine = _make_engine(self.url, read_only=True)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _tx(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    # -- writing ---------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        with Session(self.engine) as s:
            return s.get(ArticleRow, article_id) is not None

    def add_result(self, result: Result) -> bool:
        """Store an article with its segments, events and problems in one transaction.

        Returns False, changing nothing, when the article is already stored."""
        a = result.article
        try:
            with self._tx() as s:
                if s.get(ArticleRow, a.article_id) is not None:
                    return False
                now = _now()
                s.add(
                    ArticleRow(
                        article_id=a.article_id,
                        text=a.text,
                        title=a.title,
                        published=a.published,
                        publisher=a.publisher,
                        url=a.url,
                        source_path=a.source_path,
                        input_format=a.input_format,
                        meta_spans=json.dumps({k: list(v) for k, v in a.meta_spans.items()}),
                        ingested_at=now,
                    )
                )
                s.flush()  # the article row must exist before its segments (foreign key)
                s.add_all(
                    SegmentRow(
                        article_id=a.article_id,
                        start=g.start,
                        end=g.end,
                        kind=g.kind,
                        removed=g.removed,
                        reason=g.reason,
                    )
                    for g in result.segments
                )
                for ev in result.events:
                    self._upsert_event(s, ev.to_dict(), now)
                self._add_claims(s, result)
                for p in result.problems:
                    self._add_problem(s, p, now)
        except IntegrityError:
            if self.has_article(a.article_id):  # another writer stored it first
                return False
            raise
        return True

    def _add_claims(self, s: Session, result: Result) -> None:
        """Store the article's claims and link them to stored claims about the same subject
        from other articles: the one published later supersedes; neither is overwritten."""
        from .claims import newer_claim

        published = result.article.published
        for claim in (c.to_dict() for c in result.claims):
            if s.get(ClaimRow, claim["claim_id"]) is not None:
                continue
            row = ClaimRow(
                claim_id=claim["claim_id"],
                article_id=result.article.article_id,
                subject=claim["subject"],
                location=claim["location"],
                latitude=claim["latitude"],
                longitude=claim["longitude"],
                published=published,
                recency=claim["recency"],
                status=claim["status"],
                superseded_by=claim["superseded_by"],
                record=json.dumps(claim),
            )
            others = s.scalars(
                select(ClaimRow).where(ClaimRow.subject == row.subject, ClaimRow.article_id != row.article_id)
            ).all()
            for other in others:
                newer = newer_claim(row, other)
                if newer is None:
                    continue
                older = other if newer is row else row
                if older.status != "superseded":
                    older.status, older.superseded_by = "superseded", newer.claim_id
            s.add(row)

    def claims(self, subject: str | None = None) -> list[dict[str, Any]]:
        """Stored claims (oldest publication first), with their cross-article status."""
        with Session(self.engine) as s:
            query = select(ClaimRow).order_by(ClaimRow.published, ClaimRow.claim_id)
            if subject:
                query = query.where(func.lower(ClaimRow.subject) == subject.lower())
            return [
                {
                    **json.loads(r.record),
                    "article_id": r.article_id,
                    "published": r.published,
                    "status": r.status,
                    "superseded_by": r.superseded_by,
                }
                for r in s.scalars(query)
            ]

    def _upsert_event(self, s: Session, ev: dict[str, Any], now: datetime) -> None:
        row = s.get(EventRow, ev["event_id"])
        s.add(ChangeRow(event_id=ev["event_id"], kind="created" if row is None else "updated", at=now))
        record = _merge(json.loads(row.record), ev) if row is not None else dict(ev)
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
            )
            for e in record.get("evidence") or []
        )

    def _add_problem(self, s: Session, p: Problem, now: datetime) -> None:
        exists = s.scalar(
            select(ProblemRow.id).where(ProblemRow.source == p.source, ProblemRow.code == p.code)
        )
        if exists is None:
            s.add(ProblemRow(source=p.source, code=p.code, message=p.message, at=now))
            s.flush()

    def delete_event(self, event_id: str) -> bool:
        """Delete an event and its evidence; the deletion goes into the changes feed."""
        with self._tx() as s:
            row = s.get(EventRow, event_id)
            if row is None:
                return False
            s.delete(row)
            s.add(ChangeRow(event_id=event_id, kind="deleted", at=_now()))
        return True

    def merge_events(self, into: str, others: list[str]) -> bool:
        """Fold ``others`` into event ``into`` (evidence, articles and sources unioned, ``into``'s
        scalars kept), delete them, and record one ``merged`` change per folded event."""
        with self._tx() as s:
            keep = s.get(EventRow, into)
            rows = [r for r in (s.get(EventRow, o) for o in others if o != into) if r is not None]
            if keep is None or not rows:
                return False
            record = json.loads(keep.record)
            now = _now()
            for row in rows:
                folded = _merge(json.loads(row.record), record)
                record = {**folded, "article_ids": _merge(record, folded)["article_ids"]}
                s.delete(row)
                s.add(ChangeRow(event_id=row.event_id, kind="merged", into_id=into, at=now))
            s.flush()
            self._upsert_event(s, record, now)
        return True

    def changes(self, since: int = 0, limit: int = 1000) -> list[dict[str, Any]]:
        """Changes with ``seq`` greater than ``since``, oldest first."""
        q = select(ChangeRow).where(ChangeRow.seq > since).order_by(ChangeRow.seq).limit(limit)
        with Session(self.engine) as s:
            return [
                {"seq": c.seq, "event_id": c.event_id, "kind": c.kind, "into": c.into_id, "at": _iso(c.at)}
                for c in s.scalars(q)
            ]

    def add_problem(self, problem: Problem) -> None:
        """Record a problem once per (source, code); later repeats are ignored."""
        try:
            with self._tx() as s:
                self._add_problem(s, problem, _now())
        except IntegrityError:  # a concurrent writer recorded the same one
            pass

    # -- reading ---------------------------------------------------------------------------

    def events(
        self,
        *,
        country: str | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
        event_type: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Event records matching every given filter, by event_date (undated last) then event_id.

        ``since``/``until`` are inclusive and keep events whose [event_date, event_date_end]
        overlaps the range; undated events never match a date filter."""
        q = select(EventRow.record)
        if country:
            c = country.strip().lower()
            q = q.where(or_(func.lower(EventRow.country) == c, func.lower(EventRow.iso3) == c))
        if event_type:
            t = event_type.strip().lower()
            q = q.where(
                or_(
                    func.lower(EventRow.event_type) == t,
                    func.lower(EventRow.sub_event_type) == t,
                    func.lower(EventRow.plover_type) == t,
                )
            )
        if since is not None:
            q = q.where(func.coalesce(EventRow.event_date_end, EventRow.event_date) >= _bound(since, False))
        if until is not None:
            q = q.where(EventRow.event_date <= _bound(until, True))
        q = q.order_by(EventRow.event_date.is_(None), EventRow.event_date, EventRow.event_id)
        if limit is not None:
            q = q.limit(limit)
        with Session(self.engine) as s:
            return [json.loads(r) for r in s.scalars(q)]

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
                "article_id": row.article_id,
                "text": row.text,
                "title": row.title,
                "published": row.published,
                "publisher": row.publisher,
                "url": row.url,
                "source_path": row.source_path,
                "input_format": row.input_format,
                "meta_spans": {k: tuple(v) for k, v in json.loads(row.meta_spans or "{}").items()},
                "ingested_at": row.ingested_at.isoformat(),
                "segments": [
                    {"start": g.start, "end": g.end, "kind": g.kind, "removed": g.removed, "reason": g.reason}
                    for g in segs
                ],
            }

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
                {"source": p.source, "code": p.code, "message": p.message, "at": p.at.isoformat()}
                for p in rows
            ]


def _iso(at: datetime) -> str:
    """ISO 8601 in UTC (SQLite hands back naive datetimes; they were written in UTC)."""
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).isoformat()
