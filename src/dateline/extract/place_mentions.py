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


def _place_relation_of_noun(noun) -> str:
    if noun.dep_ == "pobj" and noun.head.lower_ in NEAR_WORDS:
        return "near"
    if noun.dep_ == "dobj" and noun.head.lemma_ in ("border",):
        return "border"
    return "in"


def _is_actor_modifier(ent, kb) -> bool:
    """'US' in 'US forces' names an actor's country, not where something happened."""
    root = ent.root
    if root.dep_ in ("compound", "amod", "nmod", "poss") and root.head.pos_ in ("NOUN", "PROPN"):
        head = root.head
        entry = kb.lookup(head.text) or kb.lookup(head.lemma_)
        return entry is not None or bool(head.ent_id_)
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


def place_candidates(sent, kb, gaz, with_features: bool = True) -> list[tuple]:
    """(entity, relation, hint, features) of every place entity of a sentence that is not an
    actor's country ('US forces'); the features are for the learned place choice."""
    ents = [e for e in sent.ents if is_place(e, gaz) and not _is_actor_modifier(e, kb)]
    # a name the small model tagged as something else ("Godhra" of "Godhra town" as an
    # organisation) is free for the unit-word rule
    ents += town_of_names(sent, ents, lambda name: {e.kind for e, _ in gaz.lookup(name, fuzzy=False)})
    ents.sort(key=lambda e: e.start)
    heads = trigger_heads(sent) if ents and with_features else []
    found = []
    for ent in ents:
        relation, hint = _place_relation(ent)
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
                None if model is None else model.probability(features),
            )
        )
    return found
