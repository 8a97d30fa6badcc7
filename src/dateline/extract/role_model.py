"""The learned toll and place choices: two logistic regressions over sparse binary features
(``candidates``), trained by ``scripts/train_role_models.py`` on the team-written passages in
``data/training/roles`` and shipped as JSON weights (``data/role_models.json``).

The model is loaded once per :class:`~dateline.resources.Resources` (its ``memo``).
"""

from __future__ import annotations

import json
import math
import random
import re
from dataclasses import dataclass
from importlib import resources as package_files

import numpy as np

from ..records import Fatalities
from ..resources import Resources
from .candidates import TollCandidate, toll_candidates
from .fatalities import speaks_of_death
from .toll_words import breakdown_total

MODEL_FILE = "role_models.json"
THRESHOLD = 0.5


@dataclass
class LogReg:
    weights: dict[str, float]
    bias: float = 0.0

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


@dataclass
class RoleModels:
    toll: LogReg
    place: LogReg


def fit(rows: list[dict[str, float]], labels: list[int], l2: float = 1.0, steps: int = 400) -> LogReg:
    """L2-regularised logistic regression by full-batch gradient descent (deterministic)."""
    names = sorted({k for r in rows for k in r})
    index = {k: i for i, k in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for i, r in enumerate(rows):
        for k, v in r.items():
            x[i, index[k]] = v
    y = np.asarray(labels, dtype=float)
    w, b = np.zeros(len(names)), 0.0
    lr = 0.5
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        grad = x.T @ (p - y) / len(y) + l2 * w / len(y)
        w -= lr * grad
        b -= lr * float(np.mean(p - y))
    return LogReg({k: round(float(w[i]), 4) for k, i in index.items() if abs(w[i]) > 1e-4}, round(b, 4))


def logregs_json(**models: LogReg) -> dict:
    """Named logistic regressions as the shipped JSON: each one's bias and sorted weights."""
    return {name: {"bias": m.bias, "weights": dict(sorted(m.weights.items()))} for name, m in models.items()}


def logreg_of(raw: dict) -> LogReg:
    """One logistic regression of ``logregs_json``'s output."""
    return LogReg(raw["weights"], raw["bias"])


def to_json(models: RoleModels) -> dict:
    return logregs_json(toll=models.toll, place=models.place)


def from_json(raw: dict) -> RoleModels:
    return RoleModels(logreg_of(raw["toll"]), logreg_of(raw["place"]))


def load_models(resources: Resources) -> RoleModels:
    """The shipped models, once per Resources."""

    def build() -> RoleModels:
        text = (package_files.files("dateline") / "data" / MODEL_FILE).read_text("utf-8")
        return from_json(json.loads(text))

    return resources.memo("role_models", build)


def accepted_tolls(sent, model: LogReg) -> list[TollCandidate]:
    """The sentence's counts that the model takes for the event's own dead."""
    return [c for c in toll_candidates(sent) if model.probability(c.features) >= THRESHOLD]


def learned_fatalities(sent, model: LogReg) -> Fatalities | None:
    """The deaths a sentence reports for its event: the accepted counts of distinct victim
    groups add up ("two soldiers and a civilian"); a range keeps its low and high."""
    if not speaks_of_death(sent):
        return None
    counts = accepted_tolls(sent, model)
    if not counts:
        return None
    tokens = sorted((t for c in counts for t in c.tokens), key=lambda t: t.i)
    span = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
    whole = breakdown_total([(c.value, c.victims) for c in counts])
    best = sum(c.value for c in counts) if whole is None else whole
    if len(counts) == 1:
        c = counts[0]
        return Fatalities(best, c.low, c.high, span, c.victims)
    return Fatalities(best, None, None, span, "+".join(sorted({c.victims or "?" for c in counts})))


_MARK = re.compile(r"\[([^\]]+)\]\{(\w+)\}")


def parse_markup(line: str) -> tuple[str, list[tuple[int, int, str]]]:
    """'[Russian drones]{a1} struck [Kharkiv]{place}' -> the plain text and its labelled spans."""
    text, spans, last = [], [], 0
    size = 0
    for m in _MARK.finditer(line):
        plain = line[last : m.start()]
        text.append(plain)
        size += len(plain)
        spans.append((size, size + len(m.group(1)), m.group(2)))
        text.append(m.group(1))
        size += len(m.group(1))
        last = m.end()
    text.append(line[last:])
    return "".join(text), spans


def markup_passages(directory) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """The training passages of ``directory``'s ``*.txt`` files (a training script's): one per
    line that is not blank or a ``#`` comment, parsed by ``parse_markup``."""
    out = []
    for path in sorted(directory.glob("*.txt")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                out.append(parse_markup(line.strip()))
    return out


def passage_folds(n: int, folds: int, seed: int) -> dict[int, int]:
    """The cross-validation fold of each of ``n`` passages, from a seeded shuffle (deterministic)."""
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return {idx: k % folds for k, idx in enumerate(order)}
