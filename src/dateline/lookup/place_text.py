"""What the text says around a place name: the place-type word next to it ("the town of X", "X
province"), what holds it ("X, Y", "X in the ... province of Y", "Kharkiv's X") and the countries
and admin1 areas the article names anywhere (its focus). ``places.resolve_toponyms`` reads these
for the hand rules and ``place_rank`` for the learned ranker's features."""

from __future__ import annotations

import re
from collections import Counter

from .gazetteer import Entry, Gazetteer, normalize

CITY_WORDS = frozenset("town city village hamlet suburb neighbourhood neighborhood capital port".split())
AREA_WORDS = frozenset(
    "province governorate region state district county prefecture department oblast canton"
    " municipality territory emirate division".split()
)
_HINTS = {"town": "city", "city": "city", "village": "city", "country": "country", "nation": "country"}
_CAPS = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:of\s+|al-|el-)?[A-Z][\w'’.-]*)*")
_AFTER_COMMA = re.compile(r"\s*,\s*((?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})")
_AFTER_IN = re.compile(
    r"\s+(?:in|near|outside|of|at)\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}?"
    r"(?:(?:province|governorate|region|state|district|county)\s+of\s+)?([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})"
)
_ABBREVIATION = re.compile(r"^[A-Z]{2,4}$")
# A short capitalised word with no period ("In", "Me", "Or", "Man"): a sentence's first word far
# more often than a state's abbreviation, which is written "IN" or "Ind."
_SHORT_WORD = re.compile(r"^[A-Z][a-z]{1,2}$")
NEAR_EXACT = 0.95  # a lookup score this high is a spelling variant, not merely a similar name
EXACT = 0.99  # a lookup score this high is the name itself (or one of its alternate names)


def hint_of(text: str, start: int, end: int, given: str | None) -> str | None:
    """'city', 'area' or 'country' from the caller's hint or the words around the name."""
    if given:
        g = given.lower()
        return _HINTS.get(g, "area" if g in AREA_WORDS else "city" if g in CITY_WORDS else None)
    inside = text[start:end].lower().split()
    before = text[max(0, start - 25) : start].lower().split()[-2:]
    after = text[end : end + 20].lower().split()[:1]
    words = (
        set(inside[-1:]) | set(after) | ({before[-2]} if len(before) == 2 and before[-1] == "of" else set())
    )
    if words & AREA_WORDS:
        return "area"
    if words & CITY_WORDS:
        return "city"
    return None


def containers_after(text: str, end: int, gaz: Gazetteer) -> list[Entry]:
    """Countries/admin areas named right after a mention: 'X, Y' or 'X in (the ...) Y'."""
    out: list[Entry] = []
    for rx in (_AFTER_COMMA, _AFTER_IN):
        m = rx.match(text, end, min(len(text), end + 90))
        if m:
            words = m.group(1).split()
            for n in range(len(words), 0, -1):
                key = normalize(" ".join(words[:n]))
                hits = _area_hits(key, gaz)
                if hits:
                    out.extend(hits)
                    break
            else:
                iso = gaz.demonym_country(words[0])
                if iso and iso in gaz.countries:
                    out.append(gaz.countries[iso])
    return out


# "X, Y" that ends the list there: "Y" holds "X" ("mine in Thorncliffe, Limpopo, went on the
# rampage"), unlike a list of places ("in Paris, Brussels and London", "Paris, Brussels, Rome")
_LIST_GOES_ON = re.compile(r"\s*(?:,\s*[A-Z]|,?\s+(?:and|or|&)\s)")


# a capitalised word that cannot continue a place name: a day or month ("Kpakpalodi, Ituri Tuesday")
_TIME_WORD = re.compile(
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june|july|august|"
    r"september|october|november|december|yesterday|today|tonight|last|on|in",
    re.IGNORECASE,
)


def _name_ends(last: str, following: str) -> bool:
    """The area's name ends before ``following``: a full stop ends the sentence ("Tal Afar, Iraq.
    Police said …") or the next word is a day or month."""
    return last.endswith(".") or _TIME_WORD.fullmatch(following.strip(".,;:")) is not None


def comma_holder(text: str, end: int, gaz: Gazetteer) -> list[Entry]:
    """The province or country named after a comma as what holds the mention ("Thorncliffe,
    Limpopo", "Thorncliffe, Limpopo Province"), when the text is not a list of places going on
    after it and the area's name is not the start of a longer one."""
    m = _AFTER_COMMA.match(text, end, min(len(text), end + 90))
    if not m:
        return []
    words = m.group(1).split()
    for n in range(len(words), 0, -1):
        hits = [e for e in _area_hits(normalize(" ".join(words[:n])), gaz) if e.kind in ("admin1", "country")]
        if hits:
            if (
                n < len(words)
                and words[n].lower() not in AREA_WORDS
                and not _name_ends(words[n - 1], words[n])
            ):
                return []  # the start of a longer name ("Los Angeles, San Fernando Valley")
            after = m.start(1) + len(" ".join(words[:n]))
            return [] if _LIST_GOES_ON.match(text, after) else hits
    return []


# A bare country name two countries share, and those countries, the one it means in today's news
# first: "Congo" is the DR Congo unless the story says otherwise (the Republic is mostly named
# "Republic of Congo", "Congo-Brazzaville" or by Brazzaville and its other towns).
SHARED_COUNTRY_NAMES = {"congo": ("COD", "COG")}


def _area_hits(key: str, gaz: Gazetteer) -> list[Entry]:
    """The areas a normalised name names: a shared country name ("Congo") names each of its
    countries, so "Goma, Congo" is held by the DR Congo, not moved to the Republic's centre."""
    shared = [gaz.countries[iso] for iso in SHARED_COUNTRY_NAMES.get(key, ()) if iso in gaz.countries]
    return shared + [e for e in gaz.area_keys.get(key, ()) if e not in shared]


_OWNER = re.compile(r"([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})['’]s\s+$")


def owners_of(text: str, start: int, gaz: Gazetteer) -> list[Entry]:
    """The places named as the owner of a mention ("Kharkiv's" in "Kharkiv's Kyivskyi district"),
    when the gazetteer knows the owner exactly."""
    m = _OWNER.search(text, max(0, start - 60), start)
    if not m:
        return []
    shared = [
        gaz.countries[iso]
        for iso in SHARED_COUNTRY_NAMES.get(normalize(m.group(1)), ())
        if iso in gaz.countries
    ]
    found = [e for e, score in gaz.lookup(m.group(1), fuzzy=False) if score >= 0.95 and e.kind != "feature"]
    return shared + [e for e in found if e not in shared]


def document_focus(text: str, gaz: Gazetteer) -> tuple[Counter[str], Counter[str]]:
    """Countries (iso3) and admin1 codes named anywhere in the text, counted."""
    countries, admin1, _ = focus(text, gaz)
    return countries, admin1


def focus(text: str, gaz: Gazetteer) -> tuple[Counter[str], Counter[str], set[str]]:
    """``document_focus`` and the countries named by name (not only by a demonym or a province)."""
    countries: Counter[str] = Counter()
    admin1: Counter[str] = Counter()
    named: set[str] = set()
    for m in _CAPS.finditer(text):
        words = m.group(0).split()
        i = 0
        while i < len(words):
            for n in range(min(4, len(words) - i), 0, -1):
                phrase = " ".join(words[i : i + n])
                # a shared name ("Congo") says the story is in one of its countries: both count
                hits = _area_hits(normalize(phrase), gaz)
                if hits and _ABBREVIATION.match(phrase):
                    # "UK", "DRC" name countries; a short capitalised word is not a province
                    # code: the byline "TNN" is not Tennessee
                    hits = [e for e in hits if e.kind == "country"]
                elif hits and _SHORT_WORD.match(phrase):
                    # "In all, 24 schools…" names no Indiana; "Goa", "Bay" are the areas' names
                    hits = [e for e in hits if normalize(e.name) == normalize(phrase)]
                iso = gaz.demonym_country(phrase) if n <= 2 else None
                if hits or iso:
                    for e in hits or ():
                        if e.kind == "country":
                            countries[e.iso3] += 1
                            named.add(e.iso3)
                        elif len(hits) == 1:
                            admin1[e.a1code] += 1
                            countries[e.iso3] += 0.5
                    if iso and not hits:
                        countries[iso] += 0.5
                    i += n
                    break
            else:
                i += 1
    return countries, admin1, named


# "US forces", "Russia's army": a country whose armed forces act, not one the story is in
_ACTING = re.compile(
    r"\b[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?(?=(?:['’]s)?\s+(?:forces|troops|soldiers|army|military|navy|"
    r"jets|warplanes|drones|aircraft|coalition)\b)"
)


def without_acting_countries(text: str, gaz: Gazetteer) -> str:
    """``text`` with the names of countries that act ("US forces") blanked (same length), for
    the question whether a story names another country than a small town's: a journalist
    "embedded with US forces in Tal Abyad" names no place in the United States. Demonyms stay
    ("Syrian forces" are most often in Syria, and count only half there)."""

    def blank(m: re.Match) -> str:
        word = m.group(0)
        country = any(e.kind == "country" for e in gaz.area_keys.get(normalize(word), ()))
        return " " * len(word) if country and not gaz.demonym_country(word) else word

    return _ACTING.sub(blank, text)


# A place's adjective or its people's name ("Korean", "Texan", "Parisian", "Floridian",
# "Argentinian"): drop a suffix and put back the name's usual ending. "-er" names a town's people
# only ("Londoner", "New Yorker"; "Easter" is no eastern area).
_ADJECTIVE_SUFFIXES = ("ians", "ian", "ans", "ese", "an", "ns", "is", "ic", "n", "i")
_TOWNSFOLK_SUFFIXES = ("ers", "er")
_ENDINGS = ("", "a", "s", "ia")


def adjective_stems(name: str, suffixes: tuple[str, ...] = _ADJECTIVE_SUFFIXES) -> list[str]:
    """The names ``name`` may be the adjective or demonym of, longest suffix first (none for a
    name without such a suffix); the caller keeps those the gazetteer has."""
    name = name.strip()
    out: list[str] = []
    if not name[:1].isupper():
        return out
    for suffix in suffixes:
        stem = name.removesuffix(suffix)
        if stem == name or len(stem) < 3 or not stem[-1].isalpha():
            continue
        out.extend(f for f in (stem + e for e in _ENDINGS) if f not in out and f != name)
    return out


BIG_TOWN = 100_000  # a town this big can be what an adjective names ("Parisian", "Chicagoan")
_ADJECTIVE_AREAS = ("country", "admin1", "region", "feature")


def adjective_places(name: str, gaz: Gazetteer) -> list[tuple[Entry, float]]:
    """What a name the gazetteer lacks is the adjective of ("Korean" Korea, "Texan" Texas,
    "Parisian" Paris, "Londoner" London), at 0.9 (a derived name, not the place's own): the areas
    of the first stem that names one, else the towns of 100,000 people or more of the first stem
    that names one. Fuzzy matches of such words are look-alike towns ("Texan" is not Texanna)."""
    towns: list[tuple[Entry, float]] = []
    for stem in adjective_stems(name):
        found = [e for e, s in gaz.lookup(stem, fuzzy=False) if s >= NEAR_EXACT]
        areas = [(e, 0.9) for e in found if e.kind in _ADJECTIVE_AREAS]
        if areas:
            return areas
        towns = towns or _big_towns(found)
    for stem in adjective_stems(name, _TOWNSFOLK_SUFFIXES):
        towns = towns or _big_towns([e for e, s in gaz.lookup(stem, fuzzy=False) if s >= NEAR_EXACT])
    return towns


def _big_towns(found: list[Entry]) -> list[tuple[Entry, float]]:
    return [(e, 0.9) for e in found if e.kind == "city" and e.population >= BIG_TOWN]
