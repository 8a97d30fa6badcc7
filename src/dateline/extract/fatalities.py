"""Fatalities as ACLED counts them: deaths only, the conservative figure, vague words fixed
("dozens" = 12, "hundreds" = 100, "multiple" = 3), ranges kept as low/high."""

from __future__ import annotations

import re

from ..numbers import WORDNUM
from ..records import Fatalities

KILL_VERBS = {"kill", "die", "slay", "massacre", "execute", "behead", "murder", "assassinate", "perish"}
DEATH_WORDS = {"dead", "death", "fatality", "body", "corpse", "toll"}
VAGUE = {"dozens": 12, "dozen": 12, "hundreds": 100, "scores": 20, "thousands": 1000}
# adjectives that count: the least the word allows (docs/coding-guidelines.md, "Conventions")
FEW = {"multiple": 3, "several": 3}
SMALL = {**WORDNUM, "zero": 0, "no": 0, "thousand": 1000}

# any word that can tell of a death; a sentence with none of them reports no toll ("two
# piglets", "5 per cent of jobs" are counts, not the dead)
DEATH_CUES = KILL_VERBS | DEATH_WORDS | {"fatal", "fatally", "lynch", "alive", "succumb", "life", "casualty"}
DEATH_CUES |= {"gun", "drown", "bury", "funeral", "mourn", "martyr"}  # "gunned down"


def speaks_of_death(sent) -> bool:
    """Whether a sentence has a word that can report a death ("killed", "dead", "bodies",
    "burnt alive", "lost their lives", "gunned down")."""
    return any(t.lemma_.lower() in DEATH_CUES or t.lower_ in DEATH_CUES for t in sent)


_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})*$|^\d+$")


# A figure with more digits than this is no count of anything (and a million-digit one would
# hit Python's limit on converting text to int): it is read as HUGE, which no toll bound admits,
# so the event keeps no toll from it and says why (merge/code.py, a drop "implausible").
MAX_DIGITS = 30
HUGE = 10**MAX_DIGITS


def _digits_value(word: str) -> int:
    digits = word.replace(",", "").lstrip("0") or "0"
    return int(digits) if len(digits) <= MAX_DIGITS else HUGE


def parse_number(words: list[str]) -> int | None:
    """'two' -> 2, '1,200' -> 1200, 'twenty-five' -> 25, 'three hundred' -> 300, 'dozens' -> 12."""
    total, current = 0, 0
    seen = False
    for raw in words:
        for word in raw.lower().split("-"):
            if _DIGITS.match(word):
                current += _digits_value(word)
            elif word in VAGUE and not seen:
                return VAGUE[word]
            elif word in ("hundred", "thousand") and seen:
                current = max(current, 1) * SMALL[word]
                if word == "thousand":
                    total, current = total + current, 0
            elif word in SMALL and word not in ("a", "an", "no"):
                current += SMALL[word]
            elif word in ("and",):
                continue
            else:
                return None
            seen = True
    return total + current if seen else None


def _number_of(noun) -> tuple[int, list] | None:
    """The count attached to a noun: 'two people', 'at least 12 civilians', 'dozens of people'."""
    nums = [c for c in noun.children if c.dep_ == "nummod"]
    if nums:
        num = nums[0]
        # "at least", "nearly" modify the number (quantmod, or advmod in some parses): not part of it
        words = [
            t
            for t in num.subtree
            if t.dep_ not in ("quantmod", "advmod")
            and t.head.dep_ != "advmod"
            and t.pos_ in ("NUM", "X", "DET", "ADJ", "CCONJ")
        ]
        value = parse_number([t.text for t in words] or [num.text])
        if value is not None:
            return value, list(num.subtree)
    if noun.pos_ == "NUM" or noun.lower_ in VAGUE:
        value = parse_number([t.text for t in noun.subtree if t.pos_ in ("NUM",) or t.lower_ in VAGUE])
        if value is not None:
            return value, [noun]
    if noun.lower_ in VAGUE:
        return VAGUE[noun.lower_], [noun]
    few = next((c for c in noun.children if c.dep_ in ("amod", "det") and c.lower_ in FEW), None)
    if few is not None and noun.tag_ in ("NNS", "NNPS"):  # "multiple militants were killed"
        return FEW[few.lower_], [few]
    det = next((c for c in noun.children if c.dep_ == "det"), None)
    if det is not None and det.lower_ in ("a", "an", "one") and noun.tag_ == "NN":
        return 1, [det]
    return None


