"""Notebook pages (mkdocs-jupyter) in a bilingual, Japanese-first site.

- MkDocs must itself see notebooks as page sources: static-i18n rebuilds every File object after
  mkdocs-jupyter has wrapped notebooks as pages, and the rebuilt ones would be copied as raw JSON.
- Japanese headings: nbconvert drops their non-ASCII characters from ids (`id=""`, `id="1"`), and mkdocs-jupyter builds the table of
  contents with Python-Markdown's ASCII slugify (`#_2`). Both are made to use the site's own
  slugify (mkdocs.yml `toc.slugify`), so the TOC links land on `#準備`-style anchors.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable

import mkdocs.utils

Slugify = Callable[[str, str], str]

# nbconvert's own ids keep only ASCII: "" for 準備, "1" for 逆伝播を 1 回. All are replaced.
_HEADING = re.compile(r'<h([1-6]) id="[^"]*">(.*?)<a class="anchor-link" href="#[^"]*">', re.S)
_TAGS = re.compile(r"<[^>]+>")


_MARKDOWN_ONLY = mkdocs.utils.is_markdown_file  # MkDocs' own test, kept to wrap it once


def treat_as_pages(extensions: list[str], folders: list[str]) -> None:
    """Make MkDocs classify files with these extensions *inside these docs folders* as pages.

    Written against mkdocs 1.6.1, where `File.is_documentation_page` asks
    `mkdocs.utils.is_markdown_file(src_uri)`. Only that test is widened, and only for the
    notebook folders: any other `.py` under docs/ stays a plain file, never a page.
    """
    suffixes = tuple(extensions)
    prefixes = tuple(f"{folder.strip('/')}/" for folder in folders)

    def is_page_source(path: str) -> bool:
        return _MARKDOWN_ONLY(path) or (path.endswith(suffixes) and path.replace("\\", "/").startswith(prefixes))

    mkdocs.utils.is_markdown_file = is_page_source


def use_site_slugify(slugify: Slugify | None) -> None:
    """Let mkdocs-jupyter build notebook TOCs with the site's slugify."""
    if slugify is None:
        return
    import markdown
    from markdown.extensions.toc import TocExtension
    from mkdocs_jupyter import plugin as jupyter_plugin

    def markdown_toc(markdown_source: str, toc_depth: int):
        md = markdown.Markdown(extensions=[TocExtension(toc_depth=toc_depth, slugify=slugify)])
        md.convert(markdown_source)
        return md.toc_tokens

    jupyter_plugin._get_markdown_toc = markdown_toc


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


DOWNLOAD_LABEL = {"ja": "このノートブックをダウンロード（.ipynb）", "en": "Download this notebook (.ipynb)"}


def ipynb_name(src_uri: str) -> str:
    """`notebooks/gradient-flow.ja.py` → `gradient-flow.ipynb` (the language is the folder's)."""
    stem = src_uri.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return re.sub(r"\.[a-z]{2}$", "", stem) + ".ipynb"


def as_ipynb(source: str) -> str:
    """The jupytext percent source as a notebook file (no outputs: the reader runs it)."""
    import jupytext
    import nbformat

    return nbformat.writes(jupytext.reads(source, fmt="py:percent"))


def with_download_link(page_html: str, filename: str, lang: str) -> str:
    """Put a download link to the page's .ipynb above the notebook."""
    label = DOWNLOAD_LABEL.get(lang, DOWNLOAD_LABEL["en"])
    return (f'<p class="notebook-download"><a href="{html_lib.escape(filename)}" download>'
            f"{html_lib.escape(label)}</a></p>\n{page_html}")
