"""The term maps drawn from the real glossary: every neighbour once, as a link, nothing overlapping,
the whole glossary on one map, the same edges in the text equivalent, and byte-identical output."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from glossary.model import LANGUAGES
from glossary.termmap import NODE_H, neighbourhood, term_map, text_width, whole_map
from glossary.validate import load_glossary

ROOT = Path(__file__).resolve().parents[2]
TERMS = load_glossary(ROOT / "glossary" / "terms")
BY_ID = {t.id: t for t in TERMS}
NODE = re.compile(r'<(?:a|g) class="term-map__node[^"]*"(?: href="\.\./([\w-]+)/")?><rect x="([\d.-]+)" '
                  r'y="([\d.-]+)" width="([\d.]+)" height="[\d.]+" rx="[\d.]+"/><text[^>]*>([^<]*)</text>')


def boxes(svg: str) -> list[tuple[str | None, float, float, float, str]]:
    return [(m[0] or None, float(m[1]), float(m[2]), float(m[3]), m[4]) for m in NODE.findall(svg)]


def assert_no_overlap(found, where):
    for i, (id_a, xa, ya, wa, _) in enumerate(found):
        for id_b, xb, yb, wb, _ in found[i + 1:]:
            apart = xa + wa <= xb or xb + wb <= xa or ya + NODE_H <= yb or yb + NODE_H <= ya
            assert apart, f"{where}: {id_a} and {id_b} overlap"


def test_incoming_relations_count_and_every_neighbour_appears_once():
    hood = dict((other, kind) for kind, other in neighbourhood(BY_ID["relu"], BY_ID))
    assert len(hood) == len(neighbourhood(BY_ID["relu"], BY_ID))
    for term in TERMS:  # a term that names ReLU as its remedy shows up as "remedy_of"
        if "relu" in term.remedies and term.id not in BY_ID["relu"].related + BY_ID["relu"].cooccurring:
            assert hood[term.id] == "remedy_of"
    # one hop, both directions: whatever ReLU names, and whatever names ReLU
    named = {o for kind in ("related", "cooccurring", "antonyms", "remedies") for o in getattr(BY_ID["relu"], kind)}
    naming = {t.id for t in TERMS if "relu" in (*t.related, *t.cooccurring, *t.antonyms, *t.remedies,
                                                  *(c[0] for c in t.confused))}
    assert set(hood) == named | naming


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_term_map_links_each_neighbour_once_without_overlap(lang):
    for term in TERMS:
        html = term_map(term, BY_ID, lang)
        hood = neighbourhood(term, BY_ID)
        if not hood:
            assert html == ""
            continue
        svg = html[html.index("<svg"):html.index("</svg>")]
        found = boxes(svg)
        assert [f[0] for f in found] == [None] + [other for _, other in hood], term.id  # centre first, not a link
        assert unescape(found[0][4]) == term.entry(lang).term
        assert_no_overlap(found, f"{term.id}.{lang}")
        for _, x, _, w, label in found:  # each box is wide enough for its label
            assert w >= text_width(unescape(label)), (term.id, label)
        # the text equivalent names the same neighbours
        text = html[html.index("<details>"):]
        assert sorted(re.findall(r'href="\.\./([\w-]+)/"', text)) == sorted(o for _, o in hood), term.id
        assert "\n" not in html  # one line: Markdown keeps it as one raw HTML block


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_whole_map_has_every_term_once_and_is_deterministic(lang):
    html = whole_map(TERMS, lang)
    assert html == whole_map(TERMS, lang)
    svg = html[html.index("<svg"):html.index("</svg>")]
    found = boxes(svg)
    assert sorted(f[0] for f in found) == sorted(BY_ID)
    assert_no_overlap(found, f"whole map {lang}")
    edges = len(re.findall(r'<line class="term-map__edge', svg))
    pairs = {tuple(sorted((t.id, o))) for t in TERMS
             for o in (*t.remedies, *t.antonyms, *t.related, *(c[0] for c in t.confused))}
    assert edges == len(pairs)


def test_a_term_may_not_take_the_id_of_a_generated_page(tmp_path):
    from glossary.errors import GlossaryError

    source = (ROOT / "glossary" / "terms" / "relu.yaml").read_text(encoding="utf-8")
    (tmp_path / "map.yaml").write_text(source.replace("id: relu", "id: map"), encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"map\.yaml:\d+.*taken by a generated glossary page"):
        load_glossary(tmp_path)
