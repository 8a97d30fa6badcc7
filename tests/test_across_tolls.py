"""The toll of one event told by several reports (``across_words.best_toll``) and what ties a
report to the event by the town it names (``names_town``): the latest report's figure wins, but a
copy adds nothing, a vague "dozens" revises no stated count, a count repeated after a revision is
stale and "N more bodies" adds to the count before it; a report naming the other's town
anywhere ("a Kohat mosque") ties a placeless one, and a follow-up filed from a bureau joins the
event whose town it names. Records and sentences are made up; no models load."""

from __future__ import annotations

import pytest
from test_across import clash
from test_across_block import NOWHERE, original, sentence

from dateline.config import Config
from dateline.merge import across
from dateline.merge.across_words import best_toll, increment, names_town, vague

CFG = Config()


def report(article_id: str, published: str, best: int, count: str, said: str = "") -> tuple[dict, list]:
    """One report's toll entry and its evidence: the count's words and its event sentence."""
    toll = {"article_id": article_id, "published": published, "best": best, "low": None, "high": None}
    evidence = [{"field": "fatalities", "article_id": article_id, "start": 0, "end": 1, "text": count}]
    return toll, evidence + (sentence(article_id, said) if said else [])


def choose(*reports: tuple[dict, list]) -> tuple[int | None, int | None, int | None]:
    tolls = sorted((t for t, _ in reports), key=lambda t: t["published"])
    return best_toll(tolls, [e for _, ev in reports for e in ev])


@pytest.mark.parametrize(
    "text,is_increment,is_vague",
    [
        ("four more bodies", True, False),
        ("another seven", True, False),
        ("a further 3", True, False),
        ("11 additional victims", True, False),
        ("more than 30 people", False, False),
        ("30 or more people", False, False),
        ("the toll rose to 40 more or less", False, False),
        ("Dozens", False, True),
        ("scores of villagers", False, True),
        ("hundreds", False, True),
        ("a dozen", False, False),
        ("claimed a third victim", False, False),
        ("at least 12", False, False),
        ("a soldier was killed", False, False),  # one, told with "a"
        ("no further deaths", False, False),
        # a day or a date in the added count's own sentence is no earlier count
        ("Two days later, three more people died in hospital.", True, False),
        ("On 12 March, two more bodies were found.", True, False),
    ],
)
def test_a_count_told_as_added_or_as_vague(text: str, is_increment: bool, is_vague: bool) -> None:
    evidence = {"field": "fatalities", "article_id": "a", "text": text}
    assert (increment(evidence), vague(evidence)) == (is_increment, is_vague)


def test_the_latest_report_wins_and_a_stale_repeat_does_not() -> None:
    first = report("a1", "2024-03-01", 9, "nine people")
    raised = report("a2", "2024-03-02", 14, "the death toll rose to 14")
    assert choose(first, raised) == (14, 9, 14)
    # an outlet repeating the first day's count after the revision
    assert choose(first, raised, report("a3", "2024-03-03", 9, "nine people")) == (14, 9, 14)
    # a conflicting later claim that is no repeat of a revision still wins (the junta's lower count)
    assert choose(report("a1", "2024-03-01", 14, "14 fighters"), report("a2", "2024-03-02", 5, "five")) == (
        5,
        5,
        14,
    )


def test_a_copy_published_after_an_independent_report_adds_nothing() -> None:
    said = "Gunmen shelled the cattle market in Kutum on Tuesday, killing 15 people, medics said."
    first = report("a1", "2024-03-01", 15, "15 people", said)
    other = report("a2", "2024-03-02", 22, "At least 22 people", "At least 22 people died in Kutum.")
    copy = report("a3", "2024-03-03", 15, "15 people", "KUTUM - " + said)
    assert choose(first, other, copy) == (22, 15, 22)
    # the wire's own update with a new figure in the same sentence is a revision, not a copy
    update = report("a3", "2024-03-03", 19, "19 people", said.replace("15", "19"))
    assert choose(first, other, update)[0] == 19


def test_a_vague_count_never_replaces_a_stated_one() -> None:
    stated = report("a1", "2024-03-01", 18, "18 villagers")
    dozens = report("a2", "2024-03-02", 12, "Dozens")
    assert choose(stated, dozens) == (18, 12, 18)
    assert choose(dozens)[0] == 12  # alone, the convention's figure is the toll
    assert choose(dozens, report("a3", "2024-03-03", 31, "31 people"))[0] == 31


def test_more_bodies_add_to_the_count_before_them_once() -> None:
    first = report("a1", "2024-03-01", 9, "nine villagers")
    more = report("a2", "2024-03-03", 5, "five more bodies")
    assert choose(first, more) == (14, 9, 14)
    # a second outlet telling the same five bodies adds nothing more
    assert choose(first, more, report("a3", "2024-03-03", 5, "five more bodies"))[0] == 14
    # after a revision, they add to the revised count
    raised = report("a4", "2024-03-02", 11, "bringing the toll to 11")
    assert choose(first, raised, more)[0] == 16


