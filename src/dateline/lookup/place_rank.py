"""The learned choice among a toponym's gazetteer candidates: a conditional logit (softmax over
the candidates of one name in one article) over features of each candidate.

Candidates and the facts the text states about them come from ``places.rule_tables`` (the hand
rules' candidate generation, unchanged); this module adds what needs the whole article (the other
names' candidates: same country, same admin1 area, distance to them and to the article's centre)
and the candidate's own priors (population and its rank among the namesakes, feature kind,
capital). Weights are learned by ``scripts/train_place_ranker.py`` on the gold of TR-News and
GeoVirus with article-grouped cross-validation, and shipped as ``data/place_ranker.json``
(docs/gazetteer.md). No weight here is set by hand.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources as package_files
from typing import TYPE_CHECKING

import numpy as np

from .gazetteer import normalize

if TYPE_CHECKING:
    from .gazetteer import Entry
    from .places import Tables

MODEL_FILE = "place_ranker.json"
KINDS = ("country", "admin1", "admin2", "city", "region", "feature")
RULE_FEATURE = "rule_pick"  # the hand rules' choice, one feature (the model is reported without it too)
NEAR_KM = 400.0  # another name of the article has a candidate this close
BIG_CITY = 100_000  # an admin1 area named like a city this big among its namesakes (a feature)
OTHERS_KEPT = 5  # each other name's most likely candidates (exact match, then population) count
_LOG_MAX = math.log(20039.0)


@dataclass
class PlaceRanker:
    """A linear score per candidate; the highest-scoring candidate of a name is its place."""

    weights: dict[str, float]

    def score(self, features: dict[str, float]) -> float:
        return sum(self.weights.get(k, 0.0) * v for k, v in features.items())

    def to_json(self) -> dict:
        return {"weights": dict(sorted(self.weights.items()))}

    @classmethod
    def from_json(cls, raw: dict) -> PlaceRanker:
        return cls({k: float(v) for k, v in raw["weights"].items()})


@cache
def _shipped_text() -> str:
    # the shipped file's text, read once per process (a read-only shipped table, the one kind of
    # module-level memo allowed: docs/architecture.md); resolve_toponyms asks for it per article
    return (package_files.files("dateline") / "data" / MODEL_FILE).read_text("utf-8")


def shipped_ranker() -> PlaceRanker:
    """The shipped weights (a fresh ranker each call; the file is read once per process)."""
    return PlaceRanker.from_json(json.loads(_shipped_text()))


def _xyz(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    la, lo = np.radians(lat), np.radians(lon)
    return np.stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)], axis=-1)


def _km(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Great-circle km between every unit vector of ``a`` and every one of ``b``."""
    return 6371.0 * np.arccos(np.clip(a @ b.T, -1.0, 1.0))


def _likely(rows: list[list]) -> list[Entry]:
    """A name's most likely candidates without the rules: exact matches first, then population."""
    ranked = sorted(rows, key=lambda r: (r[2].get("match", 0.0) >= 0.99, r[0].population), reverse=True)
    return [r[0] for r in ranked[:OTHERS_KEPT]]


