"""Drive Material's search box the way a reader does."""

from __future__ import annotations

_META = ".md-search-result__meta"


def search(page, query: str, timeout: float = 15_000) -> list[dict]:
    """Type `query` into the page's search box; return the result articles (title, href).

    The box is emptied first, so the result line shows its placeholder; the results of `query`
    are the first thing that replaces it (never the previous query's results).
    """
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press("End")
    # Material's own words for an empty query (page language), from its config block
    placeholder = page.evaluate("() => JSON.parse(document.getElementById('__config').textContent)"
                                ".translations['search.result.placeholder']")
    page.wait_for_function(
        "([sel, text]) => { const m = document.querySelector(sel); return m && m.textContent.trim() === text.trim(); }",
        arg=[_META, placeholder], timeout=timeout,
    )
    box.fill(query)
    box.press("End")  # fill() fires input events; Material also listens to keyup
    page.wait_for_function(
        "([sel, before]) => { const m = document.querySelector(sel); return m && m.textContent.trim() !== before.trim(); }",
        arg=[_META, placeholder], timeout=timeout,
    )
    page.wait_for_timeout(400)  # fill() and the End key may both search: let the list settle
    groups = page.locator(".md-search-result__item")  # one per page; its links: page, sections
    # Material renders ten results, then four more each time the list's end scrolls into view:
    # scroll until all the results the result line counts are there (or nothing more comes).
    digits = "".join(c for c in page.locator(_META).inner_text() if c.isdigit())
    total = int(digits) if digits else 0
    stalled = 0
    while groups.count() < total and stalled < 6:
        count = groups.count()
        page.evaluate("() => { const w = document.querySelector('.md-search__scrollwrap');"
                      " if (w) w.scrollTop = Math.max(0, w.scrollHeight - w.clientHeight - 400); }")
        page.wait_for_timeout(60)
        page.evaluate("() => { const w = document.querySelector('.md-search__scrollwrap');"
                      " if (w) w.scrollTop = w.scrollHeight; }")
        page.wait_for_timeout(120)
        stalled = stalled + 1 if groups.count() == count else 0
    items = page.locator(".md-search-result__item > a:first-child")
    results = []
    for i in range(items.count()):
        link = items.nth(i)
        heading = link.locator("h1, h2")
        title = heading.first.inner_text() if heading.count() else ""
        results.append({"title": title.replace("\u200b", ""), "href": link.get_attribute("href")})
    return results
