"""Citations in Markdown: `[@he2016resnet]` or `[@glorot2010; @he2015delving]`.

A marker becomes the short form in parentheses, each name a link to its entry on the references
page; a page that cites anything gets its own reference list before its "Next" section. Markers
inside fenced code or inline code are shown as written.
"""

from __future__ import annotations

import re
from pathlib import Path

from bibliography.model import Reference
from kobai.markdown_text import lines_outside_fences, without_inline_code

MARKER = re.compile(r"\[@([a-z0-9-]+(?:\s*;\s*@[a-z0-9-]+)*)\]")
NEXT_HEADING = {"ja": "## 次に読む", "en": "## Next"}
LIST_HEADING = {"ja": "## 参考文献", "en": "## References"}
PAGE = "references/index.md"


class CitationError(ValueError):
    pass


def _prose_lines(markdown: str):
    """(line number, line with inline code blanked) for each line outside fenced code."""
    return ((number, without_inline_code(line))
            for number, line, outside in lines_outside_fences(markdown) if outside)


def _keys(inner: str) -> list[str]:
    return [part.strip().lstrip("@") for part in inner.split(";")]


def citations(markdown: str) -> list[tuple[int, str]]:
    """(line, key) of every citation outside code, in page order."""
    return [(number, key) for number, line in _prose_lines(markdown)
            for match in MARKER.finditer(line) for key in _keys(match.group(1))]


def expand(markdown: str, references: dict[str, Reference], lang: str, to_root: str) -> tuple[str, list[str]]:
    """Markdown with every marker expanded and the page's reference list inserted; and the keys
    it cites, in order of first citation. `to_root` is the relative path from the page's folder
    to the docs root ("" or "../…/")."""
    cited: list[str] = []
    lines = markdown.split("\n")
    for number, prose in _prose_lines(markdown):
        line, offset = lines[number - 1], 0
        for match in MARKER.finditer(prose):
            links = []
            for key in _keys(match.group(1)):
                if key not in references:
                    raise CitationError(f"line {number}: unknown citation key {key!r}")
                cited.append(key)
                links.append(f"[{references[key].short(lang)}]({to_root}{PAGE}#{key})")
            text = ("（" + "；".join(links) + "）") if lang == "ja" else ("(" + "; ".join(links) + ")")
            start, end = match.start() + offset, match.end() + offset
            line = line[:start] + text + line[end:]
            offset += len(text) - (match.end() - match.start())
        lines[number - 1] = line
    cited = list(dict.fromkeys(cited))
    out = "\n".join(lines)
    if cited:
        out = _insert_list(out, [references[k] for k in cited], lang, to_root)
    return out, cited


def _insert_list(markdown: str, cited: list[Reference], lang: str, to_root: str) -> str:
    items = [LIST_HEADING[lang], ""] + [f"- {ref.full_html()} [↩]({to_root}{PAGE}#{ref.key})" for ref in cited] + [""]
    block = "\n".join(items) + "\n"
    heading = NEXT_HEADING[lang]
    at = markdown.rfind("\n" + heading + "\n")
    if at == -1:
        return markdown.rstrip("\n") + "\n\n" + block
    return markdown[: at + 1] + block + markdown[at + 1 :]


def usage(docs_dir: Path, skip: tuple[str, ...]) -> dict[str, list[tuple[str, int, str]]]:
    """key → [(page path relative to docs_dir, line, language)] for every citation in docs/."""
    found: dict[str, list[tuple[str, int, str]]] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        match = re.match(r".+\.([a-z]{2})\.md$", path.name)
        if not match or rel.startswith(skip):
            continue
        for line, key in citations(path.read_text(encoding="utf-8")):
            found.setdefault(key, []).append((rel, line, match.group(1)))
    return found
