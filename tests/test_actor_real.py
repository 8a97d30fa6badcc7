"""scripts/train_actor_real.py: the real rows its CV trains on, each candidate of a mention in a
gold quote labelled by the name it resolves to (an invented sentence and gold line)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from dateline.extract.actor_model import actor_candidates, featurise
from dateline.extract.roles import ActorResolver, Salience
from dateline.extract.triggers import find_triggers

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "train_actor_real.py"
spec = importlib.util.spec_from_file_location("train_actor_real", SCRIPT)
tar = importlib.util.module_from_spec(spec)
spec.loader.exec_module(tar)

TEXT = "Russian drones struck an apartment block in Kharkiv on Monday. Officials said the mayor resigned."
GOLD = {
    "quote": "Russian drones struck an apartment block",
    "country": "Ukraine",
    "actor1": "Military Forces of Russia",
    "actor2": "Civilians (Ukraine)",
}


def _mentions(resources, text: str) -> list:
    """(trigger span, event type, [(features, ref)]) per sentence with a trigger, as recorded."""
    doc = resources.nlp(text)
    resolver, salience = ActorResolver(resources.kb, resources.country_of_modifier), Salience()
    out = []
    for sent in doc.sents:
        resolver.see_sentence(sent, salience)
        hits = find_triggers(sent)
        if not hits:
            continue
        head = hits[0].head
        cands = actor_candidates(sent, resolver, salience)
        featurise(cands, head, hits[0].kind.event_type, [], [], resources.kb)
        out.append(
            (
                (head.idx, head.idx + len(head.text)),
                hits[0].kind.event_type,
                [(c.features, c.ref) for c in cands],
            )
        )
    return out


def _labels(rows: list) -> dict[str, str]:
    return {
        TEXT[c.ref.span[0] : c.ref.span[1]]: y for c, (_, y) in zip(rows["cands"], rows["rows"], strict=True)
    }


def test_candidates_labelled_by_resolved_name(resources) -> None:
    start = TEXT.index(GOLD["quote"])
    spans = [[(start, start + len(GOLD["quote"]))]]
    real = tar.real_rows(_mentions(resources, TEXT), [GOLD], spans)
    assert len(real) == 1  # the second sentence's trigger is outside every quote
    labels = _labels(real[0])
    assert [y for s, y in labels.items() if "drones" in s] == ["a1"]
    assert [y for s, y in labels.items() if "block" in s] == ["a2"]


def test_also_forms_and_other_names(resources) -> None:
    start = TEXT.index(GOLD["quote"])
    spans = [[(start, start + len(GOLD["quote"]))]]
    gold = dict(GOLD, actor1="Military Forces of Belarus", also={"actor1": ["Military Forces of Russia"]})
    labels = _labels(tar.real_rows(_mentions(resources, TEXT), [gold], spans)[0])
    assert [y for s, y in labels.items() if "drones" in s] == ["a1"]
    wrong = dict(GOLD, actor1="Military Forces of Belarus", actor2="Civilians (Poland)")
    labels = _labels(tar.real_rows(_mentions(resources, TEXT), [wrong], spans)[0])
    assert set(labels.values()) == {"-"}
