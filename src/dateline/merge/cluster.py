"""Clustering: which mentions tell of the same real-world event.

A mention joins the event before it when it points back to it ("the incident", "the
attack") or follows it within a paragraph, unless place, date or kind of event disagree, or
its sentence says it is another event ("in a separate attack", "elsewhere").
Captions describe their photo, not the story, so they never merge with body text.
"""

from __future__ import annotations

import re

from ..extract.mentions import Mention
from ..lookup.places import same_place
from ..resolve.context import Resolved, When
from .kind import ARMED_NAMES, CROWD_CLASH
from .scope import ARMED_GROUP_WORDS

ANAPHOR_REACH = 3  # the config option's default: paragraphs back that "the incident" may point to
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "@kill"}
# Kinds of mention that may tell of one event. Arrests join a protest or a riot (ACLED: arrests
# at a protest are part of it) but not a killing: "police arrested two men" after "a shopkeeper
# was burnt alive" is an event of its own, which the killing would otherwise swallow.
KINDRED = [
    {"Battles", "Explosions/Remote violence", "Violence against civilians", "@kill"},
    {"Protests", "Riots", "@kill"},
    # arrests at a protest are part of it (Protest with intervention); after a riot or a
    # killing, ACLED codes them as their own event (Strategic developments / Arrests)
    {"Protests", "Arrests"},
    # fugitives or gunmen caught at the end of a gunfight ("two died and three were arrested")
    # were caught in it: ACLED codes the clash, not an arrest of its own
    {"Battles", "Arrests"},
]


def _overlaps(a: When, b: When) -> bool:
    return a.start <= b.end and b.start <= a.end


def _same_place(a: Resolved, b: Resolved) -> bool:
    """A mention without a place fits anywhere; otherwise the one same-place rule."""
    return a.where is None or b.where is None or same_place(a.where.place, b.where.place)


def _compatible_kind(a: str | None, b: str | None, rank_a: int, rank_b: int) -> bool:
    if a is None or b is None or a == b:
        return True
    if any(a in group and b in group for group in KINDRED):
        return True
    if DESTRUCTION in (a, b):
        # trucks set on fire in an ambush, shops looted in a riot: ACLED codes the destruction
        # as part of the violence it happened in, not as an event of its own
        return ({a, b} - {DESTRUCTION}) <= VIOLENT | {"Protests"}
    # A coup, an escape or a patrol is often the frame of the violence that follows.
    return (a == "Strategic developments" and rank_a < 40 and b in VIOLENT) or (
        b == "Strategic developments" and rank_b < 40 and a in VIOLENT
    )


DESTRUCTION = "Looting/property destruction"


# Police "armed" with batons or rifles are still the police a crowd clashes with
ARMED_POLICE = re.compile(r"\barmed (?:riot )?(?:police(?:m[ae]n)?|officers|security)\b", re.IGNORECASE)


def crowd_fight(m: Mention, text: str | None) -> bool:
    """A clash mention whose sentence names a crowd and no armed group ("protesters clashed with
    police", "students fought police"): the trigger types it as a battle, but the event is the
    crowd's (a riot or a demonstration, as ``kind.crowd_clash`` codes it), so it belongs with the
    protest, the tear gas and the arrests told around it."""
    if text is None or m.event_type != "Battles" or m.sub_event_type != "Armed clash" or m.military_target:
        return False
    sentence = ARMED_POLICE.sub("police", text[slice(*m.sentence)])
    if ARMED_GROUP_WORDS.search(sentence) or ARMED_NAMES.search(sentence):
        return False
    return CROWD_CLASH.search(sentence) is not None


def _kind_key(m: Mention) -> str | None:
    return m.sub_event_type if m.sub_event_type in ("Arrests", DESTRUCTION) else m.event_type


RIOTING = re.compile(r"\b(?:riot(?:s|ers?|ing)|mobs?)\b", re.IGNORECASE)
RIOTERS = 5  # ACLED's inter code of rioters
AFTER_RIOT = "Arrests after a riot"


def riot_arrest(m: Mention, text: str | None) -> bool:
    """An arrest of rioters ("arrested 63 rioters", "arrested for rioting"): not an arrest at a
    protest, which would make it part of the protest, but one ACLED codes on its own."""
    if m.sub_event_type != "Arrests":
        return False
    if any(ref.entry.inter == RIOTERS for ref, _ in m.actor2):
        return True
    return text is not None and RIOTING.search(text, *m.sentence) is not None


def _kinds(m: Mention, text: str | None) -> tuple[str | None, ...]:
    """The kinds a mention may be grouped as: its own, a riot's for a crowd's clash, and only
    other arrests of rioters for an arrest of rioters."""
    if riot_arrest(m, text):
        return (AFTER_RIOT,)
    return (_kind_key(m), "Riots") if crowd_fight(m, text) else (_kind_key(m),)


