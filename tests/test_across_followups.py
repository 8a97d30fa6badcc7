"""A follow-up that revises a toll ("the death toll from the attack has risen to 14") is a report
of an earlier event, and may be dated by the revision ("more bodies were found on Monday"): its
interval reaches ``across_revision_days`` back, so it meets the event it revises whichever is
stored first; a later report that revises nothing stays a different event. Records are made up."""

from __future__ import annotations

from typing import Any

import pytest

from dateline.config import Config
from dateline.ingest import open_store
from dateline.merge import across
from dateline.records import Article, Event, Result, Segment
from dateline.store import Store

TOWN = {"country": "Syria", "iso3": "SYR", "location": "Hajin", "admin1": "Deir ez-Zor",
        "latitude": 34.69, "longitude": 40.83, "geo_precision": 1, "geonameid": 170017}  # fmt: skip


def attack(event_id: str, article_id: str, day: str, toll: int, toll_text: str, **kw: Any) -> dict[str, Any]:
    ev: dict[str, Any] = {
        "event_id": event_id, "event_date": day, "time_precision": 1,
        "event_type": "Violence against civilians", "sub_event_type": "Attack",
        "actor1": "Islamic State", "actor2": "Civilians (Syria)", **TOWN, "fatalities": toll,
        "certainty": "reported", "source": f"Outlet {article_id}", "confidence": 0.6,
        "notes": "Gunmen attacked a market in Hajin.", "article_ids": [article_id],
        "evidence": [{"field": "fatalities", "article_id": article_id, "start": 0,
                      "end": len(toll_text), "text": toll_text}],
    }  # fmt: skip
    ev.update(kw)
    return ev


ORIGINAL = attack("e1", "a1", "2019-01-10", 9, "killing nine people")
# dated by its revision, three days on ("more bodies were found on Sunday")
FOLLOW_UP = attack("e2", "a2", "2019-01-13", 14, "the death toll from the attack in Hajin has risen to 14")
ANOTHER = attack("e3", "a3", "2019-01-13", 4, "four people were killed")  # revises nothing


def result(ev: dict[str, Any], published: str) -> Result:
    art = Article(article_id=ev["article_ids"][0], text="a report", published=published)
    return Result(art, [Segment(0, 8, "body")], [Event.from_dict(ev)])


@pytest.mark.parametrize(
    "text,revised",
    [
        ("the death toll from the attack in Hajin has risen to 14", True),
        ("raising the toll to two", True),
        ("bringing to 12 the number killed in the clash", True),
        ("The number of people killed in the raid now stands at 23", True),
        ("the toll climbed to thirty-one", True),
        (
            "toll from an attack blamed on rebels in Komanda in the east of the country's northern "
            "province has risen to 21",
            True,
        ),
        ("taking the total to 17", True),
        ("a total of 12 people were killed when gunmen reached the village", False),
        ("killing nine people", False),
        ("at least 14 were killed, including a toll collector", False),
    ],
)
def test_a_revised_toll_is_told_by_its_evidence(text: str, revised: bool) -> None:
    ev = attack("e", "a", "2019-01-10", 1, text)
    assert across.revised(ev) is revised


def test_the_follow_up_meets_the_event_it_revises_and_a_later_report_does_not() -> None:
    cfg = Config()
    assert across.same_event(ORIGINAL, FOLLOW_UP, cfg) is not None
    assert across.same_event(FOLLOW_UP, ORIGINAL, cfg) is not None  # either stored first
    assert across.same_event(ORIGINAL, ANOTHER, cfg) is None
    late = dict(FOLLOW_UP, event_date="2019-01-16")  # six days on: beyond the reach
    assert across.same_event(ORIGINAL, late, cfg) is None
    assert across.same_event(ORIGINAL, FOLLOW_UP, Config(across_revision_days=0)) is None


@pytest.fixture
def store(db_url: str) -> Store:
    s = open_store(db_url)
    yield s
    s.close()


@pytest.mark.parametrize("order", ["original first", "follow-up first"])
def test_stored_either_way_the_follow_up_joins_with_its_toll(store: Store, order: str) -> None:
    first = [(ORIGINAL, "2019-01-11"), (FOLLOW_UP, "2019-01-13")]
    for ev, published in first if order == "original first" else first[::-1]:
        store.add_result(result(ev, published))
    store.add_result(result(ANOTHER, "2019-01-13"))
    events = {e["event_id"]: e for e in store.events()}
    assert len(events) == 2
    (merged,) = [e for e in events.values() if e["num_articles"] == 2]
    assert merged["fatalities"] == 14 and (merged["fatalities_low"], merged["fatalities_high"]) == (9, 14)


def _told(ev: dict[str, Any], sentence: str) -> dict[str, Any]:
    """``ev`` with its event sentence as ``notes`` evidence, holding its toll's evidence."""
    aid = ev["article_ids"][0]
    toll = ev["evidence"][0]["text"]
    start = sentence.index(toll)
    notes = {"field": "notes", "article_id": aid, "start": 0, "end": len(sentence), "text": sentence}
    tolls = {"field": "fatalities", "article_id": aid, "start": start, "end": start + len(toll), "text": toll}
    return dict(ev, evidence=[notes, tolls])


# the attack at a village the gazetteer missed, coded at the district town; a follow-up filed from a
# bureau 300 km away names the village in its revision sentence, not its own town
VILLAGE = _told(
    attack("e1", "a1", "2019-01-10", 5, "killing five policemen"),
    "Militants attacked a police post in Qasrawiya, killing five policemen, officials said.",
)
BUREAU = {
    "location": "Damascus",
    "admin1": "Damascus",
    "latitude": 33.51,
    "longitude": 36.29,
    "geonameid": 170654,
}
FROM_BUREAU = _told(
    attack("e2", "a2", "2019-01-10", 7, "raising the toll to seven", **BUREAU),
    "Two officers wounded in the attack on a police post in Qasrawiya died, raising the toll to seven.",
)


def test_a_follow_up_naming_a_place_the_original_names_joins_it() -> None:
    cfg = Config()
    assert across.same_event(VILLAGE, FROM_BUREAU, cfg) is not None
    assert across.same_event(FROM_BUREAU, VILLAGE, cfg) is not None
    # a report from the bureau's town that revises nothing, or names another village, stays apart
    plain = _told(attack("e3", "a3", "2019-01-10", 7, "killing seven", **BUREAU),
                  "Militants attacked a police post in Qasrawiya, killing seven.")  # fmt: skip
    assert across.same_event(VILLAGE, plain, cfg) is None
    other = _told(attack("e4", "a4", "2019-01-10", 7, "raising the toll to seven", **BUREAU),
                  "Two officers wounded in the attack on a post in Tall Hamis died, raising the toll to seven.")  # fmt: skip
    assert across.same_event(VILLAGE, other, cfg) is None


def test_a_follow_up_naming_only_the_province_joins_no_event_of_it() -> None:
    """The province both reports lie in ("the attack in Deir ez-Zor") does not tell which of its
    events is revised: only a town, or a place the other's sentences name, does."""
    village = _told(attack("e1", "a1", "2019-01-10", 5, "killing five policemen", admin1="Raqqa"),
                    "Militants attacked a police post in Qasrawiya, killing five policemen, officials said.")  # fmt: skip
    province = _told(attack("e5", "a5", "2019-01-10", 7, "raising the toll to seven", **BUREAU),
                     "Two officers wounded in an attack in Raqqa died, raising the toll to seven.")  # fmt: skip
    assert across.same_event(village, province, Config()) is None
