"""Notebook pages (mkdocs-jupyter) in a bilingual, Japanese-first site.

- MkDocs must itself see notebooks as page sources: static-i18n rebuilds every File object after
  mkdocs-jupyter has wrapped notebooks as pages, and the rebuilt ones would be copied as raw JSON.
- Japanese headings: nbconvert drops their non-ASCII characters from ids (`id=""`, `id="1"`), and mkdocs-jupyter builds the table of
  contents with Python-Markdown's ASCII slugify (`#_2`). Both are made to use the site's own
  slugify (mkdocs.yml `toc.slugify`), so the TOC links land on `#準備`-style anchors.
- Scripts no page uses: mkdocs-jupyter's template puts a MathJax configuration and a Mermaid
  loader (12 KB) into every notebook page; the site typesets math itself and has no Mermaid
  diagram. Both go, matched against mkdocs-jupyter's exact markup (`TESTED_VERSION`): a version
  that writes them differently stops the build instead of shipping them again unnoticed.
- Keyboard scrolling: code cells and the tables of Markdown cells and outputs scroll sideways on
  narrow screens; they are made focusable (tabindex="0") so that arrow keys scroll them (WCAG 2.1.1).
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable

import mkdocs.utils
from mkdocs.exceptions import PluginError

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


TESTED_VERSION = "0.26.3"  # mkdocs-jupyter, whose notebook template writes the blocks below

# nbconvert's base/mathjax.html.j2 as mkdocs-jupyter renders it (custom_mathjax_url unset: src="").
MATHJAX_BLOCK = r"""<!-- Load mathjax -->
<script src=""> </script>
<!-- MathJax configuration -->
<script type="text/x-mathjax-config">
    init_mathjax = function() {
        if (window.MathJax) {
        // MathJax loaded
            MathJax.Hub.Config({
                TeX: {
                    equationNumbers: {
                    autoNumber: "AMS",
                    useLabelIds: true
                    }
                },
                tex2jax: {
                    inlineMath: [ ['$','$'], ["\\(","\\)"] ],
                    displayMath: [ ['$$','$$'], ["\\[","\\]"] ],
                    processEscapes: true,
                    processEnvironments: true
                },
                displayAlign: 'center',
                messageStyle: 'none',
                CommonHTML: {
                    linebreaks: {
                    automatic: true
                    }
                }
            });

            MathJax.Hub.Queue(["Typeset", MathJax.Hub]);
        }
    }
    init_mathjax();
    </script>
<!-- End of mathjax configuration -->"""
# nbconvert's lab/mermaidjs.html.j2: an 11 KB module script, then its <style>, then this comment.
MERMAID_START = """<script type="module">
  document.addEventListener("DOMContentLoaded", async () => {
    const diagrams = document.querySelectorAll(".jp-Mermaid > pre.mermaid");"""
MERMAID_END = """    void Promise.all([...diagrams].map(renderOneMarmaid));
  });
</script>
<style>"""
MERMAID_CLOSE = "</style>\n<!-- End of mermaid configuration -->"
_MERMAID_BLOCK = re.compile(re.escape(MERMAID_START) + ".*?" + re.escape(MERMAID_END) + ".*?" + re.escape(MERMAID_CLOSE), re.S)
_MERMAID_DIAGRAM = re.compile(r'class="[^"]*\bjp-Mermaid\b')


class NotebookMarkupChanged(PluginError):
    pass


def without_unused_scripts(page_html: str) -> str:
    """The notebook page without mkdocs-jupyter's MathJax configuration and Mermaid loader."""
    if MATHJAX_BLOCK not in page_html:
        raise NotebookMarkupChanged(
            "kobai: the MathJax block of a notebook page is not the one mkdocs-jupyter "
            f"{TESTED_VERSION} writes (without custom_mathjax_url); update kobai/notebooks.py (MATHJAX_BLOCK) "
            "for this version, or keep the block if MathJax is wanted")
    if _MERMAID_DIAGRAM.search(page_html):
        raise NotebookMarkupChanged(
            "kobai: a notebook has a Mermaid diagram, but kobai/notebooks.py removes the Mermaid loader "
            "from notebook pages (there were none); keep it for such pages before adding one")
    page_html, found = _MERMAID_BLOCK.subn("", page_html.replace(MATHJAX_BLOCK, "", 1), count=1)
    if not found:
        raise NotebookMarkupChanged(
            "kobai: the Mermaid loader of a notebook page is not the one mkdocs-jupyter "
            f"{TESTED_VERSION} writes; update kobai/notebooks.py (MERMAID_*) for this version")
    return page_html


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
