"""Gazetteer, toponym resolution and the geo evaluation (sentences written for these tests)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import shared_resources

from dateline.evaluate import geo
from dateline.resolve import places
from dateline.resolve.gazetteer import normalize
from dateline.resolve.gazetteer_build import load_supplement

HERE = Path(__file__).resolve().parent
GEO = HERE / "resources" / "geo"
SHARED_GEO = HERE.parent.parent / "shared" / "data" / "geo"


def get_gazetteer():
    return shared_resources().gazetteer


def resolve_name(name: str, country_iso3: str | None = None):
    return places.resolve_name(name, country_iso3, get_gazetteer())


def resolve_toponyms(text: str, mentions: list[dict]):
    return places.resolve_toponyms(text, mentions, get_gazetteer())


def recognize_toponyms(text: str, demonyms: bool = False):
    return places.recognize_toponyms(text, demonyms=demonyms, resources=shared_resources())


def demonym_country(word: str):
    return get_gazetteer().demonym_country(word)


def mention(text: str, name: str, hint: str | None = None) -> dict:
    start = text.index(name)
    return {"start": start, "end": start + len(name), "text": name, "hint": hint}


@pytest.mark.parametrize(
    "a, b",
    [
        ("Deir ez-Zor", "Dayr az Zawr"),
        ("Deir Ez-Zor", "Deir Ezzor"),
        ("Dair al-Zour", "Deir ez-Zor"),
        ("al-Raqqah", "Raqqa"),
        ("Ar-Raqqa", "Raqqah"),
        ("Sheikh Maqsoud", "Shaykh Maqsud"),
        ("São Paulo", "Sao Paulo"),
        ("Ma'arat al-Numan", "Maarat Numan"),
        ("St. Louis", "Saint Louis"),
    ],
)
def test_normalisation_variants(a: str, b: str) -> None:
    assert normalize(a) == normalize(b)


def test_normalisation_keeps_different_names_apart() -> None:
    assert normalize("Homs") != normalize("Hama")
    assert normalize("El Paso") != normalize("Paso Robles")


def test_lookup_exact_fuzzy_and_aliases() -> None:
    gaz = get_gazetteer()
    assert any(e.iso3 == "SYR" and e.kind == "admin1" for e, _ in gaz.lookup("Deir Ezzor"))
    assert any(e.name == "Damascus" for e, _ in gaz.lookup("Damscus"))  # fuzzy fallback
    assert not gaz.lookup("Damscus", fuzzy=False)
    for alias, iso3 in [("U.S.", "USA"), ("America", "USA"), ("Britain", "GBR"), ("UK", "GBR")]:
        assert resolve_name(alias).iso3 == iso3, alias
    assert resolve_name("W.Va.").name == "West Virginia"
    assert resolve_name("B.C.").name == "British Columbia"


def test_demonyms_are_country_hints() -> None:
    assert demonym_country("Syrian") == "SYR"
    assert demonym_country("Syrians") == "SYR"
    assert demonym_country("American") == "USA"
    assert demonym_country("Palestinians") == "PSE"
    assert demonym_country("Aleppo") is None


def test_supplement_loads_and_resolves() -> None:
    rows = load_supplement()
    assert 60 <= len(rows) <= 200
    assert {"name", "aliases", "kind", "latitude", "longitude", "iso3"} <= set(rows[0])
    assert all(r["kind"] in ("city", "region", "feature") for r in rows)
    for name, iso3 in [("Baghuz", "SYR"), ("al-Hol", "SYR"), ("Euphrates", "SYR"), ("Eastern Ghouta", "SYR")]:
        place = resolve_name(name)
        assert place is not None and place.iso3 == iso3, name
    assert resolve_name("Middle East").kind == "region"


def test_town_in_province_resolves_to_syria() -> None:
    text = "Clashes broke out in the town of Hajin in the eastern province of Deir Ez-Zor on Sunday."
    hajin, deir = resolve_toponyms(text, [mention(text, "Hajin"), mention(text, "Deir Ez-Zor")])
    assert hajin.iso3 == "SYR" and hajin.kind == "city"
    assert abs(hajin.latitude - 34.69) < 0.2 and abs(hajin.longitude - 40.83) < 0.2
    assert deir.iso3 == "SYR" and deir.kind == "admin1"


def test_comma_container_paris_texas() -> None:
    text = "The rodeo in Paris, Texas drew a large crowd on Saturday."
    (paris,) = resolve_toponyms(text, [mention(text, "Paris")])
    assert paris.iso3 == "USA" and paris.admin1 == "Texas"
    text = "Protesters marched through Paris on Saturday."
    (paris,) = resolve_toponyms(text, [mention(text, "Paris")])
    assert paris.iso3 == "FRA"


def test_document_focus_and_direction_phrase() -> None:
    text = "Rebels shelled Tripoli. The Libyan government in Tripoli said three people died."
    places = resolve_toponyms(text, [mention(text, "Tripoli")])
    assert places[0].iso3 == "LBY"
    text = "Fighting was reported near Tal Abyad in northeastern Syria."
    (tal,) = resolve_toponyms(text, [mention(text, "Tal Abyad")])
    assert tal.iso3 == "SYR"
    assert resolve_name("Tripoli", "LBN").iso3 == "LBN"


def test_province_word_prefers_admin_area() -> None:
    text = "Airstrikes hit Idlib province overnight."
    (idlib,) = resolve_toponyms(text, [mention(text, "Idlib")])
    assert idlib.kind == "admin1"
    text = "Airstrikes hit the city of Idlib overnight."
    (idlib,) = resolve_toponyms(text, [mention(text, "Idlib")])
    assert idlib.kind == "city"


def test_same_name_same_place_in_one_article() -> None:
    text = "Police in London, Ontario arrested two men. Officers in London said more arrests may follow."
    second = text.index("London", text.index("London") + 1)
    first = mention(text, "London")
    a, b = resolve_toponyms(text, [first, {**first, "start": second, "end": second + 6}])
    assert a.iso3 == "CAN" and b == a


def test_unknown_name_is_none() -> None:
    text = "They met in Xqzzvbn."
    assert resolve_toponyms(text, [mention(text, "Xqzzvbn")]) == [None]
    assert resolve_name("Xqzzvbn") is None


@pytest.mark.model
def test_recognition_uses_gazetteer_and_supplement() -> None:
    text = "US-backed forces crossed the Euphrates near Baghuz and reached the al-Hol camp in Syria."
    found = {m["text"] for m in recognize_toponyms(text)}
    assert {"Euphrates", "Baghuz", "Syria"} <= found
    assert any(t.startswith("al-Hol") for t in found)
    syrian = "Syrian troops advanced."
    assert not recognize_toponyms(syrian)
    assert [m["text"] for m in recognize_toponyms(syrian, demonyms=True)] == ["Syrian"]


def _last_line(capsys: pytest.CaptureFixture[str]) -> dict[str, float]:
    line = capsys.readouterr().out.strip().splitlines()[-1]
    return {k: float(v) for k, v in (part.split("=") for part in line.split())}


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


@pytest.mark.shared
@pytest.mark.model
@pytest.mark.parametrize("corpus", ["TR-News", "GeoVirus"])
@pytest.mark.parametrize("given", [True, False], ids=["given-names", "recognise"])
def test_eval_gate_on_shared_dev_data(corpus: str, given: bool, capsys: pytest.CaptureFixture[str]) -> None:
    path = SHARED_GEO / f"{corpus}.xml"
    if not path.exists():
        pytest.skip(f"shared geo dev data not found at {SHARED_GEO} (only present in the Dateline workplace)")
    floors = json.loads((HERE / "baselines" / "geo.json").read_text())["floors"][corpus]
    floors = floors["given_names" if given else "recognise"]
    assert geo.main([str(path), *(["--given-names"] if given else [])], resources=shared_resources()) == 0
    scores = _last_line(capsys)
    for name, floor in floors.items():
        if name == "auc":  # lower is better
            assert scores[name] <= floor, (name, scores[name], floor)
        else:
            assert scores[name] >= floor, (name, scores[name], floor)
