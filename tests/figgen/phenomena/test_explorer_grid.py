"""The explorer's grid shows the handbook's phenomena: sigmoid + Xavier vanishes with depth, ReLU + He
keeps the scale, N(0, 1) weights explode ReLU nets, batch norm and residual connections rescue
deep sigmoid nets; and the grid is complete."""

from __future__ import annotations

import gzip
import math

import pytest

from figgen import explorer_chunks
from figgen.figures.explorer_grid import grid, name

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def grid_data(figure_data):
    data = figure_data("explorer-grid")
    return {s["name"]: s for s in data["series"]}, data["meta"]["config"], data


def ys(s: dict, activation: str, init: str, depth: int, view: str, norm: str = "none", residual: bool = False) -> list:
    return s[name(activation, init, depth, norm, residual, view)]["y"]


def ratio(s: dict, activation: str, init: str, depth: int, norm: str = "none", residual: bool = False) -> float:
    """Gradient norm of layer 1 over that of the last hidden layer (0 when layer 1's underflowed)."""
    grad = ys(s, activation, init, depth, "grad", norm, residual)
    assert grad[0] is not None and grad[-1] is not None and grad[-1] > 0, (activation, init, depth, norm, residual, grad)
    return grad[0] / grad[-1]


def test_every_configuration_is_there_with_every_layer(grid_data):
    s, config, _ = grid_data
    steps = list(range(0, config["steps"] + 1, config["record_every"]))
    configurations = grid(config)
    assert len(configurations) == 600 and len(s) == 3 * 600
    assert config["width"] in (32, 64) and len(config["seeds"]) >= 2
    for key in configurations:
        depth = key[2]
        for view in ("grad", "std"):
            series = s[name(*key, view)]
            assert series["x"] == list(range(1, depth + 1)) and len(series["y"]) == depth, (key, view)
        assert s[name(*key, "loss")]["x"] == steps, key


def test_sigmoid_with_xavier_vanishes_with_depth(grid_data):
    s, config, _ = grid_data
    ratios = {depth: ratio(s, "sigmoid", "xavier", depth) for depth in config["depths"]}
    assert ratios[30] < 1e-6 * ratios[5] and ratios[50] < 1e-6 * ratios[5], f"layer 1 / last layer: {ratios}"
    assert all(ratios[a] > ratios[b] or ratios[b] == 0 for a, b in zip(config["depths"], config["depths"][1:])), ratios
    assert ratios[5] < 0.1, f"even 5 layers lose an order of magnitude: {ratios}"


def test_relu_with_he_keeps_the_scale(grid_data):
    s, config, _ = grid_data
    ratios = {depth: ratio(s, "relu", "he", depth) for depth in config["depths"]}
    assert 1e-2 < ratios[30] < 1e2, f"ReLU + He, layer 1 / last layer: {ratios}"
    assert all(1e-2 < r < 1e2 for r in ratios.values()), ratios
    assert ratios[30] > 1e12 * ratio(s, "sigmoid", "xavier", 30), (ratios[30], ratio(s, "sigmoid", "xavier", 30))


def test_relu_with_he_at_depth_10_learns(grid_data):
    """The one learning rate of the grid was chosen for this: ReLU + He at depth 10 learns clearly."""
    s, config, _ = grid_data
    loss = ys(s, "relu", "he", 10, "loss")
    assert all(v is not None for v in loss), loss
    assert loss[-1] < 0.75 * loss[0] and loss[-1] < 0.8 * math.log(10), f"loss {loss[0]:.3f} → {loss[-1]:.3f}"


