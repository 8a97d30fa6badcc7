"""Train the learned toll and place choices (src/dateline/data/role_models.json) on the
team-written passages in src/dateline/data/training/roles/*.txt, and report 5-fold
cross-validation grouped by passage against the rules they replace.

    PYTHONPATH=src python scripts/train_role_models.py [--no-write]

Deterministic: folds from a seeded shuffle of the passages, full-batch gradient descent.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from dateline.extract.candidates import toll_candidates
from dateline.extract.fatalities import find_fatalities, parse_number
from dateline.extract.place_mentions import place_candidates
from dateline.extract.role_model import (
    MODEL_FILE,
    THRESHOLD,
    LogReg,
    RoleModels,
    fit,
    learned_fatalities,
    markup_passages,
    passage_folds,
    to_json,
)
from dateline.merge.code import combine_deaths
from dateline.resources import Resources

DATA = Path(__file__).resolve().parent.parent / "src" / "dateline" / "data"
FOLDS, SEED = 5, 13
QUALIFIERS = {"at", "least", "more", "than", "over", "nearly", "about", "almost", "some", "around", "an"}
QUALIFIERS |= {"estimated", "all", "the"}
RELATED = ("in", "near", "container", "border")


def load_passages() -> list[tuple[str, list[tuple[int, int, str]]]]:
    return markup_passages(DATA / "training" / "roles")


def gold_toll(text: str, spans) -> int:
    total = 0
    for start, end, label in spans:
        if label != "toll":
            continue
        words = [w for w in re.findall(r"[\w,-]+", text[start:end]) if w.lower() not in QUALIFIERS]
        total += (parse_number(words) if words else None) or 1  # a name or 'a': one person
    return total


def overlaps(a: tuple[int, int], spans, label: str) -> bool:
    return any(s < a[1] and a[0] < e for s, e, lab in spans if lab == label)


def featurise(passages, resources: Resources):
    """Per passage: its sentences, toll rows and place rows (features, label, sentence index, span)."""
    nlp, kb, gaz = resources.nlp, resources.kb, resources.gazetteer
    out = []
    for text, spans in passages:
        doc = nlp(text)
        sents = list(doc.sents)
        tolls, places = [], []
        for si, sent in enumerate(sents):
            for c in toll_candidates(sent):
                span = (min(t.idx for t in c.tokens), max(t.idx + len(t.text) for t in c.tokens))
                tolls.append((c.features, int(overlaps(span, spans, "toll")), si))
            for ent, relation, _hint, feats in place_candidates(sent, kb, gaz):
                span = (ent.start_char, ent.end_char)
                places.append((feats, int(overlaps(span, spans, "place")), si, span, relation))
        out.append({"text": text, "spans": spans, "sents": sents, "tolls": tolls, "places": places})
    return out


def rule_place(p) -> tuple[int, int] | None:
    for rel in (("in", "near"), ("container",)):
        for _f, _y, _si, span, relation in p["places"]:
            if relation in rel:
                return span
    return None


def model_place(p, model: LogReg, related: bool = False) -> tuple[int, int] | None:
    """The first sentence's likeliest place; ``related``: only among places the rules relate
    to the clause (not 'modifier' or 'other')."""
    allowed = RELATED if related else None
    for si in range(len(p["sents"])):
        scored = [
            (model.probability(f), span)
            for f, _y, s, span, r in p["places"]
            if s == si and (allowed is None or r in allowed)
        ]
        scored = [x for x in scored if x[0] >= THRESHOLD]
        if scored:
            return max(scored)[1]
    return None


def passage_toll(counted) -> int:
    counted = [c for c in counted if c is not None]
    return combine_deaths(counted)[0] if counted else 0


def evaluate(data, folds, models_for) -> dict:
    """Passage-level accuracy of rules and models, each passage scored by the model of the fold
    that did not see it."""
    s = {
        "n": 0,
        "toll_rule": 0,
        "toll_model": 0,
        "n_place": 0,
        "place_oracle": 0,
        "place_rule": 0,
        "place_model": 0,
        "place_related": 0,
    }
    s |= {"cand_toll": [0, 0], "cand_place": [0, 0]}
    for i, p in enumerate(data):
        models = models_for(folds[i])
        gold = gold_toll(p["text"], p["spans"])
        s["n"] += 1
        s["toll_rule"] += passage_toll([find_fatalities(x) for x in p["sents"]]) == gold
        s["toll_model"] += passage_toll([learned_fatalities(x, models.toll) for x in p["sents"]]) == gold
        for f, y, *_ in p["tolls"]:
            s["cand_toll"][0] += (models.toll.probability(f) >= THRESHOLD) == y
            s["cand_toll"][1] += 1
        for f, y, *_ in p["places"]:
            s["cand_place"][0] += (models.place.probability(f) >= THRESHOLD) == y
            s["cand_place"][1] += 1
        gold_places = [(a, b) for a, b, lab in p["spans"] if lab == "place"]
        if gold_places:
            s["n_place"] += 1
            s["place_oracle"] += any(overlaps(r[3], p["spans"], "place") for r in p["places"])
            picks = (
                ("place_rule", rule_place(p)),
                ("place_model", model_place(p, models.place)),
                ("place_related", model_place(p, models.place, related=True)),
            )
            for name, pick in picks:
                s[name] += pick is not None and overlaps(pick, p["spans"], "place")
    return s


def train(data, keep) -> RoleModels:
    tolls = [(f, y) for i, p in enumerate(data) if keep(i) for f, y, _ in p["tolls"]]
    places = [(r[0], r[1]) for i, p in enumerate(data) if keep(i) for r in p["places"]]
    return RoleModels(fit(*zip(*tolls, strict=True)), fit(*zip(*places, strict=True)))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    resources = Resources()
    data = featurise(load_passages(), resources)
    folds = passage_folds(len(data), FOLDS, SEED)
    per_fold = {k: train(data, lambda i, k=k: folds[i] != k) for k in range(FOLDS)}
    s = evaluate(data, folds, per_fold.__getitem__)
    n, m = s["n"], s["n_place"]
    print(f"passages {n}; toll candidates {s['cand_toll'][1]}; place candidates {s['cand_place'][1]}")
    print(f"{FOLDS}-fold CV grouped by passage (each passage judged by a model that never saw it):")
    print(f"  toll candidates right   {s['cand_toll'][0] / s['cand_toll'][1]:.3f}")
    print(f"  place candidates right  {s['cand_place'][0] / s['cand_place'][1]:.3f}")
    print(f"  passage toll exact      rules {s['toll_rule'] / n:.3f}   learned {s['toll_model'] / n:.3f}")
    print(
        f"  passage place right     rules {s['place_rule'] / m:.3f}   learned {s['place_model'] / m:.3f}  (n={m})"
    )
    print(f"  passage place, learned among the rules' related places {s['place_related'] / m:.3f}")
    print(f"  passage place among the candidates (the ceiling of both) {s['place_oracle'] / m:.3f}")
    if not args.no_write:
        models = train(data, lambda i: True)
        path = DATA / MODEL_FILE
        path.write_text(json.dumps(to_json(models), indent=0, sort_keys=True) + "\n", "utf-8")
        print(f"wrote {path} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
