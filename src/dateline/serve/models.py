"""Response schemas, for the OpenAPI document (handlers build plain dicts). The event's are
generated from ``records.Event`` (tests/test_records.py fails if they drift)."""

from __future__ import annotations

import dataclasses
from typing import Any, get_type_hints

from pydantic import BaseModel, ConfigDict, Field, create_model

from .. import records


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


def _model(
    cls: type,
    name: str,
    *,
    optional: bool = False,
    nested: dict[str, Any] | None = None,
    exclude: tuple[str, ...] = (),
    also: dict[str, Any] | None = None,
    base: type[BaseModel] = _Open,
    doc: str | None = None,
) -> Any:
    """A response model with the fields of the record dataclass ``cls``, in its order, then
    the fields ``also`` adds: ``nested`` replaces a field's type, ``optional`` makes every
    field ``T | None = None`` (what ``fields=`` needs: only the requested keys are present)."""
    hints = get_type_hints(cls)
    definitions: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name in exclude:
            continue
        kind = (nested or {}).get(f.name, hints[f.name])
        if optional:
            definitions[f.name] = (kind | None, None)
        elif f.default is not dataclasses.MISSING:
            definitions[f.name] = (kind, f.default)
        elif f.default_factory is not dataclasses.MISSING:
            definitions[f.name] = (kind, Field(default_factory=f.default_factory))
        else:
            definitions[f.name] = (kind, ...)
    definitions |= also or {}
    return create_model(name, __base__=base, __module__=__name__, __doc__=doc, **definitions)


Evidence = _model(
    records.Evidence, "Evidence", doc="A span of an article that supports one field of the record."
)
# In an event, a claim's spans are part of the event's evidence (field "claims").
EventClaim = _model(
    records.Claim,
    "EventClaim",
    exclude=("evidence",),
    doc="A whereabouts claim made in the event's sentences.",
)
Event = _model(
    records.Event,
    "Event",
    optional=True,
    nested={"evidence": list[Evidence], "claims": list[EventClaim]},
    doc="An event record; with ``fields=`` only the requested keys are present.",
)


Drop = _model(
    records.Drop,
    "Drop",
    also={"sentence_text": (str | None, None), "trigger_text": (str | None, None)},
    doc="An event candidate that was not coded, with its reason (docs/drops.md) and its words.",
)


class Drops(BaseModel):
    drops: list[Drop]
    counts: dict[str, int]


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


class Imprecise(BaseModel):
    """Events of a group whose interval is not inside one period (counted in no bucket)."""

    group: str | None = None
    events: int
    fatalities: int


class Aggregate(BaseModel):
    by: str
    group: str | None = None
    buckets: list[Bucket]
    truncated: bool
    imprecise: list[Imprecise]


class TypeCount(BaseModel):
    event_type: str | None = None
    events: int
    fatalities: int


class MonthCount(BaseModel):
    period: str
    events: int
    fatalities: int


class NameCount(BaseModel):
    name: str
    events: int


class PlaceCount(BaseModel):
    location: str | None = None
    admin1: str | None = None
    country: str | None = None
    geonameid: int | None = None
    events: int


class _Summary(BaseModel):
    events: int
    fatalities: int
    first_date: str | None = None
    last_date: str | None = None
    by_type: list[TypeCount]
    by_month: list[MonthCount]
    places: list[PlaceCount]


class ActorSummary(_Summary):
    """One actor's events (docs/api.md, "Summaries")."""

    name: str
    kind: str | None = None
    inter: int | None = None
    aliases: list[str]
    roles: dict[str, int]
    partners: list[NameCount]


class PlaceSummary(_Summary):
    """One place's events (docs/api.md, "Summaries")."""

    key: str
    level: str
    name: str | int | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    geonameid: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    actors: list[NameCount]


class Actor(BaseModel):
    name: str
    events: int
    kind: str | None = None
    inter: int | None = None
    aliases: list[str]


# A stored claim: the record's fields and the article that makes it (GET /claims).
Claim = _model(
    records.Claim,
    "Claim",
    base=BaseModel,
    nested={"evidence": list[dict[str, Any]]},
    also={"article_id": (str, ...), "published": (str | None, None)},
)


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