def _range(noun) -> tuple[int, int] | None:
    """'between seven and nine civilians', '10 to 15 people', '10-15 dead'."""
    doc = noun.doc
    start = min(t.i for t in noun.subtree)
    if noun.dep_ == "pobj" and noun.head.lower_ == "between":
        start = noun.head.i
    text = doc[start : noun.i].text
    match = re.search(r"(\w+)\s*(?:-|–|to|and|or)\s*(\w+)\s*$", text)
    if not match:
        return None
    low, high = parse_number([match.group(1)]), parse_number([match.group(2)])
    return (low, high) if low is not None and high is not None and low < high else None


def _kills(token) -> bool:
    """A verb that reports a death: 'killed', 'died', or any verb done 'fatally' ('fatally shot')."""
    if token.pos_ != "VERB":
        return False
    return token.lemma_ in KILL_VERBS or any(c.lower_ == "fatally" for c in token.children)


def _victims(token):
    if _kills(token):
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
        if token.dep_ == "acl" and token.tag_ == "VBN" and _number_of(token.head) is not None:
            return [token.head]  # "12 people killed in …"
        if token.lemma_ in ("die", "perish"):
            return [c for c in token.children if c.dep_ == "nsubj"]
        deps = ("nsubjpass",) if passive else ("dobj",)
        between = [
            o
            for p in token.children
            if p.dep_ == "prep" and p.lower_ == "between"
            for o in p.children
            if o.dep_ == "pobj"
        ]
        return [c for c in token.children if c.dep_ in deps] + between
    if token.lemma_ in ("dead", "death", "fatality", "body"):
        if token.dep_ in ("acomp", "oprd", "amod") and token.head.pos_ in ("NOUN", "NUM", "VERB"):
            # "leaving 12 dead", "12 people dead"
            if token.head.pos_ == "VERB":
                return [c for c in token.head.children if c.dep_ in ("dobj", "nsubj")]
            return [token.head]
        return [token]
    return []


def find_fatalities(sent) -> Fatalities | None:
    """Deaths reported in a sentence; distinct victim groups ("three soldiers and two
    civilians") add up, the same count said twice does not. The span is within the doc;
    ``victims`` is the lemma of the victims' noun ("soldier"), None when unsaid."""
    counts: list[tuple[int, int | None, int | None, list]] = []
    seen_nouns: set[int] = set()
    for token in sent:
        for victim in _victims(token):
            for noun in [victim, *(c for c in victim.conjuncts)]:
                if noun.i in seen_nouns:
                    continue
                found = _number_of(noun)
                if found is None:
                    continue
                seen_nouns.add(noun.i)
                value, tokens = found
                rng = _range(noun)
                low, high = rng if rng else (None, None)
                victims = None if noun.pos_ == "NUM" else noun.lemma_.lower()
                counts.append((low if rng else value, low, high, tokens + [token, noun], victims))
    if not counts:
        return None
    best = sum(c[0] for c in counts)
    tokens = sorted((t for c in counts for t in c[3]), key=lambda t: t.i)
    span = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
    if len(counts) == 1:
        _, low, high, _, victims = counts[0]
        return Fatalities(best, low, high, span, victims)
    return Fatalities(best, None, None, span, "+".join(sorted({c[4] or "?" for c in counts})))
