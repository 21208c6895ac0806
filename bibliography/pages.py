"""The references page (参考文献 / References), one per language, generated from the data."""

from __future__ import annotations

import re
from pathlib import Path

from bibliography.model import Reference

FOLDER = "references"
WORDS = {
    "ja": {"title": "参考文献", "intro": "このハンドブックが名前を挙げる論文の一覧です。本文中の「（著者, 年）」はここへのリンクです。各項目の下に、その論文を引用しているページがあります。",
           "cited": "引用しているページ", "term": "用語「{}」"},
    "en": {"title": "References", "intro": "Every paper this handbook names. An “(author, year)” in the text links here; under each entry are the pages that cite it.",
           "cited": "Cited on", "term": "glossary: {}"},
}
_TITLE = re.compile(r"^#\s+(.+?)\s*$", re.M)


def page(references: dict[str, Reference], used: dict, docs_dir: Path, lang: str) -> str:
    w = WORDS[lang]
    lines = [f"# {w['title']}", "", w["intro"], ""]
    order = sorted(references.values(), key=lambda r: (r.family().lower(), r.year, r.key))
    for ref in order:
        lines += [f'<p class="reference" id="{ref.key}" markdown>{ref.full_html()}</p>', ""]
        pages = dict.fromkeys(rel for rel, _, page_lang in used.get(ref.key, []) if page_lang == lang)
        if pages:
            links = []
            for rel in pages:
                title = _TITLE.search((docs_dir / rel).read_text(encoding="utf-8"))
                neutral = re.sub(r"\.[a-z]{2}\.md$", ".md", rel)
                text = title.group(1) if title else neutral
                if neutral.startswith("glossary/"):
                    text = w["term"].format(text)
                links.append(f"[{text}](../{neutral})")
            lines += [f"{w['cited']}: " + ("、".join(links) if lang == "ja" else ", ".join(links)), ""]
    return "\n".join(lines)


def pages(references: dict[str, Reference], used: dict, docs_dir: Path, languages) -> dict[str, str]:
    return {f"index.{lang}.md": page(references, used, docs_dir, lang) for lang in languages}
