"""The fine-tuned event-typing classifier (all-mpnet-base-v2, ``classify``), an ONNX graph with
int8 weights (``data/event_model/``, scripts/finetune_event_model.py), run by onnxruntime on the CPU.

Its tokenizer (``data/mpnet/tokenizer.json``, Apache-2.0, from sentence-transformers/all-mpnet-base-v2)
is run by the ``tokenizers`` library. No torch, no model hub.

Sessions and tokenizers are loaded once per :class:`~dateline.resources.Resources` (its ``memo``),
with the config's ``embed_threads``; a call without one builds a ``Resources`` for that call.
"""

from __future__ import annotations

import os
from importlib import resources as package_files

import numpy as np

from ..resources import Resources

MAX_TOKENS = 256  # longer texts are cut here (the fine-tuning itself saw at most 128 tokens)
BATCH = 1  # one text per run, so that a text's probabilities never depend on its batch-mates


def _tokenizer(base: str):  # -> tokenizers.Tokenizer
    """The tokenizer shipped in ``data/BASE/tokenizer.json`` (mpnet: the all-mpnet-base-v2 one),
    truncating at MAX_TOKENS and padding to the longest text of a batch."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_str(
        (package_files.files("dateline") / "data" / base / "tokenizer.json").read_text("utf-8")
    )
    pad = tok.padding or {"pad_id": 0, "pad_token": "[PAD]"}
    tok.enable_truncation(MAX_TOKENS)
    tok.enable_padding(pad_id=pad["pad_id"], pad_token=pad["pad_token"])
    return tok


class Session:
    """An onnxruntime session with the external weight buffers it reads for as long as it lives."""

    def __init__(self, path: str, threads: int = 1) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        # one thread by default: batches run in a process pool (or on Dask workers), not in threads
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.weights: list = []
        weights = path.removesuffix(".onnx") + ".weights.npz"
        if os.path.exists(weights):
            names, self.weights = _int8_weights(weights)
            options.add_external_initializers(names, self.weights)
        self.session = ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])


def _session(path: str, resources: Resources):  # -> onnxruntime.InferenceSession
    """The session of the model at ``path``, one per Resources."""
    return resources.memo(("onnx", path), lambda: Session(path, resources.config.embed_threads)).session


def _int8_weights(path: str) -> tuple[list[str], list]:
    """The weights that a graph marks external, from ``NAME.weights.npz``: int8 values times their
    per-channel scale, as float32 (scripts/finetune_event_model.py, ``weight_only_int8``)."""
    import onnxruntime as ort

    names, values = [], []
    with np.load(path, allow_pickle=False) as z:
        for key in z.files:
            if key.endswith("::int8"):
                name = key.removesuffix("::int8")
                w = z[key].astype(np.float32) * z[f"{name}::scale"]
                names.append(name)
                values.append(ort.OrtValue.ortvalue_from_numpy(w))
    return names, values


def _run(path: str, texts: list[str], base: str, resources: Resources) -> np.ndarray:
    """The ONNX model's output over ``texts`` (tokenized for ``base``) in batches of similar
    length, rows in input order."""
    tok = resources.memo(("tokenizer", base), lambda: _tokenizer(base))
    session = _session(path, resources)
    inputs = {i.name for i in session.get_inputs()}
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # similar lengths pad less
    out: np.ndarray | None = None
    for start in range(0, len(order), BATCH):
        idx = order[start : start + BATCH]
        enc = tok.encode_batch([" ".join(texts[i].split()) for i in idx])
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        rows = session.run(None, {k: v for k, v in feed.items() if k in inputs})[0]
        if out is None:
            out = np.empty((len(texts), rows.shape[1]), dtype=np.float32)
        out[idx] = rows
    assert out is not None
    return out


def classify(path: str, texts: list[str], n_labels: int, base: str, resources: Resources) -> np.ndarray:
    """Probabilities from a fine-tuned classifier exported to ONNX (output: probabilities), whose
    texts are tokenized by ``data/BASE/tokenizer.json``."""
    if not texts:
        return np.zeros((0, n_labels), dtype=np.float32)
    return _run(path, texts, base, resources)
