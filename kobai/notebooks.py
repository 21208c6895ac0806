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

from kobai.html_scan import EndTag, StartTag, apply_edits, scan


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
_CODE_CELL_CLASS = "highlight-ipynb"
_SCROLL_BOX = '<div class="notebook-scroll" tabindex="0">'


def keyboard_scrollable(page_html: str) -> str:
    """Make what scrolls sideways in a notebook reachable from the keyboard: each code cell's
    `<div class="highlight-ipynb …">` gets tabindex="0" (unless it has a tabindex), and each
    outermost table is wrapped in a focusable box that closes after the table's own `</table>`
    (tables nested in it stay inside). The page is read with kobai.html_scan: tags in scripts,
    comments or attribute values are not tags, and every other character is kept as it was."""
    edits: list[tuple[int, int, str]] = []
    tables = 0  # open tables
    wrapper = 0  # the index in edits of the open outermost table's wrapper
    for piece in scan(page_html):
        if type(piece) is StartTag:
            if (piece.name == "div" and _CODE_CELL_CLASS in (piece.attrs.get("class") or "").split()
                    and "tabindex" not in piece.attrs):
                edits.append(_with_tabindex(piece))
            elif piece.name == "table" and not piece.self_closing:
                if not tables:
                    wrapper = len(edits)
                    edits.append((piece.start, piece.start, _SCROLL_BOX))
                tables += 1
        elif type(piece) is EndTag and piece.name == "table" and tables:
            tables -= 1
            if not tables:
                edits.append((piece.end, piece.end, "</div>"))
    if tables:  # a table never closed: a wrapper would close nowhere, so it gets none
        del edits[wrapper]
    return apply_edits(page_html, edits) if edits else page_html


def _with_tabindex(tag: StartTag) -> tuple[int, int, str]:
    """The edit that adds tabindex="0" to a start tag, just before its `>` (or `/>`)."""
    at = tag.end - (2 if tag.self_closing else 1)
    return (at, at, ' tabindex="0"')
