"""Case restoration of lower-cased scrapes, for annotation only.

Some scrapes are entirely lower-case ("new delhi: bjp on friday hit out at congress…"); spaCy's
small model then finds almost no names, so actors and places vanish. ``annotate`` gives spaCy a
truecased copy of such a paragraph. Only the case of single characters changes (a character whose
upper case is longer, like "ß", is left alone), so the copy has the length of the stored text and
every offset stays valid; the stored text is never changed.

What is capitalised, and why only that:
- sentence starts;
- names: knowledge-base actors (organisations, persons, factions; written as the knowledge base
  writes them, so "vhp" becomes "VHP"), countries and provinces, and towns of some size from the
  gazetteer: a town whose name is also a common English word ("police", "reading", "nice") only
  when it is a city of a million, since the word is far more likely than the town;
- person names after initials ("l k advani", "h.t. sangliana");
- forms English always capitalises: days, months (March and May only beside a number),
  nationality adjectives, religions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MIN_WORDS = 30  # below this, a text has too few words to say it is lower-cased by share ...
# ... but a short report of this many words with no capital at all is lower-cased: edited English
# capitalises at least its first word ("gunmen killed six people in zamfara, police said")
SHORT_MIN_WORDS = 8
MAX_CAPITALISED_SHARE = 0.03  # edited English capitalises ~10–15% of its words
TOWN_POPULATION = 5_000
COMMON_WORD_TOWN_POPULATION = 1_000_000
MAX_PHRASE_WORDS = 3
PLACES_MEMO = 200_000

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?]['\"”’)]*\s+)[\"“‘'(]*([^\W\d_])")
# initials and the name they belong to: "l k advani", "b.n. murthy", "s. suresh kumar"
_INITIALS = re.compile(r"\b(?:(?:[a-z]\.\s?){1,3}|(?:[a-z] ){2,3})([a-z]{3,})(?: ([a-z]{3,}))?\b")
_NUMBER_NEAR = re.compile(r"\d")
ALWAYS = (
    "monday tuesday wednesday thursday friday saturday sunday january february april june july "
    "august september october november december hindu hindus muslim muslims christian christians "
    "sikh sikhs jain jains buddhist buddhists islam islamic hinduism christianity jewish jews"
).split()
MONTHS_ALSO_WORDS = ("march", "may")


@dataclass(frozen=True)
class CaseLexicon:
    """Lower-case phrase → how it is written, plus the common English words (never taken for a
    small town) and the gazetteer for places."""

    phrases: dict[str, str]
    common: frozenset[str]
    stop: frozenset[str]  # the model's stop words: never a name, nor its first or last word
    gazetteer: object  # lookup.gazetteer.Gazetteer (any object with its ``lookup``)
    places: dict[str, bool] = field(default_factory=dict)  # answers so far (phrase → is a name)


def build_lexicon(kb, gazetteer, common: frozenset[str], stop: frozenset[str] = frozenset()) -> CaseLexicon:
    """The lexicon of a knowledge base (``lookup.actors.ActorKB``), a gazetteer, the common English
    words and the stop words (see ``common_words``; ``nlp.Defaults.stop_words``)."""
    phrases: dict[str, str] = {}
    for entry in kb.entries:
        if entry.kind == "generic" or entry.template:
            continue  # "police", "gunmen": descriptions, not names
        for alias in (entry.name, *entry.aliases):
            key = alias.lower()
            if len(key) == len(alias) and not is_common(key, common) and len(key) > 2:
                phrases.setdefault(key, alias)
    for demonym in getattr(gazetteer, "demonyms", {}):
        if len(demonym) > 3 and demonym not in _STOP:
            phrases.setdefault(demonym, " ".join(w.capitalize() for w in demonym.split()))
    for word in ALWAYS:
        phrases[word] = word.capitalize()
    return CaseLexicon(phrases, common, stop | _STOP, gazetteer)


def common_words(nlp) -> frozenset[str]:
    """Stop words and the lemmatizer's English word list (``lemma_index``: nouns, verbs,
    adjectives, adverbs) of a spaCy pipeline."""
    words = {w.lower() for w in nlp.Defaults.stop_words}
    if "lemmatizer" in nlp.pipe_names:
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        if lookups is not None and lookups.has_table("lemma_index"):
            for listed in lookups.get_table("lemma_index").values():
                words.update(w.lower() for w in listed if "_" not in w)
        if lookups is not None and lookups.has_table("lemma_exc"):  # irregular forms: "told", "men"
            for forms in lookups.get_table("lemma_exc").values():
                words.update(w.lower() for w in forms if "_" not in w)
    return frozenset(words)


_SUFFIXES = ("s", "es", "ed", "d", "ing", "ly")


def is_common(word: str, common: frozenset[str]) -> bool:
    """A common English word, or a regular inflection of one ("killed", "villages")."""
    return word in common or any(
        word.endswith(suffix) and word[: -len(suffix)] in common for suffix in _SUFFIXES
    )


def mostly_lower(text: str) -> bool:
    """Whether ``text`` is long enough and almost none of its words start with a capital, or is
    a short report (``SHORT_MIN_WORDS``) with no capital at all."""
    words = _WORD.findall(text)
    capitalised = sum(1 for w in words if w[0].isupper())
    if len(words) < MIN_WORDS:
        return len(words) >= SHORT_MIN_WORDS and capitalised == 0
    return capitalised / len(words) < MAX_CAPITALISED_SHARE


def truecase(text: str, lexicon: CaseLexicon, places: list[tuple[int, int]] | None = None) -> str:
    """``text`` with case restored where it is sure (see the module's docstring); same length.
    The spans capitalised as gazetteer places are appended to ``places`` when given."""
    chars = list(text)
    for m in _SENTENCE_START.finditer(text):
        _upper(chars, m.start(1))
    for m in _INITIALS.finditer(text):
        if is_common(m.group(1), lexicon.common):  # "p.m. the", "a b c": not a name after initials
            continue
        _upper_words(chars, m.start(), m.end(1))
        if m.group(2) and not is_common(m.group(2), lexicon.common):
            _upper_words(chars, m.start(2), m.end(2))
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    # how many words from each one on are joined by single spaces (a phrase is read only within
    # them): counted once, not sliced again for every phrase tried
    spaced = [1] * len(words)
    for k in range(len(words) - 2, -1, -1):
        if text[words[k][1] : words[k + 1][0]] == " ":
            spaced[k] = spaced[k + 1] + 1
    i = 0
    while i < len(words):
        i += _name_at(text, chars, words, spaced, i, lexicon, places)
    out = "".join(chars)
    assert len(out) == len(text)  # offsets must stay valid
    return out


def _name_at(
    text: str,
    chars: list[str],
    words: list[tuple[int, int]],
    spaced: list[int],
    i: int,
    lexicon: CaseLexicon,
    places: list[tuple[int, int]] | None,
) -> int:
    """Capitalise the longest name starting at word ``i``; the number of words it covers (1 when none)."""
    for n in range(min(MAX_PHRASE_WORDS, spaced[i]), 0, -1):
        start, end = words[i][0], words[i + n - 1][1]
        phrase = text[start:end]
        key = phrase.lower()
        if key in MONTHS_ALSO_WORDS:
            if _NUMBER_NEAR.search(text[max(0, start - 4) : start] + text[end : end + 4]):
                _upper(chars, start)
            continue
        written = lexicon.phrases.get(key)
        if written is None and _is_place(key, n, lexicon):
            written = _title(phrase)
            if places is not None:
                places.append((start, end))
        if written is not None:
            _copy_case(chars, start, written)
            return n
    return 1


def _is_place(key: str, n: int, lexicon: CaseLexicon) -> bool:
    words = key.split()
    if words[0] in lexicon.stop or words[-1] in lexicon.stop or (n == 1 and len(key) < 3):
        return False  # "of delhi", "in", "us": a name neither starts nor ends with these
    if n > 2 and words[1] in lexicon.stop and words[1] not in ("of", "the", "de", "al", "el"):
        return False  # "delhi and mumbai": two names, not one
    known = lexicon.places.get(key)
    if known is None:
        if len(lexicon.places) >= PLACES_MEMO:
            lexicon.places.clear()
        known = lexicon.places[key] = _in_gazetteer(key, words, lexicon)
    return known


def _in_gazetteer(key: str, words: list[str], lexicon: CaseLexicon) -> bool:
    common = all(is_common(w, lexicon.common) for w in words)
    for entry, score in lexicon.gazetteer.lookup(key, fuzzy=False):
        if score < 0.96:  # a loose key match ("statte" for "state"), not the name as written
            continue
        if score < 1 and len(key) < 5:  # codes among a town's other names ("bjp", "mla")
            continue
        if entry.kind == "country":
            return True
        if entry.kind in ("city", "admin1", "admin2"):
            needed = COMMON_WORD_TOWN_POPULATION if common else TOWN_POPULATION
            if entry.population >= needed:
                return True
    return False


_STOP = frozenset("a an the of in on at to by for and or but as is it its be us we he she they".split())


def _title(phrase: str) -> str:
    return " ".join(w if w in _STOP else w[:1].upper() + w[1:] for w in phrase.split(" "))


def _copy_case(chars: list[str], start: int, written: str) -> None:
    for j, c in enumerate(written):
        if chars[start + j].lower() == c.lower() and len(c) == 1:
            chars[start + j] = c


def _upper(chars: list[str], i: int) -> None:
    up = chars[i].upper()
    if len(up) == 1:
        chars[i] = up


def _upper_words(chars: list[str], start: int, end: int) -> None:
    at_start = True
    for i in range(start, end):
        if chars[i].isalpha() and at_start:
            _upper(chars, i)
        at_start = not chars[i].isalpha()


LOCATIVE = frozenset("in at near to from outside around across into within".split())
_COORDINATION = frozenset({"and", ",", "or"})


def label_places(doc, places: list[tuple[int, int]]) -> None:
    """In a truecased paragraph, the small model often calls an unfamiliar town a person ("spread
    to Vadodara"). A PERSON entity that is exactly a name truecasing took from the gazetteer becomes
    a GPE where the syntax says place: after a locative preposition, coordinated with a place just
    before it, or as the dateline opening the paragraph ("surat: …")."""
    from spacy.tokens import Span

    spans = set(places)
    ents = list(doc.ents)
    changed = False
    for i, ent in enumerate(ents):
        if ent.label_ != "PERSON" or (ent.start_char, ent.end_char) not in spans:
            continue
        before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
        dateline = ent.start == 0 and ent.end < len(doc) and doc[ent.end].text == ":"
        listed = (
            before in _COORDINATION
            and i > 0
            and ents[i - 1].label_ == "GPE"
            and ents[i - 1].end >= ent.start - 2
        )
        if before in LOCATIVE or dateline or listed:
            ents[i] = Span(doc, ent.start, ent.end, label="GPE")
            changed = True
    if changed:
        doc.ents = ents
