"""kobai/katex_subset.py: which characters KaTeX's output shows, and fonts cut to them. (That the
cut fonts draw the math pixel for pixel as the whole ones is checked in tests/browser/test_math.py.)"""

from __future__ import annotations

import io
from pathlib import Path

from fontTools.ttLib import TTFont

from kobai import katex, katex_subset

FONTS = Path(__file__).resolve().parents[2] / "docs" / "assets" / "vendor" / "katex" / "fonts"


def test_characters_are_those_drawn_not_the_tex_source():
    rendered = katex.render(r"\delta^2 \le \tfrac14", False)
    shown = katex_subset.characters([rendered, "<span>&amp;</span>"])
    assert {"δ", "2", "≤", "1", "4", "&"} <= set(shown)
    assert "\\" not in shown and "t" not in shown, "the TeX in <annotation> is not drawn"
    assert list(shown) == sorted(shown)


def test_a_subset_keeps_the_characters_asked_and_the_hinting_references_only():
    whole = (FONTS / "KaTeX_Main-Regular.woff2").read_bytes()
    smaller = katex_subset.subset_woff2(whole, "=+()≤")
    assert len(smaller) < len(whole) / 2
    cmap = TTFont(io.BytesIO(smaller)).getBestCmap()
    kept = {chr(code) for code in cmap}
    assert set("=+()≤") <= kept
    assert set("THEZOCQSxzroesc") <= kept, "FreeType's auto-hinter measures the font on these"
    assert "∑" not in kept and "‰" not in kept


def test_publish_replaces_only_used_fonts_and_keeps_subsets_between_builds(tmp_path, monkeypatch):
    folder = tmp_path / "katex"
    (folder / "fonts").mkdir(parents=True)
    for name in ("KaTeX_Main-Regular.woff2", "KaTeX_AMS-Regular.woff2"):
        (folder / "fonts" / name).write_bytes((FONTS / name).read_bytes())
    stored = katex_subset.StoredSubsets(tmp_path / "katex-fonts.json")
    sizes = katex_subset.publish(folder, ["fonts/KaTeX_Main-Regular.woff2"], "=+x", stored)
    stored.save()
    assert list(sizes) == ["fonts/KaTeX_Main-Regular.woff2"] and sizes["fonts/KaTeX_Main-Regular.woff2"][1] < 15000
    assert (folder / "fonts" / "KaTeX_AMS-Regular.woff2").read_bytes() == (FONTS / "KaTeX_AMS-Regular.woff2").read_bytes()

    (folder / "fonts" / "KaTeX_Main-Regular.woff2").write_bytes((FONTS / "KaTeX_Main-Regular.woff2").read_bytes())
    monkeypatch.setattr(katex_subset, "subset_woff2", lambda *a: (_ for _ in ()).throw(AssertionError("cut again")))
    again = katex_subset.publish(folder, ["fonts/KaTeX_Main-Regular.woff2"], "=+x",
                                 katex_subset.StoredSubsets(tmp_path / "katex-fonts.json"))
    assert again == sizes


def test_a_subset_is_the_same_bytes_at_every_build(monkeypatch):
    """fontTools stamps the save time into a font unless told not to: builds would differ."""
    import time

    whole = (FONTS / "KaTeX_Main-Regular.woff2").read_bytes()
    first = katex_subset.subset_woff2(whole, "abc")
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 86400)
    assert katex_subset.subset_woff2(whole, "abc") == first
