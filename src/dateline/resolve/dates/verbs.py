"""Irregular past forms ("grew", "sold", "fled", "fought") as tense cues, from the English
model's lemmatizer: its exception table lists the verb forms the suffix rules cannot undo, so a
clause past by such a verb dates a month, quarter or weekday backwards like one in -ed.

The table is read once, lazily, from the installed spaCy model (``nlp.MODEL_NAME``); without
the model the cue falls back to the few forms in ``lexicon._PAST``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

# forms of the table that are no past cue in news: present forms and modals, and the few whose
# noun is the common reading ("a bit", "a shot", "a thought", "the stove")
_NOT_PAST = {"am", "are", "might", "bit", "shot", "thought", "dove", "clove", "stove", "spelt", "abode"}
# forms that are also a verb's base but whose past reading is the common one ("police found")
_PAST_OVER_BASE = {"found", "felt"}
_WORD = re.compile(r"\b[a-z]+\b")
# a passive after a future auxiliary or a plan ("will be sold", "has been found") is no past
_PASSIVE = re.compile(r"\b(?:be|been|being|is|are)\s+$")
_AUX_REACH = 40  # characters before a past form where that auxiliary is looked for


@cache
def past_forms() -> frozenset[str]:
    """The irregular past tenses and participles of the model's verb exceptions ("grew",
    "grown", "sold", "fled"): not the -ing and -s forms, not a form that is itself a verb's base
    ("lay", "bound", "wound") unless ``_PAST_OVER_BASE``, nor ``_NOT_PAST``."""
    try:
        import spacy.util
        from spacy.lookups import Lookups

        from dateline.nlp import MODEL_NAME

        base = Path(spacy.util.get_package_path(MODEL_NAME))
        found = next(base.glob("*/lemmatizer/lookups"), None) or next(base.glob("lemmatizer/lookups"))
        lookups = Lookups().from_disk(found)
    except (ImportError, OSError, StopIteration):
        return frozenset()
    verbs = lookups.get_table("lemma_exc")["verb"]
    bases = set(lookups.get_table("lemma_index")["verb"])
    return frozenset(
        form
        for form, lemmas in verbs.items()
        if form.isalpha()
        and not form.endswith(("ing", "s"))
        and form not in lemmas
        and (form not in bases or form in _PAST_OVER_BASE)
        and form not in _NOT_PAST
    )


class PastForms:
    """A cue pattern like the regular expressions of ``lexicon`` (``finditer`` / ``search``)
    matching an irregular past form in lower case."""

    def finditer(self, text: str, pos: int = 0) -> Iterator[re.Match[str]]:
        forms = past_forms()
        for m in _WORD.finditer(text, pos):
            # the auxiliary just before it: a window, not the whole text before each word
            if m[0] in forms and not _PASSIVE.search(text, max(0, m.start() - _AUX_REACH), m.start()):
                yield m

    def search(self, text: str) -> re.Match[str] | None:
        return next(self.finditer(text), None)


IRREGULAR_PAST = PastForms()
