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


def test_the_numbers_the_articles_quote(data):
    """basics/gradient ("A learning rate too large or too small") quotes these values in both languages."""
    from pathlib import Path

    s = _series(data)
    config = data["meta"]["config"]
    quoted = []
    # the setup: one hidden layer of width 32, 300 steps, learning rates 0.003, 0.3 and 3.0
    assert (config["depth"], config["width"], config["steps"]) == (1, 32, 300)
    assert config["lrs"] == {"too-small": 0.003, "good": 0.3, "too-large": 3.0}
    quoted += ["32", "300", "0.003", "0.3", "3.0"]
    # too small: still 1.7 after 300 steps
    assert s["too-small"]["x"][-1] == config["steps"] - 1
    assert f"{s['too-small']['y'][-1]:.1f}" == "1.7", s["too-small"]["y"][-1]
    quoted.append("1.7")
    # good: settles at about 0.03 (mean of the last 10 records)
    assert f"{_mean(s['good']['y'][-10:]):.2f}" == "0.03", s["good"]["y"][-10:]
    quoted.append("0.03")
    # too large: 10^36 at step 240, NaN right after (the next record)
    x, y = s["too-large"]["x"], s["too-large"]["y"]
    at_240 = y[x.index(240)]
    assert math.floor(math.log10(at_240)) == 36, at_240
    first_bad = next(i for i, v in enumerate(y) if v is None or not math.isfinite(v))
    assert x[first_bad - 1] == 240, x[first_bad]
    quoted += ["240", r"10^{36}", "NaN"]

    docs = Path(__file__).resolve().parents[3] / "docs" / "basics"
    for lang in ("ja", "en"):
        text = (docs / f"gradient.{lang}.md").read_text(encoding="utf-8")
        assert '{{ figure("learning-rate") }}' in text, lang
        for q in quoted:
            assert q in text, (lang, q)
