"""Is a trigger a reported past event, and how sure is the text about it?

Certainty, weakest last: confirmed > reported > believed > possible > denied. Cues are read
on the trigger's chain of syntactic heads (so "officials said the group is believed to have
fled" gives "believed"), plus sentence adverbs such as "reportedly" and "according to".

``reportable`` and ``certainty`` are separate answers: a future, planned, conditional,
habitual or present-tense event is not reportable, but its certainty is still read ("will
attack" stays confirmed, "may attack" is possible, "plans to attack" believed); a negated
event ("did not attack", "failed to capture", "no deaths") is denied. A claim resting on an
anonymous source ("an official said", "sources told Reuters") is at most "reported".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..nlp import doc_text
from ..records import CERTAINTY_ORDER  # the one scale; re-exported for the extract stages
from .attribution import describes_subject

#: How far to trust an event at each level, before source adjustments (merge.confidence,
#: documented in docs/claims.md); one score per level of CERTAINTY_ORDER (a test checks it).
CERTAINTY_SCORE: dict[str, float] = {
    "confirmed": 0.9,
    "reported": 0.75,
    "believed": 0.6,
    "possible": 0.35,
    "denied": 0.1,
}

FUTURE_MODALS = {"will", "shall", "wo", "'ll", "would"}
POSSIBLE_MODALS = {"could", "may", "might", "should"}
ABILITY_MODALS = {"can", "ca"}
EPISTEMIC_MODALS = {"must"}
# Governors that leave their complement unrealised, with how likely the text makes it.
EXPECT = {
    "expect", "plan", "intend", "predict", "forecast", "schedule", "aim", "prepare", "decide",
    "promise", "pledge", "vow", "agree", "announcement", "decision",
}  # fmt: skip
WISH = {
    "threaten", "seek", "want", "hope", "propose", "warn", "fear", "call", "urge", "order", "demand",
    "ask", "need", "consider", "offer", "risk", "threat", "wish", "permit", "allow",
    "encourage", "incite", "instruct", "inspire", "conspire", "ensure",
}  # fmt: skip
INTENT = EXPECT | WISH
NEGATING = {"fail", "refuse", "avoid", "prevent", "decline", "cancel", "stop", "halt", "block", "abandon"}
ATTEMPT = {"try", "attempt", "plot", "plan", "seek", "manage", "begin", "start", "continue", "go"}
OBLIGED = {"force", "compel", "oblige"}
UNDONE = ATTEMPT | {"need", "dare", "bother"}  # "did not try to attack": the attack did not happen
DENY = {"deny", "reject", "dismiss", "refute", "disprove"}
BELIEVE = {"believe", "think", "suspect", "understand", "assume", "presume", "appear", "seem", "estimate"}
REPORT = {"report", "say", "tell", "claim", "announce", "state", "add", "quote", "cite"}
# An accusation is the guidelines' `alleged`, which Dateline's scale calls "believed" ("accused
# the army of shelling the village", "alleged that police beat them"): one party's charge.
ALLEGE = {"accuse", "allege"}
SOURCED = REPORT | BELIEVE | DENY | ALLEGE | {"confirm"}
ADVERBS = {
    "reportedly": "reported",
    "allegedly": "reported",
    "purportedly": "reported",
    "alleged": "reported",
    "rumoured": "reported",
    "rumored": "reported",
    "apparently": "believed",
    "apparent": "believed",
    "likely": "believed",
    "probably": "believed",
    "probable": "believed",
    "suspected": "believed",
    "presumed": "believed",
    "possibly": "possible",
    "possible": "possible",
    "potential": "possible",
    "perhaps": "possible",
    "maybe": "possible",
    "unconfirmed": "possible",
}
FUTURE_WORDS = {
    "planned",
    "proposed",
    "upcoming",
    "forthcoming",
    "future",
    "scheduled",
    "impending",
    "expected",
}
CONDITIONAL_MARKS = {"if", "unless", "whether"}
# Relations through which a head's modality, negation or intention reaches the trigger; a
# relative or adverbial clause ("the men who attacked …", "after they attacked …") is its own.
COMPLEMENTS = {"ccomp", "xcomp", "dobj", "pcomp", "pobj", "prep", "conj", "nsubj", "nsubjpass", "attr", "oprd",
               "acomp", "csubj", "appos", "compound", "dative", "agent"}  # fmt: skip
UNDOING = {"ccomp", "xcomp", "dobj", "pcomp", "pobj", "prep"}
ANONYMOUS_MARKS = re.compile(
    r"\b(unnamed|unidentified|anonymous|anonymity|not (?:to be )?(?:named|identified)|"
    r"not authori[sz]ed|declined to be (?:named|identified)|who asked not)\b",
    re.I,
)
SOURCE_NOUNS = {
    "source", "official", "spokesman", "spokeswoman", "spokesperson", "witness", "resident",
    "diplomat", "officer", "person", "people", "insider", "aide", "member", "commander", "soldier",
    "activist", "doctor", "medic", "worker", "someone", "relative", "villager", "survivor",
    "analyst", "expert", "observer", "fighter", "militant",
}  # fmt: skip
COUNTRY_CODES = {"US", "UK", "UN", "EU", "U.S.", "U.K.", "U.N.", "E.U."}


HEDGING = {"fear", "risk"}  # "feared an attack": the attack is only feared, not planned


@dataclass
class Factuality:
    reportable: bool
    certainty: str
    cue: tuple[int, int] | None  # token offsets (start char, end char) within the doc
    reason: str = ""
    governor: str = ""  # the lemma of the intention verb that leaves the event unrealised

    @property
    def drop_reason(self) -> str:
        """The ``records.DROP_REASONS`` key when the event is not coded ("" when it is):
        denied, hedged (only feared, or only possible: "may have killed") or not reportable
        (a plan, a forecast, a habit)."""
        if self.reason.startswith("negated"):
            return "denied"
        if self.governor in HEDGING or self.reportable and self.certainty == "possible":
            return "hedged"
        return "" if self.reportable else "not_reportable"


def is_anonymous(speaker_text: str) -> bool:
    """An unnamed source: "an official", "military sources", "a senior officer who asked not
    to be named", "residents". A named person or institution ("Reuters", "the Home Office",
    "Colonel Ali") is not; nationality words and US/UK/UN/EU do not name anyone."""
    text = speaker_text.strip()
    if not text:
        return False
    if ANONYMOUS_MARKS.search(text):
        return True
    head_part = re.split(r",|\bwho\b|\bthat\b|\bfrom\b|\bat\b|\bin\b|\bof\b|\bfor\b|\bwith\b", text)[0]
    words = head_part.split()
    if not any(w.lower() in SOURCE_NOUNS or w.lower().rstrip("s") in SOURCE_NOUNS for w in words):
        return False
    if len(words[0]) > 1 and words[0].isupper() and words[0] not in COUNTRY_CODES:
        return False  # "DOH officials": an institution speaks
    for word in re.findall(r"[A-Za-z][\w.'-]*", text)[1:]:
        named = word[0].isupper() and word not in COUNTRY_CODES
        demonym = re.search(r"(an|ian|ese|ish|i|ch)$", word) is not None
        if named and not demonym:
            return False
    return True


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
    if tag == "VBN" and _present_passive(trigger):
        return False, "present tense"  # "villages are shelled every week": a habit, no past event
    auxes = {c.lower_ for c in trigger.children if c.dep_ in ("aux", "auxpass")}
    if tag == "VBG":
        if "been" in auxes and trigger.dep_ != "pcomp":
            return False, "ongoing (progressive)"
        if any(c.dep_ == "aux" and c.lemma_ == "be" and c.tag_ == "VBD" for c in trigger.children):
            return True, ""  # "they were protesting against the killing": the past progressive
        head = trigger.head
        if trigger.dep_ == "pcomp" and head.dep_ in ("agent", "prep"):
            head = head.head  # "killed by shelling", "wounded in shooting": the verb the phrase serves
        if trigger.dep_ in ("advcl", "conj", "xcomp", "pcomp") and head.tag_ in ("VBD", "VBN"):
            if head.tag_ == "VBN" and _present_passive(head):
                # "attacking churches ... is prohibited": a general statement, no past event
                return False, "participle without a past event"
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
        if "to" in auxes and trigger.dep_ == "xcomp" and _obliged(head):
            return True, ""  # "police had to open fire", "were forced to fire": they did
        return False, "infinitive or bare verb"
    return True, ""


def _present_passive(verb) -> bool:
    """A passive in the present tense ("are prohibited", "is banned"), not a perfect ("have been
    killed") or a past ("were killed")."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return any(c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in auxes) and not any(
        c.lemma_ == "have" or c.tag_ in ("VBD", "MD") for c in auxes
    )


def _obliged(head) -> bool:
    """A past obligation that was met: "had to", "were forced / compelled to"."""
    if head.lemma_ == "have" and head.tag_ == "VBD":
        return True
    return head.lemma_ in OBLIGED and head.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in head.children)


