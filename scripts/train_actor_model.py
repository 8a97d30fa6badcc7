"""Train the learned choice of actor1 and actor2 (src/dateline/data/actor_model.json) on the
team-written sentences in src/dateline/data/training/actors/*.txt, and report 5-fold
cross-validation grouped by passage against the syntax rules it replaces.

    PYTHONPATH=src python scripts/train_actor_model.py [--no-write]

A passage is one line: ``[Russian drones]{a1} struck [an apartment block]{a2} in Kharkiv.``
The event is the first sentence with a labelled span (the sentences before it are context, as
in an article); a side with no label is empty. Deterministic: folds from a seeded shuffle of
the passages, full-batch gradient descent.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from dateline.annotate import case_lexicon
from dateline.extract.actor_model import (
    MODEL_FILE,
    ActorModels,
    actor_candidates,
    actors_of_tokens,
    choose,
    featurise,
    rule_tokens,
    to_json,
)
from dateline.extract.gate import why_not
from dateline.extract.role_model import fit, markup_passages, passage_folds
from dateline.extract.roles import ActorResolver, Salience
from dateline.extract.triggers import find_triggers
from dateline.resources import Resources
from dateline.truecase import label_places, mostly_lower, truecase

DATA = Path(__file__).resolve().parent.parent / "src" / "dateline" / "data"
FOLDS, SEED = 5, 13
L2, STEPS = 1.0, 1500


def load_passages() -> list[tuple[str, list[tuple[int, int, str]]]]:
    return markup_passages(DATA / "training" / "actors")


def _doc(text: str, resources: Resources):
    """The text parsed as the pipeline parses it (a lower-cased line from a truecased copy)."""
    if not mostly_lower(text):
        return resources.nlp(text)
    found: list = []
    doc = resources.nlp(truecase(text, case_lexicon(resources), found))
    if found:
        label_places(doc, found)
    return doc


def featurise_passages(passages, resources: Resources) -> list[dict]:
    """Per passage with a trigger: its candidates (features, label a1/a2/-), the rules' sides
    and the gold spans."""
    kb = resources.kb
    out = []
    for text, spans in passages:
        doc = _doc(text, resources)
        resolver, salience = ActorResolver(kb, resources.country_of_modifier), Salience()
        sents = list(doc.sents)
        labelled = [s for s in sents if any(s.start_char <= a < s.end_char for a, _, _ in spans)]
        event_sent = labelled[0] if labelled else sents[0]
        for sent in sents:
            resolver.see_sentence(sent, salience)
            if sent.start == event_sent.start:
                break
        hits = find_triggers(event_sent)
        reportable = [(h, f) for h in hits if (f := why_not(h, event_sent, kb, False, None)[2]) is not None]
        reportable = reportable or [(h, None) for h in hits]
        if not reportable:
            continue
        hit, t1, t2, _ = rule_tokens(reportable)
        rule1 = actors_of_tokens(t1, resolver, salience)
        rule2 = actors_of_tokens(t2, resolver, salience)
        cands = actor_candidates(event_sent, resolver, salience)
        featurise(cands, hit.head, hit.kind.event_type, rule1, rule2, kb)
        gold = {lab: [(a, b) for a, b, la in spans if la == lab] for lab in ("a1", "a2")}
        rows = [(c.features, _label(c.ref.span, gold)) for c in cands]
        out.append(
            {
                "text": text,
                "cands": cands,
                "rows": rows,
                "rule": (rule1, rule2),
                "gold": gold,
                "type": hit.kind.event_type,
            }
        )
    return out


def _overlaps(a, spans) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _label(span, gold) -> str:
    return "a1" if _overlaps(span, gold["a1"]) else "a2" if _overlaps(span, gold["a2"]) else "-"


def side_right(side: list, gold: list) -> bool:
    """The side's main actor is the labelled phrase, or both are empty."""
    if not gold:
        return not side
    return bool(side) and _overlaps(side[0][1], gold)


def train(data, keep, l2: float = L2, steps: int = STEPS) -> ActorModels:
    rows = [r for i, p in enumerate(data) if keep(i) for r in p["rows"]]
    feats = [f for f, _ in rows]
    return ActorModels(
        fit(feats, [int(y == "a1") for _, y in rows], l2, steps),
        fit(feats, [int(y == "a2") for _, y in rows], l2, steps),
    )


def evaluate(data, folds, models_for) -> dict:
    s = {"n": len(data), "a1_rule": 0, "a1_model": 0, "a2_rule": 0, "a2_model": 0, "both_rule": 0}
    s |= {"both_model": 0, "a1_oracle": 0, "a2_oracle": 0}
    for i, p in enumerate(data):
        learned = choose(p["cands"], models_for(folds[i]), p["type"])
        for name, (side1, side2) in (("rule", p["rule"]), ("model", learned)):
            r1, r2 = side_right(side1, p["gold"]["a1"]), side_right(side2, p["gold"]["a2"])
            s[f"a1_{name}"] += r1
            s[f"a2_{name}"] += r2
            s[f"both_{name}"] += r1 and r2
        for side in ("a1", "a2"):
            s[f"{side}_oracle"] += not p["gold"][side] or any(y == side for _, y in p["rows"])
    return s


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--l2", type=float, default=L2)
    parser.add_argument("--steps", type=int, default=STEPS)
    args = parser.parse_args()
    resources = Resources()
    passages = load_passages()
    data = featurise_passages(passages, resources)
    folds = passage_folds(len(data), FOLDS, SEED)
    per_fold = {k: train(data, lambda i, k=k: folds[i] != k, args.l2, args.steps) for k in range(FOLDS)}
    s = evaluate(data, folds, per_fold.__getitem__)
    n = s["n"]
    print(f"passages {len(passages)} ({n} with a trigger); candidates {sum(len(p['rows']) for p in data)}")
    print(f"{FOLDS}-fold CV grouped by passage (each passage judged by a model that never saw it):")
    for side in ("a1", "a2", "both"):
        print(f"  {side:5} right   rules {s[side + '_rule'] / n:.3f}   learned {s[side + '_model'] / n:.3f}")
    print(
        f"  ceiling (the labelled actor is a candidate): a1 {s['a1_oracle'] / n:.3f}  a2 {s['a2_oracle'] / n:.3f}"
    )
    if not args.no_write:
        models = train(data, lambda i: True, args.l2, args.steps)
        path = DATA / MODEL_FILE
        path.write_text(json.dumps(to_json(models), indent=0, sort_keys=True) + "\n", "utf-8")
        print(f"wrote {path} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
