"""Coded errors. Each code is documented in docs/errors.md (a test checks that)."""

from __future__ import annotations


class DatelineError(Exception):
    """An error with a stable code, e.g. ``E001``, and a one-line human message."""

    def __init__(self, code: str, message: str):
        super().__init__(f"[{code}] {message}")
        self.code = code
        self.message = message
