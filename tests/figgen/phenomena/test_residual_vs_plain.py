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
