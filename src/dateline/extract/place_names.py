"""Extraction: which of a sentence's entities are place names, and the whole name ("Tal Abyad",
"Santa Cruz do Sul", "Ituri province", "Kisumu's Nyalenda estate") — the names ``place_mentions``
then relates to their clause. The word lists both use are here."""

from __future__ import annotations

from spacy.tokens import Span

PLACE_LABELS = {"GPE", "LOC", "FAC"}
NEAR_WORDS = {
    "near",
    "outside",
    "around",
    "nearby",
    "outskirts",
    "close",
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "vicinity",
    "border",
    "between",
}
# "the northern edge of X" is in X (a camp on a town's edge is the town: docs/coding-guidelines.md)
PART_WORDS = {"side", "part", "centre", "center", "heart", "suburb", "suburbs", "district", "quarter", "edge"}
REGION_WORDS = {
    "province",
    "governorate",
    "region",
    "state",
    "district",
    "county",
    "department",
    "prefecture",
    "oblast",
    "territory",
}
# the unit words of the admin2 areas ACLED codes events at, named with their name: DR Congo's
# territories ("Rutshuru territory"), Nigeria's local government areas ("Damboa LGA", "Damboa
# local government area"), Pakistan's and India's tehsils, taluks and mandals
ADMIN2_WORDS = {"territory", "lga", "tehsil", "taluk", "taluka", "mandal"}
REGION_WORDS |= ADMIN2_WORDS
# the units below the province that take their town's name ("Kenema district", "the Téhini
# department"); a province, region, state or oblast named like a town is bigger than the town,
# and so is a county (Kenya's and Liberia's are first-level: "Lamu county") or a prefecture
TOWN_UNITS = {"district", "department"}


def region_word(tok) -> bool:
    """Whether a token is an area's unit word ("province", "LGA", the "area" of "local government
    area", which alone names no unit: "the Kot area")."""
    if tok.lower_ in REGION_WORDS:
        return True
    return tok.lower_ in ("area", "areas") and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "government"


def unit_start(tok) -> int:
    """The index of a unit word's first word: "local" of "local government area", else its own."""
    doc = tok.doc
    if tok.lower_ in ("area", "areas") and tok.i >= 2 and doc[tok.i - 1].lower_ == "government":
        return tok.i - 2 if doc[tok.i - 2].lower_ == "local" else tok.i - 1
    return tok.i


TOWN_WORDS = {
    "town",
    "city",
    "village",
    "hamlet",
    "neighbourhood",
    "neighborhood",
    "camp",
    "district",
    "port",
}
TOWN_WORDS |= {"towns", "villages", "cities"}  # "the villages of X and Y"
# "Kisumu's Nyalenda estate", "Kharkiv's Saltivka district": a part of a town, so its owner is the
# town (ACLED codes a neighbourhood at its city, precision 1), not the province of the same name
TOWN_PART_WORDS = {"district", "estate", "neighbourhood", "neighborhood", "slum", "township", "suburb"}
TOWN_PART_WORDS |= {"quarter", "area", "market", "camp", "settlement"}
# the unit nouns of a place named before them ("Kanbalu township", "Gwarzo area", "X commune"):
# the name is the place, related to the clause as the noun is (not a modifier of the noun)
UNIT_NOUNS = {"township", "commune", "municipality", "area", "subdistrict", "village", "ward", "locality"}
RESIDENT_WORDS = {"residents", "people", "villagers", "inhabitants", "townspeople", "citizens", "traders"}


def _unit_after(tokens):
    """The first common noun after a possessive, past names and adjectives ("old" in "Aleppo's
    old city")."""
    return next((t for t in tokens if not t.is_title and t.pos_ != "ADJ"), None)


def _is_actor_modifier(ent, kb) -> bool:
    """'US' in 'US forces' or 'Ukrainian drones' (a weapon stands for its forces): an actor's country."""
    root = ent.root
    if root.dep_ in ("compound", "amod", "nmod", "poss") and root.head.pos_ in ("NOUN", "PROPN"):
        head = root.head
        entry = kb.lookup(head.text) or kb.lookup(head.lemma_) or kb.by_weapon.get(head.lemma_.lower())
        return entry is not None or bool(head.ent_id_)  # not attack words: "the Kabul attack" is a place
    return bool(ent.ent_id_) and ent.ent_id_ in kb.by_name


LOCATIVE_PREPS = {"in", "near", "at", "outside", "to", "from", "around", "into", "inside"}


