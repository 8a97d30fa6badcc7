"""Resolution: where and when each mention happened, decided once per article.

Places are resolved together (document focus and spatial coherence need all of them); time
expressions are normalised against the publication date.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..annotate import Annotated
from ..clean import RUN_IN_DATELINE
from ..extract.mentions import Mention
from ..extract.place_mentions import PlaceMention
from ..extract.place_names import known_place
from ..extract.role_model import THRESHOLD
from ..lookup.gazetteer import Gazetteer, normalize
from ..lookup.place_rank import PlaceRanker
from ..lookup.place_text import without_acting_countries
from ..lookup.places import (
    DEFAULT_RANKER,
    document_focus,
    resolve_toponyms,
    to_place,
)
from ..nlp import doc_text
from ..records import Article, Place, TimeExpr
from .area_where import (
    STATEWIDE,
    Where,
    actor_area,
    article_area,
    broad_where,
    capital_where,
    elsewhere,
    held,
    part_away,
    statewide,
    story_within,
    without_border_countries,
)
from .dates import event_time, event_times
from .event_place import mention_where, precision_of, shipped_model

EVENT_RELATIONS = ("in", "near")
FALLBACK_MIN = 0.2  # below this the learned model rules a place out as the event's
SPECIFICITY = {"city": 0, "feature": 0, "admin2": 1, "admin1": 2, "region": 3, "country": 4}


@dataclass
class When:
    start: str
    end: str
    precision: int
    span: tuple[int, int]
    text: str


@dataclass
class Resolved:
    mention: Mention
    where: Where | None
    when: When | None
    learned: Where | None = None  # the learned choice's place when not ``where`` (event_place.py)


def _when(text: str, mention: Mention, times: list[TimeExpr], published: date | None) -> When | None:
    """The event's date (``dates.event_time``: its own clause's, else its sentence's, else the
    last one carried from its paragraph; never a source's day of speaking)."""
    best = event_time(text, mention, times, published)
    if best is None or best.date_start is None or best.date_end is None:
        return None
    return When(best.date_start, best.date_end, best.precision or 3, (best.start, best.end), best.text)


# A dateline: the town a report was filed from, at the start of a paragraph ("KABUL, Afghanistan
# (AP) —", "BEIRUT (Reuters) -", "ISLAMABAD:") or right after a scrape's time stamp
# ("… 02.15 AM IST vadodara: in a unique protest …"), before the story's first words.
_DATELINE = re.compile(
    r"(?:^|(?<=[AP]M IST )|(?<=[AP]M GMT ))[ \t]*"
    r"([^\W\d_][\w'’.]*(?:[ -][^\W\d_][\w'’.]*){0,2})"  # the town, one to three words
    r"(?:,[ \t]*[^\W\d_][\w .'’]{1,30}?){0,2}"  # ", Afghanistan", ", May 19"
    r"[ \t]*(?:\([^)\n]{1,30}\)[ \t]*)?"  # "(AP)"
    r"(?::[ \t]*|[-–—]{1,2}[ \t])",
    re.M,
)
DATELINE_WITHIN = 1500  # characters from the top: a dateline opens the story
_DATELINE_KINDS = ("city", "admin2", "admin1")


def dateline_mention(text: str, gaz: Gazetteer) -> PlaceMention | None:
    """The report's dateline as a place mention, if it names a place the gazetteer knows exactly."""
    within = min(len(text), DATELINE_WITHIN)
    names = [(m.start(1), m.end(1)) for m in _DATELINE.finditer(text, 0, within)]
    for m in RUN_IN_DATELINE.finditer(text, 0, within):
        # a run-in dateline after a headline and byline ("… By JANE DOE MAPUTO, Mozambique (AP) —"):
        # the byline's capitals may run into the town, so the shorter tails are tried too
        words = [w.start() for w in re.finditer(r"\S+", m.group("town"))]
        names += [(m.start("town") + w, m.end("town")) for w in words]
    for start, end in sorted(names, key=lambda span: (span[0], -span[1])):
        name = text[start:end]
        if any(e.kind in _DATELINE_KINDS and score >= 0.95 for e, score in gaz.lookup(name, fuzzy=False)):
            return PlaceMention(start, end, name, "in", "town")
    return None


def cased_text(annotated: Annotated) -> str:
    """The article text as spaCy read it: a lower-cased scrape's truecased copy (same length, so
    offsets hold), which the resolver's container and focus cues need (they look for capitals)."""
    text = annotated.cleaned.article.text
    if not annotated.truecased:
        return text
    chars = list(text)
    for segment, doc in annotated.docs:
        chars[segment.start : segment.end] = doc_text(doc)
    return "".join(chars)


