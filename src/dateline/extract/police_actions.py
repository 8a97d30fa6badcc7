"""Police actions: sentences that report the police arresting people or using force on a crowd
(opening fire, tear gas, a lathi or baton charge), coded as ACLED codes them
(docs/coding-guidelines.md):

- an arrest by the police, or an arrest in the passive with no doer named (ACLED takes the state's
  police to be the doer), is Strategic developments / Arrests with the police as actor1;
- the police firing on, or charging, a mob is a riot with the police as actor1 and the rioters as
  actor2 (merge/kind.py: any violence used on rioters is a riot); on protesters, a protest met
  with intervention (or excessive force when people died), the protesters first;
- "killed in police firing": the police are actor1 of the killing, with its toll (in a report of
  a riot or a crowd; a police shooting of a suspect is not a conflict event); "militants killed in
  an encounter with the police": the police against the armed group the victims resolve to;
- explosives the police seize or defuse (bombs, grenades, detonators) are Strategic developments
  / Disrupted weapons use with the police as actor1;
- arrests need a report of riots, clashes or bombings, or the political or conflict context the
  gate asks of an arrest (``senses.in_conflict_sense``): an arrest for drink-driving is not ACLED's.

A police action that is no ACLED event is kept as a ``police_activity`` drop (police_activity.py).
Rules find them: the action word, the police as its doer (or a passive arrest with no doer), and
that it happened (not an order, a plan or a demand; "had to open fire" did happen).
Those rules, read off dev errors, did not carry to held-out reports; the learned recogniser
(``police_model.py``, cross-validated by report) vetoes a candidate it is sure is not the police's
action (a drop, ``other_sense``) and adds a sentence it is sure of that the rules missed, where its
cross-validated figure beats the rules' in-sample one and the keyword baseline's
(without a model file the rules run alone).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import Drop
from ..resources import Resources
from . import police_words as words  # the vocabulary (shared with police_activity.py)
from .attribution import for_sentences
from .factuality import Factuality, assess
from .roles import ActorRef, ActorResolver, Salience
from .senses import in_conflict_sense
from .timeframe import aggregate, background
from .triggers import TriggerHit, TriggerType


@dataclass
class PoliceAction:
    kind: str  # "arrest" | "force" | "seize"
    anchor: object  # the spaCy token of the action word (the trigger)
    police: object | None  # the police token, None for a passive arrest with no doer named
    crowd: object | None  # the mob or protesters acted on
    protest: bool  # the crowd is protesters
    deaths: bool  # the sentence reports deaths in the police's firing


def _by_police(token, doers=words.POLICE):
    """ "by the police", "by a team of the city police": the passive's doer."""
    for c in token.children:
        if c.dep_ in ("agent", "prep") and c.lower_ == "by":
            objects = [o for o in c.children if o.dep_ == "pobj"]
            return next((t for o in objects for t in o.subtree if t.lower_ in doers), None)
    return None


def _antecedent(pronoun):
    """ "they" after a sentence whose subject is the police: the police of that sentence."""
    start = pronoun.sent.start
    if pronoun.lower_ != "they" or start == 0:
        return None
    before = pronoun.doc[start - 1].sent
    return next((t for t in before if t.lower_ in words.POLICE and t.dep_ in ("nsubj", "nsubjpass")), None)


