"""Event typing of a snippet: ACLED sub-event code (CASE 2021 task 2 codes).

Two models, trained on the examples in ``data/training/`` and shipped in ``data/event_model/``
(read by ``typing_models.py``, once per ``Resources``), vote with their probabilities:

* a multinomial logistic regression over TF-IDF word 1-2-grams, character 3-5-grams and cue features
  (lexicon hits, ``r:`` features below), plain numpy arrays (``scripts/train_event_model.py``): the
  words themselves;
* all-mpnet-base-v2 fine-tuned on the same examples and run as int8 ONNX
  (``scripts/finetune_event_model.py``, ``extract/embedding.py``): the meaning, which carries over
  from the written examples to wording they never used.

(PLOVER type and mode do not come from here: an event takes them from the trigger lexicon and
``cameo.PLOVER_OF_SUB_EVENT``.)

A few crisp rules then veto classes whose defining element is missing (an air strike without an
aircraft or drone, a suicide bombing without a suicide attacker) and move protests by what the
police did.
"""

from __future__ import annotations

import re

import numpy as np

from ..resources import Resources, default_resources
from .typing_models import (  # noqa: F401 - features and the model classes are used from here too
    _CUE_RES,
    CUES,
    FineTunedModel,
    LinearModel,
    features,
    load_model,
    model,
)

# code -> (ACLED event_type, sub_event_type); the five out-of-scope CASE codes map to (None, None).
ACLED_CODES: dict[str, tuple[str | None, str | None]] = {
    "ARMED_CLASH": ("Battles", "Armed clash"),
    "GOV_REGAINS_TERIT": ("Battles", "Government regains territory"),
    "NON_STATE_ACTOR_OVERTAKES_TER": ("Battles", "Non-state actor overtakes territory"),
    "CHEM_WEAP": ("Explosions/Remote violence", "Chemical weapon"),
    "AIR_STRIKE": ("Explosions/Remote violence", "Air/drone strike"),
    "SUIC_BOMB": ("Explosions/Remote violence", "Suicide bomb"),
    "ART_MISS_ATTACK": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "REM_EXPLOS": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "GRENADE": ("Explosions/Remote violence", "Grenade"),
    "SEX_VIOL": ("Violence against civilians", "Sexual violence"),
    "ATTACK": ("Violence against civilians", "Attack"),
    "ABDUCT_DISSAP": ("Violence against civilians", "Abduction/forced disappearance"),
    "PEACE_PROTEST": ("Protests", "Peaceful protest"),
    "PROTEST_WITH_INTER": ("Protests", "Protest with intervention"),
    "FORCE_AGAINST_PROTEST": ("Protests", "Excessive force against protesters"),
    "VIOL_DEMONSTR": ("Riots", "Violent demonstration"),
    "MOB_VIOL": ("Riots", "Mob violence"),
    "AGREEMENT": ("Strategic developments", "Agreement"),
    "ARREST": ("Strategic developments", "Arrests"),
    "CHANGE_TO_GROUP_ACT": ("Strategic developments", "Change to group/activity"),
    "DISR_WEAP": ("Strategic developments", "Disrupted weapons use"),
    "HQ_ESTABLISHED": ("Strategic developments", "Headquarters or base established"),
    "PROPERTY_DISTRUCT": ("Strategic developments", "Looting/property destruction"),
    "NON_VIOL_TERRIT_TRANSFER": ("Strategic developments", "Non-violent transfer of territory"),
    "OTHER": ("Strategic developments", "Other"),
    "NATURAL_DISASTER": (None, None),
    "MAN_MADE_DISASTER": (None, None),
    "ORG_CRIME": (None, None),
    "DIPLO": (None, None),
    "ATTRIB": (None, None),
}
OUT_OF_SCOPE = frozenset(c for c, (t, _) in ACLED_CODES.items() if t is None)

