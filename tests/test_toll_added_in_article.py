"""A count told as added in the same article as the event's first count ("Gunmen killed four
villagers on Monday. Two more succumbed to their wounds on Tuesday.") adds to it: the article's
toll is six, its evidence spanning both counts, and across reports that evidence is a total, not
an added count (another outlet's "four" then gives six, not ten). Texts are made up (CC0)."""

from __future__ import annotations

from support import events_of
from test_across_tolls import choose, report

from dateline.merge.across_words import increment

TEXT = (
    "Gunmen killed four villagers in Zurmi on Monday, residents said. Two more succumbed to their"
    " wounds in hospital on Tuesday, a local official said."
)


def test_a_count_added_later_in_the_article_adds_to_its_count(resources) -> None:
    (event,) = events_of(resources, TEXT, "2026-06-03")
    assert event.fatalities == 6
    (said,) = [e.text for e in event.evidence if e.field == "fatalities"]
    assert said.startswith("four villagers") and "Two more" in said


def test_an_articles_total_is_no_added_count_across_reports() -> None:
    total = "four villagers in Zurmi on Monday, residents said. Two more"
    assert not increment({"field": "fatalities", "text": total})
    assert increment({"field": "fatalities", "text": "Two more"})
    assert increment({"field": "fatalities", "text": "at least four more"})
    first = report("a1", "2026-06-02", 4, "four people")
    assert choose(first, report("a2", "2026-06-03", 6, total)) == (6, 4, 6)
