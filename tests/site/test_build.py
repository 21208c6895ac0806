"""The real site, built once with `mkdocs build --strict` (fixture `built_site`), checked as files."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.site.site_pages import pages, parse

pytestmark = pytest.mark.slow


def test_every_page_exists_in_both_languages(built_site):
    ja, en = pages(built_site, "ja"), pages(built_site, "en")
    assert ja, "no Japanese pages"
    assert sorted(set(ja) ^ set(en)) == [], "pages that exist in one language only"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_html_lang_attribute_matches_the_language(built_site, lang):
    wrong = {rel: parse(p).lang for rel, p in pages(built_site, lang).items() if parse(p).lang != lang}
    assert wrong == {}


@lru_cache(maxsize=None)
def _parsed(path: Path):
    return parse(path)


def _target(site: Path, page: Path, url: str) -> tuple[Path, str] | None:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("mailto:", "javascript:", "data:")):
        return None
    base = page.parent
    if parts.path.startswith("/"):
        target = site / unquote(parts.path).lstrip("/")
    else:
        target = (base / unquote(parts.path)) if parts.path else page
    if target.is_dir() or parts.path.endswith("/"):
        target = target / "index.html"
    return target.resolve(), unquote(parts.fragment)


def test_no_broken_internal_links_images_or_anchors(built_site):
    broken = []
    html_pages = [p for p in built_site.rglob("*.html")]
    for page in html_pages:
        for tag, url in _parsed(page).links:
            resolved = _target(built_site, page, url)
            if resolved is None:
                continue
            target, fragment = resolved
            rel = page.relative_to(built_site)
            if not target.exists():
                broken.append(f"{rel}: <{tag}> {url} -> missing {target}")
            elif fragment and target.suffix == ".html" and not fragment.startswith("__") \
                    and fragment not in _parsed(target).ids:
                broken.append(f"{rel}: <{tag}> {url} -> no id {fragment!r}")
    assert broken == [], "\n".join(broken[:40])


def test_images_have_alt_text(built_site):
    missing = []
    for page in built_site.rglob("*.html"):
        for img in _parsed(page).images:
            if "alt" not in img:
                missing.append(f"{page.relative_to(built_site)}: {img.get('src')}")
    assert missing == []


def test_notebooks_are_light_html_pages_in_both_languages(built_site):
    for lang in ("ja", "en"):
        notebooks = {rel: p for rel, p in pages(built_site, lang).items() if rel.startswith("notebooks/")}
        assert notebooks, f"no notebook page in {lang}"
        for rel, path in notebooks.items():
            html = path.read_text(encoding="utf-8")
            assert html.lstrip().startswith("<!doctype html>"), f"{rel} is not an HTML page"
            assert '"nbformat"' not in html[:2000], f"{rel} looks like raw notebook JSON"
            assert "<style" not in html[html.find("<article"):], f"{rel} still inlines notebook CSS"
            assert path.stat().st_size < 250_000, f"{rel} weighs {path.stat().st_size} bytes"
            assert re.search(r'class="jp-RenderedImage[^"]*"|<img[^>]+src="data:image/png', html), f"{rel} shows no figure"
            # each page offers its notebook as .ipynb, in the page's language, beside it
            link = re.search(r'<p class="notebook-download"><a href="([\w-]+\.ipynb)" download>', html)
            assert link, f"{rel} offers no .ipynb download"
            notebook = json.loads((path.parent / link.group(1)).read_text(encoding="utf-8"))
            assert notebook["nbformat"] == 4 and notebook["cells"][0]["cell_type"] == "markdown"
            title = "".join(notebook["cells"][0]["source"]).splitlines()[0].lstrip("# ").strip()
            assert title and title in html, f"{rel}: the .ipynb is not this page's notebook"
    # The jupytext sources are not published; the only notebooks are those downloads.
    assert not list((built_site / "notebooks").rglob("*.py"))
    published = sorted(p.relative_to(built_site).parent.as_posix() for p in built_site.rglob("*.ipynb"))
    expected = sorted(p.relative_to(built_site).parent.as_posix() for lang in ("ja", "en")
                      for rel, p in pages(built_site, lang).items() if rel.startswith("notebooks/"))
    assert published == expected


def test_japanese_headings_get_readable_anchors(built_site):
    ids = set()
    for path in pages(built_site, "ja").values():
        ids |= {i for i in _parsed(path).ids if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", i)}
    assert ids, "no Japanese heading anchor anywhere (expected e.g. #対策, not #_2)"
    assert not any(re.fullmatch(r"_\d+", i) for p in pages(built_site, "ja").values() for i in _parsed(p).ids)


def _search_docs(built_site, lang: str | None = None) -> list[dict]:
    langs = [lang] if lang else ["ja", "en"]
    return [doc for code in langs
            for doc in json.loads((built_site / "search" / f"search_index.{code}.json").read_text(encoding="utf-8"))["docs"]]


def test_each_language_has_its_own_search_index_with_japanese_segmented(built_site):
    stub = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert stub["docs"] == [] and (built_site / "search" / "search_index.json").stat().st_size < 1024, \
        "the index Material fetches on every page load holds only the config"
    ja = json.loads((built_site / "search" / "search_index.ja.json").read_text(encoding="utf-8"))
    en = json.loads((built_site / "search" / "search_index.en.json").read_text(encoding="utf-8"))
    assert ja["config"]["lang"] == en["config"]["lang"] == ["en"]
    assert "\\u200b" in ja["config"]["separator"]
    assert ja["config"]["pipeline"] == [], "English stop words would drop He from He初期化"
    assert all(doc["location"].startswith("en/") for doc in en["docs"]) and len(en["docs"]) > 100
    assert not any(doc["location"].startswith("en/") for doc in ja["docs"]) and len(ja["docs"]) > 100
    # Japanese prose is cut into words; an entry that is one word (トランスフォーマー) needs no separator
    japanese = [doc for doc in ja["docs"] if re.search(r"[\u4e00-\u9fff]", doc["text"])]
    segmented = [doc for doc in japanese if "\u200b" in doc["text"]]
    assert len(segmented) >= 0.9 * len(japanese) > 100, (len(segmented), len(japanese))
    assert any("勾配\u200bの\u200bふるまい" in doc["title"] for doc in japanese)


def test_hreflang_alternates_live_in_the_sitemap_not_in_page_heads(built_site):
    # Material fetches a sitemap next to every <link rel=alternate>: per-page links would 404.
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert 'hreflang="en"' in sitemap and 'hreflang="ja"' in sitemap
    for path in list(pages(built_site, "ja").values()) + list(pages(built_site, "en").values()) + [built_site / "404.html"]:
        assert 'rel="alternate" href' not in path.read_text(encoding="utf-8"), path


def test_the_404_page_gets_the_fixes_of_every_page(built_site):
    """Material renders 404.html from its theme, outside the page events: the same fixes apply."""
    page = (built_site / "404.html").read_text(encoding="utf-8")
    assert re.search(r'<script src="[^"]*bundle\.[0-9a-f]{8}\.min\.js" defer></script>', page)
    assert 'role="dialog" aria-label=' in page


def test_every_search_result_anchor_exists_on_its_page(built_site):
    missing = []
    for doc in _search_docs(built_site):
        path, _, fragment = doc["location"].partition("#")
        page = built_site / path / "index.html"
        if not page.exists():
            missing.append(f"{doc['location']}: no page")
        elif fragment and fragment not in _parsed(page).ids:
            missing.append(f"{doc['location']}: no id {fragment!r}")
    assert missing == [], missing[:20]


def test_every_glossary_term_is_its_own_search_result_in_both_languages(built_site):
    locations = {doc["location"] for doc in _search_docs(built_site)}
    terms = json.loads((built_site / "glossary.json").read_text(encoding="utf-8"))["terms"]
    assert len(terms) >= 60
    for term in terms:
        assert term["url"]["ja"] in locations and term["url"]["en"] in locations, term["id"]


def test_every_published_file_is_world_readable(built_site):
    """A web server that keeps file modes answers 403 for a 0600 file (search died that way)."""
    unreadable = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*")
                  if not p.name.startswith(".") and (p.stat().st_mode & (0o055 if p.is_dir() else 0o044)) != (0o055 if p.is_dir() else 0o044)]
    assert unreadable == []
