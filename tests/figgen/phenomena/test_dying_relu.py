"""Dying ReLU: with a large learning rate ReLU units die and stay dead; Leaky ReLU units recover."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_dying_relu(figure_data):
    data = figure_data("dying-relu")
    s = {series["name"]: series for series in data["series"]}
    assert set(s) == {"relu", "leaky-relu"}
    assert s["relu"]["x"] == s["leaky-relu"]["x"]
    relu, leaky = s["relu"]["y"], s["leaky-relu"]["y"]
    for ys in (relu, leaky):
        assert all(y is not None and 0.0 <= y <= 1.0 for y in ys)
    assert relu[0] < 0.1 and leaky[0] < 0.1           # almost nothing is dead at initialisation
    end_relu, end_leaky = sum(relu[-5:]) / 5, sum(leaky[-5:]) / 5  # the last 5 measurements
    # a large share of ReLU units dies ...
    assert end_relu >= 0.3 and relu[-1] >= 0.3, relu[-5:]
    # ... and stays dead: over the second half the fraction does not fall back
    half = len(relu) // 2
    assert end_relu >= relu[half] - 0.05
    assert min(relu[half:]) >= 0.8 * relu[half]
    # Leaky ReLU: far fewer all-negative units at the end, and fewer than at its own peak (they recover)
    assert end_relu >= 2.5 * end_leaky and end_relu - end_leaky >= 0.2, (end_relu, end_leaky)
    assert end_leaky <= 0.15
    assert end_leaky <= 0.75 * max(leaky)
