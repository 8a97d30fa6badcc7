"""Is a trigger word used in its conflict sense here? Precision before recall: a wrong event
is worse than a missed one.

- "attacked the proposal", "raided the fridge": weak verbs of violence need a concrete target
  or a sign of violence in the sentence.
- "riot police", "protest movement": a trigger that only modifies another noun reports nothing.
- "Iranians killed in Aleppo": a bare participle with no count refers back to deaths without
  reporting an event.
- "arrested on DWI charges": ACLED's arrests are political; an arrest needs a political or
  armed-conflict party in its sentence.
- "was sentenced for plotting to attack", "fought the project in court", "were booked for
  rioting": court news reports a proceeding, not the event; "blamed for attacks in Turkey": a bare plural is a kind of event.
- "a funeral procession": a procession is a protest only with a cause (``crowds.py``).
- "a drone show hit a record", "a delivery drone hit a tree": an aircraft strike needs the
  aircraft as the doer and a target it can strike as the thing hit.
- "fought the assembly poll": a vote or a lawsuit contested; "police were deployed": police activity.
"""

from __future__ import annotations

from .crowds import campaign_rally, protest_procession, striking_people
from .fatalities import speaks_of_death
from .police_activity import police_token
from .triggers import TriggerHit, _by_first_word, _object_words

WEAK_VIOLENCE = {"attack", "raid", "assault", "storm", "target", "hit", "torture"}
CONCRETE_TARGETS = {
    "base", "checkpoint", "checkpost", "picket", "village", "town", "city", "convoy", "post", "camp", "station", "church",
    "mosque", "temple", "synagogue", "school", "market", "hospital", "bus", "vehicle", "car", "truck", "patrol",
    "position", "positions", "outpost", "barracks", "garrison", "headquarters", "office", "compound", "residence",
    "house", "home", "homes", "building", "prison", "jail", "airport", "port", "ship", "boat", "train",
    "pipeline", "bridge", "embassy", "hotel", "restaurant", "cafe", "mall", "district", "area",
    "neighbourhood", "neighborhood", "farm", "farmers", "civilians", "people", "soldiers", "troops",
    "police", "officers", "forces", "fighters", "militants", "worshippers", "students", "passengers",
    "villagers", "residents", "protesters", "demonstrators", "journalists"
}  # fmt: skip
VIOLENCE_CUES = {
    "kill", "wound", "injure", "gun", "gunman", "gunmen", "gunfire", "shoot", "shot", "bomb", "bombing", "knife",
    "stab", "fire", "weapon", "explosive", "grenade", "dead", "death", "casualty", "armed", "militant",
    "insurgent", "rebel", "soldier", "troops", "blast", "explosion", "rocket", "missile", "mortar", "artillery",
    "airstrike", "drone", "machete", "hostage", "massacre", "die"
}  # fmt: skip
POLITICAL_ARREST_CUES = {
    "protester", "protestor", "demonstrator", "activist", "opposition", "journalist", "reporter", "militant",
    "rebel", "insurgent", "jihadist", "extremist", "terrorist", "terrorism", "member", "politician", "dissident",
    "blogger", "lawyer", "commander", "fighter", "supporter", "leader", "lawmaker", "mp", "minister", "general",
    "officer", "soldier", "spy", "espionage", "coup", "sedition", "treason", "protest", "rally", "demonstration",
    "militia", "insurgency", "separatist", "student", "union", "cleric", "candidate", "critic",
    # arrests after communal clashes or riots (ACLED codes them)
    "clash", "riot", "rioter", "mob", "unrest",
    # arrests after a bombing or an attack ("seven people were arrested in connection with the
    # blast") are part of the conflict
    "blast", "bombing", "bomber", "explosion", "attack", "attacker", "assassination", "ambush",
    # communal violence and the organisations of a political movement: "arrested in
    # connection with the carnage", "the committee said its president was detained"
    "carnage", "massacre", "violence", "arson", "curfew", "communal", "committee", "party",
    # strikers and protest forms of South Asian copy: "the police arrested several hundreds of
    # teachers" after their strike is an arrest at a protest
    "strike", "striker", "striking", "agitation", "agitator", "bandh", "dharna", "hartal", "gherao", "picket",
    "demonstrate"
}  # fmt: skip
# An arrest is often told in the sentences after the one that says why: "Two party leaders
# were stopped at the border. They were detained and later released." The cues of this many
# preceding sentences count for an arrest.
ARREST_CONTEXT_SENTENCES = 2


