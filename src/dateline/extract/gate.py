"""Which trigger words become event mentions, and why the others do not.

A trigger is not coded when it stands in a photo caption, is used in another sense, did not
(yet) happen, is denied or only feared or possible, is a running total, or is background to the
story. The reason is a ``records.DROP_REASONS`` key: ``dateline explain`` shows it to analysts.
"""

from __future__ import annotations

from dataclasses import replace

from . import timeframe
from .crowds import striking_people
from .factuality import Factuality, assess
from .senses import in_conflict_sense
from .triggers import TriggerHit, _by_first_word

REACTIONS = ("Protests",)  # event types that react to an event ("protested against the killing")


def drop_reason(fact: Factuality) -> str:
    """The ``DROP_REASONS`` key of a trigger that factuality does not let through."""
    return fact.drop_reason or "not_reportable"


def why_not(
    hit: TriggerHit, sent, kb, caption: bool, published: str | None
) -> tuple[str, str, Factuality | None]:
    """(DROP_REASONS key, detail, None) for a trigger that is not coded, or ("", "", its
    factuality) for one that is. ``published``: the article's ISO date, for background."""
    if caption:
        return "caption", "in a photo caption", None
    why = interception(hit.head)
    if why:
        return "aggregate", why, None
    if not in_conflict_sense(hit, sent, kb):
        # "dozens of attacks since 2019" is not a kind of event but a running total of them
        why = timeframe.aggregate(hit.head, sent) if hit.head.tag_ == "NNS" else ""
        return ("aggregate", why, None) if why else ("other_sense", "", None)
    if scheduled(hit.head):
        return "not_reportable", "an event scheduled or planned", None
    # "striking teachers gathered": the strikers' clause says whether the strike happened
    fact = assess(striking_people(hit) or hit.head, sent)
    if fact.reason == "participle without a past event" and past_progressive(hit.head):
        fact = replace(fact, reportable=True, reason="")  # "were throwing stones": it happened
    elif fact.reason == "infinitive or bare verb" and protest_purpose(hit):
        # "took out a procession to protest the arrest": the purpose of a past act of protest
        fact = replace(assess(purpose_governor(hit.head), sent), cue=fact.cue)
    elif fact.reason == "participle without a past event" and (host := participle_host(hit.head)) is not None:
        # "three stabbing incidents were reported", "opened fire on rioting mobs": the
        # participle describes an incident or a crowd, and their clause says whether it happened
        fact = assess(host, sent)
    if not fact.reportable:
        if timeframe.caption_like(hit.head):
            return "caption", f"{fact.reason} with a dated moment, as a caption speaks", None
        return drop_reason(fact), fact.reason, None
    why = timeframe.aggregate(hit.head, sent)
    if why:
        return "aggregate", why, None
    why = timeframe.toll_part(hit.head)
    if why:
        return "aggregate", why, None
    why = timeframe.background(hit.head, sent, published)
    if not why and hit.kind.event_type not in REACTIONS and hit.kind.sub_event_type != "Arrests":
        # only a reaction that is itself reported counts ("announced a rally against the
        # killings" reports neither)
        why = timeframe.cause(
            hit.head, lambda tok: reacts(tok) and (assess(tok, sent).reportable or held(tok))
        )
        why = why or protested_at(hit.head)
    if why:
        return "background", why, None
    if fact.certainty == "possible":  # "may have killed", "unconfirmed reports": only possible
        cue = sent.doc.text[slice(*fact.cue)] if fact.cue else ""
        return drop_reason(fact), f"certainty possible ({cue})", None
    return "", "", fact


# verbs whose object is a protest that need not have happened ("announced a rally")
UNHELD = {"announce", "plan", "call", "organise", "organize", "threaten", "vow", "cancel", "postpone",
          "promise", "propose", "urge", "warn", "say"}  # fmt: skip


def reacts(token) -> bool:
    """The word reports a reaction to an event: a protest or an arrest ("marched", "arrested")."""
    if token.pos_ not in ("VERB", "NOUN"):
        return False
    if token.pos_ == "NOUN" and token.dep_ == "dobj" and token.head.lemma_.lower() in UNHELD:
        return False
    if token.pos_ == "VERB" and token.lemma_.lower() not in UNHELD:
        # "observed a bandh against the killing", "staged a dharna over the arrests": the verb
        # whose object is the protest is the reaction
        if any(c.dep_ == "dobj" and reacts(c) for c in token.children):
            return True
    kinds = _by_first_word().get(token.lemma_.lower(), []) + _by_first_word().get(token.lower_, [])
    return any(
        len(phrase) == 1 and (kind.event_type in REACTIONS or kind.sub_event_type == "Arrests")
        for kind, phrase in kinds
    )


# verbs a protest's purpose can hang on without saying it happened ("decided to protest")
NOT_DONE = UNHELD | {"decide", "want", "plan", "intend", "hope", "refuse", "try", "prepare", "seek", "aim",
                     "agree", "allow", "permit", "ask"}  # fmt: skip


