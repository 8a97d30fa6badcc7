"""The machinery of ``train_police_model.py``'s nested cross-validation: the DEV reports annotated
once (locked reports filtered out before any text or label is read), the extraction re-run per
fold model from that cache, where a model's added sentence is coded, the fast fit of the four
regressions, and the READ / CHECK halves' aggregate figures."""

from __future__ import annotations

import json

import numpy as np
from scipy import sparse

from dateline.annotate import annotate_many
from dateline.clean import clean
from dateline.evaluate.gold import shared
from dateline.evaluate.halves import half
from dateline.evaluate.police import gold_locked, prf, split_of
from dateline.extract.police_actions import (
    ARREST_IN_CONFLICT,
    ARREST_KIND,
    CONFLICT_WORDS,
    RIOT_WORDS,
    _crowd,
)
from dateline.extract.police_activity import police_mention
from dateline.extract.police_model import LABELS, TRAINED, PoliceModel, _trigger, features, training_text
from dateline.extract.police_words import DEATH_WORDS
from dateline.extract.senses import in_conflict_sense
from dateline.extract.triggers import TriggerHit
from dateline.pipeline import analyse
from dateline.read.jsonl import read_record
from dateline.resources import Resources

DIM = 1 << 15
SEED = 13


def load() -> tuple[list[dict], dict[object, list[tuple[str, set[str]]]]]:
    base = next(iter(shared("events/india-police-events")), None)
    if base is None:
        raise SystemExit("../shared/data/events/india-police-events not found")
    locked = gold_locked()
    docs = []
    for line in (base / "dev.jsonl").read_text("utf-8").splitlines():
        if line.strip() and split_of((d := json.loads(line)).get("doc_id"), locked) == "dev":
            docs.append(d)
    ids = {d["doc_id"] for d in docs}
    labelled: dict[object, list[tuple[str, set[str]]]] = {i: [] for i in ids}
    for line in (base / "dev_sentences.jsonl").read_text("utf-8").splitlines():
        s = json.loads(line)
        if s["doc_id"] in ids:  # (a locked report's sentences are never kept)
            labelled[s["doc_id"]].append((training_text(s["sent_text"]), set(s["sent_labels"])))
    return docs, labelled


class Corpus:
    """The dev reports annotated once; extraction re-run per fold model from the cache."""

    def __init__(self, docs: list[dict], resources: Resources) -> None:
        self.docs, self.resources = docs, resources
        arts = [
            read_record({"text": d["text"], "published": d.get("published")}, str(d["doc_id"])) for d in docs
        ]
        self.annotated = list(annotate_many([clean(a) for a in arts], resources))
        # each report's sentences: (start, end, text) in article offsets
        self.sents, self.named = [], []
        for ann in self.annotated:
            spans, named = [], set()
            for segment, doc in getattr(ann, "docs", []):
                for s in doc.sents:
                    if segment.kind != "caption" and police_mention(s) is not None:
                        named.add(len(spans))
                    spans.append((segment.start + s.start_char, segment.start + s.end_char, s.text))
            self.sents.append(spans)
            self.named.append(named)  # the sentences naming the police (where "or" may add)

    def run(self, idx: list[int], model: PoliceModel | None) -> dict[int, tuple[list, list]]:
        """Each report's (events, drops) with ``model`` in place (None: the rules alone)."""
        from dateline.extract.police_model import use_model

        use_model(self.resources, model)
        out = {}
        for n in idx:
            ann, drops = self.annotated[n], []
            out[n] = (analyse(ann, self.resources, drops)[0] if hasattr(ann, "docs") else [], drops)
        use_model(self.resources, None)
        return out

    def sentence_of(self, n: int, at: int | None) -> int | None:
        return next((i for i, (s, e, _) in enumerate(self.sents[n]) if at is not None and s <= at < e), None)

    def activity_sents(self, n: int, drops: list) -> tuple[set[int], set[int]]:
        """(sentences with a rule activity the model may gate, with an uncoded rule action)."""
        found: tuple[set[int], set[int]] = (set(), set())
        for d in drops:
            if d.reason == "police_activity" and d.sentence:
                i = self.sentence_of(n, d.sentence[0])
                if i is not None:
                    found["coded as no ACLED event" in d.detail].add(i)
        return found

    def codable(self, idx: list[int], model: PoliceModel) -> dict[int, dict[str, set[int]]]:
        """Per report and label, the sentences where an action ``model`` adds (were the label's
        threshold reached) could come out as a record answering the label, by the coding's own
        gates (police_actions._code, add_police_mentions) read without running the pipeline (a
        run per label costs ~2 s a report): force needs a crowd in the sentence or a riot in the
        report, a killing also words of death, an arrest the conflict sense of its anchor (the
        word the model points at, as when it ships)."""
        out: dict[int, dict[str, set[int]]] = {}
        kb = self.resources.kb
        for n in idx:
            ann, where = self.annotated[n], {label: set() for label in LABELS}
            text = ann.cleaned.article.text if hasattr(ann, "docs") else ""
            sense = ARREST_IN_CONFLICT if CONFLICT_WORDS.search(text) else ARREST_KIND
            rioting = RIOT_WORDS.search(text) is not None
            i = 0
            for segment, doc in getattr(ann, "docs", []):
                for sent in doc.sents:
                    if segment.kind != "caption":
                        if rioting or _crowd(sent)[0] is not None:
                            where["FORCE"].add(i)
                            if any(t.lemma_.lower() in DEATH_WORDS for t in sent):
                                where["KILL"].add(i)
                        anchor = _trigger(sent, "ARREST", model)
                        if in_conflict_sense(TriggerHit([anchor], sense), sent, kb):
                            where["ARREST"].add(i)
                    i += 1
            out[n] = where
        return out


