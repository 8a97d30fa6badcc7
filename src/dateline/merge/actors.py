"""The two sides of an event: actor1 (who acted) and actor2 (whom it was done to), each with
its ACLED inter code and associated actors, named as ACLED names them."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..countries import acled_country, countries_by_iso3
from ..extract.mentions import Mention
from ..extract.roles import ActorRef
from ..lookup.actors import ActorEntry
from .cites import Cites, Span

# Country names that take the article in running text (as ACLED writes them: "Military Forces of
# the United States", but "Civilians (United States)").
DEFINITE_COUNTRIES = {
    "United States",
    "United Kingdom",
    "Netherlands",
    "Philippines",
    "Central African Republic",
    "Democratic Republic of Congo",
    "Republic of Congo",
    "Gambia",
    "Bahamas",
    "United Arab Emirates",
    "Czech Republic",
    "Dominican Republic",
    "Comoros",
    "Maldives",
    "Marshall Islands",
    "Solomon Islands",
}

# side 1 <-> side 2, for an event coded with its sides the other way round
SWAP = {"actor1": "actor2", "inter1": "inter2", "assoc_actor_1": "assoc_actor_2"}
SWAP |= {b: a for a, b in SWAP.items()}


@dataclass(frozen=True)
class Sides:
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None

    def swapped(self) -> Sides:
        return Sides(**{name: getattr(self, SWAP[name]) for name in SWAP})


def country_name(iso3: str | None, definite: bool = True) -> str | None:
    """ACLED's name of a country, with its article in running text when ``definite``."""
    name = countries_by_iso3().get(iso3, {}).get("name") if iso3 else None
    name = acled_country(name)  # ACLED's where GeoNames' differs (data/place_names.tsv)
    return f"the {name}" if definite and name in DEFINITE_COUNTRIES else name


def actor_name(ref: ActorRef, iso3: str | None) -> tuple[str, int | None]:
    """The actor's ACLED name and inter code, given the country the event happened in. State
    forces are named for their own country ("Russian drones" in Ukraine: Military Forces of
    Russia); civilians, protesters, rioters and unidentified groups for where it happened."""
    entry = ref.entry
    country = ref.country_hint or entry.country or iso3
    named_for = country if entry.inter == 1 else (iso3 or country)
    name = entry.named(country_name(named_for, definite=entry.of_country))
    inter = entry.inter
    if inter == 1 and country and iso3 and country != iso3:
        inter = 8  # state forces outside their country (ACLED: external forces)
    return name, inter


def _side(
    refs: list[tuple[ActorRef, Span]], iso3: str | None
) -> tuple[ActorRef | None, Span | None, list[tuple[str, Span]]]:
    """(actor, evidence span, associated actors) for one side; a faction stands with its group."""
    main, main_span, assoc = None, None, []
    for ref, span in refs:
        if ref.entry.kind == "faction":
            assoc.append((ref.entry.name, span))
            if main is None and ref.parent is not None:
                main, main_span = ActorRef(ref.parent, span), span
        elif main is None:
            main, main_span = ref, span
        else:
            assoc.append((actor_name(ref, iso3)[0], span))
    return main, main_span, assoc


def _intervening_force(
    mentions: list[Mention], side1: ActorRef | None
) -> tuple[ActorRef | None, Span | None]:
    """Police or soldiers acting in a protest's sentences are its other side (never side 1's
    own actor: "police fired tear gas at protesters" names the police once)."""
    for m in mentions:
        for ref, span in m.actor1 + m.others:
            if ref.entry.inter == 1 and (side1 is None or ref.entry is not side1.entry):
                return ref, span
    return None, None


def _cite_side(
    cites: Cites, n: int, span: Span | None, inter: int | None, assoc: list[tuple[str, Span]]
) -> None:
    cites.add(f"actor{n}", span)
    cites.add(f"inter{n}", span if inter is not None else None)
    for _, aspan in assoc:
        cites.add(f"assoc_actor_{n}", aspan)


