import hashlib
import re
from pathlib import Path

import pytest
import tinycss2
from pymdownx.slugs import slugify

from kobai import notebooks, unused_css
from kobai.notebook_css import SharedStylesheet
from kobai.compat import mkdocs_jupyter
from kobai.compat.nbconvert import fix_heading_ids

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


def test_inline_styles_move_to_one_shared_file_pruned_and_linked_by_its_final_name(tmp_path):
    sheet = SharedStylesheet(own_css=".jupyter-wrapper pre { tab-size: 4 }")
    page = ('<head></head><body><article><style>.a{color:red}</style><div class="a">x</div>'
            '<style>.b{color:blue}</style></article></body>')
    pages = {lang: tmp_path / prefix / "notebooks/demo/index.html" for lang, prefix in (("ja", ""), ("en", "en"))}
    for lang, path in pages.items():
        path.parent.mkdir(parents=True)
        path.write_text(sheet.extract(page, path, tmp_path), encoding="utf-8")
    assert "<style" not in pages["ja"].read_text() and "<style" not in pages["en"].read_text()
    [written] = sheet.write(tmp_path)
    assert written.read_text() == ".a{color:red}\n.jupyter-wrapper pre { tab-size: 4 }\n"  # .b styles nothing
    assert written.name == f"jupyter.{hashlib.sha256(written.read_bytes()).hexdigest()[:10]}.css"
    assert f'href="../../assets/stylesheets/{written.name}"' in pages["ja"].read_text()
    assert f'href="../../../assets/stylesheets/{written.name}"' in pages["en"].read_text()


def test_a_build_with_the_same_notebooks_takes_the_pruned_css_from_the_cache(tmp_path, monkeypatch):
    cache = tmp_path / "cache" / "notebook-css.json"

    def build(content: str) -> str:
        sheet = SharedStylesheet()
        sheet.extract(f"<article><style>.a{{color:red}}.b{{top:0}}</style>{content}</article>",
                      tmp_path / "site/notebooks/demo/index.html", tmp_path / "site")
        [written] = sheet.write(tmp_path / "site", cache)
        return written.read_text()

    assert build('<p class="a">x</p>') == ".a{color:red}\n"
    monkeypatch.setattr(unused_css, "prune", lambda css, pages: "/* pruned again */")
    assert build('<p class="a">x</p>') == ".a{color:red}\n"
    assert build('<p class="b">x</p>') == "/* pruned again */\n"  # other pages, other key


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

    from kobai.compat.mkdocs import treat_as_pages

    before = mkdocs.utils.is_markdown_file
    try:
        treat_as_pages([".py", ".ipynb"], ["notebooks"])
        page = lambda uri: File(uri, "/docs", "/site", use_directory_urls=True).is_documentation_page()  # noqa: E731
        assert page("notebooks/flow.ja.py") and page("notebooks/deep/x.en.ipynb") and page("a/b.ja.md")
        assert not page("snippets/util.py") and not page("notebooks.py") and not page("x/notebooks/y.py")
    finally:
        mkdocs.utils.is_markdown_file = before


# -- pruning the Jupyter CSS (kobai/unused_css.py) ------------------------------------------------

PAGE = """<div class="jupyter-wrapper"><div class="jp-Cell jp-CodeCell">
<div class="highlight-ipynb"><pre><span class="n">x</span> <span class="o">=</span> <span class="n">y</span></pre></div>
<table><tr><td>1</td></tr></table></div></div>"""


def _rules(css: str) -> list[str]:
    """Each rule of the pruned CSS as `selectors{declarations}`, whitespace as written."""
    return [r.serialize() for r in tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)]


def test_pruning_keeps_a_used_rule_and_drops_an_unused_one():
    css = ".jupyter-wrapper .jp-Cell{margin:0}\n.jupyter-wrapper .jp-FileBrowser{display:flex}\n#nowhere{top:0}"
    assert _rules(unused_css.prune(css, [PAGE])) == [".jupyter-wrapper .jp-Cell{margin:0}"]


def test_a_rule_keeps_only_its_selectors_that_match():
    css = ".jp-Dialog, .jupyter-wrapper .jp-Cell, .jp-CodeCell > .jp-Terminal{margin:0}"
    assert _rules(unused_css.prune(css, [PAGE])) == [".jupyter-wrapper .jp-Cell{margin:0}"]


def test_structure_counts_not_only_the_names():
    # both classes exist, but never one inside the other
    assert unused_css.prune(".jp-CodeCell .jupyter-wrapper{margin:0}", [PAGE]) == ""


