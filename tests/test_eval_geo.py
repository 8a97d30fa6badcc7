"""`dateline eval geo`: the scorer on tiny files written for these tests, the pipeline's place
finder it scores, and the gates: the team-written gold in tests/resources/gold/geo (always run)
and the shared dev corpora (run when ../shared is present). Floors: tests/baselines/geo.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import SHARED, shared_resources

from dateline.evaluate import geo

HERE = Path(__file__).resolve().parent
GEO = HERE / "resources" / "geo"
GOLD = HERE / "resources" / "gold" / "geo"
SHARED_GEO = SHARED / "data" / "geo"
FLOORS = json.loads((HERE / "baselines" / "geo.json").read_text())
MODES = {"given_names": ["--given-names"], "recognise": []}


def _last_line(capsys: pytest.CaptureFixture[str]) -> dict[str, float]:
    line = capsys.readouterr().out.strip().splitlines()[-1]
    return {k: float(v) for k, v in (part.split("=") for part in line.split())}


def _check(scores: dict[str, float], floors: dict[str, float]) -> None:
    for name, floor in floors.items():
        if name == "auc":  # an error area: lower is better, so its floor is a ceiling
            assert scores[name] <= floor, (name, scores[name], floor)
        else:
            assert scores[name] >= floor, (name, scores[name], floor)


def test_auc_definition() -> None:
    assert geo.auc([0.0, 0.0]) == 0.0
    assert geo.auc([20039.0, 20039.0]) == pytest.approx(1.0, rel=1e-4)
    assert 0.0 < geo.auc([0.0, 100.0, 5000.0]) < 1.0


def test_eval_on_tiny_lgl_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert geo.main([str(GEO / "tiny-lgl.xml"), "--given-names"], resources=shared_resources()) == 0
    scores = _last_line(capsys)
    assert scores["acc161"] == 1.0 and scores["f1"] == 1.0
    assert scores["exact"] >= 5 / 6


@pytest.mark.model
def test_eval_on_tiny_geovirus_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert geo.main([str(GEO / "tiny-geovirus.xml")], resources=shared_resources()) == 0
    scores = _last_line(capsys)
    assert scores["acc161"] == 1.0
    assert scores["f1"] >= 0.8  # "Nile" is a toponym the gold file does not list


@pytest.mark.model
def test_recognise_mode_scores_the_pipelines_place_finder() -> None:
    text = "US-backed forces crossed the Euphrates near Baghuz and reached the al-Hol camp in Syria."
    found, none = geo.found_places([text, "Syrian troops advanced."], shared_resources())
    names = {text[s:e]: place for (s, e), place in found.items()}
    assert {"Euphrates", "Baghuz", "Syria"} <= set(names)  # the entity ruler knows the supplement
    assert any(n.startswith("al-Hol") and p.kind == "feature" for n, p in names.items())
    assert none == {}  # a demonym is a hint, not a place


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", sorted(FLOORS["gold"]))
def test_eval_gate_on_committed_gold(name: str, mode: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Held-out: the team wrote this gold after the resolver was built; nothing was tuned on it."""
    path = GOLD / name
    assert path.is_file(), f"{path} is listed in tests/baselines/geo.json but missing"
    assert geo.main([str(path), *MODES[mode]], resources=shared_resources()) == 0
    _check(_last_line(capsys), FLOORS["gold"][name][mode])


@pytest.mark.shared
@pytest.mark.model
@pytest.mark.parametrize("corpus", ["TR-News", "GeoVirus"])
@pytest.mark.parametrize("mode", MODES)
def test_eval_gate_on_shared_dev_data(corpus: str, mode: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = SHARED_GEO / f"{corpus}.xml"
    if not path.exists():
        pytest.skip(f"shared geo dev data not found at {SHARED_GEO} (only present in the Dateline workplace)")
    assert geo.main([str(path), *MODES[mode]], resources=shared_resources()) == 0
    _check(_last_line(capsys), FLOORS["floors"][corpus][mode])


@pytest.mark.shared
def test_cross_validated_figures_print_last(capsys: pytest.CaptureFixture[str]) -> None:
    """`--cv`: the place ranker's article-grouped CV over the shared corpora, after any file's
    figures; a training corpus scored as a file is labelled in-sample."""
    path = SHARED_GEO / "TR-News.xml"
    if not path.exists():
        pytest.skip(f"shared geo dev data not found at {SHARED_GEO} (only present in the Dateline workplace)")
    assert geo.main([str(GEO / "tiny-lgl.xml"), "--given-names", "--cv"], resources=shared_resources()) == 0
    out = capsys.readouterr().out
    assert out.index("tiny-lgl.xml") < out.index("cross-validation grouped by article")
    assert "leave-one-corpus-out" in out and "candidate generation recall" in out
    last = {k: float(v) for k, v in (part.split("=") for part in out.strip().splitlines()[-1].split())}
    for corpus, floors in FLOORS["cv"].items():
        key = corpus.lower().replace("-", "")
        _check({name: last[f"{name}_{key}"] for name in floors}, floors)
    assert geo.main([str(path), "--given-names", "--no-cv"], resources=shared_resources()) == 0
    assert "IN-SAMPLE" in capsys.readouterr().out
