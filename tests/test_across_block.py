"""Events without a country (or with only a country) across articles: the second block (any
country, one indexed query) and its stricter decision — a follow-up whose place was missed joins
its original when a place, a party or its wording ties them; two incidents of one day in unknown
places stay apart. Records are made up; no models load."""

from __future__ import annotations

from typing import Any

import pytest
from test_across import clash, result

from dateline.config import Config
from dateline.ingest import open_store
from dateline.merge import across
from dateline.store import Store

CFG = Config()
NOWHERE = {"country": None, "iso3": None, "location": None, "admin1": None, "admin2": None,
           "latitude": None, "longitude": None, "geo_precision": None, "geonameid": None}  # fmt: skip


def sentence(article_id: str, text: str) -> list[dict[str, Any]]:
    return [{"field": "notes", "article_id": article_id, "start": 0, "end": len(text), "text": text}]


def original(**kw: Any) -> dict[str, Any]:
    text = "Fighters of the Syrian Democratic Forces clashed with Islamic State near Hajin on Thursday."
    return clash("e1", "a1", **{"evidence": sentence("a1", text), **kw})


def follow_up(text: str, **kw: Any) -> dict[str, Any]:
    """A second outlet's report whose place was not found: no country, generic actors."""
    ev = clash("e2", "a2", source="Outlet B", actor1="Unidentified Armed Group", actor2="Civilians",
               evidence=sentence("a2", text), **NOWHERE)  # fmt: skip
    ev.update(kw)
    return ev


@pytest.fixture
def store(db_url: str) -> Store:
    s = open_store(db_url)
    yield s
    s.close()


def test_a_follow_up_naming_the_town_joins_its_original(store: Store) -> None:
    store.add_result(result("a1", [original()]))
    text = "The toll from Thursday's fighting in Hajin's eastern district has risen to 14, medics said."
    store.add_result(result("a2", [follow_up(text, fatalities=14)], published="2019-01-12"))
    (ev,) = store.events()
    assert ev["event_id"] == "e1" and ev["article_ids"] == ["a1", "a2"]
    assert ev["iso3"] == "SYR" and ev["location"] == "Hajin"  # the placed report's place stays
    assert ev["fatalities"] == 14  # the later report's toll is the best estimate


def test_either_order_and_a_named_party_or_a_copy_also_tie(store: Store) -> None:
    # the report without a country first: the placed one finds it (its block holds no-country events)
    text = "Gunmen attacked a market in Komanda on Saturday night, killing nine residents."
    store.add_result(result("a2", [follow_up(text, event_id="e2")]))
    placed = original(evidence=sentence("a1", "Nine were killed when gunmen raided the market of Komanda."))
    store.add_result(result("a1", [placed]))
    assert len(store.events()) == 1
    a = follow_up("Fighting broke out at dawn.", actor1="Islamic State")
    assert across.corroborated(original(), a, CFG) == "actor"
    copy = "Fighters of the Syrian Democratic Forces clashed with Islamic State near Hajin on Thursday"
    assert across.corroborated(original(), follow_up(copy.replace("Hajin", "the town")), CFG) == "copy"


def test_two_incidents_of_one_day_in_unknown_places_stay_apart(store: Store) -> None:
    first = follow_up("Armed men attacked a village at night, the local Red Cross said.", event_id="e1",
                      article_ids=["a1"])  # fmt: skip
    second = follow_up("Gunmen opened fire on a bus on the main road, a witness said.", event_id="e2")
    store.add_result(result("a1", [first]))
    store.add_result(result("a2", [second]))
    assert len(store.events()) == 2
    # nor does a placed event take a countryless one on type, day and a category of actor alone
    police = follow_up("Police fired tear gas at traders in the morning.", actor1="Police Forces")
    assert across.same_event(original(actor1="Police Forces of Syria"), police, CFG) is None


def test_places_of_two_countries_never_meet_unless_one_is_only_a_country() -> None:
    text = "Fighters of the Syrian Democratic Forces clashed with Islamic State near Hajin on Thursday."
    iraq = clash("e2", "a2", country="Iraq", iso3="IRQ", location="Mosul", admin1="Nineveh",
                 geonameid=99072, latitude=36.3, longitude=43.1, evidence=sentence("a2", text))  # fmt: skip
    assert across.same_event(original(), iraq, CFG) is None
    # "Congo" read as the wrong country, the town missed: a country only, tied by the town's name
    wrong = dict(iraq, location="Iraq", admin1=None, geonameid=99237, geo_precision=3)
    assert across.weakly_placed(wrong) and across.same_event(original(), wrong, CFG) is not None


def test_place_words_fold_accents_and_possessives_and_skip_days() -> None:
    ev = follow_up("Students marched in the Plan of Valparaíso and in Kisumu's centre on Thursday.")
    assert across.place_words(ev) == {"valparaiso", "kisumu"}
    quoted = follow_up("Nine died, the Ministry of Health said in Abuja.")
    assert across.place_words(quoted) == {"abuja"}


def test_the_block_of_an_event_without_a_country_is_any_country_over_a_narrow_window() -> None:
    key = across.block(follow_up("x"), CFG)
    assert key is not None
    iso3, types, first, last, _, near_first, weak_only = key
    assert iso3 is None and "Battles" in types and (first, last) == ("2019-01-08", "2019-01-14")
    assert near_first == "2019-01-08" and not weak_only
    # a placed event keeps its country's block (31 days' reach), and meets any country's events
    # placed by a country alone over the narrow window
    iso3, _, first, _, _, near_first, weak_only = across.block(original(), CFG)
    assert (iso3, first, near_first, weak_only) == ("SYR", "2018-12-09", "2019-01-08", True)
    # a country-only report keeps its country's 31 days, and any country's over the narrow window
    only = original(location="Syria", admin1=None)
    iso3, _, first, _, _, near_first, weak_only = across.block(only, CFG)
    assert (iso3, first, near_first, weak_only) == ("SYR", "2018-12-09", "2019-01-08", False)


