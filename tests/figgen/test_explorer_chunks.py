"""explorer_chunks.chunks: the explorer page's files, cut from a data.json shaped like the real
`explorer-grid` one (same series names, full grid), with made-up numbers spanning many decades."""

from __future__ import annotations

import gzip
import json
import math
import random

import pytest

from figgen import explorer_chunks
from figgen.figures import explorer_grid

CONFIG = explorer_grid.CONFIG
STEPS = list(range(0, CONFIG["steps"] + 1, CONFIG["record_every"]))


def fake_data(seed: int = 0, config: dict = CONFIG) -> dict:
    """A data.json with every configuration of `config`: log-uniform values from 1e-30 to 1e30,
    some NaN, inf, null (as data.json writes non-finite values) and exact zeros."""
    rng = random.Random(seed)
    special = [math.nan, math.inf, -math.inf, None, 0.0]

    def value() -> float | None:
        return rng.choice(special) if rng.random() < 0.05 else 10 ** rng.uniform(-30, 30)

    series = []
    for key in explorer_grid.grid(config):
        depth = key[2]
        layers = list(range(1, depth + 1))
        series.append({"name": explorer_grid.name(*key, "grad"), "x": layers, "y": [value() for _ in layers]})
        series.append({"name": explorer_grid.name(*key, "std"), "x": layers, "y": [value() for _ in layers]})
        series.append({"name": explorer_grid.name(*key, "loss"), "x": STEPS, "y": [value() for _ in STEPS]})
    return {"id": "explorer-grid", "meta": {"config": config}, "series": series}


def same(original, encoded) -> bool:
    """Round-trip rule: non-finite and null become null; a number keeps 4 significant digits."""
    if original is None or not math.isfinite(original):
        return encoded is None
    if original == 0:
        return encoded == 0
    return encoded is not None and math.isclose(encoded, original, rel_tol=5e-4)


def test_one_chunk_per_activation_and_init_plus_the_index():
    result = explorer_chunks.chunks(fake_data())
    pairs = {f"{a}-{i}" for a in CONFIG["activations"] for i in CONFIG["inits"]}
    assert set(result) == pairs | {"index"}
    index = result["index"]
    assert index["activations"] == CONFIG["activations"] and index["inits"] == CONFIG["inits"]
    assert index["depths"] == CONFIG["depths"] and index["norms"] == CONFIG["norms"] and index["residual"] == [0, 1]
    assert set(index["chunks"]) == pairs
    assert index["chunks"]["leaky-relu-he"] == {"activation": "leaky-relu", "init": "he"}
    assert index["settings"]["steps"] == CONFIG["steps"] and index["settings"]["width"] == CONFIG["width"]


def test_every_config_is_in_exactly_one_chunk_with_its_values():
    data = fake_data()
    result = explorer_chunks.chunks(data)
    found = [(name, key) for name, chunk in result.items() if name != "index" for key in chunk["configs"]]
    assert len(found) == len(set(found)) == len(explorer_grid.grid(CONFIG)) == 600
    by_name = {s["name"]: s for s in data["series"]}
    for activation, init, depth, norm, residual in explorer_grid.grid(CONFIG):
        chunk = result[f"{activation}-{init}"]
        assert chunk["activation"] == activation and chunk["init"] == init and chunk["depths"] == CONFIG["depths"]
        entry = chunk["configs"][f"{depth}|{norm}|{int(residual)}"]
        assert set(entry) == {"grad", "std", "loss", "steps"}
        assert entry["steps"] == STEPS
        for view in ("grad", "std", "loss"):
            original = by_name[explorer_grid.name(activation, init, depth, norm, residual, view)]["y"]
            assert len(entry[view]) == len(original)
            assert all(same(o, e) for o, e in zip(original, entry[view])), (activation, init, depth, norm, residual, view)


def test_nan_and_infinity_become_null_and_the_text_is_strict_json():
    data = fake_data(config={**CONFIG, "activations": ["relu"], "inits": ["large"], "depths": [5]})
    data["series"][0]["y"] = [math.nan, math.inf, -math.inf, None, 1234567.0]
    result = explorer_chunks.chunks(data)
    grad = result["relu-large"]["configs"]["5|none|0"]["grad"]
    assert grad == [None, None, None, None, 1235000.0]
    text = explorer_chunks.to_json(result["relu-large"])
    assert "NaN" not in text and "Infinity" not in text and " " not in text
    assert json.loads(text) == result["relu-large"]


def test_four_significant_digits():
    data = fake_data(config={**CONFIG, "activations": ["tanh"], "inits": ["he"], "depths": [5], "norms": ["none"],
                             "residual": [False]})
    data["series"][0]["y"] = [0.000123456, 1.23456e-19, 2.302585093, 98765.4321, 0.0]
    grad = explorer_chunks.chunks(data)["tanh-he"]["configs"]["5|none|0"]["grad"]
    assert grad == [0.0001235, 1.235e-19, 2.303, 98770.0, 0.0]


def test_malformed_names_and_missing_views_are_refused():
    with pytest.raises(ValueError, match="not an explorer series name"):
        explorer_chunks.chunks({"series": [{"name": "relu|he|5|none|yes|grad", "x": [1], "y": [1.0]}]})
    data = fake_data(config={**CONFIG, "activations": ["relu"], "inits": ["he"], "depths": [5]})
    data["series"] = [s for s in data["series"] if not s["name"].endswith("|std")]
    with pytest.raises(ValueError, match="no std series"):
        explorer_chunks.chunks(data)


def test_chunks_are_small():
    """Worst case for size: every number has 4 digits and an exponent. The page fetches one chunk
    per (activation, init) change; the largest gzipped must stay a small download."""
    result = explorer_chunks.chunks(fake_data())
    sizes = {name: len(gzip.compress(explorer_chunks.to_json(chunk).encode("utf-8"), 9)) for name, chunk in result.items()}
    largest = max(sizes, key=sizes.get)
    print(f"largest chunk {largest}: {sizes[largest]} bytes gzipped")
    assert sizes[largest] < 16_000, sizes
    assert sizes["index"] < 2_000, sizes["index"]
