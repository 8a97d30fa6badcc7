"""What reports' words say for one event across articles (merge/across.py, docs/across.md): the
places a record names (``place_words``, for ``across.corroborated``), whether its toll is told
as a revision (``revised``: a follow-up report), an addition or a vague count, and the event's
toll from its reports' (``best_toll``)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from ..numbers import SMALL, TENS

# A toll told as revised ("the death toll from an attack ... has risen to 21", "raising the toll
# to two", "bringing to 12 the number killed", "the number killed now stands at 23", "was revised
# upwards to 33", "is now 30, up from 21", "officials revised the toll to 30"): the toll
# noun, then within its clause a verb of rising; or a verb of bringing, then a toll noun ("taking
# the total to 17"). A bare "total" rises nothing: "a total of 12 were killed when gunmen reached".
_REVISION = re.compile(
    r"\b(?:toll|number (?:of (?:the )?)?(?:dead|deaths|people killed|killed|victims))\b"
    r"[^.;]{0,120}?\b(?:ris(?:en|es|ing)|rose|climb(?:ed|s|ing)?|jump(?:ed|s)?|reach(?:ed|es)|"
    r"increased|revised|raised|updated|doubled|(?:gone|went) up|up from|(?:now )?stands? at)\b"
    r"|\b(?:rais|bring|brought|tak|push|revis|updat)(?:e|es|ed|ing)?\b[^.;]{0,40}?\b(?:toll|number|total)\b",
    re.I,
)


def revised(record: dict[str, Any]) -> bool:
    """Whether the record's toll is told as a revision or as an addition (its ``fatalities``
    evidence: "has risen to 21", "five more bodies were found"): the report is a follow-up of an
    earlier event, maybe dated by the revision."""
    return any(toll_revised(e) or increment(e) for e in record.get("evidence") or ())


def revision_told(record: dict[str, Any]) -> dict[str, Any]:
    """The record's event sentences that hold a toll told as revised or added (``revised``), as a
    record of their own (``{"evidence": [...]}``): where a follow-up says which event it revises."""
    tolls = [e for e in record.get("evidence") or () if toll_revised(e) or increment(e)]
    held = [
        e for e in record.get("evidence") or ()
        if e.get("field") == "notes" and any(t["article_id"] == e["article_id"] and e.get("start", 0)
                                              <= t.get("start", -1) and t.get("end", 0) <= e.get("end", -1)
                                              for t in tolls)
    ]  # fmt: skip
    return {"evidence": held}


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


@lru_cache(maxsize=8192)  # a stored event's sentences are folded again for every new report
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


def renamed(record: dict[str, Any]) -> bool:
    """Whether the text names the record's place otherwise than the gazetteer entry it was read
    as ("Orú" read as "Oruro", in another country): a guess, maybe of a wrong entry in a wrong
    country, so its country cannot block alone. A name that holds the entry's or is held by it
    ("Kisumu town", "Deir ez-Zor province") is no guess."""
    said = {
        fold(e["text"])
        for e in record.get("evidence") or ()
        if e.get("field") == "location" and e.get("text")
    }
    known = {fold(record[k]) for k in ("location", "admin2", "admin1") if record.get(k)}
    return bool(said) and not any(_holds(x, y) or _holds(y, x) for x in said for y in known)


def _holds(a: str, b: str) -> bool:
    """Whether the words of ``b`` are whole words of ``a``."""
    return bool(re.search(r"(?<!\w)" + re.escape(b) + r"(?!\w)", a))


def names_town(r: dict[str, Any], other: dict[str, Any], outlets: set[str]) -> bool:
    """Whether ``other``'s event sentences name ``r``'s town (its gazetteer ``location`` or
    ``admin2`` below the country) anywhere, capitalised and whole ("a Bannu mosque", "the Bannu
    bombing": not only after a preposition), the outlets' names (folded) aside."""
    towns = {_plain(r[k]) for k in ("location", "admin2") if r.get(k) and r.get(k) != r.get("country")}
    towns = {t for t in towns if len(t) >= 3 and fold(t) not in _NOT_PLACES and fold(t) not in outlets}
    if not towns:
        return False
    found = _whole(tuple(sorted(towns)))
    for text in sentences(other):
        plain = _plain(text)
        for outlet in outlets:  # "the Bannu Times" names an outlet, not the town
            plain = re.sub(re.escape(outlet), " ", plain, flags=re.I)
        if found.search(plain):
            return True
    return False


@lru_cache(maxsize=4096)
def _whole(names: tuple[str, ...]) -> re.Pattern[str]:
    # one stored event meets every later candidate of its block: its pattern is made once
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")


def _plain(text: str) -> str:
    """``text`` without accents, case kept."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


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


# A count added to an earlier one ("five more bodies", "another six dead", "a further 3", "12
# additional deaths", a count of the wounded who died: "three of the wounded later died"): the
# event's toll rises by it. "more than 20", "20 or more" are bounds.
_INCREMENT = re.compile(
    r"\b(?:another|a further)\b|(?<!\bor )(?<!\bno )\b(?:more|additional|further)\b(?!\s+than\b)"
    r"|^[\w-]+(?: [\w-]+)? of the (?:wounded|injured)\b",
    re.I,
)
# Words that state a number; a count told by a quantifier ("dozens", "scores", "several") with
# none of them is vague. A count with neither is not: "a soldier was killed" is one.
_VAGUE_WORDS = {"dozens", "scores", "hundreds", "thousands", "millions", "tens", "several", "many",
                "numerous", "some", "few"}  # fmt: skip
# Ordinals count too ("claimed a sixth life").
_ORDINALS = {"first", "second", "third", "fifth", "eighth", "ninth", "twelfth"}
_NUMBER_WORDS = {*SMALL, *TENS, "hundred", "thousand", "dozen", "million", *_ORDINALS,
                 *(w + "th" for w in SMALL), *(w[:-1] + "ieth" for w in TENS)}  # fmt: skip


def increment(evidence: dict[str, Any]) -> bool:
    """Whether a toll is told as added to an earlier count ("five more bodies were found"):
    the report follows up an event already told, and its figure adds to the event's toll."""
    text = evidence.get("text") or ""
    found = _INCREMENT.search(text)
    if evidence.get("field") != "fatalities" or _revision_text(text) or found is None:
        return False
    # evidence that spans the sentence of an earlier count and the added one's ("four villagers
    # ... Two more": one article's count and the count added to it, mentions.attach_revised) is
    # that article's total; a date or "two days later" in the added sentence itself is no count
    head = text[: found.start()]
    if not re.search(r"[.!?]\s", head):
        return True
    before = re.findall(r"\d+|[a-z]+", fold(head))[:-2]
    return not any(w.isdigit() or w in _NUMBER_WORDS for w in before)


def vague(evidence: dict[str, Any]) -> bool:
    """Whether a toll names no number ("Dozens", "scores of people"): a convention's figure
    (ACLED's 12 for dozens), not a count that can revise a stated one."""
    words = re.findall(r"\d|[a-z]+", fold(evidence.get("text") or ""))
    return (
        evidence.get("field") == "fatalities"
        and any(w in _VAGUE_WORDS for w in words)
        and not any(w.isdigit() or w in _NUMBER_WORDS for w in words)
    )


def _toll_kinds(evidence: list[dict[str, Any]]) -> dict[str, set[str]]:
    """Article id → how its toll is told: "revised", "increment", "vague" (``across_words``)."""
    kinds: dict[str, set[str]] = {}
    for e in evidence:
        for name, test in (("revised", toll_revised), ("increment", increment), ("vague", vague)):
            if test(e):
                kinds.setdefault(e["article_id"], set()).add(name)
    return kinds


def _copies(tolls: list[dict[str, Any]], evidence: list[dict[str, Any]], similarity: float) -> set[str]:
    """The articles whose toll restates an earlier-published report's: the same figure, and an
    event sentence nearly the same (``similarity``, rapidfuzz ratio): a syndicated copy, which
    adds no information whenever it is published."""
    said: dict[str, list[str]] = {}
    for e in evidence:
        if e.get("field") == "notes" and e.get("text"):
            said.setdefault(e["article_id"], []).append(fold(e["text"]))
    need, out = 100.0 * similarity, set()
    for i, t in enumerate(tolls):
        for u in tolls[:i]:
            same = u["best"] == t["best"] and u["article_id"] != t["article_id"]
            pairs = ((x, y) for x in said.get(t["article_id"], ()) for y in said.get(u["article_id"], ()))
            if same and any(fuzz.ratio(x, y) >= need for x, y in pairs):
                out.add(t["article_id"])
                break
    return out


def best_toll(
    tolls: list[dict[str, Any]], evidence: list[dict[str, Any]], copy_similarity: float = 0.9
) -> tuple[int | None, int | None, int | None]:
    """The event's toll (best, low, high) from its reports' tolls in publication order: the
    latest report's figure wins (a follow-up revises), except that
    - a copy of an earlier report (``_copies``) adds nothing, whenever it is published;
    - a vague count ("dozens": ``vague``) never replaces a stated one;
    - a lower count published after a revision by a report that revises nothing (an outlet
      repeating the first day's "nine killed") is stale: the revision stays;
    - a count added to an earlier one ("five more bodies": ``increment``) is added to the latest
      stated count before it, never lowering the best (two outlets telling the same five more
      bodies add them once).
    Low and high span every report's figures, an added count as the total it makes."""
    kinds, copies = _toll_kinds(evidence), _copies(tolls, evidence, copy_similarity)
    best: int | None = None
    stated = revision = None
    best_vague = False
    low, high = [], []
    for t in tolls:
        kind = kinds.get(t["article_id"], set())
        figure = t["best"]
        if "increment" in kind and stated is not None:
            figure = max(stated + figure, best or 0)
            low.append(figure)
            high.append(figure)
        else:
            low.append(figure if t.get("low") is None else t["low"])
            high.append(figure if t.get("high") is None else t["high"])
        if best is not None and (t["article_id"] in copies or ("vague" in kind and not best_vague)):
            continue
        follow_up = bool(kind & {"revised", "increment"})
        if revision is not None and not follow_up and figure < revision:
            continue  # stale: the revision stays the best estimate
        best, best_vague = figure, "vague" in kind
        stated = figure if "increment" not in kind else stated
        revision = figure if follow_up else revision
    return best, min(low, default=None), max(high, default=None)
