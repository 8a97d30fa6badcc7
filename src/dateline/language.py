"""Which language an article is in: py3langid (langid.py's model, shipped inside the wheel, so
nothing is downloaded at run time; BSD licence; ~0.5 s to load, well under a millisecond per
article). ``Resources.memo`` keeps one identifier per ``Resources``.

Only a sure answer counts: enough letters and a clear probability. A short or ambiguous text
(a headline, a list of names, mixed languages) is taken to be English and goes on.
"""

from __future__ import annotations

from dataclasses import dataclass

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


def load_identifier():  # -> py3langid.langid.LanguageIdentifier
    """A new identifier with normalised probabilities (``Resources`` keeps one)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


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