ACCIDENT = re.compile(r"\b(leak\w*|spill\w*|plant|factory|crash\w*|accident\w*|hazard|derail\w*)\b")
ATTACKISH = re.compile(r"\b(attack\w*|weapons?|dropped|fired|shell\w*|bomb\w*|rockets?|strikes?|raids?)\b")
GOVT = re.compile(
    r"\b(army|armed forces|government (forces|troops|soldiers)|troops|troopers|soldiers|military|"
    r"regime|security forces|state forces|national guard|marines|police)\b"
)
NONSTATE = re.compile(
    r"\b(rebels?|militants?|insurgents?|jihadis?t?s?|fighters|militia\w*|guerrillas?|opposition|"
    r"taliban|islamic state|isis|isil|daesh|al-shabaab|boko haram|houthis?|separatists?|gunmen|"
    r"armed groups?|extremists?|terrorists?|mujahideen|iswap|jnim)\b"
)
PERSON_OBJECT = re.compile(
    r"\s+(an?|the|\d+|two|three|four|five|several|dozens of|a number of)?\s*(senior |top |wanted |"
    r"suspected |notorious |key )*(commanders?|leaders?|suspects?|militants?|members?|"
    r"m[ae]n|fighters|insurgents|rebels|chief|officials?|soldiers|kingpin|ringleader)\b"
)
WITHDRAWAL = re.compile(
    r"\b(withdr[ae]w\w*|pull(ed|ing)? (out|back)|abandon\w*|handed (it )?over|hand(ing)? over|"
    r"without (a fight|resistance|fighting|firing)|unopposed|deserted|vacated|evacuated|left (it|the))\b"
)
FIGHTING = re.compile(
    r"\b(fight\w*|clash\w*|battles?|assault|offensive|attack\w*|shell\w*|strikes?|killed|routed)\b"
)
PROTEST_BOOST = 4.0  # how much the protest rule multiplies the class it points to
# The word model votes with a model that reads meaning, the fine-tuned MPNet; the word model's
# weight was chosen on CASE dev.
MEANING_MODEL = {"acled": "acled_mpnet.onnx"}
WORD_WEIGHT = {"acled": 0.4}


def vote(name: str, texts: list[str], words_only: bool, resources: Resources) -> tuple[list[str], np.ndarray]:
    """Labels and probabilities of the word model ``name``.npz averaged with its meaning model
    ``MEANING_MODEL[name]``, with the word model's share ``WORD_WEIGHT[name]``."""
    words = model(f"{name}.npz", resources)
    probs = words.proba(texts)
    if words_only:
        return words.labels, probs
    return words.labels, blend(name, words.labels, texts, probs, resources)


def blend(
    name: str, labels: list[str], texts: list[str], word_probs: np.ndarray, resources: Resources
) -> np.ndarray:
    """The word model's probabilities of ``texts`` averaged with its meaning model's, with the word
    model's share ``WORD_WEIGHT[name]``."""
    meaning = model(MEANING_MODEL[name], resources)
    assert meaning.labels == labels, f"{name}: the two models disagree on labels"
    weight = WORD_WEIGHT[name]
    return weight * word_probs + (1 - weight) * meaning.proba(texts, resources)


def _has(cue: str, low: str) -> bool:
    return _CUE_RES[cue].search(low) is not None


def _actor(segment: str, first: bool = True) -> str | None:
    hits = [(m.start(), "gov") for m in GOVT.finditer(segment)] + [
        (m.start(), "ns") for m in NONSTATE.finditer(segment)
    ]
    return (min(hits) if first else max(hits))[1] if hits else None


def territory_agent(low: str) -> str | None:
    """Who took the ground: "gov" or "ns" (the subject of the capture verb, or its by-/to-agent);
    "person" when people, not ground, were captured."""
    m = _CUE_RES["capture"].search(low)
    if not m:
        return None
    after = low[m.end() : m.end() + 60]
    if re.match(r"\s*(by|to)\b", after) or m.group(0).startswith(("fell", "fallen")):
        return _actor(after)
    if PERSON_OBJECT.match(after):
        return "person"
    before = low[: m.start()]
    clause = re.split(r"[,.;:]", before)[-1]
    return _actor(clause) or _actor(before)


