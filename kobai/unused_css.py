"""Drop the CSS rules that no element of the given pages can match.

mkdocs-jupyter inlines the whole JupyterLab stylesheet (~580 KB: file browser, terminal, dialogs,
icons as data URIs) into notebook pages that use a few dozen of its classes. `prune` keeps a style
rule only if one of its selectors matches an element in at least one page, and of its selectors
only those that do:

- What a page's content cannot show at build time is taken off a selector before matching:
  state (every pseudo-class but the structural ones: `:hover`, `:focus`, `:checked`, vendor
  ones…), pseudo-elements (`::before`, `::-webkit-scrollbar`…), and Material's own classes and
  attributes (`md-…`, `data-md-…`), which its templates put around the content and its scripts
  into it after load (`[data-md-color-scheme=slate]` on <body> by the palette toggle,
  `.md-typeset__scrollwrap` around each table). What is left matches a superset of the elements
  the rule can style: a rule goes only when it cannot apply.
- @media/@supports/@layer/@container are pruned inside and kept if anything is left; @font-face
  and @keyframes only if a kept declaration names their font or animation; @import goes (what it
  would pull in cannot be pruned, and the Jupyter CSS has none); a lone @charset is written again
  first if the output needs one.
- Custom properties (`--jp-…`) stay only where a kept declaration uses them, following var()
  references from property to property.

Cheap tests first (about 600 KB of CSS against a megabyte of pages, in a build):

- The CSS is cut into its rules by a regular expression that knows strings, comments, escapes
  and url(); tinycss2 then parses only the selectors that might match and the declarations of
  the rules kept. A selector naming a class or id that no page has cannot match: most JupyterLab
  rules are dropped on that test, from their text, before tinycss2 or soupsieve see them.
- soupsieve matches what is left against the elements that carry the selector's subject class,
  id or tag. Its pages are parsed with repeated leaf siblings folded (a code cell's thousands of
  Pygments `<span class="n">` become one per kind and parent): ancestry and every kind of element
  stay, which is what the selectors test; a selector that depends on position (`+`, `~`,
  `:nth-child`…) and does not match the folded page is kept, as the folding may have hidden it.

A selector soupsieve cannot parse is kept (the test cannot tell, so the rule stays).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import soupsieve
import tinycss2
from bs4 import BeautifulSoup, Tag

# Pseudo-classes that depend only on the document, not on what the reader does: kept.
STRUCTURAL_PSEUDO_CLASSES = frozenset({
    "root", "empty", "first-child", "last-child", "only-child", "first-of-type", "last-of-type",
    "only-of-type", "nth-child", "nth-last-child", "nth-of-type", "nth-last-of-type",
    "not", "is", "where", "matches", "has", "lang", "dir", "link", "any-link", "scope",
})
_POSITIONAL = re.compile(r"[+~]|:(?:nth-|first-|last-|only-)")
# Inside these a state pseudo-class is taken off as at the top level (`:is(:hover, .a)` → `:is(*, .a)`);
# inside :not it stays: soupsieve never matches :hover, so :not(:hover) matches, a superset again.
_SELECTOR_LIST_FUNCTIONS = frozenset({"is", "where", "matches", "has"})
# Material's classes and attributes: its page around the content, and what its scripts add.
MATERIAL_CLASS_PREFIX = "md-"
MATERIAL_ATTRIBUTE_PREFIX = "data-md-"
# At-rules whose block holds style rules: pruned inside.
_GROUPING_AT_RULES = frozenset({"media", "supports", "layer", "container", "document", "-moz-document"})
_KEYFRAMES = re.compile(r"(-[a-z]+-)?keyframes")
_COMBINATORS = frozenset({">", "+", "~"})

# -- the stylesheet, cut into rules ------------------------------------------------------------

# What can hide a brace or a semicolon: strings, comments, escapes, unquoted url(…).
_CSS_TOKEN = re.compile(r"""
    "(?:[^"\\\n]|\\.)*"? | '(?:[^'\\\n]|\\.)*'? | /\*.*?(?:\*/|\Z) | \\. | url\(\s*[^\s"'()]*\s*\) | [{};]
