"""Where an event is when its own sentence does not say it crisply: an area the sentence puts
it in ("in northern Burkina Faso"), a country or province that is not the dateline's (a bureau
abroad) or a part of it the dateline's town is not in ("Benin's far north"), the whole province
("throughout the state") and, before the story has any place, the one area all of the article's
places lie in ("in Komanda" that the gazetteer lacks, "Ituri province" named later) at precision
3. ``context.resolve_mentions`` applies them in that order; an area that only holds what the
sentence names ("Japan's embassy in Mali") gives way to the story's town inside it
(``story_within``), unless the town is the dateline's and the area a province.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..extract.mentions import Mention
from ..extract.place_mentions import PlaceMention
from ..lookup.gazetteer import Gazetteer, normalize
from ..lookup.places import resolve_name, same_place, to_place
from ..records import Place
from .event_place import precision_of


@dataclass
class Where:
    mention: PlaceMention
    place: Place
    precision: int
    container: PlaceMention | None = None  # the province or country named with it, if any


# "in northern Burkina Faso", "across the Sahel": a place the text puts the event in
IN_BEFORE = re.compile(
    r"\b(?:in|across|inside|throughout)\s+(?:the\s+)?(?:(?:far\s+)?(?:north|south|east|west|central)[a-z-]*\s+)?$",
    re.I,
)
_BROAD = ("country", "admin1", "admin2", "region")


def broad_where(text: str, places: list[PlaceMention], by_span: dict) -> Where | None:
    """Before the story has a place: an area the sentence says the event was in ("gunmen attacked
    a church in northern Burkina Faso"), at its precision, even when the learned model (trained
    to prefer a town) scores it low."""
    for p in places:
        place = by_span.get((p.start, p.end))
        if (
            place is not None
            and place.kind in _BROAD
            and IN_BEFORE.search(text, max(0, p.start - 40), p.start)
        ):
            return Where(p, place, precision_of("in", place))
    return None


def elsewhere(text: str, places: list[PlaceMention], by_span: dict, story: Where) -> Where | None:
    """A country or province the sentence puts the event in that does not hold the story's place:
    "CANBERRA, Australia (AP) - Police in Fiji fired on protesters" is in Fiji, not at the
    bureau's town (nor is a later sentence that names no place)."""
    where = broad_where(text, [p for p in places if p.relation == "in"], by_span)
    if where is None or same_place(where.place, story.place):
        return part_away(text, places, by_span, story)
    return where


# "in northern Benin", "in Benin's far north": a part of a country or province, told by a direction
_DIRECTION = r"(?:far\s+|extreme\s+)?(north|south|east|west)(?:ern)?(?:-?(east|west)(?:ern)?)?"
DIRECTION_BEFORE = re.compile(r"\b(?:in|across)\s+(?:the\s+)?" + _DIRECTION + r"\s+$", re.I)
# in lower case only: "Congo's North Kivu", "Kenya's West Pokot" are names, not parts
DIRECTION_AFTER = re.compile(r"['’]s\s+" + _DIRECTION + r"\b")
# which way from the area's centre a place in that part lies: (coordinate, sign)
_WAYS = {
    "north": ("latitude", 1),
    "south": ("latitude", -1),
    "east": ("longitude", 1),
    "west": ("longitude", -1),
}


def part_away(text: str, places: list[PlaceMention], by_span: dict, story: Where) -> Where | None:
    """A part of an area holding the story's place that the story's place is not in: "COTONOU -
    … an army post in Benin's far north" is in Benin's north, not at the bureau's town in the
    south, so the event is in the area (precision 3; the learned choice refines it to a town a
    later sentence names there). The story's place lies in the part named when it is on that
    side of the area's centre (its gazetteer point)."""
    for p in places:
        area = by_span.get((p.start, p.end))
        if area is None or area.kind not in ("country", "admin1") or not same_place(area, story.place):
            continue
        found = DIRECTION_BEFORE.search(text, max(0, p.start - 40), p.start)
        if found is None and p.relation == "modifier":
            found = DIRECTION_AFTER.match(text, p.end)
        if found is None:
            continue
        ways = [w.lower() for w in found.groups() if w]
        if any(_outside(story.place, area, way) for way in ways):
            return Where(p, area, 3)
    return None


def _outside(place: Place, area: Place, way: str) -> bool:
    coordinate, sign = _WAYS[way]
    return sign * (getattr(place, coordinate) - getattr(area, coordinate)) < 0


