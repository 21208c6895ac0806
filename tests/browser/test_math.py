"""Math typeset at build time, as a reader's browser shows it: laid out by KaTeX's stylesheet in
KaTeX's own fonts, with no KaTeX script on the page. A screenshot of one formula per language is
kept in test-artifacts/math/ to look at."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "math"
KATEX_MAIN_LOADED = """async () => {
  await document.fonts.ready;
  const faces = [...document.fonts].filter(f => f.family.replace(/["']/g, "") === "KaTeX_Main");
  return {check: document.fonts.check("16px KaTeX_Main"), loaded: faces.some(f => f.status === "loaded")};
}"""


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_display_math_is_laid_out_in_katex_fonts_without_a_script(page, site_url, prefix):
    page.goto(site_url + prefix + "basics/backpropagation/")
    page.wait_for_load_state("load")
    formula = page.locator("article .katex-display").first
    formula.scroll_into_view_if_needed()
    box = formula.bounding_box()
    assert box and box["width"] > 50 and box["height"] > 10, box
    # the stylesheet applies: KaTeX's HTML is shown, its MathML copy is only for screen readers
    assert formula.locator(".katex-html").first.is_visible()
    assert formula.locator(".katex-mathml").first.evaluate("e => getComputedStyle(e).position") == "absolute"
    # check() alone is also true when no KaTeX_Main face exists at all: the face must have loaded
    assert page.evaluate(KATEX_MAIN_LOADED) == {"check": True, "loaded": True}
    assert page.evaluate("() => typeof window.katex") == "undefined"
    assert page.locator(".katex-error").count() == 0
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    formula.screenshot(path=str(ARTIFACTS / f"backpropagation-{prefix.strip('/') or 'ja'}.png"))
