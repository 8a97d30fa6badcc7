"""The dev article eval (``dateline eval articles --split dev``) split into the READ and CHECK
halves of the held-out discipline, for model files given on the command line, in one process.

    PYTHONPATH=src python scripts/eval_halves.py NAME=ACTOR.json,ROLES.json [NAME=...] [--explain DIR]

Each NAME runs the pipeline over the dev gold articles with that actor model
(``data/actor_model.json``'s format) and toll/place models (``data/role_models.json``'s); an
empty path keeps the shipped file. A document is READ when the first hex digit of the SHA-1 of
its id is even, else CHECK. Printed per NAME and half: the figures ``eval articles`` prints (a
JSON object per line). ``--explain DIR`` writes the READ half's errors only (DIR/NAME.txt): the
CHECK half is never explained.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
from pathlib import Path

from dateline.evaluate import articles
from dateline.evaluate.gold import committed
from dateline.evaluate.halves import half
from dateline.extract import actor_model, role_model
from dateline.resources import default_resources


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("variants", nargs="+", help="NAME=ACTOR_JSON,ROLES_JSON (empty path: the shipped file)")
    ap.add_argument("--explain", type=Path, help="write the READ half's errors to DIR/NAME.txt")
    args = ap.parse_args()
    lines = [
        (f, line)
        for f, line in articles.gold_lines(committed("articles", "*.jsonl"))
        if line.get("split", "dev") == "dev"
    ]
    pairs = articles.build_records(lines)
    resources = default_resources(None)
    for spec in args.variants:
        name, paths = spec.split("=", 1)
        actor_path, role_path = (paths.split(",") + [""])[:2]
        # the models are memos of the Resources: replace them (absent: the shipped file loads)
        resources._memo.pop("actor_models", None)
        resources._memo.pop("role_models", None)
        if actor_path:
            raw = json.loads(Path(actor_path).read_text("utf-8"))
            resources._memo["actor_models"] = actor_model.from_json(raw)
        if role_path:
            resources._memo["role_models"] = role_model.from_json(
                json.loads(Path(role_path).read_text("utf-8"))
            )
        with contextlib.redirect_stderr(io.StringIO()):
            scored = articles.score(pairs, resources)
        for which in ("READ", "CHECK", "ALL"):
            tally = articles.Tally()
            for s in scored:
                if which == "ALL" or half(s.doc) == which:
                    tally.add(s)
            print(name, which, json.dumps(tally.figures(), sort_keys=True), flush=True)
        if args.explain:
            buf = io.StringIO()
            with contextlib.redirect_stdout(buf):
                for s in scored:
                    if half(s.doc) == "READ":
                        articles.explain(s)
            args.explain.mkdir(parents=True, exist_ok=True)
            (args.explain / f"{name}.txt").write_text(buf.getvalue(), "utf-8")


if __name__ == "__main__":
    main()
