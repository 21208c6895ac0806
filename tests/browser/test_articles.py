"""Article behaviour in a real browser: self-check answers start folded and open on click,
the English site shows English section tabs, and each article's next pointer leads on."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

TABS = {"": ["ホーム", "基礎", "問題", "対策", "実践"], "en/": ["Home", "Basics", "Problems", "Remedies", "Practice"]}


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_self_check_answers_are_folded_until_clicked(page, site_url, prefix):
    page.goto(site_url + prefix + "problems/vanishing/")
    questions = page.locator("article details.question")
    assert questions.count() >= 2
    first = questions.first
    answer = first.locator("p").first
    assert first.get_attribute("open") is None and not answer.is_visible()
    first.locator("summary").click()
    assert answer.is_visible() and "0.25" in answer.inner_text()


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_section_tabs_are_in_the_page_language(page, site_url, prefix):
    page.set_viewport_size({"width": 1400, "height": 900})  # tabs show on wide screens only
    page.goto(site_url + prefix)
    tabs = [t.strip() for t in page.locator(".md-tabs__link").all_inner_texts()]
    assert tabs[: len(TABS[prefix])] == TABS[prefix]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_next_pointer_leads_from_gradient_to_backpropagation(page, site_url, prefix):
    page.goto(site_url + prefix + "basics/gradient/")
    heading = "次に読む" if not prefix else "Next"
    link = page.locator(f"article h2:text-is('{heading}') + p a:not(.glossary-term)").first  # not a term tooltip
    link.click()
    page.wait_for_load_state("load")
    assert re.search(rf"/{re.escape(prefix)}basics/backpropagation/$", page.url)
