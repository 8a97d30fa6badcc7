"""Extraction: the place names of a sentence and how each relates to its clause ('in Hajin',
'near Hasakah', 'the province of X'), as ``PlaceMention`` records with character offsets; with the
learned place model (``role_model``) each carries its probability of being where the event was."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from .candidates import place_features, town_of_names, trigger_heads
from .role_model import LogReg
from .triggers import _by_first_word

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
# an organisation's base ("the London-based observatory", "a group based in Paris") and a place
# acting as a state ("Iran shelled villages near X", "Kyiv accused Moscow") are never where the
# event happened: relations the rules and the learned choice never take as the event's place
NOT_WHERE = ("base", "agent", "speaker", "source")
# a state speaking ("The United States said", a ccomp the "agent" test misses); "aid from Uganda"
SPEECH_VERBS = set(("say condemn urge warn announce state claim deny accuse confirm add tell call express welcome"
                    " insist vow pledge promise threaten demand send monitor respond react").split())  # fmt: skip
SOURCE_NOUNS = set(("aid assistance help supplies convoy convoys group groups agency agencies workers delegation"
                    " envoy envoys diplomats donors mediators volunteers troops peacekeepers contingent").split())  # fmt: skip
BASE_WORDS = {"based", "headquartered"}
# "Kabul saw protests", "Nairobi witnessed clashes": the subject of these verbs is the place
PLACE_SUBJECT_VERBS = {"see", "witness", "experience", "host", "record", "have", "remain", "become"}
# "Lebanon's capital", "the capital of Mali": the country's capital city (resolve_places)
CAPITAL_WORDS = {"capital"}
RESIDENT_WORDS = {"residents", "people", "villagers", "inhabitants", "townspeople", "citizens", "traders"}


@dataclass
class PlaceMention:
    start: int
    end: int
    text: str
    relation: str  # in | near | container | border | other
    hint: str | None = None  # town | province | country | None
    label: str = "GPE"  # the entity label: FAC names (a church, an airport) are not gazetteer towns
    score: float | None = None  # the learned probability that the event happened here


def _place_relation(ent) -> tuple[str, str | None]:
    """How a place entity relates to its clause: 'in Hajin', 'near Hasakah', 'province of X'."""
    root = ent.root
    hint = None
    around = [t.lower_ for t in ent.doc[max(ent.start - 3, 0) : min(ent.end + 2, len(ent.doc))]]
    if root.dep_ == "poss":
        pass  # "Kharkiv's Kyivskyi district": the unit word after the owner is not the owner's
    elif any(w in REGION_WORDS for w in around):
        hint = "province"
    elif any(w in TOWN_WORDS for w in around):
        hint = "town"
    head = root.head
    if root.dep_ == "poss" and head.lower_ in CAPITAL_WORDS:
        return _place_relation_of_noun(head), "capital"  # "in Lebanon's capital"
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in CAPITAL_WORDS:
        return _place_relation_of_noun(head.head), "capital"  # "in the capital of Mali"
    if head.lower_ in BASE_WORDS or (head.lower_ == "in" and head.head.lower_ in BASE_WORDS):
        return "base", None  # "the London-based observatory", "a group based in Paris"
    unit, named = _owned_unit(ent)
    if unit in TOWN_PART_WORDS:
        return "container", "town"  # "Kisumu's Nyalenda estate" is in the city of Kisumu
    if unit in TOWN_WORDS | REGION_WORDS and named:
        return "container", None  # "Kenya's Kisumu town", "Nigeria's Borno state"
    if unit in TOWN_WORDS:
        return "in", "town"  # "Aleppo's old city" is Aleppo
    if root.dep_ in ("compound", "amod", "nmod", "poss") and head.pos_ in ("NOUN", "PROPN"):
        if head.lemma_.lower() in _by_first_word():
            return "in", hint  # "a Calgary rally", "the Kabul attack"
        if head.lower_ in REGION_WORDS:
            # "X's Y district": the district word is Y's, and X is often the city
            return "container", None if root.dep_ == "poss" else "province"
        if head.lower_ in TOWN_WORDS:
            return "in", "town"
        return "modifier", hint
    if root.dep_ == "pobj" or root.dep_ == "appos":
        prep = head
        if prep.lower_ in NEAR_WORDS or prep.head.lower_ in NEAR_WORDS:
            return "near", hint
        if prep.lower_ == "of" and prep.head.lower_ in REGION_WORDS:
            return "container", "province"
        if prep.lower_ == "of" and prep.head.lower_ in TOWN_WORDS:
            return _place_relation_of_noun(prep.head), "town"
        if prep.lower_ == "of" and prep.head.lower_ in PART_WORDS:
            return _place_relation_of_noun(prep.head), hint  # "the south side of X" is in X
        if prep.lower_ == "from" and prep.head.lower_ in SOURCE_NOUNS:
            return "source", hint  # "aid groups from Uganda arrived": where they came from
        if prep.lower_ == "to" and prep.head.lower_ == "according":
            return "speaker", hint  # "according to Uganda"
        if prep.lower_ == "of" and prep.head.lower_ in RESIDENT_WORDS:
            return "in", hint  # "the residents of X observed a bandh": where they are
        if prep.lower_ in ("in", "at", "on", "into", "across", "inside", "to", "from"):
            grand = prep.head
            if grand.pos_ in ("PROPN",) and grand.ent_type_ in PLACE_LABELS:
                return "container", hint
            if grand.lower_ in REGION_WORDS or grand.lower_ in TOWN_WORDS:
                return "container", hint
            return "in", hint
    if root.dep_ in ("dobj", "nsubj", "nsubjpass", "attr"):
        if head.lemma_ in ("border",):
            return "border", hint
        if root.dep_ == "nsubj" and head.pos_ == "VERB" and head.lemma_.lower() in SPEECH_VERBS:
            return "speaker", hint  # "The United States said it was monitoring the situation"
        if (
            root.dep_ == "nsubj"
            and head.pos_ == "VERB"
            and head.lemma_ not in PLACE_SUBJECT_VERBS
            and any(c.dep_ == "dobj" for c in head.children)
        ):
            return "agent", hint  # "Iran shelled villages near X": a state acting, not a place
        return "in", hint
    if root.dep_ == "conj":
        # "Turkey and Russia" stand where the first conjunct stands
        first = root
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        span = next((e for e in ent.doc.ents if e.start <= first.i < e.end), None)
        return _place_relation(span) if span is not None and span.root.dep_ != "conj" else ("other", hint)
    if root.dep_ == "npadvmod":
        return "in", hint
    return "other", hint


def _owned_unit(ent) -> tuple[str | None, bool]:
    """The unit word of what a possessive place owns ("district" in "Kharkiv's Saltivka district":
    the parse often hangs the owner on the name between), and whether a name stands between."""
    doc = ent.doc
    if ent.end >= ent.sent.end or doc[ent.end].tag_ != "POS":
        return None, False
    unit = _unit_after(doc[ent.end + 1 : min(ent.sent.end, ent.end + 5)])
    if unit is None:
        return None, False
    return unit.lower_, any(t.pos_ == "PROPN" for t in doc[ent.end + 1 : unit.i])


def _unit_after(tokens):
    """The first common noun after a possessive, past names and adjectives ("old" in "Aleppo's
    old city")."""
    return next((t for t in tokens if not t.is_title and t.pos_ != "ADJ"), None)


def _place_relation_of_noun(noun) -> str:
    if noun.dep_ == "pobj" and noun.head.lower_ in NEAR_WORDS:
        return "near"
    if noun.dep_ == "dobj" and noun.head.lemma_ in ("border",):
        return "border"
    return "in"


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


def is_place(ent, gaz) -> bool:
    """Spatial entities, and names the small model mislabels ('near Gao' as a person, 'the
    town of Sarmada' as an organisation) when their syntax and the gazetteer agree."""
    if ent.ent_id_:
        return False  # a knowledge-base actor
    if ent.label_ in PLACE_LABELS:
        return True
    root = ent.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head  # "the residents of X, Y and Z": each stands where the first does
    if ent.label_ not in ("PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART") or root.dep_ != "pobj":
        return False
    if ent.text.islower():
        return False  # "herded into the bush": a common noun, not a mislabelled name (names have capitals)
    prep = root.head
    if prep.lower_ == "of" and prep.head.lower_ in TOWN_WORDS:
        return True
    if prep.lower_ == "of" and prep.head.lower_ in RESIDENT_WORDS:
        return known_place(ent.text, gaz)  # "the residents of X"
    if prep.lower_ == "of" and prep.head.lower_ in PART_WORDS | NEAR_WORDS:
        return known_place(ent.text, gaz)  # "on the south side of Culiacan", "outskirts of X"
    return prep.lower_ in LOCATIVE_PREPS and known_place(ent.text, gaz)


# the lowercase words inside Romance place names: "Sao Jose dos Campos", "Santa Cruz do Sul",
# "Villa de la Paz", "Reggio di Calabria"; the small model often ends the name before them
NAME_PARTICLES = {"do", "dos", "da", "das", "de", "del", "la", "las", "los", "di", "du", "des", "e"}


def _whole_name(ent, gaz):
    """The entity run on over particles and capitalised words ("Santa Cruz" + "do Sul") when the
    longer name is one the gazetteer has exactly; else the entity."""
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
DIRECTIONS = {"north", "south", "east", "west", "central", "northern", "southern", "eastern", "western"}


def unit_names(sent, ents: list, kinds) -> list[tuple]:
    """(span, relation, hint) of the names a unit word makes places whatever the small model
    tagged them (``kinds(name)``: the kinds of the gazetteer's exact entries):
    - the owner of a part of a town ("Kisumu's Nyalenda estate", "Kharkiv's Saltivka district"):
      the town holding the event (a container, a town);
    - a town named before "town"/"city"/"village" ("Kisumu town"), also when a province shares
      its name, unless a direction or a determiner makes the name an area's ("this south Gujarat
      town", whose town ``town_of_names`` leaves alone);
    - an area named before its area word ("Ituri province", "Norte de Santander department") that
      the small model tagged as something else (its relation then read from the parse: None)."""
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
        elif tok.lower_ in AREA_UNITS and tok.is_lower and tok.i > sent.start:
            # "in Ituri province" with "Ituri" tagged as a nationality: the area the word names
            start = tok.i
            while start > max(sent.start, tok.i - 4) and (
                doc[start - 1].is_title
                or (
                    doc[start - 1].lower_ in NAME_PARTICLES
                    and start - 2 >= sent.start
                    and doc[start - 2].is_title
                )
            ):
                start -= 1  # "Norte de Santander department"
            span = Span(doc, start, tok.i, label="GPE")
            if start < tok.i and not taken & set(range(start, tok.i)) and span[0].ent_type_:
                if kinds(span.text) & {"admin1", "admin2", "region"}:
                    found.append((span, None, None))
        elif tok.lower_ in ("town", "city", "village") and tok.i > sent.start + 1:
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
            if "city" in known and "country" not in known:
                found.append((span, "in", "town"))
    return found


def place_candidates(sent, kb, gaz, with_features: bool = True) -> list[tuple]:
    """(entity, relation, hint, features) of every place entity of a sentence that is not an
    actor's country ('US forces'); the features are for the learned place choice."""
    ents = [e for e in sent.ents if is_place(e, gaz) and not _is_actor_modifier(e, kb)]

    def kinds(name: str) -> set[str]:
        return {e.kind for e, _ in gaz.lookup(name, fuzzy=False)}

    ents = [_run_on(e, gaz) for e in ents]
    # a name the small model tagged as something else ("Godhra" of "Godhra town" as an
    # organisation) is free for the unit-word rules
    ents += town_of_names(sent, ents, kinds)
    units = unit_names(sent, ents, kinds)
    fixed = {e.start: (relation, hint) for e, relation, hint in units if relation is not None}
    ents += [e for e, _, _ in units]
    ents.sort(key=lambda e: e.start)
    heads = trigger_heads(sent) if ents and with_features else []
    found = []
    for ent in ents:
        relation, hint = fixed.get(ent.start) or _place_relation(ent)
        features = place_features(ent, ents, relation, hint, heads, gaz) if with_features else {}
        if hint == "capital" and features:
            # "Lebanon's capital" names a city: the country's features would rule it out
            features = {k: v for k, v in features.items() if not k.startswith("kind:")}
            features.pop("broad_with_town", None)
            features.pop("possessor", None)
            features["kind:city"] = 1.0
        found.append((ent, relation, hint, features))
    return found


def sentence_places(sent, kb, gaz, model: LogReg | None = None) -> list[PlaceMention]:
    """The sentence's place mentions; with ``model`` each carries its probability of being
    where the sentence's event happened. A name the small model cut short ("Santa Cruz" of
    "Santa Cruz do Sul") is the whole name; its syntax is the short entity's (the parser often
    takes the particle for a verb)."""
    found = []
    for ent, relation, hint, features in place_candidates(sent, kb, gaz, model is not None):
        whole = _whole_name(ent, gaz)
        if any(m.start <= ent.start_char < m.end for m in found):
            continue  # the rest of a longer name already found
        found.append(
            PlaceMention(
                whole.start_char,
                whole.end_char,
                whole.text,
                relation,
                hint,
                ent.label_,
                None if model is None else 0.0 if relation in NOT_WHERE else model.probability(features),
            )
        )
    return found
