"""Nothing disappears silently: every candidate not coded is a Drop with a listed, documented
reason; the scope option decides what is out of scope (armed-group violence against civilians is
kept under ``acled``); ingest stores drops once and counts them; ``dateline drops`` lists them.
The sentences are written here (made up), none is taken from a data set."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from support import ROOT, shared_resources

from dateline import cli, pipeline
from dateline.merge import build
from dateline.merge.scope import ARMED_GROUP_WORDS
from dateline.read.text import read_text
from dateline.records import DROP_REASONS
from dateline.resources import Resources

PUBLISHED = "2024-05-06"
CARTEL = "Cartel gunmen killed six people at a bar in Celaya, Guanajuato, on Saturday, police said."
STABBING = "A man was stabbed to death outside a store in Leeds on Friday, police said."
MARCH = "Protesters marched through Nairobi on Monday to demand lower fuel prices."
MIXED = (
    f"{CARTEL}\n\n{STABBING}\n\n{MARCH}\n\nThe opposition attacked the budget proposal on Tuesday.\n\n"
    "Rebels will attack the town next week, a commander warned."
)


def _resources(**changes) -> Resources:
    """The suite's models under another config (scope changes no model)."""
    shared = shared_resources()
    resources = Resources(replace(shared.config, **changes))
    resources._memo = shared._memo
    return resources


def _run(text: str, resources: Resources | None = None):
    return pipeline.process(read_text(text, published=PUBLISHED), resources or shared_resources())


def _said(result, span) -> str:
    return result.article.text[span[0] : span[1]]


def test_every_drop_reason_is_documented_and_only_those():
    doc = (ROOT / "docs" / "drops.md").read_text(encoding="utf-8")
    rows = set(re.findall(r"^\| `([a-z_]+)` \|", doc, re.M))
    assert set(DROP_REASONS) - rows == set(), "reasons not in docs/drops.md"
    assert rows - set(DROP_REASONS) == set(), "documented reasons that do not exist"


@pytest.fixture(scope="module")
def mixed():
    return _run(MIXED)


def test_each_drop_has_a_listed_reason_and_points_at_its_sentence(mixed):
    assert mixed.drops, "the attacked proposal, the stabbing and the threat are candidates not coded"
    for drop in mixed.drops:
        assert drop.reason in DROP_REASONS and drop.stage in ("extract", "merge", "read")
        assert drop.article_id == mixed.article.article_id
        (a, b), (s, e) = drop.sentence, drop.trigger
        assert a <= s < e <= b and _said(mixed, drop.trigger).strip()
    by_trigger = {_said(mixed, d.trigger): d.reason for d in mixed.drops}
    assert by_trigger.get("attacked") == "other_sense"
    assert by_trigger.get("stabbed") == "ordinary_crime"
    assert by_trigger.get("attack") in ("not_reportable", "hedged")  # a threat, not an event


def test_acled_scope_keeps_cartel_gunmen_killing_civilians(mixed):
    kinds = {e.sub_event_type: e for e in mixed.events}
    assert "Attack" in kinds and kinds["Attack"].location == "Celaya"
    assert kinds["Attack"].event_type == "Violence against civilians"
    assert not any("Outside ACLED" in (e.notes or "") for e in mixed.events)


@pytest.fixture
def sure_it_is_crime(monkeypatch):
    """The classifier, certain that every event is organised crime: what is kept then is what
    the scope rule keeps (the armed group), not what the model happens to say."""
    monkeypatch.setattr(build, "classify_group", lambda article, group, resources: ("ORG_CRIME", 0.9))


@pytest.mark.parametrize(
    "text",
    [
        CARTEL,
        "Members of the Jalisco cartel shot dead four men in Zamora, Michoacan, on Friday, police said.",
        "Gang members shot dead three bus drivers in Port-au-Prince, Haiti, on Tuesday, police said.",
        "Armed men kidnapped a businessman in Port-au-Prince, Haiti, on Tuesday, police said.",
    ],
)
def test_armed_groups_killing_or_abducting_are_kept_even_when_called_crime(sure_it_is_crime, text):
    result = _run(text)
    assert [e.event_type for e in result.events] == ["Violence against civilians"], result.drops


