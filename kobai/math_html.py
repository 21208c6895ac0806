"""Find the math in a finished HTML page and put typeset math in its place.

Math reaches the final HTML in two forms:

- pymdownx.arithmatex (generic mode), in every Markdown page: `<span class="arithmatex">\\(…\\)</span>`
  and `<div class="arithmatex">\\[…\\]</div>`. The element stays; its TeX is replaced by KaTeX's HTML.
- Notebook pages (mkdocs-jupyter): nbconvert keeps `$…$` and `$$…$$` (and `\\(…\\)`, `\\[…\\]`) as
  plain text in the rendered Markdown cells. Each becomes `<span class="arithmatex">` + KaTeX's HTML,
  so math looks and behaves alike on every page. Delimiters are found the way KaTeX's auto-render
  found them in the browser before (same order, braces and backslash escapes respected), in the text
  of the whole body, but never in code, pre, script, style, textarea, option, svg or math, never in
  attribute values, and never in math already typeset. A `\\$` is a literal dollar.

The page is read with the standard library's HTMLParser, and only the spans of source it points at
are replaced: every other byte of the page stays as it was, and a page without math is returned
unchanged. A page with math gets KaTeX's stylesheet linked in its <head> (only such pages need it).
"""

from __future__ import annotations

import dataclasses
import html as html_lib
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

from kobai import katex_fonts
from kobai.katex import KatexError

Render = Callable[[str, bool], str]  # (tex, display) -> HTML; kobai.katex.render

MATH_CLASS = "arithmatex"
_SKIP_TAGS = {"head", "title", "script", "noscript", "style", "textarea", "pre", "code", "option", "svg", "math"}
_SKIP_CLASSES = {"katex", "katex-display"}  # typeset already
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# auto-render's delimiters as the site configured them, in its order of preference
_DELIMITERS = (("$$", "$$", True), ("$", "$", False), ("\\(", "\\)", False), ("\\[", "\\]", True))
_OPENING = re.compile("|".join(re.escape(left) for left, _, _ in _DELIMITERS))


class MathError(ValueError):
    """A formula on a page that KaTeX rejects, or math the page's markup hides; names the page."""


@dataclass(frozen=True)
class Typeset:
    html: str
    formulas: int  # how many formulas were typeset on the page


@dataclass(frozen=True)
class _Formula:
    start: int  # the span of page source it replaces
    end: int
    tex: str
    display: bool
    wrap: bool  # a bare TeX span in text (wrap it in <span class="arithmatex">), not an element's content
    folded: bool = False  # inside a closed <details> (a self-check answer): not laid out on load


def typeset_page(page_html: str, render: Render, *, page: str, text_delimiters: bool,
                 stylesheet_href: str, fonts: Callable[[set[str]], list[str]] | None = None) -> Typeset:
    """Typeset every formula in `page_html` (a whole page) with `render`.

    `page` names the page in errors (its source path). `text_delimiters`: also look for `$…$`
    and the other delimiters in text (notebook pages). `stylesheet_href` is KaTeX's stylesheet,
    relative to the page; it is linked before </head> when the page has math. `fonts`, given the
    classes of the typeset math, names the font files it uses (relative to the stylesheet): the
    page preloads those of the formulas laid out on load (not those in a folded <details>), so
    they are laid out once, in their own fonts (kobai/katex_fonts.py).
    """
    if MATH_CLASS not in page_html and not (text_delimiters and ("$" in page_html or "\\" in page_html)):
        return Typeset(page_html, 0)  # no parse needed: nothing could be math
    finder = _MathFinder(page_html, text_delimiters)
    try:
        finder.feed(page_html)
        finder.close()
    except MathError as error:
        raise MathError(f"{page}: {error}") from None
    if not finder.formulas:
        return Typeset(page_html, 0)
    if finder.head_end is None:
        raise MathError(f"{page}: math but no </head> to link KaTeX's stylesheet from")
    edits = []  # (start, end, replacement)
    rendered = []
    for formula in finder.formulas:
        try:
            typeset = render(formula.tex, formula.display)
        except KatexError as error:
            raise MathError(f"{page}: {error}") from error
        if not formula.folded:
            rendered.append(typeset)  # what is laid out when the page loads
        if formula.wrap:
            typeset = f'<span class="{MATH_CLASS}">{typeset}</span>'
        elif formula.display:
            edits.append(_keyboard_scrollable(page_html, formula.start))
        edits.append((formula.start, formula.end, typeset))
    base = stylesheet_href.rsplit("/", 1)[0] + "/" if "/" in stylesheet_href else ""
    preloads = "".join(f'<link rel="preload" href="{html_lib.escape(base + font)}" as="font" type="font/woff2" crossorigin>\n'
                       for font in (fonts(katex_fonts.classes_in("".join(rendered))) if fonts else []))
    link = f'{preloads}<link rel="stylesheet" href="{html_lib.escape(stylesheet_href)}">\n'
    edits.insert(0, (finder.head_end, finder.head_end, link))
    out, last = [], 0
    for start, end, replacement in sorted(edits, key=lambda edit: edit[0]):
        out += [page_html[last:start], replacement]
        last = end
    out.append(page_html[last:])
    return Typeset("".join(out), len(finder.formulas))


def _keyboard_scrollable(page_html: str, content_start: int) -> tuple[int, int, str]:
    """An edit giving a display formula's element (Material scrolls a wide one sideways)
    `tabindex="0"`, so that a keyboard can scroll it too (WCAG 2.1.1; axe: scrollable-region-focusable)."""
    tag_start = page_html.rfind("<", 0, content_start)
    tag = page_html[tag_start:content_start]
    if "tabindex" in tag or not tag.endswith(">"):
        return (tag_start, tag_start, "")
    return (tag_start, content_start, tag[:-1] + ' tabindex="0">')


