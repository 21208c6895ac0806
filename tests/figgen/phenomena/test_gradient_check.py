"""gradient-check: the central-difference error is V-shaped in ε, and float32 cannot check gradients as finely as float64."""

from __future__ import annotations

import math

import pytest

pytestmark = pytest.mark.slow


def test_gradient_check(figure_data):
    data = figure_data("gradient-check")
    series = {s["name"]: s for s in data["series"]}
    assert set(series) == {"float64", "float32"}
    minima = {}
    for name, s in series.items():
        assert s["x"] == sorted(s["x"]) and s["x"][0] <= 1e-10 and s["x"][-1] >= 1e-1
        assert all(y is not None and math.isfinite(y) and 0 <= y <= 1 for y in s["y"])
        best = min(range(len(s["y"])), key=lambda i: s["y"][i])
        assert 0 < best < len(s["y"]) - 1, f"{name}: the minimum must be interior (a V), not at an end"
        assert s["y"][0] > 100 * s["y"][best] and s["y"][-1] > 100 * s["y"][best], name
        minima[name] = s["y"][best]
    assert minima["float64"] <= 1e-8, minima
    assert minima["float32"] / minima["float64"] >= 1e4, minima
    # truncation error is the same in both precisions: at the largest ε the two curves agree
    assert series["float32"]["y"][-1] == pytest.approx(series["float64"]["y"][-1], rel=0.05)
    # for tiny ε, float32 cannot even tell f(θ+ε) from f(θ−ε): the error is ~1
    assert series["float32"]["y"][0] > 0.5