def test_a_media_querys_used_rule_is_kept_and_an_empty_query_dropped():
    css = "@media print{.jp-Cell{display:block}.jp-Toolbar{display:none}}@media (min-width:2000px){.jp-Toolbar{top:0}}"
    assert _rules(unused_css.prune(css, [PAGE])) == ["@media print{\n.jp-Cell{display:block}\n}"]


def test_a_var_chain_is_kept_and_unused_custom_properties_dropped():
    css = (".jupyter-wrapper{--jp-a:var(--jp-b);--jp-b:var(--jp-c, red);--jp-c:#123;--jp-unused:1px;--jp-icon:url(x.svg)}"
           ".highlight-ipynb{color:var(--jp-a)}"
           ".jp-FileBrowser{--jp-icon-size:2px;width:var(--jp-unused)}")
    kept = _rules(unused_css.prune(css, [PAGE]))
    assert kept == [".jupyter-wrapper{--jp-a:var(--jp-b);--jp-b:var(--jp-c, red);--jp-c:#123}",
                    ".highlight-ipynb{color:var(--jp-a)}"]


def test_a_rule_left_with_only_unused_custom_properties_goes():
    assert unused_css.prune(".jupyter-wrapper{--jp-unused:1px}", [PAGE]) == ""


def test_state_and_pseudo_elements_do_not_hide_a_used_rule():
    css = (".jp-Cell:hover .highlight-ipynb{color:red}.highlight-ipynb pre::selection{color:blue}"
           ".jp-Cell:focus-within::before{content:''}.jp-Cell:is(:hover, .jp-Other){top:0}"
           ".jp-Cell:not(:hover){left:0}.jp-Cell:first-child{right:0}"
           ".jp-Dialog:hover{color:green}")
    kept = unused_css.prune(css, [PAGE])
    assert "green" not in kept and len(_rules(kept)) == 6


def test_materials_classes_and_attributes_do_not_hide_a_used_rule():
    # the palette toggle sets data-md-color-scheme on <body>; Material's script wraps tables in
    # .md-typeset__scrollwrap after load: neither is in a notebook's content at build time
    css = ("[data-md-color-scheme=slate] .jupyter-wrapper{--jp-x:1;color:var(--jp-x)}"
           ".jupyter-wrapper .md-typeset__scrollwrap{margin:0}.md-typeset .jp-Cell table{width:auto}")
    assert len(_rules(unused_css.prune(css, [PAGE]))) == 3


def test_font_faces_and_keyframes_stay_only_if_named():
    css = ("@font-face{font-family:'Used Font';src:url(a.woff2)}@font-face{font-family:Other;src:url(b.woff2)}"
           "@keyframes spin{to{transform:rotate(1turn)}}@keyframes fade{to{opacity:0}}"
           "@import url(more.css);"
           ".jp-Cell{font-family:var(--jp-font);animation:spin 1s}.jupyter-wrapper{--jp-font:'Used Font',serif}")
    kept = unused_css.prune(css, [PAGE])
    assert "Used Font';src" in kept and "Other" not in kept
    assert "@keyframes spin" in kept and "fade" not in kept and "@import" not in kept


def test_the_stylesheet_is_cut_into_the_rules_tinycss2_sees():
    css = ('@charset "UTF-8";/* a { b } */.a[title="}{;"]{content:"}";background:url(x{y}.png)}'
           '.b\\{{top:0}@media print{.c{d:e}}.e{f:g')
    statements = unused_css._statements(css)
    rules = tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)
    assert len(statements) == len(rules) == 5
    for statement, rule in zip(statements, rules):
        prelude = tinycss2.serialize(rule.prelude).strip()
        assert statement.prelude.endswith(prelude)
        if rule.content is not None:
            assert statement.block == tinycss2.serialize(rule.content)


def test_folding_repeated_leaves_changes_no_answer():
    # a code cell's thousands of token spans are folded before soupsieve sees the page
    folded = unused_css._fold_leaf_siblings(PAGE)
    assert folded.count('<span class="n">') == 1 and folded.count('<span class="o">') == 1
    assert re.sub(r"<[^>]+>", "", folded) == re.sub(r"<[^>]+>", "", PAGE)  # only tags go
    css = ".highlight-ipynb .n{color:red}.o+.n{color:blue}.n:last-child{top:0}.jp-Cell .n .o{left:0}"
    assert unused_css.prune(css, [PAGE]) == ".highlight-ipynb .n{color:red}\n.o+.n{color:blue}\n.n:last-child{top:0}"


# -- scripts no notebook page uses (kobai/compat/mkdocs_jupyter.py) -------------------------------------------