def test_the_block_of_any_country_uses_an_index(store: Store) -> None:
    """Both blocks are indexed searches (on SQLite: the events without a country on
    ix_events_block, as a country's are, any country on ix_events_block_any); never a scan."""
    sqlite = store.engine.dialect.name == "sqlite"
    p = "?" if sqlite else "%s"
    cases = [
        (f"event_type IN ({p}, {p}) AND event_date BETWEEN {p} AND {p}", ()),
        (f"iso3 IS NULL AND event_type IN ({p}, {p}) AND event_date BETWEEN {p} AND {p}", ()),
        (f"iso3 != {p} AND admin1 IS NULL AND (location IS NULL OR location = country) AND "
         f"event_type IN ({p}, {p}) AND event_date BETWEEN {p} AND {p}", ("SYR",)),
    ]  # fmt: skip
    with store.engine.connect() as conn:
        if not sqlite:
            conn.exec_driver_sql("SET enable_seqscan = off")
        explain = "EXPLAIN QUERY PLAN" if sqlite else "EXPLAIN"
        for where, first in cases:
            args = (*first, "Protests", "Riots", "2019-01-08", "2019-01-11")
            rows = conn.exec_driver_sql(f"{explain} SELECT * FROM events WHERE {where}", args)
            plan = " ".join(str(r[-1]) for r in rows)
            # PostgreSQL may pick another date index on a small table: any index, never a scan
            assert "ix_events_" in plan and "SCAN events" not in plan and "Seq Scan" not in plan, plan
            assert not sqlite or "ix_events_block" in plan, plan


@pytest.mark.parametrize("placed_first", [True, False])
def test_a_report_of_the_wrong_country_joins_in_either_order(db_url: str, placed_first: bool) -> None:
    # an Iraq report with nothing below the country (the country read wrong) naming Hajin
    text = "Fighters of the Syrian Democratic Forces clashed with Islamic State near Hajin on Thursday."
    iraq = clash("e2", "a2", country="Iraq", iso3="IRQ", location="Iraq", admin1=None, geonameid=99237,
                 geo_precision=3, latitude=33.0, longitude=44.0, evidence=sentence("a2", text))  # fmt: skip
    pairs = [("a1", original()), ("a2", iraq)]
    s = open_store(db_url)
    try:
        for article_id, ev in pairs if placed_first else pairs[::-1]:
            s.add_result(result(article_id, [ev]))
        assert len(s.events()) == 1, s.events()
    finally:
        s.close()


def test_a_country_only_report_meets_a_long_event_of_its_country(store: Store) -> None:
    # a siege stored as one event over ten days; a later report knows only the country
    store.add_result(result("a1", [original(event_date="2019-01-01", event_date_end="2019-01-10")]))
    text = "Fighters of the Syrian Democratic Forces clashed with Islamic State near Hajin on Wednesday."
    late = clash("e2", "a2", location="Syria", admin1=None, geonameid=163843, geo_precision=3,
                 event_date="2019-01-09", evidence=sentence("a2", text))  # fmt: skip
    assert across.weakly_placed(late)
    store.add_result(result("a2", [late]))
    (ev,) = store.events()
    assert ev["event_id"] == "e1" and ev["article_ids"] == ["a1", "a2"]


def test_a_place_is_a_whole_name_and_an_outlet_is_none() -> None:
    near = follow_up(
        "Gunmen clashed with soldiers near San Pedro on Thursday.", event_id="e1", article_ids=["a1"]
    )
    assert across.place_words(near) == {"san pedro"}
    assert not across.corroborated(near, follow_up("Fighting broke out in San Miguel on Thursday."), CFG)
    port = follow_up("Militants clashed with troops in Port Harcourt.", event_id="e1", article_ids=["a1"])
    assert not across.corroborated(port, follow_up("Fighting erupted in Port Sudan on Thursday."), CFG)
    assert (
        across.corroborated(port, follow_up("Two died as fighting spread in Port Harcourt."), CFG) == "place"
    )
    quoted = follow_up("Gunmen fought soldiers, according to a statement from Reuters.", event_id="e1",
                       article_ids=["a1"])  # fmt: skip
    cited = follow_up("Clashes erupted at dawn, a witness said, citing images from Reuters.")
    assert not across.corroborated(quoted, cited, CFG)
    # an outlet quoted at a place ("at Reuters") is no place either
    at = follow_up("Fighting erupted, an editor at Reuters said.", source="Reuters")
    assert not across.corroborated(follow_up("Gunmen fought, a source at Reuters said.", event_id="e1",
                                             article_ids=["a1"]), at, CFG)  # fmt: skip


def test_a_single_word_read_from_the_text_is_a_place_both_name() -> None:
    a = follow_up("Gunmen attacked a market in Komanda at night.", event_id="e1", article_ids=["a1"])
    b = follow_up("Nine died when gunmen raided the market of Komanda.")
    assert across.corroborated(a, b, CFG) == "place"
    assert across.corroborated(original(), follow_up("Raqqa's market burned."), CFG) == ""
    named = follow_up("The toll from the fighting in Hajin has risen to 14.")
    assert across.corroborated(original(), named, CFG) == "place"