# "the doctors throughout the state continued their strike": the whole province of the story's place
STATEWIDE = re.compile(r"\b(?:throughout|across|all over)\s+the\s+(?:state|province|region)\b", re.I)


def statewide(where: Where, gaz: Gazetteer) -> Where:
    """The province holding the story's place, at precision 3 (the place itself if it has none)."""
    place = where.place
    if place.kind in ("admin1", "country", "region") or not place.admin1:
        return where
    area = resolve_name(place.admin1, place.iso3, gaz)
    if area is None or area.kind != "admin1" or area.iso3 != place.iso3:
        return where
    return Where(where.mention, area, 3)


# Where an article says something is: "in Ituri", "near the village of X", "Congo's Ituri province"
# (a container), or a province it names ("Ituri province has seen repeated attacks"). A country
# that acts, speaks or sends aid ("condemned by France", "the United States said", "aid from
# Uganda") says nothing of where the event was: a country counts only where the text locates
# something in it.
AREA_RELATIONS = ("in", "near", "container")
LOCATED_BEFORE = re.compile(
    r"\b(?:in|near|at|outside|around|inside|across|throughout)\s+(?:[\w'-]+\s+){0,3}$", re.I
)


def _locates(p: PlaceMention, place: Place, text: str) -> bool:
    if p.relation not in AREA_RELATIONS:
        return False
    if p.relation == "container" or place.kind != "country":
        return True
    return bool(LOCATED_BEFORE.search(text, max(0, p.start - 60), p.start))


def article_area(placed: list[tuple[PlaceMention, Place]], gaz: Gazetteer, text: str) -> Where | None:
    """Before the story has a place, for an event whose sentence names none the gazetteer knows
    ("ADF rebels raided Komanda", a town it lacks): the one area all the article's places lie in,
    at precision 3 — their province when they share one, else their country (ACLED codes an
    event it cannot place more closely at the area it knows). None when the places span
    countries, or the article puts nothing in one (``text``: the article as annotated; see
    ``_locates``)."""
    areas = [(p, pl) for p, pl in placed if pl.iso3 and _locates(p, pl, text)]
    if len({pl.iso3 for _, pl in areas}) != 1:
        return None
    iso3 = areas[0][1].iso3
    admin1 = {pl.admin1 for _, pl in areas if pl.kind != "country"}
    if len(admin1) == 1 and None not in admin1:
        area = resolve_name(next(iter(admin1)), iso3, gaz)
        if area is not None and area.kind == "admin1" and area.iso3 == iso3:
            mention = next((p for p, pl in areas if pl.kind == "admin1"), areas[0][0])
            return Where(mention, area, 3)
    if iso3 not in gaz.countries:
        return None
    mention = next((p for p, pl in areas if pl.kind == "country"), areas[0][0])
    return Where(mention, to_place(gaz.countries[iso3]), 3)


def actor_area(mention: Mention, gaz: Gazetteer, text: str) -> Where | None:
    """No place left for the event (the town unknown, the only country named a speaker's): the
    country its sides name, as ACLED codes what it knows ("ADF rebels raided Komanda": the ADF
    operate in DR Congo; "Mali said its forces killed 20 militants": Mali), at precision 3, the
    actor's words the evidence. None when the sides name no country or more than one."""
    named: dict[str, tuple[int, int]] = {}
    for ref, span in [*mention.actor1, *mention.actor2]:
        iso3 = ref.country_hint or ref.entry.country
        if iso3 and not _abroad_possibly(ref):
            named.setdefault(iso3, span)
    if len(named) != 1:
        return None
    iso3, (start, end) = next(iter(named.items()))
    if iso3 not in gaz.countries:
        return None
    return Where(
        PlaceMention(start, end, text[start:end], "actor", "country"), to_place(gaz.countries[iso3]), 3
    )


def _abroad_possibly(ref) -> bool:
    """A state's forces named by their nationality ("Russian drones", "US forces") often act
    abroad (ACLED codes them where they strike): their country is no fallback place. Its police
    ("Kenyan police") and a force the knowledge base names for its country ("FARDC", "SAF") act
    at home."""
    entry = ref.entry
    if entry.inter != 1 or not ref.country_hint or ref.country_hint == entry.country:
        return False
    return not entry.name.lower().startswith("police")


# "demonstrators took to the streets of the capital": the story's country's capital (not "the
# capital of X" nor "the capital, Bamako": their names are place mentions of their own)
THE_CAPITAL = re.compile(
    r"\b(?:the|its|the country's|the nation's)\s+capital\b(?!\s*(?:of\b|,?\s*[A-Z]|punishment|city\s+of\b))"
)


