"""Scope: which events Dateline codes. Precision first: a flood, a factory fire, a drug bust,
a diplomatic meeting or an ordinary crime is not a conflict event even when a trigger word
("killed", "seized", "ceasefire", "stabbed") fires.

The ``scope`` option (docs/config.md) chooses the set: ``acled`` (the default) is ACLED's:
political violence, demonstrations and strategic developments, with organised armed-group
violence against civilians kept even where the classifier calls it organised crime (ACLED codes
cartel and gang killings in Mexico, Brazil, Haiti); ``political-violence`` is that without
demonstrations; ``all`` keeps everything the extractor found, with a note saying why the other
scopes would not."""

from __future__ import annotations

import re
from itertools import islice

from ..config import SCOPES
from ..extract.event_typing import OUT_OF_SCOPE
from ..extract.mentions import Mention
from ..records import Article, Event
from ..resolve.context import Resolved
from ..resources import Resources

__all__ = [
    "SCOPES", "against_civilians", "armed_group", "classify_group", "demonstration", "kept_by_scope",
    "ordinary_crime", "out_of_scope", "remote_weapon", "riot_context", "rioting_text",
]  # fmt: skip
OUT_OF_SCOPE_MIN_PROBABILITY = 0.6  # the default of the config option of the same name

# Words that name an armed group even when the group is not named: who ACLED codes as an
# (unidentified) armed group or political militia when they kill or abduct civilians. A
# "gang-rape" names the crime, not a gang. Cattle rustlers are the armed groups of pastoral raids.
ARMED_GROUP_WORDS = re.compile(
    r"\b(?:gunm[ae]n|armed (?:men|m[ae]n|groups?|gangs?|assailants)|bandits?|cartels?|"
    r"gangs?(?![- ]?rap)|gangsters?|gang members?|hitm[ae]n|sicarios?|militias?|militiam[ae]n|"
    r"(?:cattle )?rustlers?)\b",
    re.IGNORECASE,
)
# Words that say a place is in communal rioting ("riot-hit", "curfew-bound", "violent mobs"):
# ACLED codes a stabbing or killing amid such rioting as mob violence (rioters against
# civilians) even when the report names no attacker. Two mentions in the article are needed,
# so a crime report that mentions a riot once in passing stays ordinary crime.
RIOT_CONTEXT_WORDS = re.compile(
    r"\b(?:riot(?:s|ing|ous|ers?)?|mobs?|communal (?:violence|clash(?:es)?|riots?|tension)|"
    r"curfew(?:-bound)?|arson)\b",
    re.IGNORECASE,
)
RIOT_CONTEXT_MIN = 2
# A killing of this many people in one incident is no ordinary crime even with no attacker named
# (a massacre or a terrorist attack: ACLED codes it as violence against civilians); a domestic
# killing or a robbery takes fewer lives.
MASS_CASUALTY_MIN = 10
SEVERAL = re.compile(r"\b(?:separate|series of|string of|spate of|wave of|several|various)\b", re.IGNORECASE)
# words that tell of an attack by people in the event's sentences ("killed" alone a flu, a fire
# or a flood can do)
ATTACK_WORDS = re.compile(
    r"\b(?:attack\w*|massacre\w*|shoot\w*|shot|gun\w*|opened fire|raid\w*|stormed|assault\w*|stabb\w*|"
    r"hacked|behead\w*)\b",
    re.IGNORECASE,
)
ARMED_INTER = (2, 3, 4)  # rebels, political militias, identity militias (ACLED inter codes)
# Demonstration events (ACLED's disorder type "Demonstrations" only): out of political-violence.
DEMONSTRATIONS = {"Peaceful protest", "Protest with intervention", "Violent demonstration"}


def classify_group(article: Article, group: list[Resolved], resources: Resources) -> tuple[str, float]:
    """The learned classifier's CASE code and probability for the sentences of one event."""
    from ..extract.event_typing import classify_snippet

    spans = dict.fromkeys(r.mention.sentence for r in group)  # each sentence once, in order
    return classify_snippet(" ".join(article.text[a:b] for a, b in spans), resources)


def out_of_scope(
    typing: tuple[str, float], group: list[Resolved], min_probability: float = OUT_OF_SCOPE_MIN_PROBABILITY
) -> bool:
    """The learned classifier (extract/event_typing.py) reads the sentences of the event and,
    when it is sure, drops disasters, organised crime and diplomacy; a claim of
    responsibility alone ("the group claimed the bombing") is dropped too, unless it reports
    deaths. ``OUT_OF_SCOPE`` is the one set: the CASE codes that are not ACLED events."""
    code, probability = typing
    if probability < min_probability:
        return False
    if code == "ATTRIB":
        return not any(r.mention.fatalities for r in group)
    return code in OUT_OF_SCOPE


