"""The first three figures show their phenomenon (the others: tests/figgen/phenomena/), and every
figure is deterministic and published in both languages."""

from __future__ import annotations

import json
import math

import pytest

from figgen import builder, registry
from figgen.cache import finite_or_none

pytestmark = pytest.mark.slow


def _data(real_figures, figure_id):
    data = json.loads((real_figures / figure_id / "data.json").read_text(encoding="utf-8"))
    return {s["name"]: s for s in data["series"]}, data


def _at(series, x):
    return series["y"][min(range(len(series["x"])), key=lambda i: abs(series["x"][i] - x))]


def test_activation_derivatives(real_figures):
    s, data = _data(real_figures, "activation-derivatives")
    names = ["sigmoid", "tanh", "relu", "leaky-relu", "swish"]
    assert set(s) == set(names) | {f"d-{n}" for n in names}
    assert min(s["sigmoid"]["x"]) == -6 and max(s["sigmoid"]["x"]) == 6
    d_sigmoid = s["d-sigmoid"]["y"]
    assert max(d_sigmoid) == pytest.approx(0.25, abs=1e-9) and _at(s["d-sigmoid"], 0) == pytest.approx(0.25)
    assert max(d_sigmoid) <= 0.25 + 1e-12  # the bound behind vanishing gradients
    assert max(s["d-tanh"]["y"]) == pytest.approx(1.0, abs=1e-9)
    assert all(y == 0 for x, y in zip(s["d-relu"]["x"], s["d-relu"]["y"]) if x < 0)
    assert all(y == 1 for x, y in zip(s["d-relu"]["x"], s["d-relu"]["y"]) if x > 0)
    assert all(y == pytest.approx(0.01) for x, y in zip(s["d-leaky-relu"]["x"], s["d-leaky-relu"]["y"]) if x < 0)
    assert min(s["d-swish"]["y"]) < 0 < max(s["d-swish"]["y"]) - 1  # non-monotonic, overshoots 1
    # autograd agrees with the closed form σ'(x) = σ(x)(1 − σ(x))
    for x, y, sig in zip(s["d-sigmoid"]["x"], d_sigmoid, s["sigmoid"]["y"]):
        assert y == pytest.approx(sig * (1 - sig), rel=1e-9, abs=1e-15)


def test_vanishing_depth(real_figures):
    s, data = _data(real_figures, "vanishing-depth")
    depth = data["meta"]["config"]["depth"]
    assert depth >= 20 and len(data["meta"]["config"]["seeds"]) >= 3
    for name in ("sigmoid", "tanh", "relu"):
        assert s[name]["x"] == list(range(1, depth + 1))
        assert all(y > 0 and math.isfinite(y) for y in s[name]["y"])
    ratio = {name: s[name]["y"][0] / s[name]["y"][-1] for name in ("sigmoid", "tanh", "relu")}
    assert ratio["sigmoid"] < 1e-6, ratio          # vanishes: many orders of magnitude
    assert 0.1 < ratio["relu"] < 10, ratio         # ReLU + He keeps the scale
    assert ratio["tanh"] > 0.05, ratio             # tanh + Xavier: mild at init
    sigmoid = s["sigmoid"]["y"]
    assert all(a < b for a, b in zip(sigmoid, sigmoid[1:])), "sigmoid gradients grow monotonically towards the output"


def test_init_xavier_he(real_figures):
    s, data = _data(real_figures, "init-xavier-he")
    assert data["meta"]["config"]["depth"] >= 30
    tail = lambda name: sum(s[name]["y"][-10:]) / 10  # noqa: E731
    head = lambda name: sum(s[name]["y"][:5]) / 5  # noqa: E731
    assert abs(tail("xavier") - math.log(10)) < 0.05, "Xavier stalls at the loss of guessing (ln 10)"
    assert tail("he") < 0.5 * head("he"), "He converges"
    assert tail("he") < tail("xavier") - 1.0


@pytest.mark.parametrize("figure", registry.figures(), ids=lambda f: f.id)
def test_a_cold_computation_gives_exactly_the_cached_series(real_figures, figure):
    """Determinism: computing again from nothing gives the series the build cached, bit for bit."""
    from figgen.cache import Cache

    from tests.figgen.conftest import ROOT

    cached = Cache(ROOT / ".cache" / "figgen").load(figure.id, builder.hashes(figure, "cpu")[0])
    assert cached is not None, "the session's build stores every figure in the cache"
    fresh = finite_or_none(builder.compute(figure, "cpu"))
    assert fresh["series"] == cached["series"]


def test_published_files_for_both_languages(real_figures):
    for figure in registry.figures():
        folder = real_figures / figure.id
        for lang in ("ja", "en"):
            svg = (folder / f"{figure.id}.{lang}.svg").read_text(encoding="utf-8")
            assert "<svg" in svg and "<text" not in svg
        data = json.loads((folder / "data.json").read_text(encoding="utf-8"))
        assert data["id"] == figure.id and data["meta"]["device"] == "cpu" and data["meta"]["device_name"]
        assert (folder / "data.csv").read_text().startswith("series,x,y")


def test_the_numbers_the_articles_quote(real_figures):
    """problems/vanishing and remedies/initialization quote these values in both languages."""
    s, data = _data(real_figures, "vanishing-depth")
    sigmoid = s["sigmoid"]["y"]
    depth = len(sigmoid)
    assert depth == 24
    ratio = sigmoid[0] / sigmoid[-1]
    assert 1e-15 < ratio < 1e-13, ratio                     # "about 10^-14"
    per_layer = (sigmoid[-1] / sigmoid[0]) ** (1 / (depth - 1))
    assert 3 < per_layer < 5, per_layer                     # "roughly a factor of 4 per layer"
    s, data = _data(real_figures, "init-xavier-he")
    assert data["meta"]["config"]["depth"] == 30 and data["meta"]["config"]["steps"] == 400
    assert all(abs(y - math.log(10)) < 0.01 for y in s["xavier"]["y"])  # "never leaves ln 10"
    assert 0.4 < sum(s["he"]["y"][-10:]) / 10 < 0.8         # "falls to around 0.6"
