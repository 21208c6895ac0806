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


def test_the_numbers_the_articles_quote(figure_data):
    """remedies/activations quotes the learning rate, the steps and both final dead fractions."""
    from pathlib import Path

    data = figure_data("dying-relu")
    config, series = data["meta"]["config"], {s["name"]: s for s in data["series"]}
    assert config["lr"] == 1.5 and config["steps"] == 400 and config["seeds"] == 2
    assert f"{series['relu']['y'][-1]:.0%}" == "43%" and f"{series['leaky-relu']['y'][-1]:.0%}" == "10%"
    docs = Path(__file__).resolve().parents[3] / "docs" / "remedies"
    quoted = {"ja": ["学習率 1.5", "400 ステップ", "43%", "10%"], "en": ["learning rate of 1.5", "400 steps", "43%", "10%"]}
    for lang, strings in quoted.items():
        text = (docs / f"activations.{lang}.md").read_text(encoding="utf-8")
        assert '{{ figure("dying-relu") }}' in text, lang
        for q in strings:
            assert q in " ".join(text.split()), (lang, q)
