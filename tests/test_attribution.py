"""Attribution helpers on degenerate input."""

import spacy

from dateline.extract.attribution import _span


def test_a_phrase_of_punctuation_only_is_its_own_span() -> None:
    # a scraped sentence ("'' said the") can give a subject made of quote marks: its span is
    # the marks themselves, not an error that loses the article
    doc = spacy.blank("en")("'' ,, said")
    assert _span([doc[0], doc[1]]) == (0, 4)
