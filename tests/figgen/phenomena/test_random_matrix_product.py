"""random-matrix-product: a product of random matrices scales a vector like s^depth, and its
singular values spread over many orders of magnitude even at s = 1."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def _series(figure_data):
    data = figure_data("random-matrix-product")
    return {s["name"]: s for s in data["series"]}, data["meta"]["config"]


def test_length_follows_s_to_the_depth_and_singular_values_spread(figure_data):
    s, config = _series(figure_data)
    assert set(s) == {"s-0.9", "s-1.0", "s-1.1", "singular-values"}
    depth = config["depth"]
    assert s["s-0.9"]["y"][-1] < 1e-2 < 10 < s["s-1.1"]["y"][-1]
    assert 0.1 < s["s-1.0"]["y"][-1] < 3
    for name, scale in (("s-0.9", 0.9), ("s-1.1", 1.1)):
        assert abs(s[name]["y"][-1] / scale ** depth - 1) < 1.0  # within a factor of 2 of s^depth
    singular = s["singular-values"]["y"]
    assert singular == sorted(singular, reverse=True) and singular[0] / singular[-1] > 1e15


def test_the_numbers_the_articles_quote(figure_data):
    s, _ = _series(figure_data)
    assert round(1 / s["s-0.9"]["y"][-1], -1) == 240
    assert round(s["s-1.1"]["y"][-1], -1) in (60, 70) and 60 <= s["s-1.1"]["y"][-1] < 70
    assert round(s["s-1.0"]["y"][-1], 1) == 0.5
    assert round(s["singular-values"]["y"][0]) == 5 and s["singular-values"]["y"][-1] < 1e-18
    docs = Path(__file__).resolve().parents[3] / "docs" / "problems"
    quoted = {"ja": ["240 分の 1", "約 65 倍", "約 0.5 倍", "5 程度", "10^{-18}"],
              "en": ["1/240", "65 times", "about 0.5", "about 5", "10^{-18}"]}
    for lang, strings in quoted.items():
        text = " ".join((docs / f"vanishing.{lang}.md").read_text(encoding="utf-8").split())
        assert '{{ figure("random-matrix-product") }}' in text
        for q in strings:
            assert q in text, (lang, q)
    # remedies/initialization ("Orthogonal initialization") quotes the spread of singular values too
    remedies = docs.parent / "remedies"
    for lang, strings in {"ja": ["最大の 5 程度", "最小の $10^{-18}$ 以下"], "en": ["about 5 at the top", "below $10^{-18}$"]}.items():
        text = " ".join((remedies / f"initialization.{lang}.md").read_text(encoding="utf-8").split())
        for q in strings:
            assert q in text, (lang, q)
