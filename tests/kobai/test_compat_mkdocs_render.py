"""kobai/compat/mkdocs.py keep_rendered_pages: an unchanged Markdown page's render comes from the
store, identical to MkDocs' own, with its broken-link messages logged again; any change to what
the render reads renders the page again."""

from __future__ import annotations

import logging

import markdown
import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from kobai.build_cache import KeptAnswers
from kobai.compat import mkdocs as mkdocs_compat

INDEX = "# Home\n\nSee [the part](other.md#part) and [a page that is not there](nope.md).\n\n## Section {: #sec }\n\nText.\n"


@pytest.fixture(autouse=True)
def original_render():
    render = Page.render
    yield
    Page.render = render


def _site(tmp_path, extra_files=()):
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "index.md").write_text(INDEX, encoding="utf-8")
    (docs / "other.md").write_text("# Other\n\n## Part\n", encoding="utf-8")
    for name in extra_files:
        (docs / name).write_text("# Extra\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nmarkdown_extensions: [attr_list, toc]\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    files = Files([File(name, str(docs), str(tmp_path / "site"), True) for name in ("index.md", "other.md", *extra_files)])
    return config, files


def _render(config, files, src="index.md", markdown_text=None):
    page = Page(None, files.get_file_from_path(src), config)
    page.read_source(config)
    if markdown_text is not None:
        page.markdown = markdown_text
    page.render(config, files)
    return page


def _result(page):
    return (page.content, str(page.toc), [item.level for item in page.toc], page.title, page.present_anchor_ids,
            {f.src_uri: links for f, links in (page.links_to_anchors or {}).items()})


def _store(tmp_path, config):
    kept = KeptAnswers(tmp_path / "pages.json", mkdocs_compat.rendered_pages_version(config))
    mkdocs_compat.keep_rendered_pages(kept)
    return kept


def test_a_kept_render_is_mkdocs_own_and_logs_what_it_logged(tmp_path, caplog, monkeypatch):
    config, files = _site(tmp_path)
    with caplog.at_level(logging.INFO, logger="mkdocs.structure.pages"):
        own = _result(_render(config, files))
    own_messages = [r.getMessage() for r in caplog.records]
    assert any("nope.md" in message for message in own_messages)
    assert own[5] == {"other.md": {"part": "other.md#part"}}

    first = _store(tmp_path, config)
    assert _result(_render(config, files)) == own
    first.save()

    _store(tmp_path, config)
    monkeypatch.setattr(markdown, "Markdown", lambda *a, **k: pytest.fail("an unchanged page was converted again"))
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs.structure.pages"):
        kept = _render(config, files)
    assert _result(kept) == own
    assert [r.getMessage() for r in caplog.records] == own_messages
    assert kept.toc.items[0].active, "get_toc marks the first entry active, as MkDocs' own render does"


def test_changed_markdown_or_another_set_of_files_renders_again(tmp_path):
    config, files = _site(tmp_path)
    _store(tmp_path, config)
    before = _render(config, files).content
    changed = _render(config, files, markdown_text=INDEX.replace("Text.", "Other text."))
    assert "Other text." in changed.content and changed.content != before

    config, more_files = _site(tmp_path, extra_files=("nope.md",))  # the missing page now exists
    resolved = _render(config, more_files)
    assert 'href="nope/"' in resolved.content and resolved.content != before


def test_another_markdown_configuration_does_not_read_the_kept_renders(tmp_path):
    config, files = _site(tmp_path)
    kept = _store(tmp_path, config)
    _render(config, files)
    kept.save()
    assert (tmp_path / "pages.json").exists()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nmarkdown_extensions: [attr_list, toc, admonition]\n", encoding="utf-8")
    other = load_config(str(tmp_path / "mkdocs.yml"))
    assert mkdocs_compat.rendered_pages_version(other) != mkdocs_compat.rendered_pages_version(config)
    assert KeptAnswers(tmp_path / "pages.json", mkdocs_compat.rendered_pages_version(other))._stored == {}
