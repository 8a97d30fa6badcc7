"""Extraction: event mentions, one per sentence that reports an event, with every piece of
evidence as character offsets into the article text."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..annotate import Annotated
from ..records import Drop, Fatalities
from ..resources import Resources
from . import attribution as attribution_mod
from .candidates import place_features, town_of_names, trigger_heads
from .fatalities import find_fatalities
from .gate import why_not
from .role_model import LogReg, learned_fatalities, load_models
from .roles import ActorRef, ActorResolver, Salience, role_tokens
from .triggers import _by_first_word, find_triggers, marks_another_event

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
    "edge",
    "vicinity",
    "border",
    "between",
}
PART_WORDS = {"side", "part", "centre", "center", "heart", "suburb", "suburbs", "district", "quarter"}
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
TOWN_WORDS = {"town", "city", "village", "hamlet", "neighbourhood", "neighborhood", "camp", "district"}


@dataclass
class PlaceMention:
    start: int
    end: int
    text: str
    relation: str  # in | near | container | border | other
    hint: str | None = None  # town | province | country | None
    label: str = "GPE"  # the entity label: FAC names (a church, an airport) are not gazetteer towns
    score: float | None = None  # the learned probability that the event happened here


@dataclass
class Mention:
    """One sentence's report of an event. Offsets are into the article text."""

    paragraph: int
    sentence: tuple[int, int]
    trigger: tuple[int, int]
    event_type: str | None
    sub_event_type: str | None
    plover_type: str | None
    plover_mode: str | None
    rank: int
    anaphoric: bool
    certainty: str
    certainty_cue: tuple[int, int] | None
    actor1: list[tuple[ActorRef, tuple[int, int]]] = field(default_factory=list)  # (ref, offsets)
    actor2: list[tuple[ActorRef, tuple[int, int]]] = field(default_factory=list)
    fatalities: Fatalities | None = None  # the sentence's death count, offsets into the article
    speaker: tuple[int, int] | None = None
    outlet: tuple[int, int] | None = None
    places: list[PlaceMention] = field(default_factory=list)
    in_caption: bool = False
    clause: tuple[int, int] | None = None  # the trigger's clause, where its own date would be
    military_target: bool = False  # "attacked a checkpoint": the other side is armed
    named_groups: bool = False  # a knowledge-base organisation is named in the sentence
    paragraph_span: tuple[int, int] | None = None
    # every actor that any trigger of the sentence gives a role (e.g. the police firing tear gas)
    others: list[tuple[ActorRef, tuple[int, int]]] = field(default_factory=list)
    another: bool = False  # the sentence says it tells of another event ("in a separate attack")


def _shift(span: tuple[int, int] | None, base: int) -> tuple[int, int] | None:
    return None if span is None else (span[0] + base, span[1] + base)


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


MILITARY_TARGETS = {
    "checkpoint",
    "base",
    "barracks",
    "outpost",
    "post",
    "patrol",
    "convoy",
    "position",
    "garrison",
    "camp",
}
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
    if ent.label_ not in ("PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART") or ent.root.dep_ != "pobj":
        return False
    prep = ent.root.head
    if prep.lower_ == "of" and prep.head.lower_ in TOWN_WORDS:
        return True
    if prep.lower_ == "of" and prep.head.lower_ in PART_WORDS | NEAR_WORDS:
        return known_place(ent.text, gaz)  # "on the south side of Culiacan", "outskirts of X"
    return prep.lower_ in LOCATIVE_PREPS and known_place(ent.text, gaz)


def place_candidates(sent, kb, gaz, with_features: bool = True) -> list[tuple]:
    """(entity, relation, hint, features) of every place entity of a sentence that is not an
    actor's country ('US forces'); the features are for the learned place choice."""
    ents = [e for e in sent.ents if is_place(e, gaz) and not _is_actor_modifier(e, kb)]
    ents += town_of_names(sent, list(sent.ents), lambda name: known_place(name, gaz))
    ents.sort(key=lambda e: e.start)
    heads = trigger_heads(sent) if ents and with_features else []
    found = []
    for ent in ents:
        relation, hint = _place_relation(ent)
        features = place_features(ent, ents, relation, hint, heads, gaz) if with_features else {}
        found.append((ent, relation, hint, features))
    return found


def sentence_places(sent, kb, gaz, model: LogReg | None = None) -> list[PlaceMention]:
    """The sentence's place mentions; with ``model`` each carries its probability of being
    where the sentence's event happened."""
    return [
        PlaceMention(
            ent.start_char,
            ent.end_char,
            ent.text,
            relation,
            hint,
            ent.label_,
            None if model is None else model.probability(features),
        )
        for ent, relation, hint, features in place_candidates(sent, kb, gaz, model is not None)
    ]


def _actors(tokens, resolver: ActorResolver, salience: Salience) -> list[tuple[ActorRef, tuple[int, int]]]:
    found = []
    for token in tokens:
        for tok in [token, *token.conjuncts]:
            ref = resolver.resolve(tok, salience)
            # an unresolved word with an apposition names its actor there: "the group, al-Shabaab",
            # and a dateline parsed as the subject ("KABUL, May 3 - The Taliban ...")
            for appos in (c for c in tok.children if c.dep_ == "appos"):
                ref = ref or resolver.resolve(appos, salience)
            # (one side per actor: "Saudi forces" and "Yemeni forces" are two)
            key = (ref.entry.name, ref.country_hint) if ref is not None else None
            if ref is not None and all(key != (r.entry.name, r.country_hint) for r, _ in found):
                found.append((ref, ref.span))
    return found