class _MathFinder(HTMLParser):
    """Collects the formulas of a page as spans of its source, in page order."""

    def __init__(self, source: str, text_delimiters: bool) -> None:
        super().__init__(convert_charrefs=True)
        self._source = source
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self._text_delimiters = text_delimiters
        self._stack: list[tuple[str, bool, int | None]] = []  # (tag, no math inside, math content start)
        self._skipping = 0  # open elements in the stack that forbid math inside
        self._text_start: int | None = None  # the current run of text, outside skipped elements
        self.formulas: list[_Formula] = []
        self.head_end: int | None = None  # where </head> starts
        self._folded: list[int] = []  # stack depths of open <details> elements without `open`

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _end_text(self, end: int | None = None) -> None:
        """A tag, a comment or the end of the page closes the current run of text: look for math in it."""
        if self._text_start is not None:
            start, self._text_start = self._text_start, None
            found = _delimited(self._source, start, self._offset() if end is None else end)
            self.formulas += [dataclasses.replace(f, folded=True) for f in found] if self._folded else found

    # text runs ------------------------------------------------------------------------------
    def handle_data(self, data):
        if self._text_delimiters and not self._skipping and self._text_start is None:
            self._text_start = self._offset()

    # elements -------------------------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        self._end_text()
        if tag in _VOID:
            return
        if tag == "details" and "open" not in dict(attrs):
            self._folded.append(len(self._stack))
        classes = set((dict(attrs).get("class") or "").split())
        if MATH_CLASS in classes and not self._skipping:
            start = self._offset() + len(self.get_starttag_text())
            self._push(tag, True, start)
        else:
            self._push(tag, tag in _SKIP_TAGS or bool(classes & _SKIP_CLASSES), None)

    def handle_startendtag(self, tag, attrs):
        self._end_text()

    def handle_endtag(self, tag):
        self._end_text()
        if tag == "head" and self.head_end is None:
            self.head_end = self._offset()
        for depth in range(len(self._stack) - 1, -1, -1):  # tolerates elements closed implicitly
            if self._stack[depth][0] == tag:
                closed = self._stack[depth:]
                del self._stack[depth:]
                self._folded = [d for d in self._folded if d < depth]
                self._skipping -= sum(skip for _, skip, _ in closed)
                if any(math_start is not None for _, _, math_start in closed[1:]):
                    raise MathError(f"a math element left open inside <{tag}>")
                if closed[0][2] is not None:
                    self._math_element(tag, closed[0][2], self._offset())
                return

    def _push(self, tag: str, skip: bool, math_start: int | None) -> None:
        self._stack.append((tag, skip, math_start))
        self._skipping += skip

    def _math_element(self, tag: str, start: int, end: int) -> None:
        raw = self._source[start:end]
        if "<" in raw:  # arithmatex escapes `<` in TeX: markup here was put in by something else
            raise MathError(f"markup inside math: {raw[:200]!r}")
        tex = html_lib.unescape(raw).strip()
        display = tag != "span"
        for left, right, is_display in _DELIMITERS[2:]:  # arithmatex's generic output: \(…\) and \[…\]
            if tex.startswith(left) and tex.endswith(right):
                tex, display = tex[len(left):-len(right)], is_display
                break
        self.formulas.append(_Formula(start, end, tex.strip(), display, wrap=False, folded=bool(self._folded)))

    # everything else closes a run of text ---------------------------------------------------
    def handle_comment(self, data):
        self._end_text()

    def handle_decl(self, decl):
        self._end_text()

    def handle_pi(self, data):
        self._end_text()

    def unknown_decl(self, data):
        self._end_text()

    def close(self):
        super().close()
        self._end_text(len(self._source))


def _delimited(source: str, start: int, end: int) -> list[_Formula]:
    """The delimited formulas in source[start:end], a run of text (entities not yet decoded)."""
    text = source[start:end]
    return [_Formula(start + at, start + close, html_lib.unescape(text[at + len(left):close - len(right)]).strip(),
                     display, wrap=True)
            for at, close, (left, right, display) in _math_in_text(text)]


def math_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each delimited formula in a run of text, delimiters included: what this
    module typesets on notebook pages (the glossary keeps its tooltips out of them)."""
    return [(at, close) for at, close, _ in _math_in_text(text)]


def _math_in_text(text: str):
    """auto-render's splitAtDelimiters, with `\\$` taken as a literal dollar:
    yields (start, end, delimiter) for each formula, delimiters included."""
    position = 0
    while (match := _OPENING.search(text, position)) is not None:
        at = match.start()
        if text[at] == "$" and at > 0 and text[at - 1] == "\\":  # \$: a dollar sign, not math
            position = at + 1
            continue
        delimiter = next(d for d in _DELIMITERS if text.startswith(d[0], at))
        left, right, _ = delimiter
        close = _end_of_math(text, right, at + len(left))
        if close < 0:
            return  # auto-render stops at an unclosed delimiter and leaves the rest as text
        yield at, close + len(right), delimiter
        position = close + len(right)


def _end_of_math(text: str, right: str, index: int) -> int:
    """Where `right` closes the math that starts at `index` (outside braces, not escaped), or -1."""
    depth = 0
    while index < len(text):
        char = text[index]
        if depth <= 0 and text.startswith(right, index):
            return index
        if char == "\\":
            index += 1
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        index += 1
    return -1
