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