def _subject_text(node) -> str:
    """The subject of a verb, or the agent of a passive one, with its whole subtree."""
    for child in node.children:
        tok = child
        if child.dep_ == "agent":
            tok = next((c for c in child.children if c.dep_ == "pobj"), None)
        elif child.dep_ != "nsubj":
            continue
        if tok is not None:
            return doc_text(tok.doc)[tok.left_edge.idx : tok.right_edge.idx + len(tok.right_edge.text)]
    return ""


def _span(token) -> tuple[int, int]:
    return token.idx, token.idx + len(token.text)


def _modality(node, children) -> tuple[str | None, str, object]:
    """(certainty or None, reason the event is not (yet) real or "", cue token) from a modal."""
    modal = next((c for c in children if c.dep_ == "aux" and c.tag_ == "MD"), None)
    if modal is None:
        return None, "", None
    word = modal.lower_
    perfect = any(c.dep_ == "aux" and c.lower_ == "have" for c in children)
    if word in EPISTEMIC_MODALS:
        return "believed", "" if perfect else "obligation (must)", modal
    if word in POSSIBLE_MODALS:
        return "possible", "" if perfect else "future or hypothetical", modal  # "could have killed"
    if word in ABILITY_MODALS:
        return None, "ability (can)", modal
    if perfect:
        return "possible", "counterfactual (would have)", modal
    return None, "future or hypothetical", modal


