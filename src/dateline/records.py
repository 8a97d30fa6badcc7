"""Plain records passed between pipeline stages.

Every stage is a plain function over these dataclasses (no engine, no database, no
spaCy objects cross a stage boundary except inside ``Annotated``), so the same code
runs in-process, in a process pool and on Dask. Offsets are character offsets into
``Article.text``, the stored article text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


@dataclass
class Article:
    """One article as read. ``text`` is what is stored; every offset points into it."""

    article_id: str
    text: str
    title: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    publisher: str | None = None
    url: str | None = None
    source_path: str | None = None
    input_format: str = "text"  # text | html | jsonl
    # Where metadata is visible in ``text``: field name -> (start, end).
    meta_spans: dict[str, tuple[int, int]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Segment:
    """A paragraph-level piece of the article with what cleaning decided about it."""

    start: int
    end: int
    kind: str  # body | title | dateline | caption | masthead | teaser | photo_credit | duplicate | metadata
    removed: bool = False
    reason: str | None = None

    @property
    def usable(self) -> bool:
        """Whether events may be extracted from this segment."""
        return not self.removed and self.kind in ("body", "caption")


@dataclass
class Cleaned:
    article: Article
    segments: list[Segment]

    @property
    def removed(self) -> list[Segment]:
        return [s for s in self.segments if s.removed]


@dataclass
class Evidence:
    field: str
    article_id: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class TimeExpr:
    """A normalised temporal expression found in the text."""

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str  # TIMEX3 value, e.g. 2019-01-10, 2019-01, 2019-W06, P6M, PRESENT_REF
    date_start: str | None = None  # ISO date of the interval's first day, when it is a date
    date_end: str | None = None  # ISO date of the interval's last day
    precision: int | None = None  # 1 day, 2 week/range of days, 3 month or longer
    anchored: bool = False  # resolved relative to the publication date


@dataclass
class Place:
    """A gazetteer entry chosen for a toponym."""

    name: str
    geonameid: int | None
    latitude: float
    longitude: float
    country: str | None = None
    iso3: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    kind: str = "city"  # city | admin1 | admin2 | country | region | feature
    population: int = 0


@dataclass
class Problem:
    """A bad input: recorded with its reason, never fatal to the batch."""

    source: str
    code: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def __str__(self) -> str:
        return f"{self.source}: [{self.code}] {self.message}"


# Why an event candidate was dropped. The stage that drops it names one of these (a test
# fails when a stage uses a reason not listed, or a listed reason is undocumented).
DROP_REASONS: dict[str, str] = {
    "not_reportable": "the trigger's event did not (yet) happen: future, planned, conditional, habitual",
    "denied": "the report says the event did not happen",
    "hedged": "the event is only alleged or feared, too uncertain to code",
    "other_sense": "the trigger word does not report a conflict event here ('fired from his job', a general mention)",
    "background": "the event is background: long past, a biography, a cause of a later event",
    "aggregate": "a cumulative or aggregate figure over many events, not one event",
    "too_vague": "nothing codable: no type, place or time to tie it to one event",
    "out_of_scope": "outside the configured scope (--scope), as the event classifier or the event type says",
    "ordinary_crime": "a killing or abduction with no armed or political actor and no named group",
    "caption": "a photo caption, not a report",
    "not_english": "the article is not in English",
    "not_relevant": "the relevance gate is sure the article holds no event: stored, not parsed (its score in the detail)",
    "implausible": "a toll or date outside the plausible bounds (config): not used, the event kept without it",
    "police_activity": "the police acted (deployed, searched, arrested outside a conflict): no ACLED event, a finding",
}


@dataclass
class Drop:
    """An event candidate that was not coded, kept with its reason (``DROP_REASONS``), the stage
    that dropped it and the sentence and trigger (offsets into the article text)."""

    article_id: str
    stage: str  # read | relevance | extract | merge
    reason: str
    detail: str = ""
    sentence: tuple[int, int] | None = None
    trigger: tuple[int, int] | None = None
    event_type: str | None = None
    sub_event_type: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("sentence", "trigger"):
            out[key] = list(out[key]) if out[key] is not None else None
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Drop:
        data = dict(data)
        for key in ("sentence", "trigger"):
            if data.get(key) is not None:
                data[key] = tuple(data[key])
        return cls(**data)


@dataclass
class Result:
    """What ``process(article)`` returns: the article, its segments and its events."""

    article: Article
    segments: list[Segment]
    events: list[Event]
    problems: list[Problem] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)  # whereabouts claims, with evidence
    drops: list[Drop] = field(default_factory=list)  # event candidates not coded, with reasons


def gated(result: Result) -> bool:
    """Whether the relevance gate skipped the article (not annotated): the store keeps it as
    'gated', so that an ingest with the gate off annotates it then."""
    return not result.events and any(
        d.stage == "relevance" and d.reason == "not_relevant" for d in result.drops
    )


# ---------------------------------------------------------------------------------------------
# The event record: the one contract that export columns, the store's row and the API model are
# derived from (tests/test_records.py fails when they drift).


@dataclass
class Fatalities:
    """A death count found in one sentence: ACLED's conservative figure, a range kept as
    low/high, the words that say it and the victims' noun ("soldier"), when said."""

    best: int
    low: int | None
    high: int | None
    span: tuple[int, int]  # offsets into the article text (within the doc while extracting)
    victims: str | None = None


