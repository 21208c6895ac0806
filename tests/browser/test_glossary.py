"""The glossary in Chromium: the index filter (readings, romaji, English), a term page, the
language switch on it, and tooltips in an article — in both languages."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def _visible_terms(page) -> list[str]:
    return page.locator(".glossary-list > li:not([hidden]) a strong").all_inner_texts()


@pytest.mark.parametrize("query", ["こうばい", "コウバイ", "kōbai", "koubai", "kobai", "勾配", "gradient"])
def test_japanese_index_filter_finds_kobai_every_way(page, site_url, query):
    page.goto(site_url + "glossary/")
    box = page.locator(".glossary-filter__input")
    assert box.is_visible()
    total = page.locator(".glossary-list > li").count()
    box.fill(query)
    shown = _visible_terms(page)
    assert "勾配" in shown and len(shown) < total
    assert page.locator(".glossary-filter__count").inner_text().startswith(f"{len(shown)} / {total}")


def test_filter_is_keyboard_friendly(page, site_url):
    page.goto(site_url + "glossary/")
    box = page.locator(".glossary-filter__input")
    box.fill("ばくはつ")
    assert _visible_terms(page)[0] == "勾配爆発"
    box.press("Enter")
    page.wait_for_url("**/glossary/exploding-gradient/")
    page.go_back()
    box = page.locator(".glossary-filter__input")
    box.fill("量子色力学")
    assert _visible_terms(page) == [] and page.locator(".glossary-filter__none").is_visible()
    box.press("Escape")
    assert len(_visible_terms(page)) == page.locator(".glossary-list > li").count()


def test_english_index_filter(page, site_url):
    page.goto(site_url + "en/glossary/")
    box = page.locator(".glossary-filter__input")
    box.fill("explod")
    assert "exploding gradient" in [t.lower() for t in _visible_terms(page)]
    box.fill("こうばいばくはつ")  # Japanese readings work on the English index too
    assert [t.lower() for t in _visible_terms(page)] == ["exploding gradient"]


def test_index_lists_everything_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "glossary/")
    assert page.locator(".glossary-list > li").count() >= 60
    assert page.locator(".glossary-jumps a").count() >= 5  # kana section jumps
    context.close()


@pytest.mark.parametrize("prefix, heading, related", [("", "勾配爆発", "勾配消失"), ("en/", "exploding gradient", "vanishing gradient")])
def test_term_page(page, site_url, prefix, heading, related):
    page.goto(site_url + prefix + "glossary/exploding-gradient/")
    assert page.locator("article h1").inner_text().strip().lower().startswith(heading.lower())
    assert "こうばいばくはつ" in page.locator("article").inner_text()
    link = page.locator("article li a", has_text=related).first
    link.click()
    page.wait_for_url(f"**/{prefix}glossary/vanishing-gradient/")


def test_language_switch_on_a_term_page_keeps_the_term(page, site_url):
    page.goto(site_url + "glossary/exploding-gradient/")
    page.locator(".md-header__option .md-select").first.hover()
    page.locator(".md-select__link:text-is('English')").first.click()
    page.wait_for_load_state("load")
    assert page.url == site_url + "en/glossary/exploding-gradient/"


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_article_tooltips_link_to_term_pages(page, site_url, prefix):
    page.goto(site_url + prefix + "problems/exploding/")
    terms = page.locator("article a.glossary-term")
    assert terms.count() >= 3
    first = terms.first
    assert first.get_attribute("title")
    href = first.get_attribute("href")
    first.click()
    page.wait_for_load_state("load")
    assert f"/{prefix}glossary/" in page.url, (href, page.url)


@pytest.mark.parametrize("prefix, scheme", [("", "light"), ("en/", "dark")])
def test_term_map_is_drawn_readable_and_reachable_by_keyboard(browser, site_url, prefix, scheme):
    """The neighbourhood map: its nodes are links that the keyboard reaches and that open the term's
    page; in both colour schemes its labels keep at least 4.5:1 against their boxes."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + prefix + "glossary/vanishing-gradient/")
    nodes = page.locator(".term-map a.term-map__node")
    assert nodes.count() >= 10 and page.locator(".term-map__node--centre").count() == 1
    contrast = page.evaluate("""() => {
        const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
        const lum = c => { const v = rgb(c).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
                           return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
        return [...document.querySelectorAll('.term-map__node')].map(n => {
            const fg = lum(getComputedStyle(n.querySelector('text')).fill);
            let bg = getComputedStyle(n.querySelector('rect')).fill;
            if (!bg.startsWith('rgb')) bg = getComputedStyle(document.body).backgroundColor;
            const [a, b] = [fg, lum(bg)].sort((x, y) => y - x);
            return (a + 0.05) / (b + 0.05);
        });
    }""")
    assert min(contrast) >= 4.5, contrast
    # keyboard: Tab from the map's scroll region lands on its first link; Enter opens that term
    page.locator(".term-map__scroll").first.focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert focused and focused.startswith("../")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{prefix}glossary/{focused.strip('./')}/")
    context.close()


def test_the_whole_glossary_map_links_every_term(page, site_url):
    page.goto(site_url + "glossary/")
    page.locator("article a[href$='map/']").first.click()
    page.wait_for_url("**/glossary/map/")
    listed = page.evaluate("() => new Set([...document.querySelectorAll('.term-map__svg a')].map(a => a.getAttribute('href'))).size")
    page.goto(site_url + "glossary/")
    assert listed == page.locator(".glossary-list > li").count()
