"""The event-typing encoder's int8 path (extract/embedding.py, config ``embed_precision``): the
shipped graph is rewritten in memory so that its weight products run in int8 on the very same
int8 weights; the session is built once per Resources; its answers are the float32 ones within
the documented tolerance. No timing here (bench/bench_real_news.py --compare measures it)."""

from __future__ import annotations

import os
from dataclasses import replace

import numpy as np
import onnx
import pytest
from support import shared_resources

from dateline.extract import embedding
from dateline.extract import event_typing as et
from dateline.resources import Resources

# made-up snippets of the kinds the pipeline types (none from a gold file)
SNIPPETS = [
    "Gunmen on motorbikes stormed a village market on Sunday and shot dead nine traders.",
    "A drone strike hit a fuel depot on the outskirts of the port city overnight.",
    "Hundreds of nurses marched to the health ministry demanding unpaid wages; police fired tear gas.",
    "Rebels said they had seized the border town after two days of fighting with the army.",
    "A roadside bomb struck a bus carrying miners, wounding fourteen of them.",
    "Police arrested six men suspected of smuggling weapons across the river.",
    "Flooding after three days of rain destroyed hundreds of homes in the delta.",
    "The two ministers signed a deal on grain exports during a visit to the capital.",
]
TOLERANCE = 0.05  # docs: probabilities within ~0.03 of float32 on real news


def _paths() -> tuple[str, str]:
    path = et.model(et.MEANING_MODEL["acled"], shared_resources()).path
    return path, path.removesuffix(".onnx") + ".weights.npz"


def _float32() -> Resources:
    return Resources(replace(shared_resources().config, embed_precision="float32"))


def test_every_weight_product_is_rewritten_and_lookups_stay_float() -> None:
    path, weights = _paths()
    graph, done = embedding._int8_graph(path, weights)
    model = onnx.load_model_from_string(graph)
    nodes = model.graph.node
    assert sum(n.op_type == "MatMulNBits" for n in nodes) == len(done) > 50
    assert not any(n.op_type == "MatMul" and n.input[1] in done for n in nodes)
    assert not {"encoder.embeddings.word_embeddings.weight", "head.weight"} & done  # lookups, the head
    names = {t.name for t in model.graph.initializer}
    assert not done & names  # the float weights are gone from the graph, their int8 form is in
    for node in (n for n in nodes if n.op_type == "MatMulNBits"):
        attrs = {a.name: a.i for a in node.attribute}
        assert attrs["bits"] == 8 and attrs["accuracy_level"] == 4
        assert attrs["block_size"] == embedding.INT8_BLOCK and attrs["K"] % embedding.INT8_BLOCK == 0
        assert node.domain == "com.microsoft" and node.input[1] in names
    assert any(o.domain == "com.microsoft" for o in model.opset_import)


