"""Candidates for the learned choices of an event's death toll and place, with their features.

Generating candidates stays crisp (every counted noun, named victim and place entity of a
sentence; number parsing in ``fatalities``); deciding which of them is the event's own toll
or place is left to a model (``role_model``) trained on the team-written passages in
``data/training/roles``. Features are sparse binary names read from the spaCy parse.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .fatalities import KILL_VERBS, VAGUE, _number_of, _range, _victims
from .triggers import find_triggers

INJURE = {"injure", "wound", "hurt", "maim", "burn", "shoot", "hit"}
TAKE = {"abduct", "kidnap", "arrest", "detain", "rescue", "free", "release", "displace", "flee", "hold"}
SAY = {"say", "tell", "report", "state", "claim", "announce", "speak", "condemn", "accuse", "blame", "add"}
MOVE = {"flee", "come", "travel", "arrive", "return", "cross", "leave", "withdraw", "move", "base"}
MOVE |= {"station", "headquarter", "deploy", "cross", "bear", "go"}
UNITS = {"year", "km", "kilometre", "kilometer", "mile", "hour", "day", "minute", "month", "week"}
UNITS |= {"storey", "percent", "nautical", "a.m.", "p.m.", "brigade", "division", "route", "th"}
ATTACKERS = {"attacker", "militant", "assailant", "gunman", "bomber", "insurgent", "jihadist", "fighter"}
ATTACKERS |= {"rebel", "bandit", "kidnapper", "terrorist", "combatant"}
CUMULATIVE = {"since", "so", "far", "total", "past", "overall", "altogether", "alone", "decade"}
TITLES = {"corporal", "sergeant", "sgt", "captain", "capt", "private", "lieutenant", "major", "colonel"}
TITLES |= {"general", "commander", "dr", "mr", "mrs", "ms", "journalist", "activist", "officer"}
DURATIONS = {"year", "month", "decade", "week", "conflict", "war", "insurgency"}
OTHER_EVENT = {"separate", "separately", "another", "elsewhere", "unrelated", "earlier", "previous"}
OTHER_EVENT |= {"last", "similar", "neighbouring", "meanwhile", "before", "after", "ago"}


@dataclass
class TollCandidate:
    value: int
    low: int | None
    high: int | None
    tokens: list  # the count's tokens (and the noun), for the evidence span
    victims: str | None  # the victims' lemma ('soldier'), a person's name, None when unsaid
    features: dict[str, float] = field(default_factory=dict)


def _verb_of(token):
    """The verb that governs a token (itself when it is one)."""
    seen = 0
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i and seen < 12:
        token, seen = token.head, seen + 1
    return token


def _counted_noun(token):
    """'12' in 'at least 12 civilians' counts 'civilians'; 'dozens' counts itself."""
    noun = token
    for _ in range(4):
        if noun.dep_ == "nummod" and noun.head.i != noun.i:
            return noun.head
        if noun.dep_ in ("quantmod", "compound") and (noun.head.like_num or noun.head.pos_ == "NUM"):
            noun = noun.head
            continue
        break
    return noun


def _clause_words(verb) -> set[str]:
    return {t.lower_ for t in verb.subtree}


def _toll_features(noun, count_tokens, kill, value: int, sent) -> dict[str, float]:
    verb = _verb_of(noun)
    lemma = verb.lemma_.lower()
    words = _clause_words(verb)
    before = {t.lower_ for t in sent if t.i < noun.i}
    f = {"bias_toll": 1.0, f"dep:{noun.dep_}": 1.0, f"vlemma:{lemma}": 1.0}
    if kill is not None:
        f["victim_of_kill"] = 1.0
        f[f"kill:{kill.lemma_.lower()}"] = 1.0
    if lemma in KILL_VERBS:
        f["vclass:kill"] = 1.0
    elif lemma in INJURE:
        f["vclass:injure"] = 1.0
    elif lemma in TAKE:
        f["vclass:take"] = 1.0
    elif lemma in SAY:
        f["vclass:say"] = 1.0
    if any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
        f["perfect"] = 1.0
    if any(c.dep_ == "neg" for c in verb.children):
        f["negated"] = 1.0
    if words & CUMULATIVE:
        f["cumulative_cue"] = 1.0
    # "over 15 years", "this month", "in the past decade": a period, not a day's toll
    if any(t.lemma_.lower() in DURATIONS and t.i != noun.i for t in verb.subtree):
        f["period_in_clause"] = 1.0
    if "perfect" in f and value >= 1000:
        f["perfect_big"] = 1.0
    if words & OTHER_EVENT:
        f["other_event_clause"] = 1.0
    if before & OTHER_EVENT:
        f["other_event_before"] = 1.0
    if {"injured", "wounded", "hurt"} & {t.lower_ for t in noun.head.subtree} and kill is None:
        f["near_injury_word"] = 1.0
    nl = noun.lemma_.lower()
    if _named_person(noun):
        f["person_name"] = 1.0
    elif nl in UNITS or any(t.text == "-" for t in noun.doc[noun.i : noun.i + 2]):
        f["unit"] = 1.0
    elif nl in ATTACKERS:
        f["attackers"] = 1.0
    if noun.lower_ in VAGUE or any(t.lower_ in VAGUE for t in count_tokens):
        f["vague"] = 1.0
    if noun.dep_ == "pobj":
        f[f"prep:{noun.head.lower_}"] = 1.0
    if 1900 <= value <= 2100 and any(t.shape_ == "dddd" for t in count_tokens):
        f["yearlike"] = 1.0
    f["log_value"] = min(len(str(value)), 5) / 5
    if noun.i < verb.i:
        f["before_verb"] = 1.0
    return f


def toll_candidates(sent) -> list[TollCandidate]:
    """Every count of people (or things) in a sentence, each with its features."""
    victim_of = {}
    for token in sent:
        for victim in _victims(token):
            for noun in [victim, *victim.conjuncts]:
                victim_of.setdefault(noun.i, token)
    nouns = []
    for token in sent:
        if token.like_num or token.pos_ == "NUM" or token.lower_ in VAGUE:
            nouns.append(_counted_noun(token))
    nouns += [sent.doc[i] for i in sorted(victim_of)]
    found: list[TollCandidate] = []
    seen: set[int] = set()
    for noun in nouns:
        if noun.i in seen:
            continue
        seen.add(noun.i)
        counted = _number_of(noun)
        if counted is None and _named_person(noun) and noun.i in victim_of:
            counted = (1, [t for t in noun.subtree if t.pos_ == "PROPN"] or [noun])
        if counted is None:
            continue
        value, tokens = counted
        rng = _range(noun)
        low, high = rng if rng else (None, None)
        victims = None if noun.pos_ == "NUM" else noun.lemma_.lower()
        feats = _toll_features(noun, tokens, victim_of.get(noun.i), value, sent)
        found.append(TollCandidate(low if rng else value, low, high, [*tokens, noun], victims, feats))
    return found


def _named_person(noun) -> bool:
    """'Sergeant Mark Ellis', 'Ruth Mwangi': one named person (the small model sometimes
    labels a name with a rank as an organisation)."""
    if noun.pos_ != "PROPN":
        return False
    return noun.ent_type_ == "PERSON" or any(t.lower_ in TITLES for t in noun.subtree)


def trigger_heads(sent) -> list:
    return [hit.head for hit in find_triggers(sent)]


def _ancestors(token) -> list:
    out = []
    while token.head.i != token.i and len(out) < 15:
        token = token.head
        out.append(token)
    return out


def place_features(ent, ents: list, relation: str, hint: str | None, heads: list, gaz) -> dict[str, float]:
    """Features of a place entity ``ent`` among the sentence's place entities ``ents``, with
    its rule relation and hint (``place_mentions._place_relation``) and the sentence's trigger heads."""
    root, doc = ent.root, ent.doc
    f = {"bias_place": 1.0, f"rel:{relation}": 1.0, f"hint:{hint}": 1.0, f"label:{ent.label_}": 1.0}
    f[f"dep:{root.dep_}"] = 1.0
    if root.dep_ == "pobj":
        f[f"prep:{root.head.lower_}"] = 1.0
        f[f"prephead:{root.head.head.lemma_.lower()}"] = 1.0
    else:
        f[f"head:{root.head.lemma_.lower()}"] = 1.0
    ancestors = _ancestors(root)
    head_ids = {h.i for h in heads}
    if any(a.i in head_ids for a in ancestors):
        f["under_trigger"] = 1.0
    verb = next((a for a in ancestors if a.pos_ == "VERB"), None)
    if verb is not None:
        lemma = verb.lemma_.lower()
        f["verb_trigger" if verb.i in head_ids else f"vclass:{_verb_class(lemma)}"] = 1.0
    if any(a.dep_ in ("nsubj", "nsubjpass") and a.head.lemma_.lower() in SAY for a in [root, *ancestors]):
        f["in_speaker"] = 1.0
    after = [t.lower_ for t in doc[ent.end : ent.end + 3]]
    if "based" in after or "-based" in after or root.head.lower_ == "based":
        f["based"] = 1.0
    if ent.end < len(doc) and doc[ent.end].lower_ == "'s":
        f["possessor"] = 1.0
    if root.dep_ in ("compound", "amod", "nmod", "poss") and root.head.i in head_ids:
        f["modifies_trigger"] = 1.0  # "a Calgary rally", "the Kabul bombing"
    elif heads:
        dist = min(abs(root.i - h.i) for h in heads)
        f["dist:" + ("near" if dist <= 3 else "mid" if dist <= 8 else "far")] = 1.0
        f["after_trigger" if root.i > min(h.i for h in heads) else "before_trigger"] = 1.0
    idx = next(i for i, e in enumerate(ents) if e.start == ent.start)
    prev_ent = ents[idx - 1] if idx > 0 else None
    next_ent = ents[idx + 1] if idx + 1 < len(ents) else None
    if prev_ent is not None and ent.start - prev_ent.end <= 2 and doc[ent.start - 1].text == ",":
        f["after_comma_place"] = 1.0
    if next_ent is not None and next_ent.start - ent.end <= 2 and doc[ent.end].text == ",":
        f["before_comma_place"] = 1.0
    if next_ent is not None and next_ent.start - ent.end <= 3 and doc[ent.end].lower_ in ("in", "of"):
        f["before_in_place"] = 1.0
    f["first_place" if idx == 0 else "later_place"] = 1.0
    kind = _kind(ent.text, gaz)
    f[f"kind:{kind}"] = 1.0
    if kind in ("country", "admin1") and any(_kind(e.text, gaz) == "city" for e in ents if e is not ent):
        f["broad_with_town"] = 1.0
    return f


