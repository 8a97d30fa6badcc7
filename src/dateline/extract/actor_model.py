"""The learned choice of who acted (actor1) and who was acted on (actor2).

Finding the actor phrases of a sentence stays crisp: every noun the knowledge-base resolver
(``roles.ActorResolver``) can name is a candidate. Which candidate is the event's actor1 or
actor2 is decided by two logistic regressions (``role_model.LogReg``) over sparse binary
features read from the parse — the candidate's relation to the trigger, the voice, its
position, its knowledge-base type, how the syntax rules (``roles.role_tokens``) read it —
trained by ``scripts/train_actor_model.py`` on the team-written sentences in
``data/training/actors`` and shipped as ``data/actor_model.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources as package_files

from ..resources import Resources
from .fatalities import KILL_VERBS
from .role_model import THRESHOLD, LogReg, logreg_of, logregs_json
from .roles import AGENT_VERBS, TARGET_VERBS, ActorRef, ActorResolver, Salience, role_tokens

MODEL_FILE = "actor_model.json"
HARM_VERBS = {"injure", "wound", "hurt", "abduct", "kidnap", "arrest", "detain", "displace", "shoot", "beat"}
SAY = {"say", "tell", "report", "state", "claim", "announce", "accuse", "blame", "add", "confirm"}
CANDIDATE_POS = {"NOUN", "PROPN", "PRON"}


@dataclass
class ActorModels:
    actor1: LogReg
    actor2: LogReg


@dataclass
class ActorCandidate:
    token: object  # the spaCy token whose phrase names the actor
    ref: ActorRef
    features: dict[str, float] = field(default_factory=dict)


def rule_tokens(reportable) -> tuple[object, list, list, list]:
    """The coded trigger of a sentence's reportable triggers (the highest-ranked typed one) and
    its actor tokens by the syntax rules, those of the other triggers filling an empty side;
    also every other trigger's actor tokens (``Mention.others``)."""
    hit = max(reportable, key=lambda hf: hf[0].kind.rank)[0]
    typed = [h for h, _ in reportable if not h.kind.anaphor]
    if typed:
        hit = max(typed, key=lambda h: h.kind.rank)
    a1, a2 = role_tokens(hit.head)
    others: list = []
    for h, _ in sorted(reportable, key=lambda hf: -hf[0].kind.rank):
        if h is hit:
            continue
        t1, t2 = role_tokens(h.head)
        others += t1 + t2
        if hit.kind.event_type == "Battles" and h.kind.event_type == "@kill":
            continue  # in a battle the dead are casualties, not the other side
        a1 += [] if a1 else t1
        a2 += [] if a2 else t2
    return hit, a1, a2, others


def actors_of_tokens(
    tokens, resolver: ActorResolver, salience: Salience
) -> list[tuple[ActorRef, tuple[int, int]]]:
    """The actors the role tokens (and their conjuncts) name, one per actor and country."""
    found: list = []
    for token in tokens:
        for tok in [token, *token.conjuncts]:
            ref = resolver.resolve(tok, salience)
            # an unresolved word with an apposition names its actor there: "the group, al-Shabaab",
            # and a dateline parsed as the subject ("KABUL, May 3 - The Taliban ...")
            for appos in (c for c in tok.children if c.dep_ == "appos"):
                ref = ref or resolver.resolve(appos, salience)
            # (one side per actor: "Saudi forces" and "Yemeni forces" are two)
            key = (ref.entry.name, ref.country_hint) if ref is not None else None
            if ref is not None and all(key != (r.entry.name, r.country_hint) for r, _ in found):
                found.append((ref, ref.span))
    return found


def _depth(token) -> int:
    n = 0
    while token.head.i != token.i and n < 40:
        token, n = token.head, n + 1
    return n


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def actor_candidates(sent, resolver: ActorResolver, salience: Salience) -> list[ActorCandidate]:
    """Every actor phrase of a sentence: one candidate per resolvable noun, the phrase's highest
    noun kept when several name the same actor ("Daesh fighters": one)."""
    found: list[ActorCandidate] = []
    for token in sorted((t for t in sent if t.pos_ in CANDIDATE_POS), key=_depth):
        ref = resolver.resolve(token, salience)
        if ref is None:
            continue
        if any(c.ref.entry is ref.entry and _overlaps(c.ref.span, ref.span) for c in found):
            continue
        found.append(ActorCandidate(token, ref))
    return sorted(found, key=lambda c: c.token.i)


def _relation(token, trigger) -> str:
    """How a candidate noun relates to the trigger, by the parse."""
    if token.i == trigger.i:
        return "is_trigger"
    head, dep = token.head, token.dep_
    if head.i == trigger.i:
        return dep if dep in ("nsubj", "nsubjpass", "dobj", "poss", "compound", "amod", "nmod") else "child"
    if dep == "pobj" and head.head.i == trigger.i:
        return "agent" if head.dep_ == "agent" else f"prep:{head.lower_}"
    if dep == "pobj" and head.head.head.i == trigger.i and head.head.pos_ == "NOUN":
        return f"nounprep:{head.lower_}"  # "clashes with X" under the trigger
    if dep in ("nsubj", "nsubjpass") and head.i == trigger.head.i and trigger.dep_ in ("dobj", "pobj"):
        return "subj_of_head"  # "X launched an attack"
    if dep == "nsubj" and trigger.dep_ in ("xcomp", "conj", "advcl") and trigger.head.i == head.i:
        return "raised_subj"
    if any(a.i == trigger.i for a in token.ancestors):
        return "under_trigger"
    if any(a.i == token.i for a in trigger.ancestors):
        return "above_trigger"
    return "elsewhere"