def _dateline_where(dateline: PlaceMention | None, by_span: dict, countries: Counter) -> Where | None:
    """Where the story is at before any sentence names a place: the dateline's town, unless it is
    a foreign bureau (the text names another country and never the dateline's: "BEIRUT (Reuters)
    - Syrian forces shelled … in Syria")."""
    if dateline is None or (dateline.start, dateline.end) not in by_span:
        return None
    place = by_span[(dateline.start, dateline.end)]
    if place.iso3 and not countries.get(place.iso3) and max(countries.values(), default=0) >= 1:
        return None
    return Where(dateline, place, precision_of("in", place))


def resolve_places(
    text: str, places: list[PlaceMention], gaz: Gazetteer, ranker: Any = DEFAULT_RANKER
) -> dict[tuple[int, int], Place]:
    """The place of each mention that resolves, by its (start, end), all resolved together as
    one article (``dateline eval geo`` scores this function; ``ranker``: see ``resolve_toponyms``)."""
    return _resolve_places(text, places, gaz, ranker)[0]


def _resolve_places(
    text: str, places: list[PlaceMention], gaz: Gazetteer, ranker: Any = DEFAULT_RANKER
) -> tuple[dict, Counter]:
    """``resolve_places``, and the countries the text names (``document_focus``), counted once."""
    # Where an event happened is a settlement unless the text says province or region:
    # "in Kandahar" is the city, "in Kandahar province" the province.
    # "Lebanon's capital": the name is the country's, the place its capital (below)
    hints = [
        "country" if p.hint == "capital" else p.hint or ("town" if p.relation in EVENT_RELATIONS else None)
        for p in places
    ]
    chosen = (
        resolve_toponyms(
            text,
            [
                {"start": p.start, "end": p.end, "text": p.text, "hint": h}
                for p, h in zip(places, hints, strict=True)
            ],
            gaz,
            ranker,
        )
        if places
        else []
    )
    countries: dict = {}
    if places:  # a country acting or named across a border is no country the story is in
        countries, _ = document_focus(without_border_countries(without_acting_countries(text, gaz), gaz), gaz)
    named = max(countries.values(), default=0) >= 1
    # the countries of the places that resolve by their own name also say where the story is
    # (a one-sentence report naming only a district and a town)
    found = Counter(
        place.iso3
        for p, place in zip(places, chosen, strict=True)
        if place is not None and place.iso3 and normalize(p.text) == normalize(place.name)
    )
    # the countries the story puts something in: a name that only modifies a noun ("Victoria
    # garden") or that the small model tags as a facility ("Saint Peter" of "Saint Peter and
    # Saint Paul Church") is a namesake when it lies in none of them
    placed = {
        place.iso3
        for p, place in zip(places, chosen, strict=True)
        if place is not None and p.relation != "modifier" and p.label != "FAC"
    } | {iso3 for iso3, n in countries.items() if n >= 1}
    out = {}
    for p, place in zip(places, chosen, strict=True):
        if p.hint == "capital" and place is not None and place.kind == "country" and place.iso3:
            capital = gaz.capital_of(place.iso3)
            place = to_place(capital) if capital is not None else place
        # "Saint Peter and Saint Paul Church" is not the town of Saint Peter: a facility only
        # resolves to a curated feature (a camp, a crossing, an airport), or to a place whose
        # whole name it is (the small model tags "in Port Moresby" as a facility)
        if place is not None and (
            p.label != "FAC" or place.kind == "feature" or _whole_place_name(p.text, gaz)
        ):
            namesake = p.relation == "modifier" or (p.label == "FAC" and place.kind != "feature")
            if namesake and place.kind != "country" and placed and place.iso3 not in placed:
                continue
            if not (named and _stray(place, countries)) and not _alias_abroad(
                place, p.text, countries + found
            ):
                out[(p.start, p.end)] = place
    return out, countries


def _whole_place_name(name: str, gaz: Gazetteer) -> bool:
    """Whether the gazetteer has ``name`` as a place's whole name ("the Saint Peter …" is a
    church's: a facility's name takes "the", a town's seldom does)."""
    return not re.match(r"the\s", name, flags=re.I) and known_place(name, gaz)


STRAY_POPULATION = 100_000
STRAY_ALIAS_POPULATION = 1_000_000


