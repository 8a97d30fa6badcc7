from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
RESOURCES = Path(__file__).resolve().parent / "resources"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from dateline.annotate import build_nlp

    return build_nlp()


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "data").is_dir():
        pytest.skip(f"shared data not found at {SHARED} (only present in the Dateline workplace)")
    return SHARED


def sentence(nlp, text: str):
    return next(nlp(text).sents)
