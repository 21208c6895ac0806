"""Term tooltips in article HTML: the first occurrence of each term on a page becomes a link to
its glossary page, with the one-line gloss as its title (Material shows it as a tooltip on hover
and on keyboard focus). Screen readers do not read `title` reliably, so each link also names its
gloss with `aria-describedby`, pointing into one hidden list at the end of the page content (kept
out of the search index). The page's own subject (the terms its title names) is never linked:
the reader is already there.

Works on the rendered HTML, so Japanese (no word boundaries: Python-Markdown's abbreviations
match nothing there) and notebooks (which never pass through Markdown) are covered alike.
Never inside code, pre, headings, links, math, scripts or existing tooltips. Math is an arithmatex
element in Markdown pages, but plain `$…$` text in notebooks until kobai typesets it after this
(kobai/math_html.py): a link there would cut the formula in two, so delimited math in text is
skipped too.
"""

from __future__ import annotations

import html
import re
from typing import Callable

from glossary.matcher import Matcher
from kobai.html_scan import EndTag, StartTag, Text, apply_edits, scan
from kobai.math_html import math_spans

_SKIP = {"code", "pre", "a", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "kbd", "abbr",
         "svg", "math", "textarea", "button", "select", "option", "label", "summary", "figcaption", "title"}
_SKIP_CLASSES = ("arithmatex", "katex", "glossary-term", "md-search", "headerlink")
_SKIP_CLASS = re.compile("|".join(map(re.escape, _SKIP_CLASSES)))  # anywhere in the class attribute
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def add_tooltips(page_html: str, matcher: Matcher, link: Callable[[str], tuple[str, str]],
                 subject: str = "") -> str:
    """`link(term_id)` returns (href, title) for a term; `subject` is the page's title.

    The page is read with kobai.html_scan: only runs of text (never attribute values, comments or
    script) get links, and every other character of the page is kept as it was."""
    edits: list[tuple[int, int, str]] = []
    open_elements: list[str] = []
    skip_from = -1  # where in open_elements the outermost element that forbids tooltips is; -1: none
    seen: set[str] = {term_id for _, _, term_id in matcher.finditer(subject)}
    glosses: dict[str, str] = {}  # term id -> gloss, in the order the terms were linked
    for piece in scan(page_html):
        kind = type(piece)
        if kind is Text:
            if skip_from < 0:
                text = page_html[piece.start:piece.end]
                if text.isspace():  # most runs of text between tags: nothing to look for
                    continue
                linked = _link_text(text, matcher, link, seen, glosses)
                if linked is not text:
                    edits.append((piece.start, piece.end, linked))
        elif kind is StartTag:
            name = piece.name
            if name in _VOID or piece.self_closing:
                continue
            if skip_from < 0:  # inside an element that forbids tooltips, nothing more to know
                classes = piece.attrs.get("class")
                if name in _SKIP or (classes and _SKIP_CLASS.search(classes)):
                    skip_from = len(open_elements)
            open_elements.append(name)
        elif kind is EndTag:
            # close up to the matching element (tolerates elements closed implicitly)
            name = piece.name
            if open_elements and open_elements[-1] == name:
                open_elements.pop()
            elif name in open_elements:
                del open_elements[len(open_elements) - 1 - open_elements[::-1].index(name):]
            if skip_from >= len(open_elements):
                skip_from = -1
    out = apply_edits(page_html, edits) if edits else page_html
    if glosses:
        out += ('<div class="glossary-tips" hidden data-search-exclude>'
                + "".join(f'<span id="{description_id(t)}">{html.escape(g)}</span>' for t, g in glosses.items())
                + "</div>")
    return out


def description_id(term_id: str) -> str:
    return f"glossary-tip-{term_id}"


def _link_text(text: str, matcher: Matcher, link, seen: set[str], glosses: dict[str, str]) -> str:
    """A run of raw source text (entities not decoded) with the first occurrence of each term not
    yet seen made a link; `text` itself (the same object) when nothing was linked."""
    raw, pieces, last = text, [], 0
    plain = html.unescape(text)
    if plain != text:  # entities present: work on the unescaped text, escape what we emit
        text = plain
        escape = html.escape
    else:
        escape = lambda s: s  # noqa: E731
    math = math_spans(text)
    for start, end, term_id in matcher.finditer(text):
        if term_id in seen or any(start < math_end and math_start < end for math_start, math_end in math):
            continue
        seen.add(term_id)
        href, title = link(term_id)
        glosses[term_id] = title
        pieces.append(escape(text[last:start]))
        pieces.append(f'<a class="glossary-term" href="{html.escape(href)}" title="{html.escape(title)}" '
                      f'aria-describedby="{description_id(term_id)}">{html.escape(text[start:end])}</a>')
        last = end
    if not pieces:
        return raw
    pieces.append(escape(text[last:]))
    return "".join(pieces)