def _stray(place: Place, countries) -> bool:
    """A small town abroad in a story that names another country and never the town's (nor its
    people): the name is a local one the gazetteer lacks ("Samata", a village here, is a town in
    Japan), so it is better left unresolved than put on another continent."""
    return (
        place.kind in ("city", "admin2")
        and place.geonameid is not None  # a curated town is no stray
        and place.population < STRAY_POPULATION
        and place.iso3 is not None
        and not countries.get(place.iso3)
    )


def _alias_abroad(place: Place, name: str, countries) -> bool:
    """A town that only one of its other names matches ("Rashid" for Rosetta, a person's name
    taken for a place), in a country the story never puts anything in while it does name or
    place something in another: a namesake, unless a big city (people write "Kiev" for Kyiv)."""
    return (
        place.kind in ("city", "admin2")
        and place.geonameid is not None
        and place.iso3 is not None
        and place.population < STRAY_ALIAS_POPULATION
        and max(countries.values(), default=0) >= 1
        and not countries.get(place.iso3)
        and normalize(name) != normalize(place.name)
    )


def _learned_where(places: list[PlaceMention], by_span: dict) -> Where | None:
    """The resolved place the learned model (``extract.role_model``) finds likeliest to be where
    the event happened, if it finds any likely enough; approximate when the text says "near"."""
    scored = [
        p for p in places if p.score is not None and p.score >= THRESHOLD and (p.start, p.end) in by_span
    ]
    if not scored:
        return None
    best = max(scored, key=lambda p: p.score or 0.0)
    place = by_span[(best.start, best.end)]
    broader = ("admin1", "admin2", "country", "region")
    container = next(
        (
            c
            for c in places
            if c.start > best.start
            and (c.start, c.end) in by_span
            and by_span[(c.start, c.end)].kind in broader
        ),
        None,
    )
    relation = "near" if best.relation == "near" else "in"
    return Where(best, place, precision_of(relation, place), container)


def _rule_where(places: list[PlaceMention], by_span: dict, containers: list[PlaceMention]) -> Where | None:
    """The first place the rules relate to the event ("in X", "near X"): the choice when no
    model scored the places, and the fallback when the model found none likely enough, among
    the places it does not rule out ("Iran" in "Iran shelled villages near X")."""
    for p in places:
        if p.relation in EVENT_RELATIONS and (p.start, p.end) in by_span and (p.score or 1.0) >= FALLBACK_MIN:
            place = by_span[(p.start, p.end)]
            container = next((c for c in containers if c.start > p.start), None)
            return Where(p, place, precision_of(p.relation, place), container)
    return None


