"""Romaji for the index filter, the name matcher, tooltips and the rendered (escaped) pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from glossary import romaji
from glossary.export import glossary_json, glossary_schema
from glossary.matcher import Matcher
from glossary.pages import render_all, write_pages
from glossary.render import kana_row, search_keys
from glossary.tooltips import add_tooltips
from glossary.validate import load_glossary
from kobai.html_scan import EndTag, StartTag, scan

FIXTURES = Path(__file__).parent / "fixtures" / "terms"


@pytest.mark.parametrize("reading, expected", [
    ("こうばい", ["koubai", "kōbai", "kobai"]),
    ("しょきか", ["shokika"]),
    ("ばっち", ["batchi"]),
    ("がくしゅうりつ", ["gakushuuritsu", "gakushūritsu", "gakushuritsu"]),
    ("れる", ["reru"]),
    ("ひーしょきか", ["hiishokika"]),
])
def test_romaji_variants(reading, expected):
    assert romaji.variants(reading) == expected


def test_every_spelling_of_kobai_finds_gradient():
    term = load_glossary(FIXTURES)[1]
    keys = search_keys(term)
    for query in ["こうばい", "コウバイ", "kōbai", "koubai", "kobai", "勾配", "gradient", "グラディエント"]:
        normal = romaji.to_hiragana(query).lower()
        assert normal in keys, (query, keys)


def test_kana_rows():
    assert [kana_row(r) for r in ["こうばい", "がくしゅう", "ぱらめーた", "れる", "わ", "ん"]] == ["か", "か", "は", "ら", "わ", "わ"]


def test_longest_name_wins_and_latin_needs_word_edges():
    matcher = Matcher({"勾配": "gradient", "勾配消失": "vanishing", "ReLU": "relu", "gradient": "gradient-en"})
    assert [m[2] for m in matcher.finditer("勾配消失と勾配")] == ["vanishing", "gradient"]
    assert [m[2] for m in matcher.finditer("活性化関数にReLUを使う")] == ["relu"]
    assert list(matcher.finditer("LeakyReLU and ReLUs")) == [(14, 19, "relu")]
    assert [m[2] for m in matcher.finditer("Gradients vanish")] == ["gradient-en"]


def _link(term_id):
    return f"../glossary/{term_id}/", f"gloss of {term_id}"


def test_tooltips_first_occurrence_per_page_never_in_code_headings_links_or_math():
    matcher = Matcher({"勾配": "gradient", "ReLU": "relu"})
    html = ('<h2>勾配</h2><p>勾配が<code>勾配</code>消える。勾配。</p><p><a href="x">ReLU</a> と ReLU</p>'
            '<p><span class="arithmatex">\\(勾配\\)</span></p><h2 id="b">次</h2><p>また勾配。</p><pre>勾配</pre>')
    out = add_tooltips(html, matcher, _link)
    assert out.count('class="glossary-term"') == 2
    assert '<h2>勾配</h2>' in out and '<code>勾配</code>' in out and '<pre>勾配</pre>' in out
    assert ('<a href="x">ReLU</a> と <a class="glossary-term" href="../glossary/relu/" title="gloss of relu" '
            'aria-describedby="glossary-tip-relu">ReLU</a>') in out
    assert '\\(勾配\\)' in out
    assert out.count('href="../glossary/gradient/"') == 1  # once per page, not per section
    assert "<p>また勾配。</p>" in out


def test_tooltips_stay_out_of_notebook_math_in_text():
    """Notebook Markdown keeps `$…$` as text until kobai typesets it: a link inside would cut it."""
    matcher = Matcher({"ReLU": "relu", "gradient": "gradient"})
    html = "<p>update $h_t = \\mathrm{ReLU}(W h)$ with the gradient, then ReLU again</p>"
    out = add_tooltips(html, matcher, _link)
    assert "$h_t = \\mathrm{ReLU}(W h)$" in out
    assert out.count('class="glossary-term"') == 2 and 'title="gloss of relu" aria-describedby="glossary-tip-relu">ReLU</a> again' in out


def test_the_pages_own_subject_is_never_linked():
    matcher = Matcher({"勾配消失": "vanishing-gradient", "勾配": "gradient", "ReLU": "relu"})
    out = add_tooltips("<p>勾配消失は勾配が ReLU で…</p>", matcher, _link, subject="勾配消失")
    assert 'href="../glossary/vanishing-gradient/"' not in out
    assert out.count('class="glossary-term"') == 2


def test_tooltips_keep_entities_escaped():
    out = add_tooltips("<p>a &lt;b&gt; 勾配</p>", Matcher({"勾配": "gradient"}), _link)
    assert "&lt;b&gt;" in out and 'title="gloss of gradient" aria-describedby="glossary-tip-gradient">勾配</a>' in out


def _tip(name, term):
    return (f'<a class="glossary-term" href="../glossary/{term}/" title="gloss of {term}" '
            f'aria-describedby="glossary-tip-{term}">{name}</a>')


def test_tooltips_go_into_text_only_never_into_attribute_values_even_with_a_gt_in_them():
    """A `>` inside a quoted attribute value does not end the tag (an `alt` or `title` may hold a
    comparison): a link there would break the markup. Math stays out however its class is quoted."""
    matcher = Matcher({"勾配": "gradient", "ReLU": "relu", "損失": "loss"})
    kept = ['<img alt="勾配 > 0" src="g.png">', '<a title="x>y" href="#">リンク</a>',
            """<span title="x>勾配 と ReLU" data-n='1>0 勾配'>本文</span>""",
            "<span class='arithmatex'>\\(勾配\\)</span>", "<span class=katex>ReLU</span>", "<!-- <p>勾配</p> -->"]
    html = "<p>" + " ".join(kept) + "損失と勾配と ReLU</p>"
    out = add_tooltips(html, matcher, _link)
    body = out[:out.index('<div class="glossary-tips"')]
    assert body == ("<p>" + " ".join(kept)
                    + f"{_tip('損失', 'loss')}と{_tip('勾配', 'gradient')}と {_tip('ReLU', 'relu')}</p>")
    # well-formed: the links are the only change, and each element closes where it did
    assert re.sub(r'<a class="glossary-term" [^>]*>([^<]*)</a>', r"\1", body) == html
    pieces = list(scan(body))
    for name in ("a", "span", "p"):
        assert (sum(type(p) is StartTag and p.name == name for p in pieces)
                == sum(type(p) is EndTag and p.name == name for p in pieces)), name


def test_screen_readers_get_each_gloss_as_the_links_description():
    """`title` alone is not announced reliably: aria-describedby points at the gloss's text."""
    out = add_tooltips("<p>勾配と ReLU。</p>", Matcher({"勾配": "gradient", "ReLU": "relu"}), lambda t: ("#", f"<{t}> gloss"))
    tips = out[out.index('<div class="glossary-tips"'):]
    assert tips.startswith('<div class="glossary-tips" hidden data-search-exclude>')
    for term in ("gradient", "relu"):
        assert f'aria-describedby="glossary-tip-{term}"' in out
        assert f'<span id="glossary-tip-{term}">&lt;{term}&gt; gloss</span>' in tips
    assert add_tooltips("<p>なし</p>", Matcher({"勾配": "gradient"}), _link) == "<p>なし</p>"


