"""Where ``dateline eval TASK`` finds its data when it is given no path: the dev data in
``../shared`` (only in the Dateline workplace; copyrighted, never committed), then the gold the
team wrote for Dateline, committed in ``tests/resources/gold/TASK`` (every checkout has it).
The committed gold is scored last, so the last, machine-readable line is its held-out figure.
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[3]  # the checkout, when run from one
COMMITTED = Path("tests") / "resources" / "gold"


def _bases() -> list[Path]:
    return [REPO, Path.cwd()]


def committed(task: str, pattern: str) -> list[Path]:
    """The committed gold files of ``task`` matching ``pattern`` (empty outside a checkout)."""
    for base in _bases():
        folder = base / COMMITTED / task
        if folder.is_dir():
            return sorted(folder.glob(pattern))
    return []


def shared(*names: str) -> list[Path]:
    """The paths under ``../shared/data`` that exist, in the order given."""
    for base in _bases():
        data = base.parent / "shared" / "data"
        if data.is_dir():
            return [data / name for name in names if (data / name).exists()]
    return []


def default_paths(task: str, pattern: str, *shared_names: str) -> list[Path]:
    """The shared dev data that exists, then the committed gold: held-out figures print last."""
    return shared(*shared_names) + committed(task, pattern)


def default_folders(task: str, pattern: str, *shared_names: str) -> list[Path]:
    """As :func:`default_paths`, for corpora scored a folder at a time: the shared dev folders that
    exist, then the committed gold's folder (when it holds files matching ``pattern``)."""
    return shared(*shared_names) + [p.parent for p in committed(task, pattern)[:1]]
