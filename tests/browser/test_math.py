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


KATEX_FONTS = Path(__file__).resolve().parents[2] / "docs" / "assets" / "vendor" / "katex" / "fonts"
# pages whose formulas use, between them, KaTeX's Main, Math-Italic, AMS and Size fonts
FONT_PAGES = ["basics/backpropagation/", "remedies/activations/", "problems/vanishing/"]


def _math_pictures(browser, url: str, whole_fonts: bool) -> tuple[list[bytes], dict[str, int]]:
    """Screenshots of the page's formulas, with the fonts the site publishes or KaTeX's whole ones."""
    context = browser.new_context(viewport={"width": 800, "height": 900}, locale="ja-JP")
    served: dict[str, int] = {}

    def font(route):
        name = route.request.url.rsplit("/", 1)[-1]
        if whole_fonts:
            body = (KATEX_FONTS / name).read_bytes()
            route.fulfill(status=200, body=body, headers={"Content-Type": "font/woff2", "Access-Control-Allow-Origin": "*"})
        else:
            response = route.fetch()
            body = response.body()
            route.fulfill(response=response)
        served[name] = len(body)

    try:
        page = context.new_page()
        page.route("**/katex/fonts/*.woff2", font)
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.evaluate("document.fonts.ready.then(() => true)")
        formulas = page.locator("article .katex")
        pictures = []
        for i in range(min(formulas.count(), 40)):
            formula = formulas.nth(i)
            formula.scroll_into_view_if_needed()
            page.evaluate("document.fonts.ready.then(() => true)")
            pictures.append(formula.screenshot())
        return pictures, served
    finally:
        context.close()


@pytest.mark.parametrize("path", FONT_PAGES)
def test_the_published_fonts_draw_the_math_exactly_as_katexs_whole_fonts(browser, site_url, path):
    """kobai/katex_subset.py keeps only the characters the site's formulas show."""
    published, published_sizes = _math_pictures(browser, site_url + path, whole_fonts=False)
    whole, whole_sizes = _math_pictures(browser, site_url + path, whole_fonts=True)
    assert set(published_sizes) == set(whole_sizes) and len(published) >= 10
    assert sum(published_sizes.values()) < 0.8 * sum(whole_sizes.values()), (published_sizes, whole_sizes)
    different = [i for i, (a, b) in enumerate(zip(published, whole)) if a != b]
    assert len(published) == len(whole) and different == [], f"formulas drawn differently: {different}"
