"""mkdocs-jupyter internals and markup that the site changes.

Written against mkdocs-jupyter 0.26.3 (`TESTED_VERSION`); tests/kobai/test_compat.py fails with a
clear message when the installed version is another one, and each markup fix raises
`NotebookMarkupChanged` when what it looks for is not there.

- Table of contents: mkdocs-jupyter builds it with Python-Markdown's ASCII slugify (`#_2` for a
  Japanese heading); `use_site_slugify` replaces its module function `_get_markdown_toc` so the
  TOC uses the site's slugify (mkdocs.yml `toc.slugify`).
- Execution cache: `use_cache_dir` gives each language its own `cache_dir` (one language's build
  would otherwise evict the other's executed notebooks).
- Scripts no page uses: its notebook template puts a MathJax configuration and a Mermaid loader
  (12 KB) into every notebook page; the site typesets math itself and has no Mermaid diagram.
  `without_unused_scripts` removes both, matched against the exact markup.
- Its inline JupyterLab CSS is moved out of the pages by kobai/notebook_css.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from mkdocs.exceptions import PluginError

PACKAGE = "mkdocs-jupyter"
TESTED_VERSION = "0.26.3"

Slugify = Callable[[str, str], str]


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


def use_cache_dir(jupyter_plugin, folder: Path) -> None:
    """Where mkdocs-jupyter keeps executed notebooks (its `cache_dir` option, read at each page)."""
    jupyter_plugin.config["cache_dir"] = str(folder)


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
            f"{TESTED_VERSION} writes (without custom_mathjax_url); update kobai/compat/mkdocs_jupyter.py (MATHJAX_BLOCK) "
            "for this version, or keep the block if MathJax is wanted")
    if _MERMAID_DIAGRAM.search(page_html):
        raise NotebookMarkupChanged(
            "kobai: a notebook has a Mermaid diagram, but kobai/compat/mkdocs_jupyter.py removes the Mermaid loader "
            "from notebook pages (there were none); keep it for such pages before adding one")
    page_html, found = _MERMAID_BLOCK.subn("", page_html.replace(MATHJAX_BLOCK, "", 1), count=1)
    if not found:
        raise NotebookMarkupChanged(
            "kobai: the Mermaid loader of a notebook page is not the one mkdocs-jupyter "
            f"{TESTED_VERSION} writes; update kobai/compat/mkdocs_jupyter.py (MERMAID_*) for this version")
    return page_html
