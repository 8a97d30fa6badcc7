"""The committed page bundle (src/dateline/serve/static) is what web/ builds today."""

from __future__ import annotations

import filecmp
import shutil
import subprocess
from pathlib import Path

import pytest
from e2e_support import WEB

from dateline.serve.app import STATIC


def test_committed_bundle_is_current(tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None or not (WEB / "node_modules" / "esbuild").is_dir():
        pytest.skip("node or web/node_modules missing: run (cd web && npm ci)")
    out = tmp_path / "static"
    subprocess.run([node, "build.mjs", str(out)], cwd=WEB, check=True, capture_output=True, timeout=120)
    built = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    committed = sorted(p.relative_to(STATIC).as_posix() for p in STATIC.rglob("*") if p.is_file())
    assert built == committed, "rebuild: (cd web && npm run build)"
    stale = [name for name in built if not filecmp.cmp(out / name, STATIC / name, shallow=False)]
    assert not stale, f"stale bundle files {stale}: rebuild with (cd web && npm run build)"
