"""Notebook pages (mkdocs-jupyter) in a bilingual, Japanese-first site: what the site adds.

- Each notebook page offers its notebook as `.ipynb` (converted from the jupytext source, in the
  page's language) through a download link above the notebook.
- Keyboard scrolling: code cells and the tables of Markdown cells and outputs scroll sideways on
  narrow screens; they are made focusable (tabindex="0") so that arrow keys scroll them (WCAG 2.1.1).

What changes mkdocs-jupyter, nbconvert or MkDocs themselves lives in kobai/compat/.
"""

from __future__ import annotations

import html as html_lib
import re


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


# Code cells scroll in mkdocs-jupyter's `highlight-ipynb` box. Plain tables (Markdown cells and
# outputs) scroll in the `md-typeset__scrollwrap` that Material's script puts around each one after
# load; the table itself cannot take the focus, as Material's focus-visible polyfill then gives it
# a class and Material styles only `table:not([class])`. So each table gets a focusable box of its
# own, which scrolls instead of Material's (kobai/notebook.css: `.notebook-scroll`).
_CODE_CELL = re.compile(r'<div class="(highlight-ipynb\b[^"]*)">')
_TABLE = re.compile(r"<table>.*?</table>", re.S)


def keyboard_scrollable(page_html: str) -> str:
    """Make what scrolls sideways in a notebook reachable from the keyboard."""
    page_html = _CODE_CELL.sub(r'<div class="\1" tabindex="0">', page_html)
    return _TABLE.sub(lambda table: f'<div class="notebook-scroll" tabindex="0">{table.group()}</div>', page_html)
