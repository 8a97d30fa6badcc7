"""Police activity that ACLED codes no event for: the police deploying, guarding, patrolling,
searching, registering a case, detaining people preventively, or an arrest or a shooting that is
not a conflict event. Most of what the police do in a report is this, and "did the police do
anything?" asks about it, so it is kept as a recorded finding — a drop with the reason
``police_activity`` (docs/drops.md), its trigger the act and its detail naming the police doer
with offsets — and never as an ACLED event.

The rule (``activity``): a police mention (the police, a police unit, "security forces", "the bomb
squad") as the subject or agent of a verb that is not a report, a thought or harm suffered by
them, and that happened (not a plan, an order or a demand); the police deployed, posted or rushed
somewhere; or a police deployment, patrol, raid, cordon or guard named as a noun ("heavy police
bandobast"). Written from the task, not from the dev reports' errors. The learned recogniser
(``police_model.py``, label ANY_ACTION) may confirm or extend it where its report-grouped
cross-validation chose so (``scripts/train_police_model.py``); without a model file, the rule alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..records import Drop
from .factuality import assess
from .police_words import POLICE, overlaps

# police forces and units (Indian papers name them by their initials), and words that are the
# police only with a modifier ("security forces", "bomb squad", "police officers")
UNITS = {"crpf", "rpf", "raf", "bsf", "cisf", "itbp", "stf", "ats", "sog", "cid", "sleuths", "jawans", "pac"}
HEADS = {"forces", "force", "squad", "squads", "personnel", "officers", "officer", "officials", "team"}
MODIFIERS = POLICE | UNITS | {"security", "bomb", "paramilitary", "armed", "anti-terrorism", "riot"}
# police officers by rank ("the commissioner of police", "the police inspector"; "the ssp")
RANKS = {"ssp", "dcp", "acp", "dgp", "igp", "sho"}
TITLES = {"commissioner", "superintendent", "inspector", "chief", "head", "director", "officer"}
# verbs whose subject reports, thinks or suffers rather than acts
NOT_ACTS = {
    "say", "tell", "claim", "add", "state", "believe", "suspect", "feel", "allege", "deny", "inform",
    "report", "know", "want", "think", "seem", "appear", "be", "have", "refuse", "fail", "look",
    "injure", "attack", "kill", "stone", "beat", "hurt", "assault", "surround", "gherao", "outnumber",
    "blame", "accuse", "ask", "urge", "demand", "plan", "expect", "hope", "need",
}  # fmt: skip
# verbs of which the police are the object and still the ones acting ("the police were deployed")
DEPLOYED = {"deploy", "post", "station", "rush", "call", "summon", "send", "requisition", "mobilise"}
# nouns of police activity ("heavy police deployment", "police patrolling", "a police raid")
ACT_NOUNS = {
    "deployment", "bandobast", "patrol", "patrols", "patrolling", "picket", "pickets", "picketing",
    "cordon", "raid", "raids", "search", "searches", "vigil", "escort", "protection", "combing",
    "crackdown", "action", "case", "cases", "fir", "custody", "arrangements", "checking", "checks",
}  # fmt: skip


@dataclass
class Activity:
    doer: object  # the spaCy token naming the police (None: a passive arrest, no doer named)
    act: object  # the verb or noun of what they did (the drop's trigger)


def police_token(token) -> bool:
    """Whether a token names the police ("police", "the crpf", "security forces", "bomb squad")."""
    low = token.lower_
    if low in POLICE or low in UNITS or low in RANKS:
        return True
    if low in TITLES and any(  # "the commissioner of police", "police commissioner"
        (c.dep_ == "compound" and c.lower_ in POLICE)
        or (c.lower_ == "of" and any(o.lower_ in POLICE for o in c.children))
        for c in token.children
    ):
        return True
    modifiers = (c.lower_ for c in token.children if c.dep_ in ("compound", "amod"))
    return low in HEADS and any(m in MODIFIERS for m in modifiers)


def police_mention(sent):
    """The sentence's first police mention that is not only a speaker or thinker ("…, police
    said"; where the model may find an activity), or None."""
    return next((t for t in sent if police_token(t) and not _speaker(t)), None)


def _speaker(token) -> bool:
    return token.dep_ == "nsubj" and token.head.lemma_.lower() in NOT_ACTS


def _happened(verb, sent) -> bool:
    fact = assess(verb, sent)
    return fact.reportable and fact.certainty != "possible"