def protest_purpose(hit: TriggerHit) -> bool:
    """A protest verb in "to" saying why a past act was done ("gathered to protest the
    arrest", "took out a procession to protest the price rise"): the protest happened."""
    if hit.kind.event_type not in REACTIONS or hit.kind.plover_type != "PROTEST":
        return False
    return held(hit.head)


def held(head) -> bool:
    """A verb in "to" saying why a past act was done: the act it names happened."""
    gov = purpose_governor(head)
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)
    if (
        head.pos_ != "VERB"
        or not to
        or head.dep_ != "advcl"
        or gov.tag_ != "VBD"
        or gov.lemma_.lower() in NOT_DONE
    ):
        return False
    # "observed a bandh to protest against power cuts": the bandh itself tells the protest
    return not any(c.dep_ == "dobj" and reacts(c) for c in gov.children)


def protested_at(head) -> str:
    """Why the trigger is what a held protest is "at" ("took to the streets to protest at
    Friday's shooting"): the cause of a later event ("" when it is not)."""
    prep = head.head
    if head.dep_ != "pobj" or prep.lower_ != "at" or not (reacts(prep.head) and held(prep.head)):
        return ""
    return f"the cause a {prep.head.lower_!r} reacts to"


def purpose_governor(head):
    """The finite verb a purpose clause hangs on: through the participles of the same act
    ("took to the streets, burning tyres and stoning a police post, to protest at …": 'took')."""
    gov = head.head
    while gov.tag_ == "VBG" and gov.dep_ in ("conj", "advcl") and gov.head.i != gov.i:
        gov = gov.head
    return gov


# nouns a present participle trigger can describe as what happened: an incident, or the crowd
# doing it ("stabbing incidents", "rioting mobs", "mobs setting fire to shops")
PARTICIPLE_HOSTS = {"incident", "case", "mob", "crowd", "rioter", "protester", "protestor", "demonstrator",
                    "youth", "villager", "resident", "group", "gang", "gunman"}  # fmt: skip


def participle_host(head):
    """The incident or crowd noun a present participle trigger describes, or None."""
    if head.tag_ != "VBG" or head.dep_ not in ("amod", "compound", "acl") or head.head.i == head.i:
        return None
    host = head.head
    return host if host.pos_ == "NOUN" and host.lemma_.lower() in PARTICIPLE_HOSTS else None


PLANNED = {"schedule", "plan", "set", "slate", "due", "expect", "organise", "organize", "announce", "call"}


def scheduled(head) -> bool:
    """ "the rally scheduled to take place on the 12th", "a march planned for Saturday": a noun
    trigger whose participle says it is yet to happen."""
    if head.pos_ != "NOUN":
        return False
    return any(
        c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in PLANNED and c.i > head.i
        for c in head.children
    )


PAST_BE = {"was", "were"}


def past_progressive(head) -> bool:
    """ "rioters were throwing stones", "were smashing windows and throwing stones": a past
    progressive (the "were" may stand on the first verb of a coordination) tells what happened."""
    if head.tag_ != "VBG" or head.pos_ != "VERB":
        return False
    first = head
    while first.dep_ in ("conj", "advcl") and first.head.i != first.i and first.head.tag_ == "VBG":
        first = first.head
    return any(c.dep_ == "aux" and c.lower_ in PAST_BE for c in first.children)


# "shot down 48 of the 75 drones", "intercepted 20 missiles": a national tally of interceptions
# is not an event (ACLED codes the strikes where they hit), so the trigger is dropped
INTERCEPT_VERBS = {"intercept", "down", "downed", "neutralise", "neutralize"}
PROJECTILES = {"drone", "drones", "missile", "missiles", "rocket", "rockets", "uav", "uavs", "projectiles"}


def interception(head) -> str:
    """Why ``head`` reports a tally of drones or missiles shot down, or "" when it does not: the
    verb is "shot down", "intercepted" or "downed" and its object a number of projectiles."""
    if head.pos_ in ("NOUN", "NUM") and head.dep_ in ("dobj", "nsubjpass"):
        # the projectiles themselves as the trigger ("intercepted 20 missiles")
        return interception(head.head) if head.head.pos_ == "VERB" else ""
    if head.pos_ != "VERB":
        return ""
    lemma = head.lemma_.lower()
    shot_down = lemma == "shoot" and any(c.lower_ == "down" for c in head.children)
    if not shot_down and lemma not in INTERCEPT_VERBS and head.lower_ not in INTERCEPT_VERBS:
        return ""
    for obj in head.children:
        if obj.dep_ not in ("dobj", "nsubjpass"):
            continue
        # "48 of the 75 drones": the number is the object, the projectiles its "of"
        nouns = [obj] + [g for p in obj.children if p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
        counted = obj.like_num or any(c.dep_ == "nummod" for c in obj.children)
        if counted and any(n.lower_ in PROJECTILES for n in nouns):
            return f"a tally of interceptions ({head.text} … {obj.text})"
    return ""
