"""rnn-long-term: the vanilla RNN's gradient to past inputs vanishes with the lag; gated cells keep far more."""

from __future__ import annotations

import math

import pytest

pytestmark = pytest.mark.slow


def test_rnn_long_term(figure_data):
    data = figure_data("rnn-long-term")
    s = {series["name"]: series for series in data["series"]}
    assert set(s) == {"rnn", "lstm", "gru"}
    config = data["meta"]["config"]
    assert config["max_lag"] >= 60 and config["seeds"] >= 3
    for name in s:
        assert s[name]["x"] == list(range(config["max_lag"] + 1))
        assert all(y is not None and y > 0 and math.isfinite(y) for y in s[name]["y"])
    y = {name: s[name]["y"] for name in s}
    assert y["rnn"][50] / y["rnn"][0] < 1e-8, y["rnn"][50] / y["rnn"][0]   # ≥ 8 decades lost by k = 50
    assert all(a > b for a, b in zip(y["rnn"], y["rnn"][1:])), "RNN gradient shrinks at every step back"
    for gated in ("lstm", "gru"):
        assert y[gated][50] > 1e4 * y["rnn"][50], (gated, y[gated][50], y["rnn"][50])  # ≥ 4 decades above
        assert y[gated][config["max_lag"]] > 1e5 * y["rnn"][config["max_lag"]]
        assert y[gated][50] / y[gated][0] > 1e-7, gated  # decays too, but far less than the RNN
