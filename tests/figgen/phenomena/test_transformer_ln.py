"""transformer-ln: at initialisation a Post-LN Transformer has its largest FFN gradients next to the output,
several times Pre-LN's there; Pre-LN's gradients do not grow towards the output (Xiong et al. 2020)."""

from __future__ import annotations

import math

import pytest

pytestmark = pytest.mark.slow


def test_transformer_ln(figure_data):
    data = figure_data("transformer-ln")
    series = {s["name"]: s for s in data["series"]}
    assert set(series) == {"post-ln", "pre-ln"}
    config = data["meta"]["config"]
    layers = config["layers"]
    assert layers >= 6 and config["seeds"] >= 3
    for s in series.values():
        assert s["x"] == list(range(1, layers + 1))
        assert all(y is not None and math.isfinite(y) and y > 0 for y in s["y"])
    post, pre = series["post-ln"]["y"], series["pre-ln"]["y"]
    # Post-LN: larger next to the output than next to the input, the largest in the upper half
    assert post[-1] / post[0] >= 1.2, post
    assert sum(post[-3:]) / sum(post[:3]) >= 1.2, post
    assert max(range(layers), key=lambda i: post[i]) >= layers // 2, post
    # Pre-LN: does not grow towards the output (it shrinks gently)
    assert pre[-1] / pre[0] <= 0.7, pre
    assert max(pre[layers // 2:]) <= max(pre[: layers // 2]), pre
    # next to the output, Post-LN's gradient is several times Pre-LN's
    assert post[-1] / pre[-1] >= 3, (post, pre)
    assert all(p > q for p, q in zip(post[1:], pre[1:]))


def test_the_numbers_the_articles_quote(figure_data):
    """remedies/normalization-and-residuals ("Layer normalization") quotes these values in both languages."""
    from pathlib import Path

    series = {s["name"]: s for s in figure_data("transformer-ln")["series"]}
    post, pre = series["post-ln"]["y"], series["pre-ln"]["y"]
    assert len(post) == 12
    # Post-LN: layer 12 gets about 1.5 times what layer 1 gets
    assert f"{post[-1] / post[0]:.1f}" == "1.5", post
    # at layer 12: Post-LN 2.1 vs Pre-LN 0.50, about 4 times
    assert f"{post[-1]:.1f}" == "2.1" and f"{pre[-1]:.2f}" == "0.50", (post, pre)
    assert round(post[-1] / pre[-1]) == 4, (post, pre)
    # Pre-LN shrinks towards the output
    assert pre[-1] < pre[0]

    docs = Path(__file__).resolve().parents[3] / "docs" / "remedies"
    quoted = {"ja": ["約 1.5 倍", "2.1", "0.50", "約 4 倍", "12 層"],
              "en": ["about 1.5 times", "2.1", "0.50", "about 4 times", "12-layer"]}
    for lang, strings in quoted.items():
        text = (docs / f"normalization-and-residuals.{lang}.md").read_text(encoding="utf-8")
        assert '{{ figure("transformer-ln") }}' in text, lang
        for q in strings:
            assert q in text, (lang, q)


def test_the_numbers_the_transformers_article_quotes(figure_data):
    """remedies/transformers quotes Post-LN's growth and the Post-LN/Pre-LN gap at the last layer."""
    from pathlib import Path

    s = {x["name"]: x for x in figure_data("transformer-ln")["series"]}
    post, pre = s["post-ln"]["y"], s["pre-ln"]["y"]
    assert f"{post[-1] / post[0]:.1f}" == "1.5" and f"{post[-1]:.1f}" == "2.1" and f"{pre[-1]:.2f}" == "0.50"
    assert f"{post[-1] / pre[-1]:.1f}" == "4.2"
    docs = Path(__file__).resolve().parents[3] / "docs" / "remedies"
    quoted = {"ja": ["約 1.5 倍", "2.1", "0.50", "約 4.2 倍"], "en": ["about 1.5 times", "2.1", "0.50", "about 4.2 times"]}
    for lang, strings in quoted.items():
        text = (docs / f"transformers.{lang}.md").read_text(encoding="utf-8")
        assert '{{ figure("transformer-ln") }}' in text and '{{ figure("mixed-precision") }}' in text
        for q in strings:
            assert q in text, (lang, q)
