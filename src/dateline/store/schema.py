"""The store's tables (SQLAlchemy 2 ORM), in portable types only.

``EventRow``'s columns are derived from :class:`dateline.records.Event`: one column per scalar
field, typed from the field's hint, plus the store's own ``record`` (the whole event as JSON) and
``updated_at``. ``tests/test_store.py`` fails if the row and the record drift apart.
"""

from __future__ import annotations

import typing
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeEngine

from ..records import EVENT_SCALAR_FIELDS, Event

__all__ = [
    "ARTICLE_STATUSES",
    "ArticleRow",
    "Base",
    "CHANGE_KINDS",
    "ChangeRow",
    "ClaimRow",
    "CopyRow",
    "DropRow",
    "EventRow",
    "EvidenceRow",
    "ProblemRow",
    "RECORD_ONLY",
    "RedirectRow",
    "SCALAR_FIELDS",
    "SegmentRow",
    "SignatureRow",
]

#: What ``changes`` rows say happened to an event: ``merged`` (the event was absorbed ``into``
#: another, which keeps the older id; its id redirects there) and ``deleted``.
CHANGE_KINDS: tuple[str, ...] = ("created", "updated", "merged", "deleted")

#: ``articles.status``: stored for good, failed and tried again by the next ingest, or gated
#: (skipped by the relevance gate: annotated by an ingest with the gate off).
ARTICLE_STATUSES: tuple[str, ...] = ("done", "failed", "gated")

#: Scalar fields of the event record kept only in the JSON ``record``, not as columns:
#: ``confidence`` is a ranking score no query filters or sorts on, and a column would need a
#: migration of every stored file for nothing.
RECORD_ONLY: tuple[str, ...] = ("confidence",)
# (``tolls`` is a list: record only, like evidence.)

# String lengths of the event columns (unlisted text fields are unbounded ``Text``): ISO dates,
# vocabulary codes and names that filters compare; they are what the schema had before derivation.
_LENGTHS: dict[str, int] = {
    "event_date": 10, "event_date_end": 10, "event_type": 64, "sub_event_type": 64, "plover_type": 64,
    "plover_mode": 64, "cameo_root": 2, "country": 128, "iso3": 3, "admin1": 128, "admin2": 128,
    "certainty": 16, "source_scale": 64,
}  # fmt: skip
_INDEXED = frozenset({"event_type", "iso3"})


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
    # 'done', or 'failed': the pipeline or the store failed on it (its problems say why); a failed
    # article does not count as stored, so the next ingest of its input tries it again; 'gated':
    # the relevance gate skipped it (not annotated), so an ingest with the gate off annotates it.
    status: Mapped[str] = mapped_column(String(8), default="done", server_default="done")


class SegmentRow(Base):
    __tablename__ = "segments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.article_id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    removed: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str | None] = mapped_column(Text)


def sql_type(name: str, hint: Any) -> TypeEngine[Any]:
    """The column type of an ``Event`` field from its type hint (``X | None`` → nullable X)."""
    args = [a for a in typing.get_args(hint) if a is not type(None)] or [hint]
    base = args[0]
    if base is str:
        return String(_LENGTHS[name]) if name in _LENGTHS else Text()
    if base is int:
        return Integer()
    if base is float:
        return Float()
    raise TypeError(f"Event.{name}: no column type for {hint!r}")


def _event_columns() -> dict[str, Any]:
    hints = typing.get_type_hints(Event)
    cols: dict[str, Any] = {}
    for name in EVENT_SCALAR_FIELDS:
        if name in RECORD_ONLY:
            continue
        if name == "event_id":
            cols[name] = mapped_column(String, primary_key=True)
        else:
            cols[name] = mapped_column(sql_type(name, hints[name]), nullable=True, index=name in _INDEXED)
    return cols


class EventRow(Base):
    """One event: a column per scalar field of ``records.Event`` (set below), then the store's own."""

    __tablename__ = "events"
    if typing.TYPE_CHECKING:  # the derived columns, for type checkers
        event_id: Mapped[str]
        event_date: Mapped[str | None]

    locals().update(_event_columns())
    record: Mapped[str] = mapped_column(Text)  # the whole event as JSON
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class EvidenceRow(Base):
    __tablename__ = "evidence"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.event_id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(64))
    article_id: Mapped[str] = mapped_column(String, index=True)  # no FK: an event may cite any article
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
    article_id: Mapped[str | None] = mapped_column(String)  # the article it is about, if one


class ChangeRow(Base):
    """One row per event write, in order: the feed behind ``GET /changes``."""

    __tablename__ = "changes"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String, index=True)
    kind: Mapped[str] = mapped_column(String(16))  # one of CHANGE_KINDS
    # For ``merged``: the surviving event the absorbed one went into.
    into_id: Mapped[str | None] = mapped_column(String)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class RedirectRow(Base):
    """An event id absorbed by a merge and the event that holds it now (``Store.event`` follows it:
    ids users saw stay valid)."""

    __tablename__ = "event_redirects"
    absorbed_id: Mapped[str] = mapped_column(String, primary_key=True)
    event_id: Mapped[str] = mapped_column(String, index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


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


class DropRow(Base):
    """An event candidate the pipeline did not code (``records.Drop``), written with its article:
    stored once, since an article is stored once. Offsets point into the article's text."""

    __tablename__ = "drops"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.article_id", ondelete="CASCADE"), index=True)
    stage: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(32), index=True)
    detail: Mapped[str] = mapped_column(Text, default="")
    sentence_start: Mapped[int | None] = mapped_column(Integer)
    sentence_end: Mapped[int | None] = mapped_column(Integer)
    trigger_start: Mapped[int | None] = mapped_column(Integer)
    trigger_end: Mapped[int | None] = mapped_column(Integer)
    event_type: Mapped[str | None] = mapped_column(String(64))
    sub_event_type: Mapped[str | None] = mapped_column(String(64))


class CopyRow(Base):
    """A stored article found to be a near-copy of another (``copies.py``): it was not extracted;
    the original's events cite it as a source (``store/copies.py``)."""

    __tablename__ = "copies"
    article_id: Mapped[str] = mapped_column(String, primary_key=True)  # the copy
    copy_of: Mapped[str] = mapped_column(String, index=True)  # the original's article_id
    jaccard: Mapped[float] = mapped_column(Float)  # the MinHash estimate of their bodies' similarity
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SignatureRow(Base):
    """An original article's MinHash signature, kept so that a new ingest rebuilds the index of
    originals without re-reading every text; ``params`` says how it was made (a signature made
    with other settings is made again from the stored text)."""

    __tablename__ = "signatures"
    article_id: Mapped[str] = mapped_column(String, primary_key=True)
    params: Mapped[str] = mapped_column(String(64))
    hashes: Mapped[bytes] = mapped_column(LargeBinary)
    figures: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of the figures it states


Index("ix_events_date_id", EventRow.event_date, EventRow.event_id)

#: Event record fields stored as their own columns (every scalar field but ``RECORD_ONLY``).
SCALAR_FIELDS: tuple[str, ...] = tuple(
    c.name for c in EventRow.__table__.columns if c.name not in ("record", "updated_at")
)
