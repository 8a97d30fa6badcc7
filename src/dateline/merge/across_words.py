"""What reports' words say for one event across articles (merge/across.py, docs/across.md): the
places a record names (``place_words``, for ``across.corroborated``) and whether its toll is told
as a revision (``revised``: a follow-up report)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

# A toll told as revised ("the death toll from an attack ... has risen to 21", "raising the toll
# to two", "bringing to 12 the number killed", "the number killed now stands at 23"): the toll
# noun, then within its clause a verb of rising; or a verb of bringing, then a toll noun ("taking
# the total to 17"). A bare "total" rises nothing: "a total of 12 were killed when gunmen reached".
_REVISION = re.compile(
    r"\b(?:toll|number (?:of (?:the )?)?(?:dead|deaths|people killed|killed|victims))\b"
    r"[^.;]{0,120}?\b(?:ris(?:en|es|ing)|rose|climb(?:ed|s|ing)?|jump(?:ed|s)?|reach(?:ed|es)|"
    r"increased|(?:now )?stands? at)\b"
    r"|\b(?:rais|bring|brought|tak|push)(?:e|es|ed|ing)?\b[^.;]{0,40}?\b(?:toll|number|total)\b",
    re.I,
)


def revised(record: dict[str, Any]) -> bool:
    """Whether the record's toll is told as a revision (its ``fatalities`` evidence): the report
    is a follow-up of an earlier event."""
    return any(toll_revised(e) for e in record.get("evidence") or ())


def toll_revised(evidence: dict[str, Any]) -> bool:
    """Whether one piece of evidence is a toll told as revised."""
    return evidence.get("field") == "fatalities" and _revision_text(evidence.get("text") or "")


@lru_cache(maxsize=4096)
def _revision_text(text: str) -> bool:
    # every stored candidate of a block is asked again for each incoming event: the regex runs
    # once per evidence text
    return bool(_REVISION.search(text))


# A name after a preposition of place, its capitalised words: "in Komanda", "of Valparaíso", "in
# Kisumu's", "near San Pedro" (whole: "San Pedro" and "San Miguel" share no place). Not "from":
# "a statement from Reuters" names an outlet.
_LOCATIVE = re.compile(r"\b(?i:in|near|at|of|outside|around)\s+([A-Z][\w'’-]*\w(?:\s+[A-Z][\w'’-]*\w)*)")
# Capitalised words that name no place, and words of place names that any place may share.
_NOT_PLACES = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "the", "region", "province", "state", "district", "city", "town",
    "county", "department", "division", "territory", "governorate", "north", "south", "east", "west",
    # what "the Ministry of …", "the Minister of …" name: any two reports may quote them
    "health", "interior", "defence", "defense", "justice", "information", "foreign", "affairs",
    "police", "security", "parliament", "congress",
}  # fmt: skip


def fold(text: str) -> str:
    """Lower case without accents ("Valparaíso" → "valparaiso")."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def sentences(r: dict[str, Any]) -> list[str]:
    """The record's event sentences (its ``notes`` evidence: every sentence of the event)."""
    return [e["text"] for e in r.get("evidence") or () if e.get("field") == "notes" and e.get("text")]


def _gazetteer_names(r: dict[str, Any]) -> set[str]:
    """The record's gazetteer names below the country, folded."""
    return {fold(r[k]) for k in ("location", "admin2", "admin1") if r.get(k) and r.get(k) != r.get("country")}


def place_words(r: dict[str, Any]) -> set[str]:
    """The names of the places a record names, whole and folded: its gazetteer names below the
    country, and the capitalised names after a preposition of place in its sentences ("in
    Komanda", "near San Pedro": the place a report names even when it was not found);
    possessives, and words such as weekdays or "State" that end a name, dropped."""
    names = _gazetteer_names(r)
    for text in sentences(r):
        names |= _sentence_places(text)
    return {n for n in names if len(n) >= 3 and n not in _NOT_PLACES}


@lru_cache(maxsize=4096)
def _sentence_places(text: str) -> frozenset[str]:
    """The place names after a preposition of place in one sentence (``place_words``): kept per
    sentence, since one stored event meets every later candidate of its block, each time with
    the same sentences."""
    names = set()
    for match in _LOCATIVE.findall(text):
        words = fold(re.sub(r"['’]s\b", "", match)).split()
        while words and words[-1] in _NOT_PLACES:
            words.pop()
        names.add(" ".join(words))
    return frozenset(names)
