from pathlib import Path

from pymdownx.slugs import slugify

from kobai.notebook_css import SharedStylesheet
from kobai.notebooks import fix_heading_ids

SLUG = slugify(case="lower")


def test_empty_heading_ids_get_unicode_slugs_and_repeats_are_numbered():
    html = ('<h1 id="">勾配の<em>デモ</em><a class="anchor-link" href="#">¶</a></h1>'
            '<h2 id="">準備<a class="anchor-link" href="#">¶</a></h2>'
            '<h2 id="">準備<a class="anchor-link" href="#">¶</a></h2>'
            '<h2 id="1">逆伝播を 1 回：ノルム<a class="anchor-link" href="#1">¶</a></h2>')
    out = fix_heading_ids(html, SLUG)
    assert '<h1 id="勾配のデモ">' in out and 'href="#勾配のデモ"' in out
    assert '<h2 id="準備">' in out and '<h2 id="準備_1">' in out
    assert '<h2 id="逆伝播を-1-回ノルム">' in out and 'href="#逆伝播を-1-回ノルム"' in out


def test_inline_styles_move_to_one_shared_file(tmp_path):
    sheet = SharedStylesheet()
    page = "<head></head><body><article><style>.a{}</style><div>x</div><style>.b{}</style></article></body>"
    ja = sheet.extract(page, tmp_path / "notebooks/demo/index.html", tmp_path)
    en = sheet.extract(page, tmp_path / "en/notebooks/demo/index.html", tmp_path)
    assert "<style" not in ja and "<style" not in en
    assert 'href="../../assets/stylesheets/jupyter.' in ja
    assert 'href="../../../assets/stylesheets/jupyter.' in en
    [written] = sheet.write(tmp_path)
    assert written.read_text() == ".a{}\n.b{}"


def test_pages_without_article_styles_are_untouched(tmp_path):
    page = "<head><style>.keep{}</style></head><body><article><p>x</p></article></body>"
    assert SharedStylesheet().extract(page, Path(tmp_path / "index.html"), tmp_path) == page


def test_page_content_without_article_is_handled_whole(tmp_path):
    content = "<div class='jp'><style>.a{}</style><p>x</p></div>"
    out = SharedStylesheet().extract(content, tmp_path / "notebooks/demo/index.html", tmp_path)
    assert "<style" not in out and out.startswith('<link rel="stylesheet" href="../../assets/stylesheets/jupyter.')


def test_only_files_in_notebook_folders_become_pages():
    import mkdocs.utils
    from mkdocs.structure.files import File

    from kobai.notebooks import treat_as_pages

    before = mkdocs.utils.is_markdown_file
    try:
        treat_as_pages([".py", ".ipynb"], ["notebooks"])
        page = lambda uri: File(uri, "/docs", "/site", use_directory_urls=True).is_documentation_page()  # noqa: E731
        assert page("notebooks/flow.ja.py") and page("notebooks/deep/x.en.ipynb") and page("a/b.ja.md")
        assert not page("snippets/util.py") and not page("notebooks.py") and not page("x/notebooks/y.py")
    finally:
        mkdocs.utils.is_markdown_file = before
