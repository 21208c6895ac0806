"""optimizers: on an ill-conditioned quadratic, momentum, RMSprop and Adam end far below plain SGD."""

from __future__ import annotations

import math

import pytest

pytestmark = pytest.mark.slow

NAMES = ("sgd", "momentum", "rmsprop", "adam")


def test_optimizers(figure_data):
    data = figure_data("optimizers")
    s = {series["name"]: series for series in data["series"]}
    assert set(s) == set(NAMES) | {f"loss-{n}" for n in NAMES}
    config = data["meta"]["config"]
    steps, kappa = config["steps"], config["kappa"]
    assert 20 <= kappa <= 100
    assert config["lr"]["sgd"] < 2 / kappa  # SGD's learning rate is capped by the steep direction
    for name in NAMES:
        path, loss = s[name], s[f"loss-{name}"]
        assert len(path["x"]) == len(loss["x"]) == steps + 1 and loss["x"] == list(range(steps + 1))
        assert [path["x"][0], path["y"][0]] == config["start"]                     # same start
        assert all(v is not None and math.isfinite(v) for v in path["x"] + path["y"] + loss["y"])
        for a, b, f in zip(path["x"], path["y"], loss["y"]):                     # the loss is f of the path
            assert f == pytest.approx(0.5 * (a * a + kappa * b * b), rel=1e-4, abs=1e-30)
    final = {name: s[f"loss-{name}"]["y"][-1] for name in NAMES}
    for name in ("momentum", "rmsprop", "adam"):
        assert final["sgd"] > 10 * final[name], final
    assert final["sgd"] < s["loss-sgd"]["y"][0] * 1e-3   # SGD does converge, only slower
    sgd_b = s["sgd"]["y"]                                  # SGD zig-zags across the steep direction
    flips = sum(1 for u, v in zip(sgd_b, sgd_b[1:]) if u * v < 0)
    assert flips > 0.9 * steps, flips
