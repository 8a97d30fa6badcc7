"""The pipeline's spaCy shortcuts give what spaCy itself gives (issue 17): the lemmatizer with
set lookups and kept answers, a Doc's text and a sentence's entities made once."""

from __future__ import annotations

from dateline.nlp import doc_text, fast_lemmatizer, load_nlp, span_ents

TEXTS = [
    "Soldiers were killed and dozens wounded when gunmen stormed the barracks on Tuesday.",
    "The protesters marched through Lagos, chanting slogans; police fired tear gas at them.",
    "She says the rebels have seized three villages, burning houses and stealing cattle.",
    "The ministers' meetings ended; the talks were the better for it, the envoys said.",
    "Police arrested 12 men in Kano. Witnesses said the men had been carrying machetes.",
]


def test_fast_lemmatizer_gives_the_stock_lemmas() -> None:
    stock, fast = load_nlp(), fast_lemmatizer(load_nlp())
    table = fast.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert all(isinstance(words, frozenset) for words in table.values())
    for _ in range(2):  # the second time, every answer comes from the memo
        for a, b in zip(stock.pipe(TEXTS), fast.pipe(TEXTS), strict=True):
            assert [t.lemma_ for t in a] == [t.lemma_ for t in b]
    # the words the rules change (not base forms) are among them
    assert {"kill", "wound", "storm", "seize", "burn", "meeting", "arrest"} <= {
        t.lemma_ for doc in fast.pipe(TEXTS) for t in doc if t.lemma_ != t.lower_
    }


def test_doc_text_and_span_ents_are_spacys(nlp) -> None:
    found = 0
    for doc in nlp.pipe(TEXTS):
        assert doc_text(doc) == doc.text == doc_text(doc)
        assert doc.user_data  # kept after the first call
        for sent in doc.sents:
            mine = span_ents(sent)
            assert [(e.start, e.end, e.label_) for e in mine] == [
                (e.start, e.end, e.label_) for e in sent.ents
            ]
            found += len(mine)
    assert found >= 3  # Lagos, Kano, 12, Tuesday…


def test_annotated_docs_keep_the_text_they_were_made_from(resources) -> None:
    """``annotate`` keeps each paragraph's text in its Doc (spaCy's ``doc.text`` joins every
    token again): the very text, also for a truecased copy and odd spacing."""
    from dateline.annotate import annotate
    from dateline.clean import clean
    from dateline.read.text import read_text

    for raw in (
        "Gunmen  killed\tfour people in Kano on Tuesday .\n\nPolice said the men had fled.  ",
        "gunmen killed four people in kano on tuesday, police said, and the army was deployed to "
        "the old city of kano after the attack; a curfew was imposed in twenty areas on friday.",
    ):
        annotated = annotate(clean(read_text(raw, published="2024-05-01")), resources)
        assert annotated.docs
        for _, doc in annotated.docs:
            assert doc.user_data  # kept when annotated, before any extractor asks
            assert doc_text(doc) == doc.text


class _PatternsKB:
    """A stand-in knowledge base with two actor names (phrase patterns)."""

    def named_patterns(self) -> list[dict]:
        return [
            {"label": "ORG", "pattern": "Marsh Valley Defence Brigades"},
            {"label": "NORP", "pattern": "Upland Herders' Union"},
        ]


def test_entity_ruler_patterns_are_only_tokenized() -> None:
    """Its phrase matcher compares LOWER, which the tokenizer sets: the components before the
    ruler (tagger, parser, lemmatizer) are not run over the patterns (start-up, issue 17)."""
    from spacy.language import Language

    from dateline.nlp import add_entity_ruler

    seen: list[str] = []
    if "dateline_test_spy" not in Language.factories:

        @Language.component("dateline_test_spy")
        def spy(doc):  # (spacy Doc) -> Doc
            seen.append(doc.text)
            return doc

    nlp = load_nlp()
    nlp.add_pipe("dateline_test_spy", first=True)
    add_entity_ruler(nlp, _PatternsKB())
    assert seen == []
    doc = nlp("Fighters of the marsh valley defence brigades crossed the river.")
    assert ("marsh valley defence brigades", "ORG") in {(e.text, e.label_) for e in doc.ents}


def test_the_tokenized_ruler_finds_what_spacys_ruler_finds(nlp, resources) -> None:
    """The same entities as the ruler whose patterns went through the whole pipeline."""
    from dateline.nlp import RULER_NAME, place_patterns

    stock = load_nlp()
    ruler = stock.add_pipe(
        "entity_ruler", name=RULER_NAME, before="ner", config={"phrase_matcher_attr": "LOWER"}
    )
    ruler.add_patterns(resources.kb.named_patterns() + place_patterns())
    texts = TEXTS + [
        "The UN and the African Union condemned the attack; Boko Haram denied it.",
        "HAMAS and the israel defense forces traded fire near the Gaza Strip.",
    ]
    for a, b in zip(stock.pipe(texts), nlp.pipe(texts), strict=True):
        assert [(e.start, e.end, e.label_, e.ent_id_) for e in a.ents] == [
            (e.start, e.end, e.label_, e.ent_id_) for e in b.ents
        ]
    ours = nlp.get_pipe(RULER_NAME).phrase_patterns
    assert {k: [[t.lower for t in d] for d in v] for k, v in ruler.phrase_patterns.items()} == {
        k: [[t.lower for t in d] for d in v] for k, v in ours.items()
    }
