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


def test_the_numbers_the_articles_quote(figure_data):
    """remedies/optimizers ("Comparison") quotes these values in both languages."""
    from pathlib import Path

    data = figure_data("optimizers")
    s = {series["name"]: series for series in data["series"]}
    config = data["meta"]["config"]
    final = {name: s[f"loss-{name}"]["y"][-1] for name in NAMES}
    quoted = []
    # the condition number and SGD's stability limit 2/λ_max = 2/50 = 0.04, its learning rate 0.039 just under it
    assert config["kappa"] == 50 and f"{2 / config['kappa']:.2f}" == "0.04" and config["lr"]["sgd"] == 0.039
    quoted += [r"\kappa = 50", r"2/\lambda_{\max} = 2/50 = 0.04", "0.039", "200"]
    assert config["steps"] == 200 and config["start"] == [-4.0, 1.0]
    # SGD closes about 4% of the distance along the shallow direction (curvature 1) per step
    assert round(100 * config["lr"]["sgd"] * 1.0) == 4
    quoted.append("4%")
    # the start loss 33; after 200 steps SGD 1e-6, momentum and Adam about 1e-8, RMSprop 2e-14
    assert f"{s['loss-sgd']['y'][0]:.0f}" == "33"
    quoted.append("33")
    assert f"{final['sgd']:.0e}" == "1e-06", final
    quoted.append(r"1 \times 10^{-6}")
    for name in ("momentum", "adam"):
        assert round(math.log10(final[name])) == -8, final
    quoted.append("10^{-8}")
    assert f"{final['rmsprop']:.0e}" == "2e-14", final
    quoted.append(r"2 \times 10^{-14}")

    docs = Path(__file__).resolve().parents[3] / "docs" / "remedies"
    for lang, about in (("ja", r"約 $10^{-8}$"), ("en", r"about $10^{-8}$")):
        text = (docs / f"optimizers.{lang}.md").read_text(encoding="utf-8")
        assert '{{ figure("optimizers") }}' in text, lang
        for q in quoted + [about]:
            assert q in text, (lang, q)
