"""Who gathers: the crowd words of wire stories that ``senses.py`` checks.

- "striking" reports a strike only on a word for people ("striking teachers"), not in "a
  striking resemblance";
- a candidate's campaign rally is not a demonstration: ACLED codes protests, not electioneering;
- a procession is a protest only when its sentence says what it is against or for ("took out a
  procession against the fee hike"), never a funeral, religious or victory procession.
"""

from __future__ import annotations

from .triggers import TriggerHit

# Who strikes: "striking" names an event only on a word for people ("striking teachers"), not
# in "a striking resemblance".
STRIKERS = {"worker", "miner", "mineworker", "employee", "teacher", "nurse", "doctor", "driver", "member",
            "staff", "labourer", "laborer", "unionist", "lecturer", "pilot", "guard", "cleaner", "official",
            "student", "workforce", "farmworker", "civil", "servant", "porter", "dockworker"}  # fmt: skip


def striking_people(hit: TriggerHit):
    """The people a "striking" modifier names as strikers ("thousands of striking teachers'
    union members"), or None when the word is not such a modifier of a counted crowd."""
    head = hit.head
    if head.lower_ != "striking" or head.dep_ not in ("amod", "compound", "nmod"):
        return None
    noun = head.head
    words = {
        noun.lemma_.lower(),
        *(c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "poss")),
    }
    return noun if words & STRIKERS and _counted_crowd(noun) else None


COUNTS = {"thousand", "hundred", "dozen", "score", "crowd", "group", "number", "ten"}


def _counted_crowd(noun) -> bool:
    """A crowd with its size ("thousands of striking teachers", "5,000 striking miners") is a
    gathering; "the striking teachers" only refers back to a strike told elsewhere."""
    while noun.dep_ in ("poss", "compound") and noun.head.i != noun.i:
        noun = noun.head  # "thousands of striking teachers' union members": the members are counted
    if any(c.dep_ == "nummod" for c in noun.children):
        return True
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        quantity = noun.head.head
        return quantity.pos_ == "NUM" or quantity.lemma_.lower() in COUNTS
    return False


# A candidate's campaign event is not a protest (ACLED codes demonstrations, not electioneering).
CAMPAIGN_CUES = {"campaign", "candidate", "nominee", "hopeful", "primary", "caucus", "electioneering"}
RALLY_HOSTS = {"hold", "address", "headline", "attend", "speak", "stage", "host"}
SPEECHES = {"speech", "address", "remark"}
CONTEST_CUES = {"protest", "protester", "demonstrator", "police", "tear", "disperse", "clash", "against"}


def campaign_rally(hit: TriggerHit, sent) -> bool:
    """ "Sanders addressed a Wednesday night rally", "where Trump held a rally in February", "a
    campaign rally": a politician's rally, not a demonstration; unless the sentence tells of a
    protest or of force ("police dispersed the rally")."""
    head = hit.head
    if head.lemma_.lower() != "rally" or head.pos_ != "NOUN":
        return False
    lemmas = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
    if lemmas & CONTEST_CUES:
        return False
    if any(c.lemma_.lower() in CAMPAIGN_CUES for c in head.children) or lemmas & CAMPAIGN_CUES:
        return True
    verb = head.head
    while verb.dep_ == "prep" or (verb.pos_ == "ADP" and verb.head.i != verb.i):
        verb = verb.head
    # "the president singled out the farm in a speech at a rally": a politician's speech
    speech = any(t.lemma_.lower() in SPEECHES and t.pos_ == "NOUN" for t in verb.subtree)
    if verb.lemma_.lower() in RALLY_HOSTS or speech:
        doers = [c for c in verb.children if c.dep_ == "nsubj"]
        return any(d.ent_type_ == "PERSON" or _named_person(d) for d in doers)
    return False


def _named_person(token) -> bool:
    """A bare surname ("where Garcia held a rally") that the tagger may read as an
    organisation: a person when the story names that person in full elsewhere ("Ana Garcia")."""
    if token.pos_ != "PROPN" or any(c.dep_ == "compound" for c in token.children):
        return False
    return any(
        ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text == token.text for ent in token.doc.ents
    )


# What makes a procession a demonstration ("a procession against the fee hike", "demanding",
# "raising slogans"), and the processions that are none (a funeral, a festival, a victory).
PROCESSION_CUES = {"against", "protest", "demand", "condemn", "oppose", "slogan", "denounce", "agitation",
                   "dharna", "bandh", "solidarity", "boycott", "strike"}  # fmt: skip
OTHER_PROCESSIONS = {"funeral", "burial", "wedding", "religious", "immersion", "muharram", "tazia", "victory",
                     "festival", "shobha", "rath", "palanquin", "ganesh", "durga", "carnival"}  # fmt: skip


# A funeral procession is a demonstration when it is told as one ("chanting slogans against …"):
# mourners in a conflict often march as protesters. "against" alone does not say so.
MOURNING = {"funeral", "burial"}
MOURNERS_PROTEST = {"protest", "demand", "condemn", "slogan", "denounce"}


def protest_procession(hit: TriggerHit, sent) -> bool:
    """A "procession" trigger that tells of a demonstration: its sentence names what it
    protests or demands, and its own words do not make it a festival, a wedding or a victory
    march (a funeral's only when the sentence tells of protest: slogans, demands)."""
    head = hit.head
    own = {t.lemma_.lower() for t in head.subtree} | {t.lower_ for t in head.subtree}
    lemmas = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
    if own & (OTHER_PROCESSIONS - MOURNING):
        return False
    return bool(lemmas & (MOURNERS_PROTEST if own & MOURNING else PROCESSION_CUES))