""", re.S | re.I | re.X)
_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)", re.S)
_AT_KEYWORD = re.compile(r"@(-?[\w-]+)")


@dataclass
class _Statement:
    prelude: str       # the selector list, or `@media print` (comments removed)
    block: str | None  # inside the braces; None for `@import …;`


def _statements(css: str) -> list[_Statement]:
    """The top-level rules of `css`, cut where tinycss2 would cut them."""
    out: list[_Statement] = []
    depth, start, opened = 0, 0, 0
    for token in _CSS_TOKEN.finditer(css):
        char = token.group()
        if char == "{":
            if depth == 0:
                opened = token.start()
            depth += 1
        elif char == "}" and depth:
            depth -= 1
            if depth == 0:
                out.append(_Statement(_COMMENT.sub("", css[start:opened]).strip(), css[opened + 1:token.start()]))
                start = token.end()
        elif char == ";" and depth == 0:
            out.append(_Statement(_COMMENT.sub("", css[start:token.start()]).strip(), None))
            start = token.end()
    if depth:  # an unclosed block runs to the end, as in tinycss2
        out.append(_Statement(_COMMENT.sub("", css[start:opened]).strip(), css[opened + 1:]))
    return [s for s in out if s.prelude or s.block]


# -- the pages ---------------------------------------------------------------------------------

_DATA_URI = re.compile(r'(src|href)="data:[^"]*"')
# An element with nothing but text inside.
_LEAF = re.compile(r"(<([a-zA-Z][\w-]*)(?:\s[^<>]*)?>)([^<]*)</\2\s*>")


def _fold_leaf_siblings(html: str) -> str:
    """Unwrap each leaf element whose start tag repeats that of an earlier leaf in the same run of
    leaf siblings (leaves with only text between them share their parent)."""
    out: list[str] = []
    seen: set[str] = set()
    end = 0
    for leaf in _LEAF.finditer(html):
        gap = html[end:leaf.start()]
        if "<" in gap:
            seen = set()  # another tag in between: a new run
        out.append(gap)
        start_tag = leaf.group(1)
        out.append(leaf.group(3) if start_tag in seen else leaf.group())
        seen.add(start_tag)
        end = leaf.end()
    out.append(html[end:])
    return "".join(out)


@dataclass
class _Page:
    """One page's elements, indexed by what selectors name."""

    by_class: dict[str, list[Tag]] = field(default_factory=dict)
    by_id: dict[str, list[Tag]] = field(default_factory=dict)
    by_tag: dict[str, list[Tag]] = field(default_factory=dict)
    attributes: set[str] = field(default_factory=set)
    elements: list[Tag] = field(default_factory=list)

    @classmethod
    def parse(cls, html: str) -> _Page:
        # Images inlined as data URIs are most of a notebook's bytes and nothing a selector sees.
        html = _fold_leaf_siblings(_DATA_URI.sub(r'\1="data:"', html))
        if "<html" not in html[:1000].lower():
            html = f"<html><body>{html}</body></html>"  # page content alone sits in Material's <body>
        page = cls()
        for element in BeautifulSoup(html, "html.parser").find_all(True):
            page.elements.append(element)
            page.by_tag.setdefault(element.name, []).append(element)
            page.attributes.update(element.attrs)
            for name in element.get("class") or ():
                page.by_class.setdefault(name, []).append(element)
            if element.get("id"):
                page.by_id.setdefault(element["id"], []).append(element)
        return page


# -- selectors ---------------------------------------------------------------------------------

@dataclass
class _Compound:
    """What one compound selector names at its top level (not inside :not(…) or :is(…))."""

    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    attributes: set[str] = field(default_factory=set)
    tag: str | None = None
    root: bool = False  # :root, the <html> element


@dataclass
class _Selector:
    text: str    # as written, for the output
    static: str  # state taken off, for soupsieve
    compounds: list[_Compound]


