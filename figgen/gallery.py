"""The figure gallery (図の一覧 / Figure gallery): one generated page per language, made from the
registry and from the pages that embed each figure, so a new figure appears without editing it.

Like the glossary's pages, the sources are real files in a git-ignored folder under docs/
(mkdocs-static-i18n localises only files inside docs_dir). Each card is a `{{ figure_card("id") }}`
line, expanded by the plugin like any embed, and Markdown links to the articles that use the
figure, which MkDocs checks like every other link.
"""

from __future__ import annotations

import re
from pathlib import Path

from figgen.embed import embedded_ids
from figgen.figure import LANGUAGES, Figure

FOLDER = "gallery"
_PAGE = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2})\.md$")
_TITLE = re.compile(r"^#\s+(.+?)\s*$", re.M)

WORDS = {
    "ja": {
        "title": "図の一覧",
        "intro": "このハンドブックの図はすべて、`figgen` が実際にモデルを学習させて（または自動微分を実際に計算して）"
                 "描いたものです。各図の下の「データと再現方法」に、数値データ（JSON・CSV）と、その図だけを作り直すコマンドがあります。"
                 "図は {count} 枚あります。",
        "used": "載っている記事",
        "terms": "用語集",
        "unused": "まだどの記事にも載っていません。",
    },
    "en": {
        "title": "Figure gallery",
        "intro": "Every figure in this handbook was drawn by `figgen` from a model it really trained (or from autograd "
                 "it really ran). Under each figure, “Data and reproduction” holds its numbers (JSON and CSV) and the "
                 "command that rebuilds just that figure. There are {count} figures.",
        "used": "Articles",
        "terms": "Glossary",
        "unused": "Not in any article yet.",
    },
}


def usage(docs_dir: Path, skip: tuple[str, ...] = (FOLDER,)) -> dict[str, dict[str, list[tuple[str, str]]]]:
    """figure id → language → [(page path relative to docs_dir, page title)] of the Markdown
    pages that embed it, in path order."""
    found: dict[str, dict[str, list[tuple[str, str]]]] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        match = _PAGE.match(path.name)
        if not match or rel.split("/", 1)[0] in skip:
            continue
        text = path.read_text(encoding="utf-8")
        title = _TITLE.search(text)
        for figure_id in dict.fromkeys(embedded_ids(text)):
            neutral = rel[: -len(path.name)] + f"{match['stem']}.md"
            found.setdefault(figure_id, {}).setdefault(match["lang"], []).append(
                (neutral, title.group(1) if title else neutral))
    return found


def page(figures: list[Figure], used: dict, lang: str) -> str:
    words = WORDS[lang]
    lines = [f"# {words['title']}", "", words["intro"].format(count=len(figures)), ""]
    for figure in figures:
        lines += [f"## {figure.title[lang]} {{ #{figure.id} }}", "", f'{{{{ figure_card("{figure.id}") }}}}', ""]
        pages = used.get(figure.id, {}).get(lang, [])
        articles = [(path, title) for path, title in pages if not path.startswith("glossary/")]
        terms = [(path, title) for path, title in pages if path.startswith("glossary/")]
        join = "、".join if lang == "ja" else ", ".join
        lines += [f"{words['used']}: " + join(f"[{title}](../{path})" for path, title in articles) if articles
                  else words["unused"], ""]
        if terms:
            lines += [f"{words['terms']}: " + join(f"[{title}](../{path})" for path, title in terms), ""]
    return "\n".join(lines)


def pages(figures: list[Figure], docs_dir: Path) -> dict[str, str]:
    """The gallery's sources, `index.<lang>.md` for each language."""
    used = usage(docs_dir)
    return {f"index.{lang}.md": page(figures, used, lang) for lang in LANGUAGES}