def known_place(text: str, gaz) -> bool:
    return bool(gaz.lookup(text, fuzzy=False))


def known_unit(text: str, gaz) -> bool:
    """Whether ``text`` is an area the gazetteer has named with its admin2 unit word ("Kasur
    Tehsil", "Charla Mandal", tagged as a person or an organisation)."""
    words = text.split()
    unit = " ".join(words[-3:]).lower() == "local government area"
    if len(words) < 2 or not (unit or words[-1].lower() in ADMIN2_WORDS):
        return False
    name = " ".join(words[: -3 if unit else -1])
    return any(e.kind in ("admin1", "admin2", "region") for e, _ in gaz.lookup(name, fuzzy=False))


ABBREVIATION = 5  # letters: a name this short in capitals may be an abbreviation
OWN_NAME = 0.95  # a lookup score this high: the place's own name or key, not a looser form


BIG_PLACE = 100_000  # people: a city or province this big is no people's name


def _big_place(text: str, gaz) -> bool:
    """A big city's or province's own name that is no demonym ("Aleppo", not "Syrian")."""
    return not gaz.demonym_country(text) and _names_area(text, gaz, ("city", "admin1"), BIG_PLACE)


def _names_area(text: str, gaz, kinds: tuple | None = ("country", "admin1"), population: int = 0) -> bool:
    """Whether ``text`` is the own name of a place of one of ``kinds`` (None: of any kind) with at
    least ``population`` people."""
    return any(
        score >= OWN_NAME and (kinds is None or e.kind in kinds) and e.population >= population
        for e, score in gaz.lookup(text, fuzzy=False)
    )


UNIT_DETERMINERS = {"the", "this", "that", "a", "an", "each", "every", "its", "their", "our", "same"}


def _unit_noun(ent) -> bool:
    """A unit word alone after a determiner ("in the mandal", which a lower-cased scrape's
    truecased copy writes "the Mandal"): the common noun, not a town of that name (Mandal,
    Norway)."""
    return (
        len(ent) == 1
        and ent[0].lower_ in ADMIN2_WORDS
        and ent.start > 0
        and ent.doc[ent.start - 1].lower_ in UNIT_DETERMINERS
    )


def is_place(ent, gaz) -> bool:
    """Spatial entities, and names the small model mislabels ('near Gao' as a person, 'the
    town of Sarmada' as an organisation) when their syntax and the gazetteer agree."""
    if ent.ent_id_:
        return False  # a knowledge-base actor
    if _unit_noun(ent):
        return False
    if ent.label_ in PLACE_LABELS:
        return True
    root = ent.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head  # "the residents of X, Y and Z": each stands where the first does
    if ent.label_ == "NORP" and root.dep_ == "pobj" and _big_place(ent.text, gaz):
        # "the neighborhoods of Aleppo": the small model takes some cities for a people (not "the
        # Gujarat train fire", "this south Gujarat town": a name modifying a noun)
        return True
    if ent.label_ not in ("PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART") or root.dep_ != "pobj":
        return False
    if ent.text.islower():
        return False  # "herded into the bush": a common noun, not a mislabelled name (names have capitals)
    if ent.text.isupper() and len(ent.text) <= ABBREVIATION and not _names_area(ent.text, gaz):
        return False  # "corrects the figure in the last PAR": an abbreviation names a country ("DRC"), not a town
    if (
        ent.start > ent.sent.start
        and ent.doc[ent.start - 1].lower_ in DIRECTIONS
        and _names_area(ent.text, gaz, None)
    ):
        return True  # "the ceasefire for eastern Aleppo": a direction before a place's own name
    prep = root.head
    if prep.lower_ == "of" and prep.head.lower_ in TOWN_WORDS:
        return True
    if prep.lower_ == "of" and prep.head.lower_ in RESIDENT_WORDS:
        return known_place(ent.text, gaz)  # "the residents of X"
    if prep.lower_ == "of" and prep.head.lower_ in PART_WORDS | NEAR_WORDS:
        return known_place(ent.text, gaz)  # "on the south side of Culiacan", "outskirts of X"
    return prep.lower_ in LOCATIVE_PREPS and (known_place(ent.text, gaz) or known_unit(ent.text, gaz))


# the lowercase words inside Romance place names: "Sao Jose dos Campos", "Santa Cruz do Sul",
# "Villa de la Paz", "Reggio di Calabria"; the small model often ends the name before them
NAME_PARTICLES = {"do", "dos", "da", "das", "de", "del", "la", "las", "los", "di", "du", "des", "e"}


