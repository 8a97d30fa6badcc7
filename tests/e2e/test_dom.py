"""The page's shared helpers have one copy each: ``esc``/``el`` in web/src/dom.js, the Chromium set-up
in web/e2e-common.mjs (a fix in one place then fixes every module); and ``esc`` escapes what HTML needs."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from e2e_support import WEB


def test_helpers_defined_once() -> None:
    for name in ("esc", "el"):  # a module-level definition (a local variable `el` is not a copy)
        pattern = rf"^(export\s+)?((const|let|var)\s+{name}\s*=|function\s+{name}\s*\()"
        where = sorted(p.name for p in (WEB / "src").glob("*.js") if re.search(pattern, p.read_text(), re.M))
        assert where == ["dom.js"], f"{name} defined in {where}"
    launches = sorted(p.name for p in WEB.glob("e2e*.mjs") if "launchPersistentContext" in p.read_text())
    assert launches == ["e2e-common.mjs"], launches


def test_esc_under_node() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    script = """
    import { esc } from './src/dom.js';
    console.log(JSON.stringify([esc('<a href="x">Tom & Jerry\\'s</a>'), esc(null), esc(undefined), esc(0)]));
    """
    proc = subprocess.run(
        [node, "--input-type=module", "-e", script], cwd=WEB, capture_output=True, text=True, timeout=30
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == [
        "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;",
        "",
        "",
        "0",
    ]
