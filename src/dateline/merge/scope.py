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
from collections.abc import Sequence
from itertools import islice
from typing import TYPE_CHECKING

from ..config import SCOPES
from ..extract.event_typing import OUT_OF_SCOPE
from ..extract.mentions import Mention
from ..records import Article, Event
from ..resolve.context import Resolved
from ..resources import Resources
from .across_words import increment, toll_revised

if TYPE_CHECKING:
    from ..lookup.actors import ActorKB

__all__ = [
    "SCOPES", "against_civilians", "armed_group", "classify_group", "demonstration", "kept_by_scope",
    "armed_doer", "follow_up_doer", "forces_attacked", "massacre", "ordinary_crime", "out_of_scope", "remote_weapon",
    "riot_context", "rioting_text",
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
    r"\b(?:attack\w*|ambush\w*|massacre\w*|shoot\w*|shot|gun\w*|opened fire|raid\w*|stormed|assault\w*|stabb\w*|"
    r"hacked|behead\w*)\b",
    re.IGNORECASE,
)
# a private quarrel or a crime, told in the sentences of soldiers or police killed ("shot dead by
# his wife during a domestic dispute", "an off-duty policeman killed in a robbery"): no attack on
# the state's forces
PRIVATE = re.compile(
    r"\b(?:domestic|dispute|quarrel\w*|robber(?:y|ies|s)?|robbed|off-duty|brawl|drunk\w*|accidental\w*|"
    r"by mistake|girlfriend|wife|husband|personal enmity|love affair)\b",
    re.IGNORECASE,
)
# "the massacre of 21 civilians", "massacred villagers": a deliberate killing of many defenceless
# people, which ACLED codes as violence against civilians by whoever did it, unless one man did it
# ("a man massacred his family": a domestic killing, or a lone shooter's, is the rules' call).
MASSACRE = re.compile(r"\bmassacre[sd]?\b", re.IGNORECASE)
LONE_DOER = re.compile(
    r"\b(?:a|the|one|lone|single) (?:lone |\w+-year-old )?(?:man|woman|shooter|attacker|assailant|killer|"
    r"teenager|student|suspect|father|mother|husband|wife|son)\b|\b(?:his|her) (?:own )?(?:family|wife|"
    r"husband|children|parents)\b",
    re.IGNORECASE,
)
# Attackers who single their victims out ("asked for two of the men by name", "separated the
# Christians from the other passengers", "checked their identity cards"): an execution by an armed
# group, not a robbery or a brawl.
SINGLED_OUT = re.compile(
    r"\b(?:attackers|assailants|killers|gunmen|armed men|intruders)\b[^.!?\n]{0,60}?"
    r"\b(?:asked for|called out|singled out|picked out|separated|checked (?:the |their )?(?:ID|identity))\b",
    re.IGNORECASE,
)
BLANK = re.compile(r"\s*")
# A doer told after the event's sentences counts as its agent only: "were taken by (unidentified)
# armed men", not armed men a later sentence speaks of in another way.
AGENT = re.compile(r"\bby (?:(?:a|an|the|some|suspected|unidentified|unknown|heavily|masked) )*$", re.I)
# The event's doers told back to after its sentences ("the assailants were members of the Allied
# Democratic Forces", "the attackers, armed with rifles and machetes, ..."): the definite article
# points back to the attack just told, so until another event is told they are its doers.
DOERS = re.compile(
    r"\b(?:the|its|their) (?:attackers|assailants|raiders|killers|perpetrators)\b", re.IGNORECASE
)
ARMED_DOERS = re.compile(r",? (?:who )?(?:were )?(?:heavily )?armed\b", re.IGNORECASE)
# "... were members of the ADF", "... were ADF rebels": the name is read in the actor knowledge base
MEMBERS_OF = re.compile(
    r" (?:were|was) (?:(?:suspected|believed to be|all) )?(?:(?:members|fighters|militants) of |from )?(?:the )?"
    r"((?:[A-Z][\w'-]*)(?: (?:of |and )?[A-Z][\w'-]*)*)"
)
ARMED_INTER = (2, 3, 4)  # rebels, political militias, identity militias (ACLED inter codes)
STATE_FORCES = 1  # ACLED's inter code of the military and the police
# Demonstration events (ACLED's disorder type "Demonstrations" only): out of political-violence.
DEMONSTRATIONS = {"Peaceful protest", "Protest with intervention", "Violent demonstration"}


def classify_group(article: Article, group: list[Resolved], resources: Resources) -> tuple[str, float]:
    """The learned classifier's CASE code and probability for the sentences of one event."""
    from ..extract.event_typing import classify_snippet

    spans = dict.fromkeys(r.mention.sentence for r in group)  # each sentence once, in order
    config = resources.config
    # the cascade: MPNet is not run where the word model is so unsure that the reading would not
    # act; never above the thresholds the pipeline acts at, so a skipped reading never acts
    skip = min(config.typing_skip_below, config.out_of_scope_min_probability, config.refine_min_probability)
    return classify_snippet(" ".join(article.text[a:b] for a, b in spans), resources, skip)


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


