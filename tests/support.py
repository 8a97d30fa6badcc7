"""Paths and helpers shared by the tests (fixtures live in conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
RESOURCES = Path(__file__).resolve().parent / "resources"
SHARED = ROOT.parent / "shared"


def sentence(nlp, text: str):
    return next(nlp(text).sents)


_SHARED: dict[str, Any] = {}


def shared_resources():  # -> dateline.resources.Resources
    """The suite's one Resources (lazy: a model loads when a test first needs it), so the suite
    loads each model once; the ``resources`` fixture returns it too."""
    if "resources" not in _SHARED:
        from dateline.resources import Resources

        _SHARED["resources"] = Resources()
    return _SHARED["resources"]
