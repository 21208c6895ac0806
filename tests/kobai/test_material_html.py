"""The fixes of kobai/material_html.py against the installed Material's own templates."""

from __future__ import annotations

import re

from importlib.metadata import version
from pathlib import Path

import pytest

import material
from kobai import material_html

PARTIALS = Path(material.__file__).parent / "templates" / "partials"


def test_written_for_the_pinned_material():
    assert version("mkdocs-material") == material_html.TESTED_VERSION, (
        "mkdocs-material changed: check kobai/material_html.py against its templates, then update TESTED_VERSION")


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
