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


def test_the_numbers_the_articles_quote(data):
    """problems/vanishing ("What it does: the layers near the input stop learning") quotes these values in both languages."""
    from pathlib import Path

    s = _series(data)
    config = data["meta"]["config"]
    quoted = []

    def sci(v: float, digits: int) -> str:  # 1.36e-09 -> "1.4 \times 10^{-9}"
        mantissa, exponent = f"{v:.{digits}e}".split("e")
        return rf"{mantissa} \times 10^{{{int(exponent)}}}"

    # the setup: 16 layers of width 64, learning rate 0.05, 240 steps, float64
    assert (config["depth"], config["width"], config["lr"], config["steps"], config["dtype"]) == (16, 64, 0.05, 240, "float64")
    quoted += ["16", "64", "0.05", "240", "float64"]
    # sigmoid: the loss stays at about 2.30 = ln 10 after the first few steps
    sigmoid = s["sigmoid"]
    assert f"{sigmoid['y'][-1]:.2f}" == f"{_mean(sigmoid['y'][-8:]):.2f}" == f"{math.log(10):.2f}" == "2.30"
    assert all(abs(y - math.log(10)) < 0.03 for x, y in zip(sigmoid["x"], sigmoid["y"]) if x >= 10)
    quoted += ["2.30", r"\ln 10 \approx 2.30"]
    # ReLU + He: 0.25 averaged over the last 8 records (about the last 40 steps)
    relu = s["relu"]
    assert relu["x"][-8] >= config["steps"] - 40
    assert f"{_mean(relu['y'][-8:]):.2f}" == "0.25", relu["y"][-8:]
    quoted += ["0.25", "40"]
    # update ratio in the sigmoid net: last layer 9e-4, layer 1 1e-12, i.e. 1.4e-9 as much
    update = s["update-sigmoid"]["y"]
    assert sci(update[-1], 0) == r"9 \times 10^{-4}", update[-1]
    assert sci(update[0], 0) == r"1 \times 10^{-12}", update[0]
    assert sci(update[0] / update[-1], 1) == r"1.4 \times 10^{-9}", update[0] / update[-1]
    quoted += [r"9 \times 10^{-4}", r"1 \times 10^{-12}", r"1.4 \times 10^{-9}"]
    # ReLU + He: every layer moves about alike (within a factor of 2 of layer 16)
    relu_update = s["update-relu"]["y"]
    assert all(0.5 < u / relu_update[-1] < 2 for u in relu_update), relu_update

    docs = Path(__file__).resolve().parents[3] / "docs" / "problems"
    for lang in ("ja", "en"):
        text = (docs / f"vanishing.{lang}.md").read_text(encoding="utf-8")
        assert '{{ figure("vanishing-training") }}' in text, lang
        for q in quoted:
            assert q in text, (lang, q)