# "the commissioner told reporters in the capital": where the speaker spoke, not the event (the
# words of speech_places.SPOKEN_VERBS: "journalists in the capital were beaten" is the event's)
SPOKEN_BEFORE = re.compile(
    r"\b(?:(?:told|tells|telling|briefed|briefing|addressed|addressing|(?:speaking|spoke|talking)\s+to)\s+(?:the\s+)?"
    r"(?:reporters|journalists|press|media)|spoke|speaks|speaking|a\s+briefing|issued)\s+(?:in|at)\s+$",
    re.I,
)


def capital_where(
    text: str, mention: Mention, story: Where | None, countries, gaz: Gazetteer
) -> Where | None:
    """The capital of the story's country when the sentence puts the event in "the capital" and
    names no place: the country of the story's place, else the one country the text names most."""
    start, end = mention.sentence
    found = next(
        (
            m
            for m in THE_CAPITAL.finditer(text, start, end)
            if not SPOKEN_BEFORE.search(text[max(0, m.start() - 40) : m.start()])
        ),
        None,
    )  # "told reporters in the capital that fighting in the capital killed nine": the second
    if found is None:
        return None
    iso3 = story.place.iso3 if story is not None else None
    if iso3 is None:
        top = sorted(countries.items(), key=lambda kv: -kv[1])[:2]
        if not top or top[0][1] < 1 or (len(top) > 1 and top[1][1] == top[0][1]):
            return None
        iso3 = top[0][0]
    capital = gaz.capital_of(iso3)
    if capital is None:
        return None
    start, end = found.span()
    return Where(PlaceMention(start, end, found.group(0), "in", "town"), to_place(capital), 1)


def story_within(where: Where, story: Where | None, in_caption: bool, bureau: bool = False) -> Where:
    """An area that only holds something the sentence names ("China's embassy in Mali said a
    peacekeeper was killed", "police in Kenya") does not say where the event was more closely
    than the story's place inside it (Gao, in Mali): that place, unless a caption's. ``bureau``:
    the story's place is the dateline's town, and a province under it stays the place ("PESHAWAR
    (wire) - militants attacked a police station in Khyber Pakhtunkhwa province"): a wire files
    from its bureau, and the province says the event was somewhere in it, which the learned
    choice (``event_place``) refines to the town a later sentence names in it, not the bureau."""
    if (
        story is None
        or in_caption
        or where.precision < 3
        or story.precision >= where.precision
        or where.place.kind not in ("country", "admin1")
        or not same_place(where.place, story.place)
        or (bureau and where.place.kind == "admin1")
    ):
        return where
    return story


def held(where: Where, places: list[PlaceMention], by_span: dict) -> Where:
    """``where``, unless the sentence names an area holding it ("the Kot area of Lakki Marwat
    district") that lies in another country: the town is then a namesake abroad (or one the
    gazetteer lacks) and the area is the place known, at its precision."""
    for c in places:
        area = by_span.get((c.start, c.end))
        if (
            c.start > where.mention.start
            and c.relation == "container"
            and area is not None
            and area.kind in ("admin1", "admin2", "country")
            and area.iso3
            and where.place.iso3
            and area.iso3 != where.place.iso3
        ):
            return Where(c, area, {"admin2": 2}.get(area.kind, 3))
    return where


# "on the border with Congo", "the frontier with the Democratic Republic of the Congo": the
# country across a border is the neighbour of where the story is, not the story's country
_BORDER_WITH = re.compile(
    r"\b(?:border|frontier|boundary)\s+with\s+(?:the\s+)?((?:[A-Z][\w'’.-]*)(?:\s+(?:of\s+the\s+)?[A-Z][\w'’.-]*){0,4})"
)


def without_border_countries(text: str, gaz: Gazetteer) -> str:
    """``text`` with a country named as the other side of a border blanked (same length), for
    the question which countries the story names: "a village near Mpondwe on the border with
    Congo" is in Uganda, and the town and the dateline's "KASESE" are no strays abroad."""
    chars = list(text)
    for m in _BORDER_WITH.finditer(text):
        words = list(re.finditer(r"\S+", m.group(1)))
        for n in range(len(words), 0, -1):  # the longest run of words that names a country
            start, end = m.start(1) + words[0].start(), m.start(1) + words[n - 1].end()
            name = text[start:end].rstrip(".,;:")
            if any(e.kind == "country" for e in gaz.area_keys.get(normalize(name), ())):
                chars[start : start + len(name)] = " " * len(name)
                break
    return "".join(chars)
