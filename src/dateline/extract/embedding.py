"""The fine-tuned event-typing classifier (all-mpnet-base-v2, ``classify``), an ONNX graph with
int8 weights (``data/event_model/``, scripts/finetune_event_model.py), run by onnxruntime on the CPU.

Its tokenizer (``data/mpnet/tokenizer.json``, Apache-2.0, from sentence-transformers/all-mpnet-base-v2)
is run by the ``tokenizers`` library. No torch, no model hub.

Sessions and tokenizers are loaded once per :class:`~dateline.resources.Resources` (its ``memo``),
with the config's ``embed_threads``; a call without one builds a ``Resources`` for that call.

The config's ``embed_precision`` says how the matrix products run. ``int8`` (the default): each
MatMul over shipped int8 weights becomes onnxruntime's ``MatMulNBits`` (8 bits, int8 compute),
fed the very same int8 weights and column scales, its input quantised per block of
``INT8_BLOCK`` values. The graph is rewritten when the session first opens (``_int8_graph``) and
kept in the cache folder (``int8_graph``: the same bytes at every start, ~1.5 s of CPU and the
``onnx`` import saved for every later process or worker; never shipped): ~1.7x less CPU than
float32, probabilities within ~0.03. The float weights the int8 graph still reads (the lookups
and the head) are kept in the cache folder too, decompressed, and memory-mapped (``float_weights``).
Per-tensor dynamic quantisation (the usual ``quantize_dynamic``) flipped a third of MPNet's
answers; the block scales keep them. ``float32``: the weights are scaled back to float32 and the
products run in float (the way before issue 13, kept for comparison: bench/bench_real_news.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
import warnings
import zipfile
from importlib import resources as package_files
from pathlib import Path

import numpy as np

from ..resources import Resources

MAX_TOKENS = 256  # longer texts are cut here (the fine-tuning itself saw at most 128 tokens)
BATCH = 1  # one text per run, so that a text's probabilities never depend on its batch-mates
# int8 compute: one activation scale per block of this many inputs of a product (a power of 2 that
# divides 768 and 3072). Smaller blocks follow the float32 answers more closely and cost more CPU:
# on real news 32 -> 0.72x the float32 CPU time, 128 -> 0.57x, 256 -> 0.52x (docs: event-typing.md).
INT8_BLOCK = 128


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

    def __init__(
        self, path: str, threads: int = 1, precision: str = "int8", cache: Path | None = None
    ) -> None:
        self.cache = cache
        self.weights: list = []
        self.int8_products = 0  # MatMuls run in int8 (0: everything in float32)
        weights = path.removesuffix(".onnx") + ".weights.npz"
        if precision == "int8" and os.path.exists(weights):
            try:
                self.session = self._open(path, threads, weights, int8=True)
                return
            except Exception as error:  # noqa: BLE001 - onnxruntime raises its own classes
                # pyproject allows onnxruntime >= 1.20; one without 8-bit MatMulNBits refuses the
                # graph: the float32 way gives the same labels, only slower
                warnings.warn(f"{path}: int8 products refused ({error}); using float32", stacklevel=2)
                self.weights, self.int8_products = [], 0
        self.session = self._open(path, threads, weights, int8=False)

    def _open(self, path: str, threads: int, weights: str, int8: bool):  # -> ort.InferenceSession
        import onnxruntime as ort

        options = ort.SessionOptions()
        # one thread by default: batches run in a process pool (or on Dask workers), not in threads
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        model: str | bytes = path
        if os.path.exists(weights):
            quantised: set[str] = set()
            if int8:
                model, quantised = int8_graph(path, weights, self.cache)
                self.int8_products = len(quantised)
            # the int8 way's few float weights (the lookups, ~95 MB) are kept decompressed in the
            # cache; float32 (a comparison mode) scales all ~400 MB of them back at every start
            names, self.weights = _int8_weights(weights, skip=quantised, cache=self.cache if int8 else None)
            options.add_external_initializers(names, self.weights)
        return ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])


def _session_of(path: str, resources: Resources) -> Session:
    """The :class:`Session` of the model at ``path``, one per Resources (and precision)."""
    config = resources.config
    return resources.memo(
        ("onnx", path, config.embed_precision),
        lambda: Session(path, config.embed_threads, config.embed_precision, config.cache_dir),
    )


def _session(path: str, resources: Resources):  # -> onnxruntime.InferenceSession
    """The onnxruntime session of the model at ``path``, one per Resources."""
    return _session_of(path, resources).session


def _int8_weights(
    path: str, skip: set[str] | frozenset[str] = frozenset(), cache: Path | None = None
) -> tuple[list[str], list]:
    """The weights that a graph marks external, from ``NAME.weights.npz``: int8 values times their
    per-channel scale, as float32 (scripts/finetune_event_model.py, ``weight_only_int8``); the
    names in ``skip`` (already in the graph as int8) are left out. With a ``cache`` folder they
    are read from there (``float_weights``)."""
    import onnxruntime as ort

    arrays = float_weights(path, skip, cache) if cache is not None else _scaled(path, skip)
    # an OrtValue over a NumPy array reads its buffer in place (and keeps the array alive)
    return list(arrays), [ort.OrtValue.ortvalue_from_numpy(a) for a in arrays.values()]


def _scaled(path: str, skip: set[str] | frozenset[str]) -> dict[str, np.ndarray]:
    """``_int8_weights``' arrays, decompressed from the npz and scaled back to float32."""
    out = {}
    with np.load(path, allow_pickle=False) as z:
        for key in z.files:
            if key.endswith("::int8") and key.removesuffix("::int8") not in skip:
                name = key.removesuffix("::int8")
                out[name] = z[key].astype(np.float32) * z[f"{name}::scale"]
    return out