def activity(sent) -> Activity | None:
    """The police's activity in the sentence by the rule (the first one found), or None."""
    for t in sent:
        if not police_token(t):
            continue
        head = t.head
        if t.dep_ == "compound" and head.head.i != head.i:
            if head.lower_ in ACT_NOUNS:
                return Activity(t, head)  # "police deployment", "a police raid"
            if head.lower_ in HEADS | POLICE:  # "police officers", "police personnel": the phrase
                t, head = head, head.head
        if t.dep_ == "pobj" and head.lower_ == "by" and head.dep_ == "agent":
            head, dep = head.head, "nsubj"  # "were detained by the police"
        else:
            dep = t.dep_
        verb = head
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        lemma = verb.lemma_.lower()
        acted = dep == "nsubj" and lemma not in NOT_ACTS
        deployed = dep in ("nsubjpass", "dobj") and lemma in DEPLOYED
        if (acted or deployed) and _happened(verb, sent):
            return Activity(t, verb)
    return None


def activity_drop(
    article_id: str, found: Activity, base: int, span: tuple[int, int], why: str, taken: list | None = None
) -> Drop:
    """The recorded finding: the act as trigger, the police doer (and its offsets) in the detail."""
    doer, act = found.doer, found.act
    if doer is None:
        detail = f"doer not named (an arrest: the police's); {why}"
    else:
        at = (base + doer.idx, base + doer.idx + len(doer.text))
        detail = f"doer '{doer.text}' at {at[0]}-{at[1]}; {why}"
    trigger = (base + act.idx, base + act.idx + len(act.text))
    if taken is not None and doer is not None and any(overlaps(trigger, t) for t in taken):
        # the act is another drop's trigger already (the gate's "other_sense" for police deployed to
        # secure an event): the finding cites the police, one reason per trigger
        trigger, detail = (base + doer.idx, base + doer.idx + len(doer.text)), f"{detail}; act '{act.text}'"
    return Drop(article_id, "extract", "police_activity", detail, span, trigger)


def _learned_act(sent, model):
    """The word the activity weights point at most (the trigger of a model-found activity)."""
    tokens = [t for t in sent if t.is_alpha and not t.is_stop and not police_token(t)] or list(sent)
    return max(tokens, key=lambda t: model.word_score(t.lower_, "ANY_ACTION"))


def find(sent, model=None) -> tuple[Activity | None, str]:
    """(the police activity in the sentence, why it was kept) by the rule, and by the learned
    recogniser as its ``activity`` setting says (``police_model.PoliceModel``; None: the rule)."""
    found = activity(sent)
    setting = getattr(model, "activity", None) or {}
    mode, t = setting.get("mode", "rule"), setting.get("threshold")
    if mode == "rule" or t is None or "ANY_ACTION" not in model.weights:
        return found, "police activity by the rule"
    if found is not None and mode == "or":
        return found, "police activity by the rule"
    doer = found.doer if found is not None else police_mention(sent) if mode == "or" else None
    if doer is None:
        return None, ""  # (no police named: the model is not asked, it costs time per sentence)
    p = model.probs(sent.text)["ANY_ACTION"]
    if found is not None and p >= t:
        return found, f"police activity by the rule (model p={p:.2f} >= {t:.2f})"
    if found is None and p >= t:
        why = f"police activity by the model: p={p:.2f} >= {t:.2f}"
        return Activity(doer, _learned_act(sent, model)), why
    return None, ""


def note_activity(drops: list, article_id: str, sent, actions: list, model, base: int) -> None:
    """Record the sentence's police activity (a drop ``police_activity``) when no event of the
    police was coded from it: a rule action left uncoded (an arrest with no conflict sense, a
    shooting with no crowd) or an activity ACLED has no event for."""
    span = (base + sent.start_char, base + sent.end_char)
    taken = [d.trigger for d in drops if d.trigger and d.sentence == span]
    for action in actions:
        doer = action.police if action.police is not None else police_mention(sent)
        if doer is not None or action.kind == "arrest":  # (a passive arrest: the police's)
            why = f"a police {action.kind} coded as no ACLED event"
            drops.append(activity_drop(article_id, Activity(doer, action.anchor), base, span, why, taken))
            return
    found, why = find(sent, model)
    if found is not None:
        drops.append(activity_drop(article_id, found, base, span, why, taken))