def armed_group(
    article: Article, group: list[Resolved], others: Sequence[tuple[int, int]] = (), kb: ActorKB | None = None
) -> bool:
    """An armed group acts in the event: an acting side resolved to an armed non-state actor,
    or words naming one ("gunmen", "cartel hitmen", "bandits") outside the side acted on, in the
    event's sentences or, as the agent ("by armed men"), told after them in the paragraph ("Three
    aid workers were abducted on Saturday. They were taken by unidentified armed men."), up to a
    sentence of another event (``others``: the sentences of the article's other mentions); or
    its doers told back to later as armed or as members of an armed group of the knowledge base
    ``kb`` ("the assailants were members of the ADF": ``_doers_told_after``)."""
    for r in group:
        m = r.mention
        if any(ref.entry.inter in ARMED_INTER for ref, _ in m.actor1):
            return True
        a, b = m.sentence
        victims = [span for _, span in m.actor2]
        for found in ARMED_GROUP_WORDS.finditer(article.text, a, b):
            if not any(s <= found.start() < e for s, e in victims):
                return True
    return _agent_told_after(article, group, others, kb) is not None


def _agent_told_after(
    article: Article, group: list[Resolved], others: Sequence[tuple[int, int]], kb: ActorKB | None = None
) -> tuple[int, int] | None:
    """Where armed-group words told after the event's sentences are its agent ("were taken by
    unidentified armed men"), or its doers told back to as armed (``_doers_told_after``), None
    when they are not."""
    mine = {r.mention.sentence for r in group}
    for a, b in _told_after(article, mine, others):
        for found in ARMED_GROUP_WORDS.finditer(article.text, a, b):
            if AGENT.search(article.text, max(a, found.start() - 25), found.start()):
                return found.span()
    return _doers_told_after(article, mine, others, kb)


def _doers_told_after(
    article: Article, mine: set[tuple[int, int]], others: Sequence[tuple[int, int]], kb: ActorKB | None
) -> tuple[int, int] | None:
    """Where the event's doers, told back to after its sentences and before another event's
    ("the attackers, armed with rifles", "the assailants were members of the ADF", ``DOERS``), are
    said to be armed or members of an armed group of ``kb`` (rebels, political or identity
    militias)."""
    text = article.text
    start = max(b for _, b in mine)
    stop = min([s for s, e in others if s >= start and (s, e) not in mine], default=len(text))
    for found in DOERS.finditer(text, start, stop):
        if ARMED_DOERS.match(text, found.end()):
            return found.span()
        members = MEMBERS_OF.match(text, found.end()) if kb is not None else None
        if members and any(e.inter in ARMED_INTER for e in _named(kb, members.group(1))):
            return found.start(), members.end()
    return None


def _named(kb: ActorKB, words: str) -> list:
    """The knowledge base's entries named by ``words`` or by any run of them ("ADF rebels": ADF)."""
    tokens = words.split()
    runs = (" ".join(tokens[i:j]) for i in range(len(tokens)) for j in range(len(tokens), i, -1))
    return [entry for run in runs if (entry := kb.lookup(run)) is not None]