def float_weights(path: str, skip: set[str] | frozenset[str], cache: Path) -> dict[str, np.ndarray]:
    """``_scaled(path, skip)``, kept in ``cache`` as one flat float32 ``.npy`` and the arrays'
    names and shapes (``.json``), and memory-mapped from there read-only: inflating the npz's
    word embeddings and scaling them cost ~0.4 s of CPU at every start (each pool worker too),
    and the pages of a mapped file are shared by the workers instead of ~95 MB each. Named by
    a digest of the weights' zip directory (``weights_key``) and of ``skip``, written atomically (names first);
    a damaged or half-read file is built again, a folder that cannot be written costs the time."""
    digest = hashlib.sha256(f"{weights_key(path)}:{sorted(skip)}".encode())
    stem = cache / f"float-weights-{Path(path).name.split('.')[0]}-{digest.hexdigest()[:16]}"
    flat, index = stem.with_suffix(".npy"), stem.with_suffix(".json")
    try:
        if flat.is_file():
            arrays = _mapped(flat, json.loads(index.read_text()))
            _touch(flat, index)
            return arrays
    except Exception:  # noqa: BLE001 — any damage (an empty file is numpy's EOFError): built again below
        pass
    arrays = _scaled(path, skip)
    if not arrays:  # every weight quantised: nothing to keep
        return arrays
    shapes = [[name, list(a.shape)] for name, a in arrays.items()]
    try:
        cache.mkdir(parents=True, exist_ok=True)
        _write(index, lambda handle: handle.write(json.dumps(shapes).encode()))
        _write(flat, lambda handle: np.save(handle, np.concatenate([a.reshape(-1) for a in arrays.values()])))
        _drop_stale(cache, "float-weights-" + Path(path).name.split(".")[0], stem)
    except OSError as error:
        warnings.warn(f"{stem}: the model's float weights are not cached ({error})", stacklevel=2)
    return arrays


def _mapped(flat: Path, shapes: list) -> dict[str, np.ndarray]:
    """The arrays of ``shapes`` ([name, shape] pairs), in order, from the flat ``.npy`` at
    ``flat``, mapped read-only; ValueError when the file is not exactly them."""
    values = np.load(flat, mmap_mode="r", allow_pickle=False)
    sizes = [int(np.prod(shape, dtype=np.int64)) for _, shape in shapes]
    if values.dtype != np.float32 or values.ndim != 1 or values.size != sum(sizes) or not shapes:
        raise ValueError(f"{flat}: not the float weights of its index")
    out, start = {}, 0
    for (name, shape), size in zip(shapes, sizes, strict=True):
        out[str(name)] = values[start : start + size].reshape(shape)
        start += size
    return out


def int8_graph(path: str, weights: str, cache: Path | None) -> tuple[str | bytes, set[str]]:
    """``_int8_graph`` of the model, read from ``cache`` when it was written there before (the
    file's name carries a digest of the graph, its weights' zip directory, the block and onnxruntime's version,
    so a retrained model or another runtime never reads a stale graph); written there after it is
    built, atomically, so workers starting together never read half a file; the graphs of other
    versions of the model untouched for a day are deleted (``_drop_stale``). A cache that cannot
    be written (read-only home) only costs the rewrite at every start."""
    import onnxruntime as ort

    if cache is None:
        return _int8_graph(path, weights)
    digest = hashlib.sha256(f"{INT8_BLOCK}:{ort.__version__}".encode())
    with open(path, "rb") as f:  # the graph itself (~0.7 MB)
        digest.update(hashlib.file_digest(f, "sha256").digest())
    # the weights (~97 MB) by their zip directory's names, sizes and CRCs (``weights_key``)
    digest.update(weights_key(weights).encode())
    stem = cache / f"int8-graph-{Path(path).stem}-{digest.hexdigest()[:16]}"
    graph, names = stem.with_suffix(".onnx"), stem.with_suffix(".json")
    try:
        if graph.is_file():
            done = set(json.loads(names.read_text()))
            _touch(graph, names)
            return str(graph), done
    except (OSError, ValueError):
        pass  # removed or half-written meanwhile: built again below
    model, done = _int8_graph(path, weights)
    try:
        cache.mkdir(parents=True, exist_ok=True)
        # the names first: a graph file is only ever seen with its names beside it
        for target, data in ((names, json.dumps(sorted(done)).encode()), (graph, model)):
            _write(target, lambda handle, data=data: handle.write(data))
        _drop_stale(cache, "int8-graph-" + Path(path).stem, stem)
    except OSError as error:
        warnings.warn(f"{stem}: the int8 graph is not cached ({error})", stacklevel=2)
    return model, done