def _clause(trigger) -> tuple[int, int]:
    """The characters of the clause the trigger heads (its verb's subtree, without the
    clauses embedded in it that have verbs of their own)."""
    verb = trigger
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    tokens = [verb]
    stack = [c for c in verb.children if c.dep_ not in ("ccomp", "advcl", "relcl", "conj", "parataxis")]
    while stack:
        tok = stack.pop()
        tokens.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in ("ccomp", "relcl", "parataxis"))
    tokens.append(trigger)
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


def extract_mentions(
    annotated: Annotated, resources: Resources, drops: list[Drop] | None = None
) -> list[Mention]:
    """All event mentions of an article, in text order. Trigger words that are not coded
    (another sense, not reportable, hedged, background, a running total, a caption) are
    appended to ``drops`` with their reason."""
    kb, gaz = resources.kb, resources.gazetteer
    article = annotated.cleaned.article
    drops = drops if drops is not None else []
    resolver = ActorResolver(kb, resources.country_of_modifier)
    salience = Salience()
    mentions: list[Mention] = []
    for paragraph, (segment, doc) in enumerate(annotated.docs):
        base = segment.start
        caption = segment.kind == "caption"
        said = attribution_mod.for_sentences(doc)
        for sent, attribution in zip(doc.sents, said, strict=True):
            resolver.see_sentence(sent, salience)
            sentence = (base + sent.start_char, base + sent.end_char)
            reportable = []
            for hit in find_triggers(sent):
                trigger = (base + hit.tokens[0].idx, base + hit.tokens[-1].idx + len(hit.tokens[-1].text))
                kind = hit.kind
                reason, detail, fact = why_not(hit, sent, kb, caption, article.published)
                if fact is not None:
                    reportable.append((hit, fact))
                    continue
                drops.append(
                    Drop(
                        article.article_id,
                        "extract",
                        reason,
                        detail,
                        sentence,
                        trigger,
                        kind.event_type,
                        kind.sub_event_type,
                    )
                )
            if reportable:
                mention = _mention(
                    reportable,
                    sent,
                    paragraph,
                    base,
                    attribution,
                    caption,
                    resolver,
                    salience,
                    kb,
                    gaz,
                    resources,
                )
                head = next(t for t in sent if base + t.idx == mention.trigger[0])
                mention.another = marks_another_event(head)
                mentions.append(mention)
    return mentions


def _mention(
    reportable, sent, paragraph, base, attribution, caption, resolver, salience, kb, gaz, resources=None
) -> Mention:
    # the learned toll and place choices when a Resources is given, else the rules
    models = load_models(resources) if resources is not None else None
    hit, fact = max(reportable, key=lambda hf: hf[0].kind.rank)
    typed = [(h, f) for h, f in reportable if not h.kind.anaphor]
    if typed:
        hit, fact = max(typed, key=lambda hf: hf[0].kind.rank)
    head = hit.head
    a1_tokens, a2_tokens = role_tokens(head)
    other_tokens = []
    for h, _ in sorted(reportable, key=lambda hf: -hf[0].kind.rank):
        if h is hit:
            continue
        t1, t2 = role_tokens(h.head)
        other_tokens += t1 + t2
        if hit.kind.event_type == "Battles" and h.kind.event_type == "@kill":
            continue  # in a battle the dead are casualties, not the other side
        a1_tokens += [] if a1_tokens else t1
        a2_tokens += [] if a2_tokens else t2
    military_target = any(t.lemma_.lower() in MILITARY_TARGETS for t in a2_tokens)
    actor1 = _actors(a1_tokens, resolver, salience)
    actor2 = [a for a in _actors(a2_tokens, resolver, salience)]
    deaths = learned_fatalities(sent, models.toll) if models is not None else find_fatalities(sent)
    certainty, cue = fact.certainty, fact.cue
    if attribution is not None and certainty == "confirmed":
        cue_word = sent.doc.text[attribution.cue[0] : attribution.cue[1]].lower()
        if not cue_word.startswith("confirm"):
            certainty, cue = "reported", attribution.cue
    anaphoric = hit.kind.anaphor or (
        head.pos_ == "NOUN"
        and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children)
    )
    return Mention(
        paragraph=paragraph,
        sentence=(base + sent.start_char, base + sent.end_char),
        clause=_shift(_clause(head), base),
        military_target=military_target,
        named_groups=any(
            ent.ent_id_
            and ent.ent_id_ in kb.by_name
            and kb.by_name[ent.ent_id_].kind in ("organisation", "person")
            for ent in sent.ents
        ),
        paragraph_span=(base, base + len(sent.doc.text)),
        trigger=(base + hit.tokens[0].idx, base + hit.tokens[-1].idx + len(hit.tokens[-1].text)),
        event_type=hit.kind.event_type,
        sub_event_type=hit.kind.sub_event_type,
        plover_type=hit.kind.plover_type,
        plover_mode=hit.kind.plover_mode,
        rank=hit.kind.rank,
        anaphoric=anaphoric,
        certainty=certainty,
        certainty_cue=_shift(cue, base),
        actor1=[(ref, _shift(span, base)) for ref, span in actor1],
        actor2=[(ref, _shift(span, base)) for ref, span in actor2],
        fatalities=replace(deaths, span=(base + deaths.span[0], base + deaths.span[1])) if deaths else None,
        speaker=_shift(attribution.speaker, base) if attribution else None,
        outlet=_shift(attribution.outlet, base) if attribution else None,
        places=[
            replace(p, start=p.start + base, end=p.end + base)
            for p in sentence_places(sent, kb, gaz, models.place if models is not None else None)
        ],
        in_caption=caption,
        others=[(ref, _shift(span, base)) for ref, span in _actors(other_tokens, resolver, salience)],
    )
