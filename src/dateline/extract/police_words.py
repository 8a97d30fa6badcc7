"""The words the police rules read (extract/police_actions.py, police_activity.py): who the police
are, the crowds they face, and the words of arrests, force, seizures and deaths, as lower-cased
Indian newspaper scrapes write them."""

from __future__ import annotations

import re

POLICE = {"police", "policemen", "policeman", "cops", "cop", "constables", "constable", "policewomen"}
# who else arrests for the state: ACLED names the police force as the side ("the authorities arrested")
AUTHORITIES = POLICE | {"authorities", "administration", "government"}
RIOTERS = {"mob", "mobs", "crowd", "crowds", "rioters", "rioter", "miscreants", "arsonists", "hooligans"}
PROTESTERS = {"protesters", "protestors", "demonstrators", "agitators", "agitationists"}
ARREST_LEMMAS = {"arrest", "detain", "nab", "apprehend"}
ARREST_PARTICLES = {("round", "up"), ("pick", "up")}  # "rounded up", "picked up by the police"
SEIZE_LEMMAS = {"recover", "seize", "defuse", "confiscate", "find", "unearth"}
# explosives, whose seizure ACLED codes whoever held them (a seized pistol may be a crime's)
WEAPONS = {"bomb", "explosive", "grenade", "detonator", "rdx", "gelatin", "ied", "landmine"}
FIRING = {"firing", "firng"}  # (the scrapes misspell it)
BULLETS = {"bullet", "bullets", "pellet", "pellets"}
ENCOUNTER = {"encounter", "encounters"}  # "killed in an encounter with the police"
DEATH_WORDS = {"kill", "die", "dead", "death", "succumb"}
# dependencies along which an action word's doer is still the verb above it ("police had to open
# fire", "police opened fire and lobbed tear gas shells", "resorted to firing")
CLIMB = {"xcomp", "conj", "dobj", "pobj", "pcomp", "prep", "compound", "amod", "nmod", "advcl", "acomp"}
# an infinitive that still happened: "had to open fire", "were able to arrest", "forced to fire"
REALISING = {"have", "able", "resort", "force", "compel", "manage", "oblige"}
ROUND = re.compile(r"^(?:rounds?|shots?|bullets?|air|teargas|tear|shells?)$")


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two character spans share a character."""
    return a[0] < b[1] and b[0] < a[1]