def assess(trigger, sent, in_caption: bool = False) -> Factuality:
    ok, tense = _tense_ok(trigger, in_caption)
    tense = "" if ok else tense
    blocked, governor = "", ""  # why the event is not (yet) real: modality, conditions, intentions
    certainty, cue = "confirmed", None

    def note(level: str, token) -> None:
        nonlocal certainty, cue
        if _weaker(level, certainty) == level and level != certainty:
            certainty, cue = level, _span(token)

    if trigger.dep_ in ("pobj", "pcomp") and trigger.head.lower_ == "without":
        return Factuality(False, "denied", _span(trigger.head), "negated")
    scoped, undoing, below = True, True, trigger  # still in the trigger's clause / complements
    for node in _chain(trigger):
        children = list(node.children)
        lemma = node.lemma_.lower()
        governs = node.i != trigger.i
        if governs:
            infinitive = below.dep_ in ("acl", "advcl") and any(c.lower_ == "to" for c in below.children)
            scoped = scoped and (below.dep_ in COMPLEMENTS or infinitive)
            undoing = undoing and (below.dep_ in UNDOING or infinitive)
            below = node
        neg = next((c for c in children if c.dep_ == "neg"), None)
        if neg is None and not governs:
            neg = next((c for c in children if c.dep_ == "det" and c.lower_ == "no"), None)
        if neg is not None and (
            not governs or undoing and lemma in DENY | BELIEVE | REPORT | ALLEGE | UNDONE
        ):
            when = _modality(trigger, list(trigger.children))[1] or _modality(node, children)[1]
            return Factuality(False, "denied", _span(neg), f"negated; {when}" if when else "negated")
        if governs and undoing and lemma in NEGATING and node.pos_ == "VERB":
            return Factuality(False, "denied", _span(node), f"negated by '{node.text}'")
        level, why, modal = _modality(node, children) if scoped else (None, "", None)
        if level:
            note(level, modal)
        blocked = blocked or why
        mark = next((c for c in children if c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS), None)
        if mark is not None and scoped:
            note("possible", mark)
            blocked = blocked or "conditional"
        if governs:
            if scoped and lemma in INTENT and not (lemma in ATTEMPT and node.tag_ in ("VBD", "VBN")):
                note("believed" if lemma in EXPECT else "possible", node)
                governor = governor or (lemma if not blocked else "")
                blocked = blocked or f"governed by '{node.text}'"
            if lemma in DENY:
                note("denied", node)
            elif (lemma in BELIEVE or lemma in ALLEGE) and not describes_subject(node):
                note("believed", node)
            elif lemma in REPORT and scoped:  # not "addressing the sit-in, he said": no report of it
                note("reported", node)
            if lemma in SOURCED and is_anonymous(_subject_text(node)) and not describes_subject(node):
                note("reported", node)
        for child in children:
            level = ADVERBS.get(child.lower_)
            if level and child.dep_ in ("advmod", "amod", "acomp"):
                note(level, child)
            if child.dep_ == "amod" and child.lower_ in FUTURE_WORDS and not governs:
                blocked = blocked or f"future ('{child.text}')"
            if child.dep_ == "acl" and child.lemma_.lower() in BELIEVE:
                note("believed", child)  # "the incident, believed to have taken place …"
    lowered = sent.text.lower()
    if "according to" in lowered and certainty == "confirmed":
        start = sent.start_char + lowered.index("according to")
        certainty, cue = "reported", (start, start + 12)
    for tok in sent:  # sentence adverbs: on a verb, not "an apparently petty quarrel"
        level = ADVERBS.get(tok.lower_)
        if level and tok.dep_ == "advmod" and tok.head.pos_ in ("VERB", "AUX"):
            note(level, tok)
    reason = blocked or tense
    return Factuality(not reason, certainty, cue, reason, governor if blocked.startswith("governed") else "")
