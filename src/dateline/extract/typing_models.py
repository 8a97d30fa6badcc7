"""The event-typing models' features and model files (``data/event_model/``), used by
``event_typing.py``: cue lexicons, TF-IDF features, and the two kinds of model (linear over
words, fine-tuned encoder run as ONNX). Each model is loaded once per
:class:`~dateline.resources.Resources` (``model``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources as package_files

import numpy as np

from ..resources import Resources

# Cue lexicons: each adds an "r:NAME" feature when one of its patterns matches (lower-cased text).
CUES: dict[str, str] = {
    "aircraft": r"(?<!anti-)\b(air ?strikes?|choppers?|bombers?|sorties|air[- ]?raids?|warplanes?|"
    r"(fighter )?jets?|drones?|aircraft|helicopters?|gunships?|bomber planes?|air force|aerial|uavs?|unmanned)\b",
    "suicide": r"\b(suicide|self-detonat\w*|blew (him|her|them)sel(f|ves) up|kill(ing|ed) (him|her|them)sel(f|ves)|"
    r"explosive (vest|belt)s?|martyrdom)\b",
    "chemical": r"\b(chemical|chlorine|sarin|mustard gas|nerve (agent|gas)|toxic gas|poison(ous)? gas|opcw)\b",
    "grenade": r"\bgrenades?\b",
    "ied": r"\b(ieds?|improvised explosive|roadside bomb|land ?mines?|car bomb|explosive device|"
    r"booby[- ]trap\w*|unexploded|magnetic bomb|sticky bomb)\b",
    "shelling": r"\b(shell(s|ed|ing)?|mortars?|artillery|rockets?|missiles?|katyushas?|howitzers?|grad)\b",
    "protest": r"\b(protest\w*|demonstrat\w*|rall(y|ies|ied)|march(ed|es|ers)?|sit-in|strike|strikers|"
    r"placards?|chant\w*)\b",
    "police": r"\b(police|policemen|riot|security forces|gendarm\w*|officers|troops|soldiers)\b",
    "disperse": r"\b(dispers\w*|tear ?gas|water cannons?|rubber bullets?|pepper spray|broke up|break up|"
    r"baton\w*|stun grenades?|(were|was|been) (arrested|detained)|(arrested|detained) (\d+|dozens|several|"
    r"hundreds|scores)|suppress\w*|chased|pushed back|blocked by)\b",
    "lethal": r"\b(live (ammunition|rounds|fire)|opened fire|shot dead|killed|killing|dead|died|fired on|"
    r"injur\w*|wounded|hurt|hospitali[sz]\w*|violently|brutal\w*|bloody|bloodshed)\b",
    "riot": r"\b(riot(ed|ing|ers?|s)?|(threw|throwing|hurl\w*|pelt\w*) \w+|stone-throwing|petrol bombs?|molotov|"
    r"torch\w*|set fire|ransack\w*|vandal\w*|loot\w*|burn(ed|ing|t) (tyres|tires|cars|vehicles)|barricades|"
    r"violent (protest|demonstration|clash)\w*|turned violent|clash(ed|es)?|scuffles?|rampage|unrest|"
    r"confront\w*|fireworks|smash\w*|stormed)\b",
    "mob": r"\b(mob|lynch\w*|vigilante\w*|angry crowd|communal|beat(en)? to death)\b",
    "rape": r"\b(rap(e|ed|es|ing|ists?)|sexual\w*|sexually)\b",
    "abduct": r"\b(kidnap\w*|abduct\w*|hostages?|disappear\w*|missing|captive|ransom)\b",
    "arrest": r"\b(arrest\w*|detain\w*|custody|apprehend\w*|rounded up)\b",
    "recapture": r"\b(recaptur\w*|retak\w*|retook|regain\w*|liberat\w*|took back|back under)\b",
    "capture": r"\b(seiz\w*|captur\w*|overr[au]n\w*|(took|taken|take|gained|gain|regained|seized) (full )?"
    r"(control|over)|fell to|fallen to|controlling|liberat\w*|recaptur\w*|retak\w*|retook|took back)\b",
    "govt": r"\b(army|government|troops|soldiers|military|regime|state forces|armed forces)\b",
    "rebel": r"\b(rebels?|militants?|insurgents?|jihadist\w*|militias?|fighters|guerrillas?|"
    r"islamic state|al-shabaab|boko haram|taliban|houthis?)\b",
    "agree": r"\b(agree\w*|deal|accord|ceasefire|truce|treaty|signed|pact|swap|exchange)\b",
    "defuse": r"\b(defus\w*|intercept\w*|foil\w*|thwart\w*|seized|cache|dismantl\w*|shot down|demin\w*)\b",
    "base": r"\b(bases?|headquarters|camps?|outposts?|command post|set up|established)\b",
    "disaster": r"\b(earthquake|quake|floods?|flooding|cyclone|typhoon|hurricane|storm|landslides?|"
    r"drought|tsunami|volcan\w*|wildfires?|lightning|heatwave|monsoon)\b",
    "accident": r"\b(accident\w*|fire broke|blaze|collaps\w*|derail\w*|capsiz\w*|crash\w*|leak\w*|"
    r"spill|explosion at|stampede|short circuit)\b",
    "crime": r"\b(robb\w*|gangs?|cartels?|drugs?|cocaine|heroin|traffick\w*|smuggl\w*|theft|thie\w*|"
    r"burglar\w*|mafia|extortion|narcotics?|criminal\w*)\b",
    "diplo": r"\b(diplomat\w*|ambassador\w*|embassy|sanctions?|summit|talks|visit\w*|foreign minister|"
    r"envoy|bilateral|counterpart|expel\w*)\b",
    "claim": r"\b(claimed responsibility|claim(ed)? (of )?responsibility|responsible for|behind the|"
    r"blamed|accused|denied (any )?involvement|took responsibility)\b",
}
_CUE_RES = {name: re.compile(pattern) for name, pattern in CUES.items()}
_WORD = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")


@lru_cache(maxsize=200_000)  # a pure function of the word: the same answer for every config
def _char_grams(word: str) -> tuple[str, ...]:
    padded = f" {word} "
    return tuple(f"c:{padded[i : i + n]}" for n in (3, 4, 5) for i in range(max(len(padded) - n + 1, 1)))


def _split_features(text: str) -> tuple[list[str], list[str]]:
    """(words, other features): each word stands for "w:word" plus its character n-grams."""
    low = " ".join(text.lower().split())
    words = _WORD.findall(low)
    other = [f"b:{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    cues = [name for name, rx in _CUE_RES.items() if rx.search(low)]
    other += [f"r:{c}" for c in cues]
    other += [f"r:{a}+{b}" for i, a in enumerate(cues) for b in cues[i + 1 :]]
    return words, other


def features(text: str) -> list[str]:
    """Feature strings of one snippet (the same function serves training and inference)."""
    words, other = _split_features(text)
    out = [f"w:{w}" for w in words]
    for w in words:
        out += _char_grams(w)
    return out + other


@dataclass
class LinearModel:
    """TF-IDF (sublinear tf, l2) + linear softmax classifier stored as plain arrays."""

    labels: list[str]
    vocab: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray  # (n_features, n_labels), float32
    intercept: np.ndarray
    _cache: dict[str, list[int]] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, name: str) -> LinearModel:
        ref = package_files.files("dateline") / "data" / "event_model" / name
        with ref.open("rb") as fh, np.load(fh, allow_pickle=False) as z:
            vocab = {f: i for i, f in enumerate(str(z["vocab"]).split("\n"))}
            return cls(
                [str(x) for x in z["labels"]],
                vocab,
                z["idf"].astype(np.float32),
                z["coef"].astype(np.float32),
                z["intercept"].astype(np.float32),
            )

    def _word_ids(self, word: str) -> list[int]:
        ids = self._cache.get(word)
        if ids is None:
            ids = [i for f in (f"w:{word}", *_char_grams(word)) if (i := self.vocab.get(f)) is not None]
            if len(self._cache) < 500_000:
                self._cache[word] = ids
        return ids

    def proba(self, texts: list[str]) -> np.ndarray:
        """Class probabilities, one row per text (softmax of the linear scores)."""
        scores = np.tile(self.intercept, (len(texts), 1))
        idx_parts, val_parts, rows = [], [], []
        for row, text in enumerate(texts):
            words, other = _split_features(text)
            counts: Counter[int] = Counter()
            for w in words:
                counts.update(self._word_ids(w))
            counts.update(i for f in other if (i := self.vocab.get(f)) is not None)
            if not counts:
                continue
            idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            vals = (
                1.0 + np.log(np.fromiter(counts.values(), dtype=np.float32, count=len(counts)))
            ) * self.idf[idx]
            idx_parts.append(idx)
            val_parts.append(vals / (np.linalg.norm(vals) or 1.0))
            rows.append(row)
        if rows:
            lengths = np.array([len(i) for i in idx_parts])
            contrib = self.coef[np.concatenate(idx_parts)] * np.concatenate(val_parts)[:, None]
            starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
            scores[rows] += np.add.reduceat(contrib, starts, axis=0)
        scores = np.exp(scores - scores.max(axis=1, keepdims=True))
        return scores / scores.sum(axis=1, keepdims=True)


@dataclass
class FineTunedModel:
    """A sentence encoder fine-tuned on the examples and exported to int8 ONNX
    (scripts/finetune_event_model.py), named ``TASK_BASE.onnx``: its labels are in the
    ``.labels.txt`` file beside it, its tokenizer in ``data/BASE/tokenizer.json``."""

    labels: list[str]
    path: str
    base: str = "mpnet"

    @classmethod
    def load(cls, name: str) -> FineTunedModel:
        folder = package_files.files("dateline") / "data" / "event_model"
        labels = (folder / name.replace(".onnx", ".labels.txt")).read_text("utf-8").split()
        return cls(labels, str(folder / name), name.removesuffix(".onnx").rsplit("_", 1)[-1])

    def proba(self, texts: list[str], resources: Resources) -> np.ndarray:
        from .embedding import classify

        return classify(self.path, texts, len(self.labels), self.base, resources)


def load_model(name: str) -> LinearModel | FineTunedModel:
    """The shipped model ``name`` read from ``data/event_model/`` (a new object on each call)."""
    return (FineTunedModel if name.endswith(".onnx") else LinearModel).load(name)


def model(name: str, resources: Resources) -> LinearModel | FineTunedModel:
    """The shipped model ``name`` (acled.npz or acled_mpnet.onnx), loaded once per Resources."""
    return resources.memo(("event_model", name), lambda: load_model(name))