LEGAL_CUES = {
    "sentence", "convict", "guilty", "trial", "court", "plead", "jury", "prosecutor", "acquit", "verdict",
    "judge", "indict", "lawsuit", "testify", "defendant"
}  # fmt: skip


def _lemmas(sent) -> set[str]:
    return {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}


def _preceding_lemmas(sent, n: int) -> set[str]:
    """The lemmas of the ``n`` sentences before ``sent`` in its document."""
    found: set[str] = set()
    start = sent.start
    for _ in range(n):
        if start == 0:
            break
        prev = sent.doc[start - 1].sent
        found |= _lemmas(prev)
        start = prev.start
    return found


def _objects(token) -> list:
    objs = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    objs += [o for p in token.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
    return objs


def _generic_plural(token) -> bool:
    """'blamed for attacks in Turkey': a bare plural names a kind of event, not one; "clashes
    between two communities" names its parties."""
    if token.tag_ != "NNS" or any(c.dep_ == "prep" and c.lower_ == "between" for c in token.children):
        return False
    if token.dep_ == "pobj" and token.head.lower_ == "with" and token.head.head.pos_ == "VERB":
        return False  # "attacked the office with hand grenades": the weapons used
    if (
        token.dep_ == "pobj"
        and token.head.lower_ == "of"
        and token.head.head.pos_ in ("NUM", "NOUN", "PROPN")
    ):
        quantity = token.head.head
        if quantity.pos_ == "NUM" or quantity.lower_ in QUANTITIES or quantity.lemma_.lower() in QUANTITIES:
            return False  # "fired dozens of rockets": a count, not a kind
    if any(c.dep_ == "compound" and any(g.dep_ == "nummod" for g in c.children) for c in token.children):
        return False  # "20 hand grenades": the count hangs on the compound
    if token.dep_ == "pobj" and token.head.dep_ == "agent" and token.head.head.lemma_.lower() in HARMED:
        return False  # "was killed by rockets and mortars": the weapons that did it
    if _own_date(token) or (_set_off(token) and _own_date(_set_off(token))):
        return False  # "riots on Wednesday", "igniting riots on Wednesday": dated, so one event
    return not any(c.dep_ in ("det", "nummod", "poss", "amod") for c in token.children)


# verbs that set off the event their object names ("sparked riots", "launched attacks")
SET_OFF = {"ignite", "spark", "trigger", "provoke", "unleash", "launch", "stage", "mount", "carry", "conduct"}
DURING = {"during", "amid", "amidst"}


def _set_off(token):
    """The verb that sets off the noun's event ("sparked riots") or happens during it
    ("were arrested during protests"), or None."""
    if token.dep_ == "dobj" and token.head.lemma_.lower() in SET_OFF:
        return token.head
    if token.dep_ == "pobj" and token.head.lower_ in DURING and token.head.head.pos_ == "VERB":
        return token.head.head
    return None


HARMED = {"kill", "wound", "injure", "hit", "destroy", "damage", "strike"}
TIME_PREPS = {"on", "in", "at", "during", "overnight", "since"}


def _own_date(token) -> bool:
    """The noun carries a date of its own ("riots on Wednesday", "clashes late Sunday"): a day,
    not a period ("attacks in recent years" names a kind of event)."""
    for child in token.children:
        words = [child] if child.dep_ == "npadvmod" else []
        if child.dep_ == "prep" and child.lower_ in TIME_PREPS:
            words = [g for g in child.children if g.dep_ == "pobj"]
        if any(w.ent_type_ in ("DATE", "TIME") and w.lower_ in DAY_WORDS for w in words):
            return True
    return False


DAY_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday",
             "today", "tonight", "morning", "afternoon", "evening", "night"}  # fmt: skip