def _split_top_level(tokens: list, separator: str = ",") -> list[list]:
    """Split at top-level separators; each part without its leading and trailing whitespace."""
    parts: list[list] = [[]]
    for token in tokens:
        if token.type == "literal" and token.value == separator:
            parts.append([])
        else:
            parts[-1].append(token)
    for part in parts:
        while part and part[0].type == "whitespace":
            part.pop(0)
        while part and part[-1].type == "whitespace":
            part.pop()
    return parts


def _attribute_name(block) -> str | None:
    """`data-x` for `[data-x=1]`; None where a namespace makes it unclear."""
    tokens = [t for t in block.content if t.type != "whitespace"]
    if tokens and tokens[0].type == "ident" and not (len(tokens) > 1 and tokens[1].type == "literal" and tokens[1].value == "|"):
        return tokens[0].lower_value
    return None


def _is_combinator(token) -> bool:
    return token.type == "whitespace" or (token.type == "literal" and token.value in _COMBINATORS)


def _static_compounds(tokens: list) -> tuple[list[tuple[str, list]], list[_Compound]]:
    """A selector as (combinator, compound tokens) pairs with state taken off, and what each
    compound names. A compound left empty at the start goes with its combinator (`* > .a` is
    `.a` within a page); elsewhere it becomes `*`."""
    compounds: list[tuple[str, list]] = []
    infos: list[_Compound] = []
    combinator, current, info = "", [], _Compound()
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if _is_combinator(token):
            explicit = ""
            while i < len(tokens) and _is_combinator(tokens[i]):
                explicit = tokens[i].value if tokens[i].type == "literal" else explicit
                i += 1
            if current or compounds:
                compounds.append((combinator, current))
                infos.append(info)
                combinator = explicit or " "
            current, info = [], _Compound()
            continue
        if token.type == "literal" and token.value == ":":
            double = i + 1 < len(tokens) and tokens[i + 1].type == "literal" and tokens[i + 1].value == ":"
            name_at = i + 2 if double else i + 1
            name_token = tokens[name_at] if name_at < len(tokens) else None
            name = getattr(name_token, "lower_name", None) or getattr(name_token, "lower_value", "")
            if double or name not in STRUCTURAL_PSEUDO_CLASSES:
                i = name_at + 1  # taken off: a pseudo-element, or a state pseudo-class with its argument
                continue
            if name_token.type == "function" and name in _SELECTOR_LIST_FUNCTIONS:
                inner = ", ".join(_join(_static_compounds(part)[0]) for part in _split_top_level(name_token.arguments))
                current.extend(tinycss2.parse_component_value_list(f":{name}({inner})"))
            else:
                info.root = info.root or name == "root"
                current.extend(tokens[i:name_at + 1])
            i = name_at + 1
            continue
        if token.type == "[] block":
            name = _attribute_name(token)
            if name is not None and name.startswith(MATERIAL_ATTRIBUTE_PREFIX):
                i += 1
                continue
            if name is not None:
                info.attributes.add(name)
        elif token.type == "literal" and token.value == "." and i + 1 < len(tokens) and tokens[i + 1].type == "ident":
            if tokens[i + 1].value.startswith(MATERIAL_CLASS_PREFIX):
                i += 2
                continue
            info.classes.add(tokens[i + 1].value)
            current.append(token)
            token = tokens[i + 1]
            i += 1
        elif token.type == "hash":
            info.ids.add(token.value)
        elif token.type == "ident" and not current:
            info.tag = token.lower_value
        current.append(token)
        i += 1
    if current or compounds:
        compounds.append((combinator, current))
        infos.append(info)
    return compounds, infos


def _join(compounds: list[tuple[str, list]]) -> str:
    text = ""
    for combinator, tokens in compounds:
        compound = tinycss2.serialize(tokens).strip() or "*"
        text += compound if not text else (f" {compound}" if combinator == " " else f" {combinator} {compound}")
    return text or "*"


def _selectors(prelude: str) -> list[_Selector]:
    selectors = []
    for part in _split_top_level(tinycss2.parse_component_value_list(prelude, skip_comments=True)):
        if part:
            compounds, infos = _static_compounds(part)
            selectors.append(_Selector(tinycss2.serialize(part), _join(compounds), infos))
    return selectors