def code_sides(primary: Mention, mentions: list[Mention], iso3: str | None) -> tuple[Sides, Cites]:
    """Each side from the first mention that names it (the primary one first), named for the
    event's country ``iso3``."""
    ordered = [primary] + [m for m in mentions if m is not primary]
    main1, span1, assoc1 = _side(next((m.actor1 for m in ordered if m.actor1), []), iso3)
    # factions named anywhere in the event ("the foreign fighter element") join side 1
    for m in mentions:
        for ref, fspan in m.actor1:
            if ref.entry.kind == "faction" and all(ref.entry.name != a for a, _ in assoc1):
                assoc1.append((ref.entry.name, fspan))
    actor1, inter1 = actor_name(main1, iso3) if main1 else (None, None)
    # (never a generic side 1 again: "Yemeni forces" and "the army" may both name Military Forces
    # of Yemen; a named group may fight its own members)
    refs2 = [
        [r for r in m.actor2 if r[0].entry.kind != "generic" or actor_name(r[0], iso3)[0] != actor1]
        for m in ordered
    ]
    main2, span2, assoc2 = _side(next((refs for refs in refs2 if refs), []), iso3)
    if primary.event_type == "Protests" and (main2 is None or main2.entry.inter == 7):
        force, force_span = _intervening_force(mentions, main1)
        if force is not None:
            main2, span2, assoc2 = force, force_span, []
    actor2, inter2 = actor_name(main2, iso3) if main2 else (None, None)
    sides = Sides(
        actor1=actor1,
        assoc_actor_1="; ".join(a for a, _ in assoc1) or None,
        inter1=inter1,
        actor2=actor2,
        assoc_actor_2="; ".join(a for a, _ in assoc2) or None,
        inter2=inter2,
    )
    cites = Cites()
    _cite_side(cites, 1, span1, inter1, assoc1)
    _cite_side(cites, 2, span2, inter2, assoc2)
    return sides, cites


# A party's people who hold no arms ("a BJP worker", "supporters of the TMC", "a Congress leader"):
# killed, they are civilians with the party associated (ACLED: "Civilians (India)", associated
# "BJP: Bharatiya Janata Party"), not the party as an armed side. Supporters, workers and
# activists of any political or identity militia; members and leaders of a party only.
FOLLOWERS = r"supporters?|sympathi[sz]ers?|workers?|activists?|volunteers?"
OFFICERS = r"members?|leaders?|corporators?|councillors?|office[- ]bearers?"
PARTY_NAME = re.compile(r"\b(?:party|congress)\b", re.IGNORECASE)
AFTER_NAME = r"^[\s'’s-]*(?:party\s+|unit\s+)?({nouns})\b"
BEFORE_NAME = r"\b({nouns})\s+(?:of|from)\s+(?:the\s+)?(?:ruling\s+|opposition\s+)?$"
# the people were fighting when they were killed: the party's men are then an armed side
FIGHTING = re.compile(
    r"\b(?:clash\w*|fight\w*|gun ?battle|gunfight|firefight|exchange of fire|exchanged fire|"
    r"returned fire|fired back|retaliat\w*|encounter)\b",
    re.IGNORECASE,
)
MILITIAS = {3, 4}  # ACLED's political and identity militias: parties and their wings sit here


def _member_noun(text: str, span: Span, party: bool) -> Span | None:
    """The noun that makes the named organisation's people its members ("BJP workers",
    "supporters of the TMC"), or None."""
    nouns = f"{FOLLOWERS}|{OFFICERS}" if party else FOLLOWERS
    after = re.search(AFTER_NAME.format(nouns=nouns), text[span[1] : span[1] + 30], re.IGNORECASE)
    if after:
        return span[1] + after.start(1), span[1] + after.end(1)
    window = text[max(span[0] - 40, 0) : span[0]]
    before = re.search(BEFORE_NAME.format(nouns=nouns), window, re.IGNORECASE)
    if before:
        base = span[0] - len(window)
        return base + before.start(1), base + before.end(1)
    return None


