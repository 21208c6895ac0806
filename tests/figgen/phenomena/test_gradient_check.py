"""gradient-check: the central-difference error is V-shaped in ε, and float32 cannot check gradients as finely as float64."""

from __future__ import annotations

import math

import pytest

pytestmark = pytest.mark.slow


def test_gradient_check(figure_data):
    data = figure_data("gradient-check")
    series = {s["name"]: s for s in data["series"]}
    assert set(series) == {"float64", "float32"}
    minima = {}
    for name, s in series.items():
        assert s["x"] == sorted(s["x"]) and s["x"][0] <= 1e-10 and s["x"][-1] >= 1e-1
        assert all(y is not None and math.isfinite(y) and 0 <= y <= 1 for y in s["y"])
        best = min(range(len(s["y"])), key=lambda i: s["y"][i])
        assert 0 < best < len(s["y"]) - 1, f"{name}: the minimum must be interior (a V), not at an end"
        assert s["y"][0] > 100 * s["y"][best] and s["y"][-1] > 100 * s["y"][best], name
        minima[name] = s["y"][best]
    assert minima["float64"] <= 1e-8, minima
    assert minima["float32"] / minima["float64"] >= 1e4, minima
    # truncation error is the same in both precisions: at the largest ε the two curves agree
    assert series["float32"]["y"][-1] == pytest.approx(series["float64"]["y"][-1], rel=0.05)
    # for tiny ε, float32 cannot even tell f(θ+ε) from f(θ−ε): the error is ~1
    assert series["float32"]["y"][0] > 0.5


def test_the_numbers_the_articles_quote(figure_data):
    """practice/gradient-checking quotes these values in both languages."""
    from pathlib import Path

    series = {s["name"]: s for s in figure_data("gradient-check")["series"]}

    def one_digit(v: float) -> str:  # 3.016e-10 -> "3 \times 10^{-10}"
        mantissa, exponent = f"{v:.0e}".split("e")
        return rf"{mantissa} \times 10^{{{int(exponent)}}}"

    def at(name: str, eps: float) -> float:
        s = series[name]
        return next(y for x, y in zip(s["x"], s["y"]) if x == pytest.approx(eps, rel=1e-6))

    best = {name: min(zip(s["y"], s["x"])) for name, s in series.items()}  # (error, ε) at the minimum
    quoted = []
    # float64: the error falls to 3e-10 at h ≈ 3e-5
    assert one_digit(best["float64"][0]) == r"3 \times 10^{-10}"
    assert one_digit(best["float64"][1]) == r"3 \times 10^{-5}"
    quoted += [r"3 \times 10^{-10}", r"h \approx 3 \times 10^{-5}"]
    # float32: at best 3e-4, for h between 3e-3 and 3e-2 (the minimum itself at 3e-2)
    assert one_digit(best["float32"][0]) == r"3 \times 10^{-4}"
    assert one_digit(best["float32"][1]) == r"3 \times 10^{-2}"
    for eps in (10 ** -2.5, 1e-2, 10 ** -1.5):
        assert one_digit(at("float32", eps)) == r"3 \times 10^{-4}", eps
    quoted += [r"3 \times 10^{-4}", r"3 \times 10^{-3}", r"3 \times 10^{-2}"]
    # float32 with the float64 choice h = 1e-5: 0.44; from h = 1e-6 down, about 1
    assert f"{at('float32', 1e-5):.2f}" == "0.44"
    assert all(y > 0.9 for x, y in zip(series["float32"]["x"], series["float32"]["y"]) if x <= 1e-6 * (1 + 1e-9))
    quoted += ["0.44", r"h \le 10^{-6}"]

    docs = Path(__file__).resolve().parents[3] / "docs" / "practice"
    for lang in ("ja", "en"):
        text = (docs / f"gradient-checking.{lang}.md").read_text(encoding="utf-8")
        assert '{{ figure("gradient-check") }}' in text, lang
        for q in quoted:
            assert q in text, (lang, q)
