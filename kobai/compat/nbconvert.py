"""nbconvert's heading markup in notebook pages, given the site's anchors.

Written against nbconvert 7.17.2 (`TESTED_VERSION`; pinned in pyproject.toml). nbconvert writes
`<hN id="…">text<a class="anchor-link" href="#…">` and keeps only ASCII in the id (`id=""` for
準備, `id="1"` for 逆伝播を 1 回), while the table of contents links the site's slug of the text.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable

PACKAGE = "nbconvert"
TESTED_VERSION = "7.17.2"

Slugify = Callable[[str, str], str]

_HEADING = re.compile(r'<h([1-6]) id="[^"]*">(.*?)<a class="anchor-link" href="#[^"]*">', re.S)
_TAGS = re.compile(r"<[^>]+>")


def fix_heading_ids(page_html: str, slugify: Slugify) -> str:
    """Give notebook headings the site's slug of their text, as the TOC links to them."""
    seen: dict[str, int] = {}

    def anchor(match: re.Match) -> str:
        text = html_lib.unescape(_TAGS.sub("", match.group(2))).strip()
        slug = slugify(text, "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        slug = slug if count == 0 else f"{slug}_{count}"  # Python-Markdown's rule for repeats
        return f'<h{match.group(1)} id="{html_lib.escape(slug)}">{match.group(2)}<a class="anchor-link" href="#{html_lib.escape(slug)}">'

    return _HEADING.sub(anchor, page_html)
