"""Small fixes to the HTML that Material for MkDocs writes, each against its exact markup.

Written against mkdocs-material 9.8.1 (`TESTED_VERSION`). Each fix looks for a fixed piece of
Material's markup and raises `MaterialMarkupChanged` when it is not there, so that a Material
upgrade fails the build with a clear message instead of silently dropping the fix;
tests/kobai/test_compat_material.py checks every fix against the installed Material's templates.

`keep_search_entries` memoizes the search plugin's `SearchIndex.add_entry_from_context` (which
parses each page's HTML into sections: 1.4 s of a 12 s warm build) by the page's content, so an
unchanged page's entries come from .cache/ (kobai/build_cache.py).

The other places that depend on Material's internals name this version too, and the same test
checks that they do: overrides/main.html (the search worker's URL in the config block) and
docs/assets/javascripts/workers/kobai-search.js (Material's worker messages and index format).
"""

from __future__ import annotations

import copy
import hashlib
import html
import json
import re
from pathlib import Path

PACKAGE = "mkdocs-material"
TESTED_VERSION = "9.8.1"

# partials/search.html: the search overlay is a dialog without a name (axe: aria-dialog-name).
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_SEARCH_LABEL = re.compile(r'<input type="text" class="md-search__input" name="query" aria-label="([^"]*)"')


# base.html: Material's bundle is a classic script at the end of <body>, which still blocks the
# parser until it has loaded (Lighthouse: render-blocking). Deferred, it runs after parsing and
# before DOMContentLoaded, which is when Material starts; scripts after it must be deferred too
# (page_js in overrides/main.html is; mkdocs.yml's extra_javascript entries then need `defer: true`).
_BUNDLE = re.compile(r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js)"></script>')


# base.html, block site_meta: one <link rel="alternate" hreflang> per entry of extra.alternate,
# which static-i18n fills with this page in every language (for the language switch). Material's
# script fetches `sitemap.xml` next to each of them (a 404 on every page but the home page); the
# language switch works through its own links, and search engines read the alternates from
# sitemap.xml. Material's RSS alternates (type="application/rss+xml") are kept.
_HREFLANG_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"<>]*" hreflang="[^"<>]*">')


class MaterialMarkupChanged(RuntimeError):
    pass


def name_search_dialog(page: str) -> str:
    """Give the search dialog the accessible name of its own search box (Material's "Search" in
    the page's language)."""
    if SEARCH_DIALOG not in page:
        if 'data-md-component="search"' in page:
            raise MaterialMarkupChanged(
                f"Material's search dialog markup changed (kobai/compat/material.py was written for mkdocs-material "
                f"{TESTED_VERSION}): expected {SEARCH_DIALOG!r}")
        return page  # a page without search (search plugin off)
    label = _SEARCH_LABEL.search(page)
    if label is None:
        raise MaterialMarkupChanged("Material's search box lost its aria-label: kobai/compat/material.py "
                                    f"was written for mkdocs-material {TESTED_VERSION}")
    named = SEARCH_DIALOG[:-1] + f' aria-label="{html.escape(html.unescape(label.group(1)))}">'
    return page.replace(SEARCH_DIALOG, named, 1)


def defer_bundle(page: str) -> str:
    """Load Material's script without blocking the parser."""
    if "assets/javascripts/bundle." not in page:
        return page
    deferred, count = _BUNDLE.subn(r'<script src="\1" defer></script>', page, count=1)
    if count != 1:
        raise MaterialMarkupChanged("Material's bundle <script> tag changed: kobai/compat/material.py "
                                    f"was written for mkdocs-material {TESTED_VERSION}")
    return deferred


def without_hreflang_alternates(page: str) -> str:
    """The page without the language alternates of its <head> (they live in sitemap.xml)."""
    head_end = page.find("</head>")
    if head_end < 0:
        return page
    head, count = _HREFLANG_ALTERNATE.subn("", page[:head_end])
    if count == 0 and "hreflang=" in head:
        raise MaterialMarkupChanged("Material's hreflang <link> tags changed: kobai/compat/material.py "
                                    f"was written for mkdocs-material {TESTED_VERSION}")
    return head + page[head_end:]


def fix_page(page: str) -> str:
    """Every fix of this module, in order."""
    return without_hreflang_alternates(defer_bundle(name_search_dialog(page)))


def search_entries_version() -> str:
    """Search entries depend on Material's code, and on jieba when it is installed (it segments Chinese)."""
    from material.plugins.search import plugin as search

    return hashlib.sha256(f"{TESTED_VERSION} jieba={search.jieba is not None}".encode()
                          + Path(__file__).read_bytes()).hexdigest()[:16]


def keep_search_entries(kept) -> None:
    """Make Material's search index take an unchanged page's entries from `kept`
    (a kobai.build_cache.KeptAnswers of `search_entries_version()`); other pages are indexed by
    Material as always, and their entries are kept for the next build."""
    from material.plugins.search.plugin import SearchIndex

    from kobai.build_cache import MISSING

    original = getattr(SearchIndex.add_entry_from_context, "__wrapped__", SearchIndex.add_entry_from_context)

    def add_entry_from_context(index, page):
        key = _page_key(page)
        entries = kept.get(key)
        if entries is MISSING:
            before = len(index.entries)
            original(index, page)
            kept.put(key, copy.deepcopy(index.entries[before:]))
        else:
            index.entries.extend(copy.deepcopy(entries))

    add_entry_from_context.__wrapped__ = original
    SearchIndex.add_entry_from_context = add_entry_from_context


def _page_key(page) -> str:
    """Everything `add_entry_from_context` reads of a page: its HTML, URL, title, front matter and
    table of contents."""
    def anchors(items):
        for item in items:
            yield item.url
            yield from anchors(item.children)

    described = json.dumps([page.url, page.title, page.meta, list(anchors(page.toc or []))],
                           ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(described.encode() + b"\0" + (page.content or "").encode()).hexdigest()