def civilian_members(
    sides: Sides, cites: Cites, mentions: list[Mention], sentences: list[str], text: str, iso3: str | None
) -> tuple[Sides, Cites]:
    """Side 2 named as a party's unarmed people (``FOLLOWERS``, ``OFFICERS``) who were not
    fighting (``FIGHTING`` in the event's ``sentences``): civilians, the party associated."""
    spans = cites.spans("actor2")
    entry = next((ref.entry for m in mentions for ref, span in m.actor2 if spans and span == spans[0]), None)
    if entry is None or entry.kind != "organisation" or entry.inter not in MILITIAS:
        return sides, cites
    party = any(PARTY_NAME.search(name) for name in (entry.name, *entry.aliases))
    noun = _member_noun(text, spans[0], party)
    if noun is None or any(FIGHTING.search(s) for s in sentences):
        return sides, cites
    name, inter = generic_name(CIVILIANS, iso3)
    assoc = "; ".join(a for a in (sides.actor2, sides.assoc_actor_2) if a)
    out = Cites()
    for field, span in cites:
        out.add("assoc_actor_2" if field == "actor2" else field, span if field != "inter2" else noun)
    out.add("actor2", noun)
    return replace(sides, actor2=name, inter2=inter, assoc_actor_2=assoc), out


def swap_sides(sides: Sides, cites: Cites) -> tuple[Sides, Cites]:
    """The sides the other way round, their evidence with them."""
    return sides.swapped(), cites.renamed(SWAP)


# ACLED's sides that an event's type implies when the text leaves them unnamed (name, inter).
PROTESTERS = ActorEntry("Protesters ({country})", "generic", 6, template=True)
RIOTERS = ActorEntry("Rioters ({country})", "generic", 5, template=True)
CIVILIANS = ActorEntry("Civilians ({country})", "generic", 7, template=True)
UNIDENTIFIED = ActorEntry("Unidentified Armed Group ({country})", "generic", 3, template=True)
POLICE = ActorEntry("Police Forces of {country}", "generic", 1, template=True)
# Weapons of non-state attackers: an unclaimed bomb or grenade is an unidentified armed group's.
UNCLAIMED_WEAPONS = {"Remote explosive/landmine/IED", "Suicide bomb", "Grenade"}
INTERVENTIONS = {"Protest with intervention", "Excessive force against protesters"}
# Organisations whose members protest or riot: the crowd is the actor, the organisation is
# associated with it (ACLED: "Protesters (India)", associated "BJP: Bharatiya Janata Party").
CROWD_MEMBERS = {2, 3, 4}
STATE_FORCES = ("Military Forces of", "Police Forces of")
VIOLENCE = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


def generic_name(entry: ActorEntry, iso3: str | None) -> tuple[str, int | None]:
    """The name and inter code of a generic side (``RIOTERS``, ``CIVILIANS`` …) where ``iso3`` is."""
    return actor_name(ActorRef(entry, (0, 0)), iso3)


def _state_forces(values: dict) -> bool:
    """Whether side 1 is state forces (abroad they are inter 8: "Israeli troops" in the West Bank)."""
    actor1 = values["actor1"] or ""
    return values["inter1"] == 1 or (values["inter1"] == 8 and actor1.startswith(STATE_FORCES))


def _fill_defaults(values: dict, fill, event_type: str | None, sub: str | None) -> None:
    """ACLED's second side where the text leaves it out or names one the type rules out: the
    arrested and the victims of a bomb are civilians unless named; a base set up has no second
    side; a battle is fought by armed sides (civilians read as one stand for an armed group
    the text does not name); protesters shelled or attacked are civilians (the protesters kept
    as associated); a violent demonstration's crowd is not its own opponent (a mob attacking
    protesters keeps them as side 2)."""
    if sub in ("Arrests", *UNCLAIMED_WEAPONS) and not values["actor2"]:
        fill(2, CIVILIANS)
    elif sub == "Headquarters or base established" and values["actor2"]:
        fill(2, None)
    elif event_type == "Battles" and values["inter2"] == 7 and values["actor1"]:
        fill(2, UNIDENTIFIED)
    elif event_type in ("Explosions/Remote violence", "Violence against civilians") and values["inter2"] == 6:
        fill(2, CIVILIANS, keep_as_associated=True)  # ACLED: Civilians, the protesters associated
    elif sub == "Violent demonstration" and values["inter2"] == 6:
        fill(2, None)  # a mob that attacks protesters is a riot with them as side 2: kept