# A selector's top-level classes and ids, read from its text once groups are taken out.
_GROUP = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_NAMED = re.compile(r"([.#])(-?[_a-zA-Z\u00a0-\U0010ffff][\w\u00a0-\U0010ffff-]*)")


def _named_in_text(prelude: str) -> list[tuple[set[str], set[str]]] | None:
    """For each selector of a selector list, the classes and ids it requires; None when the text
    is not plain enough to read without tinycss2 (escapes, strings)."""
    if "\\" in prelude or '"' in prelude or "'" in prelude:
        return None
    while True:
        stripped = _GROUP.sub("", prelude)
        if stripped == prelude:
            break
        prelude = stripped
    named = []
    for selector in prelude.split(","):
        classes, ids = set(), set()
        for sign, name in _NAMED.findall(selector):
            if sign == "#":
                ids.add(name)
            elif not name.startswith(MATERIAL_CLASS_PREFIX):
                classes.add(name)
        named.append((classes, ids))
    return named


class _Matcher:
    """Answers 'does this selector match an element of one of the pages?', cheaply where it can."""

    def __init__(self, pages: list[_Page]) -> None:
        self._pages = pages
        self._classes = {name for p in pages for name in p.by_class}
        self._ids = {name for p in pages for name in p.by_id}
        self._tags = {name for p in pages for name in p.by_tag}
        self._attributes = {name for p in pages for name in p.attributes}
        self._seen: dict[str, bool] = {}

    def might_match_any(self, prelude: str) -> bool:
        """False only if every selector in the list names a class or id that no page has."""
        named = _named_in_text(prelude)
        return named is None or any(classes <= self._classes and ids <= self._ids for classes, ids in named)

    def matches(self, selector: _Selector) -> bool:
        if not all(c.classes <= self._classes and c.ids <= self._ids and c.attributes <= self._attributes
                   and (c.tag is None or c.tag in self._tags) for c in selector.compounds):
            return False
        if selector.static not in self._seen:
            subject = selector.compounds[-1] if selector.compounds else _Compound()
            found = self._match(selector.static, subject)
            self._seen[selector.static] = found or bool(_POSITIONAL.search(selector.static))
        return self._seen[selector.static]

    def _match(self, static: str, subject: _Compound) -> bool:
        try:
            compiled = soupsieve.compile(static)
        except (soupsieve.SelectorSyntaxError, NotImplementedError, ValueError):
            return True  # cannot tell: keep
        return any(compiled.match(element) for page in self._pages for element in self._candidates(page, subject))

    @staticmethod
    def _candidates(page: _Page, subject: _Compound) -> list[Tag]:
        if subject.root:
            return page.by_tag.get("html", [])[:1]
        lists = [page.by_class.get(name, []) for name in subject.classes]
        lists += [page.by_id.get(name, []) for name in subject.ids]
        if subject.tag:
            lists.append(page.by_tag.get(subject.tag, []))
        return min(lists, key=len) if lists else page.elements


# -- pruning -----------------------------------------------------------------------------------

@dataclass
class _Rule:
    selectors: str
    declarations: list  # tinycss2 Declaration; nested rules kept as they are


@dataclass
class _Group:
    prelude: str      # `@media print`
    children: list    # _Rule, _Group, _Statement


def _keep(statements: Iterable[_Statement], matcher: _Matcher) -> list:
    kept: list = []
    for statement in statements:
        at_rule = _AT_KEYWORD.match(statement.prelude)
        if at_rule is None:
            if statement.block is None or not matcher.might_match_any(statement.prelude):
                continue
            selectors = [s.text for s in _selectors(statement.prelude) if matcher.matches(s)]
            if selectors:
                content = tinycss2.parse_blocks_contents(statement.block, skip_whitespace=True, skip_comments=True)
                kept.append(_Rule(",".join(selectors), [d for d in content if d.type != "error"]))
            continue
        keyword = at_rule.group(1).lower()
        if keyword in _GROUPING_AT_RULES and statement.block is not None:
            children = _keep(_statements(statement.block), matcher)
            if children:
                kept.append(_Group(statement.prelude, children))
        elif keyword not in ("import", "charset"):
            kept.append(statement)  # @font-face, @keyframes, @page…: decided once the declarations are known
    return kept


