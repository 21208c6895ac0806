"""Join Japanese lines that Markdown source breaks for readability.

A line break inside a Markdown paragraph becomes a newline in HTML, which browsers draw as a
space: harmless between English words, a visible gap between two Japanese characters
("…届くまでに ほとんど…"). Newlines between two CJK characters (tags in between allowed) are
removed, except inside <pre>, <code>, <script>, <style> and <textarea>, where they mean something.
"""

from __future__ import annotations

import re

from kobai.japanese import TEXT as CJK
_TAGS = r"(?:</?[A-Za-z][^>]*>)*"
_BREAK = re.compile(f"([{CJK}]{_TAGS})[ \\t]*\\n[ \\t]*({_TAGS}[{CJK}])")
_VERBATIM = re.compile(r"(<(pre|code|script|style|textarea)\b.*?</\2>)", re.S | re.I)


def join_cjk_lines(html: str) -> str:
    parts = _VERBATIM.split(html)
    # split() with two groups yields: text, whole verbatim element, tag name, text, …
    out = []
    for i in range(0, len(parts), 3):
        out.append(_BREAK.sub(r"\1\2", parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)