def average_precision(scores: list[float], positive: list[bool]) -> float:
    order = np.argsort(-np.asarray(scores), kind="stable")
    hits = np.asarray(positive, dtype=float)[order]
    if not hits.sum():
        return 0.0
    return float((np.cumsum(hits) / np.arange(1, len(hits) + 1))[hits > 0].mean())


_FEATS: dict[str, tuple] = {}  # each sentence featurised once for all the fits and predictions


def feats(text: str) -> tuple:
    if text not in _FEATS:
        _FEATS[text] = features(text, DIM)
    return _FEATS[text]


def probs(model: PoliceModel, text: str) -> dict[str, float]:
    return model.probs_of(*feats(text))


def fit(idx, labelled, corpus, written=(), weight: float = 0.0) -> PoliceModel:
    """Trained on ``idx``'s real sentences and, at ``weight``, every written one (never a test
    fold's: those are dev reports, and the written sentences are in every fold's training)."""
    rows = [row for n in idx for row in labelled[corpus.docs[n]["doc_id"]]]
    extra = list(written) if weight > 0 else []
    rw = [1.0] * len(rows) + [weight] * len(extra)
    rows += extra
    return train_fast([feats(t) for t, _ in rows], [lab for _, lab in rows], rw)


def train_fast(fs: list[tuple], labels: list[set[str]], rw: list[float], l2: float = 1e-4, steps: int = 120):
    """``police_model.train_rows`` (the same class-weighted loss and full-batch Adam, lr 0.1) with
    the four labels fitted together over one sparse matrix: ~5x faster, which the written
    weight's inner CV (three fits where there was one) needs on this shared machine."""
    rw_ = np.asarray(rw, dtype=float)
    keep = np.flatnonzero(rw_ > 0)
    rw_ = rw_[keep]
    r = np.concatenate([np.full(len(fs[k][0]), n) for n, k in enumerate(keep)])
    x = sparse.csr_matrix(
        (np.concatenate([fs[k][1] for k in keep]), (r, np.concatenate([fs[k][0] for k in keep]))),
        shape=(len(keep), DIM),
    )
    xt = x.T.tocsr()
    y = np.array([[lab in labels[k] for lab in TRAINED] for k in keep], dtype=float)
    total, pos = rw_.sum(), np.maximum(rw_ @ y, 1.0)
    sw = rw_[:, None] * np.where(y > 0, total / (2 * pos), total / (2 * np.maximum(total - pos, 1.0))) / total
    w, b = np.zeros((DIM, len(TRAINED))), np.zeros(len(TRAINED))
    m, s, mb, sb = np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)
    for t in range(1, steps + 1):
        err = sw * (1.0 / (1.0 + np.exp(-(x @ w + b))) - y)
        g, gb = xt @ err + l2 * w, err.sum(axis=0)
        m, s = 0.9 * m + 0.1 * g, 0.999 * s + 0.001 * g * g
        mb, sb = 0.9 * mb + 0.1 * gb, 0.999 * sb + 0.001 * gb * gb
        lr = 0.1 * np.sqrt(1 - 0.999**t) / (1 - 0.9**t)
        w -= lr * m / (np.sqrt(s) + 1e-8)
        b -= lr * mb / (np.sqrt(sb) + 1e-8)
    weights = {lab: np.ascontiguousarray(w[:, j]) for j, lab in enumerate(TRAINED)}
    bias = {lab: float(b[j]) for j, lab in enumerate(TRAINED)}
    return PoliceModel(DIM, weights, bias, dict.fromkeys(LABELS), {"arrest": None, "force": None})


def halves(docs, gold, arms: dict[str, dict[int, set[str]]], questions) -> None:
    """Each arm's CV F1s on the READ and CHECK halves of dev (by report id hash; aggregates only)."""
    for name in ("READ", "CHECK"):
        ns = [n for n, d in enumerate(docs) if half(str(d["doc_id"])) == name]
        g = [gold[n] for n in ns]
        row = [
            f"{q} " + "/".join(f"{prf(g, [a[n] for n in ns], q)[2]:.3f}" for a in arms.values())
            for q in questions
        ]
        print(f"{name} ({len(ns)} reports) F1 {' / '.join(arms)}: " + "  ".join(row))
