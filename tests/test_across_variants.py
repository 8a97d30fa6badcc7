"""Ways the reports of one event differ, each told by reports written for this test and run
through the real pipeline into a store with Dateline's rules (docs/across.md): the place at
another granularity or only the country, "late on Saturday" against "in the early hours of
Sunday", one outlet's clash another's attack, a follow-up dated by its publication or filed
from a bureau, the actor under another name, tolls revised as "rose to", "climbed to", "now
stands at", "N more bodies", a copy published late with the first toll, a vague "dozens"; and
what must stay apart (same country, type and day, another town). Every report, outlet and
figure is invented; the towns are real so that they resolve."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support import stored_reports

Report = tuple[str, str, str]  # published, outlet, text


def stored(resources: Any, tmp_path: Path, reports: list[Report]) -> list[dict[str, Any]]:
    """The stored events after storing ``reports`` in publication order."""
    return stored_reports(resources, tmp_path, reports, "variant")


# name: (reports, the merged event's article count, its toll)
ONE_EVENT: dict[str, tuple[list[Report], int, int | None]] = {
    "a town, its province, only the country": (
        [
            (
                "2026-03-08T10:00:00Z",
                "Coastline Wire",
                "MOGADISHU (Coastline Wire) - Al-Shabaab fighters "
                "attacked an army base in Baidoa on Saturday, killing seven soldiers, a military officer said.",
            ),
            (
                "2026-03-08T14:00:00Z",
                "Horn Ledger",
                "Seven soldiers were killed on Saturday when al-Shabaab "
                "militants stormed a military base in Bay region, officials said.",
            ),
            (
                "2026-03-08T16:00:00Z",
                "World Digest",
                "Islamist militants killed seven soldiers in an assault "
                "on an army base in Somalia on Saturday, the government said.",
            ),
        ],
        3,
        7,
    ),
    "late on Saturday, overnight, the early hours of Sunday": (
        [
            (
                "2026-04-12T08:00:00Z",
                "Coastline Wire",
                "SOKOTO, Nigeria (Coastline Wire) - Gunmen attacked the "
                "town of Anka late on Saturday, killing 11 people, residents said on Sunday.",
            ),
            (
                "2026-04-12T12:00:00Z",
                "Savanna Post",
                "Eleven villagers were killed when gunmen raided Anka "
                "in Zamfara State overnight, a local official said on Sunday.",
            ),
            (
                "2026-04-13T09:00:00Z",
                "Gusau Tribune",
                "Gunmen killed 11 people in Anka in the early hours of Sunday, residents said.",
            ),
        ],
        3,
        11,
    ),
    "follow-ups dated days later, one filed from a bureau": (
        [
            (
                "2026-05-02T09:00:00Z",
                "Coastline Wire",
                "PESHAWAR, Pakistan (Coastline Wire) - A suicide "
                "bomber blew himself up at a mosque in Kohat on Friday, killing 12 worshippers, police said.",
            ),
            (
                "2026-05-04T09:00:00Z",
                "Coastline Wire",
                "PESHAWAR, Pakistan (Coastline Wire) - The death toll "
                "from Friday's suicide bombing at a mosque in Kohat climbed to 19 on Sunday after seven of "
                "the wounded died in hospital, police said.",
            ),
            (
                "2026-05-05T09:00:00Z",
                "Frontier Ledger",
                "The death toll from last week's mosque bombing in "
                "Kohat now stands at 21, a hospital official said on Monday.",
            ),
        ],
        3,
        21,
    ),
    "a follow-up with no date of its own": (
        [
            (
                "2026-05-02T09:00:00Z",
                "Coastline Wire",
                "QUETTA, Pakistan (Coastline Wire) - A bomb exploded "
                "at a bus stand in Quetta on Friday, killing 12 people, police said.",
            ),
            (
                "2026-05-05T09:00:00Z",
                "Frontier Ledger",
                "The death toll from the bomb blast at a bus stand in Quetta has risen to 17, police said.",
            ),
        ],
        2,
        17,
    ),
    "more bodies found two days later": (
        [
            (
                "2026-06-07T09:00:00Z",
                "Coastline Wire",
                "JOS, Nigeria (Coastline Wire) - Gunmen attacked the "
                "village of Bokkos on Saturday, killing 9 villagers, police said.",
            ),
            (
                "2026-06-09T09:00:00Z",
                "Plateau Ledger",
                "Rescuers recovered five more bodies on Monday in "
                "Bokkos, where gunmen attacked villagers on Saturday, police said.",
            ),
        ],
        2,
        14,
    ),
    "a copy published after the revision keeps the first toll": (
        [
            (
                "2026-07-01T09:00:00Z",
                "Coastline Wire",
                "KHARTOUM (Coastline Wire) - Rapid Support Forces "
                "shelled a market in El Fasher on Tuesday, killing 15 people, medics said.",
            ),
            (
                "2026-07-02T09:00:00Z",
                "Darfur Ledger",
                "At least 22 people were killed when Rapid Support "
                "Forces shelled a crowded market in El Fasher on Tuesday, medics said on Wednesday.",
            ),
            (
                "2026-07-02T15:00:00Z",
                "Nile Courier",
                "KHARTOUM (Coastline Wire) - Rapid Support Forces "
                "shelled a market in El Fasher on Tuesday, killing 15 people, medics said.",
            ),
        ],
        3,
        22,
    ),
    "a later report says only dozens": (
        [
            (
                "2026-08-03T09:00:00Z",
                "Coastline Wire",
                "GUSAU, Nigeria (Coastline Wire) - Gunmen killed 18 "
                "villagers in an attack on Anka in Zamfara State on Sunday, police said.",
            ),
            (
                "2026-08-04T09:00:00Z",
                "Savanna Post",
                "Dozens of people were killed when gunmen attacked "
                "Anka in Zamfara State on Sunday, residents said on Monday.",
            ),
        ],
        2,
        18,
    ),
    "one outlet's clash is another's attack": (
        [
            (
                "2026-09-06T09:00:00Z",
                "Coastline Wire",
                "MOPTI, Mali (Coastline Wire) - Jihadists attacked "
                "the village of Diallassagou on Saturday, killing eight civilians, a local official said.",
            ),
            (
                "2026-09-06T11:00:00Z",
                "Savanna Post",
                "Fighters of JNIM clashed with a local self-defence "
                "militia in Diallassagou on Saturday, leaving eight people dead, sources said.",
            ),
        ],
        2,
        8,
    ),
    "the armed group under three names": (
        [
            (
                "2026-02-02T09:00:00Z",
                "Coastline Wire",
                "PESHAWAR, Pakistan (Coastline Wire) - Fighters of "
                "Tehreek-e-Taliban Pakistan attacked a police post in Lakki Marwat on Sunday, killing four "
                "policemen, officials said.",
            ),
            (
                "2026-02-02T12:00:00Z",
                "Frontier Ledger",
                "The Pakistani Taliban stormed a police post in "
                "Lakki Marwat on Sunday and killed four officers, police said.",
            ),
            (
                "2026-02-02T15:00:00Z",
                "Asia Digest",
                "TTP militants killed four policemen in an attack on a "
                "checkpoint in Lakki Marwat district on Sunday.",
            ),
        ],
        3,
        4,
    ),
    "two outlets blame two groups": (
        [
            (
                "2026-03-03T09:00:00Z",
                "Coastline Wire",
                "MAIDUGURI, Nigeria (Coastline Wire) - Boko Haram "
                "fighters attacked the town of Damboa on Monday, killing nine villagers, residents said.",
            ),
            (
                "2026-03-03T12:00:00Z",
                "Savanna Post",
                "Fighters of the Islamic State West Africa Province "
                "killed nine villagers in Damboa on Monday, residents said.",
            ),
        ],
        2,
        9,
    ),
}


@pytest.mark.parametrize("name", list(ONE_EVENT))
def test_reports_of_one_event_end_in_one_with_the_latest_revision(resources, tmp_path, name) -> None:
    reports, articles, toll = ONE_EVENT[name]
    events = stored(resources, tmp_path, reports)
    assert [(e["num_articles"], e["fatalities"]) for e in events] == [(articles, toll)], events


def test_two_bombings_of_one_province_and_day_and_a_follow_up_of_one_stay_two(resources, tmp_path) -> None:
    events = stored(resources, tmp_path, [
        ("2026-10-04T09:00:00Z", "Coastline Wire", "MOGADISHU (Coastline Wire) - A roadside bomb killed "
         "four soldiers near Afgooye on Saturday, the army said."),
        ("2026-10-04T11:00:00Z", "Horn Ledger", "A bomb exploded at a market in Marka on Saturday, "
         "killing six traders, police said."),
        ("2026-10-05T11:00:00Z", "Shabelle Courier", "MOGADISHU - The death toll from Saturday's market "
         "bombing in Marka has risen to nine, police said on Sunday."),
    ])  # fmt: skip
    assert sorted((e["num_articles"], e["fatalities"]) for e in events) == [(1, 4), (2, 9)]


@pytest.mark.parametrize(
    "reports",
    [
        [("2026-03-03T09:00:00Z", "Coastline Wire", "NAIROBI, Kenya (Coastline Wire) - Hundreds of teachers "
          "marched in Nakuru on Monday to demand unpaid salaries, organisers said."),
         ("2026-03-05T09:00:00Z", "Rift Ledger", "Hundreds of nurses marched in Nakuru on Wednesday to "
          "demand better pay, organisers said.")],
        [("2026-03-03T09:00:00Z", "Coastline Wire", "SOKOTO, Nigeria (Coastline Wire) - Gunmen attacked the "
          "town of Anka on Monday, killing six villagers, police said."),
         ("2026-03-05T09:00:00Z", "Savanna Post", "Gunmen attacked the town of Anka on Wednesday, killing "
          "four farmers, police said.")],
    ],
    ids=["two protests", "two attacks"],
)  # fmt: skip
def test_one_town_two_days_apart_is_two_events(resources, tmp_path, reports) -> None:
    assert len(stored(resources, tmp_path, reports)) == 2
