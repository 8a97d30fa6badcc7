"""The actor knowledge base: today's armed groups under ACLED's names and inter codes, its loader's
checks, and how merge names generic actors (never a placeholder country)."""

from __future__ import annotations

import pytest

from dateline.errors import DatelineError
from dateline.extract.roles import ActorRef
from dateline.lookup.actors import load_kb
from dateline.merge.actors import actor_name


@pytest.fixture(scope="module")
def kb():
    return load_kb()


@pytest.mark.parametrize(
    "alias, name, inter",
    [
        ("RSF", "RSF: Rapid Support Forces", 2),
        ("Rapid Support Forces", "RSF: Rapid Support Forces", 2),
        ("SAF", "Military Forces of Sudan", 1),
        ("Sudanese Armed Forces", "Military Forces of Sudan", 1),
        ("M23", "M23: March 23 Movement", 2),
        ("AFC/M23", "M23: March 23 Movement", 2),
        ("FARDC", "Military Forces of the Democratic Republic of Congo", 1),
        ("Wazalendo", "Wazalendo", 3),
        ("ADF", "ADF: Allied Democratic Forces", 2),
        ("CODECO", "CODECO: Cooperative for Development of Congo", 3),
        ("People's Defence Force", "PDF: People's Defense Force", 2),
        ("Tatmadaw", "Military Forces of Myanmar", 1),
        ("Arakan Army", "AA: Arakan Army", 2),
        ("Kachin Independence Army", "KIA: Kachin Independence Army", 2),
        ("TNLA", "TNLA: Ta'ang National Liberation Army", 2),
        ("MNDAA", "MNDAA: Myanmar National Democratic Alliance Army", 2),
        ("JNIM", "JNIM: Group for Support of Islam and Muslims", 2),
        ("ISGS", "Islamic State Sahel Province", 2),
        ("Africa Corps", "Africa Corps", 8),
        ("ISWAP", "Islamic State West Africa Province", 2),
        ("JAS", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", 2),
        ("al-Shabab", "Al Shabaab", 2),
        ("Qassam Brigades", "Hamas", 2),
        ("PIJ", "PIJ: Palestinian Islamic Jihad", 2),
        ("Hizbullah", "Hezbollah", 3),
        ("Ansar Allah", "Houthis - Ansar Allah", 2),
        ("IDF", "Military Forces of Israel", 1),
        ("Revolutionary Guards", "Military Forces of Iran", 1),
        ("Jalisco New Generation Cartel", "CJNG: Jalisco New Generation Cartel", 3),
        ("Cartel de Sinaloa", "Sinaloa Cartel", 3),
        ("Viv Ansanm", "Viv Ansanm", 3),
        ("400 Mawozo", "400 Mawozo", 3),
        ("G9", "G9 Family and Allies", 3),
        ("HTS", "HTS: Hayat Tahrir al-Sham", 2),
        ("SNA", "SNA: Syrian National Army", 2),
        ("ELN", "ELN: National Liberation Army", 2),
        ("FARC dissidents", "FARC Dissidents", 2),
    ],
)
def test_todays_armed_groups_have_acled_names_and_inter_codes(kb, alias, name, inter):
    entry = kb.lookup(alias)
    assert entry is not None and (entry.name, entry.inter) == (name, inter)


@pytest.mark.parametrize(
    "scraped", ["rsf", "m23", "jnim", "al-shabaab", "rapid support forces", "hts", "idf"]
)
def test_lower_cased_scrapes_find_the_group(kb, scraped):
    assert kb.lookup(scraped) is kb.lookup(scraped.upper()) is not None


def test_short_abbreviations_that_are_words_stay_case_sensitive(kb):
    assert kb.lookup("KIA") is not None and kb.lookup("kia") is None
    assert kb.lookup("is") is None and kb.lookup("aa") is None


def test_old_canonical_names_still_find_the_group(kb):
    """Names the knowledge base used before (in user files, stored filters) remain aliases."""
    assert kb.lookup("M23 - March 23 Movement").name == "M23: March 23 Movement"
    assert kb.lookup("Hayat Tahrir al-Sham").name == "HTS: Hayat Tahrir al-Sham"


def test_no_generic_actor_is_named_for_an_unknown_country(kb):
    templates = [e for e in kb.entries if e.template]
    assert len(templates) >= 5
    for entry in templates:
        for name in (entry.named(None), actor_name(ActorRef(entry, (0, 1)), None)[0]):
            assert "Unknown" not in name and "{" not in name and "()" not in name
    civilians = kb.lookup("civilians")
    assert actor_name(ActorRef(civilians, (0, 1)), None)[0] == "Civilians"


@pytest.mark.parametrize(
    "alias, iso3, hint, expected",
    [
        ("civilians", "PSE", None, "Civilians (Palestine)"),
        ("civilians", "COD", None, "Civilians (Democratic Republic of Congo)"),
        ("soldiers", "COD", None, "Military Forces of the Democratic Republic of Congo"),
        ("protesters", "USA", None, "Protesters (United States)"),
        ("police", "USA", None, "Police Forces of the United States"),
        # state forces are named for their own country, victims for where it happened
        ("troops", "UKR", "RUS", "Military Forces of Russia"),
        ("villagers", "NGA", "NER", "Civilians (Nigeria)"),
        ("gunmen", "MEX", None, "Unidentified Armed Group (Mexico)"),
    ],
)
def test_generic_actors_take_acled_country_names(kb, alias, iso3, hint, expected):
    ref = ActorRef(kb.lookup(alias), (0, 1), country_hint=hint)
    assert actor_name(ref, iso3)[0] == expected


def test_state_forces_abroad_are_external_forces(kb):
    ref = ActorRef(kb.lookup("troops"), (0, 1), country_hint="RUS")
    assert actor_name(ref, "UKR") == ("Military Forces of Russia", 8)
    assert actor_name(ref, "RUS") == ("Military Forces of Russia", 1)


def _bad(tmp_path, text: str) -> str:
    with pytest.raises(DatelineError) as err:
        load_kb(str(_write(tmp_path, text)))
    return err.value.code


def _write(tmp_path, text: str):
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_loader_rejects_bad_entries_with_codes(tmp_path):
    assert _bad(tmp_path, "- name: A\n  kind: organisation\n  aliases: B\n") == "E024"
    assert _bad(tmp_path, "- name: Forces of {country}\n  kind: generic\n") == "E024"
    assert _bad(tmp_path, "- name: A\n  kind: generic\n  template: true\n") == "E024"
    assert _bad(tmp_path, "- name: A\n  kind: generic\n  targets: [school, [x]]\n") == "E024"
    assert _bad(tmp_path, "- name: [A]\n  kind: organisation\n") == "E020"
    two = "- name: A\n  kind: organisation\n  aliases: [Alpha]\n- name: B\n  kind: organisation\n  aliases: [alpha]\n"
    assert _bad(tmp_path, two) == "E025"
    assert _bad(tmp_path, "- name: A\n  kind: organisation\n- name: A\n  kind: person\n") == "E025"


def test_a_user_file_may_rename_a_shipped_alias(tmp_path):
    """Checks are per file: a user's entry may take over an alias the shipped file gives."""
    kb = load_kb(
        str(_write(tmp_path, "- name: Sample Front\n  kind: organisation\n  inter: 2\n  aliases: [Wagner]\n"))
    )
    assert kb.lookup("Wagner").name == "Sample Front"


def test_the_shipped_file_is_read_by_libyaml_into_the_same_entries(monkeypatch) -> None:
    from importlib import resources

    import yaml

    from dateline.lookup import actors

    shipped = resources.files("dateline.data").joinpath("actors.yaml").read_text(encoding="utf-8")
    slow = actors.load_entries(shipped, "actors.yaml")
    assert actors.load_entries(shipped, "actors.yaml", fast=True) == slow and len(slow) > 50
    loaders: list = []
    real = yaml.load
    monkeypatch.setattr(
        yaml, "load", lambda text, Loader: loaders.append(Loader) or real(text, Loader=Loader)
    )
    load_kb()
    assert loaders == [getattr(yaml, "CSafeLoader", yaml.SafeLoader)]
