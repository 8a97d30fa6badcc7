"""The READ / CHECK rule is written once (``evaluate/halves.py``) and every user takes it from there."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from dateline.evaluate import protest
from dateline.evaluate.halves import half

ROOT = Path(__file__).resolve().parent.parent


def test_the_rule_is_the_parity_of_the_first_hex_digit_of_the_sha1() -> None:
    assert half("a") == "READ" and half("d") == "CHECK"  # sha1: 86f7…, 3c36…
    for ident in ("doc-1", "k16-04", "tgo-nagbeni", "12345"):
        even = int(hashlib.sha1(ident.encode()).hexdigest()[0], 16) % 2 == 0
        assert half(ident) == ("READ" if even else "CHECK")
    assert half(12) == half("12")  # type: ignore[arg-type]  # report ids may come as numbers


def test_every_user_takes_the_one_rule() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import eval_halves
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    assert eval_halves.half is half
    assert all(protest.half(i) == half(i).lower() for i in ("a", "d", "x", "y"))
    for path in [*ROOT.glob("scripts/*.py"), *ROOT.glob("bench/*.py"), *ROOT.glob("src/dateline/**/*.py")]:
        if path.name != "halves.py":
            assert "hexdigest()[0], 16) % 2" not in path.read_text(encoding="utf-8"), path
