"""exploding-depth: with weights 1.5× the He scale the backpropagated gradient grows geometrically towards the
input of a deep ReLU MLP, and every weight gradient is orders of magnitude above He's; with He it stays level."""

from __future__ import annotations

import math

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def data(figure_data):
    return figure_data("exploding-depth")


def _series(data):
    return {s["name"]: s for s in data["series"]}


def test_series_names_and_axes(data):
    s = _series(data)
    assert set(s) == {"too-large", "he", "weight-too-large", "weight-he"}
    config = data["meta"]["config"]
    assert config["depth"] >= 20 and config["factor"] > 1 and len(config["seeds"]) >= 3
    for series in s.values():
        assert series["x"] == list(range(1, config["depth"] + 1))
        assert all(y is not None and 0 < y and math.isfinite(y) for y in series["y"])


def test_too_large_init_explodes_geometrically_towards_the_input(data):
    s = _series(data)
    factor = data["meta"]["config"]["factor"]
    too_large = s["too-large"]["y"]
    logs = [math.log10(y) for y in too_large]
    assert all(a > b for a, b in zip(logs, logs[1:])), "log-norm falls with the layer index"
    assert too_large[0] / too_large[-1] > 1e3, too_large
    steps = [a / b for a, b in zip(too_large, too_large[1:])]  # growth per layer, towards the input
    assert all(0.75 * factor < r < 1.3 * factor for r in steps), steps  # roughly constant: the init factor
    he = s["he"]["y"]
    assert 0.1 < he[0] / he[-1] < 10, he
    assert max(he) / min(he) < 10, he


def test_too_large_weight_gradients_are_orders_of_magnitude_above_he(data):
    s = _series(data)
    for big, small in zip(s["weight-too-large"]["y"], s["weight-he"]["y"]):
        assert big / small > 1e3
    he = s["weight-he"]["y"]
    assert max(he) / min(he) < 10, he


def test_the_numbers_the_articles_quote(figure_data):
    """problems/exploding ("Weight initialization") quotes these values in both languages."""
    from pathlib import Path

    s = _series(figure_data("exploding-depth"))
    too_large, he = s["too-large"]["y"], s["he"]["y"]
    quoted = []
    # too-large init: the backpropagated gradient grows 1.50x per layer on average (geometric mean of the steps)
    growth = (too_large[0] / too_large[-1]) ** (1 / (len(too_large) - 1))
    assert f"{growth:.2f}" == "1.50", growth
    quoted.append("1.50")
    # layer 1 receives 1.2e4 times what the last layer gets
    mantissa, exponent = f"{too_large[0] / too_large[-1]:.1e}".split("e")
    assert (mantissa, int(exponent)) == ("1.2", 4), too_large[0] / too_large[-1]
    quoted.append(r"1.2 \times 10^{4}")
    # with He the first/last ratio is 1.0
    assert f"{he[0] / he[-1]:.1f}" == "1.0", he[0] / he[-1]
    quoted.append("1.0")
    # the weight gradients: "tens of thousands of times" He's in every layer
    assert all(1e4 <= big / small < 1e5 for big, small in zip(s["weight-too-large"]["y"], s["weight-he"]["y"]))

    docs = Path(__file__).resolve().parents[3] / "docs" / "problems"
    for lang in ("ja", "en"):
        text = (docs / f"exploding.{lang}.md").read_text(encoding="utf-8")
        assert '{{ figure("exploding-depth") }}' in text, lang
        for q in quoted:
            assert q in text, (lang, q)
