"""A report placed at a district or province below the first-level division (its location is
its own admin2, at precision 2: "the garrison of Djibo, capital of Soum province" coded at Soum)
holds the towns of that district, so it meets a report of one of them although the district's
centre lies farther than ``across_same_km`` from the town; a town that shares its district's name
(precision 1) does not hold the district's other towns, nor a district another district's town.
Records are made up (coordinates rounded from the gazetteer); no models load."""

from __future__ import annotations

from typing import Any

from test_across import clash

from dateline.config import Config
from dateline.merge import across

CFG = Config()
# a town and its district's centre ~40 km apart; a town of another district of the same region
TOWN = {"country": "Burkina Faso", "iso3": "BFA", "admin1": "Sahel", "admin2": "Soum", "location": "Djibo",
        "latitude": 14.10, "longitude": -1.63, "geo_precision": 1, "geonameid": 2361177}  # fmt: skip
DISTRICT = {**TOWN, "location": "Soum", "latitude": 14.16, "longitude": -1.25, "geo_precision": 2,
            "geonameid": 2355248}  # fmt: skip
OTHER_DISTRICT_TOWN = {**TOWN, "admin2": "Oudalan", "location": "Gorom-Gorom", "latitude": 14.44,
                       "longitude": -0.24, "geonameid": 2359608}  # fmt: skip


def report(event_id: str, article_id: str, place: dict[str, Any]) -> dict[str, Any]:
    return clash(event_id, article_id, actor1="JNIM", actor2="Military Forces of Burkina Faso", **place)


def test_a_district_holds_its_towns() -> None:
    assert across.place_score(report("e1", "a1", TOWN), report("e2", "a2", DISTRICT), CFG) == 0.5
    assert across.same_event(report("e1", "a1", TOWN), report("e2", "a2", DISTRICT), CFG) is not None
    assert across.same_event(report("e2", "a2", DISTRICT), report("e1", "a1", TOWN), CFG) is not None


def test_a_town_named_like_its_district_or_another_district_holds_nothing() -> None:
    namesake = {**DISTRICT, "geo_precision": 1}  # a town called as its district, at a point
    assert across.same_event(report("e1", "a1", TOWN), report("e2", "a2", namesake), CFG) is None
    far = report("e3", "a3", OTHER_DISTRICT_TOWN)
    assert across.same_event(report("e2", "a2", DISTRICT), far, CFG) is None


def test_a_town_near_which_an_event_happened_holds_no_other_town_of_its_district() -> None:
    """A place "near Soum" (precision 2, the word "near" its evidence) is a point's surroundings, not the
    district: a town of that name holds nothing."""
    near = {**DISTRICT, "evidence": [{"field": "geo_precision", "article_id": "a2", "text": "near"}]}
    assert across.place_score(report("e1", "a1", TOWN), report("e2", "a2", near), CFG) != 0.5
    assert across.same_event(report("e1", "a1", TOWN), report("e2", "a2", near), CFG) is None