def resolve_mentions(
    article: Article,
    mentions: list[Mention],
    gaz: Gazetteer,
    cased: str | None = None,
    lede: PlaceMention | None = None,
    place_model: PlaceRanker | None = None,
    others: list[PlaceMention] | None = None,
) -> list[Resolved]:
    """Where and when of each mention; ``cased`` is the text as annotated (``cased_text``);
    ``lede`` the place the story's lede names (``story_place.lede_place``), the story's place
    when it has no dateline; ``place_model`` the article-level choice of an event's place
    (``event_place``; default: the shipped one), given the rules' answer as a feature, its
    candidates the places of ``others`` too (the article's other sentences')."""
    text = article.text
    # a dateline's or timestamp's date is the report's, not an event's; a timestamp dates a
    # record that carries no publication date
    times, published = event_times(text, article.published) if mentions else ([], None)
    cased = cased or text
    dateline = dateline_mention(cased, gaz) if mentions else None
    spans = {(p.start, p.end) for m in mentions for p in m.places}
    lede = lede if mentions else None
    extra = [p for p in (dateline, lede) if p is not None and (p.start, p.end) not in spans]
    by_span, countries = _resolve_places(cased, [p for m in mentions for p in m.places] + extra, gaz)
    model = place_model if place_model is not None else shipped_model()
    named = {(p.start, p.end): p for m in mentions for p in [*m.places, *extra]}  # its candidates
    more = [p for p in others or [] if (p.start, p.end) not in named] if mentions else []
    joint = _resolve_places(cased, [*named.values(), *more], gaz)[0] if more else {}
    pairs = [(p, by_span.get(k)) for k, p in named.items()] + [(p, joint.get((p.start, p.end))) for p in more]
    placed = sorted([(p, pl) for p, pl in pairs if pl is not None], key=lambda pp: pp[0].start)
    resolved = []
    last_where = _dateline_where(dateline, by_span, countries)
    if last_where is None and dateline is None and lede is not None and (lede.start, lede.end) in by_span:
        place = by_span[(lede.start, lede.end)]
        last_where = Where(lede, place, precision_of(lede.relation, place))
    last_crisp = False  # the story's place came from a crisp rule (a bureau abroad, statewide)
    # a town the gazetteer lacks: the area the article's places lie in (never the dateline's: a
    # bureau's town was already ruled out), the same for every event, so worked out once; from
    # the places the rules see (not ``others``: the rules' answer is the same with or without a
    # learned choice shipped)
    own = [(p, by_span[k]) for k, p in named.items() if k in by_span and p is not dateline]
    area = article_area(sorted(own, key=lambda pp: pp[0].start), gaz, cased) if last_where is None else None
    for mention in mentions:
        crisp = bureau_area = False
        containers = [p for p in mention.places if p.relation == "container" and (p.start, p.end) in by_span]
        where = _learned_where(mention.places, by_span) or _rule_where(mention.places, by_span, containers)
        if where is not None:  # a town under another country's area named beside it is that area
            where = held(where, mention.places, by_span)
        if where is None and containers:
            # only what holds the place is known: the most specific one; a part of a town is the
            # town ("Kharkiv's Kyivskyi district", 1), of a district part of it ("a village in X
            # district", 2), else only the province or country (3)
            p = min(containers, key=lambda c: SPECIFICITY.get(by_span[(c.start, c.end)].kind, 0))
            place = by_span[(p.start, p.end)]
            where = Where(p, place, {"city": 1, "feature": 1, "admin2": 2}.get(place.kind, 3))
            bureau = last_where is not None and last_where.mention is dateline
            where = story_within(where, last_where, mention.in_caption, bureau)
            if bureau and where is last_where:  # "KAMPALA - a raid on a village in western Uganda"
                where = part_away(cased, containers, by_span, last_where) or where
            # a province kept under a bureau's dateline, or a part of the country its town is not
            # in: the learned choice may narrow it to a town the story names, never the bureau's
            bureau_area = bureau and where is not last_where and where.place.kind in ("admin1", "country")
        if where is None and not mention.in_caption:
            where = capital_where(cased, mention, last_where, countries, gaz)  # "in the capital"
        if where is None and last_where is None and not mention.in_caption:
            where = broad_where(cased, mention.places, by_span)
            if where is None:
                where = area
                crisp = where is not None
        if (
            where is None
            and last_where is not None
            and last_where.mention is dateline
            and not mention.in_caption
        ):
            # only the dateline's town, before any event sentence placed the story, gives way:
            # a later "in Syria" is more often a cause or a background than the event's place
            where = elsewhere(cased, mention.places, by_span, last_where)
            crisp = where is not None
        if where is None and last_where is not None and not mention.in_caption:
            where, crisp = last_where, last_crisp  # no place in the sentence: the story's place
            if STATEWIDE.search(cased, *mention.sentence):
                where, crisp = statewide(where, gaz), True
        learned = None  # the learned choice, where no crisp rule placed the event
        if where is None and not mention.in_caption:
            # nothing in the text places it: the country its sides name, for this event only
            # (never the story's place: a later sentence's own place is not ruled out by it)
            resolved.append(
                Resolved(mention, actor_area(mention, gaz, text), _when(text, mention, times, published))
            )
            continue
        if where is not None and not mention.in_caption:
            last_where, last_crisp, rule = where, crisp, (where.place, where.precision)
            # under a bureau's dateline, never the bureau's own town, wherever the text names it
            home = by_span.get((dateline.start, dateline.end)) if bureau_area and dateline else None
            cands = (
                [(p, pl) for p, pl in placed if p is not dateline and not _same_entry(pl, home)]
                if bureau_area
                else placed
            )
            chosen = (
                None
                if crisp
                else mention_where(cands, mention, rule, None if bureau_area else dateline, lede, model)
            )
            learned = Where(*chosen) if chosen else None
        resolved.append(Resolved(mention, where, _when(text, mention, times, published), learned))
    return resolved


def _same_entry(place: Place, other: Place | None) -> bool:
    """Whether two resolved places are one gazetteer entry (by id, else by name and point)."""
    if other is None:
        return False
    if place.geonameid is not None and other.geonameid is not None:
        return place.geonameid == other.geonameid
    return (place.name, place.latitude, place.longitude) == (other.name, other.latitude, other.longitude)
