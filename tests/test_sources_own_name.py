"""A report that names its own outlet ("told the Courier") cites no second outlet: the
publisher is one source (docs/claims.md). The text and outlets are invented (CC0)."""

from __future__ import annotations

from dateline.merge.sources import own_name
from dateline.pipeline import process
from dateline.read.jsonl import read_record

TEXT = (
    "Gunmen killed four farmers near Gusau on Tuesday, a village head told the Courier. "
    "Residents told the Courier that the attackers came on motorcycles."
)


def test_the_publishers_own_name_is_no_second_source(resources) -> None:
    record = {"url": "https://example.org/own", "title": "", "published": "2026-08-05",
              "publisher": "Savanna Courier", "text": TEXT}  # fmt: skip
    events = process(read_record(record, "own"), resources).events
    assert events and all(e.source == "Savanna Courier" for e in events), [e.source for e in events]


def test_own_name_is_the_publishers_name_or_its_last_words() -> None:
    assert own_name("the Courier", "Savanna Courier")
    assert own_name("the Sahel Morning Post", "Sahel Morning Post")
    assert not own_name("Reuters", "Savanna Courier")
    assert not own_name("the Savanna", "Savanna Courier")
    assert not own_name("the Courier", None)