QUANTITIES = {
    "dozens", "hundreds", "scores", "thousands", "tens", "number", "barrage", "volley", "salvo", "series"
}  # fmt: skip
REPORTING = {"say", "tell", "report", "announce", "state", "add", "confirm", "allege", "accuse", "claim"}


def _speaker_tokens(sent) -> set[int]:
    """Indices of the words that name who speaks ("the state prosecutor said", "according to
    a judge"): a court official as the source of a report does not make the report court news."""
    found: set[int] = set()
    for tok in sent:
        if tok.lemma_.lower() in REPORTING and tok.pos_ in ("VERB", "AUX"):
            for child in tok.children:
                if child.dep_ in ("nsubj", "agent"):
                    found.update(t.i for t in child.subtree)
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            found.update(t.i for t in tok.doc[tok.i + 1].subtree)
    return found


TARGET_PREPS = {"on", "at", "outside", "near", "against"}


def _target_tokens(head) -> set[int]:
    """Indices of the words that name what the trigger hit ("killed a judge", "an attack on a
    court"): a court or a judge as the target does not make the event court news."""
    targets = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    targets += [o for p in head.children if p.dep_ == "prep" and p.lower_ in TARGET_PREPS for o in p.children]
    return {t.i for target in targets for t in target.subtree}


def _legal(hit_head, sent, crowd: bool = False) -> bool:
    """A trial or a lawsuit reports a proceeding ("fought the project in court", "was
    sentenced for shooting"); the words that name the speaker or the target do not count."""
    if "charged with" in sent.text.lower():
        return True
    skip = _speaker_tokens(sent) | _target_tokens(hit_head)
    return any(
        (t.lemma_.lower() in LEGAL_CUES or t.lower_ in LEGAL_CUES)
        and t.i not in skip
        and not (crowd and _court_as_place(t))
        for t in sent
    )


# "protested in front of the court", "gathered outside the court premises": the building as where
# a crowd gathered ("in court", "before the court", "to court" stay proceedings; a killing or a
# rape told beside a court stays court news: "rape laws ..., said at a protest outside the court")
PLACE_PREPS = {"outside", "near", "from", "opposite", "behind", "around", "inside", "towards", "toward", "at"}
BUILDING = {"premises", "building", "complex", "gate", "gates", "compound", "steps"}


def _court_as_place(token) -> bool:
    if token.lemma_.lower() != "court":
        return False
    if token.dep_ == "compound" and token.head.lower_ in BUILDING:
        token = token.head
    prep = token.head
    if token.dep_ != "pobj":
        return False
    if prep.lower_ == "of" and prep.head.lower_ == "front":
        return True
    return prep.lower_ in PLACE_PREPS


def _charge(head) -> bool:
    """ "were booked for rioting and arson" (South Asian English for charged): the trigger names
    the charge of a police case, not an event."""
    word = head
    while word.dep_ == "conj" and word.head.i != word.i:
        word = word.head
    prep = word.head
    return word.dep_ == "pobj" and prep.lower_ == "for" and prep.head.lemma_.lower() in ("book", "charge")


# "battle with hunger", "fighting cancer": foes that are no armed side; "executed attacks": a plan
# carried out, not a person put to death
ABSTRACT_FOES = {"hunger", "famine", "drought", "disease", "illness", "cancer", "virus", "fire", "flame", "blaze",
                 "flood", "poverty", "unemployment", "inflation", "corruption", "addiction", "obesity"}  # fmt: skip
# "fought the assembly poll", "will fight the seat": a party or candidate contests a vote or a
# lawsuit, no armed side
CONTESTS = {"election", "poll", "polls", "bypoll", "by-election", "seat", "vote", "race", "case", "lawsuit"}
CARRIED_OUT = {
    "attack", "plan", "plot", "order", "strategy", "warrant", "deal", "operation", "move", "project"
}  # fmt: skip


