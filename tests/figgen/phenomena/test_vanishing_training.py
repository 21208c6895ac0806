"""vanishing-training: the deep sigmoid net stalls at ln 10 and its input-side layers barely move; ReLU learns."""

from __future__ import annotations

import math

import pytest

pytestmark = pytest.mark.slow

NAMES = ("sigmoid", "tanh", "relu")


@pytest.fixture(scope="module")
def data(figure_data):
    return figure_data("vanishing-training")


def _series(data):
    return {s["name"]: s for s in data["series"]}


def _mean(values):
    return sum(values) / len(values)


def test_series_names_and_axes(data):
    s = _series(data)
    assert set(s) == set(NAMES) | {f"update-{name}" for name in NAMES}
    depth = data["meta"]["config"]["depth"]
    assert depth >= 16
    for name in NAMES:
        assert s[name]["x"] == s["sigmoid"]["x"] and len(s[name]["x"]) >= 20
        assert all(y is not None and math.isfinite(y) for y in s[name]["y"])
        assert s[f"update-{name}"]["x"] == list(range(1, depth + 1))
        assert all(y is not None and y > 0 for y in s[f"update-{name}"]["y"])


def test_sigmoid_stalls_while_relu_learns(data):
    s = _series(data)
    tail = {name: _mean(s[name]["y"][-8:]) for name in NAMES}
    head = {name: _mean(s[name]["y"][:3]) for name in NAMES}
    assert abs(tail["sigmoid"] - math.log(10)) < 0.1, tail   # stuck at the loss of guessing
    assert tail["relu"] < 0.35 * head["relu"], (head, tail)     # ReLU + He learns
    assert tail["relu"] < tail["sigmoid"] - 1.2, tail


def test_sigmoid_input_layers_barely_move(data):
    s = _series(data)
    sigmoid = s["update-sigmoid"]["y"]
    assert sigmoid[0] / sigmoid[-1] < 1e-5, sigmoid             # many orders of magnitude
    assert all(a < b for a, b in zip(sigmoid, sigmoid[1:])), "updates grow towards the output"
    relu = s["update-relu"]["y"]
    assert 0.1 < relu[0] / relu[-1] < 10, relu                   # ReLU + He: every layer moves alike
    assert sigmoid[0] < 1e-5 * relu[0]