def police_doer(anchor, doers=words.POLICE):
    """The police token that does the action (subject, "police firing", "by the police"), climbing
    from the action word through infinitives, objects and coordinated verbs."""
    if (
        anchor.i > 0
        and anchor.nbor(-1).lower_ in words.POLICE
        and anchor.lower_ in (words.FIRING | words.ENCOUNTER)
    ):
        return anchor.nbor(-1)  # "police firing", "a police encounter", however the parser attached it
    if anchor.lower_ in words.ENCOUNTER:  # "an encounter with the police"
        return next(
            (o for c in anchor.children if c.lower_ == "with" for o in c.children if o.lower_ in doers), None
        )
    node = anchor
    for _ in range(5):
        for c in node.children:
            if c.lower_ in doers and c.dep_ in ("nsubj", "compound", "poss", "nmod", "amod"):
                return c
            if c.dep_ == "nsubj" and (found := _antecedent(c)) is not None:
                return found
        found = _by_police(node, doers)
        if found is not None:
            return found
        if node.dep_ == "relcl" and node.head.lower_ in doers:
            return node.head  # "the police, who fired 20 rounds"
        if node.dep_ not in words.CLIMB or node.head.i == node.i:
            return None
        node = node.head
    return None


def _event_verb(anchor):
    """The verb that reports a nominal action ("killed in police firing", "lobbed tear gas
    shells"): it says whether the action happened."""
    node = anchor
    while (node.pos_ not in ("VERB", "AUX") or node.lower_ in words.FIRING) and node.head.i != node.i:
        node = node.head
    return node if node.pos_ in ("VERB", "AUX") else anchor


def _realised(anchor, sent) -> bool:
    anchor = _event_verb(anchor)
    if _counterfactual(anchor):
        return False
    fact = assess(anchor, sent)
    if fact.reportable and fact.certainty != "possible":
        return True
    head = anchor.head
    # "had to open fire", "were able to arrest": the obligation or ability in the past happened
    return (
        not fact.reason.startswith("negated")
        and anchor.dep_ in ("xcomp", "pobj", "acomp")
        and any(
            t.lemma_.lower() in words.REALISING and t.tag_ in ("VBD", "VBN", "JJ") for t in (head, head.head)
        )
    )


def _crowd(sent):
    for t in sent:
        if t.lower_ in words.PROTESTERS:
            return t, True
    for t in sent:
        if t.lower_ in words.RIOTERS:
            return t, False
    return None, False


def _arrest_anchor(token) -> bool:
    if token.lemma_.lower() in words.ARREST_LEMMAS and token.pos_ in ("VERB", "NOUN"):
        return token.pos_ == "VERB" or token.lower_ == "arrests"
    if token.pos_ != "VERB":
        return False
    if token.lemma_.lower() == "take":  # "taken into custody"
        return any(
            p.lower_ in ("into", "in") and any(o.lower_ == "custody" for o in p.children)
            for p in token.children
        )
    nxt = token.nbor() if token.i + 1 < len(token.doc) else None
    return nxt is not None and (token.lemma_.lower(), nxt.lower_) in words.ARREST_PARTICLES


def _force_anchor(token) -> bool:
    low = token.lower_
    if low in words.FIRING or low.startswith(("lathi", "teargas", "baton")):
        return True
    if low in ("caned", "caning") or (low in words.ENCOUNTER and token.pos_ == "NOUN"):
        return True
    if token.pos_ == "VERB" and token.lemma_.lower() == "shoot":  # a crowd shot: "rioters were shot dead"
        crowd = words.RIOTERS | words.PROTESTERS  # (a suspect shot is no conflict event)
        return any(c.dep_ in ("nsubjpass", "dobj") and c.lower_ in crowd for c in token.children)
    if low in words.BULLETS and any(c.lower_ in words.POLICE for c in token.children):
        return True  # "hit by a police bullet"
    if low == "fire" and token.head.lemma_.lower() == "open":
        return True
    if token.lemma_.lower() == "fire" and token.pos_ == "VERB":
        return any(words.ROUND.match(c.lower_) or c.dep_ == "prep" for c in token.children) or not list(
            token.children
        )
    if low != "gas":  # "tear gas", "tear-gas": the words before, read only then (~1% of the CPU)
        return False
    return [t.lower_ for t in token.doc[max(token.i - 2, 0) : token.i] if t.lower_ != "-"][-1:] == ["tear"]