CROWD_KINDS = {"Protests", "Riots"}
# Violence on people ("they were beaten up", "a student was shot") told in a protest's or a riot's
# group is the force used on the crowd, which ACLED codes as part of the crowd's event (excessive
# force, a riot): it does not keep the crowd's other parts (the tear gas, the arrests) out.
FORCE_ON_CROWD = {"Violence against civilians", "@kill"}


def _force_on_crowd(o: Mention, crowd: bool, kinds: dict[int, tuple[str | None, ...]]) -> bool:
    return crowd and set(kinds[id(o)]) <= FORCE_ON_CROWD


def _referent_kinds(
    group: list[Resolved], m: Mention, kinds: dict[int, tuple[str | None, ...]]
) -> tuple[str | None, ...]:
    """ "the clash" that points back to a crowd's clash ("students clashed with police") is that
    crowd's clash, though its own sentence names no crowd: it takes the kinds of the mention it
    refers to, so that it keeps none of the crowd's event (the tear gas) out."""
    own = kinds[id(m)]
    referent = next((o.mention for o in reversed(group) if _kind_key(o.mention) == _kind_key(m)), None)
    if referent is None:
        return own
    return own + tuple(k for k in kinds[id(referent)] if k not in own)


def _fits(cluster: list[Resolved], item: Resolved, kinds: dict[int, tuple[str | None, ...]]) -> bool:
    """``kinds``: each mention's ``_kinds`` by its id, worked out once per article."""
    m = item.mention
    # "the clash" points back to a clash: when the group already tells of one of its kind, the
    # kinds of the group's other mentions (the protest, the tear gas) are no reason to stay apart
    named = m.anaphoric and any(_kind_key(o.mention) == _kind_key(m) for o in cluster)
    crowd = any(k in CROWD_KINDS for other in cluster for k in kinds[id(other.mention)])
    battle = any("Battles" in kinds[id(other.mention)] for other in cluster)
    for other in cluster:
        o = other.mention
        if o.in_caption != m.in_caption:
            return False
        if not _same_place(other, item):
            return False
        if other.when and item.when and not _overlaps(other.when, item.when):
            return False
        if _force_on_crowd(o, crowd, kinds):
            continue  # the new mention is weighed against the crowd's mentions instead
        if battle and set(kinds[id(o)]) <= {"@kill"}:
            continue  # "officers returned fire" in a gunfight: the battle's, weighed as the battle
        if not named and not any(
            _compatible_kind(a, b, o.rank, m.rank) for a in kinds[id(o)] for b in kinds[id(m)]
        ):
            return False
    return True


def _named_here(r: Resolved) -> bool:
    """Whether the mention's place is named in its own sentence (not the story's, carried)."""
    w, (start, end) = r.where, r.mention.sentence
    return w is not None and start <= w.mention.start and w.mention.end <= end


def _own_incident(group: list[Resolved], item: Resolved) -> bool:
    """A mention that tells a toll of its own at a place its own sentence names, after a group
    whose toll was told at another place its sentence named ("a suicide bomber killed six in
    Borno state" ... "a roadside bomb west of Maiduguri killed three policemen"): a
    second incident, though the province holds the town. A toll told with no place of its own
    ("two of the fugitives died") or at the group's own place is the group's."""
    m = item.mention
    if m.fatalities is None or not _named_here(item):
        return False
    told = [r for r in group if r.mention.fatalities is not None and r.mention.sentence != m.sentence]
    placed = [r for r in told if _named_here(r)]
    return bool(placed) and all(r.where.place.geonameid != item.where.place.geonameid for r in placed)


def cluster(
    resolved: list[Resolved], anaphor_reach: int = ANAPHOR_REACH, text: str | None = None
) -> list[list[Resolved]]:
    """The article's resolved mentions grouped by event, in text order; a group starts at a
    mention with a type (an untyped one joins the group before it, or stays alone so that it
    is dropped with its reason rather than lost). An anaphoric mention looks back
    ``anaphor_reach`` paragraphs (the config option). ``text``: the article's, which tells a
    crowd's clash from a battle."""
    groups: list[list[Resolved]] = []
    clusters: list[list[Resolved]] = []  # the groups later mentions may join
    kinds = {id(r.mention): _kinds(r.mention, text) for r in resolved}  # (regex scans: once each)
    for item in resolved:
        m = item.mention
        target = None
        if m.another:
            target = None  # "in a separate attack", "elsewhere": an event of its own
        elif m.anaphoric:
            target = next(
                (
                    c
                    for c in reversed(clusters)
                    if c[-1].mention.paragraph >= m.paragraph - anaphor_reach and _fits(c, item, kinds)
                ),
                None,
            )
        elif (
            clusters
            and clusters[-1][-1].mention.paragraph >= m.paragraph - 1
            and _fits(clusters[-1], item, kinds)
            and not _own_incident(clusters[-1], item)
        ):
            target = clusters[-1]
        if target is not None:
            if m.anaphoric:
                kinds[id(m)] = _referent_kinds(target, m, kinds)
            target.append(item)
            continue
        groups.append([item])
        if m.event_type is not None:
            clusters.append(groups[-1])
    return groups
