"""Tell Markdown prose from code, line by line: fenced code blocks and inline code spans.

The site's Markdown plugins (figure embeds in figgen/embed.py, citations in bibliography/cite.py,
glossary appearances in glossary/pages.py) act on prose only: inside code, a page shows their
syntax as written. They share these two functions so that they agree on what code is.

The rules are CommonMark's (https://spec.commonmark.org/0.31.2/), reduced to what a line-by-line
scan can know:

- `lines_outside_fences`: a fence opens on a line of at least 3 backticks or at least 3 tildes,
  at any indentation (pymdownx.superfences nests fences in admonitions, content tabs and lists,
  indented by 4 spaces or more; this site has no indented code blocks), followed by an optional
  info string, which for a backtick fence may not contain a backtick
  (```` ```x``` ```` is inline code, not a fence). It closes on a line of the same character, at
  least as long as the opener, at any indentation, followed by nothing but spaces or tabs. A fence never closed runs to the end of the text.
- `without_inline_code`: a code span opens with a run of N backticks and closes with the next run
  of exactly N backticks (a run that is part of a longer or shorter run does not close it). A run
  with no such closer on the line is literal text. A backslash before a backtick outside code
  escapes it (that backtick cannot open a span); inside a span backslashes are literal.

Where the two copies this module replaced (in figgen/embed.py and bibliography/cite.py) disagreed
with each other or with CommonMark, CommonMark won, except for indentation (above). They took a
backtick line with backticks in its info string for a fence.
Their inline-code patterns differed, and both let a span close on backticks that are part of a
longer run, or open on part of one (in "``a`" they found a span); figgen's also took "``" for an
empty span. Neither knew backslash escapes.

Known limits of a line-by-line scan: an indented code block (4 spaces, no fence) is not seen as
code; a code span does not continue onto the next line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_OPENER = re.compile(r"[ \t]*(?P<fence>`{3,}|~{3,})(?P<info>.*)")
_CLOSER = re.compile(r"[ \t]*(?P<fence>`{3,}|~{3,})[ \t]*\r?")
_BACKTICKS = re.compile(r"`+")


def lines_outside_fences(markdown: str) -> Iterator[tuple[int, str, bool]]:
    """(line number from 1, line, outside a fenced code block) for every line of `markdown`
    (split on "\\n"). The opening and closing fence lines themselves are inside."""
    fence = None  # the opening fence of the block we are in: its character and length
    for number, line in enumerate(markdown.split("\n"), start=1):
        if fence is None:
            opener = _OPENER.fullmatch(line)
            if opener and not (opener["fence"][0] == "`" and "`" in opener["info"]):
                fence = opener["fence"]
                yield number, line, False
            else:
                yield number, line, True
        else:
            closer = _CLOSER.fullmatch(line)
            if closer and closer["fence"][0] == fence[0] and len(closer["fence"]) >= len(fence):
                fence = None
            yield number, line, False


def code_spans(line: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every inline code span in `line`, backtick delimiters included."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(line)]
    i = 0
    while i < len(runs):
        start, end = runs[i]
        backslashes = start - len(line[:start].rstrip("\\"))
        if backslashes % 2:
            start += 1  # the first backtick is escaped: the rest of the run may still open a span
        length = end - start
        closer = next((j for j in range(i + 1, len(runs)) if runs[j][1] - runs[j][0] == length), None) \
            if length else None
        if closer is None:
            i += 1
        else:
            yield start, runs[closer][1]
            i = closer + 1


def without_inline_code(line: str) -> str:
    """`line` with every inline code span, delimiters included, replaced by as many spaces, so
    offsets into the result are offsets into `line`."""
    out, last = [], 0
    for start, end in code_spans(line):
        out += [line[last:start], " " * (end - start)]
        last = end
    return "".join(out) + line[last:]
