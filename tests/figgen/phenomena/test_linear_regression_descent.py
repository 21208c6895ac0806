"""linear-regression-descent: gradient descent on the MSE decreases the loss at every step and
reaches the closed-form least-squares fit."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_linear_regression_descent(figure_data):
    data = figure_data("linear-regression-descent")
    s = {series["name"]: series for series in data["series"]}
    assert set(s) == {"path", "loss", "optimum"}
    config = data["meta"]["config"]
    path, loss, optimum = s["path"], s["loss"], s["optimum"]
    assert len(path["x"]) == len(loss["y"]) == config["steps"] + 1
    assert loss["x"] == list(range(config["steps"] + 1))
    assert (path["x"][0], path["y"][0]) == (0.5, 10.0)                  # the handbook's start
    assert all(b < a for a, b in zip(loss["y"], loss["y"][1:])), "the loss falls at every step"
    assert loss["y"][-1] < loss["y"][0] / 50
    assert len(optimum["x"]) == len(optimum["y"]) == 1
    a_star, b_star = optimum["x"][0], optimum["y"][0]
    assert abs(path["x"][-1] - a_star) < 0.01 * abs(a_star), (path["x"][-1], a_star)
    assert abs(path["y"][-1] - b_star) < 0.01 * abs(b_star), (path["y"][-1], b_star)
    assert 0.5 < a_star < 1.3 and 45 < b_star < 75                        # a plausible kg-per-cm fit