def test_a_private_crime_is_dropped_with_the_scope_named(sure_it_is_crime):
    result = _run(STABBING)
    assert result.events == []
    [drop] = [d for d in result.drops if d.stage == "merge"]
    assert drop.reason == "out_of_scope" and drop.detail.startswith("scope acled; classifier: ORG_CRIME")


def test_scope_all_keeps_everything_with_a_note(sure_it_is_crime):
    result = _run(f"{STABBING}\n\n{CARTEL}", _resources(scope="all"))
    assert len(result.events) == 2 and not [d for d in result.drops if d.stage == "merge"]
    for event in result.events:
        assert "Outside ACLED's scope: classifier: ORG_CRIME p=0.90" in event.notes


def test_scope_all_keeps_an_ordinary_crime_with_a_note():
    [event] = _run(STABBING, _resources(scope="all")).events
    assert event.notes.endswith("Outside ACLED's scope: no armed or political actor.")
    assert [d.reason for d in _run(STABBING).drops] == ["ordinary_crime"]


def test_political_violence_drops_demonstrations_only(mixed):
    result = _run(MIXED, _resources(scope="political-violence"))
    assert "Peaceful protest" in {e.sub_event_type for e in mixed.events}
    assert "Peaceful protest" not in {e.sub_event_type for e in result.events}
    assert "Attack" in {e.sub_event_type for e in result.events}
    [drop] = [d for d in result.drops if "demonstration" in d.detail]
    assert drop.reason == "out_of_scope" and drop.detail.startswith("scope political-violence")
    assert _said(result, drop.trigger) == "marched"


def test_armed_group_words():
    for words in ("cartel hitmen", "Armed men", "bandits", "a gang", "gunmen", "militiamen"):
        assert ARMED_GROUP_WORDS.search(f"Yesterday {words} came."), words
    for words in ("was gang-raped", "a gang rape", "Gangnam district", "armed robbery", "the men"):
        assert not ARMED_GROUP_WORDS.search(f"Yesterday {words} came."), words


def test_scope_flag_reaches_the_config():
    for command in ("extract", "ingest", "explain"):
        args = cli.build_parser().parse_args([command, "x", "--scope", "political-violence"])
        assert cli.config_of(args).scope == "political-violence"
    with pytest.raises(SystemExit):
        cli.build_parser().parse_args(["extract", "x", "--scope", "crime"])


def run(capsys, *argv):
    code = cli.main(list(argv), resources=shared_resources())
    out, err = capsys.readouterr()
    return code, out, err


def test_ingest_counts_and_stores_drops_once(capsys, tmp_path):
    (tmp_path / "mixed.txt").write_text(MIXED, encoding="utf-8")
    db = str(tmp_path / "d.db")
    code, _, err = run(capsys, "ingest", str(tmp_path / "mixed.txt"), "--db", db, "--published", PUBLISHED)
    counted = re.search(r"(\d+) candidate\(s\) dropped \(([^)]*)\)", err)
    assert code == 0 and counted, err
    reasons = dict(part.split(" ") for part in counted.group(2).split(", "))
    assert "ordinary_crime" in reasons and "other_sense" in reasons
    assert sum(map(int, reasons.values())) == int(counted.group(1))
    code, out, err = run(capsys, "drops", "--db", db)
    assert code == 0 and len(out.splitlines()) == int(counted.group(1))
    assert '"stabbed" in "A man was stabbed to death' in out
    code, _, err = run(capsys, "ingest", str(tmp_path / "mixed.txt"), "--db", db, "--published", PUBLISHED)
    assert "0 new" in err and "0 candidate(s) dropped" in err
    code, out, err = run(capsys, "drops", "--db", db, "--reason", "other_sense", "--format", "jsonl")
    assert [line.count('"reason": "other_sense"') for line in out.splitlines()] == [1]
    assert f"stored: {counted.group(0)}" in err  # the second ingest added none


def test_extract_counts_drops_on_stderr(capsys, tmp_path):
    (tmp_path / "s.txt").write_text(STABBING, encoding="utf-8")
    code, out, err = run(capsys, "extract", str(tmp_path / "s.txt"), "--published", PUBLISHED)
    assert (
        code == 0
        and out == ""
        and "0 event(s), 0 problem(s), 1 candidate(s) dropped (ordinary_crime 1)" in err
    )
