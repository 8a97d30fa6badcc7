"""The learned recogniser of police-action sentences: per sentence, the probability that it reports
the police killing (KILL), arresting (ARREST) or using force (FORCE), from hashed word, word-pair
and character n-gram features of the lower-cased text (robust to the scrapes' mojibake), one
logistic regression per label (numpy only).

Trained by ``scripts/train_police_model.py`` on the sentence labels of the India police-events
DEV reports (5-fold cross-validated by report); ``data/police_model.json`` holds the weights and
the decisions the cross-validation chose: ``add`` (a label's probability at or above which a
sentence the rules did not code becomes the police's record, coded by the rules' own coding in
``police_actions.add_police_mentions``) and ``veto`` (a rule candidate's kind whose probability
below the threshold drops it; no longer learnt: held out, the rules' precision was 1.0). A
fourth regression, ANY_ACTION, reads any police activity; its ``activity`` setting says whether
the rule of ``police_activity.py`` runs alone (``rule``), only where the model agrees (``and``),
or with the sentences naming the police that the model is sure of (``or``). A label or kind
without a threshold is left to the rules. ``extract/police_actions.py`` uses them all. A
label's add threshold is chosen inside each training fold by the model alone (its best inner-CV
F1 at precision >= 0.85; the rules' dev figures are in-sample, so weighing against them always
chose nothing) and ships when, in the outer report-grouped folds, the model alone's F1 reaches
the keyword baseline's at precision >= 0.85 and rules ∪ model keep precision >= 0.85; ``cv``
holds what ships', the rules' and the model alone's figures.
Without the file (``police_model`` is None) the rules run alone.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from importlib import resources as package_files
from pathlib import Path

import numpy as np

from ..read.repair import repair
from ..relevance import feature_hash, fit_logistic
from ..resources import Resources
from .police_actions import PoliceAction, _crowd, police_doer
from .police_words import DEATH_WORDS, POLICE

LABELS = ("KILL", "ARREST", "FORCE")  # (KILL first: a killing is a use of force with deaths)
ACTIVITY = "ANY_ACTION"  # any police activity, ACLED's event or not (extract/police_activity.py)
TRAINED = (*LABELS, ACTIVITY)
KIND = {"KILL": "force", "ARREST": "arrest", "FORCE": "force"}
MEMO_KEY = "police_model"
_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def word_features(word: str) -> list[str]:
    """A word's own features: itself and its character 3- to 5-grams (padded)."""
    padded = f" {word} "
    grams = [f"c:{padded[i : i + n]}" for n in (3, 4, 5) for i in range(max(len(padded) - n + 1, 1))]
    return [f"w:{word}", *grams]


def features(text: str, dim: int) -> tuple[np.ndarray, np.ndarray]:
    """(hashed indices, values) of a sentence: binary features, L2-normalised."""
    ws = words(text)
    feats = {f for w in ws for f in word_features(w)}
    feats.update(f"b:{a} {b}" for a, b in zip(ws, ws[1:], strict=False))
    idx = np.unique(np.fromiter((feature_hash(f, dim) for f in feats), dtype=np.int64, count=len(feats)))
    vals = np.full(len(idx), 1.0 / np.sqrt(max(len(idx), 1)))
    return idx, vals


