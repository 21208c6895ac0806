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
from kobai.math_html import math_spans

_TOKEN = re.compile(r"(<!--.*?-->|<[^>]+>)", re.S)
_TAG = re.compile(r"<\s*(/)?\s*([a-zA-Z0-9]+)([^>]*)>")
_SKIP = {"code", "pre", "a", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "kbd", "abbr",
         "svg", "math", "textarea", "button", "select", "option", "label", "summary", "figcaption", "title"}
_SKIP_CLASSES = ("arithmatex", "katex", "glossary-term", "md-search", "headerlink")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def add_tooltips(page_html: str, matcher: Matcher, link: Callable[[str], tuple[str, str]],
                 subject: str = "") -> str:
    """`link(term_id)` returns (href, title) for a term; `subject` is the page's title."""
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # open elements: (name, forbids tooltips inside)
    seen: set[str] = {term_id for _, _, term_id in matcher.finditer(subject)}
    glosses: dict[str, str] = {}  # term id -> gloss, in the order the terms were linked
    for token in _TOKEN.split(page_html):
        if not token:
            continue
        if token.startswith("<"):
            out.append(token)
            tag = _TAG.match(token)
            if not tag or token.startswith("<!--"):
                continue
            closing, name, attrs = tag.group(1), tag.group(2).lower(), tag.group(3)
            if closing:
                # pop up to the matching element (tolerates elements closed implicitly)
                for depth in range(len(stack) - 1, -1, -1):
                    if stack[depth][0] == name:
                        del stack[depth:]
                        break
            elif name not in _VOID and not attrs.rstrip().endswith("/"):
                cls = re.search(r'class\s*=\s*"([^"]*)"', attrs)
                stack.append((name, name in _SKIP or bool(cls and any(c in cls.group(1) for c in _SKIP_CLASSES))))
            continue
        if any(skip for _, skip in stack):
            out.append(token)
            continue
        out.append(_link_text(token, matcher, link, seen, glosses))
    if glosses:
        out.append('<div class="glossary-tips" hidden data-search-exclude>'
                   + "".join(f'<span id="{description_id(t)}">{html.escape(g)}</span>' for t, g in glosses.items())
                   + "</div>")
    return "".join(out)


def description_id(term_id: str) -> str:
    return f"glossary-tip-{term_id}"


def _link_text(text: str, matcher: Matcher, link, seen: set[str], glosses: dict[str, str]) -> str:
    pieces, last = [], 0
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
    pieces.append(escape(text[last:]))
    return "".join(pieces)
