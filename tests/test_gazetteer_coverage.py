"""Candidate generation for names the gazetteer lacks: a place's adjective or its people's name
("Texan", "Parisian") is looked up as the place it derives from."""

from __future__ import annotations

from support import shared_resources

from dateline.lookup import places
from dateline.lookup.place_text import adjective_places, adjective_stems


def gaz():
    return shared_resources().gazetteer


def test_adjective_stems_put_back_the_names_ending() -> None:
    assert "Texas" in adjective_stems("Texan")
    assert "Florida" in adjective_stems("Floridian")
    assert "Oslo" not in adjective_stems("Osloers")  # "-er": a town's people only
    assert "Oslo" in adjective_stems("Osloers", ("ers", "er"))
    assert adjective_stems("Parisians")[0] == "Paris"  # the longest suffix first
    assert adjective_stems("Lagos") == adjective_stems("Kabul") == []  # no adjective suffix
    assert adjective_stems("texan") == []  # lower case: a common word, not a name
    assert all(len(s) >= 3 for s in adjective_stems("Iran"))


def test_an_adjective_resolves_to_its_area_or_big_town() -> None:
    cases = {"Texan": ("admin1", "USA"), "Parisian": ("city", "FRA"), "Floridian": ("admin1", "USA")}
    for word, (kind, iso3) in cases.items():
        place = places.resolve_name(word, None, gaz())
        assert place is not None and (place.kind, place.iso3) == (kind, iso3), word
    londoner = places.resolve_name("Londoners", None, gaz())
    assert londoner is not None and (londoner.kind, londoner.iso3) == ("city", "GBR")
    # a word that only looks like a townsman's name ("East" + "-er") is no area's adjective
    assert adjective_places("Easter", gaz()) == []


def test_an_adjective_in_a_text_is_its_place_and_a_real_name_stays_itself() -> None:
    text = "Ohioan farmers met Alaskan fishermen in Roman, where a Chicagoan spoke."
    names = ("Ohioan", "Alaskan", "Roman", "Chicagoan")
    ms = []
    for n in names:
        start = text.index(n)
        ms.append({"start": start, "end": start + len(n), "text": n, "hint": None})
    found = places.resolve_toponyms(text, ms, gaz())
    assert [p.admin1 if p else None for p in found[:2]] == ["Ohio", "Alaska"]
    assert found[2] is not None and found[2].iso3 == "ROU"  # a town's own name is never an adjective's
    assert found[3] is not None and found[3].name == "Chicago"


def test_an_areas_point_leaves_out_a_few_towns_set_far_apart() -> None:
    from dateline.lookup.gazetteer_build import _core, _midpoint

    grid = [(40.0 + i * 0.1, 110.0 + j * 0.1) for i in range(5) for j in range(6)]  # 30 towns
    strays = [(31.0, 88.0), (31.2, 88.3)]  # two towns coded to this province 2,000 km away
    assert _core(grid + strays) == grid
    lat, lon = _midpoint(_core(grid + strays))
    assert 40.0 < lat < 40.5 and 110.0 < lon < 110.6
    many = grid + strays * 3  # six of 36 far away: a real part of the area, kept
    assert _core(many) == many
    assert _core(grid[:10] + strays) == grid[:10] + strays  # too few towns to tell


def test_a_part_of_a_sea_named_by_its_direction_is_that_sea() -> None:
    # "North Atlantic": the whole name is unknown, the direction names a part of the ocean
    # (not a county called after it)
    for name in ("North Atlantic", "the South Pacific"):
        place = places.resolve_name(name, None, gaz())
        assert place is not None and place.kind == "feature", name


def test_every_spelling_of_a_key_stays_an_exact_name() -> None:
    # Kolkata lists "Calcuta" before "Calcutta", one matching key: the index kept only the first
    # form, so "Calcutta" matched Kolkata inexactly and the exact namesakes abroad (small towns
    # in Belize, South Africa, the US) pushed it out of the candidates
    found = {e.name: s for e, s in gaz().lookup("Calcutta")}
    assert found.get("Kolkata", 0.0) >= places.NEAR_EXACT
    text = "Thousands marched through Calcutta on Sunday, the police in West Bengal said."
    start = text.index("Calcutta")
    mention = {"start": start, "end": start + len("Calcutta"), "text": "Calcutta", "hint": None}
    place = places.resolve_toponyms(text, [mention], gaz())[0]
    assert place is not None and place.iso3 == "IND"
