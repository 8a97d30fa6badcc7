"""The kind of an event: ACLED event and sub-event type, PLOVER type and mode, CAMEO root.

The trigger word gives the kind, some of it provisional ("@kill", "@protest", "@riot",
"@territory"): the sides and the sentences decide those, and the learned classifier may refine
the sub-event type within the event type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..extract.cameo import PLOVER_OF_SUB_EVENT, cameo_root
from ..extract.mentions import Mention
from ..records import Article
from ..resolve.context import Resolved
from .actors import Sides
from .cites import Cites
from .scope import ARMED_GROUP_WORDS, rioting_text

REFINE_MIN_PROBABILITY = 0.6
ARMED_INTER = {1, 2, 3, 4, 8}
INTERVENTION_CUES = (
    "tear gas",
    "teargas",
    "water cannon",
    "rubber bullet",
    "dispers",
    "arrest",
    "detain",
    "baton",
    "beat",
    "fired",
    "lathi",
    "cane-charge",
    "caned",  # (lower-cased scrapes: "police caned the agitators")
    "caning",
)
# words that tell a crowd's violence happened at a demonstration (ACLED: violent demonstration)
# rather than as mob violence
DEMONSTRATION_CUES = (
    "protest",
    "demonstrat",
    "agitat",
    "dharna",
    "bandh",
    "hartal",
    "rally",
    "march",
    "strike",
)
# force used on the crowd: deaths told in a protest's sentences without them are the deaths the
# protest is about ("protesting against the bombing which killed 20"), not force against it
FORCE_CUES = ("fire", "firing", "shot", "shoot", "bullet", "beat", "lathi", "baton", "police", "troops",
              "soldier", "security forces", "army", "guards")  # fmt: skip
RIOTERS, PROTESTERS = 5, 6
# A state's forces speaking of territory with no other side named as the taker ("the army said it
# had retaken most of the villages"): the speaker took it, so the government regains territory.
STATE_SPEAKER = re.compile(
    r"\b(?:army|military|armed forces|troops|soldiers|defen[cs]e (?:ministry|forces)|ministry of defen[cs]e|"
    r"junta|government)\b",
    re.IGNORECASE,
)
PROTEST_CUES = ("protest", "demonstrat", "rally", "rallies", "dharna", "agitat")
# Who takes part in a clash between crowds rather than armed groups ("two communities clashed", "young
# people fought running battles with the security forces",
# "supporters of rival candidates clashed", "injured in clashes with riot police" at protests): with
# no armed side, ACLED codes it as a riot (mob violence or a violent demonstration), not a battle.
CROWD_CLASH = re.compile(
    r"\b(?:communit(?:y|ies)|communal|castes?|villagers|residents|supporters|workers|students|"
    r"mobs?|rioters|protesters|demonstrators|fans|youths?|young (?:people|men)|traders|neighbours|neighbors|"
    r"families|worshippers|devotees|protests?|demonstrations?)\b",
    re.IGNORECASE,
)
# Armed sides that the knowledge base may leave unresolved: a clash of state forces with them
# stays a battle even when the sentence also names villagers or residents
ARMED_NAMES = re.compile(
    r"\b(?:militants?|rebels?|insurgents?|terrorists?|jihadists?|fighters|guerr?ill?as?|maoists?|"
    r"naxal\w*|separatists?|extremists?|armed|gunfire|gun ?battle)\b",
    re.IGNORECASE,
)
# What a crowd does that makes its demonstration violent (ACLED: a violent demonstration, a
# riot): barricades of burning tyres, stones thrown, buildings set on fire, a demonstration that
# "turned violent". Active forms only:
# "protesting after homes were torched" is the grievance, not the crowd's act.
CROWD_VIOLENCE = re.compile(
    r"(?<!was )(?<!were )(?<!been )\b(?:burning (?:tyres|tires)|(?:burnt|burned) (?:tyres|tires)|"
    r"(?:threw|hurled|hurling|throwing) (?:stones|rocks|bricks|petrol bombs|molotov)|pelted|"
    r"set fire to|set alight|torched|ransacked|vandali[sz]ed|smashed|(?<!never )(?:turned|became) violent)\b",
    re.IGNORECASE,
)
FIREARMS = re.compile(
    r"\b(?:guns?|rifles?|firearms?|shotguns?|gunshots?|gunfire|gunmen|AK-47s?|automatic weapons)\b",
    re.IGNORECASE,
)
KIND_FIELDS = ("event_type", "sub_event_type", "plover_type", "plover_mode", "cameo_root")


@dataclass(frozen=True)
class Kind:
    event_type: str | None = None
    sub_event_type: str | None = None
    plover_type: str | None = None
    plover_mode: str | None = None
    cameo_root: str | None = None


def crowd_clash(group: list[Resolved], sides: Sides, text: str | None) -> bool:
    """A clash with no armed side whose sentences name crowds ("villagers from two
    communities clashed with sticks"): a riot, not a battle."""
    if text is None or ({sides.inter1, sides.inter2} & {2, 3, 4, 8}):
        return False
    if RIOTERS in (sides.inter1, sides.inter2) or PROTESTERS in (sides.inter1, sides.inter2):
        return True  # "police clashed with protesters": a violent demonstration
    if 1 in (sides.inter1, sides.inter2) and {sides.inter1, sides.inter2} - {1, 7, None}:
        return False
    if any(r.mention.military_target for r in group):
        return False
    spans = dict.fromkeys(r.mention.sentence for r in group)
    if any(ARMED_GROUP_WORDS.search(text, a, b) for a, b in spans):
        return False  # "gunmen clashed with villagers"
    if 1 in (sides.inter1, sides.inter2) and any(ARMED_NAMES.search(text, a, b) for a, b in spans):
        return False  # "police clashed with militants near the village"
    if 1 not in (sides.inter1, sides.inter2) and any(FIREARMS.search(text, a, b) for a, b in spans):
        # "two clans fighting near the town to put down their guns": groups that fight each other
        # with firearms are armed (communal) militias, which ACLED codes as battling; a crowd
        # fighting the police may face guns without carrying any
        return False
    # "thousands of protesters clashed with police" with the crowd left unnamed as a side: a
    # crowd fighting state forces is a riot (ACLED: only organised armed groups battle)
    return any(CROWD_CLASH.search(text, a, b) for a, b in spans)


def _at_demonstration(group: list[Resolved], text: str | None) -> bool:
    """The event's sentences tell of a demonstration ("opened fire on demonstrators"), not only
    of people the knowledge base may call protesters ("students")."""
    if text is None:
        return False
    spans = dict.fromkeys(r.mention.sentence for r in group)
    return any(cue in text[a:b].lower() for a, b in spans for cue in PROTEST_CUES)


IN_BATTLE = {"Shelling/artillery/missile attack", "Grenade"}
# words of a fight that has two sides on the ground, one repelling the other
TWO_SIDED = re.compile(r"\b(?:fought|fighting|beat|beating) (?:off|back)\b|\brepel(?:led|s)?\b|\brepuls\w*|"
                       r"\b(?:exchanged|exchanging|returned|returning) fire\b")  # fmt: skip
AIR_STRIKE = "Air/drone strike"
DISPERSE = re.compile(r"\b(?:dispers\w*|quell\w*|scatter\w*|control the (?:mob|crowd)s?)\b", re.IGNORECASE)
MOB = re.compile(r"\b(?:mobs?|riot\w*|rampag\w*)\b", re.IGNORECASE)


def _sentences(group: list[Resolved], text: str | None) -> list[str]:
    if text is None:
        return []
    return [text[a:b] for a, b in dict.fromkeys(r.mention.sentence for r in group)]


def _in_battle(group: list[Resolved], text: str | None) -> bool:
    """The report first tells of the event as ground fighting between two sides: named ("a gun
    battle between the army and gunmen ... there were grenade explosions"), or told as one
    side fighting the other off (``TWO_SIDED``: "border guards fought off a group that crossed
    under cover of mortar fire"); shelling told first, or after "weeks of fighting" with no
    sides, stays shelling."""
    first = next((r.mention for r in group if r.mention.event_type is not None), None)
    if first is None or first.event_type != "Battles" or first.sub_event_type != "Armed clash":
        return False
    sides = bool(first.actor1 and first.actor2)
    said = text[slice(*first.sentence)].lower() if text is not None else ""
    return sides or " between " in said or TWO_SIDED.search(said) is not None


def _crowd_control(group: list[Resolved], text: str | None) -> bool:
    return any(DISPERSE.search(s) for s in _sentences(group, text))


def _mob(group: list[Resolved], text: str | None) -> bool:
    return any(MOB.search(s) for s in _sentences(group, text))


def killing_kind(
    primary: Mention, group: list[Resolved], sides: Sides, text: str | None = None
) -> tuple[str | None, str | None, bool]:
    """(event type, sub-event type, whether the sides swap) for the primary trigger. A killing
    ("@kill") is a battle when the other side is armed (state forces count as armed except
    against rioters or protesters told as the doers: a riot), excessive force against protesters
    when state forces (or an unnamed attacker) killed protesters (coded like every protest,
    with the protesters as actor1: the sides swap), else violence against civilians. An
    arrest of protesters is a protest with intervention (ACLED: arrests at a protest are part
    of it); a clash of crowds with no armed side is mob violence (``text``: the article's, to
    read the sentences)."""
    event_type, sub = primary.event_type, primary.sub_event_type
    if event_type == "Protests" and sides.inter1 == 1 and sides.inter2 == PROTESTERS:
        # "police lathi-charged the protesters": ACLED names the protesters first
        return event_type, sub, True
    if sub == "Arrests" and sides.inter1 in (1, None) and _at_demonstration(group, text):
        # (its sentences must tell of the demonstration: "activists" alone are not protesting)
        return "Protests", "Protest with intervention", True
    if event_type == "Battles" and sub == "Armed clash" and crowd_clash(group, sides, text):
        if _protest_met_with_deadly_force(group):
            return "Protests", "Excessive force against protesters", False
        return "Riots", "@riot", False  # mob violence, or a violent demonstration (code_kind)
    if event_type == "Explosions/Remote violence" and sub in IN_BATTLE and _in_battle(group, text):
        # "grenade and rocket explosions" told of a gun battle: ACLED codes the battle
        return "Battles", "Armed clash", False
    crowd = sides.inter2 in (RIOTERS, PROTESTERS) or _crowd_control(group, text)
    # no crowd is dispersed from the air: an air strike that killed people a side of which is
    # read as protesters ("…, rescuers and an opposition official said") stays an air strike
    if event_type == "Explosions/Remote violence" and sides.inter1 == 1 and crowd and sub != AIR_STRIKE:
        # "police lobbed grenades to disperse the mob": crowd control, not a bombing
        mob = sides.inter2 == RIOTERS or _mob(group, text)
        return ("Riots", "@riot", False) if mob else ("Protests", "@protest", False)
    if event_type != "@kill":
        return event_type, sub, False
    if sides.inter1 in (RIOTERS, PROTESTERS) and sides.inter2 == 1:
        # "a protester was shot dead in clashes with police": ACLED battles are between organised
        # armed groups; state forces fighting or killing a crowd, or a crowd killing them, is a riot
        return "Riots", "@riot", False
    armed_target = any(r.mention.military_target for r in group)
    if armed_target or (sides.inter2 in ARMED_INTER and sides.inter1 is not None):
        return "Battles", "Armed clash", False
    if (sides.inter2 == PROTESTERS and sides.inter1 == 1) or (
        # "one protester was killed when guards opened fire on demonstrators"
        sides.inter1 in (1, None) and sides.inter2 in (PROTESTERS, 7, None) and _at_demonstration(group, text)
    ):
        return "Protests", "Excessive force against protesters", True
    if sides.inter1 in (1, None) and sides.inter2 == RIOTERS and _peaceful_demonstration(group, text):
        # "police fired tear gas at a crowd gathered for a demonstration": the knowledge base
        # calls a crowd rioters, but one that only demonstrated met force at a protest
        return "Protests", "@protest", True
    if RIOTERS in (sides.inter1, sides.inter2):
        # ACLED: any violence that rioters take part in, or that is used on them, is a riot
        return "Riots", "Mob violence", False
    if sides.inter1 == 1 and sides.inter2 in (None, 7) and _rioting(text):
        # "one person was killed when the police fired 15 rounds" in a report of communal
        # rioting: the police firing on the rioters (the guidelines: a riot, either order)
        return "Riots", "Mob violence", False
    return "Violence against civilians", sub, False


FORCES_DEAD = {"police", "policeman", "policemen", "officer", "soldier", "troop", "personnel", "guard",
               "force", "jawan", "constable", "trooper"}  # fmt: skip


def _protest_met_with_deadly_force(group: list[Resolved]) -> bool:
    """The report tells of the event first as a protest ("police fired to quell a student
    protest"), and the clash told after it left people dead, none of them the forces': ACLED
    codes the protest met with deadly force (excessive force against protesters), not a riot."""
    first = next((r.mention for r in group if r.mention.event_type is not None), None)
    if first is None or first.event_type != "Protests":
        return False
    tolls = [r.mention.fatalities for r in group if r.mention.fatalities and r.mention.fatalities.best > 0]
    # a mixed toll's victims are joined by "+" ("people+policeman"): any of the forces' dead counts
    return bool(tolls) and not any(v in FORCES_DEAD for f in tolls for v in (f.victims or "").split("+"))


def _peaceful_demonstration(group: list[Resolved], text: str | None) -> bool:
    """The event's sentences tell of a demonstration and of no violence by the crowd."""
    sentences = _sentences(group, text)
    violent = any(MOB.search(s) or CROWD_VIOLENCE.search(s) for s in sentences)
    return _at_demonstration(group, text) and not violent


def _rioting(text: str | None) -> bool:
    """The report tells of communal rioting (``scope.riot_context``'s words and count)."""
    return text is not None and rioting_text(text)


def _refined_sub(
    typing: tuple[str, float] | None,
    event_type: str | None,
    sub: str | None,
    min_probability: float = REFINE_MIN_PROBABILITY,
) -> str | None:
    """The classifier's sub-event type when it is sure (``min_probability``: the config's
    ``refine_min_probability``) and stays within the event type that the trigger and the roles
    gave ("shelling" told of a drone: Air/drone strike). Across event types the crisp reading
    stands: precision first."""
    if typing is None or typing[1] < min_probability:
        return None
    from ..extract.event_typing import ACLED_CODES

    family, refined = ACLED_CODES.get(typing[0], (None, None))
    return refined if family == event_type and refined != sub else None


def _state_speaker(article: Article, typed: list[Mention]) -> bool:
    """A state's forces tell of the territory taken (``STATE_SPEAKER``)."""
    return any(m.speaker and STATE_SPEAKER.search(article.text, *m.speaker) for m in typed)


def code_kind(
    article: Article,
    primary: Mention,
    typed: list[Mention],
    event_type: str | None,
    sub: str | None,
    inter1: int | None,
    typing: tuple[str, float] | None,
    refine_min_probability: float = REFINE_MIN_PROBABILITY,
) -> tuple[Kind, Cites]:
    """The final kind from the (killing-resolved) event and sub-event type, the sides' actor1
    inter code and the classifier's reading ``typing`` (CASE code, probability)."""
    if sub == "@protest":
        sentences = " ".join(article.text[m.sentence[0] : m.sentence[1]].lower() for m in typed)
        deaths = any(m.fatalities is not None and m.fatalities.best > 0 for m in typed)
        if deaths and any(cue in sentences for cue in FORCE_CUES):
            sub = "Excessive force against protesters"
        elif CROWD_VIOLENCE.search(sentences):
            event_type, sub = "Riots", "Violent demonstration"
        elif any(cue in sentences for cue in INTERVENTION_CUES):
            sub = "Protest with intervention"
        else:
            sub = "Peaceful protest"
    if sub == "@riot":
        sentences = " ".join(article.text[m.sentence[0] : m.sentence[1]].lower() for m in typed)
        demo = inter1 == PROTESTERS or any(cue in sentences for cue in DEMONSTRATION_CUES)
        sub = "Violent demonstration" if demo else "Mob violence"
    if sub == "@territory":
        by_state = inter1 == 1 or (inter1 is None and _state_speaker(article, typed))
        sub = "Government regains territory" if by_state else "Non-state actor overtakes territory"
    refined = _refined_sub(typing, event_type, sub, refine_min_probability)
    if refined:
        sub = refined
    ptype, mode = primary.plover_type, primary.plover_mode
    if sub != primary.sub_event_type:
        ptype, mode = PLOVER_OF_SUB_EVENT.get(sub, (ptype, mode))
    kind = Kind(event_type, sub, ptype, mode, cameo_root(ptype, mode, sub))
    cites = Cites()
    for key in KIND_FIELDS:
        if getattr(kind, key):
            cites.add(key, primary.trigger)
            if refined and key != "event_type":
                for m in typed:
                    cites.add(key, m.sentence)
            for m in typed:
                if m.event_type == primary.event_type and m is not primary:
                    cites.add(key, m.trigger)
    return kind, cites
