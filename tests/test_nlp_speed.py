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