def complete_sides(
    sides: Sides, cites: Cites, event_type: str | None, sub: str | None, iso3: str | None, evidence: Span
) -> tuple[Sides, Cites]:
    """The sides as ACLED codes an event of this type, where the text names them differently or
    not at all: a protest's actor1 is always its protesters (a party whose members march is
    associated with them; state forces are the other side, when they intervene), a riot's its
    rioters; a peaceful protest has no actor2, an intervention the police unless the text names
    another force; violence against civilians is done to civilians; an unclaimed bomb or
    grenade is an unidentified armed group's; an arrest is made by the police. A side filled
    here cites ``evidence`` (the event's trigger)."""
    values = {name: getattr(sides, name) for name in SWAP}
    items = list(cites)
    filled: set[str] = set()

    def swap() -> None:
        values.update({SWAP[name]: value for name, value in list(values.items())})
        items[:] = [(SWAP.get(name, name), span) for name, span in items]

    # the force that meets a protest is side 2; one that fires at a mob stays side 1 (the
    # guidelines: a riot's police and rioters in either order, the police first as ACLED's)
    if event_type == "Protests" and _state_forces(values) and sides.inter2 in (None, 5, 6, 7):
        swap()

    def fill(n: int, entry: ActorEntry | None, keep_as_associated: bool = False) -> None:
        old = values[f"actor{n}"]
        if keep_as_associated and old:
            values[f"assoc_actor_{n}"] = "; ".join(a for a in (old, values[f"assoc_actor_{n}"]) if a)
            items[:] = [
                (f"assoc_actor_{n}" if f == f"actor{n}" else f, s) for f, s in items if f != f"inter{n}"
            ]
        else:
            items[:] = [(f, s) for f, s in items if f not in (f"actor{n}", f"inter{n}")]
        values[f"actor{n}"], values[f"inter{n}"] = generic_name(entry, iso3) if entry else (None, None)
        if entry is not None:
            filled.add(f"actor{n}")

    if event_type in VIOLENCE and values["inter1"] == 7:
        # civilians do not fight, bomb or attack in ACLED's coding: they are who it was done to
        if not values["actor2"]:
            swap()
        else:
            fill(1, None)
    crowd = {"Protests": (PROTESTERS, 6), "Riots": (RIOTERS, 5)}.get(event_type or "")
    if crowd is not None and values["inter1"] != crowd[1]:
        # protesters who riot are "Rioters" as ACLED names them, and a crowd that only
        # demonstrates is "Protesters"
        other = {"Riots": "Protesters", "Protests": "Rioters"}[event_type]
        generic_other = (values["actor1"] or "").split(" (")[0] == other
        if values["inter1"] is None or values["inter1"] == 7 or generic_other:
            fill(1, crowd[0])
        elif values["inter1"] in CROWD_MEMBERS:
            fill(1, crowd[0], keep_as_associated=True)
    if event_type == "Riots" and values["inter1"] == 1 and values["inter2"] in (None, 6, 7):
        fill(2, RIOTERS)  # "police fired at a mob" is not done to civilians
    if sub == "Violent demonstration" and _state_forces(values) and values["inter2"] == 5:
        swap()  # a violent demonstration is the demonstrators' act: the rioters first, as ACLED
    if sub == "Peaceful protest" and values["actor2"]:
        fill(2, None)
    elif sub in INTERVENTIONS and values["inter2"] in (None, 6, 7):
        fill(2, POLICE)
    # (an unnamed attacker of civilians stays unnamed: the scope step leaves out a killing with
    # no acting side as ordinary crime)
    if event_type == "Violence against civilians" and not values["actor2"]:
        fill(2, CIVILIANS)
    if sub in UNCLAIMED_WEAPONS and not values["actor1"]:
        fill(1, UNIDENTIFIED)
    if sub == "Arrests" and values["actor1"] and not _state_forces(values):
        swap()  # "VHP activists were arrested" read as their act: they are the arrested
        if values["actor1"] and not _state_forces(values):
            fill(1, None)  # an arrest is made by state forces only (the police, below)
    if sub == "Arrests" and not values["actor1"]:
        fill(1, POLICE)
    _fill_defaults(values, fill, event_type, sub)
    out = Cites()
    for name, span in items:
        out.add(name, span)
    for name in sorted(filled):
        out.add(name, evidence)
        out.add(name.replace("actor", "inter"), evidence)
    return Sides(**values), out
