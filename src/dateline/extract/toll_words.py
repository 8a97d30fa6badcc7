"""Words that tell what a toll is: a period's ("since 2009"), one incident's ("the blast"), a
mishap's ("the flood"), a forecast ("could reach 50") or a count added to an earlier toll
("another six bodies"). Used by ``fatalities``; no model loads."""

from __future__ import annotations

import re
from collections.abc import Iterator

KILL_VERBS = {"kill", "die", "slay", "massacre", "execute", "behead", "murder", "assassinate", "perish"}
DEATH_WORDS = {"dead", "death", "fatality", "body", "corpse", "toll"}

# any word that can tell of a death; a sentence with none of them reports no toll ("two
# piglets", "5 per cent of jobs" are counts, not the dead)
DEATH_CUES = KILL_VERBS | DEATH_WORDS | {"fatal", "fatally", "lynch", "alive", "succumb", "life", "casualty"}
DEATH_CUES |= {"gun", "drown", "bury", "funeral", "mourn", "martyr"}  # "gunned down"

# "since 2009", "since the war began": a period; "has since climbed to 14" is the adverb of a
# follow-up's revision, not one
PERIOD = re.compile(
    r"\bsince\b(?!\s+(?:then|risen|grown|gone|climbed|increased|jumped|doubled|reached|surged|soared|mounted)\b)"
    r"|\bthis (?:year|month)\b",
    re.I,
)

# What one incident is called ("the toll from the blast"); a noun in -ing is one too ("bombing").
INCIDENTS = {"attack", "blast", "explosion", "clash", "ambush", "raid", "massacre", "strike", "assault",
             "incident", "stampede", "fire", "riot", "fight", "battle", "skirmish", "gunfight"}  # fmt: skip


# Incidents that are no conflict event: their toll is never a coded event's.
MISHAPS = {"accident", "crash", "collision", "derailment", "flood", "flooding", "fire", "blaze",
           "collapse", "landslide", "mudslide", "earthquake", "quake", "storm", "cyclone", "hurricane",
           "stampede", "capsizing", "sinking", "outbreak", "epidemic", "disaster", "heatwave"}  # fmt: skip


# A toll that could, may or will rise, or is expected or feared to, is a forecast: no revision yet.
MODALS = {"could", "may", "might", "will", "would", "should", "can", "ca", "must", "'ll", "wo"}
FORECASTS = {"expect", "fear", "predict", "forecast", "likely", "set", "feared", "expected"}


def forecast(verb) -> bool:
    """'could reach 50', 'will rise', 'if the toll rises', 'is expected to rise to 50'."""
    hedges = {(c.dep_, c.lower_) for c in verb.children}
    if any(d == "aux" and w in MODALS or d == "mark" and w in ("if", "unless") for d, w in hedges):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in FORECASTS


# Words that make a count one added to an earlier toll: "four more people", "another six
# bodies", "a further three", "an additional 12" ("more than 20" is a bound, not one).
ADDED = {"more", "another", "further", "additional"}
HURT = {"wounded", "injured"}


def added_words(noun) -> list:
    """The tokens that tell a count of the dead as added to an earlier toll ("another", "a
    further", "four more", "three of the wounded": those the toll did not count yet)."""
    nums = [c for c in noun.children if c.dep_ == "nummod"]
    words = [c for n in (noun, *nums) for c in n.children if c.dep_ in ("det", "amod", "advmod")]
    marks = [
        w for w in words
        if w.lower_ in ADDED and not (w.lower_ == "more" and w.doc[w.i + 1 : w.i + 2].text.lower() in ("than", "or"))
    ]  # fmt: skip
    marks += [a for m in marks if m.lower_ == "further" for a in m.head.children if a.dep_ == "det"]
    hurt = [p for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
            and any(o.lower_ in HURT and any(d.lower_ == "the" for d in o.children) for o in p.children)]  # fmt: skip
    return marks + [t for p in hurt for t in p.subtree]


def up_from(verb) -> list:
    """'up from 21' on the verb of a revision ("the toll is now 30, up from 21"): the earlier
    figure, kept in the evidence since it tells (``merge/across_words``) that the toll is revised."""
    ups = [c for c in verb.children if c.dep_ == "advmod" and c.lower_ == "up"]
    return [
        t for c in ups for p in c.children if p.dep_ == "prep" and p.lower_ == "from" for t in (c, *p.subtree)
    ]