def _verb_class(lemma: str) -> str:
    if lemma in SAY:
        return "say"
    if lemma in MOVE:
        return "move"
    return "other"


def _kind(text: str, gaz) -> str:
    found = gaz.lookup(text, fuzzy=False) if gaz is not None else ()
    return found[0][0].kind if found else "none"


NAMED_UNITS = {"town", "village", "city", "hamlet", "port"}


def town_of_names(sent, ents: list, kinds) -> list:
    """'the town of Marka' or 'Dabhoi town' when the small model tags no entity there: the
    capitalised words after the unit word and 'of' when the gazetteer knows them exactly
    (``kinds(name)``: the kinds of its exact entries), or right before the unit word when it
    knows them as a town and not as an area ("this south Gujarat town" is a town in Gujarat)."""
    from spacy.tokens import Span

    doc, found = sent.doc, []
    taken = {i for e in ents for i in range(e.start, e.end)}
    for tok in sent:
        if tok.lower_ not in NAMED_UNITS:
            continue
        start = tok.i + 2
        if start < sent.end and doc[tok.i + 1].lower_ == "of":
            end = start
            while end < min(sent.end, start + 3) and doc[end].is_title and end not in taken:
                end += 1
            if end > start and kinds(doc[start:end].text):
                found.append(Span(doc, start, end, label="GPE"))
            continue
        # "tension gripped Dabhoi town": the name before the unit word (not the sentence's
        # first word, whose capital says nothing, nor a word like "The")
        end = start = tok.i
        while start > max(sent.start + 1, end - 3) and _name_word(doc[start - 1]) and start - 1 not in taken:
            start -= 1
        known = kinds(doc[start:end].text) if start < end else set()
        if "city" in known and not known & {"country", "admin1", "region"}:
            found.append(Span(doc, start, end, label="GPE"))
    return found


def _name_word(tok) -> bool:
    return tok.is_title and not tok.is_stop and tok.pos_ in ("PROPN", "NOUN")
