"""Coding one event: a cluster of resolved mentions becomes one ``records.Event``.

Each step is a function of what it is given and returns its fields with the spans that
support them (``Cites``); ``code_event`` passes the results on explicitly and makes the
evidence from all the steps' cites at the end.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from datetime import date, timedelta

from ..config import Config
from ..countries import place_names
from ..extract.mentions import Mention
from ..records import Article, Drop, Event, Fatalities
from ..resolve.context import Resolved, Where
from ..resolve.dates import text_publication_date
from .actors import Sides, civilian_members, code_sides, complete_sides, swap_sides
from .cites import Cites, evidence
from .kind import REFINE_MIN_PROBABILITY, Kind, code_kind, killing_kind
from .sources import Sourcing, code_sourcing

KILLINGS = ("@kill", "Violence against civilians")  # the kinds whose side 2 may be unarmed party people
GENERIC_VICTIMS = {None, "people", "person", "dead", "dozen", "body", "death", "fatality", "?"}


@dataclass(frozen=True)
class Bounds:
    """What a toll or a date must fall within to be coded (config: ``max_fatalities``,
    ``earliest_event_year``, ``latest_event_year``). A value outside is not used, and the event
    gets a ``Drop`` with reason ``implausible`` saying which figure and why; the event stays."""

    max_fatalities: int
    earliest: date
    latest: date

    @classmethod
    def of(cls, config: Config) -> Bounds:
        return cls(
            config.max_fatalities,
            date(config.earliest_event_year, 1, 1),
            date(config.latest_event_year, 12, 31),
        )

    def plausible_day(self, day: date) -> bool:
        # strictly after date.min: "the day before" it must still be a date
        return self.earliest <= day <= self.latest and day > date.min

    def plausible_toll(self, f: Fatalities) -> bool:
        return all(v is None or v <= self.max_fatalities for v in (f.best, f.low, f.high))


DEFAULT_BOUNDS = Bounds.of(Config())


@dataclass(frozen=True)
class Rejected:
    """A toll or date not used, the mention it came from and why (a ``Drop`` detail)."""

    mention: Mention
    detail: str


def _quote(text: str, span: tuple[int, int], limit: int = 60) -> str:
    """The cited text, cut short: a million-digit number is not repeated in a drop."""
    cited = text[span[0] : span[1]]
    return repr(cited if len(cited) <= limit else cited[:limit] + "…")


@dataclass(frozen=True)
class PlaceFields:
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    country: str | None = None
    iso3: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    geonameid: int | None = None
    geo_precision: int | None = None


@dataclass(frozen=True)
class DateFields:
    event_date: str | None = None
    event_date_end: str | None = None
    time_precision: int | None = None


@dataclass(frozen=True)
class DeathFields:
    fatalities: int | None = None
    fatalities_low: int | None = None
    fatalities_high: int | None = None


def primary_mention(group: list[Resolved]) -> Mention | None:
    """The mention that reports the event: typed, first-hand before a definite reference ("the
    fighting" names the event but does not report it first-hand), then by trigger rank. None
    when no mention has a type."""
    typed = [r.mention for r in group if r.mention.event_type is not None]
    return max(typed, key=lambda m: (not m.anaphoric, m.rank)) if typed else None


def event_id(article: Article, primary: Mention) -> str:
    key = f"{article.article_id}:{primary.trigger[0]}:{primary.trigger[1]}"
    return "ev-" + hashlib.sha256(key.encode()).hexdigest()[:16]


def event_where(group: list[Resolved]) -> Where | None:
    """The first place that is more than a region, else the first place at all; the learned
    article-level choice (``resolve/event_place.py``) of the mention it is from, if that differs."""
    where = next((r.where for r in group if r.where and r.where.precision < 3), None) or next(
        (r.where for r in group if r.where), None
    )
    return next((r.learned for r in group if r.where is where and r.learned), where)


def code_place(article: Article, where: Where | None) -> tuple[PlaceFields, Cites]:
    cites = Cites()
    if where is None:
        return PlaceFields(), cites
    place = where.place
    fields = PlaceFields(
        **place_names(place),
        latitude=place.latitude,
        longitude=place.longitude,
        iso3=place.iso3,
        geonameid=place.geonameid,
        geo_precision=where.precision,
    )
    span = (where.mention.start, where.mention.end)
    for key, value in asdict(fields).items():
        if value is not None:
            cites.add(key, span)
    if where.container is not None:
        for key in ("admin1", "country", "iso3"):
            if getattr(fields, key):
                cites.add(key, (where.container.start, where.container.end))
    if where.precision == 2:
        # the word that made it approximate sits just before the name ("near Hasakah")
        before = article.text[max(span[0] - 12, 0) : span[0]]
        word = before.rstrip().rsplit(" ", 1)[-1]
        if word:
            start = span[0] - len(before) + before.rfind(word)
            cites.add("geo_precision", (start, start + len(word)))
    return fields, cites


MAX_DATED_DAYS = 31  # a date wider than a month ("in 2016", "this spring") dates no event


def report_day(article: Article) -> tuple[date, tuple[int, int]] | None:
    """The day the report came out and where it is visible: the record's publication date,
    else a timestamp near the start of the text; None when neither is known (or the record's
    date is no calendar date)."""
    try:
        if article.published and "published" in article.meta_spans:
            return date.fromisoformat(article.published[:10]), article.meta_spans["published"]
    except ValueError:
        return None
    found = text_publication_date(article.text)
    return (date.fromisoformat(found.value), (found.start, found.end)) if found else None


def code_dates(
    article: Article,
    group: list[Resolved],
    bounds: Bounds = DEFAULT_BOUNDS,
    rejected: list[Rejected] | None = None,
) -> tuple[DateFields, Cites]:
    """The most precise date that agrees with the others ("last month" + "on 10 January").
    Nothing dates the event: a news report tells what happened in the days before it came out,
    so the day before publication at week precision (2), never a day-precise date. A date
    outside ``bounds`` ("on 1 January 0001") is not used and goes to ``rejected``."""
    cites = Cites()
    rejected = rejected if rejected is not None else []
    whens = []
    for r in group:
        if not r.when:
            continue
        start, end = date.fromisoformat(r.when.start), date.fromisoformat(r.when.end)
        if (end - start).days >= MAX_DATED_DAYS:
            continue
        if bounds.plausible_day(start) and bounds.plausible_day(end):
            whens.append(r.when)
        else:
            detail = f"event date {_quote(article.text, r.when.span)} ({start.isoformat()}) {_window(bounds)}"
            rejected.append(Rejected(r.mention, detail))
    if whens:
        best = min(whens, key=lambda w: (w.precision, w.span[0]))
        fields, span = DateFields(best.start, best.end, best.precision), best.span
    else:
        report = report_day(article)
        if report is None:
            return DateFields(), cites
        day, span = report
        if not bounds.plausible_day(day):
            detail = f"publication date {day.isoformat()} {_window(bounds)}: the event is not dated from it"
            rejected.append(Rejected(group[0].mention, detail))
            return DateFields(), cites
        fields = DateFields((day - timedelta(days=1)).isoformat(), day.isoformat(), 2)
    for key in ("event_date", "event_date_end", "time_precision"):
        cites.add(key, span)
    return fields, cites


def _window(bounds: Bounds) -> str:
    return f"outside {bounds.earliest.isoformat()}..{bounds.latest.isoformat()} (earliest_event_year, latest_event_year)"


def combine_deaths(counted: list[Fatalities], own: Fatalities | None = None) -> tuple[int, list[Fatalities]]:
    """One event, several sentences: the same deaths told twice are not added up; deaths of
    different named groups ("12 soldiers", later "20 assailants") are. ``own`` is the count
    of the sentence that reports the event: it is that group's figure, since another
    sentence of the cluster may give a running total or another clash's dead ("99 people
    have been killed in the unrest"); without it the highest figure of a group is kept. The
    total and the counts it comes from."""
    groups: dict[str, Fatalities] = {}
    for f in counted:
        key = f.victims if f.victims not in GENERIC_VICTIMS else "*"
        held = groups.get(key)
        if held is None or f is own or (held is not own and f.best > held.best):
            groups[key] = f
    named = [f for k, f in groups.items() if k != "*"]
    total = sum(f.best for f in named)
    if "*" in groups and groups["*"].best >= total:
        named = [groups["*"]]
        total = groups["*"].best
    return total, named


def code_deaths(
    mentions: list[Mention],
    primary: Mention | None = None,
    bounds: Bounds = DEFAULT_BOUNDS,
    rejected: list[Rejected] | None = None,
    text: str = "",
) -> tuple[DeathFields, Cites]:
    """The event's toll; a count above ``bounds.max_fatalities`` ("killed 99999999999999999999
    civilians") is no toll: it is left out and goes to ``rejected`` (``text``: the article's, to
    quote it), and so is a total of several counts above it."""
    cites = Cites()
    rejected = rejected if rejected is not None else []
    counted = []
    for m in mentions:
        if m.fatalities is None:
            continue
        if bounds.plausible_toll(m.fatalities):
            counted.append(m.fatalities)
        else:
            rejected.append(Rejected(m, _toll_detail(text, m.fatalities.span, bounds)))
    if not counted:
        return DeathFields(), cites
    total, named = combine_deaths(counted, primary.fatalities if primary is not None else None)
    if total > bounds.max_fatalities:
        owner = next(m for m in mentions if m.fatalities is named[0])
        rejected.append(Rejected(owner, f"a total of {total:,} dead {_over(bounds)}"))
        return DeathFields(), cites
    low = high = None
    if len(named) == 1:
        low, high = named[0].low, named[0].high
    fields = DeathFields(total, low, high)
    for f in named:
        for key in ("fatalities", "fatalities_low", "fatalities_high"):
            if getattr(fields, key) is not None:
                cites.add(key, f.span)
    return fields, cites


def _toll_detail(text: str, span: tuple[int, int], bounds: Bounds) -> str:
    return f"toll {_quote(text, span)} {_over(bounds)}"


def _over(bounds: Bounds) -> str:
    return f"above max_fatalities={bounds.max_fatalities:,}: the event keeps no toll from it"


def _date_words(dates: DateFields) -> str:
    start = date.fromisoformat(dates.event_date)
    if dates.time_precision == 1:
        return start.strftime("%-d %B %Y")
    end = date.fromisoformat(dates.event_date_end)
    return f"between {start.isoformat()} and {end.isoformat()}"


def code_notes(
    trigger_word: str,
    kind: Kind,
    sides: Sides,
    place: PlaceFields,
    dates: DateFields,
    deaths: DeathFields,
    sourcing: Sourcing,
    group: list[Resolved],
) -> tuple[str, Cites]:
    """ACLED's notes: one sentence saying what, by whom, against whom, where, when, how many
    died and according to whom; every sentence of the event is its evidence."""
    sub = kind.sub_event_type
    parts = [f"{trigger_word.capitalize()} ({kind.event_type})" if sub == "Other" else sub]
    if sides.actor1:
        parts.append(f"by {sides.actor1}")
    if sides.actor2:
        parts.append(f"against {sides.actor2}")
    if place.location:
        parts.append(f"in {place.location}" if place.geo_precision != 2 else f"near {place.location}")
    if dates.event_date:
        parts.append(f"({_date_words(dates)})")
    note = " ".join(parts)
    if deaths.fatalities:
        note += f"; {deaths.fatalities} killed"
    if sourcing.attribution:
        note += f", according to {sourcing.attribution}"
    cites = Cites()
    for r in group:
        cites.add("notes", r.mention.sentence)
    return note + ".", cites


def code_event(
    article: Article,
    group: list[Resolved],
    primary: Mention,
    typing: tuple[str, float] | None = None,
    refine_min_probability: float = REFINE_MIN_PROBABILITY,
    bounds: Bounds = DEFAULT_BOUNDS,
    drops: list[Drop] | None = None,
) -> Event:
    """One event record from a cluster of resolved mentions, ``primary`` (``primary_mention``)
    reporting it and ``typing`` the classifier's (CASE code, probability) for its sentences. A
    toll or date outside ``bounds`` is left out, with a ``Drop`` (reason ``implausible``) in
    ``drops``."""
    rejected: list[Rejected] = []
    mentions = [r.mention for r in group]
    typed = [m for m in mentions if m.event_type is not None]
    place, place_cites = code_place(article, event_where(group))
    sides, side_cites = code_sides(primary, mentions, place.iso3)
    if primary.event_type in KILLINGS and not any(m.military_target for m in mentions):
        # "a BJP worker was killed": the party's unarmed people are civilians, not its militia
        sentences = [article.text[slice(*span)] for span in dict.fromkeys(m.sentence for m in mentions)]
        sides, side_cites = civilian_members(sides, side_cites, mentions, sentences, article.text, place.iso3)
    event_type, sub, swap = killing_kind(primary, group, sides, article.text)
    if swap:
        sides, side_cites = swap_sides(sides, side_cites)
    kind, kind_cites = code_kind(
        article, primary, typed, event_type, sub, sides.inter1, typing, refine_min_probability
    )
    sides, side_cites = complete_sides(
        sides, side_cites, kind.event_type, kind.sub_event_type, place.iso3, primary.trigger
    )
    dates, date_cites = code_dates(article, group, bounds, rejected)
    deaths, death_cites = code_deaths(mentions, primary, bounds, rejected, article.text)
    if drops is not None:
        drops.extend(_implausible(article, r, kind) for r in rejected)
    sourcing, sourcing_cites = code_sourcing(article, primary, typed, mentions)
    trigger_word = article.text[slice(*primary.trigger)].lower()
    notes, note_cites = code_notes(trigger_word, kind, sides, place, dates, deaths, sourcing, group)
    cites = (place_cites, side_cites, kind_cites, date_cites, death_cites, sourcing_cites, note_cites)
    return Event(
        event_id=event_id(article, primary),
        **asdict(place),
        **asdict(sides),
        **asdict(kind),
        **asdict(dates),
        **asdict(deaths),
        **asdict(sourcing),
        notes=notes,
        article_ids=[article.article_id],
        evidence=evidence(article, cites),
    )


def _implausible(article: Article, rejected: Rejected, kind: Kind) -> Drop:
    m = rejected.mention
    return Drop(
        article.article_id,
        "merge",
        "implausible",
        rejected.detail,
        m.sentence,
        m.trigger,
        kind.event_type,
        kind.sub_event_type,
    )
