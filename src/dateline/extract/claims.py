"""Claims about where an actor is: "he was in Afghanistan, recent reports suggested", "the
leader is now believed to have fled to the desert near Hasakah".

News about war is mostly claims, and claims conflict. Each whereabouts claim is kept with its
own certainty, speaker and recency, so that merge can link conflicting ones (the newer does
not overwrite the older: the older is marked superseded and both stay).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..annotate import Annotated
from ..nlp import span_ents
from ..resources import Resources
from .factuality import CERTAINTY_ORDER, assess
from .place_mentions import _place_relation, is_place
from .roles import LEADER_WORDS, ActorResolver, Salience, _subject

MOVE_VERBS = {
    "flee",
    "escape",
    "move",
    "travel",
    "go",
    "relocate",
    "hide",
    "stay",
    "remain",
    "spend",
    "live",
    "shelter",
    "arrive",
    "return",
    "retreat",
    "withdraw",
}
CURRENT_CUES = {"now", "currently", "still", "presently", "today"}
EARLIER_CUES = {"recently", "earlier", "previously", "formerly", "once", "last", "recent", "before"}
HEDGES = {
    "suggest": "possible",
    "indicate": "believed",
    "claim": "reported",
    "report": "reported",
    "say": "reported",
    "believe": "believed",
    "think": "believed",
    "rumour": "possible",
    "rumor": "possible",
    "speculate": "possible",
}


@dataclass
class ClaimMention:
    """An actor said to be at a place, as found in one sentence. Offsets are into the article
    text. ``claims.link_claims`` makes the ``records.Claim`` that is stored and served."""

    subject: str  # canonical actor name (a person's own name where the knowledge base has one)
    place: tuple[int, int]
    place_text: str
    sentence: tuple[int, int]
    cue: tuple[int, int]  # the verb or copula that places the subject there
    subject_span: tuple[int, int]
    certainty: str
    certainty_cue: tuple[int, int] | None
    recency: str  # current | earlier | unstated
    recency_cue: tuple[int, int] | None
    paragraph: int


def _person_subject(token, resolver: ActorResolver, salience: Salience, last_person: str | None):
    """The person (or group) a subject names, keeping persons as themselves."""
    kb = resolver.kb
    phrase = [t for t in token.subtree if t.i <= token.i]
    if token.lemma_.lower() in LEADER_WORDS and last_person is not None:
        return last_person  # "the Daesh leader", "the militant leader": the person in focus
    for t in phrase:
        entry = kb.by_name.get(t.ent_id_) if t.ent_id_ else None
        if entry is not None and entry.kind in ("person", "organisation"):
            return entry.name
    if token.lower_ in ("he", "she", "him", "her"):
        return last_person
    if token.ent_type_ == "PERSON":
        return _entity_text(token)
    return None


def _entity_text(token) -> str:
    return next((e.text for e in token.doc.ents if e.start <= token.i < e.end), token.text)


def _persons_in(sent, kb, gaz) -> list[str]:
    names = []
    for ent in span_ents(sent):
        entry = kb.by_name.get(ent.ent_id_) if ent.ent_id_ else None
        if entry is not None and entry.kind == "person":
            names.append(entry.name)
        elif ent.label_ == "PERSON" and not ent.ent_id_ and not is_place(ent, gaz):
            names.append(ent.text)
    return names


def _governed_by(token, verb) -> bool:
    """True when no other verb stands between the token and ``verb``."""
    for head in token.ancestors:
        if head.i == verb.i:
            return True
        if head.pos_ in ("VERB", "AUX"):
            return False
    return False


def _places_of(verb, gaz):
    """Place entities the verb puts its subject at: 'in X', 'to the desert near X'."""
    found = []
    for child in verb.children:
        if child.dep_ != "prep":
            continue
        for tok in child.subtree:
            if tok.ent_iob_ == "B" and _governed_by(tok, verb):
                ent = next(e for e in tok.doc.ents if e.start == tok.i)
                if not is_place(ent, gaz):
                    continue
                relation, _ = _place_relation(ent)
                if relation in ("in", "near", "destination"):  # "fled to Niamey": where he went
                    found.append(ent)
    return found


def _recency(verb, sent) -> tuple[str, object]:
    """'is now believed to have fled' → current; 'recent reports suggesting he was' → earlier."""
    scope = [t for t in verb.subtree if _governed_by(t, verb)] + [verb]
    for head in verb.ancestors:
        scope.append(head)
        for child in head.children:
            if child.dep_ in ("advmod", "npadvmod", "nsubj", "amod") and child not in scope:
                scope.extend(child.subtree)
    for tok in sorted(scope, key=lambda t: t.i):
        if tok.lower_ in CURRENT_CUES:
            return "current", tok
    for tok in sorted(scope, key=lambda t: t.i):
        if tok.lower_ in EARLIER_CUES:
            return "earlier", tok
    return "unstated", None


def extract_claims(annotated: Annotated, resources: Resources) -> list[ClaimMention]:
    kb, gaz = resources.kb, resources.gazetteer
    resolver = ActorResolver(kb, lambda word: None)
    salience = Salience()
    claims: list[ClaimMention] = []
    last_person: str | None = None
    for paragraph, (segment, doc) in enumerate(annotated.docs):
        base = segment.start
        for sent in doc.sents:
            resolver.see_sentence(sent, salience)
            last_person = (_persons_in(sent, kb, gaz) or [last_person])[-1]
            for verb in sent:
                if verb.pos_ not in ("VERB", "AUX") or (
                    verb.lemma_ not in MOVE_VERBS and verb.lemma_ != "be"
                ):
                    continue
                places = _places_of(verb, gaz)
                subject_token = _subject(verb, raised=True) if places else None
                if subject_token is None:
                    continue
                subject = _person_subject(subject_token, resolver, salience, last_person)
                if subject is None:
                    continue
                fact = assess(verb, sent) if verb.pos_ == "VERB" else None
                certainty, cue = (fact.certainty, fact.cue) if fact else ("confirmed", None)
                for head in verb.ancestors:  # "reports suggesting he was in X"
                    level = HEDGES.get(head.lemma_)
                    if level and CERTAINTY_ORDER.index(level) > CERTAINTY_ORDER.index(certainty):
                        certainty, cue = level, (head.idx, head.idx + len(head.text))
                recency, recency_token = _recency(verb, sent)
                for ent in places:
                    claims.append(
                        ClaimMention(
                            subject=subject,
                            place=(base + ent.start_char, base + ent.end_char),
                            place_text=ent.text,
                            sentence=(base + sent.start_char, base + sent.end_char),
                            cue=(base + verb.idx, base + verb.idx + len(verb.text)),
                            subject_span=(
                                base + subject_token.idx,
                                base + subject_token.idx + len(subject_token.text),
                            ),
                            certainty=certainty,
                            certainty_cue=(base + cue[0], base + cue[1]) if cue else None,
                            recency=recency,
                            recency_cue=(
                                base + recency_token.idx,
                                base + recency_token.idx + len(recency_token.text),
                            )
                            if recency_token is not None
                            else None,
                            paragraph=paragraph,
                        )
                    )
    return claims
