"""learning-rate: the same MLP and batches; a too-small rate crawls, a good one converges, a too-large one diverges."""

from __future__ import annotations

import math

import pytest

pytestmark = pytest.mark.slow

NAMES = ("too-small", "good", "too-large")


@pytest.fixture(scope="module")
def data(figure_data):
    return figure_data("learning-rate")


def _series(data):
    return {s["name"]: s for s in data["series"]}


def _mean(values):
    return sum(values) / len(values)


def test_series_names_and_setup(data):
    s = _series(data)
    assert set(s) == set(NAMES)
    lrs = data["meta"]["config"]["lrs"]
    assert lrs["too-small"] < lrs["good"] < lrs["too-large"]
    for name in NAMES:
        assert s[name]["x"] == s["good"]["x"] and len(s[name]["x"]) >= 50
    # same initial weights and first batch: the three runs start from the same loss
    assert s["too-small"]["y"][0] == s["good"]["y"][0] == s["too-large"]["y"][0]
    for name in ("too-small", "good"):
        assert all(y is not None and math.isfinite(y) for y in s[name]["y"])


def test_good_converges_and_too_small_crawls(data):
    s = _series(data)
    head = {name: _mean(s[name]["y"][:10]) for name in ("too-small", "good")}
    tail = {name: _mean(s[name]["y"][-10:]) for name in ("too-small", "good")}
    assert tail["good"] < 0.15, tail                          # converges
    assert tail["good"] < 0.1 * head["good"], (head, tail)
    assert tail["too-small"] < head["too-small"] - 0.5, (head, tail)  # it does go down ...
    assert tail["too-small"] > 1.0, tail                      # ... but slowly: still far from converged
    assert tail["too-small"] > 5 * tail["good"], tail


def test_too_large_diverges(data):
    y = _series(data)["too-large"]["y"]
    finite = [v for v in y if v is not None and math.isfinite(v)]
    diverged = len(finite) < len(y) or max(finite) > 100 * y[0]
    assert diverged, y
    assert max(finite) > 1e6 * y[0], max(finite)               # far above where it started
