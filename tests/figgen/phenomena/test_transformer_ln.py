"""transformer-ln: at initialisation a Post-LN Transformer has its largest FFN gradients next to the output,
several times Pre-LN's there; Pre-LN's gradients do not grow towards the output (Xiong et al. 2020)."""

from __future__ import annotations

import math

import pytest

pytestmark = pytest.mark.slow


def test_transformer_ln(figure_data):
    data = figure_data("transformer-ln")
    series = {s["name"]: s for s in data["series"]}
    assert set(series) == {"post-ln", "pre-ln"}
    config = data["meta"]["config"]
    layers = config["layers"]
    assert layers >= 6 and config["seeds"] >= 3
    for s in series.values():
        assert s["x"] == list(range(1, layers + 1))
        assert all(y is not None and math.isfinite(y) and y > 0 for y in s["y"])
    post, pre = series["post-ln"]["y"], series["pre-ln"]["y"]
    # Post-LN: larger next to the output than next to the input, the largest in the upper half
    assert post[-1] / post[0] >= 1.2, post
    assert sum(post[-3:]) / sum(post[:3]) >= 1.2, post
    assert max(range(layers), key=lambda i: post[i]) >= layers // 2, post
    # Pre-LN: does not grow towards the output (it shrinks gently)
    assert pre[-1] / pre[0] <= 0.7, pre
    assert max(pre[layers // 2:]) <= max(pre[: layers // 2]), pre
    # next to the output, Post-LN's gradient is several times Pre-LN's
    assert post[-1] / pre[-1] >= 3, (post, pre)
    assert all(p > q for p, q in zip(post[1:], pre[1:]))