def _anchor_token(token):
    """ "opened fire": the verb is the trigger; the tear gas's shells or the fire itself else."""
    if token.lower_ == "fire" and token.head.lemma_.lower() == "open":
        return token.head
    return token


def candidates(sent) -> list[PoliceAction]:
    """The sentence's police arrests and uses of force by the rules (one of each kind at most)."""
    found: dict[str, PoliceAction] = {}
    crowd = None  # (the crowd, whether protesters, whether deaths): scanned only once an action is found
    for token in sent:
        kind = _kind(token)
        if kind is None or kind in found:
            continue
        anchor = _anchor_token(token)
        police = police_doer(anchor, words.AUTHORITIES if kind == "arrest" else words.POLICE)
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in anchor.children) or (
            anchor.dep_ == "acl" and anchor.tag_ == "VBN"  # "the two men arrested on tuesday"
        )
        if kind == "seize" and police is None and passive and not _has_agent(anchor):
            # "when police checked the rickshaw, four bombs were found": the police's find
            police = next(
                (t for t in sent if t.lower_ in words.POLICE and t.dep_ in ("nsubj", "compound")), None
            )
        if police is None and not (kind == "arrest" and passive and not _has_agent(anchor)):
            continue
        if not _realised(anchor, sent) or aggregate(anchor, sent) or background(anchor, sent, None):
            continue
        if crowd is None:
            crowd = (*_crowd(sent), any(t.lemma_.lower() in words.DEATH_WORDS for t in sent))
        found[kind] = PoliceAction(kind, anchor, police, crowd[0], crowd[1], crowd[2] and kind == "force")
    return list(found.values())


def _kind(token) -> str | None:
    if _arrest_anchor(token):
        return "arrest"
    if _force_anchor(token):
        return "force"
    return "seize" if _seize_anchor(token) else None


