"""MEANTIME's cross-document event chains as a dev set for merging (evaluate/dedup_meantime.py) and
``eval dedup --split dev``: the reader on two made-up CAT files, the protocol's scope rule, the real
corpus's shape when ../shared is present, and that --split dev never runs a locked report."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from dateline.evaluate import dedup, dedup_meantime

MINI = Path(__file__).parent / "resources" / "dedup-mini"


def cat(doc_id: str, words: list[str], mentions: dict[str, list[int]], refers: dict[str, str]) -> str:
    """A CAT document: ``words`` as tokens of one sentence; ``mentions`` m_id -> token numbers;
    ``refers`` mention m_id -> instance id (one EVENT per instance)."""
    toks = "".join(
        f'<token t_id="{i + 1}" sentence="0" number="{i}">{w}</token>' for i, w in enumerate(words)
    )
    marks = "".join(
        f'<EVENT_MENTION m_id="{m}">'
        + "".join(f'<token_anchor t_id="{t}"/>' for t in ts)
        + "</EVENT_MENTION>"
        for m, ts in mentions.items()
    )
    insts = sorted(set(refers.values()))
    marks += "".join(f'<EVENT m_id="i{n}" instance_id="{inst}"/>' for n, inst in enumerate(insts))
    marks += '<TIMEX3 m_id="t0" functionInDocument="CREATION_TIME" value="2010-03-04"/>'
    rels = "".join(
        f'<REFERS_TO r_id="r{m}"><source m_id="{m}"/><target m_id="i{insts.index(inst)}"/></REFERS_TO>'
        for m, inst in refers.items()
    )
    return (f'<Document doc_id="{doc_id}" url="http://example.org/{doc_id}">{toks}<Markables>{marks}'
            f"</Markables><Relations>{rels}</Relations></Document>")  # fmt: skip


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "corpus_x").mkdir()
    one = cat("1", ["Rebels", "shelled", "the", "town"], {"m1": [2]}, {"m1": "SHELL"})
    two = cat("2", ["The", "town", "was", "shelled", "and", "burned"], {"m1": [4], "m2": [6]},
              {"m1": "SHELL", "m2": "BURN"})  # fmt: skip
    (tmp_path / "corpus_x" / "1.xml").write_text(one)
    (tmp_path / "corpus_x" / "2.xml").write_text(two)
    return tmp_path


def test_reader_spans_and_chains(corpus: Path) -> None:
    docs = dedup_meantime.load(corpus)
    assert [(d.doc_id, d.topic, d.dct) for d in docs] == [("1", "x", "2010-03-04"), ("2", "x", "2010-03-04")]
    assert [d.text[s:e] for d in docs for s, e, _ in d.mentions] == ["shelled", "shelled", "burned"]
    assert dedup_meantime.chains(docs) == {"SHELL": {"1", "2"}}  # BURN is told by one article only
    assert dedup_meantime.article(docs[1]).published == "2010-03-04"


def test_an_event_is_in_scope_when_its_evidence_overlaps_a_chains_mention(corpus: Path) -> None:
    docs = dedup_meantime.load(corpus)
    cross = dedup_meantime.chains(docs)
    doc = docs[1]  # "The town was shelled and burned"
    at = doc.text.index
    assert (
        dedup_meantime.instance_of([{"start": at("shelled"), "end": at("shelled") + 3}], doc, cross)
        == "SHELL"
    )
    # "burned" is a mention, but of an instance no other article tells: out of scope
    assert dedup_meantime.instance_of([{"start": at("burned"), "end": at("burned") + 6}], doc, cross) is None
    assert dedup_meantime.instance_of([{"start": 0, "end": 3}], doc, cross) is None


def test_the_shared_corpus_when_present() -> None:
    docs = dedup_meantime.load()
    if not docs:
        pytest.skip("../shared/data/" + dedup_meantime.FOLDER + " is absent")
    assert len(docs) == 120 and {d.topic for d in docs} == {"airbus", "apple", "gm", "stock"}
    assert all(0 <= s < e <= len(d.text) for d in docs for s, e, _ in d.mentions)
    cross = dedup_meantime.chains(docs)
    assert cross and all(len(ds) > 1 for ds in cross.values())


def test_split_dev_never_runs_a_locked_report(tmp_path: Path, resources, capsys, monkeypatch) -> None:
    shutil.copy(MINI / "reports.jsonl", tmp_path / "reports.jsonl")
    clusters = json.loads((MINI / "clusters.json").read_text())
    clusters["incidents"][1]["split"] = "locked"
    (tmp_path / "clusters.json").write_text(json.dumps(clusters))
    ran: list[str] = []
    real = dedup.system_labels

    def spy(records, *args):
        ran.extend(str(r["id"]) for r in records)
        return real(records, *args)

    monkeypatch.setattr(dedup, "system_labels", spy)
    assert dedup.main([str(tmp_path), "--split", "dev"], resources=resources) == 0
    out = capsys.readouterr().out
    assert sorted(ran) == ["r1", "r2"] and "locked" not in out
    assert json.loads(out.strip().splitlines()[-1])["incidents"] == 1
