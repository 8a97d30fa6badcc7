"""Where `dateline eval TASK` looks when given no path: the shared dev data that exists, then the
committed gold, so the committed gold's held-out figure is the last line printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.evaluate import gold, timeml

HERE = Path(__file__).resolve().parent


def _layout(root: Path, with_shared: bool) -> Path:
    checkout = root / "dateline"
    (checkout / "tests" / "resources" / "gold" / "geo").mkdir(parents=True)
    (checkout / "tests" / "resources" / "gold" / "geo" / "team.xml").write_text("<articles/>")
    if with_shared:
        (root / "shared" / "data" / "geo").mkdir(parents=True)
        (root / "shared" / "data" / "geo" / "TR-News.xml").write_text("<articles/>")
    return checkout


@pytest.mark.parametrize("with_shared", [True, False])
def test_default_paths_put_the_committed_gold_last(tmp_path, monkeypatch, with_shared: bool) -> None:
    checkout = _layout(tmp_path, with_shared)
    monkeypatch.setattr(gold, "_bases", lambda: [checkout])
    found = gold.default_paths("geo", "*.xml", "geo/TR-News.xml", "geo/GeoVirus.xml")
    names = [p.name for p in found]
    assert names == (["TR-News.xml", "team.xml"] if with_shared else ["team.xml"])


def test_the_checkout_has_every_committed_gold_set() -> None:
    assert gold.REPO == HERE.parent
    for task, pattern in [("geo", "*.xml"), ("time", "*.tml"), ("events", "*.tsv"), ("plover", "*.csv"),
                          ("certainty", "*.xml")]:  # fmt: skip
        assert gold.committed(task, pattern), task
    assert (HERE / "resources" / "gold" / "README.md").is_file()


def test_eval_without_paths_prints_the_committed_gold_last(monkeypatch, capsys) -> None:
    stand_in = [HERE / "resources" / "time"]  # the tiny TimeML files stand in for MEANTIME
    monkeypatch.setattr(gold, "shared", lambda *names: stand_in)
    assert timeml.main([]) == 0
    out = capsys.readouterr().out
    assert out.index("resources/time") < out.index("resources/gold/time")
    committed = out[out.index("resources/gold/time") :].strip().splitlines()
    assert committed[-1].startswith("strict_f1=") and not any(
        line.startswith("== ") for line in committed[1:]
    )
