"""The Dockerfile, checked offline (no Docker daemon or registry here): a Debian Python slim base of
a version pyproject.toml allows, the repository files its steps use exist and are not excluded by
.dockerignore, and its command is one `dateline` accepts: `serve` on every interface."""

from __future__ import annotations

import fnmatch
import re
import shlex
import tomllib
from pathlib import Path

from dateline.cli import build_parser

REPO = Path(__file__).resolve().parent.parent
DOCKERFILE = (REPO / "Dockerfile").read_text(encoding="utf-8")


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments), continuation lines joined, comments dropped."""
    text = re.sub(
        r"\\\n", " ", "\n".join(ln for ln in DOCKERFILE.splitlines() if not ln.lstrip().startswith("#"))
    )
    return [(ln.split(None, 1)[0].upper(), ln.split(None, 1)[1]) for ln in text.splitlines() if ln.strip()]


def ignored(path: str) -> bool:
    patterns = [
        p.strip()
        for p in (REPO / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if p.strip() and not p.startswith("#")
    ]
    parts = path.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    return any(fnmatch.fnmatch(pre, p.strip("/")) for p in patterns for pre in prefixes)


def test_base_is_a_debian_python_slim_the_project_supports() -> None:
    (base,) = [args for op, args in instructions() if op == "FROM"]
    m = re.fullmatch(r"python:(3\.\d+)-slim-(bookworm|trixie)", base)
    assert m, base
    need = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["requires-python"]
    assert need == ">=3.11" and tuple(map(int, m[1].split("."))) >= (3, 11)


def test_the_files_the_build_uses_exist_and_are_sent() -> None:
    run = " ".join(args for op, args in instructions() if op == "RUN")
    used = [
        "scripts/install",
        "pyproject.toml",
        "requirements.lock",
        "requirements-model.txt",
        "src/dateline",
    ]
    used += re.findall(r"\b(samples/[\w.-]+)", run)
    assert "./scripts/install" in run and len(used) > 5
    for path in [*used, "src/dateline/serve/static/app.js"]:
        assert (REPO / path).exists(), path
        assert not ignored(path), f".dockerignore drops {path}, which the build needs"
    assert ignored(".venv/bin/python") and ignored("dateline.db")  # what must not be sent


def test_the_command_is_dateline_serve_on_every_interface() -> None:
    ops = dict(instructions())
    entry, cmd = (
        shlex.split(ops["ENTRYPOINT"].strip("[]").replace(",", " ")),
        shlex.split(ops["CMD"].strip("[]").replace(",", " ")),
    )
    assert entry == ["dateline"]
    args = build_parser().parse_args(cmd)
    assert (args.command, args.host, args.port) == ("serve", "0.0.0.0", 8000)
    assert args.db.startswith("/data/") and '"/data"' in ops["VOLUME"]
    assert ops["EXPOSE"] == "8000" and ops["USER"] != "root"
