"""An HTML document as a sequence of pieces, each with its exact span in the source string.

`scan(source)` reads the document with the standard library's HTMLParser (so a `>` in a quoted
attribute value, a tag inside a comment or a `"</div>"` string in a script is read the way the
parser reads it, not cut by a regular expression) and yields, in source order:

- `StartTag`: name (lowercased), attrs (a dict; of a repeated attribute the first, as browsers
  keep it), start/end offsets, and whether it ended in `/>`;
- `EndTag`: name (lowercased), start/end;
- `Markup`: a comment, declaration (doctype, `<![CDATA[…]]>`) or processing instruction, start/end;
- `Text`: the raw source between markup, start/end (entities not decoded). The content of
  script and style elements is text too, and so is whatever the parser gives up on
  (an unterminated tag at the end, `</>`).

The spans cover the source with no gaps and no overlaps: concatenating `source[p.start:p.end]`
over all pieces gives back the source. `apply_edits` then replaces chosen spans and keeps
every other character as it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from typing import NamedTuple


class StartTag(NamedTuple):
    name: str
    attrs: dict[str, str | None]
    start: int
    end: int
    self_closing: bool  # written `<…/>`


class EndTag(NamedTuple):
    name: str
    start: int
    end: int


class Markup(NamedTuple):
    kind: str  # "comment", "decl" (doctype), "pi", "unknown_decl" (`<![CDATA[…]]>` and the like)
    start: int
    end: int


class Text(NamedTuple):
    start: int
    end: int


Piece = StartTag | EndTag | Markup | Text

# A piece made with `_new(Class, (field, …))`: what the class's own constructor does, at half the
# cost (a long page has tens of thousands of pieces).
_new = tuple.__new__


class HtmlScanError(RuntimeError):
    """The parser reported markup at positions that do not fit together (a bug here, or a
    Python whose HTMLParser works differently): never silently produce broken spans."""


def scan(source: str) -> Iterator[Piece]:
    """The pieces of `source`, in order; they cover it exactly."""
    parser = _Scanner(source)
    parser.feed(source)
    parser.close()
    position = 0
    for piece in parser.markup:
        start = piece.start
        if start < position or piece.end < start:
            raise HtmlScanError(f"overlapping markup at {start}: {source[start:piece.end + 1]!r}")
        if start > position:
            yield _new(Text, (position, start))
        yield piece
        position = piece.end
    if position < len(source):
        yield _new(Text, (position, len(source)))


def apply_edits(source: str, edits: Iterable[tuple[int, int, str]]) -> str:
    """`source` with each (start, end, replacement) applied, in order of start (edits with the
    same start keep their given order: several insertions at one point are all made). Edits must
    not overlap; every character outside them is kept."""
    out: list[str] = []
    last = 0
    for start, end, replacement in sorted(edits, key=lambda edit: edit[0]):
        if start < last or end < start or end > len(source):
            raise ValueError(f"edit ({start}, {end}) overlaps another or lies outside the source")
        out.append(source[last:start])
        out.append(replacement)
        last = end
    out.append(source[last:])
    return "".join(out)


_SECTION_NAME = re.compile(r"[a-zA-Z][-_.a-zA-Z0-9]*")
_MARKED_SECTIONS = {"temp", "cdata", "ignore", "include", "rcdata", "if", "else", "endif"}


class _Scanner(HTMLParser):
    """Collects the markup of a document with its spans, in source order.

    A handler is called where its markup starts (getpos). A start tag's end follows from its
    text (get_starttag_text); any other markup ends where the parser's parse_* method that
    called the handler says it ends (each returns the end of what it consumed, as an index into
    the parser's buffer, where the markup's start is `i`). Text is not collected: it is what lies
    between markup (see `scan`), so whatever the parser does with it, nothing is lost.
    """

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        # getpos() is (line, column); offset = where the line starts + column (as kobai.math_html)
        self._line_starts = [0] + [match.end() for match in re.finditer("\n", source)]
        self._length = len(source)
        self.markup: list[Piece] = []
        self._pending: tuple | None = None  # (class, kind or name, start): markup waiting for its end

    # start tags -------------------------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        self._start_tag(tag, attrs, False)

    def handle_startendtag(self, tag, attrs):
        self._start_tag(tag, attrs, True)

    def _start_tag(self, tag, attrs, self_closing: bool) -> None:
        line, column = self.getpos()
        start = self._line_starts[line - 1] + column
        values = dict(attrs)
        if len(values) < len(attrs):
            values = _first_of_each(attrs)
        self.markup.append(_new(StartTag, (tag, values, start, start + len(self.get_starttag_text()), self_closing)))

    # everything else: the handler notes the start, the parse_* method around it the end -------
    def _begin(self, kind, detail: str) -> None:
        if self._pending is not None:
            raise HtmlScanError(f"markup at {self._pending[2]} was never given an end")
        line, column = self.getpos()
        self._pending = (kind, detail, self._line_starts[line - 1] + column)

    def _ended(self, i: int, k: int) -> int:
        pending = self._pending
        if pending is not None:
            if k < i:
                raise HtmlScanError(f"markup at {pending[2]} was reported but not consumed")
            self._pending = None
            kind, detail, start = pending
            self.markup.append(_new(kind, (detail, start, start + (k - i))))
        return k

    def handle_endtag(self, tag):  # _begin, inlined: end tags are half of all markup
        if self._pending is not None:
            raise HtmlScanError(f"markup at {self._pending[2]} was never given an end")
        line, column = self.getpos()
        self._pending = (EndTag, tag, self._line_starts[line - 1] + column)

    def handle_comment(self, data):
        self._begin(Markup, "comment")

    def handle_decl(self, decl):
        self._begin(Markup, "decl")

    def handle_pi(self, data):
        self._begin(Markup, "pi")

    def unknown_decl(self, data):
        self._begin(Markup, "unknown_decl")

    def parse_endtag(self, i):
        k = super().parse_endtag(i)
        pending = self._pending
        if pending is not None and k >= i:  # _ended, inlined: end tags are half of all markup
            self._pending = None
            kind, detail, start = pending
            self.markup.append(_new(kind, (detail, start, start + (k - i))))
            return k
        return self._ended(i, k)

    def parse_comment(self, i, report=1):
        return self._ended(i, super().parse_comment(i, report))

    def parse_pi(self, i):
        return self._ended(i, super().parse_pi(i))

    def parse_html_declaration(self, i):
        return self._ended(i, super().parse_html_declaration(i))

    def parse_marked_section(self, i, report=1):
        """`<![CDATA[…]]>` and the like, as HTMLParser reads them; any other `<![…` is a bogus
        comment up to the next `>` (as in a browser), where HTMLParser would raise."""
        name = _SECTION_NAME.match(self.rawdata, i + 3)
        if name and name.group().lower() in _MARKED_SECTIONS:
            return super().parse_marked_section(i, report)
        return self.parse_bogus_comment(i, report)

    def close(self):
        super().close()
        if self._pending is not None:
            # reported by the parser at the end of the input (newer HTMLParsers do so for an
            # unterminated comment or declaration), which it then consumes to the end
            kind, detail, start = self._pending
            self._pending = None
            self.markup.append(_new(kind, (detail, start, self._length)))


def _first_of_each(attrs: list[tuple[str, str | None]]) -> dict[str, str | None]:
    """Of an attribute given twice, the first counts (as in a browser)."""
    values: dict[str, str | None] = {}
    for name, value in attrs:
        values.setdefault(name, value)
    return values
