"""Language check: an article surely not in English is skipped with its reason (a ``Drop``,
reason ``not_english``), never silently empty; short or ambiguous text goes on as English.
The paragraphs are written for these tests."""

from __future__ import annotations

import pytest

from dateline.language import MIN_LETTERS, foreign, identify, load_identifier
from dateline.pipeline import process
from dateline.read.text import read_text

GERMAN = (
    "Bewaffnete Männer haben am Samstag in einem Dorf im Norden des Landes mindestens sechs Menschen "
    "getötet, wie die Polizei mitteilte. Die Angreifer kamen am frühen Morgen auf Motorrädern und "
    "schossen auf die Bewohner, die sich auf dem Markt versammelt hatten."
)
FRENCH = (
    "Des hommes armés ont tué au moins six personnes samedi dans un village du nord du pays, a indiqué "
    "la police. Les assaillants sont arrivés à moto tôt le matin et ont ouvert le feu sur les habitants "
    "rassemblés au marché."
)
ENGLISH_LOWER = (
    "armed men killed at least six people in a village in the north of the country on saturday, police "
    "said. the attackers arrived on motorcycles early in the morning and opened fire on residents who "
    "had gathered at the market."
)


@pytest.fixture(scope="module")
def identifier():
    return load_identifier()


@pytest.mark.parametrize(("text", "code"), [(GERMAN, "de"), (FRENCH, "fr")])
def test_a_paragraph_in_another_language_is_surely_foreign(identifier, text, code):
    found = foreign(text, identifier)
    assert found is not None and found.code == code and found.sure


def test_lower_cased_english_is_english(identifier):
    assert foreign(ENGLISH_LOWER, identifier) is None
    assert identify(ENGLISH_LOWER, identifier).code == "en"


def test_a_short_text_goes_on_as_english(identifier):
    short = "Polizei nimmt drei Männer fest"
    assert sum(c.isalpha() for c in short) < MIN_LETTERS
    assert foreign(short, identifier) is None


@pytest.mark.model
@pytest.mark.parametrize(("text", "code"), [(GERMAN, "de"), (FRENCH, "fr")])
def test_a_foreign_article_is_dropped_with_its_reason(resources, text, code):
    result = process(read_text(text, published="2024-05-04"), resources)
    assert result.events == [] and result.problems == []
    (drop,) = [d for d in result.drops if d.reason == "not_english"]
    assert drop.detail.startswith(f"skipped: not English (detected {code}, p=")
    assert drop.article_id == result.article.article_id


@pytest.mark.model
def test_an_english_article_is_not_dropped_for_its_language(resources):
    result = process(read_text(ENGLISH_LOWER, published="2024-05-04"), resources)
    assert not [d for d in result.drops if d.reason == "not_english"]


def test_the_cached_plain_model_answers_as_the_shipped_one(identifier, tmp_path):
    """The decompressed copy kept in the cache folder (start-up: the LZMA model took 0.5-2 s to
    read at every process start) gives the same languages and probabilities."""
    first = load_identifier(tmp_path)  # writes the plain copy
    cached = list(tmp_path.glob("langid-model-*.npz"))
    assert len(cached) == 1 and not list(tmp_path.glob("*.partial"))
    again = load_identifier(tmp_path)  # reads it
    for text in (GERMAN, FRENCH, ENGLISH_LOWER, "Bonjour", "police said on Sunday"):
        expected = identifier.classify(text)
        assert first.classify(text) == expected and again.classify(text) == expected


def test_a_cache_that_cannot_be_written_costs_only_time(identifier, tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    with pytest.warns(UserWarning, match="not cached"):
        fallback = load_identifier(blocked)
    assert fallback.classify(GERMAN) == identifier.classify(GERMAN)


def test_a_damaged_cached_copy_costs_only_time(identifier, tmp_path):
    load_identifier(tmp_path)
    (cached,) = tmp_path.glob("langid-model-*.npz")
    cached.write_bytes(b"not a zip archive")
    with pytest.warns(UserWarning, match="not cached"):
        fallback = load_identifier(tmp_path)
    assert fallback.classify(FRENCH) == identifier.classify(FRENCH)