# animals killed ("a goose that was killed by a worker", "poachers killed three rhinos") are no
# victims of political violence
ANIMALS = {"goose", "dog", "cat", "cow", "cattle", "goat", "sheep", "pig", "horse", "donkey", "camel", "chicken",
           "rhino", "elephant", "lion", "leopard", "tiger", "bear", "wolf", "deer", "bird", "animal", "livestock"}  # fmt: skip


def _animal_victim(head) -> bool:
    victims = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass") and c.tag_ not in ("WDT", "WP")]
    if head.dep_ in ("relcl", "acl") and not victims:
        victims = [head.head]  # "a goose that was killed by one of the workers"
    return bool(victims) and all(v.lemma_.lower() in ANIMALS for v in victims)


# what police are deployed to do at an event: security for it, no event of its own
GUARD = {"secure", "guard", "protect", "police", "maintain", "provide", "ensure", "monitor", "oversee"}


def _figurative(head) -> bool:
    lemma, kids = head.lemma_.lower(), list(head.children)
    if lemma == "deploy":  # "deployed 1,000 policemen to secure the ceremony"
        return any(c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in GUARD for c in head.subtree)
    if lemma in ("kill", "shoot", "slaughter") and _animal_victim(head):
        return True
    objects = [c for c in kids if c.dep_ == "dobj"]
    if lemma == "execute":
        return any(o.lemma_.lower() in CARRIED_OUT for o in objects)
    if lemma == "fight" and head.pos_ == "NOUN" and not speaks_of_death(head.sent):
        return True  # "won the title fight": a fight named as an incident is told with its dead
    if lemma not in ("battle", "fight", "combat"):
        return False
    objects += [g for c in kids if c.dep_ == "prep" and c.lower_ in ("with", "against") for g in c.children
                if g.dep_ == "pobj"]  # fmt: skip
    return bool(objects) and all(o.lemma_.lower() in ABSTRACT_FOES | CONTESTS for o in objects)


DEPLOYING = {"deploy", "deployment"}


