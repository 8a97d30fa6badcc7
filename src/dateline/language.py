"""Which language an article is in: py3langid (langid.py's model, shipped inside the wheel, so
nothing is downloaded at run time; BSD licence; well under a millisecond per article).
``Resources.memo`` keeps one identifier per ``Resources``. The wheel ships the model
LZMA-compressed, and decompressing it took 0.5-2 s at every process start (each pool worker
too): the plain arrays are kept in the cache folder, beside the gazetteer index, and read from
there in ~0.05 s.

Only a sure answer counts: enough letters and a clear probability. A short or ambiguous text
(a headline, a list of names, mixed languages) is taken to be English and goes on.
"""

from __future__ import annotations

import lzma
import os
import shutil
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

MEMO_KEY = "language_identifier"
MIN_LETTERS = 150  # about two sentences: below this the identifier guesses
MIN_PROBABILITY = 0.95


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1, e.g. "de"
    probability: float
    letters: int  # how many letters the guess is based on

    @property
    def sure(self) -> bool:
        return self.letters >= MIN_LETTERS and self.probability >= MIN_PROBABILITY


def load_identifier(cache: Path | None = None):  # -> py3langid.langid.LanguageIdentifier
    """A new identifier with normalised probabilities (``Resources`` keeps one), its model read
    from ``cache`` when given (written there the first time; a cache that cannot be written
    costs only the time, with a warning)."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    if cache is not None:
        try:
            return _from_plain(_plain_model(MODEL_DIR / MODEL_FILE, cache), LanguageIdentifier)
        except (OSError, ValueError, KeyError, ImportError, zipfile.BadZipFile) as error:
            # a folder that cannot be written, a damaged copy, a py3langid without its loader's
            # helper: the shipped model, read the slow way
            warnings.warn(f"{cache}: the language model is not cached ({error})", stacklevel=2)
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _plain_model(source: Path, cache: Path) -> Path:
    """The decompressed copy of ``source`` in ``cache``, named by its size and time (a new
    py3langid version writes a new copy)."""
    stat = source.stat()
    target = cache / f"langid-model-{stat.st_size}-{int(stat.st_mtime)}.npz"
    if not target.exists():
        cache.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
        with lzma.open(source) as src, partial.open("wb") as out:
            shutil.copyfileobj(src, out, length=1 << 20)
        partial.replace(target)  # atomic: a concurrent worker reads a whole file or writes its own
    return target


def _from_plain(path: Path, identifier_class):
    """The identifier py3langid's ``modelio.load_model`` builds, from the plain ``.npz``."""
    import numpy as np
    from py3langid.modelio import _to_array

    with np.load(path, allow_pickle=False) as data:
        return identifier_class(
            data["ptc"],
            data["pc"],
            data["classes"].tolist(),
            _to_array(data["nextmove"]),
            data["out_feat"].tolist(),
            norm_probs=True,
            tk_row=_to_array(data["nextmove_row"]),
        )


def identify(text: str, identifier) -> Language:
    """The language of ``text``. The identifier reads character n-grams: case does not matter
    much, but lower-cased English still scores as English."""
    letters = sum(1 for c in text if c.isalpha())
    code, probability = identifier.classify(text)
    return Language(str(code), float(probability), letters)


def foreign(text: str, identifier) -> Language | None:
    """The language of ``text`` when it is surely not English, else None."""
    found = identify(text, identifier)
    return found if found.code != "en" and found.sure else None
