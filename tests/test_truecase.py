"""Truecasing lower-cased scrapes for annotation only: same length, only case changes, names
capitalised from the knowledge base and the gazetteer, common words that are also small towns
left alone; the stored text and every offset stay as they are. Texts written for these tests."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from dateline.annotate import annotate
from dateline.clean import clean
from dateline.lookup.actors import ActorEntry, ActorKB
from dateline.read.text import read_text
from dateline.truecase import build_lexicon, label_places, mostly_lower, truecase


@dataclass
class Town:
    name: str
    kind: str
    population: int


class FakeGazetteer:
    """Exact-name lookups over a few places (the real gazetteer's ``lookup`` shape)."""

    demonyms = {"indian": "IND"}
    places = {
        "kanpur": Town("Kanpur", "city", 2_900_000),
        "uttar pradesh": Town("Uttar Pradesh", "admin1", 200_000_000),
        "police": Town("Police", "city", 34_000),  # a Polish town, and an English word
        "rampur": Town("Rampur", "city", 300_000),
    }

    def lookup(self, name, fuzzy=True):
        town = self.places.get(name)
        return ((town, 1.0),) if town else ()


KB = ActorKB(
    [
        ActorEntry("Vishwa Hindu Parishad", "organisation", aliases=("VHP",)),
        ActorEntry("Police Forces of {country}", "generic", template=True, aliases=("police",)),
    ]
)
COMMON = frozenset("police said arrested men clash two groups town over temple procession old".split())
LEXICON = build_lexicon(KB, FakeGazetteer(), COMMON, frozenset({"the", "in", "on", "of", "a", "after"}))

TEXT = (
    "kanpur: police arrested eleven vhp men after a clash in rampur, uttar pradesh, on tuesday. "
    "senior officer l k sharma said an indian team would visit the old town on march 9."
)


def test_case_is_restored_without_changing_length_or_letters():
    out = truecase(TEXT, LEXICON)
    assert len(out) == len(TEXT) and out.lower() == TEXT
    for name in (
        "Kanpur:",
        "VHP",
        "Rampur",
        "Uttar Pradesh",
        "Tuesday",
        "Senior",
        "L K Sharma",
        "Indian",
        "March 9",
    ):
        assert name in out, name
    assert " police arrested" in out  # a common word, and only a small town: left alone


def test_may_and_march_are_months_only_beside_a_number():
    out = truecase("they may march on may 5 and again in march.", LEXICON)
    assert out == "They may march on May 5 and again in march."


def test_mostly_lower_needs_enough_words_and_few_capitals():
    assert mostly_lower(TEXT * 2)
    assert not mostly_lower(truecase(TEXT, LEXICON) * 2)
    assert not mostly_lower("kanpur: police arrested eleven men")  # too short to say


LOWER_ARTICLE = (
    "ahmedabad: police opened fire on a mob that attacked shops in the old city of ahmedabad on "
    "thursday, killing two people, officials said. the army was called in after the violence spread "
    "to vadodara and surat, and a curfew was imposed in twenty areas of gujarat on friday night."
)


@pytest.mark.model
def test_annotation_reads_the_truecased_copy_and_offsets_stay_valid(resources):
    article = read_text(LOWER_ARTICLE, published="2002-03-01")
    annotated = annotate(clean(article), resources)
    assert annotated.truecased
    assert article.text.endswith(LOWER_ARTICLE)  # the stored text is unchanged
    places = []
    for segment, doc in annotated.docs:
        stored = article.text[segment.start : segment.end]
        assert len(doc.text) == len(stored) and doc.text.lower() == stored
        places += [
            article.text[segment.start + e.start_char : segment.start + e.end_char]
            for e in doc.ents
            if e.label_ == "GPE"
        ]
    # the model calls "Vadodara" and "Surat" persons; after "to" and "and" they are places
    assert {"ahmedabad", "vadodara", "surat", "gujarat"} <= set(places)


@pytest.mark.model
def test_edited_text_is_not_truecased(resources):
    article = read_text(LOWER_ARTICLE.capitalize().replace("ahmedabad", "Ahmedabad") + " It was quiet.")
    assert not annotate(clean(article), resources).truecased


@pytest.mark.model
def test_a_town_called_a_person_is_a_place_only_where_the_syntax_says_place(nlp):
    text = "Crowds gathered in Rampur on Monday. Rampur said he would resign."
    from spacy.tokens import Span

    doc = nlp(text)
    towns = [(m.start(), m.end()) for m in re.finditer("Rampur", text)]
    # whatever the model said, make both mentions PERSON: the rule decides from the syntax
    doc.ents = [
        Span(doc, doc.char_span(*span).start, doc.char_span(*span).end, label="PERSON") for span in towns
    ]
    label_places(doc, towns)
    assert [e.label_ for e in doc.ents] == ["GPE", "PERSON"]
