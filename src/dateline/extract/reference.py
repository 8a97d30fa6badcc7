"""Event words that name or speak of events rather than report one.

Crisp rules on the trigger noun's own phrase:

- a named reference: "the Gujarat riots", "the post-Godhra riots", "the Paris attacks" (a
  definite plural event noun named by a place) is how a story refers to a known episode it
  is told against, not how it reports its own news ("mobs burnt shops in Gujarat on Monday");
- a general statement: "riots are always engineered", "attacks are a symptom of neglect" (a bare
  plural event noun as the subject of a present-tense "be") says what such events are like;
- an earlier episode: "previous talks produced a truce", "a past attack on the camp" (the
  phrase itself says it came before the story's news);
- a series over time: "has suffered a series of bombings in 2016" counts many events;
- a habit: "journalists have been regularly detained", "police routinely beat protesters" (an
  adverb of frequency on a present or present-perfect verb) says what keeps happening, not what
  happened ("police repeatedly fired on the crowd" in the past tense is one event);
- the crime a legal step refers to: "booked for rioting", "charged over a shootout", "involved in
  the attack", "arrested in connection with the blast", "cases of murder and arson": the charge,
  the arrest or the case is the news; the act it names is told elsewhere, or is past.
"""

from __future__ import annotations

import re

WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
DAY_WORDS = WEEKDAYS | {"today", "yesterday", "tonight", "overnight", "morning", "evening", "night"}
PREFIXES = {"post", "pre", "anti"}  # "the post-Godhra riots": named after the event they follow
NAMED_ENTS = {"GPE", "NORP", "LOC", "FAC"}
# Nouns that make a count of the events they govern ("a series of bombings")
SERIES = {"series", "string", "spate", "wave", "rash", "succession"}
YEAR = re.compile(r"^(?:1[89]|20)\d\d$")


# Legal steps whose "for", "over", "with", "in" or "of" names the crime they are about. Not
# "accuse" or "allege": an accusation reports an event, only less surely (factuality.py).
LEGAL = {
    "book", "charge", "convict", "sentence", "indict", "prosecute", "try", "involve", "involvement",
    "case", "probe", "investigation", "inquiry", "trial", "arrest", "detain", "jail", "connection",
    "pertain", "plead", "acquit", "guilty", "conviction", "warrant",
}  # fmt: skip
LEGAL_PREPS = {"for", "over", "with", "in", "of", "to"}
# Protest words stay: "arrested for protesting outside parliament" reports a protest met with arrests
PROTEST_WORDS = ("protest", "demonstrat", "rally", "march", "strike", "bandh", "agitat", "dharna", "sit-in")


def legal_reference(trigger) -> str:
    """Why the trigger is the crime a charge, an arrest or a case refers to ("booked for
    rioting"), "" when it is not."""
    if trigger.lower_.startswith(PROTEST_WORDS) or trigger.pos_ not in ("NOUN", "VERB", "PROPN"):
        return ""
    node = trigger
    while node.dep_ == "conj" and node.head.i != node.i:  # "cases of murder, arson and riot"
        node = node.head
    if node.dep_ not in ("pobj", "pcomp") or node.head.lower_ not in LEGAL_PREPS:
        return ""
    gov = node.head.head
    if gov.lower_ == "connection" and gov.head.dep_ == "prep":  # "in connection with"
        gov = gov.head.head
    if gov.lemma_.lower() in LEGAL or gov.lower_ in LEGAL:
        return f"the crime a legal step refers to ('{gov.text} … {trigger.text}')"
    return ""


PREVIOUS = {"previous", "prior", "past", "former", "earlier"}