STALE_AFTER_S = 86_400


def weights_key(path: str) -> str:
    """What identifies an npz's content: its members' names, sizes and CRC-32s, read from the zip's
    central directory (~3 ms for ~150 members; hashing the ~97 MB cost ~0.2 s at every start). A
    file's size and time did not: a copy that keeps times (``cp -p``, rsync, image layers) can
    change the weights under the same pair, and every checkout's new time rebuilt the cache."""
    with zipfile.ZipFile(path) as z:
        return ";".join(f"{i.filename}:{i.file_size}:{i.CRC}" for i in z.infolist())


def _write(target: Path, write) -> None:
    """``write(handle)`` into a temporary file beside ``target`` (``_part``), synced to disk, then
    renamed onto ``target``: readers never see half a file, and a crash after the rename never
    leaves an empty one under the name. The temporary file is removed when writing fails."""
    partial = _part(target)
    try:
        with partial.open("wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(target)
    except OSError:
        partial.unlink(missing_ok=True)
        raise


def _part(target: Path) -> Path:
    """A temporary name beside ``target`` no other writer uses: two containers sharing the cache
    both run as pid 1, so the pid alone let one truncate the file the other was writing."""
    return target.with_name(f"{target.name}.{os.getpid()}.{uuid.uuid4().hex[:12]}.part")


def _touch(*paths: Path) -> None:
    """Mark cached files as used (mapping a file never changes its time): ``_drop_stale`` deletes
    only what no checkout has used for a day."""
    for path in paths:
        try:
            os.utime(path)
        except OSError:
            pass  # a read-only cache: it is only cleaned less well


def _drop_stale(cache: Path, prefix: str, keep: Path) -> None:
    """Delete the cached files of ``prefix`` (``int8-graph-MODEL``, ~85 MB each; ``float-weights-MODEL``,
    ~95 MB) of other versions of the model untouched for a day: a retrained model's old graph goes,
    while two checkouts sharing the folder do not delete the graph the other has just written (or is
    opening)."""
    import time

    for stale in cache.glob(f"{prefix}-*"):
        # a ``.part`` is a writer's temporary file: one older than a day was left by a killed writer
        if stale.suffix not in {".onnx", ".json", ".npy", ".part"} or stale.with_suffix("") == keep:
            continue
        try:
            if time.time() - stale.stat().st_mtime > STALE_AFTER_S:
                stale.unlink(missing_ok=True)
        except OSError:
            pass  # already gone


def _int8_graph(path: str, weights: str, block: int = INT8_BLOCK) -> tuple[bytes, set[str]]:
    """The graph at ``path`` (serialised) with each MatMul over an external int8 weight of
    ``weights`` turned into ``MatMulNBits`` (com.microsoft, bits 8, accuracy_level 4: int8
    products), and the names of those weights. The weights are the shipped int8 values shifted
    to uint8 (MatMulNBits' default zero point is 128) in its [N, K/block, block] layout, each
    block's scale its column's scale, so the weights are exactly the shipped ones; only the
    activations are rounded (to int8, one scale per block of ``block`` inputs)."""
    import onnx

    model = onnx.load_model(path, load_external_data=False)  # the weights come from ``weights``
    graph = model.graph
    external = {t.name for t in graph.initializer if t.data_location == onnx.TensorProto.EXTERNAL}
    done: set[str] = set()
    with np.load(weights, allow_pickle=False) as z:
        for node in graph.node:
            name = node.input[1] if node.op_type == "MatMul" and len(node.input) == 2 else ""
            if name not in external or f"{name}::int8" not in z.files:
                continue
            q, scale = z[f"{name}::int8"], z[f"{name}::scale"].astype(np.float32)
            k, n = q.shape
            if scale.shape != (1, n) or k % block:
                continue  # not a weight with one scale per output column: left to float32
            packed = (q.T.astype(np.int16) + 128).astype(np.uint8).reshape(n, k // block, block)
            scales = np.repeat(scale.reshape(n, 1), k // block, axis=1).reshape(-1)
            for suffix, array in (("::u8", packed), ("::scales", scales)):
                graph.initializer.append(onnx.numpy_helper.from_array(array, name + suffix))
            first = node.input[0]
            del node.input[:]
            node.input.extend([first, name + "::u8", name + "::scales"])
            node.op_type, node.domain = "MatMulNBits", "com.microsoft"
            for key, value in (("K", k), ("N", n), ("bits", 8), ("block_size", block), ("accuracy_level", 4)):
                node.attribute.append(onnx.helper.make_attribute(key, value))
            done.add(name)
    kept = [t for t in graph.initializer if t.name not in done]
    del graph.initializer[:]
    graph.initializer.extend(kept)
    if done and not any(o.domain == "com.microsoft" for o in model.opset_import):
        model.opset_import.add(domain="com.microsoft", version=1)
    return model.SerializeToString(), done


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
