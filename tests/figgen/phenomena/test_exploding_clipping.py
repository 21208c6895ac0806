"""Exploding gradients: without clipping the loss becomes non-finite; with clipping it stays finite and falls."""

from __future__ import annotations

import math

import pytest

pytestmark = pytest.mark.slow


def test_exploding_clipping(figure_data):
    data = figure_data("exploding-clipping")
    check({series["name"]: series for series in data["series"]}, data["meta"]["config"])


def check(s: dict, config: dict) -> None:
    assert set(s) == {"no-clip", "clip", "grad-norm-no-clip", "grad-norm-clip"}
    steps = list(range(config["steps"]))
    for series in s.values():
        assert series["x"] == steps

    no_clip, clip = s["no-clip"]["y"], s["clip"]["y"]
    assert no_clip[0] == clip[0], "same model, same data: identical first loss"
    assert any(y is None for y in no_clip), "without clipping the loss blows up to NaN/inf"
    first_bad = no_clip.index(None)
    assert first_bad <= 50 and all(y is None for y in no_clip[first_bad:]), "diverges early and never recovers"
    assert max(y for y in no_clip if y is not None) > 1e3 * no_clip[0], "the loss explodes before it turns non-finite"

    assert all(y is not None and math.isfinite(y) for y in clip), "with clipping the loss stays finite"
    assert sum(clip[-10:]) / 10 < 0.25 * clip[0], "with clipping the loss falls well below its initial value"

    norms_no_clip = [g for g in s["grad-norm-no-clip"]["y"] if g is not None]
    norms_clip = s["grad-norm-clip"]["y"]
    assert all(g is not None for g in norms_clip)
    assert max(norms_no_clip) > 1e4 * norms_no_clip[0], "the unclipped gradient norm explodes"
    assert max(norms_clip) < 5 * norms_clip[0], "with clipping the gradient norm stays near its initial size"


def test_the_numbers_the_articles_quote(figure_data):
    """remedies/clipping-and-optimizers ("Clipping by norm") quotes these values in both languages."""
    from pathlib import Path

    data = figure_data("exploding-clipping")
    s = {series["name"]: series for series in data["series"]}
    config = data["meta"]["config"]
    no_clip, clip = s["no-clip"]["y"], s["clip"]["y"]
    assert (config["depth"], config["width"], config["init_gain"], config["lr"], config["clip_norm"]) == (12, 64, 1.1, 0.3, 1.0)
    # the unclipped loss is non-finite from step 5 on; the gradient norm passed 1e10 within four steps
    first_bad = s["no-clip"]["x"][no_clip.index(None)]
    assert first_bad == 5, first_bad
    assert max(g for g in s["grad-norm-no-clip"]["y"][:5] if g is not None) > 1e10
    # with clipping: from 4.5 to 0.11 (mean of the last 10 steps), the cap biting at nearly every step
    assert f"{clip[0]:.1f}" == "4.5" and f"{sum(clip[-10:]) / 10:.2f}" == "0.11", clip
    norms = s["grad-norm-clip"]["y"]
    assert sum(g > config["clip_norm"] for g in norms) > 0.9 * len(norms)
    # the longest update: lr * c
    assert f"{config['lr'] * config['clip_norm']:g}" == "0.3"

    docs = Path(__file__).resolve().parents[3] / "docs" / "remedies"
    quoted = {"ja": ["ステップ 5", "4.5", "0.11", r"$\eta c = 0.3$", "$10^{10}$"],
              "en": ["step 5", "4.5", "0.11", r"$\eta c = 0.3$", "$10^{10}$"]}
    for lang, strings in quoted.items():
        text = (docs / f"clipping-and-optimizers.{lang}.md").read_text(encoding="utf-8")
        assert '{{ figure("exploding-clipping") }}' in text, lang
        for q in strings:
            assert q in text, (lang, q)
