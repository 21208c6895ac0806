"""rnn-long-term: the vanilla RNN's gradient to past inputs vanishes with the lag; gated cells keep far more."""

from __future__ import annotations

import math
from pathlib import Path

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


def test_the_numbers_the_articles_quote(figure_data):
    """problems/vanishing ("RNNs and long-term dependencies") quotes these values in both languages."""
    from pathlib import Path

    data = figure_data("rnn-long-term")
    y = {series["name"]: series["y"] for series in data["series"]}
    config = data["meta"]["config"]
    quoted = []
    # the setup: 32 hidden units, sequences of length max_lag + 1 = 71, keep-gate bias 1
    assert (config["hidden"], config["max_lag"] + 1, config["keep_gate_bias"]) == (32, 71, 1.0)
    quoted += ["32", "71", "keep_gate_bias"]
    # vanilla RNN: 0.57 per step back on average; at k = 50, 7e-13 of its value at k = 0
    rnn = y["rnn"][50] / y["rnn"][0]
    assert f"{rnn ** (1 / 50):.2f}" == "0.57", rnn ** (1 / 50)
    mantissa, exponent = f"{rnn:.0e}".split("e")
    assert (mantissa, int(exponent)) == ("7", -13), rnn
    quoted += ["0.57", r"7 \times 10^{-13}"]
    # at k = 50 the LSTM keeps more than 10^7 times the RNN's value, the GRU more than 10^6
    assert math.floor(math.log10(y["lstm"][50] / y["rnn"][50])) == 7, y["lstm"][50] / y["rnn"][50]
    assert math.floor(math.log10(y["gru"][50] / y["rnn"][50])) == 6, y["gru"][50] / y["rnn"][50]
    quoted += [r"10^{7}", r"10^{6}"]

    docs = Path(__file__).resolve().parents[3] / "docs" / "problems"
    for lang in ("ja", "en"):
        text = (docs / f"vanishing.{lang}.md").read_text(encoding="utf-8")
        assert '{{ figure("rnn-long-term") }}' in text, lang
        for q in quoted:
            assert q in text, (lang, q)


def test_the_numbers_the_rnn_article_quotes(figure_data):
    """problems/rnn quotes the lag-50 numbers of this figure and the blow-up of exploding-clipping."""
    import math

    s = {x["name"]: x for x in figure_data("rnn-long-term")["series"]}
    at = lambda name, k: s[name]["y"][s[name]["x"].index(k)]  # noqa: E731
    sci = lambda v: f"{round(v / 10 ** math.floor(math.log10(v)))} \\times 10^{{{math.floor(math.log10(v))}}}"  # noqa: E731
    quoted = [sci(at("rnn", 50) / at("rnn", 0)), sci(at("lstm", 50) / at("rnn", 50)), sci(at("gru", 50) / at("rnn", 50))]
    assert quoted == ["7 \\times 10^{-13}", "4 \\times 10^{7}", "2 \\times 10^{6}"], quoted
    clip = {x["name"]: x for x in figure_data("exploding-clipping")["series"]}
    no_clip = clip["no-clip"]["y"]
    assert sci(no_clip[4]) == "4 \\times 10^{10}" and no_clip[5] is None
    assert f"{sum(clip['clip']['y'][-10:]) / 10:.2f}" == "0.11"
    quoted += ["4 \\times 10^{10}", "0.11"]
    docs = Path(__file__).resolve().parents[3] / "docs" / "problems"
    for lang in ("ja", "en"):
        text = (docs / f"rnn.{lang}.md").read_text(encoding="utf-8")
        assert '{{ figure("rnn-long-term") }}' in text and '{{ figure("exploding-clipping") }}' in text
        for q in quoted:
            assert q in text, (lang, q)
