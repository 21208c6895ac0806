"""kobai/compat/material.py's fixes against the installed Material's own templates; the other files
that depend on Material's internals name the version it was written for."""

from __future__ import annotations

import re

from pathlib import Path

import pytest

import material
from kobai.compat import material as material_html

ROOT = Path(__file__).resolve().parents[2]

PARTIALS = Path(material.__file__).parent / "templates" / "partials"


@pytest.mark.parametrize("path", ["overrides/main.html", "docs/assets/javascripts/workers/kobai-search.js"])
def test_files_that_depend_on_material_name_the_version_they_were_written_for(path):
    text = (ROOT / path).read_text(encoding="utf-8")
    assert f"Written against mkdocs-material {material_html.TESTED_VERSION}" in text.replace("\n//", "").replace("\n   ", ""), (
        f"{path} must say which Material it was written against (the version of kobai/compat/material.py)")


def test_the_hreflang_alternates_are_what_the_fix_removes():
    base = (PARTIALS.parent / "base.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" href="{{ alt.link | url }}" hreflang="{{ alt.lang | d(lang.t(\'language\')) }}">' in base
    head = ('<head><link rel="canonical" href="https://x/">\n  <link rel="alternate" href="/" hreflang="ja">\n'
            '  <link rel="alternate" href="/en/" hreflang="en">\n'
            '  <link rel="alternate" type="application/rss+xml" title="t" href="feed_rss_created.xml">'
            '</head><body><a hreflang="en" href="/en/">English</a></body>')
    out = material_html.without_hreflang_alternates(head)
    assert 'hreflang="ja"' not in out and '<link rel="alternate" href="/en/"' not in out
    assert "application/rss+xml" in out and '<a hreflang="en" href="/en/">' in out  # RSS and the switch stay
    with pytest.raises(material_html.MaterialMarkupChanged, match="hreflang"):
        material_html.without_hreflang_alternates('<head><link hreflang="en" rel="alternate" href="/en/"></head>')


def test_the_search_dialog_markup_is_still_what_the_fix_expects():
    source = (PARTIALS / "search.html").read_text(encoding="utf-8")
    assert material_html.SEARCH_DIALOG in source
    assert '<input type="text" class="md-search__input" name="query" aria-label="' in source


def test_the_bundle_tag_is_still_what_the_fix_expects():
    base = (PARTIALS.parent / "base.html").read_text(encoding="utf-8")
    tag = re.search(r'<script src="\{\{ \'(assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js)\' \| url \}\}"></script>', base)
    assert tag, "Material's base.html no longer loads its bundle the way kobai/material_html.py expects"
    page = f'<p>x</p><script src="../{tag.group(1)}"></script><script src="b.js"></script>'
    assert material_html.defer_bundle(page) == f'<p>x</p><script src="../{tag.group(1)}" defer></script><script src="b.js"></script>'


def test_the_search_dialog_gets_the_search_boxs_name():
    page = ('<div class="md-search" data-md-component="search" role="dialog"><form>'
            '<input type="text" class="md-search__input" name="query" aria-label="検索" placeholder="検索"></form></div>')
    out = material_html.name_search_dialog(page)
    assert '<div class="md-search" data-md-component="search" role="dialog" aria-label="検索">' in out


def test_changed_markup_is_an_error_not_a_silent_skip():
    with pytest.raises(material_html.MaterialMarkupChanged, match="9.8.1"):
        material_html.name_search_dialog('<div class="md-search" data-md-component="search" role="dialog" hidden>')
    assert material_html.name_search_dialog("<p>no search here</p>") == "<p>no search here</p>"
    with pytest.raises(material_html.MaterialMarkupChanged, match="bundle"):
        material_html.defer_bundle('<script src="assets/javascripts/bundle.min.js" async></script>')


class _TocItem:
    def __init__(self, url, children=()):
        self.url, self.children = url, list(children)
        self.id = url.lstrip("#")
        self.title = self.id


def _page(content: str, url: str = "basics/gradient/", title: str = "勾配"):
    from types import SimpleNamespace

    return SimpleNamespace(content=content, url=url, title=title, meta={},
                           toc=[_TocItem("#gradient", [_TocItem("#chain-rule")])])


def _materials_own(index, page):
    from material.plugins.search.plugin import SearchIndex

    getattr(SearchIndex.add_entry_from_context, "__wrapped__", SearchIndex.add_entry_from_context)(index, page)


PAGE_HTML = ('<h1 id="gradient">勾配</h1><p>損失の傾き。</p><h2 id="chain-rule">連鎖律</h2>'
             '<p>The chain rule multiplies <code>local</code> gradients.</p>')


def test_kept_search_entries_are_materials_own_and_an_unchanged_page_is_not_parsed_again(tmp_path, monkeypatch):
    from material.plugins.search import plugin as search

    from kobai.build_cache import KeptAnswers

    own = search.SearchIndex()
    _materials_own(own, _page(PAGE_HTML))
    assert len(own.entries) == 2

    path, version = tmp_path / "search-entries.json", material_html.search_entries_version()
    first = KeptAnswers(path, version)
    material_html.keep_search_entries(first)
    index = search.SearchIndex()
    index.add_entry_from_context(_page(PAGE_HTML))
    assert index.entries == own.entries
    first.save()

    material_html.keep_search_entries(KeptAnswers(path, version))
    monkeypatch.setattr(search, "Parser", lambda: pytest.fail("an unchanged page was parsed again"))
    again = search.SearchIndex()
    again.add_entry_from_context(_page(PAGE_HTML))
    assert again.entries == own.entries
    again.entries[0]["title"] = "changed"  # a kept answer is a copy: changing one index changes no other
    third = search.SearchIndex()
    third.add_entry_from_context(_page(PAGE_HTML))
    assert third.entries == own.entries


UNTITLED_START = "<p>見出しの前の段落: その節の題はページの題。</p>" + PAGE_HTML


@pytest.mark.parametrize("content, change", [(PAGE_HTML, dict(content=PAGE_HTML.replace("傾き", "勾配ベクトル"))),
                                             (PAGE_HTML, dict(url="basics/other/")),
                                             (UNTITLED_START, dict(title="別の題"))])
def test_a_page_that_changed_is_indexed_again(tmp_path, content, change):
    from material.plugins.search import plugin as search

    from kobai.build_cache import KeptAnswers

    kept = KeptAnswers(tmp_path / "search-entries.json", material_html.search_entries_version())
    material_html.keep_search_entries(kept)
    first = search.SearchIndex()
    first.add_entry_from_context(_page(content))
    changed = _page(**{"content": content, **change})
    index = search.SearchIndex()
    index.add_entry_from_context(changed)
    expected = search.SearchIndex()
    _materials_own(expected, changed)
    assert index.entries == expected.entries != first.entries