@pytest.fixture(scope="module")
def mkdocs_jupyter_page(tmp_path_factory) -> str:
    """A notebook page as the installed mkdocs-jupyter renders it (as configured: no MathJax URL)."""
    from mkdocs_jupyter.nbconvert2 import nb2html

    source = tmp_path_factory.mktemp("nb") / "tiny.py"
    source.write_text("# %% [markdown]\n# # Title\n#\n# | a | b |\n# |---|---|\n# | 1 | 2 |\n\n# %%\nx = 1\n", encoding="utf-8")
    return nb2html(str(source), custom_mathjax_url="")


def test_mathjax_and_mermaid_leave_the_page_and_the_copy_button_stays(mkdocs_jupyter_page):
    page = mkdocs_jupyter_page
    assert "x-mathjax-config" in page and "mermaid" in page  # what mkdocs-jupyter writes
    out = mkdocs_jupyter.without_unused_scripts(page)
    assert "x-mathjax-config" not in out and "mathjax" not in out.lower() and "mermaid" not in out.lower()
    assert "ClipboardCopyElement" in out and "clipboard-copy" in out  # the code cells' copy buttons
    assert len(page) - len(out) > 10_000


@pytest.mark.parametrize("change", [
    lambda page: page.replace('<script src=""> </script>', '<script src="https://cdn.example/mathjax.js"> </script>'),
    lambda page: page.replace("renderOneMarmaid));", "renderOneMermaid));"),
    lambda page: page.replace("<!-- End of mermaid configuration -->", ""),
])
def test_changed_markup_is_an_error_naming_the_version(mkdocs_jupyter_page, change):
    with pytest.raises(mkdocs_jupyter.NotebookMarkupChanged, match="mkdocs-jupyter 0.26.3"):
        mkdocs_jupyter.without_unused_scripts(change(mkdocs_jupyter_page))


def test_a_mermaid_diagram_is_an_error_not_a_silently_broken_figure(mkdocs_jupyter_page):
    page = mkdocs_jupyter_page.replace('<div class="jupyter-wrapper">',
                                       '<div class="jupyter-wrapper"><div class="jp-Mermaid"><pre class="mermaid">graph LR</pre></div>', 1)
    with pytest.raises(mkdocs_jupyter.NotebookMarkupChanged, match="Mermaid diagram"):
        mkdocs_jupyter.without_unused_scripts(page)


def test_code_cells_and_tables_become_keyboard_scrollable(mkdocs_jupyter_page):
    out = notebooks.keyboard_scrollable(mkdocs_jupyter_page)
    assert out.count('<div class="highlight-ipynb hl-python" tabindex="0">') == 1
    # the table itself stays as it was: Material styles only `table:not([class])`, and its
    # focus-visible polyfill would give a focused table a class
    assert out.count('<div class="notebook-scroll" tabindex="0"><table>') == 1
    assert out.count("</table></div>") == 1


def test_a_nested_table_gets_one_wrapper_that_closes_after_the_outer_table():
    inner = "<table><tr><td>1</td></tr></table>"
    outer = f'<table class="dataframe" border="1"><tr><td>{inner}</td></tr><tr><td>2</td></tr></table>'
    page = (f'<div class="jp-RenderedHTMLCommon">{outer}<p>after</p><table><tr><td>3</td></tr></table></div>'
            '<script>var s = "<table>"; var t = "</table>";</script><!-- <table> -->')
    out = notebooks.keyboard_scrollable(page)
    box = '<div class="notebook-scroll" tabindex="0">'
    assert out == (f'<div class="jp-RenderedHTMLCommon">{box}{outer}</div><p>after</p>'
                   f'{box}<table><tr><td>3</td></tr></table></div></div>'
                   '<script>var s = "<table>"; var t = "</table>";</script><!-- <table> -->')


def test_code_cells_get_a_tabindex_once_however_their_class_is_written():
    page = ('<div class="highlight-ipynb hl-python"><pre>x</pre></div>'
            "<div class='jp-Cell highlight-ipynb' data-x=\"a>b\"><pre>y</pre></div>"
            '<div class="highlight-ipynb" tabindex="-1"><pre>z</pre></div>'
            '<div class="highlight-ipynbx"><pre>w</pre></div>')
    out = notebooks.keyboard_scrollable(page)
    assert out == (page.replace('hl-python">', 'hl-python" tabindex="0">')
                   .replace("data-x=\"a>b\">", "data-x=\"a>b\" tabindex=\"0\">"))


def test_a_table_never_closed_gets_no_wrapper():
    page = "<table><tr><td>1</td></tr>"
    assert notebooks.keyboard_scrollable(page) == page
