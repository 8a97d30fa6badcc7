"""Where a speaker spoke ("a statement issued in Freetown", "told reporters in Kampala"): a place
that is no event's place (relation ``speaker`` in ``place_mentions``)."""

from __future__ import annotations

# "a statement issued in Freetown", "told reporters in Kampala", "speaking in Geneva": where a
# speaker spoke, not where the event was (a bureau's or a ministry's town). Only speech: a verb of
# speaking, "issue"/"publish" with a statement as object ("issued a curfew in Jos" is the event's
# town), reporters or journalists only as those spoken to ("journalists in Gaza were killed" are
# the victims); not "say" ("a spokesman said in Kaduna that gunmen attacked the city" is often the
# event's town too), not "release" (hostages released in Gao) nor "conference" (talks in Doha)
SPOKEN_VERBS = {"tell", "speak", "brief", "address"}
ISSUED_VERBS = {"issue", "publish", "release", "read"}
STATEMENT_NOUNS = {"statement", "communique", "communiqué", "bulletin", "release", "note"}
AUDIENCE_NOUNS = {"reporters", "journalists", "press", "media"}


def spoken_at(word) -> bool:
    """Whether "in X" / "at X" hanging on ``word`` says where a speaker spoke (SPOKEN_VERBS)."""
    lemma = word.lemma_.lower()
    if word.pos_ in ("VERB", "AUX"):
        if lemma in SPOKEN_VERBS:
            return True
        # "issued a statement in X", "a statement issued in X" (the verb hangs on the noun)
        said = [c.lower_ for c in word.children if c.dep_ in ("dobj", "nsubjpass")]
        said += [word.head.lower_] if word.dep_ == "acl" else []
        return lemma in ISSUED_VERBS and any(o in STATEMENT_NOUNS for o in said)
    if word.lower_ == "briefing":
        return True  # "at a briefing in the capital"
    if word.lower_ in STATEMENT_NOUNS:  # "issued a statement in Freetown"
        return word.head.lemma_.lower() in ISSUED_VERBS
    # "told reporters in Kaduna": the audience of a verb of speaking
    return (
        word.lower_ in AUDIENCE_NOUNS
        and word.dep_ in ("dobj", "dative", "pobj")
        and word.head.lemma_.lower() in SPOKEN_VERBS | {"to"}
    )