def test_large_weights_explode_relu_nets(grid_data):
    s, config, _ = grid_data
    growth = {}
    for depth in config["depths"]:
        std = ys(s, "relu", "large", depth, "std")
        growth[depth] = math.inf if std[-1] is None else std[-1] / std[0]  # null: overflowed float32
    assert growth[30] > 1e10 and growth[50] > 1e10, f"last-layer / first-layer activation std: {growth}"
    assert all(growth[a] < growth[b] for a, b in zip(config["depths"], config["depths"][1:])), growth
    he = ys(s, "relu", "he", 30, "grad")
    large = ys(s, "relu", "large", 30, "grad")
    assert all(g is None or g > 1e6 * h for g, h in zip(large, he)), f"N(0, 1) vs He gradients at depth 30: {large[:3]} vs {he[:3]}"
    for depth in (10, 30, 50):
        loss = ys(s, "relu", "large", depth, "loss")
        assert loss[-1] is None, f"training from N(0, 1) at depth {depth} diverges: {loss}"


@pytest.mark.parametrize("remedy", ["batch norm", "residual"])
def test_batch_norm_and_residual_connections_rescue_deep_sigmoid_nets(grid_data, remedy):
    s, config, _ = grid_data
    norm, residual = ("batch", False) if remedy == "batch norm" else ("none", True)
    for depth in (30, 50):
        rescued = ratio(s, "sigmoid", "xavier", depth, norm, residual)
        plain = ratio(s, "sigmoid", "xavier", depth)
        assert 1e-3 < rescued < 1e3, f"{remedy}, depth {depth}: layer 1 / last layer {rescued:.3g} (plain: {plain:.3g})"


def test_the_explorer_chunks_of_the_real_data(grid_data):
    _, config, data = grid_data
    result = explorer_chunks.chunks(data)
    assert len(result) == 1 + len(config["activations"]) * len(config["inits"])
    assert sum(len(chunk["configs"]) for key, chunk in result.items() if key != "index") == 600
    sizes = {key: len(gzip.compress(explorer_chunks.to_json(chunk).encode("utf-8"), 9)) for key, chunk in result.items()}
    largest = max(sizes, key=sizes.get)
    print(f"largest chunk {largest}: {sizes[largest]} bytes gzipped")
    assert sizes[largest] < 16_000, sizes


def test_the_numbers_the_caption_quotes(grid_data):
    """The static figure's caption, summary and alt text quote these values (both languages)."""
    from figgen.figures.explorer_grid import FIGURE

    s, config, _ = grid_data
    assert config["shown"] == [["sigmoid", "xavier"], ["relu", "he"]] and config["shown_depth"] == 30
    assert config["steps"] == 45 and config["lr"] == 0.1 and config["batch"] == 32 and config["probe"] == 256
    sigmoid, relu = ratio(s, "sigmoid", "xavier", 30), ratio(s, "relu", "he", 30)
    assert -18.5 < math.log10(sigmoid) < -17.5, sigmoid                      # "about 10⁻¹⁸"
    assert f"{relu:.1f}" == "0.8", relu
    relu_loss, sigmoid_loss = ys(s, "relu", "he", 30, "loss")[-1], ys(s, "sigmoid", "xavier", 30, "loss")[-1]
    assert (f"{relu_loss:.2f}", f"{sigmoid_loss:.2f}") == ("2.26", "2.31"), (relu_loss, sigmoid_loss)
    assert all(0.08 < v < 0.2 for v in ys(s, "sigmoid", "xavier", 30, "std")[1:])   # "about 0.1" (layer 1: 0.2)
    assert all(0.4 < v < 0.9 for v in ys(s, "relu", "he", 30, "std"))               # "0.4 to 0.9"
    grad = ys(s, "sigmoid", "xavier", 30, "grad")
    assert grad[0] < 1e-18 and 0.05 < grad[-1] < 0.2, (grad[0], grad[-1])            # alt text
    for lang in ("ja", "en"):
        for quoted in ("10⁻¹⁸", "0.8", "2.26", "2.31", "0.4", "0.9", "45", "0.1"):
            assert quoted in FIGURE.caption[lang], (lang, quoted)
        assert "10⁻¹⁸" in FIGURE.summary[lang] and "0.8" in FIGURE.summary[lang], lang
