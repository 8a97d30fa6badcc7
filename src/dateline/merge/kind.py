"""The kind of an event: ACLED event and sub-event type, PLOVER type and mode, CAMEO root.

The trigger word gives the kind, some of it provisional ("@kill", "@protest", "@riot",
"@territory"): the sides and the sentences decide those, and the learned classifier may refine
the sub-event type within the event type.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..extract.cameo import PLOVER_OF_SUB_EVENT, cameo_root
from ..extract.mentions import Mention
from ..records import Article
from ..resolve.context import Resolved
from .actors import Sides
from .cites import Cites

REFINE_MIN_PROBABILITY = 0.6
ARMED_INTER = {1, 2, 3, 4, 8}
INTERVENTION_CUES = (
    "tear gas",
    "teargas",
    "water cannon",
    "rubber bullet",
    "dispers",
    "arrest",
    "detain",
    "baton",
    "beat",
    "fired",
    "lathi",
    "cane-charge",
)
# words that tell a crowd's violence happened at a demonstration (ACLED: violent demonstration)
# rather than as mob violence
DEMONSTRATION_CUES = (
    "protest",
    "demonstrat",
    "agitat",
    "dharna",
    "bandh",
    "hartal",
    "rally",
    "march",
    "strike",
)
RIOTERS, PROTESTERS = 5, 6
KIND_FIELDS = ("event_type", "sub_event_type", "plover_type", "plover_mode", "cameo_root")


@dataclass(frozen=True)
class Kind:
    event_type: str | None = None
    sub_event_type: str | None = None
    plover_type: str | None = None
    plover_mode: str | None = None
    cameo_root: str | None = None


def killing_kind(
    primary: Mention, group: list[Resolved], sides: Sides
) -> tuple[str | None, str | None, bool]:
    """(event type, sub-event type, whether the sides swap) for the primary trigger. A killing
    ("@kill") is a battle when the other side is armed, excessive force against protesters
    when state forces killed protesters (coded like every protest, with the protesters as
    actor1: the sides swap), else violence against civilians."""
    event_type, sub = primary.event_type, primary.sub_event_type
    if event_type == "Protests" and sides.inter1 == 1 and sides.inter2 == PROTESTERS:
        # "police lathi-charged the protesters": ACLED names the protesters first
        return event_type, sub, True
    if event_type != "@kill":
        return event_type, sub, False
    armed_target = any(r.mention.military_target for r in group)
    if armed_target or (sides.inter2 in ARMED_INTER and sides.inter1 is not None):
        return "Battles", "Armed clash", False
    if sides.inter1 == 1 and sides.inter2 == PROTESTERS:
        return "Protests", "Excessive force against protesters", True
    if RIOTERS in (sides.inter1, sides.inter2):
        # ACLED: any violence that rioters take part in, or that is used on them, is a riot
        return "Riots", "Mob violence", False
    return "Violence against civilians", sub, False


def _refined_sub(
    typing: tuple[str, float] | None,
    event_type: str | None,
    sub: str | None,
    min_probability: float = REFINE_MIN_PROBABILITY,
) -> str | None:
    """The classifier's sub-event type when it is sure (``min_probability``: the config's
    ``refine_min_probability``) and stays within the event type that the trigger and the roles
    gave ("shelling" told of a drone: Air/drone strike). Across event types the crisp reading
    stands: precision first."""
    if typing is None or typing[1] < min_probability:
        return None
    from ..extract.event_typing import ACLED_CODES

    family, refined = ACLED_CODES.get(typing[0], (None, None))
    return refined if family == event_type and refined != sub else None


def code_kind(
    article: Article,
    primary: Mention,
    typed: list[Mention],
    event_type: str | None,
    sub: str | None,
    inter1: int | None,
    typing: tuple[str, float] | None,
    refine_min_probability: float = REFINE_MIN_PROBABILITY,
) -> tuple[Kind, Cites]:
    """The final kind from the (killing-resolved) event and sub-event type, the sides' actor1
    inter code and the classifier's reading ``typing`` (CASE code, probability)."""
    if sub == "@protest":
        sentences = " ".join(article.text[m.sentence[0] : m.sentence[1]].lower() for m in typed)
        if any(m.fatalities is not None and m.fatalities.best > 0 for m in typed):
            sub = "Excessive force against protesters"
        elif any(cue in sentences for cue in INTERVENTION_CUES):
            sub = "Protest with intervention"
        else:
            sub = "Peaceful protest"
    if sub == "@riot":
        sentences = " ".join(article.text[m.sentence[0] : m.sentence[1]].lower() for m in typed)
        demo = inter1 == PROTESTERS or any(cue in sentences for cue in DEMONSTRATION_CUES)
        sub = "Violent demonstration" if demo else "Mob violence"
    if sub == "@territory":
        sub = "Government regains territory" if inter1 == 1 else "Non-state actor overtakes territory"
    refined = _refined_sub(typing, event_type, sub, refine_min_probability)
    if refined:
        sub = refined
    ptype, mode = primary.plover_type, primary.plover_mode
    if sub != primary.sub_event_type:
        ptype, mode = PLOVER_OF_SUB_EVENT.get(sub, (ptype, mode))
    kind = Kind(event_type, sub, ptype, mode, cameo_root(ptype, mode, sub))
    cites = Cites()
    for key in KIND_FIELDS:
        if getattr(kind, key):
            cites.add(key, primary.trigger)
            if refined and key != "event_type":
                for m in typed:
                    cites.add(key, m.sentence)
            for m in typed:
                if m.event_type == primary.event_type and m is not primary:
                    cites.add(key, m.trigger)
    return kind, cites
