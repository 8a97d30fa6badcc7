"""Response schemas, for the OpenAPI document (handlers build plain dicts)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Evidence(_Open):
    field: str
    article_id: str
    start: int
    end: int
    text: str


class Event(_Open):
    """An event record; with ``fields=`` only the requested keys are present."""

    event_id: str | None = None
    event_date: str | None = None
    event_date_end: str | None = None
    time_precision: int | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    plover_type: str | None = None
    plover_mode: str | None = None
    cameo_root: str | None = None
    actor1: str | None = None
    assoc_actor_1: str | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter1: int | None = None
    inter2: int | None = None
    country: str | None = None
    iso3: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    geonameid: int | None = None
    fatalities: int | None = None
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    certainty: str | None = None
    attribution: str | None = None
    source: str | None = None
    source_scale: str | None = None
    notes: str | None = None
    article_ids: list[str] | None = None
    evidence: list[Evidence] | None = None


class Links(BaseModel):
    next: str | None = None


class EventPage(BaseModel):
    events: list[Event]
    count: int
    next: str | None = None
    links: Links


class Segment(_Open):
    start: int
    end: int
    kind: str
    removed: bool
    reason: str | None = None


class SourceArticle(_Open):
    article_id: str
    found: bool
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    url: str | None = None


class EventDetail(Event):
    """The record; each evidence item also carries the paragraph (``segment``, ``context``) it sits in."""

    articles: list[SourceArticle] = []


class Article(_Open):
    article_id: str
    text: str
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    url: str | None = None
    segments: list[Segment]
    removed: list[dict[str, Any]]
    events: list[str]


class Bucket(BaseModel):
    period: str
    group: str | None = None
    events: int
    fatalities: int


class Aggregate(BaseModel):
    by: str
    group: str | None = None
    buckets: list[Bucket]
    truncated: bool


class Actor(BaseModel):
    name: str
    events: int
    kind: str | None = None
    inter: int | None = None
    aliases: list[str]


class Claim(BaseModel):
    claim_id: str
    subject: str
    location: str
    iso3: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    certainty: str
    recency: str
    status: str
    superseded_by: str | None = None
    conflicts_with: list[str] = []
    article_id: str
    published: str | None = None
    evidence: list[dict[str, Any]] = []


class Place(BaseModel):
    location: str | None = None
    admin2: str | None = None
    admin1: str | None = None
    country: str | None = None
    iso3: str | None = None
    geonameid: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    events: int


class Change(BaseModel):
    seq: int
    event_id: str
    kind: str
    into: str | None = None
    at: str


class Changes(BaseModel):
    changes: list[Change]
    next: int


class Stats(BaseModel):
    articles: int
    events: int
    first_date: str | None = None
    last_date: str | None = None
    event_types: dict[str, int]
    countries: dict[str, int]