def _police_deployed(head) -> bool:
    """The police deployed ("police personnel were deployed at sensitive places", "a heavy police
    deployment"): police activity, which ACLED codes no event for (``police_activity``
    records it as a finding), not a strategic development."""
    if head.lemma_.lower() not in DEPLOYING:
        return False
    if head.pos_ == "VERB":
        roles: tuple[str, ...] = ("dobj", "nsubjpass")
    else:  # the noun: "police deployment", "the deployment of police"
        roles = ("compound", "poss", "pobj")
    sides = [c for c in head.children if c.dep_ in roles]
    sides += [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    return bool(sides) and all(police_token(s) for s in sides)


def _doers(head) -> list:
    """The verb's doers: its subject, or the "by" agent of a passive."""
    found = [c for c in head.children if c.dep_ == "nsubj"]
    found += [o for c in head.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
    return [w for d in found for w in _object_words(d)]


def _aircraft(doer, agents: frozenset[str]) -> bool:
    """The doer is an aircraft ("drones"), or a strike by one ("a drone strike killed")."""
    compounds = {c.lemma_.lower() for c in doer.children if c.dep_ == "compound"}
    lemma = doer.lemma_.lower()
    return lemma in agents or (lemma in ("strike", "attack", "raid") and bool(compounds & agents))


def _not_an_aircraft_strike(hit: TriggerHit) -> bool:
    """An entry whose doer must be an aircraft ("drones hit an oil depot"): the doer itself is
    the aircraft, not a word a drone word describes ("a drone show hit a record"), and what was
    hit is the verb's own object ("a delivery drone hit a tree near a school" struck a tree)."""
    head, kind = hit.head, hit.kind
    if kind.plover_mode != "aerial" or not kind.agents:
        return False
    if not any(_aircraft(d, kind.agents) for d in _doers(head)):
        return True
    hit_things = [o for c in head.children if c.dep_ in ("dobj", "nsubjpass") for o in _object_words(c)]
    return bool(kind.needs) and not any(
        o.lemma_.lower() in kind.needs or o.ent_type_ in kind.needs for o in hit_things
    )


# A protest that is only announced, or asked leave for, has not (yet) happened, and ACLED codes
# only protests that took place: "announced a protest rally", "had announced of taking out a
# rally", "declared a bandh", "denied permission for the march".
ANNOUNCING = {"announce", "announcement", "declare", "permission"}
ANNOUNCED_PATH = {"dobj", "pobj", "prep", "pcomp", "compound", "conj", "xcomp", "nsubjpass"}


def _up_the_path(token) -> bool:  # token: spacy.tokens.Token
    # a conjunct noun shares its head's role ("announced a strike and a rally"); a conjunct verb
    # is a clause of its own ("announced a strike, and thousands marched"): it happened
    if token.dep_ == "conj":
        return token.pos_ in ("NOUN", "PROPN")
    return token.dep_ in ANNOUNCED_PATH


def _announced_protest(hit: TriggerHit) -> bool:
    if hit.kind.event_type != "Protests":
        return False
    token = hit.head
    while _up_the_path(token) and token.head.i != token.i:
        token = token.head
        if token.lemma_.lower() in ANNOUNCING:
            return True
    return False


def in_conflict_sense(hit: TriggerHit, sent, kb) -> bool:
    head = hit.head
    lemma = head.lemma_.lower()
    crowd = hit.kind.event_type in ("Protests", "Riots")
    if crowd and _announced_protest(hit):
        return False
    if _legal(head, sent, crowd) or _charge(head) or _figurative(head) or _police_deployed(head):
        return False
    if _not_an_aircraft_strike(hit):
        return False
    if len(hit.tokens) == 1 and _generic_plural(head) and head.dep_ not in ("nsubj", "nsubjpass"):
        return False
    if len(hit.tokens) == 1 and head.dep_ == "compound" and head.head.lemma_.lower() not in _by_first_word():
        return False  # "riot police", "protest leaders"
    if len(hit.tokens) == 1 and head.dep_ in ("npadvmod", "compound") and head.head.dep_ == "amod":
        return False  # "riot-affected areas", "violence-hit towns": a word that describes a place
    if hit.kind.event_type == "@kill" and head.tag_ == "VBN" and head.dep_ == "acl":
        if not any(c.dep_ == "nummod" for c in head.head.children):
            return False  # "the remains of Iranians killed in Aleppo"
    if head.lower_ == "striking" and striking_people(hit) is None:
        return False  # "a striking resemblance"
    if campaign_rally(hit, sent):
        return False  # a candidate's rally
    if lemma == "procession" and not protest_procession(hit, sent):
        return False  # a funeral or a festival, or no cause given
    if lemma == "storm" and any(c.dep_ == "prt" for c in head.children):
        return False  # "stormed off the stage", "stormed out of the meeting"
    if lemma in WEAK_VIOLENCE and hit.kind.event_type == "@kill":
        targets = _objects(head)
        # the target's own head word decides, not a word naming whose it is: "a police picket" is
        # concrete for "picket", while "the police commissioner" and "the Kerala government" are not
        concrete = any(
            o.lemma_.lower() in CONCRETE_TARGETS
            or o.lower_ in CONCRETE_TARGETS
            or o.ent_type_ in ("GPE", "FAC", "LOC")
            for o in targets
        )
        if not concrete and not (_lemmas(sent) & VIOLENCE_CUES):
            return False  # "attacked the proposal"
    if hit.kind.sub_event_type == "Arrests":
        named_party = any(
            ent.ent_id_ and kb.by_name.get(ent.ent_id_) and kb.by_name[ent.ent_id_].kind != "generic"
            for ent in sent.ents
        )
        if named_party or _lemmas(sent) & POLITICAL_ARREST_CUES:
            return True
        if not _preceding_lemmas(sent, ARREST_CONTEXT_SENTENCES) & POLITICAL_ARREST_CUES:
            return False  # ordinary crime
    return True
