"""Math found in a finished page and replaced by typeset math (kobai/math_html.py)."""

from __future__ import annotations

import pytest

from kobai import katex
from kobai.math_html import MathError, math_spans, typeset_page

CSS = "../../assets/vendor/katex/katex.min.css"
LINK = f'<link rel="stylesheet" href="{CSS}">\n'
HEAD = '<!doctype html>\n<html lang="en"><head><title>Cost in $ and $x$</title>\n<link rel="stylesheet" href="../../assets/stylesheets/kobai.css">\n'


def page(body: str) -> str:
    return f"{HEAD}</head>\n<body><article>{body}</article>\n<script>var price = '$a$';</script></body></html>"


def fake(tex: str, display: bool) -> str:
    return f"<M{' display' if display else ''}>{tex}</M>"


def run(html: str, notebook: bool = False, render=fake):
    return typeset_page(html, render, page="basics/demo.en.md", text_delimiters=notebook, stylesheet_href=CSS)


def test_arithmatex_elements_keep_their_element_and_get_typeset_math():
    html = page('<p>Let <span class="arithmatex">\\(y = f(g(x))\\)</span>, so</p>\n'
                '<div class="arithmatex">\\[\n\\frac{dy}{dx} = f\'(u)\\,g\'(x)\n\\]</div>')
    result = run(html)
    assert result.formulas == 2
    assert result.html == page('<p>Let <span class="arithmatex"><M>y = f(g(x))</M></span>, so</p>\n'
                               '<div class="arithmatex" tabindex="0"><M display>\\frac{dy}{dx} = f\'(u)\\,g\'(x)</M></div>'
                               ).replace("</head>", LINK + "</head>", 1)


def test_with_katex_the_page_holds_katex_html_and_links_the_stylesheet_once():
    html = page('<p><span class="arithmatex">\\(a &lt; b\\)</span> and <span class="arithmatex">\\(a &lt; b\\)</span></p>'
                '<div class="arithmatex">\\[x^2\\]</div>')
    out = run(html, render=katex.render).html
    assert out.count('<span class="arithmatex"><span class="katex">') == 2
    assert '<div class="arithmatex" tabindex="0"><span class="katex-display"><span class="katex">' in out
    assert '<annotation encoding="application/x-tex">a &lt; b</annotation>' in out  # the TeX was unescaped once
    assert out.count("katex.min.css") == 1 and out.index(LINK) < out.index("</head>") < out.index("<body>")


def test_entities_in_tex_are_decoded_before_typesetting():
    seen = []
    run(page('<span class="arithmatex">\\(a &lt; b &amp;&amp; c &gt; d\\)</span>'),
        render=lambda tex, display: seen.append(tex) or "x")
    assert seen == ["a < b && c > d"]


def test_notebook_dollar_math_in_a_markdown_cell():
    cell = ('<div class="jp-RenderedMarkdown"><p>For $Y = X W^\\top + b$ the gradient is\n'
            '$$\\partial L / \\partial X = G W$$ and $h &lt; 1$.</p></div>')
    result = run(page(cell), notebook=True)
    assert result.formulas == 3
    assert ('<p>For <span class="arithmatex"><M>Y = X W^\\top + b</M></span> the gradient is\n'
            '<span class="arithmatex"><M display>\\partial L / \\partial X = G W</M></span> and '
            '<span class="arithmatex"><M>h < 1</M></span>.</p>') in result.html


def test_dollars_in_code_pre_script_and_the_head_are_left_alone():
    cells = ('<div class="jp-RenderedMarkdown"><p>Run <code>echo $HOME $PATH</code> then $x$.</p></div>'
             '<div class="highlight"><pre><span></span><code>label = "$10^{-7}$: correct"\n'
             'y = "$a$" + <span class="s2">"$b$"</span></code></pre></div>'
             '<div class="jp-OutputArea-output"><pre>cost: $5, then $6\n</pre></div>')
    result = run(page(cells), notebook=True)
    assert result.formulas == 1
    assert '<code>echo $HOME $PATH</code> then <span class="arithmatex"><M>x</M></span>.' in result.html
    assert '<code>label = "$10^{-7}$: correct"\ny = "$a$" + <span class="s2">"$b$"</span></code>' in result.html
    assert "<pre>cost: $5, then $6\n</pre>" in result.html
    assert "<title>Cost in $ and $x$</title>" in result.html and "var price = '$a$';" in result.html


def test_dollar_text_is_math_only_on_notebook_pages():
    html = page("<p>It costs $5 here and $6 there.</p>")
    assert run(html).html is html


def test_escaped_dollars_braces_and_unclosed_delimiters():
    assert math_spans(r"a \$5 and $\text{b $ c}$ d") == [(10, 24)]
    assert math_spans("price $5, no closing") == []
    assert math_spans(r"\(x\) and \[y\] and $$z$$") == [(0, 5), (10, 15), (20, 25)]


def test_a_page_without_math_is_unchanged_and_links_no_stylesheet():
    html = page("<p>Gradients vanish: <code>\\(x\\)</code> stays as written.</p>")
    for notebook in (False, True):
        result = run(html, notebook=notebook)
        assert result.html == html and result.formulas == 0 and "katex" not in result.html


def test_text_inside_typeset_math_is_not_math_again():
    html = page('<p><span class="katex"><span class="katex-html">$x$</span></span></p>')
    assert run(html, notebook=True).html is html


def test_a_formula_katex_rejects_stops_with_the_page_and_the_tex():
    html = page('<p><span class="arithmatex">\\(\\frac{a}{\\)</span></p>')
    with pytest.raises(MathError) as caught:
        run(html, render=katex.render)
    assert "basics/demo.en.md" in str(caught.value) and "`\\frac{a}{`" in str(caught.value)


