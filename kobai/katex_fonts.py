"""Which of KaTeX's web fonts a page's formulas use, so that the page can preload them.

A formula is laid out first with a fallback font, then again when KaTeX's font arrives: a display
formula changes height, and everything below it moves (Lighthouse measured a layout shift of
0.118 on an article, caused by KaTeX_Size1/Size2 arriving). Fonts asked for in the page's <head>
(`<link rel="preload" as="font">`) arrive before the first layout instead.

The fonts are read from KaTeX's own stylesheet (the vendored katex.min.css): each rule that sets
a font (`font-family`, or the `font` shorthand of `.katex`) names the classes it needs; a page
uses the font of every rule whose classes all occur in its typeset math. Each @font-face gives
the file for a (family, weight, style).

A rule's last compound selector (`.delimsizing.size3` in `.katex .delimsizing.size3`) must match
one element's classes; its other classes need only occur on the page (as ancestors, roughly). The
classes of different elements are never mixed for the last compound: KaTeX's `sizing size3` (a font
size) on one element and `delimsizing size1` on another do not make a `.delimsizing.size3`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import tinycss2

_CLASS = re.compile(r"\.([A-Za-z0-9_-]+)")
_COMBINATOR = re.compile(r"\s*[>+~]\s*|\s+")
_CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')  # KaTeX's own output: always double-quoted


@dataclass(frozen=True)
class _Face:
    family: str
    weight: str
    style: str


@dataclass(frozen=True)
class FontIndex:
    # (classes of the rule's last compound, classes of its other compounds) -> the face it sets
    rules: tuple[tuple[frozenset[str], frozenset[str], _Face], ...]
    files: dict[_Face, str]  # face -> font file, relative to the stylesheet

    def fonts(self, elements: set[frozenset[str]]) -> list[str]:
        """The font files (relative to the stylesheet) used by elements with these class lists."""
        present = frozenset().union(*elements)
        used = {face for own, ancestors, face in self.rules
                if ancestors <= present and any(own <= element for element in elements)}
        return sorted({self.files[face] for face in used if face in self.files})


def classes_in(typeset_html: str) -> set[frozenset[str]]:
    """The class list of every element of KaTeX's output."""
    return {frozenset(value.split()) for value in _CLASS_ATTRIBUTE.findall(typeset_html)}


@lru_cache(maxsize=4)
def index(stylesheet: Path) -> FontIndex:
    return parse(stylesheet.read_text(encoding="utf-8"))


def parse(css: str) -> FontIndex:
    rules, files = [], {}
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        declarations = _declarations(rule.content) if rule.content is not None else {}
        if rule.type == "at-rule" and rule.lower_at_keyword == "font-face":
            face = _Face(declarations.get("font-family", ""), _weight(declarations.get("font-weight", "400")),
                         declarations.get("font-style", "normal"))
            woff2 = re.search(r'url\(([^)]*\.woff2)\)', declarations.get("src", ""))
            if woff2:
                files[face] = woff2.group(1).strip("'\"")
        elif rule.type == "qualified-rule":
            family = declarations.get("font-family") or _shorthand_family(declarations.get("font", ""))
            if not family:
                continue
            face = _Face(family.split(",")[0].strip().strip("'\""), _weight(declarations.get("font-weight", "400")),
                         declarations.get("font-style", "normal"))
            for selector in tinycss2.serialize(rule.prelude).split(","):
                *ancestors, own = _COMBINATOR.split(selector.strip())
                rules.append((frozenset(_CLASS.findall(own)), frozenset(_CLASS.findall(" ".join(ancestors))), face))
    return FontIndex(tuple(rules), files)


def _declarations(tokens) -> dict[str, str]:
    found = {}
    for item in tinycss2.parse_declaration_list(tokens, skip_comments=True, skip_whitespace=True):
        if item.type == "declaration":
            found[item.lower_name] = tinycss2.serialize(item.value).strip()
    return found


def _weight(value: str) -> str:
    return {"normal": "400", "bold": "700"}.get(value, value)


def _shorthand_family(font: str) -> str:
    """`normal 1.21em KaTeX_Main,Times New Roman,serif` -> `KaTeX_Main,…` (the family comes last)."""
    match = re.search(r"\d[\w.%]*\s+(.+)$", font)
    return match.group(1) if match else ""