def _walk_values(tokens: Iterable) -> Iterator:
    for token in tokens:
        yield token
        if token.type == "function":
            yield from _walk_values(token.arguments)
        elif token.type in ("() block", "[] block", "{} block"):
            yield from _walk_values(token.content)


def _var_names(tokens: Iterable) -> set[str]:
    names = set()
    for token in _walk_values(tokens):
        if token.type == "function" and token.lower_name == "var":
            first = next((t for t in token.arguments if t.type != "whitespace"), None)
            if first is not None and first.type == "ident":
                names.add(first.value)
    return names


def _names(tokens: Iterable) -> set[str]:
    """Identifiers and strings a value mentions (font families, animation names), lowercased;
    an unquoted font name of several words also as one name."""
    names: set[str] = set()
    for part in _split_top_level(list(tokens)):
        words = []
        for token in _walk_values(part):
            if token.type in ("ident", "string"):
                names.add(token.value.lower())
            if token.type == "ident":
                words.append(token.value.lower())
        names.add(" ".join(words))
    return names


def _declarations(items: list) -> Iterator:
    for item in items:
        if isinstance(item, _Rule):
            yield from (d for d in item.declarations if d.type == "declaration")
        elif isinstance(item, _Group):
            yield from _declarations(item.children)


def _used_custom_properties(items: list) -> set[str]:
    """Custom properties that a kept declaration uses, directly or through other properties."""
    definitions: dict[str, set[str]] = {}
    used: set[str] = set()
    for declaration in _declarations(items):
        refs = _var_names(declaration.value)
        if declaration.name.startswith("--"):
            definitions.setdefault(declaration.name, set()).update(refs)
        else:
            used |= refs
    frontier = list(used)
    while frontier:
        for ref in definitions.get(frontier.pop(), ()):
            if ref not in used:
                used.add(ref)
                frontier.append(ref)
    return used


def _defined_name(statement: _Statement, keyword: str) -> set[str]:
    """The font family an @font-face defines, or the animation an @keyframes names."""
    if keyword != "font-face":
        return {statement.prelude[len(keyword) + 1:].strip().strip("\"'").lower()}
    for declaration in tinycss2.parse_blocks_contents(statement.block or "", skip_whitespace=True, skip_comments=True):
        if declaration.type == "declaration" and declaration.lower_name == "font-family":
            return _names(declaration.value)
    return set()


def _serialize(items: list, used_vars: set[str], names: set[str]) -> list[str]:
    out = []
    for item in items:
        if isinstance(item, _Rule):
            body = ";".join(
                d.serialize() if d.type != "declaration" else
                f"{d.name}:{tinycss2.serialize(d.value).strip()}{'!important' if d.important else ''}"
                for d in item.declarations
                if d.type != "declaration" or not d.name.startswith("--") or d.name in used_vars)
            if body:
                out.append(f"{item.selectors}{{{body}}}")
        elif isinstance(item, _Group):
            inner = _serialize(item.children, used_vars, names)
            if inner:
                out.append(f"{item.prelude}{{\n" + "\n".join(inner) + "\n}")
        else:
            keyword = _AT_KEYWORD.match(item.prelude).group(1).lower()
            if (keyword == "font-face" or _KEYFRAMES.fullmatch(keyword)) and not (_defined_name(item, keyword) & names):
                continue
            out.append(f"{item.prelude};" if item.block is None else f"{item.prelude}{{{item.block.strip()}}}")
    return out


def prune(css: str, pages: Iterable[str]) -> str:
    """The rules of `css` that can style an element of one of `pages` (HTML), and only those."""
    matcher = _Matcher([_Page.parse(html) for html in pages])
    kept = _keep(_statements(css), matcher)
    used_vars = _used_custom_properties(kept)
    names: set[str] = set()
    for declaration in _declarations(kept):
        if not declaration.name.startswith("--") or declaration.name in used_vars:
            names |= _names(declaration.value)
    text = "\n".join(_serialize(kept, used_vars, names))
    return text if text.isascii() else f'@charset "UTF-8";\n{text}'
