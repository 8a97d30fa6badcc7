"""Extraction: the place names of a sentence and how each relates to its clause ('in Hajin',
'near Hasakah', 'the province of X'), as ``PlaceMention`` records with character offsets; with the
learned place model (``role_model``) each carries its probability of being where the event was."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lookup.namesake import namesake_area
from ..lookup.place_text import EXACT
from .candidates import place_features, town_of_names, trigger_heads
from .place_names import (  # noqa: F401 - is_place, known_place: imported from here by others
    NEAR_WORDS,
    PART_WORDS,
    PLACE_LABELS,
    REGION_WORDS,
    RESIDENT_WORDS,
    TOWN_PART_WORDS,
    TOWN_WORDS,
    UNIT_NOUNS,
    _is_actor_modifier,
    _run_on,
    _unit_after,
    _whole_name,
    facility_town,
    is_place,
    known_place,
    region_word,
    unit_names,
)
from .role_model import LogReg
from .speech_places import spoken_at
from .triggers import _by_first_word

# an organisation's base ("the London-based observatory", "a group based in Paris") and a place
# acting as a state ("Iran shelled villages near X", "Kyiv accused Moscow") are never where the
# event happened: relations the rules and the learned choice never take as the event's place
NOT_WHERE = ("base", "agent", "speaker", "source", "destination", "cause", "care")
# where a victim died afterwards or was moved to for care ("died in hospital in Hat Yai", "was
# rushed to a hospital in Kano") is the hospital's town, not where the attack was. Only verbs of
# dying and of moving a victim: "treating patients at a hospital in Kano" (gunmen stormed it) and
# "carried the body to the hospital in Kisumu and protested there" can be the event's own place
CARE_VERBS = set(
    ("die succumb admit take rush transfer airlift evacuate fly hospitalise hospitalize").split()
)
HOSPITAL_WORDS = {"hospital", "hospitals", "clinic", "infirmary"}
# what a protest is against or over: another event's place ("protested against the killing of a
# student in X" is not a protest in X)
PROTEST_WORDS = set(("protest demonstrate rally agitate march strike demonstration agitation bandh dharna"
                     " outrage anger").split())  # fmt: skip
ABOUT_WORDS = {"against", "over", "about"}
# where someone was sent, deported or fled to is not where the event (the detention, the attack) was
MOVE_VERBS = set(("send deport return fly flee expel extradite repatriate transfer evacuate relocate airlift"
                  " escort ship rush bring move").split())  # fmt: skip
DISTANCE_WORDS = {
    "km",
    "kms",
    "kilometres",
    "kilometers",
    "miles",
    "metres",
    "meters",
    "mile",
    "kilometre",
    "way",
}
# a state speaking ("The United States said", a ccomp the "agent" test misses); "aid from Uganda"
SPEECH_VERBS = set(("say condemn urge warn announce state claim deny accuse confirm add tell call express welcome"
                    " insist vow pledge promise threaten demand send monitor respond react").split())  # fmt: skip
# verbs whose object is a state spoken of or to ("accused Moscow", "urged Kenya"), never a place
ADDRESSED_VERBS = set("accuse blame condemn urge warn criticise criticize denounce".split())
SOURCE_NOUNS = set(("aid assistance help supplies convoy convoys group groups agency agencies workers delegation"
                    " envoy envoys diplomats donors mediators volunteers troops peacekeepers contingent").split())  # fmt: skip
BASE_WORDS = {"based", "headquartered"}
# "Kabul saw protests", "Nairobi witnessed clashes": the subject of these verbs is the place
PLACE_SUBJECT_VERBS = {"see", "witness", "experience", "host", "record", "have", "remain", "become"}
# "Lebanon's capital", "the capital of Mali": the country's capital city (resolve_places)
CAPITAL_WORDS = {"capital"}
# "at Victoria, Bowring and Vani Vilas hospitals": names listed before a plural institution noun
# are the institutions' names (as "Victoria hospital" is), not towns the sentence puts anything in
NAMED_INSTITUTIONS = {"hospitals", "colleges", "schools", "universities", "temples", "mosques", "churches",
                      "hotels", "gardens", "markets", "cinemas", "halls"}  # fmt: skip


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
    window = ent.doc[max(ent.start - 3, 0) : min(ent.end + 3, len(ent.doc))]
    around = [t.lower_ for t in window][:-1]
    if root.dep_ == "poss":
        pass  # "Kharkiv's Kyivskyi district": the unit word after the owner is not the owner's
    elif any(w in REGION_WORDS for w in around) or any(region_word(t) for t in window):
        hint = "province"
    elif any(w in TOWN_WORDS for w in around):
        hint = "town"
    head = root.head
    if _names_institutions(ent):
        return "modifier", hint
    if _protested_event(root):
        return "cause", hint  # "protesting against the torching of a train near Godhra"
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
        if head.lower_ in UNIT_NOUNS and region_word(head):
            pass  # "Damboa local government area": an area's unit word, read below
        elif head.lower_ in UNIT_NOUNS and root.dep_ == "poss":
            if any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in head.children):
                return "container", hint  # "Kano State's Gwarzo area": the owner holds Gwarzo
        elif head.lower_ in UNIT_NOUNS:
            # "in Kanbalu township", "in the Gwarzo area": the name is the place where the unit
            # noun stands (a town's unit: "township", "commune"; "area" names no unit of its own);
            # "in Lotoru, Kanbalu township": the unit holds the place it follows
            unit_hint = None if head.lower_ == "area" else "town"
            if head.dep_ == "appos" and head.head.pos_ == "PROPN" and head.head.ent_type_ in PLACE_LABELS:
                return "container", unit_hint
            return _place_relation(ent.doc[head.i : head.i + 1])[0], unit_hint
        if region_word(head):
            # "X's Y district": the district word is Y's, and X is often the city
            return "container", None if root.dep_ == "poss" else "province"
        if head.lower_ in TOWN_WORDS:
            return _place_relation_of_noun(head), "town"  # "4 km from Mpondwe town" is near it
        return "modifier", hint
    if root.dep_ == "appos" and head.pos_ == "NOUN" and head.dep_ not in ("appos", "conj"):
        # "in the capital, Kinshasa", "the capital Kinshasa was calm": the name stands where the
        # noun it names stands
        return _place_relation(ent.doc[head.i : head.i + 1])[0], hint
    if root.dep_ == "pobj" or root.dep_ == "appos":
        prep = head
        if prep.lower_ in NEAR_WORDS or prep.head.lower_ in NEAR_WORDS:
            return "near", hint
        if prep.lower_ == "of" and region_word(prep.head):
            return "container", "province"
        if prep.lower_ == "of" and prep.head.lower_ in TOWN_WORDS:
            return _place_relation_of_noun(prep.head), "town"
        if prep.lower_ == "of" and prep.head.lower_ in PART_WORDS:
            return _place_relation_of_noun(prep.head), hint  # "the south side of X" is in X
        if _from_distance(prep):
            return "near", hint  # "28 kilometres from Beni": a place near it, not in it
        if prep.lower_ == "from" and (
            prep.head.lower_ in SOURCE_NOUNS
            or (prep.head.pos_ in ("NOUN", "PRON", "NUM") and prep.head.lower_ not in DISTANCE_WORDS)
        ):
            # "aid groups from Uganda arrived", "beef imports from the United States", "activists
            # from Surat were held": where someone or something came from ("20 km from X" is near X)
            return "source", hint
        if prep.lower_ == "to" and _moved_to(prep):
            return "destination", hint  # "detained at the airport and sent back to Paris"
        if prep.lower_ == "to" and prep.head.lower_ == "according":
            return "speaker", hint  # "according to Uganda"
        if prep.lower_ == "of" and prep.head.lower_ in RESIDENT_WORDS:
            return "in", hint  # "the residents of X observed a bandh": where they are
        if prep.lower_ in ("in", "at") and _care_place(prep):
            return "care", hint
        if prep.lower_ in ("in", "at") and spoken_at(prep.head):
            return "speaker", hint
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
        if root.dep_ == "dobj" and head.pos_ == "VERB" and head.lemma_.lower() in ADDRESSED_VERBS:
            # "Kyiv accuses Moscow of striking towns", "blamed Rwanda for the attack": a state
            # spoken to or of acts (or is blamed), it is not where the event was
            return "agent", hint
        if (
            root.dep_ == "nsubj"
            and head.pos_ == "VERB"
            and head.lemma_.lower() in SPEECH_VERBS
            and hint != "province"  # "reports from X Region say": a region is no government speaking
        ):
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


def _care_place(prep) -> bool:
    """Whether "in X" / "at X" tells where a victim was treated or died afterwards: the hospital's
    town ("a hospital in X" after "taken to", "rushed to") or a town beside "in hospital" on a
    verb of dying or treatment ("died in hospital in X"); "a shell hit a hospital in X" is not."""
    head = prep.head
    if head.lower_ in HOSPITAL_WORDS and head.dep_ == "pobj":
        return head.head.head.lemma_.lower() in CARE_VERBS
    if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in CARE_VERBS:
        return any(
            c.dep_ == "prep" and any(g.dep_ == "pobj" and g.lower_ in HOSPITAL_WORDS for g in c.children)
            for c in head.children
        )
    return False


def _names_institutions(ent) -> bool:
    """Whether the entity heads a list of names closed by a plural institution noun ("Victoria,
    bowring and vani vilas hospitals", "Victoria hospitals"): after it only commas, one "and" and
    names of one or two words (lower-cased scrapes tag them as anything, so not by their tags)."""
    shape = ""
    for tok in ent.doc[ent.end : ent.end + 10]:
        if tok.lower_ in NAMED_INSTITUTIONS:
            return re.fullmatch(r"(?:,w{1,2})*(?:,?aw{1,2})?", shape) is not None
        shape += {",": ",", "and": "a"}.get(tok.lower_) or ("w" if tok.is_alpha and not tok.is_stop else "x")
    return False


def _protested_event(tok) -> bool:
    """Whether the name is inside an event noun that a protest is against or over."""
    through_event = False
    for _ in range(8):
        head = tok.head
        if head.i == tok.i:
            return False
        if tok.pos_ == "NOUN" and _event_noun(tok.lower_, tok.lemma_.lower()):
            through_event = True
        if head.lower_ in ABOUT_WORDS and head.head.lemma_.lower() in PROTEST_WORDS:
            return through_event
        tok = head
    return False


def _event_noun(word: str, lemma: str) -> bool:
    """A noun naming an event: a trigger word, or its -ing form ("torching", "burning")."""
    words = _by_first_word()
    return lemma in words or word in words or (word.endswith("ing") and word[:-3] in words)


def _in_town(relation: str) -> str:
    return "in" if relation == "near" else relation


def _moved_to(prep) -> bool:
    """Whether "to" ends a move: "deported to X", "sent back to X"."""
    head = prep.head.head if prep.head.lower_ == "back" else prep.head
    return head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in MOVE_VERBS


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


def _from_distance(prep) -> bool:
    """Whether a "from" ends a distance: "28 kilometres from X", "some 20 km away from X"."""
    if prep.lower_ != "from" or prep.i == 0:
        return False
    before = prep.doc[prep.i - 1]  # the parse hangs the distance on "from" or on the verb
    if before.lower_ == "away" and before.i > 0:
        before = prep.doc[before.i - 1]
    return before.lower_ in DISTANCE_WORDS and before.lower_ != "way"  # "on the way from X" is no distance


def _place_relation_of_noun(noun) -> str:
    if noun.dep_ == "pobj" and (noun.head.lower_ in NEAR_WORDS or _from_distance(noun.head)):
        return "near"  # "near the town of X", "28 kilometres from the town of X"
    if noun.dep_ == "dobj" and noun.head.lemma_ in ("border",):
        return "border"
    return "in"


def place_candidates(sent, kb, gaz, with_features: bool = True) -> list[tuple]:
    """(entity, relation, hint, features) of every place entity of a sentence that is not an
    actor's country ('US forces'); the features are for the learned place choice."""
    ents = [e for e in sent.ents if is_place(e, gaz) and not _is_actor_modifier(e, kb)]

    def kinds(name: str) -> set[str]:
        return {e.kind for e, _ in gaz.lookup(name, fuzzy=False)}

    ents = [_run_on(e, gaz) for e in ents]
    # "at the Cairo International Airport": the town, related to the clause as the facility is
    # (also an organisation's name: "the Johannesburg High Court", "Kabul University")
    orgs = [
        e for e in sent.ents if e.label_ == "ORG" and not e.ent_id_ and all(e.start != o.start for o in ents)
    ]
    towns = [(e, facility_town(e, gaz)) for e in ents]
    towns += [(e, t) for e in orgs if (t := facility_town(e, gaz)) is not None]
    # (near the facility, "outside the Johannesburg High Court", is in the town)
    named_for = {t.start: (_in_town(_place_relation(e)[0]), "town") for e, t in towns if t is not None}
    ents = [t or e for e, t in towns]
    # a name the small model tagged as something else ("Godhra" of "Godhra town" as an
    # organisation) is free for the unit-word rules
    ents += town_of_names(sent, ents, kinds)

    def town(name: str) -> bool:  # a town of exactly this name (not a spelling like it)
        return any(e.kind == "city" and s >= EXACT for e, s in gaz.lookup(name, fuzzy=False))

    def area_kinds(name: str) -> set[str]:  # "Belgorod region": a town's namesake province
        found = kinds(name)
        return found | {"admin1"} if "city" in found and namesake_area(name, gaz) else found

    units = unit_names(sent, ents, area_kinds, town)
    fixed = {e.start: (relation, hint) for e, relation, hint in units if relation is not None}
    ents += [e for e, _, _ in units]
    ents.sort(key=lambda e: e.start)
    heads = trigger_heads(sent) if ents and with_features else []
    found = []
    for ent in ents:
        relation, hint = fixed.get(ent.start) or named_for.get(ent.start) or _place_relation(ent)
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
