"""``dateline explain``: the pipeline's own result, sentence by sentence — what was found, how each
event was coded (its sentences, each field with its words), why each candidate was dropped."""

from __future__ import annotations

import json

import pytest
from support import shared_resources

from dateline import cli, pipeline
from dateline.explain import drop_summary, explain, render_text
from dateline.read.text import read_text
from dateline.records import DROP_REASONS

PUBLISHED = "2024-05-06"
TEXT = (
    "Militants attacked an army checkpoint near Gao, Mali, on Sunday, killing four soldiers, the army said.\n\n"
    "The attack was the third this month.\n\n"
    "A man was stabbed to death outside a shop in Bamako on Friday, police said.\n\n"
    "Rebels will attack the town next week, a commander warned."
)


@pytest.fixture(scope="module")
def result():
    return pipeline.process(read_text(TEXT, published=PUBLISHED), shared_resources())


@pytest.fixture(scope="module")
def x(result):
    return json.loads(json.dumps(explain(result)))  # JSON-ready


def test_events_and_drops_are_the_pipelines_own(result, x):
    assert [e["event_id"] for e in x["events"]] == [e.event_id for e in result.events]
    assert len(x["drops"]) == len(result.drops) and result.events and result.drops
    assert x["drop_counts"] == {
        r: sum(d.reason == r for d in result.drops) for r in {d.reason for d in result.drops}
    }


def test_sentences_are_in_text_order_and_quote_the_text(result, x):
    text = result.article.text  # offsets point into the stored text (with its labelled preamble)
    starts = [row["start"] for row in x["sentences"]]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    for row in x["sentences"]:
        assert text[row["start"] : row["end"]] == row["text"]
        assert row["events"] or row["drops"]  # a sentence is shown because something was found in it


def test_each_event_names_its_sentences_and_the_words_of_each_field(result, x):
    text = result.article.text
    for event in x["events"]:
        assert event["sentences"]
        for n in event["sentences"]:
            assert event["event"] in x["sentences"][n - 1]["events"]
        fields = event["fields"]
        assert {"event_type", "location", "event_date"} <= set(fields)
        for name, field in fields.items():
            for ev in field["evidence"]:
                assert text[ev["start"] : ev["end"]] == ev["text"], name
                row = x["sentences"][ev["sentence"] - 1] if ev["sentence"] else None
                assert row is None or row["start"] <= ev["start"] < row["end"]


def test_each_drop_says_why_in_its_sentence(result, x):
    text = result.article.text
    for i, drop in enumerate(x["drops"]):
        assert drop["meaning"] == DROP_REASONS[drop["reason"]]
        row = x["sentences"][drop["sentence_number"] - 1]
        assert i in row["drops"] and row["start"] <= drop["trigger"][0] < row["end"]
        assert text[drop["trigger"][0] : drop["trigger"][1]] == drop["trigger_text"]
    reasons = {d["trigger_text"]: d["reason"] for d in x["drops"]}
    assert reasons.get("stabbed") == "ordinary_crime" and reasons.get("attack") == "not_reportable"


def test_the_text_reads_sentence_by_sentence(x):
    text = render_text(x)
    first = text.index("S1 ")
    assert text.index("S2 ") > first and "-> coded as event E1" in text
    assert (
        f'dropped "stabbed" (@kill / Attack) at merge: ordinary_crime, {DROP_REASONS["ordinary_crime"]}'
        in text
    )
    assert "EVENT E1 " in text and "  location        " in text and '<- "' in text
    assert text.rstrip().endswith(drop_summary(x["drop_counts"]))


def test_an_article_with_nothing_found_says_so():
    quiet = pipeline.process(read_text("The council approved the budget on Monday.", published=PUBLISHED),
                             shared_resources())  # fmt: skip
    text = render_text(explain(quiet))
    assert "No sentence reports an event" in text and text.endswith("0 event(s), 0 candidate(s) dropped")


def test_drop_summary():
    assert drop_summary({}) == "0 candidate(s) dropped"
    assert (
        drop_summary({"a": 1, "other_sense": 7, "b": 1}) == "9 candidate(s) dropped (other_sense 7, a 1, b 1)"
    )


def test_the_command_explains_what_extract_codes(capsys, tmp_path):
    path = tmp_path / "gao.txt"
    path.write_text(TEXT, encoding="utf-8")
    argv = [str(path), "--published", PUBLISHED]
    assert cli.main(["explain", *argv, "--format", "json"], resources=shared_resources()) == 0
    out, err = capsys.readouterr()
    [x] = [json.loads(line) for line in out.splitlines()]
    assert "1 article(s) explained, " in err and drop_summary(x["drop_counts"]) in err
    assert cli.main(["extract", *argv], resources=shared_resources()) == 0
    extracted = [json.loads(line)["event_id"] for line in capsys.readouterr().out.splitlines()]
    assert [e["event_id"] for e in x["events"]] == extracted
    assert cli.main(["explain", *argv], resources=shared_resources()) == 0
    assert capsys.readouterr().out.startswith(f"ARTICLE {x['article_id']}  {path}")
