"""Toponym resolution with document context, and the one same-place rule.

``resolve_toponyms(text, mentions, gaz)`` generates the gazetteer candidates of every mention and
scores them (``rule_tables``) with a hand-weighted linear model: name-match quality, population
and admin-level priors, the place-type word next to the name ("the town of X", "X province"),
containers ("X, Y", "X in the ... province of Y", "X in northeastern Syria"), document focus
(countries, demonyms and admin1 areas named anywhere in the text) and, in a second pass, spatial
coherence with the other places of the article. The final choice among those candidates is the
shipped ``data/place_ranker.json``'s (``place_rank.py``, trained with article-grouped
cross-validation by ``scripts/train_place_ranker.py``; today it holds the rules' pick alone, which
the learned models did not beat on TR-News); ``ranker=RULES`` forces the hand-weighted choice.
Mentions with the same name in one article get the same place (one sense per discourse).
Recognition is not here (``extract/place_mentions.sentence_places``; ``dateline eval geo`` scores it).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..records import Place
from .gazetteer import Entry, Gazetteer, fold, normalize
from .gazetteer_tables import DEMONYM_AREAS
from .namesake import PROVINCE_WORDS, namesake_area
from .place_text import (
    EXACT,
    NEAR_EXACT,
    SHARED_COUNTRY_NAMES,
    adjective_places,
    comma_holder,
    containers_after,
    document_focus,
    focus,
    hint_of,
    owners_of,
)

__all__ = [
    "SAME_PLACE_KM",
    "country_of_name",
    "distance_km",
    "document_focus",
    "resolve_name",
    "resolve_toponyms",
    "rule_tables",
    "same_place",
    "to_place",
]

_DIRECTION = "(?:north|south)?-?(?:north|south|east|west)(?:ern)?|central"
_PART_OF = re.compile(rf"^(?:the\s+)?(?:far\s+)?(?:{_DIRECTION})\s+(.+)$", re.I)
_AREA_KINDS = ("country", "admin1", "admin2", "region")
_PART_KINDS = (*_AREA_KINDS, "feature")  # "northern Syria", "the South Pacific", "the western Sahel"
_DEMONYM_KINDS = ("country", "admin1", "region", "feature")  # what a demonym's area can be


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


distance_km = _km  # great-circle km between (lat, lon) points, for other modules

SAME_PLACE_KM = 50.0  # two points this close can be one event's or one claim's place
_AREAS = frozenset({"admin1", "country", "region"})


def same_place(a: Place, b: Place) -> bool:
    """Can ``a`` and ``b`` be where one event happened (merge) or one actor is (claims)?

    The same gazetteer entry is; an area (country, admin1 area, region) and a place inside it
    are (a country holds its provinces and towns, a province its towns; two provinces of one
    country are not); two points are when within ``SAME_PLACE_KM`` of each other."""
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    if {a.kind, b.kind} & _AREAS:
        return a.iso3 == b.iso3 and (a.admin1 == b.admin1 or "country" in {a.kind, b.kind})
    return _km((a.latitude, a.longitude), (b.latitude, b.longitude)) <= SAME_PLACE_KM


def _distance(a: Entry, b: Entry) -> float:
    """Kilometres between two entries, 0 when one is the country or admin1 area containing the other."""
    for x, y in ((a, b), (b, a)):
        if (x.kind == "country" and x.iso3 == y.iso3) or (
            x.kind == "admin1" and x.a1code and x.a1code == y.a1code
        ):
            return 0.0
    return _km((a.lat, a.lon), (b.lat, b.lon))


def to_place(e: Entry) -> Place:
    return Place(
        name=e.name,
        geonameid=e.geonameid,
        latitude=e.lat,
        longitude=e.lon,
        country=e.country or None,
        iso3=e.iso3 or None,
        admin1=e.admin1 or None,
        admin2=e.admin2 or None,
        kind=e.kind,
        population=e.population,
    )


def _holds(area: Entry, e: Entry) -> bool:
    return area.iso3 == e.iso3 and (area.kind == "country" or bool(area.a1code and area.a1code == e.a1code))


_KIND_PRIOR = {"country": 3.0, "admin1": 1.2, "admin2": -0.8, "city": 0.0, "region": 2.0, "feature": 2.0}


def _local_score(e: Entry, match: float, hint: str | None, gaz: Gazetteer) -> float:
    s = 4.0 * match + _KIND_PRIOR.get(e.kind, 0.0) + 0.45 * math.log10(e.population + 10)
    if e.geonameid is None:  # curated supplement entry
        s += 3.0
    elif e.kind == "city" and e.geonameid in gaz.capitals:
        s += 1.0
    if hint == "city":
        s += 2.0 if e.kind == "city" else -1.0
    elif hint == "area":
        s += 2.0 if e.kind in ("admin1", "admin2", "region") else -1.0
    elif hint == "country":
        s += 3.0 if e.kind == "country" else -1.0
    return s


# "Farah city", "Lakki Marwat district": looked up without the unit word unless a gazetteer name
_UNIT_SUFFIX = re.compile(
    r"^(?:the\s+)?(.+?)\s+(city|town|village|district|province|governorate|state|region|county|oblast"
    r"|territory|lga|local\s+government\s+area|tehsil|taluka?|mandal)$",  # admin2 units ("Damboa LGA")
    re.I,
)


def _candidates(name: str, gaz: Gazetteer) -> list[tuple[Entry, float]]:
    cands = list(gaz.lookup(name))
    unit = _UNIT_SUFFIX.match(name.strip())
    if unit and not any(s >= 0.95 for _, s in cands):
        towns, looked = unit.group(2).lower() in ("city", "town", "village"), gaz.lookup(unit.group(1))
        bare = [(e, s) for e, s in looked if (e.kind in ("city", "feature")) == towns]
        home = namesake_area(unit.group(1), gaz, looked) if unit.group(2).lower() in PROVINCE_WORDS else None
        cands = bare or ([(home, NEAR_EXACT)] if home else cands)  # "Belgorod region": the area
    elif (home := namesake_area(name, gaz, cands)) and all(e.pid != home.pid for e, _ in cands):
        cands.append((home, NEAR_EXACT))  # chosen when the text's unit word hints an area
    folded = fold(name)
    area = DEMONYM_AREAS.get(folded) or DEMONYM_AREAS.get(folded.removesuffix("s"))
    iso = gaz.demonym_country(name)
    if not any(s >= NEAR_EXACT for _, s in cands) and not (area or iso):
        # a demonym the tables know is resolved below, not guessed from its stem ("Nigerian" Niger)
        cands = adjective_places(name, gaz) or cands
    part = _PART_OF.match(name.strip())
    if part and not any(s >= 0.9 for _, s in cands):
        # "northeast Nigeria", "southern Hasaka": a part of the area named after the direction
        whole = [(e, s) for e, s in gaz.lookup(part.group(1)) if s >= 0.9]
        cands = [(e, s) for e, s in whole if e.kind in _PART_KINDS] or whole or cands
    # a demonym used as a place names its area ("English" England, "Kurdish" Kurdistan, "European"
    # Europe) or else its country ("Georgian" Georgia, "Syrians" Syria), as the GeoNames-annotated
    # corpora resolve them; the homonyms ("Arab", Alabama) stay, less likely
    named = [
        (e, 1.0)
        for e, s in (gaz.lookup(area, fuzzy=False) if area else ())
        if s >= NEAR_EXACT and e.kind in _DEMONYM_KINDS
    ]
    if not named and iso and iso in gaz.countries:
        named = [(gaz.countries[iso], 1.0)]
    if named:
        cands = [(e, s * 0.8) for e, s in cands if e.pid not in {n.pid for n, _ in named}] + named
    return cands


def _name_scores(
    cands: list[tuple[Entry, float]], hint: str | None, gaz: Gazetteer
) -> list[tuple[Entry, float]]:
    """Context-free scores: match, priors, place-type hint, country names over homonyms, city over
    the admin1 area of the same name ('Aleppo', 'Tripoli') unless the text says province."""
    is_country = any(e.kind == "country" and match >= 1.0 for e, match in cands)
    big_city = {e.iso3 for e, _ in cands if e.kind == "city" and e.population >= 100_000}
    out = []
    for e, match in cands:
        s = _local_score(e, match, hint, gaz) - (2.0 if is_country and e.kind != "country" else 0.0)
        if e.kind == "admin1" and e.iso3 in big_city and hint != "area":
            s -= 1.5
        out.append((e, s))
    return out


WORLD_CITY = 1_000_000  # a national capital this big is known by its name alone
ALIAS_ABROAD = 1.0  # rule-score cost of a namesake abroad matched only by a spelling variant


RULES = "rules"  # ``resolve_toponyms(ranker=RULES)``: the hand-weighted choice alone
SHIPPED = "shipped"  # the learned ranker of data/place_ranker.json (place_rank.py)
# The default choice (a Config field ``place_ranker: bool`` would be; Config is not this module's).
DEFAULT_RANKER = SHIPPED


def resolve_toponyms(
    text: str, mentions: list[dict[str, Any]], gaz: Gazetteer, ranker: Any = DEFAULT_RANKER
) -> list[Place | None]:
    """Resolve each mention ``{start, end, text, hint}`` of ``text`` to a Place (or None), with
    ``gaz`` (``Resources.gazetteer``: opening a gazetteer loads its country and area tables).
    ``ranker``: ``SHIPPED`` (the learned ranker over the rules' candidates), ``RULES`` (the hand
    weights) or a ``place_rank.PlaceRanker`` (cross-validation)."""
    tables = rule_tables(text, mentions, gaz)
    if ranker != RULES and tables.picks:
        from .place_rank import rerank, shipped_ranker

        picks = rerank(tables, shipped_ranker() if ranker == SHIPPED else ranker)
    else:
        picks = tables.picks
    out: list[Place | None] = [None] * len(mentions)
    for key, idx in tables.groups.items():
        if key in picks:
            for i in idx:
                out[i] = to_place(picks[key])
    return out


@dataclass
class Tables:
    """The candidates of each name of an article (``groups``: normalised name → mention indices)
    as ``{pid: [Entry, rule score, facts]}`` (facts: what the text says of that candidate, for the
    learned ranker), the rules' picks and the article's focus (``place_text.focus``)."""

    groups: dict[str, list[int]]
    scored: dict[str, dict[int, list]]
    picks: dict[str, Entry]
    countries: Counter[str]
    admin1: Counter[str]
    named: set[str]
    names: dict[str, str] = field(default_factory=dict)  # key -> the first mention's text


def _fact(row: list, name: str, value: float) -> None:
    row[2][name] = max(row[2].get(name, 0.0), value)


def rule_tables(text: str, mentions: list[dict[str, Any]], gaz: Gazetteer) -> Tables:
    """Candidate generation and the hand-weighted scores of ``resolve_toponyms``."""
    countries, admin1, named = focus(text, gaz)
    total = sum(countries.values()) or 1.0
    groups: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        groups[normalize(m["text"])].append(i)
    scored: dict[str, dict[int, list]] = {}
    aliases: dict[str, set[int]] = {}
    for key, idx in groups.items():
        cands = _candidates(mentions[idx[0]]["text"], gaz)
        cands = [(e, m) for e, m in cands if m >= 0.9 or countries.get(e.iso3)]  # fuzzy: in focus only
        exact = {e.iso3 for e, m in cands if m >= EXACT}
        if exact:
            # a name the gazetteer has exactly is that place (or a namesake), never a bigger town
            # abroad that merely looks like it ("Kauru" is not "Kovrov", 0.91): loose matches are
            # for spellings of the same country's places ("Deir Ez-Zor" province is "Dayr az
            # Zawr"); near-exact ones abroad stay (transliterations: 0.878 -> 0.867 on TR-News
            # when they were dropped too)
            cands = [(e, m) for e, m in cands if m >= NEAR_EXACT or e.iso3 in exact]
        match = {e.pid: m for e, m in cands}
        abroad = [e for e, m in cands if exact and m < EXACT and e.iso3 not in exact]
        aliases[key] = {e.pid for e in abroad if not countries.get(e.iso3)}  # "Tank": Tonk (below)
        table: dict[int, list] = {}
        for m in (mentions[i] for i in idx):
            hint = hint_of(text, m["start"], m["end"], m.get("hint"))
            conts = containers_after(text, m["end"], gaz)
            owner = owners_of(text, m["start"], gaz)
            holder = comma_holder(text, m["end"], gaz)
            if holder and not any(e.kind in _AREAS or _holds(h, e) for e, _ in cands for h in holder):
                # "Thorncliffe, Limpopo" with no Thorncliffe in Limpopo: a town the gazetteer lacks
                # (or spells otherwise) in the area named, never a namesake abroad: the area
                for h in holder:
                    row = table.setdefault(h.pid, [h, 0.0, {}])
                    row[1] = max(row[1], 100.0)
                    _fact(row, "holder_area", 1.0)
                continue
            demonym = gaz.demonym_country(m["text"])
            for e, s in _name_scores(cands, hint, gaz):
                if owner and not any(_distance(e, o) <= SAME_PLACE_KM for o in owner):
                    continue  # "Kharkiv's Kyivskyi district" is in Kharkiv, not a namesake elsewhere
                row = table.setdefault(e.pid, [e, 0.0, {}])
                if any(c.iso3 == e.iso3 and (c.kind == "country" or c.a1code == e.a1code) for c in conts):
                    in_admin1 = any(c.kind == "admin1" for c in conts)
                    s += 4.0 if in_admin1 else 3.0
                    _fact(row, "in_named_admin1" if in_admin1 else "in_named_area", 1.0)
                if any(_holds(h, e) for h in holder):
                    _fact(row, "comma_holder", 1.0)
                if owner:
                    _fact(row, "owner", 1.0)
                kind = "area" if e.kind in ("admin1", "admin2", "region") else e.kind
                if hint:
                    _fact(row, "hint_fits" if hint == kind else "hint_clashes", 1.0)
                _fact(row, "match", match[e.pid])
                _fact(row, "capital", float(e.geonameid in gaz.capitals))
                _fact(row, "demonym", float(e.kind == "country" and demonym == e.iso3))
                row[1] = max(row[1], s)
        capital = max(
            (
                r[0].population
                for r in table.values()
                if r[0].kind == "city" and r[0].geonameid in gaz.capitals
            ),
            default=0,
        )
        for row in table.values():
            e = row[0]
            if (
                capital >= WORLD_CITY
                and e.kind == "city"
                and e.population * 20 < capital
                and e.iso3 not in named
                and not admin1.get(e.a1code)
            ):
                # "Paris" in a story that mentions an "American band" is still the capital, not a
                # small namesake in the band's country: its country or province named (or "Paris,
                # Texas") moves it
                _fact(row, "namesake_of_world_capital", 1.0)
                continue
            if e.iso3 and countries.get(e.iso3):
                row[1] += 1.5 + 2.0 * countries[e.iso3] / total
            if e.kind != "admin1" and admin1.get(e.a1code) and normalize(e.admin1) != key:
                row[1] += 1.5
        scored[key] = table
    picks = {k: max(t.values(), key=lambda r: r[1])[0] for k, t in scored.items() if t}
    for key, table in scored.items():  # spatial coherence with the other places of the article
        others = [p for k, p in picks.items() if k != key and p.kind != "region"]
        if len(table) < 2:
            continue
        for row in table.values():
            d = min((_distance(row[0], o) for o in others), default=math.inf)
            row[1] += 1.5 if d < 150 else 1.0 if d < 400 else 0.5 if d < 1000 else 0.0
            if row[0].pid in aliases.get(key, ()) and d >= 400:
                # a town abroad called so only by an alternate spelling ("Tank" is also Tonk,
                # India, 4x bigger), its country unnamed and nothing of the article near it: its
                # population alone does not beat the exact name ("Tank", Pakistan) (issue 15;
                # "Edmonton", London stays: without the nearness test TR-News 0.887 -> 0.878)
                row[1] -= ALIAS_ABROAD
        picks[key] = max(table.values(), key=lambda r: r[1])[0]
    for key in groups.keys() & SHARED_COUNTRY_NAMES.keys():
        _shared_country(key, text, mentions, groups, scored, picks, gaz)
    names = {key: mentions[idx[0]]["text"] for key, idx in groups.items()}
    return Tables(groups, scored, picks, countries, admin1, named, names)


def _shared_country(
    key: str,
    text: str,
    mentions: list[dict[str, Any]],
    groups: dict[str, list[int]],
    scored: dict[str, dict[int, list]],
    picks: dict[str, Entry],
    gaz: Gazetteer,
) -> None:
    """The country a shared bare name ("Congo") means in this article: the one the article's
    other places and names point to ("Goma", "North Kivu", "Congolese", "DRC" or "Brazzaville",
    "Republic of Congo"), else the usual one; only when the rules took the name for a country."""
    if key not in picks or picks[key].kind != "country":
        return
    isos = [iso for iso in SHARED_COUNTRY_NAMES[key] if iso in gaz.countries]
    chars = list(text)
    for i in groups[key]:  # the name's own mentions say nothing about which country it is
        chars[mentions[i]["start"] : mentions[i]["end"]] = " " * (mentions[i]["end"] - mentions[i]["start"])
    support, _, _ = focus("".join(chars), gaz)
    for other, entry in picks.items():
        if other != key and other not in SHARED_COUNTRY_NAMES:
            support[entry.iso3] += len(groups[other])
    best = max(isos, key=lambda iso: (support.get(iso, 0), -isos.index(iso)))
    entry = gaz.countries[best]
    table = scored[key]
    top = max((r[1] for r in table.values()), default=0.0)
    row = table.setdefault(entry.pid, [entry, 0.0, {}])
    row[1] = top + 1.0
    _fact(row, "match", 1.0)
    picks[key] = entry


def resolve_name(name: str, country_iso3: str | None, gaz: Gazetteer) -> Place | None:
    """Best place for a single name, optionally inside a country."""
    scores = [
        (s + (4.0 if country_iso3 and e.iso3 == country_iso3 else 0.0), e)
        for e, s in _name_scores(_candidates(name, gaz), None, gaz)
    ]
    return to_place(max(scores, key=lambda x: x[0])[1]) if scores else None


def country_of_name(word: str, gaz: Gazetteer) -> str | None:
    """'US' in 'US forces', 'Syrian' in 'Syrian troops' -> ISO3 (exact names only)."""
    iso3 = gaz.demonym_country(word)
    if iso3:
        return iso3
    shared = SHARED_COUNTRY_NAMES.get(normalize(word))
    if shared and shared[0] in gaz.countries:
        return shared[0]  # "Congo's army": the usual country of a shared name
    for entry, _ in gaz.lookup(word, fuzzy=False):
        if entry.kind == "country":
            return entry.iso3 or None
    return None