def test_rewritten_weights_are_exactly_the_shipped_int8_ones() -> None:
    path, weights = _paths()
    model = onnx.load_model_from_string(embedding._int8_graph(path, weights, block=64)[0])
    tensors = {t.name: t for t in model.graph.initializer}
    node = next(n for n in model.graph.node if n.op_type == "MatMulNBits")
    name = node.input[1].removesuffix("::u8")
    with np.load(weights) as z:
        q, scale = z[f"{name}::int8"], z[f"{name}::scale"]
    k, n = q.shape
    packed = np.frombuffer(tensors[node.input[1]].raw_data, dtype=np.uint8)
    assert list(tensors[node.input[1]].dims) == [n, k // 64, 64]
    assert np.array_equal(packed.astype(np.int16).reshape(n, k) - 128, q.T)
    scales = np.frombuffer(tensors[node.input[2]].raw_data, dtype=np.float32).reshape(n, k // 64)
    assert np.array_equal(scales, np.repeat(scale.reshape(n, 1), k // 64, axis=1))


def test_session_is_built_once_per_resources_and_precision() -> None:
    path, _ = _paths()
    resources = shared_resources()
    assert resources.config.embed_precision == "int8"  # the default
    session = embedding._session_of(path, resources)
    assert session.int8_products > 50
    assert embedding._session_of(path, resources) is session  # reused, not rebuilt
    older = embedding._session_of(path, _float32())
    assert older is not session and older.int8_products == 0


def test_int8_answers_are_the_float32_ones() -> None:
    resources, older = shared_resources(), _float32()
    ft = et.model(et.MEANING_MODEL["acled"], resources)
    new, old = ft.proba(SNIPPETS, resources), ft.proba(SNIPPETS, older)
    assert np.abs(new - old).max() < TOLERANCE
    assert np.array_equal(new.argmax(axis=1), old.argmax(axis=1))
    typed, typed_old = (
        et.classify_many(SNIPPETS, resources=resources),
        et.classify_many(SNIPPETS, resources=older),
    )
    assert [code for code, _ in typed] == [code for code, _ in typed_old]
    assert all(abs(p - q) < TOLERANCE for (_, p), (_, q) in zip(typed, typed_old, strict=True))


def test_an_onnxruntime_that_refuses_the_int8_graph_falls_back_to_float32(monkeypatch) -> None:
    path, weights = _paths()
    graph, done = embedding._int8_graph(path, weights)
    unknown = graph.replace(b"MatMulNBits", b"MatMulNBitz")  # an operator this onnxruntime lacks
    monkeypatch.setattr(embedding, "_int8_graph", lambda *_: (unknown, done))
    with pytest.warns(UserWarning, match="using float32"):
        session = embedding.Session(path, precision="int8")
    assert session.int8_products == 0
    assert [i.name for i in session.session.get_inputs()] == ["input_ids", "attention_mask"]


def test_the_rewritten_graph_is_cached_and_gives_the_same_answers(tmp_path, monkeypatch) -> None:
    path, weights = _paths()
    first = embedding.Session(path, precision="int8", cache=tmp_path)
    cached = sorted(tmp_path.glob("int8-graph-*"))
    assert [p.suffix for p in cached] == [".json", ".onnx"]  # no partial file is left
    # a second process reads the file: the rewrite is not run again
    monkeypatch.setattr(embedding, "_int8_graph", lambda *_: pytest.fail("rewritten again"))
    second = embedding.Session(path, precision="int8", cache=tmp_path)
    assert second.int8_products == first.int8_products > 50
    tokenizer = embedding._tokenizer("mpnet")
    for text in SNIPPETS[:3]:
        ids = np.array([tokenizer.encode(text).ids], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
        a, b = (s.session.run(None, feed)[0] for s in (first, second))
        assert np.array_equal(a, b)


def test_a_changed_model_never_reads_a_stale_cached_graph(tmp_path) -> None:
    import shutil

    path, weights = _paths()
    embedding.int8_graph(path, weights, tmp_path)
    (old,) = tmp_path.glob("int8-graph-*.onnx")
    day_old = old.stat().st_mtime - embedding.STALE_AFTER_S - 60
    for f in tmp_path.glob("int8-graph-*"):  # written more than a day ago
        os.utime(f, (day_old, day_old))
    copy = tmp_path / "model" / "acled_mpnet.onnx"
    copy.parent.mkdir()
    model = onnx.load_model(path, load_external_data=False)
    model.doc_string += " retrained"  # another graph file: another digest in the cached file's name
    onnx.save_model(model, str(copy))
    shutil.copy(weights, copy.with_name("acled_mpnet.weights.npz"))
    embedding.int8_graph(str(copy), str(copy.with_name("acled_mpnet.weights.npz")), tmp_path)
    # the retrained model's graph replaces the older one's (the same model name), once it is a day old
    assert [p.name for p in tmp_path.glob("int8-graph-*.onnx")] != [old.name]
    assert len(list(tmp_path.glob("int8-graph-*.onnx"))) == 1
    assert len(list(tmp_path.glob("int8-graph-*.json"))) == 1
    assert not list(tmp_path.glob("*.part"))


def test_a_fresh_graph_of_another_version_is_kept(tmp_path) -> None:
    (tmp_path / "int8-graph-acled_mpnet-0123456789abcdef.onnx").write_bytes(b"other checkout")
    (tmp_path / "int8-graph-acled_mpnet-0123456789abcdef.json").write_text("[]")
    embedding.int8_graph(*_paths(), tmp_path)
    assert len(list(tmp_path.glob("int8-graph-*.onnx"))) == 2


def _small_npz(path, values: list[list[int]], scale: list[float]) -> str:
    """An invented two-weight npz in the shipped layout (int8 values, one scale per column)."""
    q = np.array(values, dtype=np.int8)
    np.savez_compressed(
        path,
        **{
            "w::int8": q,
            "w::scale": np.array([scale], dtype=np.float32),
            "v::int8": q.T.copy(),
            "v::scale": np.array([scale[:1] * q.shape[0]], dtype=np.float32),
        },
    )
    return str(path)


def test_float_weights_are_cached_once_and_mapped_after(tmp_path, monkeypatch) -> None:
    weights = _small_npz(tmp_path / "m.weights.npz", [[127, -64], [0, 1]], [0.5, 0.01])
    cache = tmp_path / "cache"
    first = embedding.float_weights(weights, frozenset(), cache)
    assert sorted(p.suffix for p in cache.iterdir()) == [".json", ".npy"]  # no partial file is left
    monkeypatch.setattr(embedding, "_scaled", lambda *_: pytest.fail("decompressed again"))
    second = embedding.float_weights(weights, frozenset(), cache)
    assert list(second) == list(first) == ["w", "v"]
    for name in first:
        assert second[name].dtype == np.float32 and not second[name].flags.writeable  # mapped
        assert np.array_equal(second[name], first[name])
    assert np.allclose(second["w"], [[63.5, -0.64], [0.0, 0.01]])


def test_changed_weights_or_skip_never_read_a_stale_cached_copy(tmp_path) -> None:
    weights = tmp_path / "m.weights.npz"
    cache = tmp_path / "cache"
    _small_npz(weights, [[1, 2], [3, 4]], [1.0, 1.0])
    assert list(embedding.float_weights(str(weights), frozenset({"v"}), cache)) == ["w"]
    assert list(embedding.float_weights(str(weights), frozenset(), cache)) == ["w", "v"]
    _small_npz(weights, [[5, 6], [7, 8]], [1.0, 1.0])  # retrained: another size or time
    later = os.stat(weights).st_mtime_ns + 10**9
    os.utime(weights, ns=(later, later))
    assert np.array_equal(embedding.float_weights(str(weights), frozenset(), cache)["w"], [[5, 6], [7, 8]])


def test_a_damaged_cached_copy_is_built_again(tmp_path) -> None:
    weights = _small_npz(tmp_path / "m.weights.npz", [[1, 2], [3, 4]], [1.0, 2.0])
    cache = tmp_path / "cache"
    expected = embedding.float_weights(weights, frozenset(), cache)
    (flat,) = cache.glob("*.npy")
    for damage in (flat.read_bytes()[:-4], b"not an array", b""):  # cut short, garbage, empty
        flat.write_bytes(damage)
        again = embedding.float_weights(weights, frozenset(), cache)
        assert all(np.array_equal(again[k], expected[k]) for k in expected)
        assert embedding.float_weights(weights, frozenset(), cache)["v"].flags.writeable is False


def test_a_cache_that_cannot_be_written_costs_only_the_time(tmp_path) -> None:
    weights = _small_npz(tmp_path / "m.weights.npz", [[1, 2], [3, 4]], [1.0, 2.0])
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would be")
    with pytest.warns(UserWarning, match="not cached"):
        got = embedding.float_weights(weights, frozenset(), blocked / "cache")
    assert np.array_equal(got["w"], [[1, 4], [3, 8]])


def test_the_mapped_float_weights_give_the_same_answers(tmp_path) -> None:
    path, _ = _paths()
    plain = embedding.Session(path, precision="int8")
    built = embedding.Session(path, precision="int8", cache=tmp_path)
    mapped = embedding.Session(path, precision="int8", cache=tmp_path)  # reads the cached copy
    assert len(list(tmp_path.glob("float-weights-*.npy"))) == 1
    tokenizer = embedding._tokenizer("mpnet")
    for text in SNIPPETS[:3]:
        ids = np.array([tokenizer.encode(text).ids], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
        a, b, c = (s.session.run(None, feed)[0] for s in (plain, built, mapped))
        assert np.array_equal(a, b) and np.array_equal(a, c)


def test_weights_changed_under_the_same_size_and_time_are_read_again(tmp_path) -> None:
    # a copy that keeps times (cp -p, rsync -a, image layers) can bring other weights of the same size
    weights = tmp_path / "m.weights.npz"
    cache = tmp_path / "cache"
    _small_npz(weights, [[1, 2], [3, 4]], [1.0, 1.0])
    stat = os.stat(weights)
    assert np.array_equal(embedding.float_weights(str(weights), frozenset(), cache)["w"], [[1, 2], [3, 4]])
    _small_npz(weights, [[4, 3], [2, 1]], [1.0, 1.0])
    assert os.stat(weights).st_size == stat.st_size
    os.utime(weights, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert np.array_equal(embedding.float_weights(str(weights), frozenset(), cache)["w"], [[4, 3], [2, 1]])


def test_the_same_weights_in_another_checkout_share_the_cached_copy(tmp_path) -> None:
    import shutil

    weights = _small_npz(tmp_path / "m.weights.npz", [[1, 2], [3, 4]], [1.0, 1.0])
    (tmp_path / "other").mkdir()
    copy = tmp_path / "other" / "m.weights.npz"
    shutil.copyfile(weights, copy)  # another time, the same content
    os.utime(copy, ns=(1, 1))
    cache = tmp_path / "cache"
    embedding.float_weights(weights, frozenset(), cache)
    embedding.float_weights(str(copy), frozenset(), cache)
    assert len(list(cache.glob("*.npy"))) == 1


def test_writers_never_share_a_temporary_name_and_old_ones_are_cleaned(tmp_path) -> None:
    target = tmp_path / "float-weights-m-0123.npy"
    assert embedding._part(target) != embedding._part(target)  # same pid, two writers
    left = tmp_path / "float-weights-m-0123.npy.1.abc.part"  # a killed writer's
    left.write_bytes(b"half")
    fresh = tmp_path / "float-weights-m-0123.npy.1.def.part"  # a writer at work
    fresh.write_bytes(b"half")
    day_old = left.stat().st_mtime - embedding.STALE_AFTER_S - 60
    os.utime(left, (day_old, day_old))
    embedding._drop_stale(tmp_path, "float-weights-m", tmp_path / "float-weights-m-9999")
    assert not left.exists() and fresh.exists()
