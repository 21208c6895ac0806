"""Math typeset at build time (kobai/katex.py, kobai/math_html.py), checked in the built site: no
KaTeX JavaScript is published, every page whose source has math shows KaTeX's HTML and links its
stylesheet, other pages do not, and no TeX is left for a reader to see."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from kobai.math_html import math_spans

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
LANGS = ("ja", "en")
DEFAULT = "ja"
CSS = "assets/vendor/katex/katex.min.css"
# Markdown: fenced code, then inline code (math delimiters there are code, not math)
CODE = re.compile(r"^[ \t]*(`{3,}|~{3,}).*?^[ \t]*\1[ \t]*$|(`+).+?\2", re.S | re.M)
# pymdownx.arithmatex's delimiters, as it finds them in Markdown
MARKDOWN_MATH = re.compile(r"(?<!\\)\$\$.+?\$\$|(?<![\\$])\$(?!\s)[^$\n]+?(?<!\s)\$|\\\(.+?\\\)|\\\[.+?\\\]", re.S)


def _source_has_math(path: Path) -> bool:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".py":  # a notebook: math lives in its Markdown cells
        import jupytext

        notebook = jupytext.reads(text, fmt="py:percent")
        return any(math_spans(CODE.sub("", cell.source)) for cell in notebook.cells if cell.cell_type == "markdown")
    return bool(MARKDOWN_MATH.search(CODE.sub("", text)))


def _built_page(site: Path, source: Path) -> Path:
    """docs/basics/backpropagation.en.md → site/en/basics/backpropagation/index.html"""
    rel = source.relative_to(DOCS).as_posix()
    stem, lang = re.fullmatch(r"(.+)\.(ja|en)\.(?:md|py)", rel).groups()
    parts = [] if lang == DEFAULT else [lang]
    parts += [] if stem == "index" else [stem.removesuffix("/index")]
    return site.joinpath(*parts, "index.html")


def _sources() -> list[Path]:
    return sorted(p for pattern in ("**/*.md", "notebooks/*.py") for p in DOCS.glob(pattern)
                  if re.search(r"\.(ja|en)\.(md|py)$", p.name))


class _Page(HTMLParser):
    """A page's stylesheets, its scripts (src and text), and its reader-visible text outside code."""

    VERBATIM = {"head", "script", "style", "pre", "code", "textarea", "svg", "math", "noscript"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stylesheets: list[str] = []
        self.scripts: list[str] = []
        self.text: list[str] = []  # one entry per run of text outside code and typeset math
        self.katex = 0  # elements with class "katex"
        self._stack: list[bool] = []  # open elements: is the text inside verbatim or typeset?
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        self.katex += "katex" in classes
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.stylesheets.append(attrs.get("href") or "")
        if tag == "script":
            self.scripts.append(attrs.get("src") or "")
            self._in_script = True
        if tag not in self.VOID:
            self._stack.append(tag in self.VERBATIM or "katex" in classes)

    def handle_endtag(self, tag):
        self._in_script = self._in_script and tag != "script"
        if self._stack:
            self._stack.pop()

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        elif not any(self._stack):
            self.text.append(data)


@lru_cache(maxsize=None)
def _parsed(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def _links_katex_css(site: Path, path: Path) -> bool:
    target = site / CSS
    return any((path.parent / urlsplit(href).path).resolve() == target.resolve() for href in _parsed(path).stylesheets)


def test_no_katex_javascript_is_published(built_site):
    files = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*")
             if re.match(r"(katex.*\.js|auto-render.*)$", p.name, re.I) or p.name == "katex-render.js"]
    assert files == []
    scripts = [f"{p.relative_to(built_site)}: {s[:80]!r}" for p in built_site.rglob("*.html")
               for s in _parsed(p).scripts if "katex" in s.lower()]
    assert scripts == []


def test_katex_stylesheet_and_fonts_are_published(built_site):
    css = (built_site / CSS).read_text(encoding="utf-8")
    fonts = set(re.findall(r"url\((fonts/[^)]+\.woff2)\)", css))
    assert fonts and all((built_site / CSS).parent.joinpath(font).is_file() for font in fonts)


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_whose_source_has_math_shows_katex_and_links_its_stylesheet(built_site, lang):
    with_math = [p for p in _sources() if p.name.endswith(f".{lang}{p.suffix}") and _source_has_math(p)]
    assert any(p.suffix == ".py" for p in with_math) and any(p.suffix == ".md" for p in with_math)
    missing = []
    for source in with_math:
        page = _built_page(built_site, source)
        if not page.is_file():
            missing.append(f"{source.relative_to(DOCS)}: no page {page.relative_to(built_site)}")
        elif not _parsed(page).katex or not _links_katex_css(built_site, page):
            missing.append(f"{source.relative_to(DOCS)}: katex {_parsed(page).katex}, stylesheet {_links_katex_css(built_site, page)}")
    assert missing == []


def test_exactly_the_pages_with_math_link_the_katex_stylesheet(built_site):
    pages = list(built_site.rglob("*.html"))
    wrong = [p.relative_to(built_site).as_posix() for p in pages if bool(_parsed(p).katex) != _links_katex_css(built_site, p)]
    assert wrong == []
    for lang_dir in (built_site, built_site / "en"):  # the glossary index has no math
        index = lang_dir / "glossary" / "index.html"
        assert index.is_file() and not _links_katex_css(built_site, index)
        assert "katex.min.css" not in index.read_text(encoding="utf-8")
    assert sum(1 for p in pages if _parsed(p).katex) >= 30


def test_no_tex_is_left_in_the_text_readers_see(built_site):
    """Articles and notebooks, both languages: outside code, no math delimiter is left untypeset."""
    left = []
    for path in built_site.rglob("index.html"):
        rel = path.relative_to(built_site).as_posix()
        for run in _parsed(path).text:
            if "\\(" in run or "\\[" in run or "$$" in run or ("notebooks/" in rel and math_spans(run)):
                left.append(f"{rel}: {run.strip()[:100]!r}")
    assert left == []


def test_the_search_index_keeps_the_tex(built_site):
    """Search indexes the page content before math is typeset: formulas are searchable as TeX."""
    texts = [doc["text"] for lang in ("ja", "en") for doc in
             json.loads((built_site / "search" / f"search_index.{lang}.json").read_text(encoding="utf-8"))["docs"]]
    assert any("\\frac" in text for text in texts) and any("\\(" in text for text in texts)
    assert not any("katex" in text for text in texts)


def test_math_pages_preload_only_katex_fonts_that_exist(built_site):
    """Formulas are laid out once, in KaTeX's fonts (a late font moved a display formula: layout shift)."""
    checked = 0
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        preloads = re.findall(r'<link rel="preload" href="([^"]+)" as="font" type="font/woff2" crossorigin>', html)
        if not _parsed(path).katex:
            assert not preloads, f"{path.relative_to(built_site)} preloads fonts without math"
            continue
        assert preloads and any("KaTeX_Main-Regular" in p for p in preloads), path.relative_to(built_site)
        for href in preloads:
            assert (path.parent / href).resolve().is_file(), f"{path.relative_to(built_site)}: {href}"
        checked += 1
    assert checked >= 30
