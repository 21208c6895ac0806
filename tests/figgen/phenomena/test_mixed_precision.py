"""mixed-precision: vanishing input-side gradients underflow to 0 in float16; loss scaling keeps them."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_mixed_precision(figure_data):
    data = figure_data("mixed-precision")
    series = {s["name"]: s for s in data["series"]}
    assert set(series) == {"fp16", "fp16-scaled"}
    depth = data["meta"]["config"]["depth"]
    plain, scaled = series["fp16"]["y"], series["fp16-scaled"]["y"]
    for s in series.values():
        assert s["x"] == list(range(1, depth + 1))
        # a layer whose (scaled) gradient overflows float16 is stored as inf, i.e. null: there must be none
        assert all(y is not None and 0 <= y <= 1 for y in s["y"]), s
    assert plain[0] >= 0.5, plain            # most of layer 1's gradient is lost in float16
    assert scaled[0] <= plain[0] / 10, (plain, scaled)
    assert plain[-1] <= 0.05 and scaled[-1] <= 0.05, (plain, scaled)  # the output side barely loses anything
    assert all(s <= p for s, p in zip(scaled, plain))


def test_the_numbers_the_articles_quote(figure_data):
    """practice/monitoring ("Mixed precision") quotes these values in both languages."""
    import re
    from pathlib import Path

    from figgen.figures.mixed_precision import FIGURE

    data = figure_data("mixed-precision")
    series = {s["name"]: s for s in data["series"]}
    plain, scaled = series["fp16"]["y"], series["fp16-scaled"]["y"]
    assert data["meta"]["config"]["depth"] == 12
    assert f"{plain[0]:.0%}" == "100%"     # layer 1, no scaling
    assert f"{plain[3]:.0%}" == "58%"      # layer 4, no scaling
    assert all(p == 0 for p in plain[6:])  # nothing lost from layer 7 on
    assert all(f"{s:.0%}" == "0%" for s in scaled)  # with loss scaling, in every layer
    # S is not in data.json: the back-off starts at 2^24 and the caption states where it stopped, 2^21
    assert data["meta"]["config"]["initial_scale"] >= 2.0 ** 21
    assert "2²¹" in FIGURE.caption.ja and "2²¹" in FIGURE.caption.en

    docs = Path(__file__).resolve().parents[3] / "docs" / "practice"
    for lang in ("ja", "en"):
        text = (docs / f"monitoring.{lang}.md").read_text(encoding="utf-8")
        assert '{{ figure("mixed-precision") }}' in text, lang
        for q in ("100%", "58%", "S = 2^{21}", r"2^{-24} \approx 6 \times 10^{-8}", "65504"):
            assert q in text, (lang, q)
        assert re.search(r"(?<![0-9.])0%", text), lang  # "0%" on its own, not the tail of "100%"
