"""Batch normalisation: the BN net trains faster, and one unit's sigmoid-input distribution drifts less."""

from __future__ import annotations

import math

import pytest

pytestmark = pytest.mark.slow

PERCENTILES = (15, 50, 85)
NAMES = {"no-bn", "bn"} | {f"act-p{p}{s}" for p in PERCENTILES for s in ("", "-bn")}


def _at(series, x):
    return series["y"][min(range(len(series["x"])), key=lambda i: abs(series["x"][i] - x))]


def _drift(s, suffix):
    """Sum over the three percentiles of the largest distance from where it started."""
    total = 0.0
    for p in PERCENTILES:
        ys = s[f"act-p{p}{suffix}"]["y"]
        total += max(abs(v - ys[0]) for v in ys)
    return total


def test_batchnorm(figure_data):
    data = figure_data("batchnorm")
    s = {series["name"]: series for series in data["series"]}
    assert set(s) == NAMES
    config = data["meta"]["config"]
    assert (config["depth"], config["width"], config["activation"]) == (3, 100, "sigmoid")
    for series in s.values():
        assert series["y"] and all(y is not None and math.isfinite(y) for y in series["y"])
    steps = config["steps"]
    # trains faster: at a quarter of the run and at the end, BN's loss is well under half the other's
    for x in (steps / 4, steps):
        assert _at(s["bn"], x) < 0.5 * _at(s["no-bn"], x), x
    assert _at(s["no-bn"], steps / 4) > 1.5   # without BN the net has barely started (ln 10 ≈ 2.30)
    assert s["bn"]["y"][-1] < 0.2
    # percentiles are ordered at every measurement
    for suffix in ("", "-bn"):
        for lo, mid, hi in zip(*(s[f"act-p{p}{suffix}"]["y"] for p in PERCENTILES)):
            assert lo <= mid <= hi
    # stable distribution: without BN the percentiles wander at least twice as far as with BN
    assert _drift(s, "") > 2 * _drift(s, "-bn"), (_drift(s, ""), _drift(s, "-bn"))


def test_the_numbers_the_articles_quote(figure_data):
    """remedies/normalization-and-residuals ("Batch normalization") quotes these values in both languages."""
    from pathlib import Path

    data = figure_data("batchnorm")
    s = {series["name"]: series for series in data["series"]}
    config = data["meta"]["config"]
    assert (config["steps"], config["lr"], config["held_out"], config["eval_every"], config["loss_window"]) == (300, 0.5, 512, 5, 10)
    # loss at step 75 (mean of the last 10 mini-batches): 0.23 with BN, 2.2 without
    assert f"{_at(s['bn'], 75):.2f}" == "0.23" and f"{_at(s['no-bn'], 75):.1f}" == "2.2"
    assert f"{math.log(10):.2f}" == "2.30"
    # the largest move of each percentile from its start: 1.0 to 1.2 without BN, at most 0.3 with BN
    moves = {suffix: [max(abs(v - s[f"act-p{p}{suffix}"]["y"][0]) for v in s[f"act-p{p}{suffix}"]["y"])
                      for p in PERCENTILES] for suffix in ("", "-bn")}
    assert f"{min(moves['']):.1f}" == "1.0" and f"{max(moves['']):.1f}" == "1.2", moves
    assert max(moves["-bn"]) <= 0.3, moves

    docs = Path(__file__).resolve().parents[3] / "docs" / "remedies"
    quoted = {"ja": ["75 ステップ目", "0.23", "2.2", r"\ln 10 \approx 2.30", "1.0〜1.2", "0.3 以下", "512"],
              "en": ["step 75", "0.23", "2.2", r"\ln 10 \approx 2.30", "1.0–1.2", "more than 0.3", "512"]}
    for lang, strings in quoted.items():
        text = (docs / f"normalization-and-residuals.{lang}.md").read_text(encoding="utf-8")
        assert '{{ figure("batchnorm") }}' in text, lang
        for q in strings:
            assert q in text, (lang, q)
