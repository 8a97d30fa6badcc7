"""What the text around a place name says of it (lookup/place_text.py), on sentences written for
these tests."""

from __future__ import annotations

from support import shared_resources

from dateline.lookup.place_text import comma_holder


def _holder(text: str, name: str) -> set[str]:
    end = text.index(name) + len(name)
    return {e.name for e in comma_holder(text, end, shared_resources().gazetteer)}


def test_a_comma_holder_is_the_whole_name_after_the_comma() -> None:
    # "San Fernando" is a province of Trinidad, but here it starts a valley's name in a list
    text = "Parcels went to Glendale, San Fernando Valley and Santa Monica offices."
    assert _holder(text, "Glendale") == set()
    # an area word after the area's name still holds the town
    assert _holder("A strike shut a mine near Tubatse, Limpopo Province, on Monday.", "Tubatse") == {
        "Limpopo"
    }
    assert _holder("A strike shut a mine near Tubatse, Limpopo, on Monday.", "Tubatse") == {"Limpopo"}


def test_a_comma_holder_ends_at_a_full_stop_or_a_day() -> None:
    # the next sentence's first word, or a day or month, does not make the area a longer name
    assert _holder("A bomb went off in Tal Afar, Iraq. Police said two died.", "Tal Afar") == {"Iraq"}
    assert _holder("Miners marched in Tubatse, Limpopo. Workers burned a bus.", "Tubatse") == {"Limpopo"}
    assert _holder("Gunmen raided Kpakpalodi, Ituri Tuesday night.", "Kpakpalodi") == {"Ituri"}