def earlier_episode(trigger) -> str:
    """Why the trigger, or the subject that did it, is called earlier than the story ("previous
    talks produced a truce"), "" when it is not. "Earlier" needs no day of its own ("earlier on
    Monday" is the story's own day)."""
    verb = trigger.head if trigger.dep_ in ("dobj", "nsubjpass") else trigger
    words = [trigger, *(c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass"))]
    for word in words:
        if any(c.dep_ == "amod" and c.lower_ in PREVIOUS for c in word.children) and not _own_day(word):
            return f"an episode before the story's news ('{word.text}')"
    return ""


def _own_day(noun) -> bool:
    """The phrase or its clause gives the event its own day ("the Paris attacks on Friday")."""
    head = noun.head if noun.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") else noun
    words = {t.lower_ for t in noun.subtree} | {t.lower_ for c in head.children for t in c.subtree}
    return bool(words & DAY_WORDS)


def _prefixed(noun) -> bool:
    """ "post-godhra", however the parser splits the hyphen: a prefix, a hyphen, then a name."""
    left = [t for t in noun.lefts if t.dep_ in ("amod", "compound", "punct", "nmod")]
    words = [t.lower_ for t in left]
    return any(w in PREFIXES for w in words) and "-" in words


def _told_with_toll(noun) -> bool:
    """ "The Rampur riots left five dead": the episode reported with its own toll."""
    verb = noun.head
    if noun.dep_ != "nsubj" or verb.tag_ != "VBD":
        return False
    return any(t.like_num or t.pos_ == "NUM" for c in verb.children if c.i > verb.i for t in c.subtree)


def many(noun) -> bool:
    """ "10 bombings", "dozens of attacks" with no day of their own: a count of many events."""
    if noun.tag_ != "NNS" or _own_day(noun):
        return False
    for c in noun.children:
        if c.dep_ == "nummod" and (
            c.lower_ in ("dozens", "scores", "hundreds") or c.text.isdigit() and int(c.text) >= 3
        ):
            return True
    return False


def named_reference(trigger) -> str:
    """Why the trigger noun names a known episode ("the Gujarat riots"), "" when it does not."""
    if trigger.tag_ != "NNS" or not any(c.dep_ == "det" and c.lower_ == "the" for c in trigger.children):
        return ""
    named = any(
        c.dep_ == "compound" and (c.tag_ in ("NNP", "NNPS") or c.ent_type_ in NAMED_ENTS)
        for c in trigger.children
    )
    if not (named or _prefixed(trigger)) or _own_day(trigger) or _told_with_toll(trigger):
        return ""
    return "an episode the story names ('the … riots'), not its own news"


def general_statement(trigger) -> str:
    """Why a bare plural event noun is the subject of a general statement ("riots are always
    engineered"), "" when it is not."""
    if trigger.tag_ != "NNS" or trigger.dep_ not in ("nsubj", "nsubjpass"):
        return ""
    if any(c.dep_ in ("det", "poss", "nummod", "amod", "compound") for c in trigger.children):
        return ""
    verb = trigger.head
    be = [c for c in verb.children if c.dep_ in ("auxpass", "cop", "aux") and c.lemma_ == "be"]
    if verb.lemma_ == "be" and verb.tag_ in ("VBP", "VBZ"):
        be = [verb]
    if not be or any(b.tag_ not in ("VBP", "VBZ") for b in be) or verb.tag_ == "VBG":
        return ""  # "riots were engineered", "riots are raging": a report
    if any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
        return ""
    return "a general statement about such events ('riots are …')"


# Adverbs of frequency: with a present or present-perfect verb, a habit rather than an event.
# (Not "repeatedly": "have repeatedly shelled the town this week" reports recent attacks.)
HABITUAL = {"regularly", "routinely", "frequently", "often", "systematically", "habitually", "usually",
            "commonly", "periodically", "sometimes", "occasionally"}  # fmt: skip


def habitual(trigger) -> str:
    """Why the trigger's verb tells of a habit ("have been regularly detained, jailed and
    prosecuted"), "" when it does not. The first verb of a coordination lends its adverb and
    tense to the others. A noun trigger lends its verb only as its subject ("attacks often
    occur"): "officials often visit the site of Monday's bombing" tells of the bombing."""
    verb = trigger
    if verb.pos_ not in ("VERB", "AUX"):
        if verb.dep_ not in ("nsubj", "nsubjpass") or verb.head.pos_ not in ("VERB", "AUX"):
            return ""
        verb = verb.head
    while verb.dep_ == "conj" and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head
    adverb = next((c for c in verb.children if c.dep_ == "advmod" and c.lower_ in HABITUAL), None)
    if adverb is None:
        return ""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    finite = auxes[0] if auxes else verb
    if finite.tag_ not in ("VBP", "VBZ"):
        return ""  # "police repeatedly fired on the crowd": one event told in the past
    return f"a habit, not an event ('{adverb.text}' with the present)"


def series_of(noun) -> bool:
    """ "a series of bombings", "a spate of attacks": many events counted as one noun."""
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lemma_.lower() in SERIES


def dated_by_year(tokens) -> bool:
    return any(YEAR.match(t.text) and t.ent_type_ == "DATE" for t in tokens)


YEAR_UNITS = {"year", "decade"}


def years_before(node) -> bool:
    """``node`` is what "after" governs, measured in years ("marched on Sunday, a year after six
    people were murdered", "two years after the massacre"): long past, so background."""
    carrier = node.head if node.dep_ in ("pobj", "pcomp") else node
    return any(c.dep_ == "npadvmod" and c.lemma_.lower() in YEAR_UNITS for c in carrier.children)