def candidate_features(tables: Tables) -> dict[str, list[tuple[Entry, dict[str, float]]]]:
    """Each name's candidates with their features, in the rules' table order."""
    likely = {k: _likely(list(t.values())) for k, t in tables.scored.items() if t}
    total = sum(tables.countries.values()) or 1.0
    out: dict[str, list[tuple[Entry, dict[str, float]]]] = {}
    for key, table in tables.scored.items():
        if not table:
            continue
        rows = list(table.values())
        others = [es for k, es in likely.items() if k != key]
        pts = _xyz(np.array([r[0].lat for r in rows]), np.array([r[0].lon for r in rows]))
        near, near_top, logdist = np.zeros(len(rows)), np.zeros(len(rows)), np.zeros(len(rows))
        centre_km = np.zeros(len(rows))
        if others:
            for es in others:
                km = _km(pts, _xyz(np.array([e.lat for e in es]), np.array([e.lon for e in es])))
                near += km.min(axis=1) < NEAR_KM
                near_top += km[:, 0] < NEAR_KM
                logdist += np.log1p(km.min(axis=1)) / _LOG_MAX
            anchors = _xyz(np.array([es[0].lat for es in others]), np.array([es[0].lon for es in others]))
            centre = anchors.mean(axis=0)
            norm = float(np.linalg.norm(centre))
            if norm > 1e-6:
                centre_km = _km(pts, (centre / norm)[None, :])[:, 0]
        top = max(r[0].population for r in rows)
        is_country_name = any(r[0].kind == "country" and r[2].get("match", 0.0) >= 1.0 for r in rows)
        big_city = {r[0].iso3 for r in rows if r[0].kind == "city" and r[0].population >= BIG_CITY}
        feats = []
        for i, (e, _, facts) in enumerate(rows):
            f = dict(facts)
            match = f.get("match", 1.0)
            pop = math.log10(e.population + 10) / 7.0
            f.update(
                match=match,
                exact=float(match >= 0.99),
                fuzzy=float(match < 0.9),
                log_pop_city=pop if e.kind in ("city", "admin2") else 0.0,
                log_pop_area=pop if e.kind not in ("city", "admin2") else 0.0,
                pop_top=float(e.population == top),
                pop_vs_top=math.log10((e.population + 10) / (top + 10)) / 7.0,
                supplement=float(e.geonameid is None),
                country_namesake=float(is_country_name and e.kind != "country"),
                country_named=float(e.iso3 in tables.named),
                country_focus=tables.countries.get(e.iso3, 0.0) / total if e.iso3 else 0.0,
                # the admin1 area named in the text, not by this very name ("New York" the city
                # is not in focus because "New York" also names the state)
                admin1_named=float(
                    bool(e.a1code)
                    and e.kind != "admin1"
                    and tables.admin1.get(e.a1code, 0) > 0
                    and normalize(e.admin1) != key
                ),
                others_same_country=_share(others, lambda o, e=e: bool(e.iso3) and o.iso3 == e.iso3),
                others_same_admin1=_share(others, lambda o, e=e: bool(e.a1code) and o.a1code == e.a1code),
                others_near=float(near[i]) / len(others) if others else 0.0,
                others_top_near=float(near_top[i]) / len(others) if others else 0.0,
                others_logdist=float(logdist[i]) / len(others) if others else 0.0,
                country_in_focus=float(bool(e.iso3) and tables.countries.get(e.iso3, 0) > 0),
                area_of_big_city=float(e.kind == "admin1" and e.iso3 in big_city),
                centre_far=math.log1p(float(centre_km[i])) / _LOG_MAX if others else 0.0,
            )
            f[f"kind_{e.kind}"] = 1.0
            f[RULE_FEATURE] = float(tables.picks.get(key) is e)
            feats.append((e, f))
        out[key] = feats
    return out


def _share(others: list[list[Entry]], same) -> float:
    return sum(any(same(o) for o in es) for es in others) / len(others) if others else 0.0


def rerank(tables: Tables, ranker: PlaceRanker) -> dict[str, Entry]:
    """The ranker's pick for each name (ties go to the rules' order of the table)."""
    if set(ranker.weights) <= {RULE_FEATURE} and ranker.weights.get(RULE_FEATURE, 0.0) > 0:
        return tables.picks  # the rules' choice: no features needed
    return {
        key: max(rows, key=lambda r: ranker.score(r[1]))[0]
        for key, rows in candidate_features(tables).items()
    }


def fit(
    groups: list[tuple[list[dict[str, float]], list[bool]]],
    l2: float = 1.0,
    steps: int = 600,
    drop: frozenset[str] = frozenset(),
    weights: list[float] | None = None,
) -> PlaceRanker:
    """Conditional logit by full-batch Adam (deterministic): maximise, over names, the log of the
    softmax mass on the candidates that are right (``groups``: (features, right?) of each
    candidate of one name; names with no right candidate teach nothing and are skipped).
    ``weights``: each name's weight (the same as repeating it that many times), e.g. the number of
    its mentions, so that the loss counts what acc@161 counts (every toponym, not every name)."""
    gw = [1.0] * len(groups) if weights is None else list(weights)
    kept = [i for i, (f, y) in enumerate(groups) if any(y) and len(f) > 1]
    groups, gw = [groups[i] for i in kept], [float(gw[i]) for i in kept]
    if not groups:
        return PlaceRanker({})
    names = sorted({k for fs, _ in groups for f in fs for k in f} - drop)
    index = {k: i for i, k in enumerate(names)}
    rows = [f for fs, _ in groups for f in fs]
    x = np.zeros((len(rows), len(names)))
    for i, f in enumerate(rows):
        for k, v in f.items():
            if k in index:
                x[i, index[k]] = v
    y = np.array([v for _, ys in groups for v in ys], dtype=float)
    starts = np.cumsum([0] + [len(fs) for fs, _ in groups[:-1]])
    gid = np.repeat(np.arange(len(groups)), [len(fs) for fs, _ in groups])
    w = np.zeros(len(names))
    m, v = np.zeros_like(w), np.zeros_like(w)
    wg = np.array(gw)[gid]
    n = max(1.0, sum(gw))
    for t in range(1, steps + 1):
        z = x @ w
        z -= np.maximum.reduceat(z, starts)[gid]
        ez = np.exp(z)
        p = ez / np.add.reduceat(ez, starts)[gid]
        q = ez * y / np.add.reduceat(ez * y, starts)[gid]
        grad = x.T @ ((p - q) * wg) / n + l2 * w / n
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad**2
        w -= 0.05 * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    return PlaceRanker({k: round(float(w[i]), 4) for k, i in index.items() if abs(w[i]) > 1e-4})