def test_markup_inside_an_arithmatex_element_is_an_error():
    with pytest.raises(MathError, match="basics/demo.en.md: markup inside math"):
        run(page('<span class="arithmatex">\\(a <a href="x">b</a>\\)</span>'))


def test_a_math_element_left_open_is_an_error():
    with pytest.raises(MathError, match="basics/demo.en.md: a math element left open inside <p>"):
        run(page('<p><span class="arithmatex">\\(x\\)</p>'))


def test_display_math_can_be_scrolled_with_the_keyboard():
    """A wide display formula scrolls sideways: its element takes focus (axe: scrollable-region-focusable)."""
    out = run(page('<div class="arithmatex">\\[x\\]</div><div class="arithmatex" tabindex="-1">\\[y\\]</div>'
                   '<p><span class="arithmatex">\\(z\\)</span></p>')).html
    assert '<div class="arithmatex" tabindex="0"><M display>x</M></div>' in out
    assert '<div class="arithmatex" tabindex="-1"><M display>y</M></div>' in out, "an author's tabindex stays"
    assert '<span class="arithmatex"><M>z</M></span>' in out, "inline math is not a tab stop"


def test_a_page_preloads_the_katex_fonts_its_formulas_use_before_the_stylesheet():
    from pathlib import Path

    from kobai import katex_fonts

    fonts = katex_fonts.index(Path(__file__).resolve().parents[2] / "docs/assets/vendor/katex/katex.min.css").fonts
    html = page('<span class="arithmatex">\\(x\\)</span><div class="arithmatex">\\[\\left(\\frac{a}{b}\\right)\\]</div>')
    out = typeset_page(html, katex.render, page="p", text_delimiters=False, stylesheet_href=CSS, fonts=fonts).html
    preloads = [line for line in out.splitlines() if 'rel="preload"' in line]
    hrefs = [line.split('href="')[1].split('"')[0] for line in preloads]
    assert "../../assets/vendor/katex/fonts/KaTeX_Main-Regular.woff2" in hrefs  # the digits and brackets
    assert "../../assets/vendor/katex/fonts/KaTeX_Math-Italic.woff2" in hrefs  # x, a, b
    assert "../../assets/vendor/katex/fonts/KaTeX_Size2-Regular.woff2" in hrefs  # \left( \right) around a display fraction
    assert not any("Fraktur" in h or "Typewriter" in h for h in hrefs)
    assert all('as="font" type="font/woff2" crossorigin' in line for line in preloads)
    assert out.index(preloads[-1]) < out.index(LINK)
    assert run(page("<p>no math</p>")).html.count("preload") == 0


def test_font_index_reads_katex_css_rules_and_faces():
    from kobai.katex_fonts import parse

    css = ('@font-face{font-family:KaTeX_Main;font-style:normal;font-weight:400;src:url(fonts/KaTeX_Main-Regular.woff2) format("woff2")}'
           '@font-face{font-family:KaTeX_Main;font-style:normal;font-weight:700;src:url(fonts/KaTeX_Main-Bold.woff2) format("woff2")}'
           '.katex{font:normal 1.21em KaTeX_Main,Times New Roman,serif}.katex .mathbf{font-family:KaTeX_Main;font-weight:700}')
    index = parse(css)
    assert index.fonts({frozenset({"katex"})}) == ["fonts/KaTeX_Main-Regular.woff2"]
    assert index.fonts({frozenset({"katex"}), frozenset({"mathbf"})}) == ["fonts/KaTeX_Main-Bold.woff2", "fonts/KaTeX_Main-Regular.woff2"]
    assert index.fonts({frozenset({"mathbf"})}) == []  # .katex .mathbf: no katex ancestor


def test_a_rules_last_compound_must_match_one_element():
    from kobai.katex_fonts import parse

    css = ('@font-face{font-family:KaTeX_Size3;font-style:normal;font-weight:400;src:url(fonts/KaTeX_Size3-Regular.woff2) format("woff2")}'
           '.katex .delimsizing.size3{font-family:KaTeX_Size3}')
    index = parse(css)
    sizing, delimiter = frozenset({"sizing", "size3"}), frozenset({"delimsizing", "size1"})
    assert index.fonts({frozenset({"katex"}), sizing, delimiter}) == []  # classes of different elements
    assert index.fonts({frozenset({"katex"}), frozenset({"delimsizing", "size3"})}) == ["fonts/KaTeX_Size3-Regular.woff2"]


def test_fonts_of_formulas_in_a_folded_answer_are_not_preloaded():
    """A closed <details> (a self-check answer) is not laid out on load: its fonts load when opened."""
    seen = []

    def fonts(classes):
        seen.append(set().union(*classes))
        return ["fonts/F.woff2"] if classes else []

    def render(tex, display):
        return f'<span class="katex {tex}">{tex}</span>'

    folded = page('<details class="question"><summary>Q</summary><p><span class="arithmatex">\\(hidden\\)</span></p></details>')
    out = typeset_page(folded, render, page="p", text_delimiters=False, stylesheet_href=CSS, fonts=fonts).html
    assert seen == [set()] and "preload" not in out
    opened = folded.replace("<details ", "<details open ").replace("</details>", '</details><span class="arithmatex">\\(shown\\)</span>')
    seen.clear()
    typeset_page(opened, render, page="p", text_delimiters=False, stylesheet_href=CSS, fonts=fonts)
    assert seen == [{"katex", "hidden", "shown"}]
