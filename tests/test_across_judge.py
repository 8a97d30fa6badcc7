"""The shape of issue 16's held-out check, in reports written for this test (CC0; outlets and
figures invented, towns real so that they resolve): three outlets and a follow-up for one event
(a bombing whose toll the follow-up revises), two outlets for another (a clash in another
country). Ingested through the real pipeline and store, they must give one event each, with
every source and the revised toll."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from support import stored_reports

BOMBING = [
    (
        "2026-07-11T19:00:00Z",
        "Lake Chad Wire",
        "YOLA, Nigeria (Lake Chad Wire) - A suicide bomber blew herself up at a crowded cattle market in"
        " Mubi, in Nigeria's Adamawa state, on Saturday, killing 11 people, police said.\n\nDozens of"
        " traders were wounded and taken to the town's general hospital, a police spokesman said.",
    ),
    (
        "2026-07-12T07:30:00Z",
        "Savanna Courier",
        "At least 11 people died when an explosion ripped through the cattle market of Mubi on Saturday"
        " afternoon, a local emergency official told the Courier.\n\nWitnesses said the bomber, a young"
        " woman, walked into the busiest part of the market before the blast.",
    ),
    (
        "2026-07-12T10:00:00Z",
        "Continental Radio",
        "Eleven people were killed in a suicide bombing in northeastern Nigeria on Saturday, the Adamawa"
        " state police said.\n\nThe blast hit the livestock market of Mubi, a trading town near the border"
        " with Cameroon. No group has said it carried out the bombing.",
    ),
    (
        "2026-07-13T09:00:00Z",
        "Lake Chad Wire",
        "YOLA, Nigeria (Lake Chad Wire) - The death toll from Saturday's suicide bombing at a cattle market"
        " in Mubi has risen to 19 after eight of the wounded died in hospital, a state health official"
        " said on Monday.",
    ),
]
CLASH = [
    (
        "2026-07-12T15:00:00Z",
        "Great Lakes Bulletin",
        "Congolese troops fought ADF rebels near Oicha in North Kivu province on Sunday, killing four of"
        " the fighters, an army spokesman said.",
    ),
    (
        "2026-07-13T08:00:00Z",
        "Kivu Evening",
        "Fighting broke out on Sunday between the army and the Allied Democratic Forces on the outskirts of"
        " Oicha, in Beni territory, the army said on Monday. Four rebels were killed, it said.",
    ),
]


# a follow-up filed from a bureau far away (coded at its dateline), naming the post's village
RAID = [
    ("2026-08-02T11:00:00Z", "Horn Ledger",
     "MANDERA, Kenya (Horn Ledger) - Suspected al-Shabaab militants attacked a police post in Elwak, Mandera"
     " county, early on Sunday, killing five officers, a county commissioner said."),
    ("2026-08-02T15:00:00Z", "Rift Daily",
     "Five police officers were shot dead when gunmen stormed their camp at Elwak near the Somali border"
     " before dawn on Sunday, police said. The attackers also burned two vehicles."),
    ("2026-08-03T06:00:00Z", "East Africa Monitor",
     "Attackers believed to belong to al-Shabaab killed at least five policemen in an overnight raid on a"
     " security post in northeastern Kenya, officials said on Sunday."),
    ("2026-08-04T09:00:00Z", "Horn Ledger",
     "NAIROBI (Horn Ledger) - Two officers wounded in Sunday's attack on a police post in Elwak died in"
     " hospital on Tuesday, raising the toll to seven, the police spokesman said."),
]  # fmt: skip


def stored(resources: Any, tmp_path: Path, reports: list[tuple[str, str, str]]) -> list[dict[str, Any]]:
    """The stored events after storing ``reports`` in publication order."""
    return stored_reports(resources, tmp_path, reports, "judge")


def test_three_outlets_and_a_follow_up_and_two_outlets_give_two_events(
    resources: Any, tmp_path: Path
) -> None:
    events = stored(resources, tmp_path, BOMBING + CLASH)
    summary = [(e["location"], e["num_articles"], e["source"], e["fatalities"]) for e in events]
    assert len(events) == 2, summary
    bombing = next(e for e in events if e["iso3"] == "NGA")
    clash = next(e for e in events if e["iso3"] == "COD")
    assert (bombing["num_articles"], bombing["num_sources"]) == (4, 3), summary
    assert bombing["fatalities"] == 19, summary
    assert (clash["num_articles"], clash["num_sources"]) == (2, 2), summary
    assert clash["fatalities"] == 4, summary


def test_a_follow_up_from_a_bureau_joins_the_raid_it_revises(resources: Any, tmp_path: Path) -> None:
    events = stored(resources, tmp_path, RAID)
    summary = [(e["location"], e["num_articles"], e["source"], e["fatalities"]) for e in events]
    assert len(events) == 1, summary
    assert (events[0]["num_articles"], events[0]["num_sources"], events[0]["fatalities"]) == (4, 3, 7), (
        summary
    )