@dataclass
class PoliceModel:
    dim: int
    weights: dict[str, np.ndarray]  # label -> (dim,) weights
    bias: dict[str, float]
    add: dict[str, float | None] = field(default_factory=dict)  # label -> threshold (None: rules only)
    veto: dict[str, float | None] = field(default_factory=dict)  # "arrest" | "force" -> threshold
    # police activity: {"mode": "and" (the rule's finding kept when p >= threshold) | "or" (the
    # rule's, and a sentence naming the police with p >= threshold) | "rule", "threshold": t}
    activity: dict = field(default_factory=lambda: {"mode": "rule", "threshold": None})
    cv: dict = field(default_factory=dict)  # the training's 5-fold CV by report: {"reports", F1s}

    def probs(self, text: str) -> dict[str, float]:
        return self.probs_of(*features(text, self.dim))

    def probs_of(self, idx: np.ndarray, vals: np.ndarray) -> dict[str, float]:
        """``probs`` of a sentence featurised already (``features(text, self.dim)``)."""
        out = {}
        for label in self.weights:
            z = float(vals @ self.weights[label][idx]) + self.bias[label]
            out[label] = 1.0 / (1.0 + np.exp(-z))
        return out

    def word_score(self, word: str, label: str) -> float:
        """How much a word's own features push the label (the trigger the model points at)."""
        w = self.weights[label]
        return float(sum(w[feature_hash(f, self.dim)] for f in word_features(word.lower())))

    def to_json(self) -> dict:
        sparse = {}
        for label, w in self.weights.items():
            keep = np.flatnonzero(np.abs(w) >= 5e-4)
            sparse[label] = {"i": keep.tolist(), "w": [round(float(x), 4) for x in w[keep]]}
        return {
            "dim": self.dim, "bias": self.bias, "weights": sparse, "add": self.add, "veto": self.veto,
            "activity": self.activity, "cv": self.cv,
        }  # fmt: skip

    @classmethod
    def from_json(cls, data: dict) -> PoliceModel:
        dim = int(data["dim"])
        weights = {}
        for label in data["weights"]:
            w = np.zeros(dim)
            w[np.asarray(data["weights"][label]["i"], dtype=np.int64)] = data["weights"][label]["w"]
            weights[label] = w
        bias = {k: float(v) for k, v in data["bias"].items()}
        activity = data.get("activity") or {"mode": "rule", "threshold": None}
        return cls(dim, weights, bias, data["add"], data["veto"], activity, data.get("cv") or {})


def train(
    texts: list[str],
    labels: list[set[str]],
    dim: int = 1 << 15,
    l2: float = 1e-4,
    steps: int = 120,
    row_weight: list[float] | None = None,
) -> PoliceModel:
    """One class-weighted logistic regression per label (``TRAINED``), full-batch Adam over sparse
    rows. ``row_weight`` weighs each sentence (default 1): written sentences count less than the
    real reports' (a row of weight 0 is left out)."""
    return train_rows([features(t, dim) for t in texts], labels, dim, l2, steps, row_weight)


def train_rows(
    feats: list[tuple[np.ndarray, np.ndarray]],
    labels: list[set[str]],
    dim: int,
    l2: float = 1e-4,
    steps: int = 120,
    row_weight: list[float] | None = None,
) -> PoliceModel:
    """``train`` over sentences featurised already (``features(text, dim)``: the training script
    featurises each sentence once for all its fits)."""
    rw = np.ones(len(feats)) if row_weight is None else np.asarray(row_weight, dtype=float)
    if len(rw) != len(feats) or not np.isfinite(rw).all() or (rw < 0).any():
        raise ValueError("row_weight: one finite weight >= 0 per sentence")
    keep = np.flatnonzero(rw > 0)
    if not len(keep):  # np.concatenate of nothing would fail with a message about arrays
        raise ValueError("no sentence to learn from: every row weight is 0 (or there are no rows)")
    rw = rw[keep]
    r = np.concatenate([np.full(len(feats[k][0]), n) for n, k in enumerate(keep)])
    c = np.concatenate([feats[k][0] for k in keep])
    v = np.concatenate([feats[k][1] for k in keep])
    weights, bias = {}, {}
    for label in TRAINED:
        y = np.array([label in labels[k] for k in keep], dtype=float)
        total, pos = rw.sum(), max(float(rw @ y), 1.0)
        # positives weighed up to half the loss: KILL has ~20 sentences in ~4,000
        sw = rw * np.where(y > 0, total / (2 * pos), total / (2 * max(total - pos, 1.0)))
        weights[label], bias[label] = fit_logistic(r, c, v, y, sw / total, dim, l2, steps)
    return PoliceModel(dim, weights, bias, dict.fromkeys(LABELS), {"arrest": None, "force": None})


