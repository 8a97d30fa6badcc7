"""Extraction pieces on sentences written for these tests."""

from __future__ import annotations

import pytest
from support import sentence

from dateline.extract.attribution import for_sentences, in_sentence, outlet_name
from dateline.extract.factuality import assess
from dateline.extract.fatalities import find_fatalities, parse_number
from dateline.extract.roles import ActorResolver, Salience, role_tokens
from dateline.extract.triggers import find_triggers
from dateline.lookup.actors import load_kb


@pytest.mark.parametrize(
    "words,value",
    [
        (["two"], 2),
        (["1,200"], 1200),
        (["twenty-five"], 25),
        (["three", "hundred"], 300),
        (["dozens"], 12),
        (["hundreds"], 100),
        (["Fifteen"], 15),
        (["banana"], None),
    ],
)
def test_parse_number(words, value):
    assert parse_number(words) == value


@pytest.mark.parametrize(
    "text,best,low,high",
    [
        ("At least 12 soldiers were killed when gunmen ambushed a convoy.", 12, None, None),
        ("The blast killed three soldiers and two civilians.", 5, None, None),
        ("The shelling killed between seven and nine civilians.", 7, 7, 9),
        ("Dozens of people died in the fire.", 12, None, None),
        ("Two police officers were killed and three wounded.", 2, None, None),
        ("A soldier was killed in the attack.", 1, None, None),
        # the least the word allows (coding conventions): "multiple" and "several" are three
        ("Multiple rebels were killed in a firefight with the militia near the river.", 3, None, None),
        ("Several guards died when the depot was shelled.", 3, None, None),
        # "at least" parsed as the number's advmod rather than its quantmod
        ("At least 14 villagers were killed and 30 injured after raiders attacked a hamlet.", 14, None, None),
        ("A sniper fatally shot a ferry pilot near the jetty.", 1, None, None),
    ],
)
def test_fatalities(nlp, text, best, low, high):
    found = find_fatalities(sentence(nlp, text))
    assert (found.best, found.low, found.high) == (best, low, high)


def test_injuries_are_not_fatalities(nlp):
    assert find_fatalities(sentence(nlp, "Fifteen people were injured in the blast.")) is None


def _assess(nlp, text, word, caption=False):
    sent = sentence(nlp, text)
    hit = next(h for h in find_triggers(sent) if h.head.text == word)
    return assess(hit.head, sent, in_caption=caption)


@pytest.mark.parametrize(
    "text,word,reportable,certainty",
    [
        ("Rebels attacked the base on Monday.", "attacked", True, "confirmed"),
        ("The leader is believed to have fled the city.", "fled", True, "believed"),
        ("Militants reportedly attacked a checkpoint.", "attacked", True, "reported"),
        ("The group could attack again within months.", "attack", False, None),
        ("The army will withdraw from the town next year.", "withdraw", False, None),
        ("Officials expected the rebels to attack the town.", "attack", False, None),
        ("The rebels did not attack the town.", "attack", False, None),
        ("Fighters have been battling government forces for weeks.", "battling", False, None),
        ("Soldiers patrol the town of Gao.", "patrol", False, None),
    ],
)
def test_factuality(nlp, text, word, reportable, certainty):
    fact = _assess(nlp, text, word)
    assert fact.reportable is reportable
    if reportable:
        assert fact.certainty == certainty


def test_captions_speak_in_the_present(nlp):
    assert _assess(nlp, "Soldiers patrol the town of Gao.", "patrol", caption=True).reportable


def test_attribution_speaker_and_outlet(nlp):
    doc = nlp("The commander was killed last week, senior security officials told Reuters.")
    found = in_sentence(next(doc.sents))
    assert doc.text[slice(*found.speaker)] == "senior security officials"
    assert doc.text[slice(*found.outlet)] == "Reuters"
    assert outlet_name("the Guardian") == "The Guardian"


def test_according_to(nlp):
    doc = nlp("Three people died in the raid, according to the provincial governor.")
    found = in_sentence(next(doc.sents))
    assert doc.text[slice(*found.speaker)] == "the provincial governor"


def test_quote_takes_the_speaker_named_after_it(nlp):
    doc = nlp('"We saw the trucks burning," a witness said. "There was shooting and two men died."')
    found = for_sentences(doc)
    assert doc.text[slice(*found[1].speaker)] == "a witness"


def _roles(nlp, text, word):
    kb = load_kb()
    resolver = ActorResolver(kb, {"Nigerian": "NGA", "US": "USA"}.get)
    doc = nlp(text)
    salience = Salience()
    sent = next(doc.sents)
    resolver.see_sentence(sent, salience)
    hit = next(h for h in find_triggers(sent) if h.head.text == word)
    a1, a2 = role_tokens(hit.head)

    def name(toks):
        return [resolver.resolve(t, salience).entry.name for t in toks if resolver.resolve(t, salience)]  # noqa: E731

    return name(a1), name(a2), resolver, salience, sent


def test_roles_follow_syntax_not_word_order(nlp):
    a1, a2, *_ = _roles(nlp, "The village was attacked by Boko Haram fighters on Sunday.", "attacked")
    assert a1 == ["Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"]
    a1, a2, *_ = _roles(nlp, "Nigerian troops clashed with ISWAP near the lake.", "clashed")
    assert a1 == ["Military Forces of {country}"] and a2 == ["Islamic State West Africa Province"]


def test_aliases_resolve_to_one_actor():
    kb = load_kb()
    assert kb.lookup("Daesh") is kb.lookup("ISIL") is kb.lookup("Islamic State")
    assert kb.lookup("SDF").name == "Syrian Democratic Forces"
    assert kb.lookup("is") is None  # abbreviations match only in their own case


def test_user_actor_file_is_merged(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("- name: Sample Valley Militia\n  aliases: [SVM]\n  kind: organisation\n  inter: 3\n")
    kb = load_kb(str(extra))
    assert kb.lookup("SVM").inter == 3 and kb.lookup("Daesh") is not None


def test_bad_actor_file_has_a_coded_error(tmp_path):
    from dateline.errors import DatelineError

    bad = tmp_path / "bad.yaml"
    bad.write_text("- name: No Kind\n")
    with pytest.raises(DatelineError) as err:
        load_kb(str(bad))
    assert err.value.code == "E020"


def test_generic_descriptions_resolve_to_the_actor_in_focus(nlp):
    kb = load_kb()
    resolver = ActorResolver(kb, lambda word: None)
    salience = Salience()
    doc = nlp(
        "Boko Haram fighters raided a village near Maiduguri. The terror group later attacked a school."
    )
    first, second = list(doc.sents)
    resolver.see_sentence(first, salience)
    resolver.see_sentence(second, salience)
    group = next(t for t in second if t.lower_ == "group")
    assert resolver.resolve(group, salience).entry.name.startswith("Boko Haram")
