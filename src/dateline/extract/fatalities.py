"""Fatalities as ACLED counts them: deaths only, the conservative figure, vague words fixed
("dozens" = 12, "hundreds" = 100, "multiple" = 3), ranges kept as low/high."""

from __future__ import annotations

import re
from typing import NamedTuple

from ..numbers import WORDNUM
from ..records import Fatalities
from . import timeframe
from .timeframe import CAMPAIGNS, SPAN, TOLLS, WEEKDAYS, _clause_tokens
from .toll_words import (
    DEATH_CUES,
    DEATH_WORDS,
    HURT,
    INCIDENTS,
    KILL_VERBS,
    LIVES,
    MISHAPS,
    ORDINALS,
    PERIOD,
    RAISES,
    RISES,
    added_words,
    between,
    breakdown_total,
    dead_words,
    dies,
    forecast,
    new_figure,
    up_from,
)

VAGUE = {"dozens": 12, "dozen": 12, "hundreds": 100, "scores": 20, "thousands": 1000}
# adjectives that count: the least the word allows (docs/coding-guidelines.md, "Conventions")
FEW = {"multiple": 3, "several": 3}
SMALL = {**WORDNUM, "zero": 0, "no": 0, "thousand": 1000}


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
        # "at least", "nearly" modify the number (quantmod, or advmod in some parses), and so does
        # "more" of "more than 60" (an amod in some parses): not part of it
        words = [
            t
            for t in num.subtree
            if t.dep_ not in ("quantmod", "advmod")
            and t.head.dep_ != "advmod"
            and t.lower_ != "more"  # ("fewer than ten" stays no count: a bound from above)
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
    """A verb that reports a death: 'killed', 'died', 'succumbed', or any verb done 'fatally'
    ('fatally shot')."""
    if token.pos_ != "VERB":
        return False
    return token.lemma_ in KILL_VERBS or dies(token) or any(c.lower_ == "fatally" for c in token.children)


def _victims(token):
    if _kills(token):
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
        # "12 people killed in …"; not "a car bomb killed seven people", an active clause misparsed
        # as a reduced relative: a verb with its own object did the killing, its head is the killer
        objects = any(c.dep_ == "dobj" for c in token.children)
        if token.dep_ == "acl" and token.tag_ == "VBN" and not objects and _number_of(token.head) is not None:
            return [token.head]
        if dies(token):
            return [c for c in token.children if c.dep_ == "nsubj"]
        if passive:
            # one verb has one subject: a second is a misparse, such as a dateline's words ("BIR
            # AL-ABD — Five soldiers were killed", "AL" read as a subject); the one nearest the verb
            # stands before it ("BIR AL-ABD —" never does)
            subjects = [c for c in token.children if c.dep_ == "nsubjpass"]
            return subjects[-1:] + between(token)
        return [c for c in token.children if c.dep_ == "dobj"] + between(token)
    return dead_words(token)


def find_fatalities(sent) -> Fatalities | None:
    """Deaths reported in a sentence; distinct victim groups ("three soldiers and two
    civilians") add up, the same count said twice does not, nor a whole told with its parts
    ("nine people, six soldiers and three civilians": 9, ``breakdown_total``). The span is within the doc;
    ``victims`` is the lemma of the victims' noun ("soldier"), None when unsaid. A revised toll
    ("bringing the death toll to 9") is the sentence's deaths (``revised_toll``)."""
    revised = follow_up_toll(sent)
    if revised is not None:
        return revised
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
                # "another six bodies": the evidence keeps the word that makes it an added count
                tokens = tokens + [token, noun, *added_words(noun)]
                counts.append((low if rng else value, low, high, tokens, victims))
    if not counts:
        return None
    whole = breakdown_total([(c[0], c[4]) for c in counts])
    best = sum(c[0] for c in counts) if whole is None else whole
    tokens = sorted((t for c in counts for t in c[3]), key=lambda t: t.i)
    span = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
    if len(counts) == 1:
        _, low, high, _, victims = counts[0]
        return Fatalities(best, low, high, span, victims)
    return Fatalities(best, None, None, span, "+".join(sorted({c[4] or "?" for c in counts})))


def _refs(toll, verb) -> list:
    """What a toll says it is of: the nouns after 'from/in/of/during' in the toll's phrase ("the
    toll from the attack", "the number killed in the clash") or on its verb ("pushed the toll
    from the blast to 9")."""
    words = [t for t in toll.subtree if t.i != toll.i]
    preps = [t for t in words if t.dep_ == "prep"] + [c for c in verb.children if c.dep_ == "prep"]
    return [
        o for p in preps if p.lower_ in ("from", "in", "of", "during") for o in p.children if o.dep_ == "pobj"
    ]


def running_total(toll, verb, sent) -> str:
    """Why a revised toll ("the toll ... has risen to 9": ``toll`` the noun, ``verb`` the verb
    revising it, ``sent`` its sentence) is a running total of a war, a series or a period ("" when
    it is one incident's: "the toll from Tuesday's blast", "the number killed in the clash")."""
    words = [t for t in toll.subtree if t.i != toll.i]
    refs = _refs(toll, verb)
    if any(t.lemma_.lower() in CAMPAIGNS for t in words + refs):
        return "a toll of a war or campaign"
    if any(r.tag_ == "NNS" and r.head.lower_ != "of" for r in refs):
        return "a toll of several events or places"  # "from the attacks", "in the protests"
    incident = any(
        r.tag_ == "NN" and (r.lemma_.lower() in INCIDENTS or r.lower_.endswith("ing")) for r in refs
    )
    incident |= any(t.dep_ == "poss" and t.lower_ in WEEKDAYS for t in words)  # "Tuesday's"
    if not incident and any(r.head.lower_ != "of" for r in refs):
        # "the toll in the carnage", "in the province", "in the city": a place's or a spell's
        return "a toll of something other than one incident"
    # no incident named: the whole sentence may say whose toll it is ("since the war began")
    text = sent.text if not incident else " ".join(t.text for t in _clause_tokens(verb))
    if PERIOD.search(text) or not incident and (timeframe.HUGE.search(text) or SPAN.search(text)):
        return "a count over a span of time"
    return (
        "a toll of a war or campaign"
        if not incident and any(t.lemma_.lower() in CAMPAIGNS for t in sent)
        else ""
    )


# A follow-up's revised toll: "the death toll has risen to nine", "bringing the number of dead to 21".
TOLL_NOUNS = TOLLS | {"number"}
DEAD_NOUNS = {"dead", "deaths", "fatalities"}


def _toll_noun(token, sent) -> bool:
    """'toll', or a total/number that counts the dead ('the number of dead', 'the number killed',
    'taking the total to 17' after 'four more bodies were found')."""
    lemma = token.lemma_.lower()
    if token.lower_ in DEAD_NOUNS and token.dep_ == "dobj" and token.head.lemma_.lower() in RAISES:
        return True  # "he put the dead at 16": the dead a figure is put at are a toll
    if lemma not in TOLL_NOUNS or token.tag_ != "NN":
        return False
    if lemma == "toll":
        return True
    cue = (t for t in (token.subtree if lemma == "number" else sent) if t.i != token.i)
    return any(t.lemma_.lower() in DEATH_CUES or t.lower_ in DEATH_CUES for t in cue)


def _revises(toll, verb) -> bool:
    """The toll noun is the subject of a verb of rising or of being ("has risen to nine", "is now
    30"), the object of one that raises or revises it ("bringing the toll to 21", "revised the
    toll to 30"), or that one's passive subject ("the toll was revised upwards to 33")."""
    lemma = verb.lemma_.lower()
    if toll.dep_ == "nsubj":
        return lemma in RISES or lemma == "be"
    return toll.dep_ in ("dobj", "nsubjpass") and lemma in RAISES


def _incident(toll, verb) -> str | None:
    """The lemma of the one incident a toll names ("the toll from Monday's boat accident" ->
    'accident', "the number killed in the clash" -> 'clash'), None when it names none."""
    for ref in _refs(toll, verb):
        lemma = ref.lemma_.lower()
        if (
            lemma in INCIDENTS
            or lemma in MISHAPS
            or ref.tag_ == "NN"
            and ref.lower_.endswith("ing")
            or any(c.dep_ == "poss" and c.lower_ in WEEKDAYS for c in ref.children)
        ):  # "Monday's flood" names one too
            return lemma
    return None


class Revision(NamedTuple):
    """A toll revised in a sentence of its own, and what that sentence says it is the toll of."""

    toll: Fatalities  # offsets as the caller shifts them
    incident: str | None  # the incident it names ('blast'), None when unnamed
    apart: bool = False  # the sentence opens another event's story ("Elsewhere, ...")
    added: bool = False  # a count added to the toll ("two more died"), not a new total


def revision(sent) -> Revision | None:
    """The toll a sentence revises for one incident ("raising the death toll from Tuesday's blast
    to 9"), the figure that already counts the dead it adds ("two more died"), with the incident it
    names; None when it revises none, a war's or a period's toll (``running_total``), or forecasts
    one ("could reach 50"). Of several revised in one sentence ("the police death toll to five and
    the number of dead in the attack to eight") the largest, when it counts the dead of the same
    incident ("… and the toll from Monday's ambush to 14" is another's)."""
    found: list[Revision] = []
    for toll in sent:
        if not _toll_noun(toll, sent):
            continue
        verb, role, figures = toll.head, toll, None
        if toll.dep_ == "conj" and (first := _first_toll(toll, sent)) is not None:
            # "raising the toll to five and the number of dead to eight": the first toll's verb
            verb, role = first.head, first
            figures = [
                o for t in toll.subtree if t.lower_ in ("to", "at") for o in t.children if o.dep_ == "pobj"
            ]
        if not _revises(role, verb) or forecast(verb):  # "could reach 50": no revision yet
            continue
        for figure in figures if figures is not None else new_figure(verb):
            if figure.i == toll.i or figure.pos_ != "NUM" or running_total(toll, verb, sent):
                continue
            number = _number_of(figure)
            if number is None:
                continue
            tokens = sorted([toll, verb, *number[1], *up_from(verb)], key=lambda t: t.i)
            span = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
            incident, first = _incident(toll, verb), found[0].incident if found else None
            # a later toll is the whole only of the dead (not "the toll of wounded to 60") of one incident
            if found and (
                any(t.lower_ in HURT for t in toll.subtree) or first and incident and first != incident
            ):
                break
            found.append(Revision(Fatalities(number[0], None, None, span, None), incident))
            break
    return max(found, key=lambda r: r.toll.best, default=None)


def _first_toll(toll, sent):
    """The toll noun a conjunct toll is joined to: its head, or the object of the verb it is a
    conjunct of ("raising the toll to five and the number of dead to eight"); else None."""
    heads = [toll.head, *(c for c in toll.head.children if c.i < toll.i and c.dep_ in ("dobj", "nsubj"))]
    return next((t for t in heads if _toll_noun(t, sent)), None)


def revised_toll(sent) -> Fatalities | None:
    """The revised toll of ``revision`` alone."""
    return found.toll if (found := revision(sent)) is not None else None


def ordinal_toll(sent) -> Fatalities | None:
    """The toll an ordinal gives ("a third soldier died", "the attack has claimed a sixth
    life"): the n-th dead means n dead so far (``victims`` the noun, None for 'life', 'person')."""
    for token in sent:
        nouns = _victims(token) if _kills(token) else []
        if token.lemma_.lower() in ("claim", "take") and token.pos_ == "VERB":
            nouns += [c for c in token.children if c.dep_ == "dobj" and c.lemma_.lower() in LIVES]
        for noun in nouns:
            rank = next((c for c in noun.children if c.dep_ == "amod" and c.lower_ in ORDINALS), None)
            if rank is None or noun.tag_ != "NN":
                continue
            first, last = sorted((rank, noun, token), key=lambda t: t.i)[::2]
            victims = None if noun.lemma_.lower() in LIVES else noun.lemma_.lower()
            span = (first.idx, last.idx + len(last.text))
            return Fatalities(ORDINALS[rank.lower_], None, None, span, victims)
    return None


def added_toll(sent) -> Fatalities | None:
    """A toll told as added to an earlier one, in a sentence that tells nothing else ("four more
    people died of their wounds", "another six bodies were pulled from the rubble", "two of the
    wounded later died"): the added count, its span holding the word that marks it (what
    ``merge/across_words.increment`` reads to add it to the event's earlier toll). None when the
    sentence also counts dead that are not added, forecasts ("another 20 could die") or counts
    over a period or a war."""
    found = find_fatalities(sent)
    if found is None or PERIOD.search(sent.text) or any(t.lemma_.lower() in CAMPAIGNS for t in sent):
        return None
    counted = [t for t in sent if found.span[0] <= t.idx < found.span[1]]
    verbs = [t for t in counted if _kills(t) or t.lemma_.lower() in DEATH_WORDS]
    nouns = [n for v in verbs for n in _victims(v) if _number_of(n) is not None]
    if not nouns or not all(added_words(n) for n in nouns) or any(forecast(v) for v in verbs):
        return None
    return found


def follow_up_toll(sent) -> Fatalities | None:
    """A follow-up report's toll: a revised one (``revised_toll``) or an ordinal's (``ordinal_toll``)."""
    return revised_toll(sent) or ordinal_toll(sent)


def follow_up_revision(sent) -> Revision | None:
    """``follow_up_toll`` with what it names: an ordinal's toll names no incident of its own kind;
    else a count added to the toll (``added_toll``), named by what its verb says it is of."""
    found = revision(sent)
    if found is None and (ordinal := ordinal_toll(sent)) is not None:
        found = Revision(ordinal, None)
    if found is None and (added := added_toll(sent)) is not None:
        kills = [t for t in sent if added.span[0] <= t.idx < added.span[1] and _kills(t)]
        verb = kills[0] if kills else sent.root  # "died in Monday's attack": 'attack'
        found = Revision(added, _incident(verb, verb), added=True)
    return found