def training_text(text: str) -> str:
    """A training sentence as the pipeline would show it to the model: mojibake repaired as the
    readers repair a scrape (read/repair.py; the dev reports' sentence file keeps the scrape's
    "donâ€™t"), so a sentence learnt and a sentence read have the same features."""
    return repair(text)


def label_closure(labels: set[str]) -> set[str]:
    """The labels a sentence's labels imply in the police-events convention: a killing by the
    police is a use of force, and any of the three is a police action (ANY_ACTION)."""
    out = set(labels)
    if "KILL" in out:
        out.add("FORCE")
    if out & set(LABELS):
        out.add(ACTIVITY)
    return out


def read_written(path) -> list[tuple[str, set[str]]]:
    """Written training sentences (JSON Lines ``{"text", "labels"}``, invented for Dateline), each
    repaired as the pipeline repairs text and its labels closed (``label_closure``)."""
    rows = []
    for n, line in enumerate(Path(path).read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            rows.append((training_text(item["text"]), label_closure(set(item.get("labels") or []))))
        except (ValueError, KeyError, TypeError) as exc:  # a bad line is an error, never skipped
            raise ValueError(f"{path}:{n}: not a written sentence ({exc})") from exc
    return rows


def load_model() -> PoliceModel | None:
    path = package_files.files("dateline") / "data" / "police_model.json"
    if not path.is_file():
        return None
    return PoliceModel.from_json(json.loads(path.read_text("utf-8")))


def police_model(resources: Resources) -> PoliceModel | None:
    """The shipped model, once per ``Resources`` (None: the rules alone)."""
    return resources.memo(MEMO_KEY, load_model)


def use_model(resources: Resources, model: PoliceModel | None) -> None:
    """Put ``model`` (or None: the rules alone) in ``resources`` in place of the shipped one (the
    cross-validation runs each fold's model over cached annotations)."""
    with resources._lock:
        resources._memo[MEMO_KEY] = model


def kind_probability(probs: dict[str, float], kind: str) -> float | None:
    """The model's probability that a rule candidate of ``kind`` is the police's action."""
    if kind == "arrest":
        return probs["ARREST"]
    return max(probs["FORCE"], probs["KILL"]) if kind == "force" else None  # (seizures: not learned)


def _trigger(sent, label: str, model: PoliceModel):
    """The sentence's word the label's weights point at most (the record's trigger evidence)."""
    tokens = [t for t in sent if t.is_alpha and not t.is_stop] or list(sent)
    return max(tokens, key=lambda t: model.word_score(t.lower_, label))


def with_model(sent, actions: list[PoliceAction], model: PoliceModel) -> tuple[list, list[tuple]]:
    """(the actions to code, the vetoed rule candidates with the reason's detail): a rule candidate
    the model is confident is not the police's action is vetoed; a label the model is confident of
    that the rules did not find becomes an action at the word its weights point at."""
    probs = model.probs(sent.text)
    kept, vetoed = [], []
    for action in actions:
        p, t = kind_probability(probs, action.kind), model.veto.get(action.kind)
        if p is not None and t is not None and p < t:
            vetoed.append((action, f"police-action model: {action.kind} p={p:.2f} < {t:.2f}"))
        else:
            kept.append(action)
    kinds = {a.kind for a in actions}  # (a vetoed kind is not added back)
    for label in LABELS:
        t = model.add.get(label)
        if t is None or probs[label] < t:
            continue
        kind = KIND[label]
        if kind in kinds:
            if label == "KILL":  # the rules' use of force, with deaths the model reads
                for a in kept:
                    a.deaths = a.deaths or a.kind == "force"
            continue
        anchor = _trigger(sent, label, model)
        police = police_doer(anchor) or next((t for t in sent if t.lower_ in POLICE), None)
        crowd, protest = _crowd(sent)
        deaths = label == "KILL" or any(t.lemma_.lower() in DEATH_WORDS for t in sent)
        kept.append(PoliceAction(kind, anchor, police, crowd, protest, deaths and kind == "force"))
        kinds.add(kind)
    return kept, vetoed
