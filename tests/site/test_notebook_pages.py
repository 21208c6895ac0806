"""Notebook pages in the built site stay light: one small shared Jupyter stylesheet that each page
links, and none of the scripts mkdocs-jupyter writes for MathJax and Mermaid."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from tests.site.site_pages import pages

pytestmark = pytest.mark.slow

MAX_STYLESHEET_BYTES = 20 * 1024
_STYLESHEET_LINK = re.compile(r'<link rel="stylesheet" href="([^"]*/assets/stylesheets/jupyter\.[^"/]*\.css)">')


def _notebook_pages(site: Path) -> dict[str, Path]:
    found = {f"{lang}:{rel}": path for lang in ("ja", "en")
             for rel, path in pages(site, lang).items() if rel.startswith("notebooks/")}
    assert len(found) >= 6, f"expected the notebooks in both languages, found {sorted(found)}"
    return found


def test_one_shared_notebook_stylesheet_of_at_most_20_kib(built_site):
    sheets = list((built_site / "assets" / "stylesheets").glob("jupyter.*.css"))
    assert len(sheets) == 1, sheets
    size = sheets[0].stat().st_size
    assert size <= MAX_STYLESHEET_BYTES, f"{sheets[0].name} weighs {size} bytes"
    assert sheets[0].name == f"jupyter.{hashlib.sha256(sheets[0].read_bytes()).hexdigest()[:10]}.css", \
        "the stylesheet's name is not the hash of its content"
    css = sheets[0].read_text(encoding="utf-8")
    assert ".jupyter-wrapper .jp-Cell" in css and "--md-code-hl-comment-color" in css  # Jupyter's and kobai's rules


def test_every_notebook_page_links_the_stylesheet_and_it_exists(built_site):
    for name, path in _notebook_pages(built_site).items():
        links = _STYLESHEET_LINK.findall(path.read_text(encoding="utf-8"))
        assert len(links) == 1, f"{name}: {links}"
        assert (path.parent / links[0]).resolve().is_file(), f"{name} links a missing {links[0]}"


def test_no_notebook_page_carries_mathjax_or_mermaid(built_site):
    for name, path in _notebook_pages(built_site).items():
        html = path.read_text(encoding="utf-8")
        assert "x-mathjax-config" not in html, name
        assert "mermaid" not in html.lower(), name
        assert "ClipboardCopyElement" in html, f"{name} lost the code cells' copy button script"


def test_code_cells_and_tables_of_notebooks_are_keyboard_scrollable(built_site):
    for name, path in _notebook_pages(built_site).items():
        html = path.read_text(encoding="utf-8")
        cells = re.findall(r'<div class="highlight-ipynb[^"]*"[^>]*>', html)
        assert cells and all('tabindex="0"' in cell for cell in cells), name
        tables = html.count("<table")
        assert html.count('<div class="notebook-scroll" tabindex="0"><table>') == tables, \
            f"{name} has a table its readers cannot scroll from the keyboard"


def test_notebook_figures_are_lazy_files_of_their_own_not_inline_data(built_site):
    """nbconvert inlines each figure as base64 (40–60 KB of page before the first line shows): each is
    a PNG beside the page instead, loaded lazily, with its pixel size (no layout shift), in a
    <picture> whose lossless WebP twin (the same pixels, less than half the bytes) is what browsers fetch."""
    import PIL.Image
    from bs4 import BeautifulSoup

    for name, path in _notebook_pages(built_site).items():
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        images = soup.select("article .jp-RenderedImage img")
        assert images, f"{name}: no notebook figure found"
        for image in images:
            src = image["src"]
            assert not src.startswith("data:"), f"{name}: an inline image is left"
            file = path.parent / src
            assert file.is_file() and file.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"{name}: {src} is not a PNG beside the page"
            assert image.get("loading") == "lazy" and image.get("decoding") == "async", name
            width, height = int.from_bytes(file.read_bytes()[16:20], "big"), int.from_bytes(file.read_bytes()[20:24], "big")
            assert (image.get("width"), image.get("height")) == (str(width), str(height)), name
            source = image.parent.find("source") if image.parent.name == "picture" else None
            assert source is not None and source.get("type") == "image/webp", f"{name}: {src} has no WebP twin"
            twin = path.parent / source["srcset"]
            assert twin.is_file() and twin.stat().st_size < file.stat().st_size / 2, f"{name}: {twin.name}"
            with PIL.Image.open(file) as png, PIL.Image.open(twin) as webp:
                assert webp.format == "WEBP" and webp.convert("RGBA").tobytes() == png.convert("RGBA").tobytes(), \
                    f"{name}: {twin.name} does not have the PNG's pixels"
