"""The built site in Debian's Chromium: both home pages, the language switch, math, dark mode,
notebooks and Japanese glyphs from a real font. Every test also fails on console errors."""

from __future__ import annotations

import re

import pytest

from tests.site.site_pages import pages

pytestmark = pytest.mark.browser

CJK_FONTS = re.compile(r"IPAex|IPA.*Gothic|Noto Sans CJK|Noto Serif CJK|Source Han", re.I)


def _first_page_with(built_site, lang, needle, prefix=""):
    for rel, path in sorted(pages(built_site, lang).items()):
        if rel.startswith(prefix) and rel and needle in path.read_text(encoding="utf-8"):
            return rel
    pytest.fail(f"no {lang} page under {prefix!r} contains {needle!r}")


def test_japanese_home_page(page, site_url):
    page.goto(site_url)
    assert page.locator("html").get_attribute("lang") == "ja"
    assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", page.locator("article h1").inner_text())


def test_english_home_page(page, site_url):
    page.goto(site_url + "en/")
    assert page.locator("html").get_attribute("lang") == "en"
    heading = page.locator("article h1").inner_text()
    assert re.search(r"[A-Za-z]{3}", heading) and not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", heading)


def _switch_language(page, label: str) -> None:
    page.locator(".md-header__option .md-select").first.hover()
    page.locator(f".md-select__link:text-is('{label}')").first.click()
    page.wait_for_load_state("load")


def test_language_switch_keeps_the_reader_on_the_same_page(page, site_url, built_site):
    article = next(rel for rel in sorted(pages(built_site, "ja")) if rel.count("/") >= 2)  # e.g. problems/vanishing/
    page.goto(site_url + article)
    _switch_language(page, "English")
    assert page.url == site_url + "en/" + article
    assert page.locator("html").get_attribute("lang") == "en"
    _switch_language(page, "日本語")
    assert page.url == site_url + article


def test_math_is_rendered_by_katex(page, site_url, built_site):
    rel = _first_page_with(built_site, "ja", 'class="arithmatex"')
    page.goto(site_url + rel)
    page.wait_for_selector(".arithmatex .katex")
    assert page.locator(".katex-error").count() == 0
    assert page.locator(".arithmatex .katex").count() == page.locator(".arithmatex").count()


def test_dark_mode_toggle(page, site_url):
    page.goto(site_url)
    body = page.locator("body")
    scheme = body.get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    page.wait_for_function(f"() => document.body.getAttribute('data-md-color-scheme') !== {scheme!r}")
    assert body.get_attribute("data-md-color-scheme") in {"slate", "default"} - {scheme}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_notebook_page_shows_its_figure(page, site_url, built_site, lang):
    rel = next(r for r in sorted(pages(built_site, lang)) if r.startswith("notebooks/"))
    page.goto(site_url + ("en/" if lang == "en" else "") + rel)
    image = page.locator(".jupyter-wrapper img").first
    image.scroll_into_view_if_needed()  # a lazy file beside the page: it loads once near the viewport
    page.wait_for_function("img => img.complete && img.naturalWidth > 100", arg=image.element_handle(), timeout=15_000)
    assert not image.get_attribute("src").startswith("data:")
    # Chromium takes the lossless WebP twin of the <picture>, at the PNG's size (kobai/lossless_webp.py).
    shown = image.evaluate("img => [img.currentSrc, img.naturalWidth, img.naturalHeight]")
    assert shown[0].endswith(".webp") and shown[1:] == [int(image.get_attribute("width")), int(image.get_attribute("height"))]
    # The notebook's styles come from the shared stylesheet, not inline.
    assert page.locator("article style").count() == 0


def test_japanese_text_is_drawn_with_a_cjk_font(page, site_url):
    page.goto(site_url)
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": "article h1"})["nodeId"]
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    assert fonts, "no font reported for the heading"
    assert any(CJK_FONTS.search(f["familyName"]) and f["glyphCount"] > 0 for f in fonts), fonts
