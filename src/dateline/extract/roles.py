"""Who did it to whom: actor mentions resolved against the knowledge base, and their roles
read from the syntax (subject, "by" agent, object, "with"/"against"/"on"), not word order."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..countries import countries_by_iso3
from ..lookup.actors import ActorEntry, ActorKB
from ..nlp import doc_text, span_ents

TARGET_VERBS = {"flee", "escape", "survive", "foil", "thwart", "repel", "face", "suffer", "avert", "evade"}
AGENT_VERBS = {"launch", "carry", "stage", "conduct", "mount", "claim", "orchestrate", "lead"}
AGENT_VERBS |= {"plot", "fire", "use", "deploy", "throw", "lob"}
OPPONENT_PREPS = {"with", "against", "on", "at"}
PARTITIVE_PREPS = {"of", "within", "from", "inside", "among"}
PRONOUNS_PERSON = {"he", "his", "him", "she", "her"}
# Nominal references resolved from the article's focus, never from a fixed actor.
GROUP_WORDS = {"group", "organisation", "organization", "movement", "militia", "faction", "network"}
LEADER_WORDS = {"leader", "chief", "commander", "head", "emir", "founder"}
PRONOUNS_GROUP = {"it", "its", "they", "their", "them"}
# Nouns of fighting that carry the other side when the trigger is another verb: "captured the
# town after clashes with the army".
BATTLE_NOUNS = {"clash", "fighting", "fight", "battle", "confrontation", "gunfight", "firefight", "skirmish"}
# Words that make a weapon the state's although they name no country ("government air strikes");
# the generic state-forces words ("military", "army") do so through the knowledge base.
STATE_WORDS = {"government", "pro-government", "state", "regime", "junta"}
# Modifiers that let an attack noun name its own agent (resolved through the knowledge base).
FORCES_WORDS = STATE_WORDS | {"military", "army", "police", "navy", "naval"}
# "X believed to be Y kidnapped": the verbs whose subject stands for the trigger's
HEDGE_VERBS = {"believe", "suspect", "think", "presume"}
# A country name is the agent only as the subject or the "by" of the trigger ("Iran shelled").
AGENT_DEPS = {"nsubj"}
# Rulers that, acting (the subject or the "by"), are the forces of the event's country: "the
# junta bombed", "shelled by the regime" (never as a modifier: "anti-junta fighters").
RULER_NOUNS = {"regime", "junta"}


@dataclass
class ActorRef:
    entry: ActorEntry
    span: tuple[int, int]  # char offsets within the doc
    country_hint: str | None = None  # ISO3 from a modifier such as "US forces" or "Syrian troops"
    parent: ActorEntry | None = None  # a faction's or person's organisation


@dataclass
class Salience:
    """What the article has mentioned so far, for "the group", "his own group", "the leader"."""

    orgs: list[ActorEntry] = field(default_factory=list)
    persons: list[ActorEntry] = field(default_factory=list)
    # the country (ISO3) whose state forces the article last named: "Israeli forces ..." makes
    # a later bare "an air strike" theirs
    forces_country: str | None = None

    def see(self, entry: ActorEntry, kb: ActorKB) -> None:
        if entry.kind == "organisation":
            self.orgs.append(entry)
        elif entry.kind == "person":
            self.persons.append(entry)
            if entry.member_of and entry.member_of in kb.by_name:
                self.orgs.append(kb.by_name[entry.member_of])

    def last_armed_org(self) -> ActorEntry | None:
        return next((o for o in reversed(self.orgs) if o.inter in (2, 3, 4)), None)


def _span(tokens) -> tuple[int, int]:
    tokens = sorted(tokens, key=lambda t: t.i)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _entity_span(token) -> tuple[int, int]:
    """The whole entity a token belongs to ("Al-Baghdadi", not "Al")."""
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent.start_char, ent.end_char
    return _span([token])


class ActorResolver:
    def __init__(self, kb: ActorKB, country_of_modifier):
        self.kb = kb
        self.country_of_modifier = country_of_modifier  # word -> ISO3 | None

    def see_sentence(self, sent, salience: Salience) -> None:
        for ent in span_ents(sent):
            entry = self.kb.by_name.get(ent.ent_id_) if ent.ent_id_ else None
            if entry is not None:
                salience.see(entry, self.kb)
                if entry.inter == 1 and entry.country and entry.name.startswith("Military"):
                    salience.forces_country = entry.country  # "the IDF", "the Tatmadaw"
        forces = self._state_forces()
        for token in sent:
            # "Russian drones", "Israeli troops", "Turkish warplanes": whose forces are at work
            if token.pos_ != "NOUN" or forces is None:
                continue
            if forces in (
                self._weapon_entry(token)[0],
                self.kb.lookup(token.text),
                self.kb.lookup(token.lemma_),
            ):
                salience.forces_country = self._country_hint(token) or salience.forces_country

    def _organisation(self, entry: ActorEntry) -> ActorEntry | None:
        return self.kb.by_name.get(entry.member_of) if entry.member_of else None

    def resolve(self, token, salience: Salience) -> ActorRef | None:
        """The actor a noun (or its phrase) names, or None."""
        if token is None:
            return None
        phrase = [t for t in token.subtree if t.dep_ not in ("relcl", "acl") and t.i <= token.i] + [token]
        # A named actor inside the noun phrase: "Daesh fighters", "the Daesh leader".
        for t in phrase:
            if t.ent_id_ and t.ent_id_ in self.kb.by_name:
                entry = self.kb.by_name[t.ent_id_]
                span = _entity_span(t)
                if entry.kind == "person":
                    org = self._organisation(entry)
                    return ActorRef(org, span) if org else None
                if entry.kind == "faction":
                    return ActorRef(entry, span, parent=self._parent_of(token, salience))
                return ActorRef(entry, span)
        # "fighters within his own group", "members of the SDF": the group named after.
        for prep in _partitive_preps(token):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                inner = self.resolve(obj, salience)
                if inner is not None and inner.entry.kind == "organisation":
                    faction = self._faction(token)
                    if faction is not None:
                        return ActorRef(faction, _span([token]), parent=inner.entry)
                    return ActorRef(inner.entry, inner.span)
        faction = self._faction(token)
        if faction is not None:
            return ActorRef(faction, _span(phrase), parent=self._parent_of(token, salience))
        words = " ".join(t.lower_ for t in phrase if t.dep_ != "det" or t.lower_ in ("his", "its", "their"))
        specific = self.kb.by_nominal.get(words) or self.kb.by_nominal.get("the " + words)
        if specific is not None and specific.kind == "organisation":
            return ActorRef(specific, _span(phrase))  # a description only one actor fits
        if token.lemma_.lower() in GROUP_WORDS:
            # "the terror group", "his own group": the owner, else the armed group in focus
            org = self._possessor(token, salience) or salience.last_armed_org()
            if org is not None:
                return ActorRef(org, _span(phrase))
        if token.lemma_.lower() in LEADER_WORDS and salience.persons:
            org = self._organisation(salience.persons[-1])  # "the militant leader": the person in focus
            if org is not None:
                return ActorRef(org, _span(phrase))
        if token.lower_ in PRONOUNS_PERSON and salience.persons:
            org = self._organisation(salience.persons[-1])
            if org is not None:
                return ActorRef(org, _span([token]))
        generic = self._generic(token)
        if generic is not None:
            return ActorRef(generic, _span(phrase), country_hint=self._country_hint(token))
        owner = self._owner(token, salience)
        if owner is not None:
            return owner
        return (
            self._country_agent(token) or self._weapon(token, phrase, salience) or self._target(token, phrase)
        )

    def _owner(self, token, salience: Salience) -> ActorRef | None:
        """'the Saudi army's positions', 'the rebels' stronghold', 'a police station's gate':
        what belongs to a side is that side when attacked or taken (not a person's: "his car"
        is resolved through the person's organisation only by name)."""
        if token.pos_ not in ("NOUN", "PROPN") or token.lemma_.lower() in GROUP_WORDS | LEADER_WORDS:
            return None
        for child in token.children:
            if (
                child.dep_ == "poss"
                and child.pos_ in ("NOUN", "PROPN")
                and child.lower_ not in PRONOUNS_PERSON
            ):
                owner = self._generic(child)
                if owner is not None and owner.kind == "generic" and owner.inter != 7:
                    return ActorRef(owner, _span([child]), country_hint=self._country_hint(child))
        return None

    def _state_forces(self) -> ActorEntry | None:
        return next((e for e in self.kb.by_weapon.values()), None)

    def _country_agent(self, token) -> ActorRef | None:
        """'Iran shelled villages', 'struck by Russia': a country acting is its forces; so is
        'the regime' or 'the junta' acting, the event's country's ("Syrian regime": Syria's)."""
        is_agent = token.dep_ in AGENT_DEPS or (token.dep_ == "pobj" and token.head.dep_ == "agent")
        forces = self._state_forces()
        if not is_agent or forces is None:
            return None
        if token.lemma_.lower() in RULER_NOUNS:
            return ActorRef(forces, _span([token]), country_hint=self._country_hint(token))
        start, end = _entity_span(token) if token.ent_type_ == "GPE" else (0, 0)
        name = doc_text(token.doc)[start:end]
        iso3 = self.country_of_modifier(name) if name else None
        ok = iso3 is not None and _names_country(name, iso3)
        return ActorRef(forces, (start, end), country_hint=iso3) if ok else None

    def _weapon_entry(self, token) -> tuple[ActorEntry | None, bool]:
        """The state forces a weapon or attack word stands for, and whether it is a weapon (an
        attack word such as "strike" needs a nationality adjective)."""
        if token.pos_ not in ("NOUN", "PROPN"):
            return None, False
        before = [c for c in token.children if c.dep_ == "compound" and c.i < token.i]
        for text in [f"{c.text} {token.lemma_}".lower() for c in before] + [token.lemma_.lower()]:
            if text in self.kb.by_weapon:
                return self.kb.by_weapon[text], True
            if text in self.kb.by_attack:
                return self.kb.by_attack[text], False
        return None, False

    def _weapon(self, token, phrase, salience: Salience) -> ActorRef | None:
        """'Russian drones', 'an Israeli air strike', 'a military air strike', and (a weapon only)
        a bare 'warplanes' when the article has named whose forces are at work."""
        forces, is_weapon = self._weapon_entry(token)
        if forces is None:
            return None
        hint = self._country_hint(token)
        if hint is not None:
            return ActorRef(forces, _span(phrase), country_hint=hint)
        modifiers = [c for c in token.children if c.dep_ in ("amod", "compound", "nmod") and c.i < token.i]
        for modifier in modifiers:
            entry = self.kb.lookup(modifier.text)
            if modifier.lower_ in STATE_WORDS or (entry is not None and entry is forces):
                return ActorRef(forces, _span(phrase))  # the event's country
        if is_weapon and salience.forces_country:
            return ActorRef(forces, _span(phrase), country_hint=salience.forces_country)
        return None

    def _target(self, token, phrase) -> ActorRef | None:
        """'a school', 'a displacement camp', 'an apartment block': the civilians attacked there,
        unless a military word qualifies it ('a military hospital', 'an army camp')."""
        if token.pos_ not in ("NOUN", "PROPN"):
            return None
        before = [c for c in token.children if c.dep_ in ("compound", "amod") and c.i < token.i]
        for modifier in before:
            entry = self.kb.lookup(modifier.text)
            if entry is not None and entry.kind == "generic" and entry.inter == 1:
                return None
        texts = [f"{c.text} {token.lemma_}".lower() for c in before] + [token.lemma_.lower(), token.lower_]
        entry = next((self.kb.by_target[t] for t in texts if t in self.kb.by_target), None)
        return ActorRef(entry, _span(phrase)) if entry is not None else None

    def _generic(self, token) -> ActorEntry | None:
        """'police officers', 'soldiers', and 'army' in 'an army convoy'."""
        words = [t for t in token.subtree if t.i <= token.i and t.dep_ in ("amod", "compound")] + [token]
        for size in range(min(len(words), 3), 0, -1):
            tail = words[-size:]
            for text in (
                " ".join(t.text for t in tail),
                " ".join([*(t.text for t in tail[:-1]), token.lemma_]),
            ):
                entry = self.kb.lookup(text)
                if entry is not None and entry.kind == "generic":
                    return entry
        for modifier in (c for c in token.children if c.dep_ == "compound"):
            entry = self.kb.lookup(modifier.text)
            if entry is not None and entry.kind == "generic" and entry.inter == 1:
                return entry  # "an army convoy", "a police patrol"
        return None

    def _faction(self, token) -> ActorEntry | None:
        words = [t for t in token.subtree if t.i <= token.i and t.dep_ in ("amod", "compound")] + [token]
        for size in range(len(words), 0, -1):
            entry = self.kb.lookup(" ".join(t.text for t in words[-size:]))
            if entry is not None and entry.kind == "faction":
                return entry
        return None

    def _possessor(self, token, salience: Salience) -> ActorEntry | None:
        for child in token.children:
            if child.dep_ == "poss":
                if child.lower_ in PRONOUNS_PERSON and salience.persons:
                    return self._organisation(salience.persons[-1])
                if child.lower_ in PRONOUNS_GROUP:
                    return salience.last_armed_org()
        return None

    def _parent_of(self, token, salience: Salience) -> ActorEntry | None:
        return self._possessor(token, salience) or salience.last_armed_org()

    def _country_hint(self, token) -> str | None:
        for child in token.children:
            if child.dep_ in ("compound", "amod", "nmod", "poss"):
                iso3 = self.country_of_modifier(child.text)
                if iso3:
                    return iso3
        return None


def _names_forces(modifier) -> bool:
    """'Israeli' in 'an Israeli air strike', 'military' in 'a military air strike'."""
    if modifier.dep_ not in ("amod", "compound", "nmod", "poss") or modifier.i > modifier.head.i:
        return False
    return modifier.ent_type_ in ("NORP", "GPE") or modifier.lower_ in FORCES_WORDS


def _names_country(text: str, iso3: str) -> bool:
    """'Iran', 'the United States' name a country; 'Kharkiv' or 'Iranian' do not."""
    name = (countries_by_iso3().get(iso3) or {}).get("name", "")
    text = text.removeprefix("the ").strip()
    return text.casefold() == name.casefold() or (text.isupper() and len(text) <= 3)


def _partitive_preps(token) -> list:
    """'fighters within X', 'members of X': the preposition right after the noun. The parser
    often hangs it on a neighbour ('a coup by fighters within X', 'forces and members of X'),
    so the neighbours' prepositions count when they follow the noun immediately."""
    holders = [token, token.head]
    if token.dep_ == "pobj":
        holders.append(token.head.head)
    return [
        c
        for holder in holders
        for c in holder.children
        if c.dep_ == "prep" and c.lower_ in PARTITIVE_PREPS and c.i == token.i + 1
    ]


def _children(token, deps: tuple[str, ...]):
    return [c for c in token.children if c.dep_ in deps]


def _pobjs(token, preps: set[str]):
    return [
        o for p in token.children if p.dep_ == "prep" and p.lower_ in preps for o in _children(p, ("pobj",))
    ]


def _subject(verb, raised: bool = False):
    """The subject, climbing through "X is believed to have fled" and "X planned to oust"."""
    subj = _children(verb, ("nsubj", "nsubjpass") if raised else ("nsubj",))
    if subj and subj[0].tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
        return verb.head  # "fighter jets which attacked a bus": the jets
    if subj:
        # two subjects: the nearer one; the other is a dateline ("BENI, May 4 - The ADF attacked")
        return max(subj, key=lambda t: t.i) if all(t.i < verb.i for t in subj) else subj[0]
    if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.i != verb.i:
        return _subject(verb.head, raised=True)
    return None


def role_tokens(trigger) -> tuple[list, list]:
    """Tokens that fill actor1 and actor2 for a trigger, by its syntax."""
    a1: list = []
    a2: list = []
    # The small model sometimes tags a verb as a noun ("forces … patrol the town"); a subject
    # or a direct object shows it is used as a verb.
    verbal = trigger.pos_ == "VERB" or any(c.dep_ in ("nsubj", "dobj") for c in trigger.children)
    if verbal:
        # (an active subject wins over a stray "be": "gunmen believed to be herders kidnapped 30")
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in trigger.children) and not any(
            c.dep_ == "nsubj" for c in trigger.children
        )
        if passive:
            a1 += [o for agent in _children(trigger, ("agent",)) for o in _children(agent, ("pobj",))]
            a2 += _children(trigger, ("nsubjpass",))
        else:
            subj = _subject(trigger)
            a1 += [subj] if subj is not None else []
            # "gunmen believed to be herders kidnapped 30": the parser makes "herders" the subject
            if trigger.dep_ in ("ccomp", "xcomp") and trigger.head.lemma_ in HEDGE_VERBS:
                a1 += _children(trigger.head, ("nsubj", "nsubjpass"))
            # "fired a missile at X", "used grenades": the object of such a verb is the weapon
            objects = [] if trigger.lemma_.lower() in AGENT_VERBS else _children(trigger, ("dobj",))
            a2 += objects or _pobjs(trigger, {"between"})  # "killing between 7 and 9 civilians"
        a2 += _pobjs(trigger, OPPONENT_PREPS)
        # "captured the town after clashes with the army": the other side of the clashes
        battles = [o for p in _children(trigger, ("prep",)) for o in _children(p, ("pobj",))]
        a2 += [o for b in battles if b.lemma_.lower() in BATTLE_NOUNS for o in _pobjs(b, OPPONENT_PREPS)]
    else:
        a1 += _children(trigger, ("poss",))
        a1 += [o for a in _children(trigger, ("prep",)) if a.lower_ == "by" for o in _children(a, ("pobj",))]
        a1 += [c for c in trigger.children if c.dep_ in ("compound", "amod") and c.ent_id_]
        between = _pobjs(trigger, {"between"})
        if between:
            a1.append(between[0])
            a2 += list(between[0].conjuncts)
        a2 += _pobjs(trigger, OPPONENT_PREPS)
        head = trigger.head
        if trigger.dep_ in ("dobj", "pobj") and head.pos_ == "VERB":
            subj = _subject(head)
            if subj is not None and head.lemma_ in TARGET_VERBS:
                a2.insert(0, subj)
            elif subj is not None and head.lemma_ in AGENT_VERBS and not a1:
                a1.append(subj)
            if head.lemma_ in AGENT_VERBS:
                a2 += _pobjs(head, OPPONENT_PREPS)  # "fired a missile at X": X
        # the attack noun as the agent of a verb: "warplanes struck a shelter", "a mosque was hit
        # by Ukrainian shells": the noun names its agent, the verb's object is the other side
        agent_of_verb = trigger.dep_ == "nsubj" and head.pos_ == "VERB"
        if trigger.dep_ == "pobj" and head.dep_ == "agent":
            agent_of_verb, head = True, head.head
        # (not when the weapon is what is acted on: "shot down Russian drones")
        acted_on = trigger.dep_ in ("dobj", "nsubjpass")
        if not a1 and not acted_on and (agent_of_verb or any(_names_forces(c) for c in trigger.children)):
            a1.append(trigger)  # also "an Israeli air strike", "a police raid"
        if agent_of_verb:
            a2 += _children(head, ("dobj", "nsubjpass"))
    return a1, a2