def _told_after(
    article: Article, mine: set[tuple[int, int]], others: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The rest of the paragraph after each of the event's sentences (the next paragraph when
    the sentence ends its own), up to the first sentence of another event: the same event told
    on ("They were taken by armed men.")."""
    spans = []
    for _, b in mine:
        end = _paragraph_end(article.text, b)
        if not article.text[b:end].strip():
            end = _paragraph_end(article.text, BLANK.match(article.text, end).end())
        later = [start for start, stop in others if b <= start < end and (start, stop) not in mine]
        spans.append((b, min([end, *later])))
    return spans


def _paragraph_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def massacre(article: Article, group: list[Resolved], lead: bool = False) -> tuple[int, int] | None:
    """Where the text says an armed group did it with no attacker named (None when it does not):
    the event is told as a massacre (in its sentences, or in the title of the story it leads)
    and no lone doer is named in its sentences; or the attackers singled their victims out."""
    spans = sorted({r.mention.sentence for r in group})
    text = article.text
    told = next((m for a, b in spans if (m := MASSACRE.search(text, a, b))), None)
    if told is None and lead and (title := _title_span(article)) is not None:
        told = MASSACRE.search(text, *title)
    if told is not None and not any(LONE_DOER.search(text, a, b) for a, b in spans):
        return told.span()
    singled = SINGLED_OUT.search(text)
    return singled.span() if singled else None


def _title_span(article: Article) -> tuple[int, int] | None:
    """Where the stored text shows the title (its preamble line, or the body's first line)."""
    if "title" in article.meta_spans:
        return article.meta_spans["title"]
    start = article.text.find(article.title) if article.title else -1
    return None if start < 0 or not article.title else (start, start + len(article.title))


def armed_doer(
    article: Article,
    group: list[Resolved],
    others: Sequence[tuple[int, int]],
    lead: bool = False,
    kb: ActorKB | None = None,
) -> tuple[int, int] | None:
    """The words that say an unnamed armed group did a killing with no actor in its sentences:
    armed-group words told after them (``armed_group``) or a massacre (``massacre``)."""
    return (
        _agent_told_after(article, group, others, kb)
        or massacre(article, group, lead)
        or follow_up_doer(article, group)
    )


def follow_up_doer(article: Article, group: list[Resolved]) -> tuple[int, int] | None:
    """Where a follow-up names its incident's doers as an armed group (None when it does not): the
    event's toll is told as revised or added ("the death toll from Friday's market shooting rose
    to eight", ``across_words.toll_revised`` / ``increment``) and the report names an armed group
    anywhere outside the event's victims ("a youth militia was blamed for the attack",
    ``ARMED_GROUP_WORDS``). A follow-up is about one incident and its revision sentence seldom
    repeats who did it; the toll's size (``MASS_CASUALTY_MIN``) is no evidence either way."""
    text = article.text
    tolls = [{"field": "fatalities", "text": text[slice(*r.mention.fatalities.span)]}
             for r in group if r.mention.fatalities is not None]  # fmt: skip
    if not any(toll_revised(t) or increment(t) for t in tolls):
        return None
    victims = [span for r in group for _, span in r.mention.actor2]
    found = (f for f in ARMED_GROUP_WORDS.finditer(text) if not any(s <= f.start() < e for s, e in victims))
    return next((f.span() for f in found), None)


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
    primary: Mention,
    group: list[Resolved],
    event: Event,
    article: Article | None = None,
    others: Sequence[tuple[int, int]] = (),
    lead: bool = False,
    kb: ActorKB | None = None,
) -> bool:
    """ACLED codes political violence: a killing, stabbing, shooting, abduction or rape with
    no armed or political actor and no named group anywhere in its sentences ("a man was
    stabbed outside a store", "a jogger was abducted") is left out. Given the ``article``, words
    naming an armed group ("gang members shot dead …") count as an armed actor, and a killing
    in an article about communal rioting is not ordinary crime (``riot_context``), nor is a
    massacre or a killing whose attackers singled their victims out (``massacre``; ``lead``: the
    event leads the story, so its title speaks of it). A killing told with a drone, an air strike
    or shelling never is (``remote_weapon``), nor an attack on state forces (``forces_attacked``).
    ``others``: the sentences of the article's other mentions, where the paragraph stops telling
    of this event (``armed_group``; ``kb``: the actor knowledge base, to read doers told later)."""
    if not against_civilians(primary, event):
        return False
    if event.inter1 is not None or remote_weapon(group):
        return False
    if (event.fatalities or 0) >= MASS_CASUALTY_MIN and article is not None and _one_attack(article, group):
        return False  # "attacks in Paris killed 130 people": a massacre ("flu killed 100" is none)
    if article is not None and (armed_group(article, group, others, kb) or riot_context(article)):
        return False
    if article is not None and (massacre(article, group, lead) or follow_up_doer(article, group)):
        return False
    if article is not None and forces_attacked(article, group):
        return False
    return not any(r.mention.named_groups for r in group)


def forces_attacked(article: Article, group: list[Resolved]) -> bool:
    """State forces are among the victims and the event's sentences tell of an attack ("six
    soldiers were killed in the attack on the convoy", "26 soldiers were killed in Saturday's
    assault on a military camp"): an armed attack on soldiers or police is political violence
    even when no attacker is named, never an ordinary crime. "Killed" alone (a crash, an
    accident) is not enough, nor a private quarrel or a crime ("shot dead by his wife during a
    domestic dispute": ``PRIVATE``)."""
    if not any(ref.entry.inter == STATE_FORCES for r in group for ref, _ in r.mention.actor2):
        return False
    spans = {r.mention.sentence for r in group}
    if any(PRIVATE.search(article.text, a, b) for a, b in spans):
        return False
    return any(ATTACK_WORDS.search(article.text, a, b) for a, b in spans)


def _one_attack(article: Article, group: list[Resolved]) -> bool:
    """The event's sentences tell of an attack by people, and not of a tally of several
    ("ten people were killed in separate gun, bomb and machete attacks")."""
    spans = {r.mention.sentence for r in group}
    attack = any(ATTACK_WORDS.search(article.text, a, b) for a, b in spans)
    return attack and not any(SEVERAL.search(article.text, a, b) for a, b in spans)


def kept_by_scope(scope: str, typing: tuple[str, float], primary: Mention, group: list[Resolved],
                  event: Event, article: Article, others: Sequence[tuple[int, int]] = ()) -> bool:  # fmt: skip
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
    return against_civilians(primary, event) and armed_group(article, group, others)


def demonstration(event: Event) -> bool:
    """A demonstration event (kept by ``acled``, dropped by ``political-violence``)."""
    return event.sub_event_type in DEMONSTRATIONS