def armed_group(article: Article, group: list[Resolved]) -> bool:
    """An armed group acts in the event: an acting side resolved to an armed non-state actor,
    or words naming one ("gunmen", "cartel hitmen", "bandits") outside the side acted on."""
    for r in group:
        m = r.mention
        if any(ref.entry.inter in ARMED_INTER for ref, _ in m.actor1):
            return True
        a, b = m.sentence
        victims = [span for _, span in m.actor2]
        for found in ARMED_GROUP_WORDS.finditer(article.text, a, b):
            if not any(s <= found.start() < e for s, e in victims):
                return True
    return False


def remote_weapon(group: list[Resolved]) -> bool:
    """A drone, an air strike, shelling or a bomb reported the event (a trigger of
    Explosions/Remote violence in its sentences): political violence by an unidentified actor
    when no actor is named ("a drone hit a school, killing two children"), never an ordinary
    crime. Drone words alone do not count: "killed when a drone crashed into their house"."""
    return any(r.mention.event_type == "Explosions/Remote violence" for r in group)


def riot_context(article: Article) -> bool:
    """The article reports communal rioting: at least ``RIOT_CONTEXT_MIN`` riot words."""
    return rioting_text(article.text)


def rioting_text(text: str) -> bool:
    """``riot_context`` of a text: at least ``RIOT_CONTEXT_MIN`` riot words in it."""
    found = RIOT_CONTEXT_WORDS.finditer(text)
    return next(islice(found, RIOT_CONTEXT_MIN - 1, None), None) is not None


def against_civilians(primary: Mention, event: Event) -> bool:
    """A killing, or violence against civilians (attack, abduction, sexual violence)."""
    return primary.event_type == "@kill" or event.event_type == "Violence against civilians"


def ordinary_crime(
    primary: Mention, group: list[Resolved], event: Event, article: Article | None = None
) -> bool:
    """ACLED codes political violence: a killing, stabbing, shooting, abduction or rape with
    no armed or political actor and no named group anywhere in its sentences ("a man was
    stabbed outside a store", "a jogger was abducted") is left out. Given the ``article``, words
    naming an armed group ("gang members shot dead …") count as an armed actor, and a killing
    in an article about communal rioting is not ordinary crime (``riot_context``). A killing
    told with a drone, an air strike or shelling never is (``remote_weapon``)."""
    if not against_civilians(primary, event):
        return False
    if event.inter1 is not None or remote_weapon(group):
        return False
    if (event.fatalities or 0) >= MASS_CASUALTY_MIN and article is not None and _one_attack(article, group):
        return False  # "attacks in Paris killed 130 people": a massacre ("flu killed 100" is none)
    if article is not None and (armed_group(article, group) or riot_context(article)):
        return False
    return not any(r.mention.named_groups for r in group)


def _one_attack(article: Article, group: list[Resolved]) -> bool:
    """The event's sentences tell of an attack by people, and not of a tally of several
    ("ten people were killed in separate gun, bomb and machete attacks")."""
    spans = {r.mention.sentence for r in group}
    attack = any(ATTACK_WORDS.search(article.text, a, b) for a, b in spans)
    return attack and not any(SEVERAL.search(article.text, a, b) for a, b in spans)


def kept_by_scope(scope: str, typing: tuple[str, float], primary: Mention, group: list[Resolved],
                  event: Event, article: Article) -> bool:  # fmt: skip
    """Under ``acled`` and ``political-violence``, a killing or abduction by an armed group that
    the classifier is sure is organised crime stays: ACLED codes it as violence against
    civilians; so does a battle with a gang, a cartel or gunmen on either side."""
    if scope == "all":
        return True
    if typing[0] != "ORG_CRIME":
        return False
    if event.event_type == "Battles":
        # "officers killed four gang members in a shootout": state forces fighting a gang or
        # a cartel (either side) is a battle ACLED codes (Haiti, Mexico, Brazil)
        return any(
            ARMED_GROUP_WORDS.search(article.text, a, b) for a, b in {r.mention.sentence for r in group}
        )
    return against_civilians(primary, event) and armed_group(article, group)


def demonstration(event: Event) -> bool:
    """A demonstration event (kept by ``acled``, dropped by ``political-violence``)."""
    return event.sub_event_type in DEMONSTRATIONS