def apply_rules(text: str, probs: dict[str, float], lead: str | None = None) -> dict[str, float]:
    """Crisp vetoes and protest rules over the model's probabilities (renormalised). ``lead``:
    the class taken as leading for the territory and protest rules (default: the top after the
    vetoes; the cascade asks what they would do had another model made it lead)."""
    low = " ".join(text.lower().split())
    p = dict(probs)
    if not _has("aircraft", low):
        p["AIR_STRIKE"] *= 0.05
    if not _has("suicide", low):
        p["SUIC_BOMB"] *= 0.05
    if not _has("chemical", low):
        p["CHEM_WEAP"] *= 0.05
    if not _has("grenade", low):
        p["GRENADE"] *= 0.05
    if _has("chemical", low) and ACCIDENT.search(low) and not ATTACKISH.search(low):
        p["CHEM_WEAP"] *= 0.05
    top = lead or max(p, key=p.__getitem__)
    territory = ("GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER")
    if top in territory and WITHDRAWAL.search(low) and not FIGHTING.search(low):
        p["NON_VIOL_TERRIT_TRANSFER"] = max(p["NON_VIOL_TERRIT_TRANSFER"], p[top]) * 1.5
    agent = territory_agent(low) if top in territory else None
    if agent == "person":
        p[territory[0]] *= 0.2
        p[territory[1]] *= 0.2
    elif agent:
        share = p[territory[0]] + p[territory[1]]
        p[territory[0]], p[territory[1]] = (
            (share * 0.9, share * 0.1) if agent == "gov" else (share * 0.1, share * 0.9)
        )
    protest = ("PEACE_PROTEST", "PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST", "VIOL_DEMONSTR")
    if top in protest:
        if _has("riot", low) and not re.search(r"\b(peaceful\w*|unarmed)\b", low):
            want = "VIOL_DEMONSTR"
        elif _has("lethal", low) and _has("police", low):
            want = "FORCE_AGAINST_PROTEST"
        elif _has("disperse", low):
            want = "PROTEST_WITH_INTER"
        else:
            want = "PEACE_PROTEST"
        p[want] *= PROTEST_BOOST
    total = sum(p.values()) or 1.0
    return {c: v / total for c, v in p.items()}


def acled_proba(
    texts: list[str], words_only: bool = False, resources: Resources | None = None
) -> tuple[list[str], np.ndarray]:
    """CASE codes and the models' probabilities (before the rules), one row per snippet."""
    return vote("acled", texts, words_only, default_resources(resources))


# Classes that, made to lead by MPNet, would set off the territory or the protest rule (``_surest``).
LEADS = (None, "PEACE_PROTEST", "GOV_REGAINS_TERIT")


def _best(text: str, labels: list[str], row: np.ndarray) -> tuple[str, float]:
    p = apply_rules(text, dict(zip(labels, row.tolist(), strict=True)))
    best = max(p, key=p.__getitem__)
    return best, round(p[best], 4)


def _surest(text: str, labels: list[str], row: np.ndarray) -> float:
    """The word model's top probability after the rules, also had a protest or a territory class
    led (MPNet can make one lead, and the rules then lift the class the text points to: x4 for
    a protest, most of the pair's mass for territory)."""
    probs = dict(zip(labels, row.tolist(), strict=True))
    return round(max(max(apply_rules(text, probs, lead).values()) for lead in LEADS), 4)


def classify_many(
    texts: list[str], words_only: bool = False, resources: Resources | None = None, skip_below: float = 0.0
) -> list[tuple[str, float]]:
    """Best CASE code and its probability for each snippet (``words_only``: the word model alone).

    ``skip_below`` (the pipeline's cascade, config ``typing_skip_below``): a snippet whose word
    model reading, after the rules (``_surest``: also had a protest or territory class led), is
    less sure than this is not read by MPNet; that reading is returned, so its probability is
    below ``skip_below``. The pipeline acts on a reading only when
    it is at least ``out_of_scope_min_probability`` / ``refine_min_probability`` sure, so with
    ``skip_below`` at most those, a skipped snippet's reading never acts; skipping changes what the
    pipeline does only where MPNet alone would have lifted the vote over them (docs/event-typing.md).
    The other snippets get the vote's reading, the same as with ``skip_below`` 0 (MPNet reads one
    text at a time: ``embedding.BATCH``)."""
    resources = default_resources(resources)
    words = model("acled.npz", resources)
    probs = words.proba(texts)
    if words_only:
        return [_best(text, words.labels, row) for text, row in zip(texts, probs, strict=True)]
    sure = [
        i
        for i, (text, row) in enumerate(zip(texts, probs, strict=True))
        if skip_below <= 0 or _surest(text, words.labels, row) >= skip_below
    ]
    voted = blend("acled", words.labels, [texts[i] for i in sure], probs[sure], resources) if sure else []
    rows = dict(zip(sure, voted, strict=True))
    return [_best(text, words.labels, rows.get(i, probs[i])) for i, text in enumerate(texts)]


def classify_snippet(
    text: str, resources: Resources | None = None, skip_below: float = 0.0
) -> tuple[str, float]:
    """Best CASE code (a key of ``ACLED_CODES``) for one snippet and its probability
    (``skip_below``: see ``classify_many``)."""
    return classify_many([text], resources=resources, skip_below=skip_below)[0]
