"""``dateline eval dedup --errors``: the dev incidents split apart, joined with another incident
or with the best toll missed are listed with each report's cluster and why; the right ones and
the locked ones never are. Made-up labels, no pipeline run."""

from __future__ import annotations

from dateline.evaluate.dedup import errors

INCIDENTS = [
    {"id": "bombing", "reports": ["r1", "r2", "r3"], "toll": 9, "locked": False},
    {"id": "march", "reports": ["r4"], "toll": 0, "locked": False},
    {"id": "raid", "reports": ["r5", "r6"], "toll": 2, "locked": False},
    {"id": "held-out", "reports": ["r7", "r8"], "toll": 5, "locked": True},
]
WHY = {r: f"why {r}" for r in ("r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8")}


def test_split_joined_and_toll_missed_are_listed_right_ones_are_not() -> None:
    labels = {
        "r1": ("e1", {"event_id": "e1", "fatalities": 4}),  # the first report's event: toll 4, not 9
        "r2": ("e1", {"event_id": "e1", "fatalities": 4}),
        "r3": ("none:r3", {}),  # no event: split apart
        "r4": ("e1", {"event_id": "e1", "fatalities": 4}),  # joined with the bombing
        "r5": ("e5", {"event_id": "e5", "fatalities": 2}),
        "r6": ("e5", {"event_id": "e5", "fatalities": 2}),
        "r7": ("e7", {}),
        "r8": ("e8", {}),
    }
    text = "\n".join(errors(INCIDENTS, labels, WHY))
    assert "bombing: 2 system cluster(s); joined with march; best toll 4, gold 9" in text
    assert "  r3 -> none:r3: why r3" in text
    assert "march: 1 system cluster(s); joined with bombing; best toll 4, gold 0" in text
    assert "raid" not in text
    assert "held-out" not in text and "r7" not in text


def test_nothing_listed_when_every_dev_incident_is_right() -> None:
    labels = {r: (f"e-{i['id']}", {"event_id": "x", "fatalities": i["toll"]})
              for i in INCIDENTS for r in i["reports"]}  # fmt: skip
    assert errors(INCIDENTS, labels, WHY) == []