def _compass_name(ent, gaz):
    """The entity with the capitalised compass word before it ("North" + "Sinai", "Western" +
    "Cape") when the two are the own name of an area the gazetteer has ("North Sinai", a
    province), which the small model tags without its first word; else the entity. "Sinai"
    alone is a region with no province, so the report would lose its first-level area."""
    doc = ent.doc
    if ent.start <= ent.sent.start:
        return ent
    before = doc[ent.start - 1]
    if not before.is_title or before.lower_ not in DIRECTIONS:
        return ent
    longer = Span(doc, ent.start - 1, ent.end, label=ent.label_)
    return longer if _names_area(longer.text, gaz, ("admin1", "admin2", "region")) else ent


def _whole_name(ent, gaz):
    """The entity run on over particles and capitalised words ("Santa Cruz" + "do Sul") when the
    longer name is one the gazetteer has exactly, or with a compass word before it that makes
    an area's name ("North Sinai"); else the entity."""
    ent = _compass_name(ent, gaz)
    doc, end, best = ent.doc, ent.end, ent
    limit = min(ent.sent.end, ent.end + 6)
    while end < limit and doc[end].lower_ in NAME_PARTICLES and doc[end].is_lower:
        n = end
        while n < limit and doc[n].lower_ in NAME_PARTICLES and doc[n].is_lower:
            n += 1
        if n >= limit or not doc[n].is_title:
            break
        end = n + 1
        if known_place(doc[ent.start : end].text, gaz):
            best = Span(doc, ent.start, end, label=ent.label_)
    return best


def _run_on(ent, gaz):
    """A name the small model ended one word short ("Tal" of "Tal Abyad", whose parse makes it a
    compound of the next word): the entity with the capitalised words after it when the longer
    name is one the gazetteer has; else the entity."""
    doc, root = ent.doc, ent.root
    if root.dep_ != "compound" or not (ent.end <= root.head.i < min(ent.sent.end, ent.end + 2)):
        return ent
    end = root.head.i + 1
    if not all(t.is_title and not t.ent_type_ for t in doc[ent.end : end]):
        return ent
    if not known_place(doc[ent.start : end].text, gaz):
        return ent
    return Span(doc, ent.start, end, label=ent.label_)


def _proper(tok) -> bool:
    return tok.is_title and not tok.is_stop and tok.pos_ == "PROPN"  # not "the Old town"


AREA_UNITS = {"province", "state", "governorate", "region", "oblast", "county", "prefecture", "department"}
AREA_UNITS |= {"district"}  # "in the Kot area of Lakki Marwat district" (a district the gazetteer has)
AREA_UNITS |= ADMIN2_WORDS
# unit nouns after a town's name the small model often leaves untagged ("in Kanbalu township")
NAMED_UNITS = {"township", "commune", "municipality", "area"}
DIRECTIONS = {"north", "south", "east", "west", "central", "northern", "southern", "eastern", "western"}