@dataclass
class Claim:
    """A whereabouts claim ("X was seen in Y") as stored and served, with its status among the
    other claims about the same subject and the spans that say it (``field`` "claims")."""

    claim_id: str
    subject: str
    location: str  # the place as the text names it
    iso3: str | None
    latitude: float | None
    longitude: float | None
    certainty: str
    recency: str  # earlier | unstated | current
    status: str = "current"  # current | superseded | conflicting
    superseded_by: str | None = None
    conflicts_with: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        values = dict(data)
        values["evidence"] = [Evidence(**e) for e in values.get("evidence") or []]
        return cls(**values)


@dataclass
class Toll:
    """One report's death toll of a merged event (``Event.tolls``): which article said it, when it
    was published and its figure (best, low, high), so conflicting tolls stay visible."""

    article_id: str
    published: str | None
    best: int
    low: int | None = None
    high: int | None = None
    source: str | None = None


@dataclass
class Event:
    """One real-world event as Dateline codes it (ACLED's fields, then Dateline's), in the
    contract's order. Every non-empty field has at least one ``Evidence`` naming it."""

    event_id: str
    event_date: str | None = None  # ISO date of the first day
    event_date_end: str | None = None  # ISO date of the last day
    time_precision: int | None = None  # 1 day, 2 week/range, 3 month or longer
    event_type: str | None = None
    sub_event_type: str | None = None
    plover_type: str | None = None
    plover_mode: str | None = None
    cameo_root: str | None = None  # two-digit text code ("08")
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
    geo_precision: int | None = None  # 1 place, 2 near/part of, 3 region
    geonameid: int | None = None
    fatalities: int | None = None
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    certainty: str | None = None  # confirmed | reported | believed | possible | denied
    attribution: str | None = None
    source: str | None = None
    source_scale: str | None = None
    confidence: float | None = None
    notes: str | None = None
    # Across articles (merge/across.py): distinct outlets and articles reporting the event, and
    # when the store last wrote it (epoch seconds; ACLED's ``timestamp``; None until stored).
    num_sources: int | None = None
    num_articles: int | None = None
    timestamp: int | None = None
    article_ids: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    tolls: list[Toll] = field(default_factory=list)  # each report's toll, oldest first

    def to_dict(self) -> dict[str, Any]:
        """The event as JSON-ready plain values, keys in the contract's order. An event's claims
        go without their own ``evidence`` key: their spans are in the event's evidence (field
        "claims"), so that each span is listed once."""
        data = asdict(self)
        for claim in data["claims"]:
            claim.pop("evidence", None)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        """The inverse of ``to_dict``; unknown keys are an error, missing ones take defaults."""
        values = dict(data)
        values["evidence"] = [Evidence(**e) for e in values.get("evidence") or []]
        values["claims"] = [Claim.from_dict(c) for c in values.get("claims") or []]
        values["tolls"] = [Toll(**t) for t in values.get("tolls") or []]
        return cls(**values)


#: The event record's fields, in order: what exports, the store and the API are derived from.
EVENT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Event))
#: Fields holding one scalar value (stored as columns); the others are lists.
EVENT_SCALAR_FIELDS: tuple[str, ...] = tuple(
    n for n in EVENT_FIELDS if n not in ("article_ids", "evidence", "claims", "tolls")
)


# The certainty scale, most certain first: the one definition. extract.factuality assesses it,
# merge keeps an event's most certain mention (reported when its lead is attributed), the
# min_certainty filter keeps a level and the ones before it, `dateline eval certainty` maps each level onto MEANTIME's.
CERTAINTY_ORDER: tuple[str, ...] = ("confirmed", "reported", "believed", "possible", "denied")
