"""Plain records passed between pipeline stages.

Every stage is a plain function over these dataclasses (no engine, no database, no
spaCy objects cross a stage boundary except inside ``Annotated``), so the same code
runs in-process, in a process pool and on Dask. Offsets are character offsets into
``Article.text``, the stored article text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
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


@dataclass
class Result:
    """What ``process(article)`` returns: the article, its segments and its events."""

    article: Article
    segments: list[Segment]
    events: list[dict[str, Any]]
    problems: list[Problem] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)  # whereabouts claims, with evidence
