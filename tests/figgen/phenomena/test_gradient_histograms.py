"""Gradient histograms: sigmoid's layer-1 gradients sit decades below its last layer's; ReLU + He layers overlap."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

LOW, HIGH, COUNT = -12.0, 2.0, 28  # training.HISTOGRAM_BINS


def _mean_log(series) -> float:
    """Count-weighted mean of log10 |g| over the bin centres, leaving out the lowest bin: it also holds the
    gradients that are exactly zero (clamped there), which for ReLU are units inactive on the whole batch."""
    counts = series["y"][1:]
    return sum(x * c for x, c in zip(series["x"][1:], counts)) / sum(counts)


def test_gradient_histograms(figure_data):
    data = figure_data("gradient-histograms")
    s = {series["name"]: series for series in data["series"]}
    config = data["meta"]["config"]
    steps, layers, depth, width = config["histogram_steps"], config["layers"], config["depth"], config["width"]
    assert len(steps) >= 3 and steps[0] == 0 and layers[0] == 1 and layers[-1] == depth and len(layers) >= 3
    assert set(s) == {f"{a}-layer{l}-step{t}" for a in ("sigmoid", "relu") for l in layers for t in steps}
    centres = [LOW + (k + 0.5) * (HIGH - LOW) / COUNT for k in range(COUNT)]
    for name, series in s.items():
        assert series["x"] == pytest.approx(centres), name
        assert all(c is not None and c >= 0 and c == int(c) for c in series["y"]), name
        layer = int(name.split("-layer")[1].split("-")[0])
        entries = (64 if layer == 1 else width) * width  # digits have 64 inputs
        assert sum(series["y"]) == entries, name
    mean = {name: _mean_log(series) for name, series in s.items()}
    first, last = layers[0], layers[-1]
    # vanishing: at step 0 sigmoid's layer 1 is at least 2 decades below its last layer, and stays so
    assert mean[f"sigmoid-layer{first}-step0"] <= mean[f"sigmoid-layer{last}-step0"] - 2
    for t in steps:
        assert mean[f"sigmoid-layer{first}-step{t}"] <= mean[f"sigmoid-layer{last}-step{t}"] - 2, t
        # the middle layer lies in between
        middle = layers[len(layers) // 2]
        assert mean[f"sigmoid-layer{first}-step{t}"] < mean[f"sigmoid-layer{middle}-step{t}"] < mean[f"sigmoid-layer{last}-step{t}"]
    # healthy: ReLU + He layers within one decade of each other at step 0
    relu = [mean[f"relu-layer{l}-step0"] for l in layers]
    assert max(relu) - min(relu) < 1, relu


def test_the_numbers_the_articles_quote(figure_data):
    """practice/monitoring ("Histograms") quotes these values in both languages."""
    import re
    from pathlib import Path

    data = figure_data("gradient-histograms")
    s = {series["name"]: series for series in data["series"]}
    config = data["meta"]["config"]
    first, last = config["layers"][0], config["layers"][-1]
    assert config["steps"] == 300 and config["histogram_steps"][-1] == 299

    def gap(activation: str, step: int) -> float:  # decades between the last layer's mean and layer 1's
        return _mean_log(s[f"{activation}-layer{last}-step{step}"]) - _mean_log(s[f"{activation}-layer{first}-step{step}"])

    quoted = []
    # sigmoid + Xavier: layer 1 sits 5.5 decades left of layer 10 at the start, still 5.3 at step 299
    assert f"{gap('sigmoid', 0):.1f}" == "5.5", gap("sigmoid", 0)
    assert f"{gap('sigmoid', 299):.1f}" == "5.3", gap("sigmoid", 299)
    quoted += ["5.5", "5.3"]
    # ReLU + He: the means lie within 0.3 of a decade (layer 1 is in fact the highest)
    relu = [_mean_log(s[f"relu-layer{l}-step0"]) for l in config["layers"]]
    assert f"{max(relu) - min(relu):.1f}" == "0.3", relu
    quoted.append("0.3")
    # ... and stay within one decade at every recorded step
    for t in config["histogram_steps"]:
        means = [_mean_log(s[f"relu-layer{l}-step{t}"]) for l in config["layers"]]
        assert max(means) - min(means) < 1, (t, means)
    # the far-left bar of the ReLU panels (exact zeros) shrinks during training in the deeper layers: no dying
    for l in config["layers"][1:]:
        bars = [s[f"relu-layer{l}-step{t}"]["y"][0] for t in config["histogram_steps"]]
        assert bars[0] > 0 and bars[-1] < bars[0], (l, bars)

    docs = Path(__file__).resolve().parents[3] / "docs" / "practice"
    for lang in ("ja", "en"):
        text = (docs / f"monitoring.{lang}.md").read_text(encoding="utf-8")
        assert '{{ figure("gradient-histograms") }}' in text, lang
        for q in quoted:
            assert re.search(rf"(?<![\d.]){re.escape(q)}(?![\d])", text), (lang, q)