def _features(cand: ActorCandidate, trigger, event_type: str | None, rule1: list, rule2: list, kb) -> dict:
    token, entry = cand.token, cand.ref.entry
    rel = _relation(token, trigger)
    for other in token.conjuncts:  # "X and Y clashed": Y stands where X does
        if rel in ("elsewhere", "under_trigger"):
            other_rel = _relation(other, trigger)
            rel = other_rel if other_rel != "elsewhere" else rel
    verbal = trigger.pos_ == "VERB" or any(c.dep_ in ("nsubj", "dobj") for c in trigger.children)
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in trigger.children)
    inter = f"i{entry.inter}" if entry.inter is not None else "inone"
    f = {"bias": 1.0, f"rel:{rel}": 1.0, f"dep:{token.dep_}": 1.0, f"kind:{entry.kind}": 1.0}
    f[f"inter:{inter}"] = 1.0
    f[f"rel_inter:{rel}:{inter}"] = 1.0
    f["verbal" if verbal else "nominal"] = 1.0
    if passive:
        f["passive"] = 1.0
        f[f"passive_rel:{rel}"] = 1.0
    f[f"et:{event_type}:{inter}"] = 1.0
    f["before" if token.i < trigger.i else "after"] = 1.0
    dist = abs(token.i - trigger.i)
    f["dist:" + ("near" if dist <= 3 else "mid" if dist <= 8 else "far")] = 1.0
    lemma = token.lemma_.lower()
    if cand.ref.country_hint:
        f["country_hint"] = 1.0
    if lemma in kb.by_weapon or lemma in kb.by_attack:
        f["weapon_word"] = 1.0
    if lemma in kb.by_target:
        f["target_word"] = 1.0
    if token.dep_ == "poss":
        f["possessive"] = 1.0
    if token.ent_type_ == "GPE":
        f["gpe"] = 1.0
    head = token.head
    if head.pos_ == "VERB" and head.i != trigger.i:
        lemma_h = head.lemma_.lower()
        f[f"headverb:{_verb_class(lemma_h)}:{token.dep_}"] = 1.0
    spans = [(t.idx, t.idx + len(t.text)) for t in (token, *token.conjuncts)]
    for name, rule in (("rule1", rule1), ("rule2", rule2)):
        if any(
            _overlaps(ref.span, cand.ref.span) or any(_overlaps(ref.span, s) for s in spans)
            for ref, _ in rule
        ):
            f[name] = 1.0
            f[f"{name}:{inter}"] = 1.0
    return f


def _verb_class(lemma: str) -> str:
    """Classes of the verb that governs a candidate other than the trigger: "killing 20
    worshippers", "the army said", "survived an attack"."""
    if lemma in SAY:
        return "say"
    if lemma in KILL_VERBS or lemma in HARM_VERBS:
        return "harm"
    if lemma in TARGET_VERBS:
        return "target"
    return "agent" if lemma in AGENT_VERBS else "other"


def featurise(cands: list[ActorCandidate], trigger, event_type: str | None, rule1, rule2, kb) -> None:
    """Fill each candidate's features (``rule1``/``rule2``: the rules' sides, (ref, span) pairs)."""
    for cand in cands:
        cand.features = _features(cand, trigger, event_type, rule1, rule2, kb)
    if cands:
        cands[0].features["first"] = 1.0


def choose(
    cands: list[ActorCandidate], models: ActorModels, event_type: str | None = None
) -> tuple[list, list]:
    """actor1 and actor2 (ref, span) lists: each candidate to the side the model finds likelier,
    if likely enough, likeliest first; one per actor and country. In a battle both sides are
    armed: civilians killed or hurt in it are casualties, never a side (ACLED)."""
    if event_type == "Battles":
        cands = [c for c in cands if not (c.ref.entry.inter == 7 and _harmed(c))]
    scored = [
        (models.actor1.probability(c.features), models.actor2.probability(c.features), c) for c in cands
    ]
    side1 = sorted(((p1, c) for p1, p2, c in scored if p1 >= THRESHOLD and p1 >= p2), key=lambda x: -x[0])
    side2 = sorted(((p2, c) for p1, p2, c in scored if p2 >= THRESHOLD and p2 > p1), key=lambda x: -x[0])
    actor1 = _distinct(c for _, c in side1)
    return actor1, _distinct((c for _, c in side2), taken=actor1)


def _harmed(cand: ActorCandidate) -> bool:
    """Whether a verb of killing or harm other than the trigger governs the candidate."""
    return any(name.startswith("headverb:harm:") for name in cand.features)


def _distinct(cands, taken: list | None = None) -> list:
    """(ref, span) per distinct actor and country, no generic one ``taken`` by the other side
    ("soldiers clashed with troops" is one side; a named group may fight its own members)."""
    out: list = []
    seen = {(r.entry.name, r.country_hint) for r, _ in taken or [] if r.entry.kind == "generic"}
    for c in cands:
        key = (c.ref.entry.name, c.ref.country_hint)
        if key not in seen and all(key != (r.entry.name, r.country_hint) for r, _ in out):
            out.append((c.ref, c.ref.span))
    return out


def to_json(models: ActorModels) -> dict:
    return logregs_json(actor1=models.actor1, actor2=models.actor2)


def from_json(raw: dict) -> ActorModels:
    return ActorModels(logreg_of(raw["actor1"]), logreg_of(raw["actor2"]))


def load_actor_models(resources: Resources) -> ActorModels | None:
    """The shipped model, once per Resources (None when it is not shipped)."""

    def build() -> ActorModels | None:
        path = package_files.files("dateline") / "data" / MODEL_FILE
        return from_json(json.loads(path.read_text("utf-8"))) if path.is_file() else None

    return resources.memo("actor_models", build)