def test_a_report_naming_the_others_town_anywhere_ties_it() -> None:
    named = {"location": "Hajin", "admin1": "Deir ez-Zor", "country": "Syria"}
    placeless = {"evidence": sentence("a2", "Nine died in the Hajin market attack, medics said.")}
    assert names_town(named, placeless, set())
    assert not names_town(
        named, {"evidence": sentence("a2", "Nine died, the Hajin Herald said.")}, {"hajin herald"}
    )
    assert not names_town(named, {"evidence": sentence("a2", "Nine died near Hajinabad.")}, set())
    follow = clash("e2", "a2", source="Outlet B", actor1="Unidentified Armed Group", actor2="Civilians",
                   evidence=sentence("a2", "Hajin's market burned."), **NOWHERE)  # fmt: skip
    assert across.corroborated(original(), follow, CFG) == "place"


def test_a_follow_up_filed_from_a_bureau_joins_the_event_whose_town_it_names() -> None:
    # the follow-up's own place was read from its dateline's town, 100 km away
    bureau = {"location": "Raqqa", "admin1": "Raqqa", "latitude": 35.95, "longitude": 39.01,
              "geo_precision": 1, "geonameid": 163915}  # fmt: skip
    text = "The death toll from Thursday's fighting in Hajin has risen to 14, a medic said."
    late = clash("e2", "a2", source="Outlet B", fatalities=14, **bureau, evidence=[
        {"field": "fatalities", "article_id": "a2", "start": 0, "end": 1, "text": text}, *sentence("a2", text)])  # fmt: skip
    assert across.same_event(original(), late, CFG) is not None
    assert across.same_event(late, original(), CFG) is not None
    # a report of the same day in the bureau's town that revises nothing stays apart
    other = clash(
        "e3", "a3", source="Outlet C", **bureau, evidence=sentence("a3", "Clashes in Hajin and Raqqa.")
    )
    assert across.same_event(original(), other, CFG) is None
    # a follow-up of the bureau town's own event, naming Hajin in passing, stays apart
    own = "The death toll from the bombing in Raqqa, a day after fighting in Hajin, has risen to 14."
    raqqa = dict(late, evidence=[{"field": "fatalities", "article_id": "a2", "start": 0, "end": 1, "text": own},
                                 *sentence("a2", own)])  # fmt: skip
    assert across.same_event(original(), raqqa, CFG) is None


def test_the_date_slack_counts_once_between_two_precise_days() -> None:
    monday = original(event_date="2019-01-07")
    assert across.same_event(monday, original(event_date="2019-01-08", article_ids=["a2"]), CFG) is not None
    for day in ("2019-01-09", "2019-01-05"):  # two days apart: another event of the same town
        assert across.same_event(monday, original(event_date=day, article_ids=["a2"]), CFG) is None
    week = original(
        event_date="2019-01-07", event_date_end="2019-01-13", time_precision=2, article_ids=["a2"]
    )
    assert across.same_event(week, original(event_date="2019-01-14"), CFG) is not None


def test_a_place_the_text_names_otherwise_is_weak_and_never_replaces_a_sure_one(tmp_path) -> None:
    from test_across import result

    from dateline.ingest import open_store

    said = "Gunmen killed four farmers at a wedding in the hamlet of Qasr, in the district of Hajin."
    # "Qasr" read as a town of another country, coded precisely there
    wrong = {"country": "Iraq", "iso3": "IRQ", "location": "Kasra", "admin1": "Basra", "admin2": None,
             "latitude": 30.5, "longitude": 47.8, "geo_precision": 1, "geonameid": 99}  # fmt: skip
    guess = clash("e2", "a2", source="Outlet B", **wrong, evidence=[
        {"field": "location", "article_id": "a2", "start": 0, "end": 4, "text": "Qasr"}, *sentence("a2", said)])  # fmt: skip
    assert across.renamed(guess) and across.weakly_placed(guess)
    sure = dict(
        guess,
        evidence=[{"field": "location", "article_id": "a2", "start": 0, "end": 12, "text": "Kasra"}],
    )
    assert not across.renamed(sure)
    assert not across.renamed(
        original(evidence=[{"field": "location", "article_id": "a1", "text": "Hajin town"}])
    )
    store = open_store(str(tmp_path / "renamed.db"))
    try:
        store.add_result(result("a1", [original()]))
        store.add_result(result("a2", [guess]))
        (ev,) = store.events()
        assert ev["article_ids"] == ["a1", "a2"] and (ev["iso3"], ev["location"]) == ("SYR", "Hajin")
    finally:
        store.close()


def test_outlets_blaming_different_groups_for_one_attack_at_one_town_tell_one_event() -> None:
    boko = clash(
        "e1", "a1", event_type="Violence against civilians", actor1="Boko Haram", actor2="Civilians (Syria)"
    )
    iswap = dict(
        boko, event_id="e2", article_ids=["a2"], actor1="Islamic State West Africa", source="Outlet B"
    )
    assert across.same_event(boko, iswap, CFG) is not None
    # another day, or other sides altogether (both parties of both reports differ), stay apart
    assert across.same_event(boko, dict(iswap, event_date="2019-01-11"), CFG) is None
    both = clash("e3", "a3", actor1="Turkish Armed Forces", actor2="Kurdistan Workers Party")
    assert across.same_event(clash("e1", "a1"), both, CFG) is None


def test_the_configured_copy_threshold_reaches_the_toll_choice(monkeypatch) -> None:
    from dateline import ingest

    seen: list[float] = []
    monkeypatch.setattr(across, "combine", lambda old, new, similarity=0.9: seen.append(similarity) or old)
    rules = ingest.rules(kb=None, config=Config(across_copy_similarity=0.75))
    rules.merge_event({"event_id": "e1"}, {"event_id": "e1"})
    assert seen == [0.75]
