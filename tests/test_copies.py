"""Near-duplicate articles (issue 16): a syndicated copy is found before extraction, stored with
its text and linked to the original, whose events cite it; a follow-up with a revised toll is
extracted on its own. The texts are made up for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import shared_resources

from dateline import cli
from dateline.config import Config
from dateline.copies import CopyIndex, Signature, body, figures, find_copies, shingles
from dateline.evaluate import copies as eval_copies
from dateline.ingest import open_store
from dateline.read.common import build_article
from dateline.store import copies as stored

_PARAS = [
    "Car bomb kills 12 at market in northern town",
    "By Sam Lenter",
    "KIRKUK, Iraq (Wirepress) - A car bomb exploded near a crowded vegetable market in the northern Iraqi"
    " town of Tuz Khurmatu on Tuesday, killing 12 people and wounding at least 30, police and hospital "
    "officials said.",
    "The blast struck shortly after morning prayers, when traders were setting up their stalls, a police "
    "captain told reporters on condition of anonymity because he was not authorised to speak to the "
    "media.",
    "Ambulances rushed the wounded to the town's main hospital, where a doctor said several were in "
    "critical condition and the toll could rise.",
    "No group immediately claimed responsibility for the attack, but Islamic State militants have carried"
    " out similar bombings in the area in recent months.",
    "Local officials imposed a curfew on the town and security forces set up checkpoints on the roads "
    "leading to the market.",
    "The provincial governor condemned the bombing and called on the federal government to send more "
    "troops to protect civilians in the disputed district.",
    "Tuz Khurmatu, about 55 miles south of Kirkuk, has a mixed population of Turkmen, Kurds and Arabs and"
    " has seen repeated attacks since the militants were driven out of the region.",
]
WIRE = "\n\n".join(_PARAS)
# a syndicated copy: its own headline and byline, the curfew paragraph cut
COPY = "\n\n".join(
    ["Twelve dead as blast rips through Iraqi market", "Staff and wire reports", *_PARAS[2:6], *_PARAS[7:]]
)
# a follow-up: a revised toll in its own lead, some of the wire's paragraphs kept
FOLLOWUP = "\n\n".join(
    [
        "Toll from Iraqi market bombing rises to 19",
        "By Sam Lenter",
        "KIRKUK, Iraq (Wirepress) - The death toll from a car bomb that exploded near a crowded vegetable "
        "market in the northern Iraqi town of Tuz Khurmatu on Tuesday has risen to 19, hospital officials "
        "said on Wednesday, as several of the wounded died overnight.",
        *(_PARAS[i] for i in (3, 5, 6, 8)),
    ]
)
OTHER_OUTLET = "\n\n".join(
    [
        "Market bombing in Tuz Khurmatu",
        "A powerful explosion tore through a busy market in Tuz Khurmatu on Tuesday morning. Witnesses said a"
        " parked car packed with explosives went off as shoppers gathered, leaving at least a dozen people "
        "dead.",
        "Hospital staff appealed for blood donations. The town's mayor said security would be tightened and "
        "blamed sleeper cells of the militant group for the attack. Residents said it was the worst attack in"
        " the town this year.",
    ]
)

# a heavier edit: another headline, a byline with its own time stamp, the dateline re-dated, the
# last paragraph cut
EDITED = "\n\n".join(
    [
        "Market bombing kills a dozen in Iraq's Tuz Khurmatu",
        "By Staff Writer | Updated 6 March 2024, 09:15",
        _PARAS[2].replace("KIRKUK, Iraq (Wirepress) -", "TUZ KHURMATU, Iraq, March 5 -"),
        *_PARAS[3:-1],
    ]
)
# the same wire text with one toll changed: as alike in wording as a copy, but news
REVISED = WIRE.replace("Car bomb kills 12", "Car bomb toll rises").replace("killing 12", "killing 17")


def _article(text: str, n: int, **meta):
    return build_article(text, url=f"https://example.org/{n}", publisher=f"Outlet {n}", **meta)


def test_shingles_fold_case_punctuation_and_whitespace():
    assert shingles("The  blast, THE blast!", 2) == shingles("the blast the\nblast", 2)
    assert shingles("one two", 5) == {b"one two"}
    assert shingles(" \n ", 5) == set()


def test_the_body_excludes_the_metadata_preamble():
    a = build_article("Body text here.", title="A headline", publisher="Outlet", url="https://example.org/a")
    assert a.text.startswith("A headline") and body(a) == "Body text here."


def test_figures_are_numbers_whatever_their_spelling_but_not_times_or_years():
    assert figures("Twelve killed and twenty-five hurt") == figures("12 killed and 25 hurt") == {"12", "25"}
    assert figures("Updated 14:32 on 3 May 2019, 1,200 fled") == {"1200"}
    assert figures("On March 5, 2024-03-05 or 05/03/2024, 7 died") == {"7"}
    assert figures("5 market stalls burned on 6 Sept.") == {"5"}


def test_a_syndicated_copy_is_found_and_a_follow_up_or_another_story_is_not():
    texts = [WIRE, COPY, FOLLOWUP, OTHER_OUTLET, EDITED]
    wire, copy, follow, other, edited = (_article(t, n) for n, t in enumerate(texts))
    found = find_copies([wire, copy, follow, other, edited], Config())
    assert set(found) == {copy.article_id, edited.article_id}
    assert {m.original for m in found.values()} == {wire.article_id}
    assert 0.6 <= found[copy.article_id].jaccard < 1.0


def test_a_revised_figure_is_news_however_alike_the_wording():
    wire, revised = _article(WIRE, 0), _article(REVISED, 1)
    index = CopyIndex(Config())
    index.add(wire.article_id, index.hasher.signature(wire))
    sig = index.hasher.signature(revised)
    assert sig.jaccard(index.hasher.signature(wire)) >= 0.6  # alike enough to be a copy...
    assert index.find(revised.article_id, sig) is None  # ...but it says 17 where the wire said 12


def test_the_same_body_under_other_metadata_is_a_copy_with_estimate_one():
    a = _article(WIRE, 0, title="One headline")
    b = _article(WIRE, 1, title="Another headline", published="2024-03-05")
    assert find_copies([a, b], Config())[b.article_id].jaccard == 1.0


def test_an_article_too_long_to_process_is_not_hashed():
    a, b = _article(WIRE, 0), _article(WIRE, 1)
    assert find_copies([a, b], Config(max_article_chars=1000)) == {}  # WIRE is longer: refused later (E102)
    assert b.article_id in find_copies([a, b], Config())


def test_the_threshold_comes_from_the_config():
    wire, copy = _article(WIRE, 0), _article(COPY, 1)
    assert find_copies([wire, copy], Config(copy_threshold=0.95)) == {}
    assert copy.article_id in find_copies([wire, copy], Config(copy_threshold=0.5))


def test_a_saved_signature_reads_back_the_same():
    index = CopyIndex(Config(copy_num_perm=64))
    sig = index.hasher.signature(_article(WIRE, 0))
    back = Signature.from_bytes(sig.to_bytes(), sig.figures)
    assert len(sig.to_bytes()) == 64 * 4 and back.jaccard(sig) == 1.0 and back.figures == sig.figures


def _jsonl(path, texts):
    with path.open("w", encoding="utf-8") as out:
        for n, text in texts:
            record = {"url": f"https://example.org/{n}", "publisher": f"Outlet {n}", "text": text}
            out.write(json.dumps(record) + "\n")
    return path


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def ingested(request, tmp_path_factory):
    """The wire, then (a second run) its copy and the follow-up, ingested into one database (an
    SQLite file, a PostgreSQL database)."""
    tmp = tmp_path_factory.mktemp("copies")
    db = tmp / "copies.db" if request.param == "sqlite" else request.getfixturevalue("pg_module_url")
    first = _jsonl(tmp / "first.jsonl", [(0, WIRE)])
    second = _jsonl(tmp / "second.jsonl", [(1, COPY), (2, FOLLOWUP)])
    assert cli.main(["ingest", str(first), "--db", str(db)], resources=shared_resources()) == 0
    assert cli.main(["ingest", str(second), "--db", str(db)], resources=shared_resources()) == 0
    ids = [_article(t, n).article_id for n, t in enumerate([WIRE, COPY, FOLLOWUP])]
    return db, ids


def test_a_copy_is_stored_linked_and_cited_not_extracted(ingested):
    db, (wire, copy, follow) = ingested
    with open_store(db) as store:
        assert stored.copy_of(store, copy)["copy_of"] == wire
        assert store.article(copy)["text"].endswith(COPY)  # its text is kept
        assert stored.copy_of(store, follow) is None
        assert [c["article_id"] for c in stored.copies_of(store, wire)] == [copy]
        events = [e for e in store.events() if wire in e["article_ids"]]
        assert events, "the wire story should give an event"
        for event in events:
            assert copy in event["article_ids"] and "Outlet 1" in event["source"]
            assert all(e["article_id"] != copy for e in event["evidence"])  # evidence not duplicated
        assert not any(e["article_ids"] == [copy] for e in store.events())  # no events of its own
        assert any(follow in e["article_ids"] for e in store.events())  # the follow-up is extracted


def test_ingesting_again_duplicates_nothing_and_copies_are_listed(ingested, tmp_path, capsys):
    db, (wire, copy, _) = ingested
    with open_store(db) as store:
        before = (store.counts(), store.events())
    again = _jsonl(tmp_path / "again.jsonl", [(0, WIRE), (1, COPY), (2, FOLLOWUP)])
    assert cli.main(["ingest", str(again), "--db", str(db)], resources=shared_resources()) == 0
    with open_store(db) as store:
        assert (store.counts(), store.events()) == before
    capsys.readouterr()
    assert cli.main(["copies", "--db", str(db)], resources=shared_resources()) == 0
    out, err = capsys.readouterr()
    assert f"{copy} copies {wire}" in out and "1 stored article(s) are copies" in err


def test_a_store_without_signatures_is_signed_from_its_texts(ingested, tmp_path):
    db, (wire, copy, _) = ingested
    if not isinstance(db, Path):
        pytest.skip("copies an SQLite file")
    old = tmp_path / "old.db"
    old.write_bytes(db.read_bytes())
    with open_store(old) as store:
        with store.engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM signatures")
        from dateline.copy_library import CopyLibrary

        library = CopyLibrary(store, Config())
        assert library.signed == 2 and library.loaded == 2  # the wire and the follow-up, not the copy
        late = _article(COPY.replace("Staff and wire reports", "From our correspondents"), 9)
        assert library.check(late).original == wire


def test_eval_copies_scores_pairs_after_closure(tmp_path, capsys):
    reports = [("w", WIRE, "2024-03-05"), ("c", COPY, "2024-03-05"), ("f", FOLLOWUP, "2024-03-06"),
               ("o", OTHER_OUTLET, "2024-03-05"), ("c2", COPY.replace("Twelve dead", "Market blast"), "2024-03-06")]  # fmt: skip
    with (tmp_path / "reports.jsonl").open("w") as out:
        for rid, text, day in reports:
            out.write(
                json.dumps({"id": rid, "url": f"https://example.org/{rid}", "published": day, "text": text})
                + "\n"
            )
    clusters = [{"reports": ["w", "c", "f", "o", "c2"], "copies": [["c", "w"], ["c2", "w"]]}]
    (tmp_path / "clusters.json").write_text(json.dumps(clusters))
    assert eval_copies.closure([("a", "b"), ("c", "b")]) == {frozenset(p) for p in ("ab", "bc", "ac")}
    assert eval_copies.main([str(tmp_path)]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["pairs"] == 3 and result["precision"] == 1.0 and result["recall"] == 1.0
    assert result["baseline_f1"] == 0.0


def test_eval_copies_on_the_committed_gold_holds_its_floors(capsys):
    from support import ROOT

    gold = ROOT / "tests" / "resources" / "gold" / "dedup"  # committed: its absence is a failure
    floors = json.loads((ROOT / "tests" / "baselines" / "copies.json").read_text())["splits"]
    assert eval_copies.main([str(gold)]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines() if x.startswith("{")]
    assert {r["split"] for r in lines} == set(floors)
    for r in lines:
        for key, floor in floors[r["split"]].items():
            assert r[key] >= floor, (r["split"], key, r[key], floor)


def test_a_copy_met_before_its_originals_result_is_stored_is_cited_once_it_is(tmp_path, db_url):
    # one run: the copy is looked up while the wire is still being processed (same chunk)
    db = db_url
    both = _jsonl(tmp_path / "both.jsonl", [(0, WIRE), (1, COPY)])
    assert cli.main(["ingest", str(both), "--db", str(db)], resources=shared_resources()) == 0
    wire, copy = (_article(t, n).article_id for n, t in enumerate([WIRE, COPY]))
    with open_store(db) as store:
        assert stored.copy_of(store, copy)["copy_of"] == wire
        events = store.events()
        assert events and all(e["article_ids"] == [wire, copy] for e in events)
