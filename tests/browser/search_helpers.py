"""Drive Material's search box the way a reader does."""

from __future__ import annotations


def search(page, query: str, timeout: float = 15_000) -> list[dict]:
    """Type `query` into the open page's search box; return the result articles (title, href)."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # fill() fires input events; keyup is what Material listens to as well
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && !/^\\s*$/.test(m.textContent) && !m.textContent.includes('…') &&"
        " document.querySelector('.md-search-result__list') !== null }",
        timeout=timeout,
    )
    page.wait_for_timeout(300)  # results render in a frame after the meta line
    items = page.locator(".md-search-result__item > a")
    results = []
    for i in range(items.count()):
        link = items.nth(i)
        title = link.locator("h1, h2").first.inner_text() if link.locator("h1, h2").count() else ""
        results.append({"title": title.replace("\u200b", ""), "href": link.get_attribute("href"), "meta": meta.inner_text()})
    return results
