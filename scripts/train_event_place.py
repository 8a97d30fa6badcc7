"""Measure a learned choice of each event's place (resolve/event_place.py) against the rules'
(resolve/context.py) on the DEV split of the article gold, by 5-fold cross-validation grouped by
article (seeded), and print the oracle: how often the gold place is among the candidates at all.

    PYTHONPATH=src python scripts/train_event_place.py [--cache /tmp/event_place.pkl]

Only dev gold lines are read (filtered before any text is loaded: the locked split is never
read). Each dev article is run through the pipeline once with the rules choosing; for each event
mention the rules placed, the article's resolved places (``event_place.event_candidates``) are
recorded, each labelled right when an event there would match the place of the gold event whose
quote holds the mention's trigger (``evaluate/article_match.place_matches``). Per fold the model
trained on the other folds' mentions runs in the pipeline over the held-out articles, which are
scored as ``dateline eval articles`` scores them: event P/R/F1 and place accuracy over matched
events, beside the rules' on the same folds. ``--write`` ships the model trained on all of dev
(``data/event_place.json``) if it beat the rules in CV on F1 and on place choice, else the
rules (``{"rule_pick": 1}``): a rule fixed before the figures were seen.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

from dateline import pipeline
from dateline.countries import place_names
from dateline.evaluate import article_match as am
from dateline.evaluate.articles import Tally, build_records, gold_lines, score
from dateline.evaluate.gold import committed
from dateline.extract.place_mentions import sentence_places
from dateline.lookup.place_rank import RULE_FEATURE, PlaceRanker, fit
from dateline.merge.code import event_id
from dateline.resolve import event_place
from dateline.resources import Resources

FOLDS, SEED, L2 = 5, 13, 1.0
ROOT = Path(__file__).resolve().parent.parent
RULES = PlaceRanker({RULE_FEATURE: 1.0})
# the rules' choice, but with the candidates computed (and recorded) for every placed mention
RECORDING = PlaceRanker({RULE_FEATURE: 1.0, "recording": 0.0})


def _as_event(c: event_place.Candidate) -> SimpleNamespace:
    p = c.place
    names = place_names(p)
    return SimpleNamespace(
        latitude=p.latitude, longitude=p.longitude, iso3=p.iso3, geo_precision=c.precision, **names
    )


def _gold_of(trigger: tuple[int, int], sentence: tuple[int, int], spans: list[list[am.Span]]) -> int | None:
    """The gold event whose quote holds the trigger, else one whose quote overlaps the sentence."""
    for test in (
        lambda s, e: s <= trigger[0] < e,
        lambda s, e: s < sentence[1] and sentence[0] < e,
    ):
        for j, found in enumerate(spans):
            if any(test(s, e) for s, e in found):
                return j
    return None


def run(pairs, resources, model: PlaceRanker, record: dict | None = None, everywhere: bool = False):
    """``articles.score`` over ``pairs`` with ``model`` choosing the places (``record``: article
    id -> [(trigger, sentence, candidates)] of every placed mention)."""
    original_resolve, original_cands = pipeline.resolve_mentions, event_place.event_candidates
    original_analyse = pipeline.analyse
    current: list[str] = [""]
    sentences: dict[str, list] = {}

    def analyse(annotated, res, *args, **kwargs):
        if everywhere:  # every sentence's place mentions, offsets into the article
            sentences[annotated.cleaned.article.article_id] = [
                replace(p, start=p.start + seg.start, end=p.end + seg.start)
                for seg, doc in annotated.docs
                for sent in doc.sents
                for p in sentence_places(sent, res.kb, res.gazetteer)
            ]
        return original_analyse(annotated, res, *args, **kwargs)

    def resolve(article, *args, **kwargs):
        current[0] = article.article_id
        kwargs["others"] = sentences.get(article.article_id)  # None: the event sentences' places only
        return original_resolve(article, *args, **kwargs, place_model=model)

    def cands(places, trigger, sentence, *args, **kwargs):
        out = original_cands(places, trigger, sentence, *args, **kwargs)
        if record is not None:
            record.setdefault(current[0], []).append((trigger, sentence, out))
        return out

    pipeline.resolve_mentions, event_place.event_candidates = resolve, cands
    pipeline.analyse = analyse
    try:
        return score(pairs, resources)
    finally:
        pipeline.resolve_mentions, event_place.event_candidates = original_resolve, original_cands
        pipeline.analyse = original_analyse


def labelled(scored, record: dict, articles: list, unit: str = "mention") -> list[list]:
    """Per article: (candidates' features, right?) of each recorded mention paired with a gold
    event: its quote holds the trigger (``unit`` "mention"), or (``unit`` "event") the mention
    is the one whose trigger an event is coded from, paired with the gold event its evidence
    overlaps (the incident view)."""
    out = []
    for s, article in zip(scored, articles, strict=True):
        paired = {s.preds[i].event_id: j for i, j in s.incidents}
        groups = []
        for trigger, sentence, cands in record.get(article.article_id, []):
            if unit == "event":
                j = paired.get(event_id(article, SimpleNamespace(trigger=trigger)))
            else:
                j = _gold_of(trigger, sentence, s.spans)
            if j is not None and cands:
                groups.append(
                    ([c.features for c in cands], [am.place_matches(_as_event(c), s.golds[j]) for c in cands])
                )
        out.append(groups)
    return out


def choice(groups: list, model: PlaceRanker | None) -> tuple[int, int]:
    """Right place choices over labelled mentions (``model`` None: the rules' pick)."""
    right = 0
    for feats, ys in groups:
        scores = [(0.0 if model is None else model.score(f), f[RULE_FEATURE]) for f in feats]
        right += ys[max(range(len(feats)), key=scores.__getitem__)]
    return right, len(groups)


def _line(name: str, t: Tally, right: int, n: int) -> str:
    p, r, f = t.prf()
    ok, cnt = t.right.get("place", [0, 0])
    return (
        f"{name:<10} P {p:.3f} R {r:.3f} F1 {f:.3f} ({t.matched} matched of {t.gold} gold, {t.pred} predicted);"
        f" place over matched {ok / max(cnt, 1):.3f} ({ok}/{cnt}); place choice {right / max(n, 1):.3f} ({right}/{n})"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--unit", choices=("mention", "event"), default="mention", help="what a label is of")
    ap.add_argument("--everywhere", action="store_true", help="every sentence's places are candidates too")
    ap.add_argument("--write", action="store_true", help="write data/event_place.json by the shipping rule")
    ap.add_argument(
        "--without",
        default=RULE_FEATURE,
        help="the third variant: the model without these comma-separated features (default: rule_pick)",
    )
    args = ap.parse_args()
    dev = [
        (f, ln) for f, ln in gold_lines(committed("articles", "*.jsonl")) if ln.get("split", "dev") == "dev"
    ]
    pairs = build_records(dev)  # the locked split is filtered out before any text is read
    resources = Resources()
    record: dict = {}
    base = run(pairs, resources, RECORDING, record, args.everywhere)
    groups = labelled(base, record, [a for _, a in pairs], args.unit)
    flat = [g for gs in groups for g in gs]
    print(
        f"oracle: {len(flat)} placed mentions in a gold quote; rules right {choice(flat, None)[0]}, "
        f"gold place among the candidates {sum(any(ys) for _, ys in flat)}"
    )
    order = list(range(len(pairs)))
    random.Random(SEED).shuffle(order)
    fold = {idx: k % FOLDS for k, idx in enumerate(order)}
    totals = {name: [Tally(), 0, 0] for name in ("rules", "model+rule", "model")}
    print(f"variant 'model': without {args.without}")
    for k in range(FOLDS):
        test = [i for i in range(len(pairs)) if fold[i] == k]
        train = [g for i in range(len(pairs)) if fold[i] != k for g in groups[i]]
        held = [g for i in test for g in groups[i]]
        for name, drop in (
            ("rules", None),
            ("model+rule", frozenset()),
            ("model", frozenset(args.without.split(","))),
        ):
            if drop is None:
                scored, model = [base[i] for i in test], None
            else:
                model = fit(train, l2=L2, drop=drop)
                scored = run([pairs[i] for i in test], resources, model, everywhere=args.everywhere)
            t = Tally()
            for s in scored:
                t.add(s)
            right, n = choice(held, model)
            print(f"fold {k} " + _line(name, t, right, n))
            agg = totals[name]
            for s in scored:
                agg[0].add(s)
            agg[1] += right
            agg[2] += n
    print(f"== {FOLDS}-fold CV grouped by article (seed {SEED}), {len(pairs)} dev articles")
    for name, (t, right, n) in totals.items():
        print(_line(name, t, right, n))
    if args.write:
        rules, learned = totals["rules"], totals["model+rule"]
        better = learned[0].prf()[2] > rules[0].prf()[2] and learned[1] > rules[1]
        weights = fit(flat, l2=L2).weights if better else RULES.weights
        print(f"shipping: {'model+rule' if better else 'rules'} ({len(weights)} weights)")
        out = ROOT / "src" / "dateline" / "data" / event_place.MODEL_FILE
        out.write_text(json.dumps(PlaceRanker(weights).to_json(), indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
