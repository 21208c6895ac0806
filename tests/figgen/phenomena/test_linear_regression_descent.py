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


def test_the_numbers_the_articles_quote(figure_data):
    """basics/gradient ("Gradient descent") quotes these values in both languages."""
    from pathlib import Path

    data = figure_data("linear-regression-descent")
    s = {series["name"]: series for series in data["series"]}
    config = data["meta"]["config"]
    path, loss = s["path"], s["loss"]
    a_star, b_star = s["optimum"]["x"][0], s["optimum"]["y"][0]
    quoted = []
    # the run: 600 steps from a = 0.5, b = 10 at learning rate 0.005
    assert (config["steps"], config["start"], config["lr"]) == (600, [0.5, 10.0], 0.005)
    quoted += ["600", r"$a = 0.5,\ b = 10$", "0.005"]
    # the loss falls from about 2,400 to 19.5 kg²
    assert f"{round(loss['y'][0], -2):,.0f}" == "2,400", loss["y"][0]
    assert f"{loss['y'][-1]:.1f}" == "19.5", loss["y"][-1]
    quoted += ["2,400", "19.5 kg²"]
    # the least-squares fit a* ≈ 0.72 kg/cm, b* ≈ 58.6 kg
    assert f"{a_star:.2f}" == "0.72" and f"{b_star:.1f}" == "58.6", (a_star, b_star)
    quoted += [r"a^* \approx 0.72", r"b^* \approx 58.6"]
    # a settles within about 5 steps; b closes 1% of its gap per step (1 − 2·lr with centred x)
    assert abs(path["x"][5] - a_star) < 1e-3 * a_star, path["x"][5]
    assert abs(path["x"][3] - a_star) > 1e-3 * a_star, path["x"][3]
    gap = [(b_star - b) for b in path["y"]]
    assert gap[100] / gap[0] == pytest.approx(0.99 ** 100, rel=0.01), gap[100] / gap[0]
    quoted += ["5", "1%"]

    docs = Path(__file__).resolve().parents[3] / "docs" / "basics"
    for lang in ("ja", "en"):
        text = (docs / f"gradient.{lang}.md").read_text(encoding="utf-8")
        assert '{{ figure("linear-regression-descent") }}' in text, lang
        for q in quoted:
            assert q in text, (lang, q)
