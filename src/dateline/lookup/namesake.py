"""A province known by its town's name: "Belgorod region" is the admin1 area Belgorodskaya
oblast', which the gazetteer does not list as "Belgorod" (only the city is), so the name with its
area word resolves to the area (precision 3), never to the namesake town."""

from __future__ import annotations

from collections.abc import Iterable

from .gazetteer import Entry, Gazetteer, fold
from .place_text import EXACT

# area words after a name that make it the admin1 area ("district" is a unit below: the town)
PROVINCE_WORDS = ("province", "governorate", "state", "region", "oblast")


def namesake_area(
    name: str, gaz: Gazetteer, looked: Iterable[tuple[Entry, float]] | None = None
) -> Entry | None:
    """The admin1 area holding a town of exactly ``name`` whose own name begins with the town's
    stem ("Belgorod" -> Belgorodskaya oblast', "Lviv" -> Lvivska oblast'); None when there is
    none (a town whose province has another name is no province's namesake). ``looked``: the
    name's ``gaz.lookup`` when the caller has it (its exact entries are the same either way)."""
    key = fold(name)
    stem = key[: max(4, len(key) - 2)]
    for e, score in gaz.lookup(name, fuzzy=False) if looked is None else looked:
        area = gaz.admin1.get(e.a1code) if e.kind == "city" and score >= EXACT and e.a1code else None
        if area is not None and fold(area.name).startswith(stem):
            return area
    return None