def unit_names(sent, ents: list, kinds, town=None) -> list[tuple]:
    """(span, relation, hint) of the names a unit word makes places whatever the small model
    tagged them (``kinds(name)``: the kinds of the gazetteer's exact entries):
    - the owner of a part of a town ("Kisumu's Nyalenda estate", "Kharkiv's Saltivka district"):
      the town holding the event (a container, a town);
    - a town named before "town"/"city"/"village" ("Kisumu town"), also when a province shares
      its name, unless a direction or a determiner makes the name an area's ("this south Gujarat
      town", whose town ``town_of_names`` leaves alone);
    - an area named before its area word ("Ituri province", "Norte de Santander department") that
      the small model tagged as something else (its relation then read from the parse: None),
      and a district or department named after a town (``town(name)``: the gazetteer has a town
      of exactly that name, not only a spelling like it — "Behsud" is not Wardak's "Bihsud")."""
    doc, found = sent.doc, []
    taken = {i for e in ents for i in range(e.start, e.end)}
    for tok in sent:
        if tok.tag_ == "POS" and tok.i > sent.start:
            unit = _unit_after(doc[tok.i + 1 : min(sent.end, tok.i + 5)])
            if unit is None:
                continue
            if unit.lower_ in TOWN_PART_WORDS:
                relation, hint = "container", "town"
            elif unit.lower_ in TOWN_WORDS and not any(t.pos_ == "PROPN" for t in doc[tok.i + 1 : unit.i]):
                relation, hint = "in", "town"  # "Aleppo's old city" is Aleppo
            else:
                continue
            start = tok.i
            while start > max(sent.start, tok.i - 3) and doc[start - 1].is_title:
                start -= 1
            span = Span(doc, start, tok.i, label="GPE")
            if start < tok.i and not taken & set(range(start, tok.i)) and kinds(span.text) - {"feature"}:
                found.append((span, relation, hint))
        elif (
            (tok.lower_ in AREA_UNITS or region_word(tok))
            and (tok.is_lower or tok.text == "LGA")
            and tok.i > sent.start
        ):
            # "in Ituri province" with "Ituri" tagged as a nationality: the area the word names
            # ("Damboa LGA": the abbreviation is no part of the name)
            first = unit_start(tok)
            start = first
            while start > max(sent.start, first - 4) and (
                doc[start - 1].is_title
                or (
                    doc[start - 1].lower_ in NAME_PARTICLES | {"-"}
                    and start - 2 >= sent.start
                    and doc[start - 2].is_title
                )
            ):
                start -= 1  # "Norte de Santander department", "Sud-Kivu province"
            span = Span(doc, start, first, label="GPE")
            # a name the small model left untagged ("Sud-Kivu province") is the area's too when
            # the gazetteer has an area of that exact name; a direction alone names none
            named = start < first and (bool(span[0].ent_type_) or span.text.lower() not in DIRECTIONS)
            if named and not taken & set(range(start, first)):
                known = kinds(span.text)
                if known & {"admin1", "admin2", "region"}:
                    found.append((span, None, None))
                elif (
                    town is not None
                    and town(span.text)
                    and "country" not in known
                    and span[0].ent_type_
                    and tok.lower_ in TOWN_UNITS
                    and doc[start - 1].tag_ != "POS"  # "Kharkiv's Saltivka district": a town's part
                ):
                    # "in the Téhini department", "Kenema district": a unit below the province
                    # named after its town, which the gazetteer has as the town only (ACLED
                    # codes the town); "Russia's Belgorod region" is the province, not the town
                    found.append((span, None, None))
        elif tok.lower_ in {"town", "city", "village"} | NAMED_UNITS and tok.i > sent.start + 1:
            start = tok.i
            while start > max(sent.start + 1, tok.i - 3) and _proper(doc[start - 1]):
                start -= 1
            before = doc[start - 1]
            if start == tok.i or taken & set(range(start, tok.i)):
                continue
            if before.lower_ in DIRECTIONS or before.pos_ in ("ADJ", "DET") and before.lower_ != "the":
                continue
            span = Span(doc, start, tok.i, label="GPE")
            known = kinds(span.text)
            if tok.lower_ in NAMED_UNITS and known & {"city", "admin2", "admin3"} and "country" not in known:
                found.append((span, None, None))  # "in Kanbalu township": its relation from the parse
            elif "city" in known and "country" not in known:
                found.append((span, "in", "town"))
    return found


# a facility named after its town ("the Cairo International Airport", "Kabul University"): the
# event there is in that town (ACLED codes it at the town); a church or a garden may be named
# after a saint or a person ("Victoria garden"), so only these heads
TOWN_FACILITIES = {
    "airport",
    "airbase",
    "university",
    "court",  # "the Lahore High Court"
    "stadium",
    "station",
    "prison",
    "jail",
    "harbour",
    "harbor",
}


# a town big enough to name an airport, a court or a university after: "the Supreme Court" is not
# in Supreme, Louisiana (a village of that name)
FACILITY_TOWN_POPULATION = 20_000
# "the Central Station", "the Supreme Court", "the National University": words, not towns
INSTITUTION_WORDS = set(("central national supreme high international federal state royal general grand union main"
                         " regional district county provincial military islamic peoples").split())  # fmt: skip


def facility_town(ent, gaz) -> Span | None:
    """The town a facility entity is named after, as a span of its first words, when the
    gazetteer lacks the facility itself and has that town's own name; else None."""
    if (
        ent.label_ not in ("FAC", "ORG")
        or ent[-1].lower_ not in TOWN_FACILITIES
        or known_place(ent.text, gaz)
    ):
        return None
    start = ent.start + (1 if ent[0].lower_ == "the" else 0)
    for end in range(ent.end - 1, start, -1):
        span = Span(ent.doc, start, end, label="GPE")
        if span[0].lower_ in INSTITUTION_WORDS:
            break
        if all(t.is_title for t in span) and _names_area(span.text, gaz, ("city",), FACILITY_TOWN_POPULATION):
            return span
    return None
