"""mixed-precision: vanishing input-side gradients underflow to 0 in float16; loss scaling keeps them."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_mixed_precision(figure_data):
    data = figure_data("mixed-precision")
    series = {s["name"]: s for s in data["series"]}
    assert set(series) == {"fp16", "fp16-scaled"}
    depth = data["meta"]["config"]["depth"]
    plain, scaled = series["fp16"]["y"], series["fp16-scaled"]["y"]
    for s in series.values():
        assert s["x"] == list(range(1, depth + 1))
        # a layer whose (scaled) gradient overflows float16 is stored as inf, i.e. null: there must be none
        assert all(y is not None and 0 <= y <= 1 for y in s["y"]), s
    assert plain[0] >= 0.5, plain            # most of layer 1's gradient is lost in float16
    assert scaled[0] <= plain[0] / 10, (plain, scaled)
    assert plain[-1] <= 0.05 and scaled[-1] <= 0.05, (plain, scaled)  # the output side barely loses anything
    assert all(s <= p for s, p in zip(scaled, plain))
