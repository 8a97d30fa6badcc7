"""Is a trigger a reported past event, and how sure is the text about it?

Certainty, weakest last: confirmed > reported > believed > possible > denied. Cues are read
on the trigger's chain of syntactic heads (so "officials said the group is believed to have
fled" gives "believed"), plus sentence adverbs such as "reportedly" and "according to".
"""

from __future__ import annotations

from dataclasses import dataclass

CERTAINTY_ORDER = ["confirmed", "reported", "believed", "possible", "denied"]

MODALS = {"will", "would", "could", "may", "might", "shall", "should", "can", "must", "wo", "ca"}
INTENT = {
    "expect",
    "plan",
    "intend",
    "threaten",
    "vow",
    "aim",
    "seek",
    "want",
    "hope",
    "prepare",
    "propose",
    "promise",
    "pledge",
    "warn",
    "predict",
    "fear",
    "decide",
    "decision",
    "call",
    "urge",
    "order",
    "demand",
    "ask",
    "need",
    "consider",
    "offer",
    "announcement",
    "risk",
    "threat",
    "fail",
    "refuse",
    "avoid",
    "prevent",
}
ATTEMPT = {"try", "attempt", "plot", "plan", "seek", "manage", "begin", "start", "continue", "go"}
DENY = {"deny", "reject", "dismiss", "refute", "disprove"}
BELIEVE = {"believe", "think", "suspect", "understand", "assume", "presume", "appear", "seem", "estimate"}
REPORT = {"report", "say", "tell", "claim", "allege", "announce", "state", "add", "quote", "accuse", "cite"}
ADVERBS = {
    "reportedly": "reported",
    "allegedly": "reported",
    "purportedly": "reported",
    "apparently": "believed",
    "likely": "believed",
    "probably": "believed",
    "possibly": "possible",
    "perhaps": "possible",
    "maybe": "possible",
    "unconfirmed": "possible",
}
CONDITIONAL_MARKS = {"if", "unless", "whether"}


@dataclass
class Factuality:
    reportable: bool
    certainty: str
    cue: tuple[int, int] | None  # token offsets (start char, end char) within the doc
    reason: str = ""


def _weaker(a: str, b: str) -> str:
    return a if CERTAINTY_ORDER.index(a) >= CERTAINTY_ORDER.index(b) else b


def _chain(token):
    """The token and its heads up to the root of its sentence."""
    seen = token
    yield seen
    while seen.head.i != seen.i:
        seen = seen.head
        yield seen


def _tense_ok(trigger, in_caption: bool) -> tuple[bool, str]:
    """Verbal triggers must speak of the past; captions describe a photo in the present."""
    if trigger.pos_ != "VERB" or in_caption:
        return True, ""
    tag = trigger.tag_
    auxes = {c.lower_ for c in trigger.children if c.dep_ in ("aux", "auxpass")}
    if tag == "VBG":
        if "been" in auxes and trigger.dep_ != "pcomp":
            return False, "ongoing (progressive)"
        head = trigger.head
        if trigger.dep_ in ("advcl", "conj", "xcomp", "pcomp") and head.tag_ in ("VBD", "VBN"):
            return True, ""
        return False, "participle without a past event"
    if tag in ("VBZ", "VBP"):
        return False, "present tense"
    if tag == "VB":
        if "have" in auxes:
            return True, ""  # "believed to have fled", "could have killed" (modal checked later)
        head = trigger.head
        if "to" in auxes and head.lemma_ in ATTEMPT and head.tag_ in ("VBD", "VBN"):
            return True, ""
        return False, "infinitive or bare verb"
    return True, ""


def assess(trigger, sent, in_caption: bool = False) -> Factuality:
    ok, why = _tense_ok(trigger, in_caption)
    if not ok:
        return Factuality(False, "possible", None, why)
    certainty, cue = "confirmed", None

    def note(level: str, token) -> None:
        nonlocal certainty, cue
        if _weaker(level, certainty) == level and level != certainty:
            certainty, cue = level, (token.idx, token.idx + len(token.text))

    for node in _chain(trigger):
        children = list(node.children)
        if any(c.dep_ == "neg" for c in children):
            if node.lemma_ in DENY or node.i == trigger.i or node.lemma_ in BELIEVE | REPORT:
                return Factuality(False, "denied", None, "negated")
        modal = next((c for c in children if c.dep_ == "aux" and c.lower_ in MODALS), None)
        if modal is not None:
            perfect = any(c.dep_ == "aux" and c.lower_ == "have" for c in children)
            if not perfect:
                return Factuality(False, "possible", None, "future or hypothetical")
            note("possible", modal)
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in children):
            return Factuality(False, "possible", None, "conditional")
        if node.i != trigger.i:
            lemma = node.lemma_.lower()
            if lemma in INTENT and not (lemma in ATTEMPT and node.tag_ in ("VBD", "VBN")):
                return Factuality(False, "possible", None, f"governed by '{node.text}'")
            if lemma in DENY:
                note("denied", node)
            elif lemma in BELIEVE or (lemma == "believe"):
                note("believed", node)
            elif lemma in REPORT:
                note("reported", node)
        for child in children:
            level = ADVERBS.get(child.lower_)
            if level and child.dep_ in ("advmod", "amod", "acomp"):
                note(level, child)
            if child.dep_ == "acl" and child.lemma_.lower() in BELIEVE:
                note("believed", child)  # "the incident, believed to have taken place …"
    lowered = sent.text.lower()
    if "according to" in lowered:
        start = sent.text.lower().index("according to")
        if certainty == "confirmed":
            certainty, cue = "reported", (sent.start_char + start, sent.start_char + start + 12)
    for tok in sent:
        level = ADVERBS.get(tok.lower_)
        if level and tok.dep_ in ("advmod",) and _weaker(level, certainty) == level:
            note(level, tok)
    return Factuality(True, certainty, cue)
