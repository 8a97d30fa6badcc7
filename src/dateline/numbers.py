"""Number words, shared by the temporal tagger and the fatality counter."""

from __future__ import annotations

SMALL = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
WORDNUM = (
    {w: i for i, w in enumerate(SMALL)}
    | TENS
    | {
        "a": 1,
        "an": 1,
        "one": 1,
        "single": 1,
        "a dozen": 12,
        "dozen": 12,
        "a hundred": 100,
        "hundred": 100,
        "a couple of": 2,
        "a couple": 2,
        "couple of": 2,
    }
)
