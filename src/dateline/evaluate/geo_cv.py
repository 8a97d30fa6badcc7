"""Held-out figures of the learned place ranker (``lookup/place_rank.py``) on the given-names task:
5-fold cross-validation grouped by article (seeded; an article's names never sit on both sides)
over TR-News and GeoVirus together, and leave-one-corpus-out (train on one corpus, score the
other: the nearest proxy of unseen news). Each compares the hand rules (``ranker=RULES``), the
model without the rules' pick as a feature and the model with it; all are scored through the
pipeline's ``resolve_places`` like ``dateline eval geo --given-names``. Also the recall of candidate
generation: how often a right candidate (the gold GeoNames id, or within 161 km) is there at all.
``scripts/train_place_ranker.py`` and ``dateline eval geo --cv`` use these functions.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..extract.role_model import passage_folds
from ..lookup.place_rank import RULE_FEATURE, PlaceRanker, candidate_features, fit, shipped_ranker
from ..lookup.places import RULES, distance_km, rule_tables
from .geo import MAX_KM, Gold, auc, given_places, read_corpus

if TYPE_CHECKING:
    from ..lookup.gazetteer import Entry, Gazetteer

FOLDS = 5
SEED = 15
RIGHT_KM = 161.0
TIE_KM = 20.0  # candidates this much farther than the nearest one are not learned as right
VARIANTS = ("rules", "model", "model+rule")  # model: without the rules' pick as a feature
Example = tuple[list[dict[str, float]], list[bool]]


@dataclass
class Doc:
    corpus: str
    text: str
    gold: list[Gold]
    examples: list[Example]  # each name's candidates: features, right?
    covered: int  # gold toponyms with a right candidate among their name's candidates
    mentions: list[int] = field(default_factory=list)  # gold toponyms of each example's name


def _right(e: Entry, g: Gold) -> bool:
    if g.geonameid is not None and e.geonameid == g.geonameid:
        return True
    return distance_km((g.lat, g.lon), (e.lat, e.lon)) < RIGHT_KM


def _best(entries: list[Entry], g: Gold) -> set[int]:
    """The candidates to learn as right for ``g``: its GeoNames id when a candidate has it, else
    the nearest within 161 km (and any within ``TIE_KM`` of that one): a town, not its county."""
    same = {e.pid for e in entries if g.geonameid is not None and e.geonameid == g.geonameid}
    if same:
        return same
    km = {e.pid: distance_km((g.lat, g.lon), (e.lat, e.lon)) for e in entries}
    near = min(km.values(), default=MAX_KM)
    return {pid for pid, d in km.items() if d < RIGHT_KM and d <= near + TIE_KM}


def load_docs(paths: list[Path], gaz: Gazetteer) -> list[Doc]:
    """The articles of each corpus with the ranker's training examples (the mentions are what
    ``given_places`` hands the resolver: the gold spans, no hint)."""
    docs = []
    for path in paths:
        for text, gold in read_corpus(path):
            mentions = [
                {"start": g.start, "end": g.end, "text": text[g.start : g.end], "hint": None} for g in gold
            ]
            tables = rule_tables(text, mentions, gaz)
            feats = candidate_features(tables)
            examples: list[Example] = []
            counts_of: list[int] = []
            covered = 0
            for key, idx in tables.groups.items():
                rows = feats.get(key, [])
                best_of = [_best([e for e, _ in rows], gold[i]) for i in idx]
                counts = [sum(e.pid in b for b in best_of) for e, _ in rows]
                covered += sum(any(_right(e, gold[i]) for e, _ in rows) for i in idx)
                best = max(counts, default=0)
                examples.append(([f for _, f in rows], [0 < c == best for c in counts]))
                counts_of.append(len(idx))
            docs.append(Doc(path.stem, text, gold, examples, covered, counts_of))
    return docs


def train(docs: list[Doc], with_rule: bool) -> PlaceRanker:
    """Each name weighted by its number of gold toponyms: the loss counts what acc@161 counts (a
    name said five times in one article weighs five; measured in grouped CV, model with the rules'
    pick, approximate scoring: TR-News 0.887 -> 0.891, GeoVirus 0.793 both)."""
    drop = frozenset() if with_rule else frozenset({RULE_FEATURE})
    examples = [x for d in docs for x in d.examples]
    return fit(examples, drop=drop, weights=[n for d in docs for n in d.mentions])


def errors(docs: list[Doc], gaz: Gazetteer, ranker: Any) -> dict[str, list[float]]:
    """Per corpus, the km error of each gold toponym (unresolved: the maximum), as ``eval geo``."""
    out: dict[str, list[float]] = defaultdict(list)
    for d in docs:
        found = given_places(d.text, d.gold, gaz, ranker)
        for g in d.gold:
            p = found.get((g.start, g.end))
            out[d.corpus].append(distance_km((g.lat, g.lon), (p.latitude, p.longitude)) if p else MAX_KM)
    return out


def _rankers(training: list[Doc]) -> dict[str, Any]:
    return {"rules": RULES, "model": train(training, False), "model+rule": train(training, True)}


def cross_validate(docs: list[Doc], gaz: Gazetteer) -> dict[str, dict[str, list[float]]]:
    """Errors per variant and corpus, each article scored by the models of the fold it is out of."""
    fold = passage_folds(len(docs), FOLDS, SEED)
    out: dict[str, dict[str, list[float]]] = {v: defaultdict(list) for v in VARIANTS}
    for k in range(FOLDS):
        rankers = _rankers([d for i, d in enumerate(docs) if fold[i] != k])
        test = [d for i, d in enumerate(docs) if fold[i] == k]
        for name, ranker in rankers.items():
            for corpus, errs in errors(test, gaz, ranker).items():
                out[name][corpus].extend(errs)
    return out


def leave_one_corpus_out(docs: list[Doc], gaz: Gazetteer) -> dict[str, dict[str, list[float]]]:
    """Errors per variant and corpus, each corpus scored by models trained on the others only."""
    out: dict[str, dict[str, list[float]]] = {v: {} for v in VARIANTS}
    for corpus in sorted({d.corpus for d in docs}):
        rankers = _rankers([d for d in docs if d.corpus != corpus])
        test = [d for d in docs if d.corpus == corpus]
        for name, ranker in rankers.items():
            out[name][corpus] = errors(test, gaz, ranker)[corpus]
    return out


def acc161(errs: list[float]) -> float:
    return sum(e < 161 for e in errs) / len(errs) if errs else 0.0


def _table(title: str, results: dict[str, dict[str, list[float]]], corpora: list[str]) -> None:
    print(title)
    for name in VARIANTS:
        cells = "  ".join(
            f"{c} acc@161 {acc161(results[name][c]):.3f} AUC {auc(results[name][c]):.3f}" for c in corpora
        )
        print(f"  {name:<11} {cells}")


def shipped_variant() -> str:
    """Which variant ``data/place_ranker.json`` is ({"rule_pick": 1} is the rules' choice)."""
    weights = shipped_ranker().weights
    if set(weights) == {RULE_FEATURE}:
        return "rules"
    return "model+rule" if RULE_FEATURE in weights else "model"


def print_cv(paths: list[Path], gaz: Gazetteer) -> dict[str, dict[str, list[float]]]:
    """Print candidate recall, leave-one-corpus-out and then (last) the grouped cross-validation;
    the last line is the shipped variant's cross-validated figures, machine-readable."""
    docs = load_docs(paths, gaz)
    corpora = sorted({d.corpus for d in docs})
    for c in corpora:
        mine = [d for d in docs if d.corpus == c]
        n = sum(len(d.gold) for d in mine)
        print(
            f"{c}: candidate generation recall {sum(d.covered for d in mine) / max(1, n):.3f} ({n} toponyms)"
        )
    _table(
        "leave-one-corpus-out (trained on the other corpus only):", leave_one_corpus_out(docs, gaz), corpora
    )
    cv = cross_validate(docs, gaz)
    _table(f"{FOLDS}-fold cross-validation grouped by article (seed {SEED}; HELD OUT):", cv, corpora)
    shipped = shipped_variant()
    cells = " ".join(
        f"acc161_{c.lower().replace('-', '')}={acc161(cv[shipped][c]):.3f} auc_{c.lower().replace('-', '')}"
        f"={auc(cv[shipped][c]):.3f}"
        for c in corpora
    )
    note = " (hand weights tuned on these corpora: NOT held out)" if shipped == "rules" else ""
    print(f"shipped choice: {shipped}{note}; its cross-validated figures, given names:")
    print(cells)
    return cv
