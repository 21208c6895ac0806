"""Degradation (He et al. 2016): a deeper plain net trains worse than a shallow one; residual connections fix it."""

from __future__ import annotations

import math

import pytest

pytestmark = pytest.mark.slow


def test_residual_vs_plain(figure_data):
    data = figure_data("residual-vs-plain")
    check({series["name"]: series for series in data["series"]}, data["meta"]["config"])


def check(s: dict, config: dict) -> None:
    shallow, deep = config["depths"][0], config["depths"][-1]
    assert len(config["depths"]) >= 2 and deep >= 4 * shallow
    assert config["norm"] == "batch", "the plain nets have normalisation too, as in ResNet's plain baselines"
    assert set(s) == {f"{kind}-{depth}" for kind in ("plain", "residual") for depth in config["depths"]}
    for series in s.values():
        assert series["x"] == list(range(config["steps"]))
        assert all(y is not None and math.isfinite(y) for y in series["y"])

    def final(name: str) -> float:
        y = s[name]["y"]
        k = max(10, round(config["tail"] * len(y)))
        return sum(y[-k:]) / k

    plain_shallow, plain_deep = final(f"plain-{shallow}"), final(f"plain-{deep}")
    res_shallow, res_deep = final(f"residual-{shallow}"), final(f"residual-{deep}")
    numbers = dict(plain_shallow=plain_shallow, plain_deep=plain_deep, res_shallow=res_shallow, res_deep=res_deep)
    assert plain_deep > 2.0 * plain_shallow and plain_deep - plain_shallow > 0.15, f"degradation: {numbers}"
    assert res_deep <= 1.2 * res_shallow, f"residual: the deep net trains as well as the shallow one: {numbers}"
    assert res_deep < 0.4 * plain_deep, f"residual deep net far below the plain deep net: {numbers}"
    assert plain_deep < 0.8 * math.log(10), f"the deep plain net does learn, just worse (not stuck at chance): {numbers}"


def test_the_numbers_the_articles_quote(figure_data):
    """remedies/normalization-and-residuals ("Deeper made even the training error worse") quotes these values."""
    from pathlib import Path

    data = figure_data("residual-vs-plain")
    s = {series["name"]: series for series in data["series"]}
    config = data["meta"]["config"]
    assert config["depths"] == [4, 16] and config["width"] == 32 and config["steps"] == 300 and config["lr"] == 0.01

    def final(name: str) -> float:  # the mean of the last 30 steps, as in the caption
        y = s[name]["y"]
        k = max(10, round(config["tail"] * len(y)))
        assert k == 30
        return sum(y[-k:]) / k

    plain_shallow, plain_deep, res_deep = final("plain-4"), final("plain-16"), final("residual-16")
    assert f"{plain_shallow:.2f}" == "0.12" and f"{plain_deep:.2f}" == "0.43" and f"{res_deep:.2f}" == "0.06"
    assert plain_deep > 3 * plain_shallow           # "more than 3 times higher"
    assert res_deep < plain_shallow                 # "below even the plain 4-layer net"

    docs = Path(__file__).resolve().parents[3] / "docs" / "remedies"
    extra = {"ja": ["3 倍以上", "バッチ正規化を使っていて", "最適化の難しさ"],
             "en": ["more than 3 times", "plain networks used batch", "optimization difficulty"]}
    for lang in ("ja", "en"):
        text = " ".join((docs / f"normalization-and-residuals.{lang}.md").read_text(encoding="utf-8").split())
        assert '{{ figure("residual-vs-plain") }}' in text, lang
        for q in ["0.12", "0.43", "0.06", "30"] + extra[lang]:
            assert q in text, (lang, q)
        assert "勾配がうまく届かない" not in text and "the gradient not getting through" not in text
