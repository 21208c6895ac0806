"""Small fixes to the HTML that Material for MkDocs writes, each against its exact markup.

Written against mkdocs-material 9.8.1 (`TESTED_VERSION`). Each fix looks for a fixed piece of
Material's markup and raises `MaterialMarkupChanged` when it is not there, so that a Material
upgrade fails the build with a clear message instead of silently dropping the fix;
tests/kobai/test_material_html.py checks every fix against the installed Material.
"""

from __future__ import annotations

import html
import re

TESTED_VERSION = "9.8.1"

# partials/search.html: the search overlay is a dialog without a name (axe: aria-dialog-name).
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_SEARCH_LABEL = re.compile(r'<input type="text" class="md-search__input" name="query" aria-label="([^"]*)"')


# base.html: Material's bundle is a classic script at the end of <body>, which still blocks the
# parser until it has loaded (Lighthouse: render-blocking). Deferred, it runs after parsing and
# before DOMContentLoaded, which is when Material starts; scripts after it must be deferred too
# (page_js in overrides/main.html is; mkdocs.yml's extra_javascript entries then need `defer: true`).
_BUNDLE = re.compile(r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js)"></script>')


class MaterialMarkupChanged(RuntimeError):
    pass


def name_search_dialog(page: str) -> str:
    """Give the search dialog the accessible name of its own search box (Material's "Search" in
    the page's language)."""
    if SEARCH_DIALOG not in page:
        if 'data-md-component="search"' in page:
            raise MaterialMarkupChanged(
                f"Material's search dialog markup changed (kobai/material_html.py was written for mkdocs-material "
                f"{TESTED_VERSION}): expected {SEARCH_DIALOG!r}")
        return page  # a page without search (search plugin off)
    label = _SEARCH_LABEL.search(page)
    if label is None:
        raise MaterialMarkupChanged("Material's search box lost its aria-label: kobai/material_html.py "
                                    f"was written for mkdocs-material {TESTED_VERSION}")
    named = SEARCH_DIALOG[:-1] + f' aria-label="{html.escape(html.unescape(label.group(1)))}">'
    return page.replace(SEARCH_DIALOG, named, 1)


def defer_bundle(page: str) -> str:
    """Load Material's script without blocking the parser."""
    if "assets/javascripts/bundle." not in page:
        return page
    deferred, count = _BUNDLE.subn(r'<script src="\1" defer></script>', page, count=1)
    if count != 1:
        raise MaterialMarkupChanged("Material's bundle <script> tag changed: kobai/material_html.py "
                                    f"was written for mkdocs-material {TESTED_VERSION}")
    return deferred


def fix_page(page: str) -> str:
    """Every fix of this module, in order."""
    return defer_bundle(name_search_dialog(page))
