"""The READ / CHECK halves of a dev set: the held-out discipline's one rule, written once.

When a change is made by reading dev errors, only the READ half's errors are read; the CHECK
half's aggregate figures say whether the change carries. A document (or incident) is READ when
the first hex digit of the SHA-1 of its id is even.
"""

from __future__ import annotations

import hashlib


def half(ident: str) -> str:
    """``"READ"`` or ``"CHECK"`` for the id ``ident``."""
    return "READ" if int(hashlib.sha1(str(ident).encode()).hexdigest()[0], 16) % 2 == 0 else "CHECK"
