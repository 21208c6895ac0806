"""Drive Material's search box the way a reader does."""

from __future__ import annotations

_META = ".md-search-result__meta"


def search(page, query: str, timeout: float = 15_000, until=None) -> list[dict]:
    """Type `query` into the page's search box; return the result articles (title, href).

    The box is emptied first, so the result line shows its placeholder; the results of `query`
    are the first thing that replaces it (never the previous query's results).

    Material renders the first ten results, then more each time the list's end scrolls into view.
    Without `until`, the rendered ones are returned; with it (a test on the results so far), the
    list is scrolled only until `until(results)` holds or no more results come.
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
    results = _results(page)
    if until is None:
        return results
    digits = "".join(c for c in page.locator(_META).inner_text() if c.isdigit())
    total = int(digits) if digits else 0
    stalled = 0
    while not until(results) and len(results) < total and stalled < 6:
        count = len(results)
        page.evaluate("() => { const w = document.querySelector('.md-search__scrollwrap');"
                      " if (w) w.scrollTop = Math.max(0, w.scrollHeight - w.clientHeight - 400); }")
        page.wait_for_timeout(60)
        page.evaluate("() => { const w = document.querySelector('.md-search__scrollwrap');"
                      " if (w) w.scrollTop = w.scrollHeight; }")
        page.wait_for_timeout(120)
        results = _results(page)
        stalled = stalled + 1 if len(results) == count else 0
    return results


def _results(page) -> list[dict]:
    """The rendered result articles (one per page; its first link is the page), read in one call."""
    return page.evaluate("""() => [...document.querySelectorAll('.md-search-result__item > a:first-child')].map(link => {
        const heading = link.querySelector('h1, h2');
        return {title: heading ? heading.innerText.replaceAll('\u200b', '') : '', href: link.getAttribute('href')};
    })""")
