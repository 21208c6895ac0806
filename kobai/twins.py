"""Every page exists in every language: find the ones that do not.

The suffix layout keeps a page and its translation side by side (`page.ja.md`, `page.en.md`),
so a missing twin is a file name away. This module knows nothing about MkDocs.
"""

from __future__ import annotations

import re
from pathlib import Path

_PAGE = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2})\.(?P<ext>md|ipynb|py)$")


def page_languages(docs_dir: Path, extensions: tuple[str, ...] = ("md", "ipynb", "py"),
                   notebook_folders: list[str] | None = None) -> dict:
    """Map (folder, stem, extension) to the set of languages a page exists in. Notebook sources
    (.ipynb, .py) count only inside `notebook_folders` (all folders when None)."""
    pages: dict[tuple[str, str, str], set[str]] = {}
    for path in sorted(docs_dir.rglob("*")):
        match = _PAGE.match(path.name)
        if not path.is_file() or not match or match["ext"] not in extensions:
            continue
        folder = path.parent.relative_to(docs_dir).as_posix()
        if match["ext"] != "md" and notebook_folders is not None and not _inside(folder, notebook_folders):
            continue
        pages.setdefault((folder, match["stem"], match["ext"]), set()).add(match["lang"])
    return pages


def _inside(folder: str, folders: list[str]) -> bool:
    return any(folder == f.strip("/") or folder.startswith(f.strip("/") + "/") for f in folders)


def untranslated_pages(docs_dir: Path, languages: list[str], notebook_folders: list[str] | None = None) -> list[str]:
    """Paths (relative to docs_dir) of the translations that are missing, sorted."""
    missing = []
    for (folder, stem, ext), present in page_languages(docs_dir, notebook_folders=notebook_folders).items():
        for lang in languages:
            if lang not in present:
                prefix = "" if folder == "." else f"{folder}/"
                missing.append(f"{prefix}{stem}.{lang}.{ext}")
    return sorted(missing)


def unsuffixed_pages(docs_dir: Path) -> list[str]:
    """Markdown pages without a language suffix: they would be published in no clear language."""
    return sorted(
        p.relative_to(docs_dir).as_posix()
        for p in docs_dir.rglob("*.md")
        if p.is_file() and not _PAGE.match(p.name)
    )
