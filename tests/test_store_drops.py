"""Drops in the store: written with their article, once; read back by article and reason,
counted by reason; an older file gains the table."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from test_store import make_event, make_result

from dateline.records import Drop
from dateline.store import Store

TEXT = "Five people were killed.\n\nPhoto: AP"  # make_result's article text


def _result(article_id: str, drops: list[Drop]):
    result = make_result(article_id, [make_event(f"e-{article_id}", article_id)])
    result.drops = drops
    return result


def _drops(article_id: str) -> list[Drop]:
    return [
        Drop(article_id, "extract", "other_sense", "", (0, 24), (17, 23), "@kill", None),
        Drop(
            article_id,
            "merge",
            "out_of_scope",
            "scope acled; classifier: ORG_CRIME p=0.80",
            (0, 24),
            (17, 23),
            "@kill",
            "Attack",
        ),  # fmt: skip
        Drop(article_id, "merge", "out_of_scope", "scope acled; a demonstration", None, None, None, None),
    ]


def test_drops_round_trip_with_their_text(db_url: str) -> None:
    with Store(db_url) as s:
        assert s.add_result(_result("a1", _drops("a1")))
        stored = s.drops(article_id="a1")
    assert [
        Drop.from_dict({k: v for k, v in d.items() if not k.endswith("_text")}) for d in stored
    ] == _drops("a1")
    assert stored[0]["sentence_text"] == TEXT[0:24] and stored[0]["trigger_text"] == "killed"
    assert stored[2]["sentence_text"] is None and stored[2]["trigger_text"] is None


def test_reingesting_an_article_never_duplicates_its_drops(db_url: str) -> None:
    path = db_url
    with Store(path) as s:
        s.add_result(_result("a1", _drops("a1")))
        assert s.add_result(_result("a1", _drops("a1"))) is False
    with Store(path) as s:  # nor after reopening
        assert s.add_result(_result("a1", _drops("a1"))) is False
        assert len(s.drops()) == 3


def test_drops_by_reason_and_counts(db_url: str) -> None:
    with Store(db_url) as s:
        s.add_result(_result("a1", _drops("a1")))
        s.add_result(_result("a2", _drops("a2")[1:2]))
        assert s.drop_counts() == {"out_of_scope": 3, "other_sense": 1}
        assert list(s.drop_counts()) == ["out_of_scope", "other_sense"]  # most frequent first
        assert s.drop_counts("a2") == {"out_of_scope": 1}
        assert {d["article_id"] for d in s.drops(reason="out_of_scope")} == {"a1", "a2"}
        assert [d["reason"] for d in s.drops(reason="other_sense")] == ["other_sense"]
        assert len(s.drops(limit=2)) == 2
        assert s.drops(article_id="none") == [] and s.drop_counts("none") == {}


def test_a_failed_article_leaves_no_drops(db_url: str) -> None:
    with Store(db_url) as s:
        result = _result("a1", _drops("a1"))
        result.events[0].evidence = [{"field": "actor1"}]  # malformed: the whole article rolls back
        with pytest.raises(KeyError):
            s.add_result(result)
        assert s.drops() == [] and not s.has_article("a1")


def test_an_old_file_gains_the_drops_table(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with Store(str(path)) as s:
        s.add_result(_result("a1", []))
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE drops")
    with Store(str(path)) as s:  # opening upgrades it: old articles have no drops, new ones do
        assert s.drops() == [] and s.drop_counts() == {}
        s.add_result(_result("a2", _drops("a2")))
        assert s.drop_counts("a2") == {"out_of_scope": 2, "other_sense": 1}