def _seize_anchor(token) -> bool:
    """ "recovered country-made bombs", "explosives were seized": weapons taken or defused."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in words.SEIZE_LEMMAS:
        return False
    things = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    things += [c for t in things for c in t.conjuncts]
    return any(t.lemma_.lower() in words.WEAPONS or t.lower_ in words.WEAPONS for t in things)


def _counterfactual(verb) -> bool:
    """ "had he been detained (the problems would have been fewer)": an inverted condition, the
    subject between "had" and "been" (however the parser attached the words)."""
    before = [t.lower_ for t in verb.doc[max(verb.i - 6, verb.sent.start) : verb.i]]
    if "had" not in before or before[-1:] != ["been"]:
        return False
    between = before[len(before) - before[::-1].index("had") : -1]
    return bool(between) and "been" not in between


def _has_agent(anchor) -> bool:
    return any(c.dep_ == "agent" for c in anchor.children)


# The kinds the police's actions are coded with (merge/kind.py settles "@kill" and "@protest" by the
# sides: a mob as actor2 makes a riot; protesters, a protest met with intervention or force).
SEIZE_KIND = TriggerType(
    (), frozenset(), "Strategic developments", "Disrupted weapons use", "COERCE", "seize", 40
)  # (rank 40: not a frame that violence nearby joins, merge/cluster.py)
ARREST_KIND = TriggerType((), frozenset(), "Strategic developments", "Arrests", "COERCE", "arrest", 40)
ARREST_IN_CONFLICT = TriggerType((), frozenset(), "Strategic developments", None, "COERCE", "arrest", 40)
FORCE_KIND = TriggerType((), frozenset(), "@kill", "Attack", "ASSAULT", "firearms", 43)
PROTEST_KIND = TriggerType((), frozenset(), "Protests", "@protest", "ASSAULT", "crowd-control", 46)
FORCE_FAMILY = {"@kill", "Riots", "Protests", None}
KINDS = {"arrest": ARREST_KIND, "seize": SEIZE_KIND, "force": FORCE_KIND}
CONFLICT_WORDS = re.compile(
    r"\b(?:riot\w*|clash\w*|mobs?|communal|carnage|massacre|curfew|arson|blasts?|bombings?|explosions?)\b",
    re.I,
)
RIOT_WORDS = re.compile(r"\b(?:mobs?|rioters|riots?|rioting)\b", re.I)


def _is_police(refs) -> bool:
    return any("police" in ref.entry.name.lower() for ref, _ in refs)


def _ref(resolver, salience, kb, token, base: int, fallback: str, span: tuple[int, int]):
    """(actor, article offsets) for a token, or the knowledge base's generic ``fallback`` actor
    cited at ``span`` (article offsets) when the token does not resolve."""
    ref = resolver.resolve(token, salience) if token is not None else None
    if ref is not None:
        return ref, (ref.span[0] + base, ref.span[1] + base)
    entry = kb.lookup(fallback)
    return (ActorRef(entry, span), span) if entry is not None else None


def _code(m, action: PoliceAction, resolver, salience, kb, base: int, article_text: str) -> bool:
    """Set the police's side (and the crowd's) on a mention of ``action``; False when no crowd
    is known for a use of force (nothing to code it against)."""
    anchor = action.anchor
    trigger = (base + anchor.idx, base + anchor.idx + len(anchor.text))
    doer = action.police
    if doer is not None and doer.lower_ not in words.POLICE:  # "the authorities": their police force
        police = _ref(
            resolver, salience, kb, None, base, "police", (base + doer.idx, base + doer.idx + len(doer.text))
        )
    else:
        police = _ref(resolver, salience, kb, doer, base, "police", trigger)
    if police is None:
        return False
    kind = SEIZE_KIND if action.kind == "seize" else ARREST_KIND
    other = None
    if action.kind == "force":
        crowd = action.crowd
        if crowd is None and anchor.lower_ in words.ENCOUNTER:  # the victims: an armed group, or no event
            victims = next((c for c in _event_verb(anchor).children if c.dep_ in ("nsubjpass", "dobj")), None)
            ref = resolver.resolve(victims, salience) if victims is not None else None
            if ref is None or ref.entry.inter not in (2, 3, 4):
                return False
            other = (ref, (ref.span[0] + base, ref.span[1] + base))
        elif crowd is None:
            found = RIOT_WORDS.search(article_text)
            if found is not None:  # the police fired in a riot the report tells of
                other = _ref(resolver, salience, kb, None, base, "rioters", (found.start(), found.end()))
            else:
                return False  # no crowd and no riot: a police shooting, not a conflict event
        else:
            other = _ref(resolver, salience, kb, crowd, base, "protesters" if action.protest else "rioters",
                         (base + crowd.idx, base + crowd.idx + len(crowd.text)))  # fmt: skip
        kind = PROTEST_KIND if action.protest and not action.deaths else FORCE_KIND
    m.trigger, m.event_type, m.sub_event_type = trigger, kind.event_type, kind.sub_event_type
    m.plover_type, m.plover_mode, m.rank, m.anaphoric = kind.plover_type, kind.plover_mode, kind.rank, False
    if kind is PROTEST_KIND:
        m.actor1, m.actor2 = ([other] if other else []), [police]
    else:
        m.actor1, m.actor2 = [police], ([other] if other else m.actor2 if action.kind != "force" else [])
    return True


def add_police_mentions(annotated, resources: Resources, mentions: list, drops: list, make) -> list:
    """``mentions`` with the police's arrests and uses of force coded (``make``: the mention
    builder of ``mentions.py``); the drops of the trigger words so coded are withdrawn."""
    from .police_activity import note_activity  # (they import this module's rules)
    from .police_model import police_model, with_model

    kb, gaz, model = resources.kb, resources.gazetteer, police_model(resources)
    actions_learnt = model is not None and any(
        t is not None for t in [*model.add.values(), *model.veto.values()]
    )
    text, article_id = annotated.cleaned.article.text, annotated.cleaned.article.article_id
    resolver, salience = ActorResolver(kb, resources.country_of_modifier), Salience()
    added, coded = [], []
    # the gate's reasons stand, except that an action did not happen ("had to open fire" did)
    ruled_out = [(d.trigger, d.reason) for d in drops if d.trigger and d.reason != "not_reportable"]
    # in a report of riots, clashes or bombings an arrest is the conflict's (ACLED codes them):
    # the sense check then asks only that it is not a trial, a general mention or a compound
    # (a kind without "Arrests" skips its sentence-level political cues)
    sense = ARREST_IN_CONFLICT if CONFLICT_WORDS.search(text) else ARREST_KIND
    for paragraph, (segment, doc) in enumerate(annotated.docs):
        if segment.kind == "caption":
            continue
        base, said = segment.start, None
        for n, sent in enumerate(doc.sents):
            actions = candidates(sent)
            span = (base + sent.start_char, base + sent.end_char)
            if actions_learnt:  # the learned recogniser vetoes and adds (police_model.py)
                actions, vetoed = with_model(sent, actions, model)
                for action, detail in vetoed:
                    at = (base + action.anchor.idx, base + action.anchor.idx + len(action.anchor.text))
                    drops.append(Drop(article_id, "extract", "other_sense", detail, span, at,
                                      KINDS[action.kind].event_type, KINDS[action.kind].sub_event_type))  # fmt: skip
            here = [m for m in mentions if m.sentence == span]
            left, before = [], len(coded)  # actions the police took that are no ACLED event
            said = said or for_sentences(doc) if actions else said
            for action in actions:
                anchor = (base + action.anchor.idx, base + action.anchor.idx + len(action.anchor.text))
                if action.kind == "arrest":
                    # the sense of an arrest is judged here, with the report's context (below)
                    if not in_conflict_sense(TriggerHit([action.anchor], sense), sent, kb):
                        left.append(action)
                        continue
                    out = [t for t, why in ruled_out if why != "other_sense"]
                else:
                    out = [t for t, _ in ruled_out]
                if any(words.overlaps(anchor, t) for t in out):
                    continue  # another sense, background, a running total, denied: as the gate said
                if action.kind != "force":
                    sub = ARREST_KIND.sub_event_type if action.kind == "arrest" else SEIZE_KIND.sub_event_type
                    done = [m for m in here if m.sub_event_type == sub]
                else:
                    done = [m for m in here if m.event_type in FORCE_FAMILY and m.sub_event_type != "Arrests"]
                    # the same trigger read with the sides turned ("were shot dead by the police")
                    done = [
                        m
                        for m in here
                        if m.trigger and words.overlaps(m.trigger, anchor) and _is_police(m.actor2)
                    ] or done
                if any(
                    (_is_police(m.actor1) and (m.actor2 or action.kind != "force"))
                    or (m.event_type == "Protests" and _is_police(m.actor2))
                    for m in done
                ):
                    continue  # coded already (a police killing with no side fired at gets the crowd)
                if done:
                    target = done[0]
                else:
                    fact = assess(action.anchor, sent)
                    if not fact.reportable:
                        fact = Factuality(True, "confirmed", None)
                    hit = TriggerHit([action.anchor], KINDS[action.kind])
                    target = make([(hit, fact)], sent, paragraph, base, said[n], False, resolver, salience,
                                  kb, gaz, resources)  # fmt: skip
                if _code(target, action, resolver, salience, kb, base, text):
                    coded.append(target.trigger)
                    if not done:
                        added.append(target)
                else:
                    left.append(action)
            if len(coded) == before and not any(_is_police(m.actor1) or _is_police(m.actor2) for m in here):
                note_activity(drops, article_id, sent, left, model, base)  # a finding, not an event
    if coded:
        drops[:] = [d for d in drops if not (d.trigger and any(words.overlaps(d.trigger, c) for c in coded))]
    return sorted(mentions + added, key=lambda m: m.sentence[0]) if added else mentions