def test_pages_escape_html_and_exist_in_both_languages(tmp_path):
    terms = load_glossary(FIXTURES)
    files = render_all(terms, tmp_path, "glossary", figures_enabled=True)
    assert set(files) == {f"{name}.{lang}.md" for name in ["index", "map", *[t.id for t in terms]] for lang in ("ja", "en")}
    page = files["vanishing-gradient.ja.md"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page
    assert "[勾配爆発](exploding-gradient.md)" in page and '{{ figure("vanishing-depth") }}' in page
    assert "&lt;b&gt;HTML&lt;/b&gt;" in files["vanishing-gradient.en.md"]


def test_pages_are_written_whole_and_not_rewritten_when_unchanged(tmp_path):
    target = tmp_path / "docs" / "glossary"
    assert write_pages(target, {"a.ja.md": "x", "a.en.md": "y"}) is True
    stamp = (target / "a.ja.md").stat().st_mtime_ns
    assert write_pages(target, {"a.ja.md": "x", "a.en.md": "y"}) is False
    assert (target / "a.ja.md").stat().st_mtime_ns == stamp
    assert write_pages(target, {"b.ja.md": "z", "b.en.md": "w"}) is True
    assert sorted(p.name for p in target.iterdir() if not p.name.startswith(".")) == ["b.en.md", "b.ja.md"]
    assert [p.name for p in target.parent.iterdir()] == ["glossary"]  # no temporary folders left


def test_glossary_json_validates_against_its_published_schema():
    document = glossary_json(load_glossary(FIXTURES))
    Draft202012Validator.check_schema(glossary_schema())
    Draft202012Validator(glossary_schema()).validate(json.loads(json.dumps(document)))
    assert document["count"] == 3 and document["terms"][0]["url"]["en"] == "en/glossary/exploding-gradient/"


def test_unchanged_inputs_skip_rendering_and_any_change_renders_again(tmp_path, monkeypatch):
    import glossary.pages as pages

    terms = load_glossary(FIXTURES)
    docs = tmp_path / "docs"
    (docs / "problems").mkdir(parents=True)
    (docs / "problems" / "vanishing.ja.md").write_text("# 勾配消失\n\n勾配爆発の反対。\n", encoding="utf-8")
    assert pages.generate(terms, docs, "glossary", figures_enabled=True) is True
    calls = []
    real = pages.render_all
    monkeypatch.setattr(pages, "render_all", lambda *a, **k: calls.append(1) or real(*a, **k))
    assert pages.generate(terms, docs, "glossary", figures_enabled=True) is False and calls == []
    (docs / "problems" / "vanishing.ja.md").write_text("# 勾配消失\n\n勾配爆発の反対。別の文。\n", encoding="utf-8")
    assert pages.generate(terms, docs, "glossary", figures_enabled=True) is False and calls == [], \
        "an edit that changes no term's 'appears in' list renders nothing"
    (docs / "problems" / "vanishing.ja.md").write_text("# 勾配消失\n\n別の文。\n", encoding="utf-8")
    pages.generate(terms, docs, "glossary", figures_enabled=True)
    assert calls == [1], "an edited article changes the terms' 'appears in' lists: render again"
    pages.generate(terms, docs, "glossary", figures_enabled=False)
    assert calls == [1, 1], "other flags, other pages"
    (docs / "glossary" / pages.INPUTS_STAMP).unlink()
    pages.generate(terms, docs, "glossary", figures_enabled=False)
    assert calls == [1, 1, 1], "no stamp (an interrupted run): render again"


def test_appearances_skip_fenced_and_inline_code(tmp_path):
    from glossary.pages import appearances
    terms = load_glossary(FIXTURES)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.ja.md").write_text("# 勾配\n\n````\n```\n勾配消失\n```\n````\n\n`勾配爆発` は ``x`勾配消失`` と書く。\n\n~~~\n勾配爆発\n",
                                  encoding="utf-8")
    found = appearances(terms, docs, "glossary")
    assert [term_id for term_id in found if found[term_id]["ja"]] == ["gradient"]
    assert found["gradient"]["ja"] == [("a.md", "勾配")]


def test_appearances_leave_out_the_folders_plugins_generate(tmp_path):
    """Generated pages are not articles, and a fresh clone's first build scans before some exist."""
    from glossary.pages import appearances
    terms = load_glossary(FIXTURES)
    docs = tmp_path / "docs"
    for rel in ("a.ja.md", "gallery/index.ja.md", "references/index.ja.md", "glossary/index.ja.md"):
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text("# 題\n\n勾配消失の話。\n", encoding="utf-8")
    found = appearances(terms, docs, ("glossary", "gallery", "references"))
    assert found["vanishing-gradient"]["ja"] == [("a.md", "題")]
    assert len(appearances(terms, docs, "glossary")["vanishing-gradient"]["ja"]) == 3