# A follow-up's revised toll: verbs of rising with the toll as subject ("the toll has risen to
# nine"), verbs that raise it with the toll as object ("bringing the number of dead to 21").
RISES = {"rise", "climb", "jump", "increase", "reach", "stand", "grow", "mount", "soar", "hit", "go",
         "double"}  # fmt: skip
RAISES = {"bring", "raise", "take", "push", "put", "lift", "increase", "revise", "update"}
# "the second victim", "a third person died": the ordinal is the count so far
ORDINALS = {w: n for n, w in enumerate(
    ["second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
     "twelfth"], start=2)}  # fmt: skip
LIVES = {"life", "victim", "person", "casualty", "fatality"}

# Nouns of a whole that a report may break down into its parts ("nine people: six soldiers and
# three civilians"); None is a bare number ("seven died, four policemen and three attackers").
WHOLES = LIVES | {None, "people", "persons"}


def breakdown_total(counts: list[tuple[int, str | None]]) -> int | None:
    """The whole when a sentence's counts (value, victims' noun) are a general count and its
    parts: one count of a general noun equal to the sum of the two or more others. Else None
    (the counts are distinct groups and add up: "three soldiers and two civilians")."""
    if len(counts) < 3:
        return None
    total = sum(value for value, _ in counts)
    for value, noun in counts:
        if noun in WHOLES and 2 * value == total:
            return value
    return None


# Verbs whose subject is the dead ("two succumbed"); not KILL_VERBS, which are features of the
# learned actor model. What one succumbs to must be a harm to the body ("succumbed to their
# wounds"), not "to the assault" (posts overrun) or "to pressure".
DIE_VERBS = {"die", "perish", "succumb"}
HARMS = {"injury", "wound", "burn", "illness", "disease", "bullet", "gunshot", "infection", "cancer",
         "cholera", "hunger", "starvation", "exhaustion", "torture", "beating", "stab", "blast"}  # fmt: skip


def dies(token) -> bool:  # token: a spaCy Token
    """A verb whose subject is the dead: 'died', 'succumbed (to his wounds)', 'lost their lives'
    ("lost" alone is not: "lost the battle", "lost a leg")."""
    if token.lemma_ == "succumb":  # read by position: the parser makes "to pressure" an xcomp
        after = token.doc[token.i + 1 : token.i + 6]
        if not len(after) or after[0].lower_ != "to":
            return True  # "two more succumbed in hospital"
        nouns = [t.lemma_ for t in after[1:] if t.pos_ in ("NOUN", "PROPN")]
        return bool(HARMS.intersection(nouns[:2]))
    return token.lemma_ in DIE_VERBS or (
        token.lemma_ == "lose" and any(c.dep_ == "dobj" and c.lemma_ == "life" for c in token.children)
    )


def new_figure(verb) -> Iterator:  # verb: a spaCy Token
    """The figure a toll is revised to: 'to nine', 'at 23', 'gone up to 30', the object
    ('reached 40') or what it is ('the toll is now 30')."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("to", "at"):
            yield from (o for o in c.children if o.dep_ == "pobj")
        elif c.dep_ in ("dobj", "attr"):
            yield c
        elif c.dep_ in ("advmod", "prt") and c.lower_ == "up":
            yield from new_figure(c)


def between(token) -> list:
    """The victims of "clashes between X and Y" ("killed in fighting between …")."""
    return [o for p in token.children if p.dep_ == "prep" and p.lower_ == "between" for o in p.children
            if o.dep_ == "pobj"]  # fmt: skip


def dead_words(token) -> list:
    """The victims of a death word: "leaving 12 dead", "12 people dead", "the bodies"."""
    if token.lemma_ in ("dead", "death", "fatality", "body"):
        if token.dep_ in ("acomp", "oprd", "amod") and token.head.pos_ in ("NOUN", "NUM", "VERB"):
            # "leaving 12 dead", "12 people dead"; "gunmen shot dead nine": the object, not the killer
            if token.head.pos_ == "VERB":
                kids = [c for c in token.head.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")]
                return [c for c in kids if c.dep_ == "dobj"] or kids
            return [token.head]
        return [token]
    return []
