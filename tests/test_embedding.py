"""The fine-tuned classifier (extract/embedding.py): the shipped MPNet graph through onnxruntime."""

from __future__ import annotations

import numpy as np
from support import shared_resources

from dateline.extract import embedding

SENTENCES = [
    "Warplanes bombed the market town at dawn, killing eleven people.",
    "Fighter jets struck the village before sunrise and eleven residents died.",
    "The central bank left its interest rate unchanged on Thursday.",
    "Thousands marched through the capital demanding the release of detained students.",
]


def test_fine_tuned_classifier_gives_one_distribution_per_text_whatever_its_batch() -> None:
    from dateline.extract import event_typing as et

    resources = shared_resources()
    ft = et.model(et.MEANING_MODEL["acled"], resources)
    assert ft.labels == et.model("acled.npz", resources).labels
    probs = ft.proba(SENTENCES, resources)
    assert probs.shape == (4, len(ft.labels))
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-4)
    assert np.array_equal(ft.proba(SENTENCES[:1], resources)[0], probs[0])  # batch-mates change nothing
    assert ft.labels[int(probs[0].argmax())] == "AIR_STRIKE"


def test_int8_weights_are_scaled_back_to_float32(tmp_path) -> None:
    q = np.array([[127, -64], [0, 1]], dtype=np.int8)
    scale = np.array([[0.5, 0.01]], dtype=np.float32)  # one scale per output column
    np.savez_compressed(tmp_path / "m.weights.npz", **{"w::int8": q, "w::scale": scale})
    names, values = embedding._int8_weights(str(tmp_path / "m.weights.npz"))
    assert names == ["w"]
    assert np.allclose(values[0].numpy(), [[63.5, -0.64], [0.0, 0.01]])
    assert values[0].numpy().dtype == np.float32


def test_shipped_classifier_weights_match_its_graph() -> None:
    from dateline.extract import event_typing as et

    path = et.model(et.MEANING_MODEL["acled"], shared_resources()).path
    with np.load(path.removesuffix(".onnx") + ".weights.npz") as z:
        ints = {k.removesuffix("::int8") for k in z.files if k.endswith("::int8")}
        scales = {k.removesuffix("::scale") for k in z.files if k.endswith("::scale")}
    assert ints == scales and len(ints) > 50
    session = embedding._session(
        path, shared_resources()
    )  # every external weight supplied, or onnxruntime refuses
    assert [i.name for i in session.get_inputs()] == ["input_ids", "attention_mask"]


def test_empty_and_overlong_input() -> None:
    from dateline.extract import event_typing as et

    resources = shared_resources()
    ft = et.model(et.MEANING_MODEL["acled"], resources)
    assert ft.proba([], resources).shape == (0, len(ft.labels))
    long = " ".join(["The shelling went on through the night."] * 200)  # cut at MAX_TOKENS
    assert ft.proba([long], resources).shape == (1, len(ft.labels))
