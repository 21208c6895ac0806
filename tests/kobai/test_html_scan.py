"""kobai/html_scan.py: a document as pieces with exact spans, and edits that keep every other byte."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kobai.html_scan import EndTag, Markup, StartTag, Text, apply_edits, scan

TRICKY = [
    "",
    "plain text, no markup",
    '<p><img alt="a > b" src="x.png"><a title="x>y" class=\'c\'>link</a></p>',
    "<!-- <p>a tag</p> in a comment --><p>after</p>",
    '<script>var s = "</div>"; if (a < b && c > d) {}</script><div>x</div>',
    "<style>p > a { color: red }</style>",
    "<p>a &lt;b&gt; &amp; &nbsp; &#x41; &notanentity; & alone</p>",
    "<p>line one\r\nline two</p>\r\n<br/>\r\n<img\r\n alt=\"x\r\ny\">\r\n",
    "<div><p>unclosed paragraph<span>and span</div>",
    "</p>stray end tags</span></div>",
    "<!DOCTYPE html>\n<html><head><title>t</title></head><body></body></html>",
    "<?xml version='1.0'?><![CDATA[a < b]]><![if !IE]>x<![endif]>",
    "<![ odd ]>text",
    '<p>ends inside a tag <a href="x',
    "<script>never closed",
    "a < b > c </> d <<>> e",
    "<!--unterminated comment",
    "<DIV CLASS='Up'>Upper</DIV>",
    '<p a="1" a="2">first wins</p>',
    "<math><mi>x</mi></math><svg><path d='M0 0'/></svg>",
    "<textarea><b>not a tag</b></textarea>",
    "日本語の<b>テキスト</b>と\n改行",
]


def spans(source: str) -> list[str]:
    return [source[piece.start:piece.end] for piece in scan(source)]


@pytest.mark.parametrize("source", TRICKY)
def test_the_pieces_cover_the_source_exactly_in_order(source):
    pieces = list(scan(source))
    assert "".join(source[p.start:p.end] for p in pieces) == source
    assert all(p.start < p.end for p in pieces)  # no empty pieces
    assert all(a.end == b.start for a, b in zip(pieces, pieces[1:]))
    assert not any(type(a) is Text and type(b) is Text for a, b in zip(pieces, pieces[1:]))  # text is one run


@pytest.mark.parametrize("source", TRICKY)
def test_markup_spans_are_markup(source):
    for piece in scan(source):
        text = source[piece.start:piece.end]
        if type(piece) is not Text:
            assert text.startswith("<") and text.endswith(">"), (piece, text)
        if type(piece) is EndTag:
            assert text.startswith("</")


def test_a_gt_in_an_attribute_value_does_not_end_the_tag():
    source = '<p><img alt="a > b" src="x.png"><a title="x>y" class=\'c\' data-n=1>link</a></p>'
    pieces = list(scan(source))
    assert [type(p) for p in pieces] == [StartTag, StartTag, StartTag, Text, EndTag, EndTag]
    img, a = pieces[1], pieces[2]
    assert (img.name, img.attrs, source[img.start:img.end]) == ("img", {"alt": "a > b", "src": "x.png"}, '<img alt="a > b" src="x.png">')
    assert a.attrs == {"title": "x>y", "class": "c", "data-n": "1"} and not a.self_closing
    assert source[a.end:pieces[3].end] == "link"
    assert pieces[4] == EndTag("a", source.index("</a>"), source.index("</a>") + 4)


def test_names_are_lowercased_the_first_of_a_repeated_attribute_counts_and_self_closing_is_seen():
    pieces = list(scan('<DIV CLASS="x" class="y"><br/><path d="M0"/></DIV>'))
    assert pieces[0].name == "div" and pieces[0].attrs == {"class": "x"} and not pieces[0].self_closing
    assert [(p.name, p.self_closing) for p in pieces[1:3]] == [("br", True), ("path", True)]
    assert pieces[3].name == "div" and type(pieces[3]) is EndTag


def test_comments_declarations_and_instructions_are_single_pieces():
    source = "<!DOCTYPE html><!-- <p>not a tag</p> --><?pi x?><![CDATA[a<b]]><p>t</p>"
    pieces = list(scan(source))
    assert [(type(p), getattr(p, "kind", None)) for p in pieces[:4]] == [
        (Markup, "decl"), (Markup, "comment"), (Markup, "pi"), (Markup, "unknown_decl")]
    assert spans(source)[:4] == ["<!DOCTYPE html>", "<!-- <p>not a tag</p> -->", "<?pi x?>", "<![CDATA[a<b]]>"]
    assert [type(p) for p in pieces[4:]] == [StartTag, Text, EndTag]


def test_script_and_style_content_is_text_even_when_it_looks_like_markup():
    source = '<script>var s = "</div><p>";</script><style>a > b {}</style><p>x</p>'
    assert spans(source) == ["<script>", 'var s = "</div><p>";', "</script>", "<style>", "a > b {}", "</style>",
                             "<p>", "x", "</p>"]


def test_text_is_the_raw_source_with_entities_escaped():
    source = "<p>a &lt;b&gt; &amp; &#x41;</p>"
    text = [p for p in scan(source) if type(p) is Text][0]
    assert source[text.start:text.end] == "a &lt;b&gt; &amp; &#x41;"


def test_offsets_count_every_character_across_crlf_and_multiline_tags():
    source = "é\r\n<p\r\nclass='a\r\nb'>日本\r\n</p\r\n>x"
    pieces = list(scan(source))
    assert spans(source) == ["é\r\n", "<p\r\nclass='a\r\nb'>", "日本\r\n", "</p\r\n>", "x"]
    assert pieces[1].attrs == {"class": "a\r\nb"}


def test_unclosed_tags_and_stray_end_tags_are_kept_as_they_are():
    assert spans("</b>x<i>y") == ["</b>", "x", "<i>", "y"]
    assert spans('<p>end in a tag <a href="x') == ["<p>", 'end in a tag <a href="x']
    assert spans("<script>never closed") == ["<script>", "never closed"]


fragments = st.sampled_from([
    "<p>", "</p>", "<div class='a'>", "</div>", '<img alt="a > b">', "<br/>", "<a title=\"x>y\">", "</a>",
    "<script>", "</script>", "<style>", "</style>", '"</div>"', "<!--", "-->", "<!-- c -->", "<!", "<?", "?>",
    "<![CDATA[", "]]>", "<![", "</", "</>", "<", ">", "&", "&amp;", "&lt;", "&#x41;", "&#", ";", "=", '"', "'",
    "\r\n", "\n", " ", "text", "勾配", "<DIV>", "<p", "a=1", "/", "<textarea>", "</textarea>",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(fragments, max_size=30).map("".join))
def test_any_soup_of_fragments_round_trips(source):
    pieces = list(scan(source))
    assert "".join(source[p.start:p.end] for p in pieces) == source
    assert all(a.end == b.start for a, b in zip(pieces, pieces[1:]))


def test_apply_edits_replaces_and_inserts_and_keeps_every_other_character():
    source = "0123456789"
    assert apply_edits(source, []) == source
    assert apply_edits(source, [(7, 9, "X"), (2, 3, "<two>"), (5, 5, "|")]) == "01<two>34|56X9"
    # insertions at one point are all made, in the order given; then a replacement starting there
    assert apply_edits(source, [(4, 4, "a"), (4, 4, "b"), (4, 6, "R")]) == "0123abR6789"
    assert apply_edits(source, [(0, 0, "<"), (10, 10, ">")]) == "<0123456789>"


@pytest.mark.parametrize("edits", [[(1, 5, "x"), (4, 6, "y")], [(3, 2, "x")], [(8, 11, "x")]])
def test_apply_edits_refuses_overlapping_or_outside_edits(edits):
    with pytest.raises(ValueError):
        apply_edits("0123456789", edits)


def test_scan_and_apply_edits_together_change_only_what_was_chosen():
    source = '<p title="a>b">one</p><!-- one --><script>"one"</script><p>one &amp; two</p>'
    edits = [(p.start, p.end, source[p.start:p.end].replace("one", "ONE"))
             for p in scan(source) if type(p) is Text]
    assert apply_edits(source, edits) == source.replace(">one<", ">ONE<").replace('"one"', '"ONE"').replace(
        "<p>one &amp;", "<p>ONE &amp;")
